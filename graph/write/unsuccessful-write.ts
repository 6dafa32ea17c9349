import { backoffMs, retryAfterMs, TRANSIENT_STATUSES, type RetryPolicy } from '../retry-policy';
import type { BatchItemResponse, BatchResult } from './batch';

/** A write's tries so far, and what it ends as if the next read shows it not done. */
export interface WriteTries {
  throttled: number;
  transient: number;
  failUnlessDone?: string;
  refuseUnlessDone?: string;
}

/**
 * Notes a write that did not succeed: throttled (429: Retry-After, else the policy's wait), transient
 * (5xx or no answer: Retry-After if given, else backoff) or refused (any other 4xx: `refusal()` names
 * it). Past the policy's tries the write fails unless the next read shows it done: an answer lost on
 * the way may hide a write that landed. Returns how long to wait at least before the next round.
 */
export function noteUnsuccessfulWrite(
  tries: WriteTries,
  status: number | undefined,
  result: BatchResult,
  answer: BatchItemResponse | undefined,
  retry: RetryPolicy,
  now: () => number,
  refusal: () => string,
): number | undefined {
  if (status === 429) {
    tries.throttled += 1;
    const asked = result.kind === 'answered' ? retryAfterMs(answer?.headers['retry-after'], now()) : result.retryAfterMs;
    if (tries.throttled > retry.maxThrottledRetries) tries.failUnlessDone = 'THROTTLED';
    return asked ?? retry.defaultRetryAfterMs;
  }
  if (status === undefined || TRANSIENT_STATUSES.has(status)) {
    tries.transient += 1;
    const asked = answer ? retryAfterMs(answer.headers['retry-after'], now()) : result.kind === 'answered' ? undefined : result.retryAfterMs;
    if (tries.transient > retry.maxTransientRetries) tries.failUnlessDone = 'GRAPH_UNAVAILABLE';
    return asked ?? backoffMs(tries.transient, retry);
  }
  tries.refuseUnlessDone = refusal();
  return undefined;
}
