import { dataServicesLost, includesOfficeApps, leavesArticleFamily, type Plan } from './catalogue';
import type { Notice } from './findings';
import type { User } from './snapshot/schema';
import { DATA_SERVICES, type DataService } from './vocabulary';

/** How many user ids a notice lists; its count always tells the whole number. */
export const LISTED_USERS_LIMIT = 20;

export interface BackupOptions {
  /** The older wizard keeps every user's data ("brukerne vil fremdeles få tilgang til dataene sine"). */
  dataKept?: boolean;
  /** Users left without a licence of the new plan: like a user leaving, they lose every data service of the old plan. */
  usersLosingLicence?: number;
}

export function backupNotice(from: Plan, to: Plan, options: BackupOptions = {}): Notice {
  const leaving = options.usersLosingLicence ?? 0;
  if (options.dataKept && leaving === 0) return { code: 'NO_BACKUP_NEEDED' };
  const lost = new Set<DataService>(options.dataKept ? [] : dataServicesLost(from, to));
  if (leaving > 0) for (const service of Object.keys(from.dataServices) as DataService[]) lost.add(service);
  const services = DATA_SERVICES.filter((service) => lost.has(service));
  if (services.length === 0) return { code: 'NO_BACKUP_NEEDED' };
  return leaving > 0 ? { code: 'BACKUP_REQUIRED', services, usersLosingLicence: leaving } : { code: 'BACKUP_REQUIRED', services };
}

/**
 * The data services a user stops having when their licence of `fromSubscriptionId` is replaced by one of `to`
 * (or, without `to`, removed): the old plan's services they use (not turned off for them) that neither the new
 * plan nor another licence of theirs gives at the same or a higher level.
 */
export function dataServicesUserLoses(
  user: User,
  fromSubscriptionId: string,
  from: Plan,
  to: Plan | undefined,
  planOfSubscription: (subscriptionId: string) => Plan | undefined,
): DataService[] {
  const license = user.licenses.find((l) => l.subscriptionId === fromSubscriptionId);
  const turnedOff = new Set<string>(license?.disabledServices ?? []);
  const kept = [to, ...user.licenses.filter((l) => l.subscriptionId !== fromSubscriptionId).map((l) => planOfSubscription(l.subscriptionId))];
  return DATA_SERVICES.filter((service) => {
    const had = from.dataServices[service];
    if (had === undefined || turnedOff.has(service)) return false;
    return !kept.some((plan) => (plan?.dataServices[service] ?? 0) >= had);
  });
}

/** BACKUP_REQUIRED for the services any of these users stops having, else NO_BACKUP_NEEDED. */
export function usersBackupNotice(lostPerUser: readonly DataService[][]): Notice {
  const lost = new Set(lostPerUser.flat());
  const services = DATA_SERVICES.filter((service) => lost.has(service));
  return services.length > 0 ? { code: 'BACKUP_REQUIRED', services } : { code: 'NO_BACKUP_NEEDED' };
}

/** Users of the subscription with some of its services turned off: those settings are reset by a change. */
export function customAssignmentsNotice(users: readonly User[], subscriptionId: string): Notice | undefined {
  const customised: string[] = [];
  for (const user of users) {
    const license = user.licenses.find((l) => l.subscriptionId === subscriptionId);
    if (license && license.disabledServices.length > 0) customised.push(user.id);
  }
  if (customised.length === 0) return undefined;
  customised.sort();
  return { code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET', count: customised.length, userIds: customised.slice(0, LISTED_USERS_LIMIT) };
}

/** Only for the older plans' service families that the nb article names (not for today's plans, nor standalone ones). */
export function crossFamilyNotice(from: Plan, to: Plan): Notice | undefined {
  return leavesArticleFamily(from, to) ? { code: 'CROSS_FAMILY_NO_RETURN', fromFamily: from.family, toFamily: to.family } : undefined;
}

export function officeReactivationNotice(from: Plan, to: Plan): Notice | undefined {
  return includesOfficeApps(from) && includesOfficeApps(to) ? { code: 'OFFICE_REACTIVATION' } : undefined;
}

/** The notices every way of moving users from one plan to another shares. */
export function planToPlanNotices(from: Plan, to: Plan, users: readonly User[], subscriptionId: string, backup: BackupOptions = {}): Notice[] {
  return [
    backupNotice(from, to, backup),
    customAssignmentsNotice(users, subscriptionId),
    crossFamilyNotice(from, to),
    officeReactivationNotice(from, to),
  ].filter((notice): notice is Notice => notice !== undefined);
}
