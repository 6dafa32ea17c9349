/** How a job rides out errors thrown by the gateway or the store: run again from its last checkpoint, with growing waits. */
export interface RetryPolicy {
  /** Runs of the job in all, the first one included, before it ends as failed. */
  attempts: number;
  /** The wait before the n-th retry (n from 1). */
  delayMs: (retry: number) => number;
  sleep: (ms: number) => Promise<void>;
  /** An error that no retry can help (e.g. another instance took the job over): rethrown at once, the job left as it is. */
  isFatal?: (error: unknown) => boolean;
  /** An error no wait will mend (the tenant's data is gone): the job fails at once with this code instead of INTERRUPTED. */
  permanent?: (error: unknown) => string | undefined;
  onRetry?: (info: { jobId: string; retry: number; delayMs: number; cause: string }) => void;
}

/** Exponential backoff with jitter: base, 2×base, 4×base… up to max, each scaled by 0.5–1 so retries of many jobs spread out. */
export function exponentialBackoff(baseMs: number, maxMs: number, random: () => number = Math.random): (retry: number) => number {
  return (retry) => Math.round(Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1)) * (0.5 + random() / 2));
}

/**
 * A short code for what went wrong, for the job record and the log: a system error's code (EROFS, EIO),
 * an HTTP status (HTTP_503), an error class's name; never the message, which may name people or paths.
 */
export function errorCause(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; statusCode?: unknown; status?: unknown; name?: unknown };
  if (typeof e.code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(e.code)) return e.code;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  if (status !== undefined && Number.isInteger(status)) return `HTTP_${status}`;
  if (typeof e.name === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(e.name) && e.name !== 'Error') return e.name;
  return 'UNKNOWN';
}
