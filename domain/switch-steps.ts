import { findPlan } from './catalogue';
import { ok } from './result';
import type { User } from './snapshot/schema';
import { JOB_ERRORS } from './switch-errors';
import { PENDING_SUBSCRIPTION_ID, type SwitchJob } from './switch-job';
import { replaceBatch } from './switch-licence-batch';
import type { RunMemo, StepContext, StepResult } from './switch-step-context';

// The order of a job's steps. Every step first does its idempotent gateway call, then records its
// result with one conditional write, so a step repeated after a crash does no harm.

const holds = (user: User, subscriptionId: string) => user.licenses.some((l) => l.subscriptionId === subscriptionId);

/** Does the job's next step and records it. */
export async function nextStep(job: SwitchJob, memo: RunMemo, context: StepContext): Promise<StepResult> {
  switch (job.step) {
    case 'pending':
      return job.kind === 'automatic-change' ? createSubscription(job, memo, context) : replaceBatch(job, memo, context);
    case 'subscription-created':
      return replaceBatch(job, memo, context);
    case 'licences-replaced':
      return job.kind === 'automatic-change' ? cancelOld(job, context) : context.save(job, { step: 'done' });
    case 'old-cancelled':
      return context.save(job, { step: 'done' });
    case 'done':
    case 'failed':
      return ok(job);
  }
}

async function createSubscription(job: SwitchJob, memo: RunMemo, context: StepContext): Promise<StepResult> {
  const old = memo.snapshot.subscriptions.find((s) => s.id === job.subscriptionId);
  if (!old) return context.fail(job, JOB_ERRORS.subscriptionNotFound);
  if (job.toPlan === undefined || !findPlan(job.toPlan)) return context.fail(job, JOB_ERRORS.planNotFound);
  await context.paced(job, 'create-subscription', 0);
  const { subscriptionId } = await context.gateway.createSubscription({
    idempotencyKey: job.id,
    basedOnSubscriptionId: job.subscriptionId,
    planId: job.toPlan,
    startDate: context.today(),
    ...(job.addLicenses === undefined ? {} : { addLicenses: job.addLicenses }),
  });
  const replacements = job.replacements.map((r) => (r.addSubscriptionId === PENDING_SUBSCRIPTION_ID ? { ...r, addSubscriptionId: subscriptionId } : r));
  return context.save(job, { step: 'subscription-created', newSubscriptionId: subscriptionId, replacements });
}

/** Cancels the old subscription once nobody holds its licence any more; otherwise fails, cancelling nothing. */
async function cancelOld(job: SwitchJob, context: StepContext): Promise<StepResult> {
  const snapshot = await context.gateway.readSnapshot();
  const planned = new Set(job.replacements.map((r) => r.userId));
  const stillOnOld = snapshot.users.filter((user) => holds(user, job.subscriptionId));
  if (stillOnOld.length > 0) {
    return context.fail(
      job,
      JOB_ERRORS.oldStillAssigned,
      stillOnOld.map((user) => ({ userId: user.id, error: planned.has(user.id) ? 'NOT_MOVED' : 'ASSIGNED_AFTER_PLANNING' })),
    );
  }
  await context.paced(job, 'cancel-subscription', 0);
  await context.gateway.cancelSubscription(job.subscriptionId, context.today());
  return context.save(job, { step: 'old-cancelled' });
}
