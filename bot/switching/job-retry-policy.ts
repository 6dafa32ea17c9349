import { SnapshotFileGatewayError } from '../../domain/gateways/file-gateway';
import { JOB_ERRORS } from '../../domain/switch-errors';
import { exponentialBackoff, type RetryPolicy } from '../../domain/switch-retry-policy';
import { LeaseLostError } from './job-claims';

/** How a job rides out a failing disk, store or tenant in this process, unless told otherwise: 6 runs, 1 s to 30 s apart. */
export const DEFAULT_RETRY = { attempts: 6, delayMs: exponentialBackoff(1_000, 30_000), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

export type RetryOverrides = Partial<Pick<RetryPolicy, 'attempts' | 'delayMs' | 'sleep'>>;

/** The retry policy of a job this instance holds the lease of. `onRetry` hears each retry before its wait. */
export function claimedJobRetryPolicy(overrides: RetryOverrides | undefined, onRetry: NonNullable<RetryPolicy['onRetry']>): RetryPolicy {
  return {
    ...DEFAULT_RETRY,
    ...overrides,
    // Another instance holds the job now: it goes on there, not here.
    isFatal: (error) => error instanceof LeaseLostError,
    // A working copy deleted under a running job does not come back by waiting.
    permanent: (error) => (error instanceof SnapshotFileGatewayError && error.problem.code === 'SNAPSHOT_FILE_NOT_FOUND' ? JOB_ERRORS.tenantCopyMissing : undefined),
    onRetry,
  };
}
