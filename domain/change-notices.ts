import { dataServicesLost, includesOfficeApps, type Plan } from './catalogue';
import type { Notice } from './findings';
import type { User } from './snapshot/schema';

/** How many user ids a notice lists; its count always tells the whole number. */
export const LISTED_USERS_LIMIT = 20;

export function backupNotice(from: Plan, to: Plan): Notice {
  const services = dataServicesLost(from, to);
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

export function crossFamilyNotice(from: Plan, to: Plan): Notice | undefined {
  return from.family === to.family ? undefined : { code: 'CROSS_FAMILY_NO_RETURN', fromFamily: from.family, toFamily: to.family };
}

export function officeReactivationNotice(from: Plan, to: Plan): Notice | undefined {
  return includesOfficeApps(from) && includesOfficeApps(to) ? { code: 'OFFICE_REACTIVATION' } : undefined;
}

/** The notices every way of moving users from one plan to another shares. */
export function planToPlanNotices(from: Plan, to: Plan, users: readonly User[], subscriptionId: string): Notice[] {
  return [
    backupNotice(from, to),
    customAssignmentsNotice(users, subscriptionId),
    crossFamilyNotice(from, to),
    officeReactivationNotice(from, to),
  ].filter((notice): notice is Notice => notice !== undefined);
}
