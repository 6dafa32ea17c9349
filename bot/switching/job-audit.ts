import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { SwitchJob } from '../../domain/switch-job';

// The fields the log and the audit give for a job's start, failure and end: ids, plans and counts,
// never a person's name or address.

/** For the audit: each subscription's purchased licences and how many users hold one. */
export function licenceCounts(snapshot: TenantSnapshot, subscriptionIds: (string | undefined)[]): Record<string, { purchased: number; assigned: number }> {
  const counts: Record<string, { purchased: number; assigned: number }> = {};
  for (const id of subscriptionIds) {
    const subscription = id === undefined ? undefined : snapshot.subscriptions.find((s) => s.id === id);
    if (!subscription) continue;
    counts[subscription.id] = { purchased: subscription.purchasedLicenses, assigned: snapshot.users.filter((u) => u.licenses.some((l) => l.subscriptionId === subscription.id)).length };
  }
  return counts;
}

/** switch.started: `before` is the tenant as it was read for the press. */
export function startedAudit(job: SwitchJob, userId: string, before: TenantSnapshot): Record<string, unknown> {
  return {
    tenantId: job.tenantId,
    userId,
    jobId: job.id,
    kind: job.kind,
    subscriptionId: job.subscriptionId,
    fromPlan: job.fromPlan,
    toPlan: job.toPlan,
    toSubscriptionId: job.toSubscriptionId,
    licencesBefore: before.subscriptions.find((s) => s.id === job.subscriptionId)?.purchasedLicenses,
    licenceCountsBefore: licenceCounts(before, [job.subscriptionId, job.toSubscriptionId]),
    users: job.replacements.length,
  };
}

/** switch.failed: names the job, not the people. `recorded`: whether the failure could be written to the store. */
export function failedLog(job: SwitchJob, tenantId: string, recorded: boolean): Record<string, unknown> {
  return {
    jobId: job.id,
    tenantId,
    kind: job.kind,
    error: job.error,
    cause: job.cause,
    failedStep: job.failedStep,
    usersMoved: Math.min(job.cursor, job.replacements.length),
    users: job.replacements.length,
    newSubscriptionId: job.newSubscriptionId,
    recorded,
  };
}

/** switch.finished: `after` is the tenant read once the job ended, if it could be read. */
export function finishedAudit(job: SwitchJob, tenantId: string, after: TenantSnapshot | undefined): Record<string, unknown> {
  return {
    tenantId,
    userId: job.requestedBy,
    jobId: job.id,
    kind: job.kind,
    step: job.step,
    error: job.error,
    subscriptionId: job.subscriptionId,
    fromPlan: job.fromPlan,
    toPlan: job.toPlan,
    toSubscriptionId: job.toSubscriptionId,
    newSubscriptionId: job.newSubscriptionId,
    users: job.replacements.length,
    licenceCountsAfter: after && licenceCounts(after, [job.subscriptionId, job.toSubscriptionId, job.newSubscriptionId]),
  };
}
