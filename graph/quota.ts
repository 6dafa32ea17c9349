import type { Clock } from './clock';

// Microsoft Graph's identity write quota: 3,000 writes per 150 seconds per app and tenant. A sliding
// window over the writes this process sent, so no 150-second window ever holds more than the limit:
// a batch waits until enough of the oldest writes have left the window. A write is dated when its answer
// arrives (Graph has surely counted it by then), not when it was sent, so however long a request takes on
// the way, Graph never sees two windows' writes in one; a small margin covers the clocks' difference.

export interface QuotaLimit {
  /** Writes allowed in one window. */
  limit: number;
  windowMs: number;
}

export const GRAPH_WRITE_QUOTA: QuotaLimit = { limit: 3_000, windowMs: 150_000 };

/** How long moving `users` licences takes at the quota's pace: users / limit × window (one write per user). */
export function estimateMoveDurationMs(users: number, quota: QuotaLimit = GRAPH_WRITE_QUOTA): number {
  if (users <= 0) return 0;
  return Math.ceil((users / quota.limit) * quota.windowMs);
}

/** The same in whole seconds, for telling an admin before they confirm a large move. */
export function estimateMoveSeconds(users: number, quota: QuotaLimit = GRAPH_WRITE_QUOTA): number {
  return Math.ceil(estimateMoveDurationMs(users, quota) / 1000);
}

export interface WriteQuotaOptions extends QuotaLimit {
  clock: Clock;
  /** Added to the window on this side; default 1 % of the window, at least 50 ms. */
  marginMs?: number;
}

export class WriteQuota {
  readonly limit: number;
  readonly windowMs: number;
  private readonly effectiveWindowMs: number;
  private readonly clock: Clock;
  /** Sends still in the window, oldest first; `at` is Infinity while the send is in flight. */
  private readonly sends: { at: number; count: number }[] = [];
  private released: Promise<void> = Promise.resolve();
  private signalRelease: () => void = () => undefined;
  private head = 0;
  private inWindow = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: WriteQuotaOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) throw new Error('a write quota needs a limit of at least 1 and a positive window');
    this.limit = Math.floor(options.limit);
    this.windowMs = options.windowMs;
    this.effectiveWindowMs = options.windowMs + (options.marginMs ?? Math.max(50, options.windowMs / 100));
    this.clock = options.clock;
  }

  /**
   * Waits until `count` more writes fit in the window and counts them; call the returned function when
   * their answer has arrived, which dates them. Callers are served in order.
   */
  acquire(count: number): Promise<() => void> {
    const n = Math.max(0, Math.floor(count));
    if (n > this.limit) return Promise.reject(new Error(`${n} writes at once exceed the quota of ${this.limit}`));
    const turn = this.queue.then(() => this.take(n));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Writes counted in the window that ends now. */
  used(): number {
    this.prune(this.clock.now());
    return this.inWindow;
  }

  private async take(n: number): Promise<() => void> {
    if (n === 0) return () => undefined;
    for (;;) {
      const now = this.clock.now();
      this.prune(now);
      if (this.inWindow + n <= this.limit) {
        const send = { at: Number.POSITIVE_INFINITY, count: n };
        this.sends.push(send);
        this.inWindow += n;
        let dated = false;
        return () => {
          if (dated) return;
          dated = true;
          send.at = this.clock.now();
          this.signalRelease();
        };
      }
      // The time the oldest sends leave the window, freeing enough room.
      let free = this.limit - this.inWindow;
      let until = now;
      for (let i = this.head; i < this.sends.length && free < n; i++) {
        const send = this.sends[i]!;
        free += send.count;
        until = send.at + this.effectiveWindowMs;
      }
      if (until === Number.POSITIVE_INFINITY) {
        // The room frees only after writes still in flight are answered.
        this.released = new Promise<void>((resolve) => (this.signalRelease = resolve));
        await this.released;
      } else {
        await this.clock.sleep(Math.max(1, until - now));
      }
    }
  }

  private prune(now: number): void {
    while (this.head < this.sends.length && this.sends[this.head]!.at + this.effectiveWindowMs <= now) {
      this.inWindow -= this.sends[this.head]!.count;
      this.head += 1;
    }
    if (this.head > 1024) {
      this.sends.splice(0, this.head);
      this.head = 0;
    }
  }
}
