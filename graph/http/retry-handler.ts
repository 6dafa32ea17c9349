import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Clock } from '../clock';
import { GraphUnreachableError } from '../errors';
import { backoffMs, retryAfterMs, TRANSIENT_STATUSES, type RetryPolicy } from '../retry-policy';

// Retries reads (GET) that Graph throttled (429, after Retry-After, uncapped) or could not serve
// (5xx, a dropped connection: backoff with jitter, bounded). Writes are never retried here: a $batch
// answers per item, and the licence mover retries items only after reading what the first try did.

export class ReadRetryHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly policy: RetryPolicy,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('ReadRetryHandler needs a next middleware');
    const method = (context.options?.method ?? 'GET').toUpperCase();
    if (method !== 'GET') return next.execute(context);
    let throttled = 0;
    let transient = 0;
    for (;;) {
      let wait: number | undefined;
      try {
        await next.execute(context);
        const response = context.response;
        const status = response?.status ?? 0;
        if (status === 429 && throttled < this.policy.maxThrottledRetries) {
          throttled += 1;
          wait = retryAfterMs(response?.headers.get('retry-after'), this.clock.now()) ?? this.policy.defaultRetryAfterMs;
        } else if (TRANSIENT_STATUSES.has(status) && transient < this.policy.maxTransientRetries) {
          transient += 1;
          wait = retryAfterMs(response?.headers.get('retry-after'), this.clock.now()) ?? backoffMs(transient, this.policy);
        } else {
          return;
        }
        await response?.body?.cancel().catch(() => undefined);
      } catch (error) {
        if (!(error instanceof GraphUnreachableError) || transient >= this.policy.maxTransientRetries) throw error;
        transient += 1;
        wait = backoffMs(transient, this.policy);
      }
      context.response = undefined;
      await this.clock.sleep(wait);
    }
  }
}
