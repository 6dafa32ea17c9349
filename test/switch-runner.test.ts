import { describe, expect, it } from 'vitest';
import { applyAutomaticChange } from '../domain/automatic-change';
import { demoPace, type PaceStep } from '../domain/demo-pace';
import { InMemoryTenantGateway } from '../domain/gateways/in-memory-gateway';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import { subscriptionIdForKey } from '../domain/gateways/tenant-ledger';
import { applyReplacements } from '../domain/licence-replacement';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import type { JobStore, SwitchJob } from '../domain/switch-job';
import { progress } from '../domain/switch-job';
import type { ProgressEvent } from '../domain/switch-progress';
import { errorCause, exponentialBackoff } from '../domain/switch-retry-policy';
import { SwitchRunner, type SwitchRunnerOptions } from '../domain/switch-runner';
import type { TenantGateway } from '../domain/tenant.port';
import {
  CallBudget,
  Crash,
  countingGateway,
  countingJobStore,
  flakyGateway,
  interleaving,
  seeded,
  type CrashMode,
} from './support/crash-doubles';
import { contoso, parsed, STANDARD_HOLDERS } from './support/switch-fixtures';

const TODAY = '2026-03-31';
const JOB_ID = 'job-1';
const BATCH = 3;
const CHANGE = { subscriptionId: 'sub-standard', toPlan: 'm365-business-premium', requestedBy: 'oid-7f3a', addLicenses: 2, jobId: JOB_ID };

function runnerFor(gateway: TenantGateway, jobs: JobStore, extra: Partial<SwitchRunnerOptions> = {}): SwitchRunner {
  return new SwitchRunner({ gateway, jobs, today: () => TODAY, now: () => '2026-03-31T09:00:00.000Z', batchSize: BATCH, ...extra });
}

async function plannedChange(initial: TenantSnapshot = contoso()) {
  const tenant = new InMemoryTenantGateway(initial);
  const jobs = new InMemoryJobStore();
  const started = await runnerFor(tenant, jobs).startAutomaticChange(CHANGE);
  if (!started.ok) throw new Error(`could not start: ${JSON.stringify(started.error)}`);
  return { tenant, jobs, initial, job: started.value };
}

const expectedAfterChange = (initial: TenantSnapshot) =>
  applyAutomaticChange(initial, {
    subscriptionId: 'sub-standard',
    toPlan: 'm365-business-premium',
    newSubscriptionId: subscriptionIdForKey(JOB_ID),
    completedOn: TODAY,
    addLicenses: 2,
  });

/** Every former holder on exactly the new licence, nobody unlicensed who had a licence, and the writes bounded. */
function expectChangeCompleted(tenant: InMemoryTenantGateway, initial: TenantSnapshot) {
  const now = tenant.snapshot();
  const newId = subscriptionIdForKey(JOB_ID);
  expect(now).toEqual(expectedAfterChange(initial));
  for (const user of now.users) {
    const ids = user.licenses.map((l) => l.subscriptionId);
    expect(ids).not.toContain('sub-standard');
    expect(ids.filter((id) => id === newId)).toHaveLength(STANDARD_HOLDERS.includes(user.id) ? 1 : 0);
    const before = initial.users.find((u) => u.id === user.id)!;
    expect(user.licenses).toHaveLength(before.licenses.length);
  }
  const users = STANDARD_HOLDERS.length;
  const batches = Math.ceil(users / BATCH);
  expect(tenant.writes.subscriptionsCreated).toBe(1);
  expect(tenant.writes.licencesReplaced).toBe(users);
  expect(tenant.writes.licenceItems).toBeLessThanOrEqual(users * 1.1 + batches);
  expect(tenant.writes.subscriptionsCancelled).toBe(1);
}

async function expectJobDone(jobs: JobStore, id = JOB_ID): Promise<SwitchJob> {
  const job = (await jobs.get(id))!;
  expect(job.step).toBe('done');
  expect(job.cursor).toBe(job.replacements.length);
  return job;
}

/** Runs fresh runners that crash at the scheduled calls (each counting its own calls), then one that does not. */
async function runThroughCrashes(tenant: TenantGateway, jobs: JobStore, schedule: Array<{ at: number; mode: CrashMode }>) {
  let crashes = 0;
  for (const { at, mode } of schedule) {
    const budget = new CallBudget(at, mode);
    try {
      const result = await runnerFor(countingGateway(tenant, budget), countingJobStore(jobs, budget)).run(JOB_ID);
      expect(result.ok).toBe(true);
    } catch (error) {
      expect(error).toBeInstanceOf(Crash);
      crashes += 1;
    }
  }
  const final = await runnerFor(tenant, jobs).run(JOB_ID);
  expect(final.ok).toBe(true);
  return crashes;
}

async function callsOfCleanRun(): Promise<number> {
  const { tenant, jobs } = await plannedChange();
  const budget = new CallBudget();
  const result = await runnerFor(countingGateway(tenant, budget), countingJobStore(jobs, budget)).run(JOB_ID);
  expect(result.ok).toBe(true);
  return budget.calls;
}

describe('SwitchRunner: automatic change', () => {
  it('plans every holder of the old licence, sorted by user id, before the new subscription exists', async () => {
    const { job } = await plannedChange();
    expect(job).toMatchObject({ kind: 'automatic-change', step: 'pending', cursor: 0, version: 0, tenantId: 'contoso', fromPlan: 'm365-business-standard' });
    expect(job.replacements.map((r) => r.userId)).toEqual([...STANDARD_HOLDERS].sort());
    expect(progress(job)).toEqual({ done: 0, total: 7, percent: 0 });
  });

  it('uninterrupted, ends exactly where applyAutomaticChange says', async () => {
    const { tenant, jobs, initial } = await plannedChange();
    const result = await runnerFor(tenant, jobs).run(JOB_ID);
    expect(result.ok && result.value.step).toBe('done');
    expectChangeCompleted(tenant, initial);
    const job = await expectJobDone(jobs);
    expect(job.newSubscriptionId).toBe(subscriptionIdForKey(JOB_ID));
    expect(job.replacements.every((r) => r.addSubscriptionId === job.newSubscriptionId)).toBe(true);
    expect(progress(job)).toEqual({ done: 7, total: 7, percent: 100 });
    // running a finished job again changes nothing
    const again = await runnerFor(tenant, jobs).run(JOB_ID);
    expect(again.ok).toBe(true);
    expect(tenant.writes.calls).toBe(1 + 3 + 1);
  });

  it('reports progress after every recorded step', async () => {
    const { tenant, jobs } = await plannedChange();
    const events: ProgressEvent[] = [];
    await runnerFor(tenant, jobs, {
      onProgress: (event) => {
        events.push(event);
        throw new Error('a listener failing does not stop the switch');
      },
    }).run(JOB_ID);
    expect(events.map((e) => e.step)).toEqual([
      'pending',
      'subscription-created',
      'subscription-created',
      'subscription-created',
      'subscription-created',
      'licences-replaced',
      'old-cancelled',
      'done',
    ]);
    expect(events.map((e) => e.done)).toEqual([0, 0, 3, 6, 7, 7, 7, 7]);
    expect(events.at(-1)).toEqual({ jobId: JOB_ID, step: 'done', done: 7, total: 7, percent: 100 });
  });

  it('crashed at every gateway or store call, before or after the call takes effect, a fresh runner ends in the same state', async () => {
    const total = await callsOfCleanRun();
    expect(total).toBeGreaterThanOrEqual(12);
    for (const mode of ['before', 'after'] as const) {
      for (let at = 1; at <= total; at++) {
        const { tenant, jobs, initial } = await plannedChange();
        const crashes = await runThroughCrashes(tenant, jobs, [{ at, mode }]);
        expect(crashes).toBe(1);
        expectChangeCompleted(tenant, initial);
        await expectJobDone(jobs);
      }
    }
  });

  it('survives several crashes in a row at every call index', async () => {
    const total = await callsOfCleanRun();
    for (let at = 1; at <= total; at++) {
      const { tenant, jobs, initial } = await plannedChange();
      await runThroughCrashes(tenant, jobs, [
        { at, mode: 'after' },
        { at, mode: 'before' },
        { at, mode: 'after' },
        { at: Math.max(1, total - at), mode: 'after' },
      ]);
      expectChangeCompleted(tenant, initial);
      await expectJobDone(jobs);
    }
  });

  it('survives random crash schedules', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seeded(seed);
      const { tenant, jobs, initial } = await plannedChange();
      const schedule = Array.from({ length: 1 + Math.floor(random() * 8) }, () => ({
        at: 1 + Math.floor(random() * 8),
        mode: (random() < 0.5 ? 'before' : 'after') as CrashMode,
      }));
      await runThroughCrashes(tenant, jobs, schedule);
      expectChangeCompleted(tenant, initial);
      await expectJobDone(jobs);
    }
  });

  it('two runners on one job never both advance it, and nothing is applied twice', async () => {
    let conflicts = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { tenant, jobs, initial } = await plannedChange();
      const random = seeded(seed);
      const runners = [0, 1].map(() => runnerFor(interleaving(tenant, random), interleaving(jobs, random)));
      const results = await Promise.all(runners.map((runner) => runner.run(JOB_ID)));
      expect(results.some((r) => r.ok)).toBe(true);
      for (const r of results) if (!r.ok) expect(r.error.code).toBe('VERSION_CONFLICT');
      conflicts += results.filter((r) => !r.ok).length;
      expectChangeCompleted(tenant, initial);
      await expectJobDone(jobs);
    }
    expect(conflicts).toBeGreaterThan(0);
  });

  it('a stale copy of a job cannot be written back', async () => {
    const { tenant, jobs, job } = await plannedChange();
    await runnerFor(tenant, jobs).run(JOB_ID);
    const stale = await jobs.update({ ...job, step: 'failed' }, job.version);
    expect(stale).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT', expectedVersion: 0 } });
    await expectJobDone(jobs);
  });

  it('retries failed items a bounded number of times', async () => {
    const { tenant, jobs, initial } = await plannedChange();
    const gateway = flakyGateway(tenant, new Map([['u-dag', 2]]));
    const result = await runnerFor(gateway, jobs).run(JOB_ID);
    expect(result.ok).toBe(true);
    expectChangeCompleted(tenant, initial);
    expect((await jobs.get(JOB_ID))!.attempts).toBe(0);
  });

  it('fails with a coded error when items keep failing, cancels nothing, and can be retried', async () => {
    const { tenant, jobs, initial } = await plannedChange();
    const result = await runnerFor(flakyGateway(tenant, new Map([['u-dag', 99]])), jobs).run(JOB_ID);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('JOB_FAILED');
    const failed = (await jobs.get(JOB_ID))!;
    expect(failed).toMatchObject({
      step: 'failed',
      failedStep: 'subscription-created',
      error: 'LICENCE_REPLACEMENT_FAILED',
      failures: [{ userId: 'u-dag', error: 'THROTTLED' }],
      attempts: 3,
      cursor: 3,
    });
    const mid = tenant.snapshot();
    expect(mid.subscriptions.find((s) => s.id === 'sub-standard')!.status).toBe('active');
    expect(mid.users.find((u) => u.id === 'u-dag')!.licenses.map((l) => l.subscriptionId)).toEqual(['sub-standard']);
    for (const user of mid.users) expect(user.licenses.length).toBe(initial.users.find((u) => u.id === user.id)!.licenses.length);
    // a failed job stays failed until retried
    expect((await runnerFor(tenant, jobs).run(JOB_ID)).ok).toBe(false);
    const retried = await runnerFor(tenant, jobs).retry(JOB_ID);
    expect(retried.ok).toBe(true);
    expectChangeCompleted(tenant, initial);
    const done = await expectJobDone(jobs);
    expect(done.error).toBeUndefined();
    expect(done.failures).toBeUndefined();
  });

  it('does not cancel the old subscription while someone still holds its licence', async () => {
    const initial = contoso();
    const { jobs } = await plannedChange(initial);
    // Ines got a Business Standard licence after the job was planned
    const changed = structuredClone(initial);
    changed.users.find((u) => u.id === 'u-ines')!.licenses.push({ subscriptionId: 'sub-standard', disabledServices: [] });
    const tenant = new InMemoryTenantGateway(changed);
    const result = await runnerFor(tenant, jobs).run(JOB_ID);
    expect(!result.ok && result.error.code).toBe('JOB_FAILED');
    expect(await jobs.get(JOB_ID)).toMatchObject({
      step: 'failed',
      failedStep: 'licences-replaced',
      error: 'OLD_SUBSCRIPTION_STILL_ASSIGNED',
      failures: [{ userId: 'u-ines', error: 'ASSIGNED_AFTER_PLANNING' }],
    });
    expect(tenant.snapshot().subscriptions.find((s) => s.id === 'sub-standard')!.status).toBe('active');
    expect(tenant.writes.subscriptionsCancelled).toBe(0);
  });

  it('refuses a second job on a subscription that a job is working on, and a retried start of the same job', async () => {
    const { tenant, jobs } = await plannedChange();
    const runner = runnerFor(tenant, jobs);
    expect(await runner.startAutomaticChange({ ...CHANGE, jobId: 'job-2' })).toMatchObject({ ok: false, error: { code: 'JOB_IN_PROGRESS', jobId: JOB_ID } });
    expect(await runner.startMoveUsers({ fromSubscriptionId: 'sub-e3', toSubscriptionId: 'sub-standard', userIds: ['u-bo'], requestedBy: 'oid-1', jobId: 'job-3' })).toMatchObject({
      ok: false,
      error: { code: 'JOB_IN_PROGRESS' },
    });
    expect(await runner.startAutomaticChange(CHANGE)).toMatchObject({ ok: false, error: { code: 'JOB_EXISTS', jobId: JOB_ID } });
  });

  it('refuses bad requests with coded values', async () => {
    const runner = runnerFor(new InMemoryTenantGateway(contoso()), new InMemoryJobStore());
    const start = (patch: Partial<typeof CHANGE>) => runner.startAutomaticChange({ ...CHANGE, ...patch });
    expect(await start({ subscriptionId: 'sub-x' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: 'sub-x' } });
    expect(await start({ toPlan: 'm365-business-standard' })).toMatchObject({ error: { code: 'SAME_PLAN' } });
    expect(await start({ toPlan: 'm365-ultra' })).toMatchObject({ error: { code: 'UNKNOWN_PLAN' } });
    expect(await start({ addLicenses: -1 })).toMatchObject({ error: { code: 'INVALID_LICENSE_COUNT', licenseCount: -1 } });
    expect(await start({ requestedBy: 'anna@contoso.com' })).toMatchObject({ error: { code: 'INVALID_REQUESTER' } });
    expect(await start({ jobId: '../etc/passwd' })).toMatchObject({ error: { code: 'INVALID_JOB_ID' } });
    expect(await runner.run('no-such-job')).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
    expect(await runner.retry('no-such-job')).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('gives new jobs a random id when none is asked for', async () => {
    const runner = new SwitchRunner({ gateway: new InMemoryTenantGateway(contoso()), jobs: new InMemoryJobStore(), today: () => TODAY });
    const started = await runner.startAutomaticChange({ ...CHANGE, jobId: undefined });
    expect(started.ok && started.value.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.ok && started.value.batchSize).toBe(20);
  });
});

describe('SwitchRunner: moving users', () => {
  const MOVE = { fromSubscriptionId: 'sub-standard', toSubscriptionId: 'sub-e3', userIds: ['u-dag', 'u-bo', 'u-cecilia', 'u-bo'], requestedBy: 'oid-42', jobId: JOB_ID };

  async function plannedMove() {
    const initial = contoso();
    const tenant = new InMemoryTenantGateway(initial);
    const jobs = new InMemoryJobStore();
    const started = await runnerFor(tenant, jobs).startMoveUsers(MOVE);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    return { initial, tenant, jobs, job: started.value };
  }

  function expectMoved(tenant: InMemoryTenantGateway, initial: TenantSnapshot, job: SwitchJob) {
    expect(tenant.snapshot()).toEqual(applyReplacements(initial, job.replacements));
    expect(tenant.writes).toMatchObject({ subscriptionsCreated: 0, subscriptionsCancelled: 0, licencesReplaced: 3 });
  }

  it('replaces the chosen users’ licences and nothing else', async () => {
    const { tenant, jobs, initial, job } = await plannedMove();
    expect(job.userIds).toEqual(['u-bo', 'u-cecilia', 'u-dag']);
    expect(job.replacements).toEqual([
      { userId: 'u-bo', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-e3' },
      { userId: 'u-cecilia', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-e3' },
      { userId: 'u-dag', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-e3' },
    ]);
    const result = await runnerFor(tenant, jobs).run(JOB_ID);
    expect(result.ok).toBe(true);
    expectMoved(tenant, initial, job);
    const after = tenant.snapshot();
    expect(after.users.find((u) => u.id === 'u-cecilia')!.licenses.map((l) => l.subscriptionId)).toEqual(['sub-apps', 'sub-e3']);
    expect(after.subscriptions.find((s) => s.id === 'sub-standard')!.status).toBe('active');
    await expectJobDone(jobs);
  });

  it('crashed at every call, a fresh runner ends in the same state', async () => {
    for (const mode of ['before', 'after'] as const) {
      for (let at = 1; at <= 10; at++) {
        const { tenant, jobs, initial, job } = await plannedMove();
        await runThroughCrashes(tenant, jobs, [{ at, mode }]);
        expectMoved(tenant, initial, job);
        await expectJobDone(jobs);
      }
    }
  });

  it('refuses moves the tenant cannot take', async () => {
    const runner = runnerFor(new InMemoryTenantGateway(contoso()), new InMemoryJobStore());
    const move = (patch: Partial<typeof MOVE>) => runner.startMoveUsers({ ...MOVE, ...patch });
    expect(await move({ userIds: STANDARD_HOLDERS })).toMatchObject({ error: { code: 'NOT_ENOUGH_LICENSES', needed: 7, available: 4, toBuy: 3, subscriptionId: 'sub-e3' } });
    expect(await move({ userIds: ['u-bo', 'u-hugo'] })).toMatchObject({ error: { code: 'USERS_NOT_ON_SUBSCRIPTION', userIds: ['u-hugo'] } });
    expect(await move({ userIds: ['u-nobody'] })).toMatchObject({ error: { code: 'UNKNOWN_USER', userId: 'u-nobody' } });
    expect(await move({ userIds: [] })).toMatchObject({ error: { code: 'NO_USERS_CHOSEN' } });
    expect(await move({ toSubscriptionId: 'sub-standard' })).toMatchObject({ error: { code: 'SAME_SUBSCRIPTION' } });
    expect(await move({ toSubscriptionId: 'sub-gone' })).toMatchObject({ error: { code: 'UNKNOWN_SUBSCRIPTION' } });
  });
});

describe('pacing', () => {
  async function pacedRun(initial: TenantSnapshot, start: (runner: SwitchRunner) => Promise<unknown>, speed: number) {
    const waits: number[] = [];
    const steps: PaceStep[] = [];
    const pace = demoPace(speed, { sleep: async (ms) => void waits.push(ms) });
    const tenant = new InMemoryTenantGateway(initial);
    const runner = runnerFor(tenant, new InMemoryJobStore(), {
      pace: async (step) => {
        steps.push(step);
        await pace(step);
      },
    });
    await start(runner);
    expect((await runner.run(JOB_ID)).ok).toBe(true);
    return { total: waits.reduce((a, b) => a + b, 0), steps };
  }

  it('plays an automatic change (up to an hour) in a second at speed 3600', async () => {
    const { total, steps } = await pacedRun(contoso(), (r) => r.startAutomaticChange(CHANGE), 3600);
    expect(total).toBeCloseTo(1000, 6);
    expect(steps.map((s) => s.work)).toEqual(['create-subscription', 'replace-licences', 'replace-licences', 'replace-licences', 'cancel-subscription']);
    expect(steps.every((s) => !s.viaWizard)).toBe(true);
  });

  it('plays the older wizard (under ten minutes) in a second at speed 600', async () => {
    const legacy = parsed({
      tenant: { id: 'fabrikam', name: 'Fabrikam', domains: ['fabrikam.com'], billingAccountType: 'MOSA' },
      subscriptions: [
        {
          id: 'sub-sb', planId: 'o365-small-business', status: 'active', purchasedLicenses: 3, startDate: '2025-06-01', renewalDate: '2026-06-01',
          billingFrequency: 'annual', paymentMethod: 'invoice', pricePerLicensePerMonth: 6, currency: 'USD',
        },
      ],
      users: [
        { id: 'u-1', upn: 'one@fabrikam.com', displayName: 'One', licenses: [{ subscriptionId: 'sub-sb' }] },
        { id: 'u-2', upn: 'two@fabrikam.com', displayName: 'Two', licenses: [{ subscriptionId: 'sub-sb' }] },
      ],
    });
    const { total, steps } = await pacedRun(legacy, (r) => r.startAutomaticChange({ subscriptionId: 'sub-sb', toPlan: 'o365-e3', requestedBy: 'oid-1', jobId: JOB_ID }), 600);
    expect(total).toBeCloseTo(1000, 6);
    expect(steps.every((s) => s.viaWizard)).toBe(true);
  });

  it('plays a licence reassignment (under a minute) in a second at speed 60', async () => {
    const { total } = await pacedRun(
      contoso(),
      (r) => r.startMoveUsers({ fromSubscriptionId: 'sub-standard', toSubscriptionId: 'sub-e3', userIds: ['u-bo', 'u-dag'], requestedBy: 'oid-1', jobId: JOB_ID }),
      60,
    );
    expect(total).toBeCloseTo(1000, 6);
  });

  it('waits for real with the default sleep, and refuses a speed that is not positive', async () => {
    const started = Date.now();
    await demoPace(3_600_000)({ jobId: 'j', kind: 'automatic-change', work: 'create-subscription', viaWizard: false, items: 0, total: 0 });
    expect(Date.now() - started).toBeLessThan(500);
    expect(() => demoPace(0)).toThrow(RangeError);
    expect(() => demoPace(Number.NaN)).toThrow(RangeError);
  });
});

/** An error as Node's file system throws it (EROFS, EIO) or an HTTP client after its own retries (status 503). */
const systemError = (code: string) => Object.assign(new Error(`${code}: /home/anna@contoso.com/tenants/contoso.json`), { code });
const httpError = (status: number) => Object.assign(new Error(`Service unavailable for anna@contoso.com`), { statusCode: status });

/** Replaces one gateway method with one that throws `error` on the calls `failing` says, else calls through. */
function throwingOn<K extends keyof TenantGateway>(inner: TenantGateway, method: K, failing: (call: number) => boolean, error: () => unknown): TenantGateway {
  let calls = 0;
  const original = inner[method].bind(inner) as (...args: unknown[]) => Promise<unknown>;
  return {
    ...{ readSnapshot: () => inner.readSnapshot(), createSubscription: (r) => inner.createSubscription(r), replaceLicences: (b) => inner.replaceLicences(b), cancelSubscription: (id, on) => inner.cancelSubscription(id, on) },
    [method]: async (...args: unknown[]) => {
      calls += 1;
      if (failing(calls)) throw error();
      return original(...args);
    },
  } as TenantGateway;
}

function recordingPolicy(attempts: number) {
  const slept: number[] = [];
  const retries: { retry: number; cause: string }[] = [];
  return {
    slept,
    retries,
    policy: {
      attempts,
      delayMs: (retry: number) => 100 * 2 ** (retry - 1),
      sleep: async (ms: number) => void slept.push(ms),
      onRetry: (info: { retry: number; cause: string }) => retries.push({ retry: info.retry, cause: info.cause }),
    },
  };
}

describe('SwitchRunner: errors thrown by the tenant or the store, in one process', () => {
  it('a read-only file system twice during the licence batches: retried with growing waits from the last checkpoint, and done', async () => {
    const { tenant, jobs, initial } = await plannedChange();
    // The second and third licence batches hit a read-only disk; the batch before them is recorded.
    const gateway = throwingOn(tenant, 'replaceLicences', (call) => call === 2 || call === 3, () => systemError('EROFS'));
    const { policy, slept, retries } = recordingPolicy(5);
    const result = await runnerFor(gateway, jobs).runWithRetries(JOB_ID, policy);
    expect(result.ok && result.value.step).toBe('done');
    expectChangeCompleted(tenant, initial);
    expect(slept).toEqual([100, 200]);
    expect(retries).toEqual([{ retry: 1, cause: 'EROFS' }, { retry: 2, cause: 'EROFS' }]);
    // Resumed from the checkpoint: the subscription was bought once, each batch went through once.
    expect(tenant.writes.calls).toBe(1 + 3 + 1);
  });

  it('a storage error on a checkpoint write is retried too', async () => {
    const { tenant, jobs, initial } = await plannedChange();
    let updates = 0;
    const flaky: JobStore = {
      get: (id) => jobs.get(id),
      create: (job) => jobs.create(job),
      list: (id) => jobs.list(id),
      update: async (job, expected) => {
        updates += 1;
        if (updates === 2) throw Object.assign(new Error('database is locked'), { name: 'StorageError' });
        return jobs.update(job, expected);
      },
    };
    const { policy, retries } = recordingPolicy(3);
    const result = await runnerFor(tenant, flaky).runWithRetries(JOB_ID, policy);
    expect(result.ok && result.value.step).toBe('done');
    expectChangeCompleted(tenant, initial);
    expect(retries).toEqual([{ retry: 1, cause: 'StorageError' }]);
  });

  it('Graph answering 503 past its own retries: after the budget the job ends failed where it stopped, saying why, and nothing more is changed', async () => {
    const { tenant, jobs } = await plannedChange();
    const gateway = throwingOn(tenant, 'replaceLicences', (call) => call >= 2, () => httpError(503));
    const { policy, slept } = recordingPolicy(4);
    const result = await runnerFor(gateway, jobs).runWithRetries(JOB_ID, policy);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('JOB_FAILED');
    expect(slept).toHaveLength(3);
    const failed = (await jobs.get(JOB_ID))!;
    expect(failed).toMatchObject({ step: 'failed', failedStep: 'subscription-created', error: 'INTERRUPTED', cause: 'HTTP_503', cursor: 3 });
    expect(JSON.stringify(failed)).not.toContain('anna@');
    const now = tenant.snapshot();
    // What was done stays done (the new subscription, the first batch); the old subscription is not cancelled.
    expect(now.subscriptions.find((s) => s.id === 'sub-standard')!.status).toBe('active');
    expect(now.subscriptions.some((s) => s.id === failed.newSubscriptionId)).toBe(true);
    // A failed job is not run again by itself.
    expect((await runnerFor(tenant, jobs).run(JOB_ID)).ok).toBe(false);
  });

  it('a store that cannot even record the failure: the failed job is returned unrecorded, and the store keeps its last step for a later start', async () => {
    const { tenant, jobs } = await plannedChange();
    let broken = false;
    const store: JobStore = {
      get: async (id) => {
        if (broken) throw systemError('EIO');
        return jobs.get(id);
      },
      create: (job) => jobs.create(job),
      list: (id) => jobs.list(id),
      update: async (job, expected) => {
        if (broken) throw systemError('EIO');
        const saved = await jobs.update(job, expected);
        if (saved.ok && saved.value.step === 'subscription-created') broken = true;
        return saved;
      },
    };
    const { policy } = recordingPolicy(2);
    const result = await runnerFor(tenant, store).runWithRetries(JOB_ID, policy);
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'JOB_FAILED') throw new Error('expected a failed job');
    expect(result.error.job).toMatchObject({ step: 'failed', failedStep: 'subscription-created', cause: 'EIO', error: 'INTERRUPTED' });
    expect('recorded' in result.error && result.error.recorded).toBe(false);
    expect((await jobs.get(JOB_ID))!.step).toBe('subscription-created');
  });

  it('an error the policy calls fatal is thrown at once, without retries', async () => {
    const { tenant, jobs } = await plannedChange();
    const gateway = throwingOn(tenant, 'replaceLicences', () => true, () => new Crash(1));
    const { policy, slept } = recordingPolicy(5);
    await expect(runnerFor(gateway, jobs).runWithRetries(JOB_ID, { ...policy, isFatal: (e) => e instanceof Crash })).rejects.toBeInstanceOf(Crash);
    expect(slept).toEqual([]);
    expect((await jobs.get(JOB_ID))!.step).toBe('subscription-created');
  });

  it('backs off exponentially up to a ceiling, with jitter of at most half', () => {
    const full = exponentialBackoff(1000, 8000, () => 1);
    expect([1, 2, 3, 4, 5].map(full)).toEqual([1000, 2000, 4000, 8000, 8000]);
    const least = exponentialBackoff(1000, 8000, () => 0);
    expect([1, 2, 3].map(least)).toEqual([500, 1000, 2000]);
  });

  it('names a cause by its code, never by its message', () => {
    expect(errorCause(systemError('EROFS'))).toBe('EROFS');
    expect(errorCause(httpError(502))).toBe('HTTP_502');
    expect(errorCause(Object.assign(new Error('x'), { name: 'RestError' }))).toBe('RestError');
    expect(errorCause(new Error('anna@contoso.com is locked'))).toBe('UNKNOWN');
    expect(errorCause('a string')).toBe('UNKNOWN');
  });
});
