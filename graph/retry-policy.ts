// When to try a Graph request again, and how long to wait first. Throttling (429) waits exactly as
// long as Graph's Retry-After says, however long that is: the SDK's RetryHandler caps it at 180 s,
// which this gateway does not use. 503 and 504 back off exponentially with jitter, a bounded number of times.

export interface RetryPolicy {
  /** Tries after a 503, 504 or lost answer before the item or request counts as failed. */
  maxTransientRetries: number;
  /** Tries after a 429 before giving up (each one waits the full Retry-After). */
  maxThrottledRetries: number;
  /** First backoff; doubled per retry up to maxBackoffMs, then jittered. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Wait after a 429 without a Retry-After header. */
  defaultRetryAfterMs: number;
  /** 0 ≤ random() < 1, for the jitter (injectable for tests). */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxTransientRetries: 5,
  maxThrottledRetries: 30,
  baseBackoffMs: 1_000,
  maxBackoffMs: 32_000,
  defaultRetryAfterMs: 10_000,
  random: Math.random,
};

export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before transient retry number `retry` (1, 2, …): exponential, with "equal jitter" (half fixed, half random). */
export function backoffMs(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2));
}
