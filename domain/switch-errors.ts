import type { InvalidJob, JobExists, JobNotFound, SwitchJob, SwitchStep, VersionConflict } from './switch-job';
import type { PlanError } from './switch-planning';

// What starting, running and retrying a switch job can end with, and the codes a failed job records.

export type JobInProgress = { code: 'JOB_IN_PROGRESS'; jobId: string; subscriptionId: string };
export type StartError = PlanError | JobExists | InvalidJob | JobInProgress;

export type JobFailed = { code: 'JOB_FAILED'; job: SwitchJob };
export type RunError = JobNotFound | VersionConflict | InvalidJob | JobFailed;
export type RetryError = RunError | { code: 'JOB_NOT_FAILED'; jobId: string; step: SwitchStep };

/** Codes a job fails with (SwitchJob.error). */
export const JOB_ERRORS = {
  subscriptionNotFound: 'SUBSCRIPTION_NOT_FOUND',
  planNotFound: 'UNKNOWN_PLAN',
  replacementFailed: 'LICENCE_REPLACEMENT_FAILED',
  oldStillAssigned: 'OLD_SUBSCRIPTION_STILL_ASSIGNED',
  /** The gateway or the job store kept throwing (a read-only disk, a storage error, a Graph 5xx past its own retries). */
  interrupted: 'INTERRUPTED',
  /** A demo tenant's working copy was deleted while the job worked on it: nothing it did can be checked or finished. */
  tenantCopyMissing: 'TENANT_COPY_MISSING',
} as const;
