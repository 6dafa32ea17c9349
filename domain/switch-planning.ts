import { compareIds, holderReplacements } from './automatic-change';
import { findPlan } from './catalogue';
import type { InputError } from './findings';
import { isReplacementDone, type LicenceReplacement } from './licence-replacement';
import { licencesForGroups, takesLicence } from './move-preflight';
import { err, ok, type Result } from './result';
import type { TenantSnapshot, User } from './snapshot/schema';
import { isValidJobId, PENDING_SUBSCRIPTION_ID, type SwitchJob } from './switch-job';
import type { SubscriptionStatus } from './vocabulary';

// Turns a request into the job the runner will perform: every replacement decided up front, so a run
// that resumes after a crash works through the same list.

export interface AutomaticChangeJobRequest {
  subscriptionId: string;
  toPlan: string;
  /** An opaque id of the person asking, never a UPN. */
  requestedBy: string;
  addLicenses?: number;
  jobId?: string;
}

export interface MoveUsersJobRequest {
  fromSubscriptionId: string;
  toSubscriptionId: string;
  userIds: string[];
  requestedBy: string;
  jobId?: string;
  /** The usage location (two letters) to give users who have none before their licence is moved, as the admin chose. */
  setUsageLocation?: string;
  /** Groups whose licence to move (for every member) when a chosen user's old licence comes from them, as the admin chose. */
  moveGroupIds?: string[];
}

export interface JobContext {
  id: string;
  createdAt: string;
  batchSize: number;
}

export type PlanError =
  | InputError
  | { code: 'INVALID_JOB_ID'; jobId: string }
  | { code: 'INVALID_REQUESTER' }
  | { code: 'SUBSCRIPTION_NOT_ACTIVE'; subscriptionId: string; status: SubscriptionStatus }
  | { code: 'USERS_NOT_ON_SUBSCRIPTION'; userIds: string[]; subscriptionId: string }
  | { code: 'NOT_ENOUGH_LICENSES'; needed: number; available: number; toBuy: number; subscriptionId: string };

const looksLikeUpn = (value: string) => value.includes('@');
const holds = (user: User, subscriptionId: string) => user.licenses.some((l) => l.subscriptionId === subscriptionId);

function baseJob(snapshot: TenantSnapshot, context: JobContext, requestedBy: string): Result<Omit<SwitchJob, 'kind' | 'subscriptionId' | 'replacements'>, PlanError> {
  if (!isValidJobId(context.id)) return err({ code: 'INVALID_JOB_ID', jobId: context.id });
  if (requestedBy.length === 0 || looksLikeUpn(requestedBy)) return err({ code: 'INVALID_REQUESTER' });
  return ok({
    id: context.id,
    tenantId: snapshot.tenant.id,
    requestedBy,
    createdAt: context.createdAt,
    step: 'pending',
    cursor: 0,
    batchSize: Math.max(1, Math.floor(context.batchSize)),
    attempts: 0,
    version: 0,
  });
}

/**
 * The job for an automatic change of one subscription: every holder of its licence, sorted by user id,
 * moves to the subscription the job will buy. Checks only what the runner needs; whether the change is
 * allowed at all (blockers, roles) is the eligibility check's to say before a job is planned.
 */
export function planAutomaticChangeJob(snapshot: TenantSnapshot, request: AutomaticChangeJobRequest, context: JobContext): Result<SwitchJob, PlanError> {
  const base = baseJob(snapshot, context, request.requestedBy);
  if (!base.ok) return base;
  const subscription = snapshot.subscriptions.find((s) => s.id === request.subscriptionId);
  if (!subscription) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.subscriptionId });
  if (subscription.status === 'deleted') return err({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: subscription.id, status: subscription.status });
  if (!findPlan(request.toPlan)) return err({ code: 'UNKNOWN_PLAN', planId: request.toPlan });
  if (request.toPlan === subscription.planId) return err({ code: 'SAME_PLAN', planId: request.toPlan });
  const { addLicenses } = request;
  if (addLicenses !== undefined && !(Number.isInteger(addLicenses) && addLicenses >= 0)) {
    return err({ code: 'INVALID_LICENSE_COUNT', licenseCount: addLicenses });
  }
  return ok({
    ...base.value,
    kind: 'automatic-change',
    subscriptionId: subscription.id,
    fromPlan: subscription.planId,
    toPlan: request.toPlan,
    ...(addLicenses === undefined ? {} : { addLicenses }),
    replacements: holderReplacements(snapshot, subscription.id, PENDING_SUBSCRIPTION_ID),
  });
}

/** The chosen groups the user's old licence comes from, for the replacement. */
function groupsToMove(user: User, fromSubscriptionId: string, chosen: readonly string[] | undefined): { moveGroupIds?: string[] } {
  if (!chosen || chosen.length === 0) return {};
  const groups = (user.licenses.find((l) => l.subscriptionId === fromSubscriptionId)?.groupIds ?? []).filter((g) => chosen.includes(g));
  return groups.length > 0 ? { moveGroupIds: groups } : {};
}

/** The job for moving chosen users from one subscription to another the tenant already has. */
export function planMoveUsersJob(snapshot: TenantSnapshot, request: MoveUsersJobRequest, context: JobContext): Result<SwitchJob, PlanError> {
  const base = baseJob(snapshot, context, request.requestedBy);
  if (!base.ok) return base;
  const from = snapshot.subscriptions.find((s) => s.id === request.fromSubscriptionId);
  if (!from) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.fromSubscriptionId });
  const to = snapshot.subscriptions.find((s) => s.id === request.toSubscriptionId);
  if (!to) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.toSubscriptionId });
  if (from.id === to.id) return err({ code: 'SAME_SUBSCRIPTION', subscriptionId: from.id });
  if (to.status !== 'active') return err({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: to.id, status: to.status });
  const userIds = [...new Set(request.userIds)].sort(compareIds);
  if (userIds.length === 0) return err({ code: 'NO_USERS_CHOSEN' });
  const wanted = new Set(userIds);
  const users = new Map<string, User>();
  let assignedOnTarget = 0;
  for (const user of snapshot.users) {
    if (wanted.has(user.id)) users.set(user.id, user);
    if (holds(user, to.id)) assignedOnTarget += 1;
  }
  const unknown = userIds.find((id) => !users.has(id));
  if (unknown !== undefined) return err({ code: 'UNKNOWN_USER', userId: unknown });
  const setLocation = request.setUsageLocation;
  const replacements: LicenceReplacement[] = userIds.map((userId) => ({
    userId,
    removeSubscriptionId: from.id,
    addSubscriptionId: to.id,
    ...(setLocation !== undefined && users.get(userId)!.usageLocation === null ? { setUsageLocation: setLocation } : {}),
    ...groupsToMove(users.get(userId)!, from.id, request.moveGroupIds),
  }));
  // A user already moved (new licence, no old one) is fine: the replacement is done and stays so.
  const notOnSource = replacements.filter((r) => {
    const user = users.get(r.userId)!;
    return !holds(user, from.id) && !isReplacementDone(user, r);
  });
  if (notOnSource.length > 0) {
    return err({ code: 'USERS_NOT_ON_SUBSCRIPTION', userIds: notOnSource.map((r) => r.userId), subscriptionId: from.id });
  }
  // Users the move will not write (a group's licence, no usage location) take no licence; a group whose
  // licence is moved takes one for each member, chosen or not.
  const needed =
    userIds.filter((id) => takesLicence(users.get(id)!, from.id, to.id, setLocation !== undefined)).length +
    licencesForGroups(snapshot, from.id, to.id, request.moveGroupIds ?? []);
  const available = Math.max(0, to.purchasedLicenses - assignedOnTarget);
  if (needed > available) return err({ code: 'NOT_ENOUGH_LICENSES', needed, available, toBuy: needed - available, subscriptionId: to.id });
  return ok({ ...base.value, kind: 'move-users', subscriptionId: from.id, toSubscriptionId: to.id, userIds, replacements });
}
