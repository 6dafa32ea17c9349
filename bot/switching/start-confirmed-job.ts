import { createHash } from 'node:crypto';
import type { Result } from '../../domain/result';
import type { StartError } from '../../domain/switch-errors';
import type { JobStore, SwitchJob } from '../../domain/switch-job';
import type { SwitchRunner } from '../../domain/switch-runner';
import type { Confirmation } from './confirmation';

/** One job id per subscription and generation: two presses at once compute the same id, so only one job is created. */
export async function slotJobId(jobs: JobStore, tenantId: string, subscriptionId: string): Promise<string> {
  const generation = (await jobs.list(tenantId)).filter((job) => job.subscriptionId === subscriptionId).length + 1;
  const hash = createHash('sha256').update(`${tenantId}\u0000${subscriptionId}`).digest('hex').slice(0, 16);
  return `sw-${hash}-${generation}`;
}

/** Plans and stores the job the confirmation was for (not yet run). */
export function startConfirmedJob(runner: SwitchRunner, confirmation: Confirmation, requestedBy: string, jobId: string): Promise<Result<SwitchJob, StartError>> {
  return confirmation.kind === 'automatic-change'
    ? runner.startAutomaticChange({ subscriptionId: confirmation.subscriptionId, toPlan: confirmation.toPlan!, requestedBy, jobId })
    : runner.startMoveUsers({
        fromSubscriptionId: confirmation.subscriptionId,
        toSubscriptionId: confirmation.toSubscriptionId!,
        userIds: confirmation.userIds!,
        requestedBy,
        jobId,
        ...(confirmation.setUsageLocation ? { setUsageLocation: confirmation.setUsageLocation } : {}),
        ...(confirmation.moveGroupIds?.length ? { moveGroupIds: confirmation.moveGroupIds } : {}),
      });
}
