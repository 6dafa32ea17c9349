import type { LicenceReplacement } from '../../domain/licence-replacement';
import type { JobStore } from '../../domain/switch-job';
import type { BatchOutcome, TenantGateway } from '../../domain/tenant.port';

// Test doubles around the ports: a shared call counter that throws at a chosen call (a crash),
// either before the call reaches the real object or after it took effect (its answer lost).

export class Crash extends Error {
  constructor(readonly call: number) {
    super(`simulated crash at call ${call}`);
    this.name = 'Crash';
  }
}

export type CrashMode = 'before' | 'after';

export class CallBudget {
  calls = 0;
  readonly log: string[] = [];

  constructor(
    readonly crashAt: number | undefined = undefined,
    readonly mode: CrashMode = 'before',
  ) {}

  async call<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.calls += 1;
    const n = this.calls;
    this.log.push(name);
    if (n === this.crashAt && this.mode === 'before') throw new Crash(n);
    const result = await fn();
    if (n === this.crashAt && this.mode === 'after') throw new Crash(n);
    return result;
  }
}

export function countingGateway(inner: TenantGateway, budget: CallBudget): TenantGateway {
  return {
    readSnapshot: () => budget.call('readSnapshot', () => inner.readSnapshot()),
    createSubscription: (request) => budget.call('createSubscription', () => inner.createSubscription(request)),
    replaceLicences: (batch) => budget.call('replaceLicences', () => inner.replaceLicences(batch)),
    cancelSubscription: (id, on) => budget.call('cancelSubscription', () => inner.cancelSubscription(id, on)),
  };
}

export function countingJobStore(inner: JobStore, budget: CallBudget): JobStore {
  return {
    get: (id) => budget.call('jobs.get', () => inner.get(id)),
    create: (job) => budget.call('jobs.create', () => inner.create(job)),
    update: (job, expected) => budget.call('jobs.update', () => inner.update(job, expected)),
    list: (tenantId) => budget.call('jobs.list', () => inner.list(tenantId)),
  };
}

/** Items for the named users fail (without reaching the tenant) the given number of times, then go through. */
export function flakyGateway(inner: TenantGateway, failures: Map<string, number>): TenantGateway {
  return {
    readSnapshot: () => inner.readSnapshot(),
    createSubscription: (request) => inner.createSubscription(request),
    cancelSubscription: (id, on) => inner.cancelSubscription(id, on),
    async replaceLicences(batch: readonly LicenceReplacement[]): Promise<BatchOutcome> {
      const failing = batch.filter((r) => (failures.get(r.userId) ?? 0) > 0);
      for (const r of failing) failures.set(r.userId, (failures.get(r.userId) ?? 0) - 1);
      const passing = batch.filter((r) => !failing.includes(r));
      const passed = passing.length > 0 ? await inner.replaceLicences(passing) : { items: [] };
      const byUser = new Map(passed.items.map((item) => [item.userId, item]));
      return {
        items: batch.map((r) => byUser.get(r.userId) ?? { userId: r.userId, status: 'failed' as const, error: 'THROTTLED' }),
      };
    },
  };
}

/** Yields to other tasks before each call, so two runners interleave. */
export function interleaving<T extends object>(inner: T, random: () => number): T {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const hops = Math.floor(random() * 4);
        for (let i = 0; i < hops; i++) await new Promise<void>((resolve) => setImmediate(resolve));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** A small deterministic PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
