// What goes wrong on the local Graph server, on purpose: Graph's write quota enforced with 429s,
// throttling storms (every write refused until a time, with Retry-After), and failures by count or at
// random (a seeded generator, so a run is repeatable).

export interface ServerClock {
  now(): number;
}

/** Graph's identity write quota, scaled as a test wants: at most `limit` executed writes in any `windowMs`. */
export class ServerWriteQuota {
  private readonly times: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a write now, or says how many ms until one is allowed (the Retry-After). */
  take(now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) this.head += 1;
    const inWindow = this.times.length - this.head;
    if (inWindow >= this.limit) return { ok: false, retryAfterMs: this.times[this.head]! + this.windowMs - now };
    this.times.push(now);
    return { ok: true };
  }
}

export type RequestKind = 'write' | 'read';

/** What happens to one batch item or request instead of the normal answer. */
export type FaultAnswer =
  | { kind: 'throttle'; retryAfterSeconds: number }
  /** 503 or 504; `applied` true: the write is done first and its answer lost. */
  | { kind: 'fail'; status: 503 | 504; applied: boolean };

export interface CountedFault {
  on: RequestKind;
  /** How many more items this rule hits. */
  remaining: number;
  answer: FaultAnswer;
}

export interface RandomFaults {
  /** 0–1 per write item. */
  throttleRate?: number;
  retryAfterSeconds?: number;
  failRate?: number;
  /** Share of failures that happen after the write was applied (lost answers). */
  appliedShare?: number;
  /** 0–1 per $batch call: the whole batch answered 503 before any item ran. */
  batchFailRate?: number;
  seed?: number;
}

/** mulberry32: a small seeded generator. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ServerFaults {
  readonly counted: CountedFault[] = [];
  /** Every write refused with 429 until this time (server clock), Retry-After the time left. */
  stormUntil = 0;
  private randomFaults: RandomFaults = {};
  private random: () => number = seeded(1);
  /** Whole $batch calls to answer 503 (before any item runs). */
  batchFailures = 0;
  /** Whole $batch calls that carry a write to answer 429 with Retry-After (before any item runs). */
  batchThrottles = 0;
  /** Whether the next whole-batch 429 waits for a batch that carries a write (reads pass). */
  private writeBatch = false;

  /** Whether a whole $batch call is throttled; `hasWrite`: the batch carries a licence write. */
  batchThrottled(hasWrite = true): boolean {
    if (this.batchThrottles > 0 && (hasWrite || !this.writeBatch)) {
      this.batchThrottles -= 1;
      return true;
    }
    return false;
  }

  /** The next `count` $batch calls that carry a write are answered 429 as a whole. */
  throttleWriteBatches(count: number): void {
    this.batchThrottles = count;
    this.writeBatch = true;
  }

  /** The next `count` items of this kind get `answer`. */
  add(on: RequestKind, count: number, answer: FaultAnswer): void {
    this.counted.push({ on, remaining: count, answer });
  }

  setRandom(faults: RandomFaults): void {
    this.randomFaults = faults;
    this.random = seeded(faults.seed ?? 1);
  }

  clear(): void {
    this.counted.length = 0;
    this.stormUntil = 0;
    this.batchFailures = 0;
    this.batchThrottles = 0;
    this.randomFaults = {};
  }

  /** Whether a whole $batch call fails. */
  batchFails(): boolean {
    if (this.batchFailures > 0) {
      this.batchFailures -= 1;
      return true;
    }
    const rate = this.randomFaults.batchFailRate ?? 0;
    return rate > 0 && this.random() < rate;
  }

  /** The fault for one item, if any. */
  next(kind: RequestKind, now: number): FaultAnswer | undefined {
    if (kind === 'write' && now < this.stormUntil) return { kind: 'throttle', retryAfterSeconds: Math.ceil((this.stormUntil - now) / 1000) };
    const rule = this.counted.find((r) => r.on === kind && r.remaining > 0);
    if (rule) {
      rule.remaining -= 1;
      return rule.answer;
    }
    if (kind !== 'write') return undefined;
    const { throttleRate = 0, failRate = 0, appliedShare = 0.5, retryAfterSeconds = 1 } = this.randomFaults;
    if (throttleRate > 0 && this.random() < throttleRate) return { kind: 'throttle', retryAfterSeconds };
    if (failRate > 0 && this.random() < failRate) return { kind: 'fail', status: this.random() < 0.5 ? 503 : 504, applied: this.random() < appliedShare };
    return undefined;
  }
}
