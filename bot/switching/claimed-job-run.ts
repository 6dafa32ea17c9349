import { isFinished, type JobStore } from '../../domain/switch-job';
import { JOB_ERRORS } from '../../domain/switch-errors';
import type { SwitchRunner } from '../../domain/switch-runner';
import { peopleOf } from '../../conversation/move-result';
import type { KnownTenant } from '../../conversation/tenant-directory';
import type { Logger } from '../logger';
import { failedLog, finishedAudit } from './job-audit';
import { claimedJobRetryPolicy, type RetryOverrides } from './job-retry-policy';
import type { SwitchNotifier } from './notifier';

export interface ClaimedJobRunDeps {
  jobs: JobStore;
  notifier: SwitchNotifier;
  logger: Logger;
  retry?: RetryOverrides | undefined;
}

export interface ClaimedJob {
  jobId: string;
  /** The tenant id the job was asked for under (a demo tenant may be found under two). */
  tenantId: string;
  tenant: KnownTenant;
  /** A runner whose lease checks stop it once this instance loses the job. */
  runner: SwitchRunner;
  /** When this service started: a job older than that was left by an earlier run of the bot. */
  startedAt: number;
}

/**
 * Runs a job this instance holds the lease of on to done or failed, riding out failing writes, and
 * tells of its end: the log, the audit, and the conversation that started it.
 */
export async function runClaimedJob(deps: ClaimedJobRunDeps, { jobId, tenantId, tenant, runner, startedAt }: ClaimedJob): Promise<void> {
  const policy = claimedJobRetryPolicy(deps.retry, ({ retry, delayMs, cause }) => {
    deps.logger.warn('switch.retrying', { jobId, retry, delayMs, cause });
    // The tenant may have changed under a failed write (a working copy restored, a Graph write that went through).
    tenant.refresh?.();
  });
  const stored = await deps.jobs.get(jobId);
  // The demo tenant's working copy was gone at start and was copied afresh: the job's work was on the lost copy.
  const result =
    tenant.freshCopy && stored && !isFinished(stored) && Date.parse(stored.createdAt) < startedAt
      ? await runner.giveUp(jobId, 'SNAPSHOT_FILE_NOT_FOUND', stored, JOB_ERRORS.tenantCopyMissing)
      : await runner.runWithRetries(jobId, policy);
  const job = result.ok ? result.value : result.error.code === 'JOB_FAILED' ? result.error.job : await deps.jobs.get(jobId);
  if (job?.step === 'failed') {
    // The admin hears it in their conversation, the status card says the same, and the log names the job, not the people.
    deps.logger.error('switch.failed', failedLog(job, tenantId, !(!result.ok && 'recorded' in result.error && result.error.recorded === false)));
  }
  if (job && isFinished(job)) {
    const after = await tenant.gateway.readSnapshot().catch(() => undefined);
    deps.logger.audit('switch.finished', finishedAudit(job, tenantId, after));
    await deps.notifier.finished(job, peopleOf(after));
  }
}
