import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { BlobChangeLimiter } from '../bot/storage/blob-change-limiter';
import { BlobConfirmationStore } from '../bot/storage/blob-confirmation-store';
import { BlobContainer } from '../bot/storage/blob-container';
import { BlobJobConversationStore } from '../bot/storage/blob-job-conversation-store';
import { BlobJobLeases } from '../bot/storage/blob-job-leases';
import { BlobJobStore } from '../bot/storage/blob-job-store';
import { openStores } from '../bot/storage/stores';
import type { Confirmation } from '../bot/switching/confirmation';
import { JobClaimer, LeaseLostError } from '../bot/switching/job-claims';
import type { SwitchNotifier } from '../bot/switching/notifier';
import { SwitchService } from '../bot/switching/switch-service';
import { createDemoDirectory } from '../bot/tenants/tenant-directory';
import type { SwitchJob } from '../domain/switch-job';
import { SwitchRunner } from '../domain/switch-runner';
import { startAzurite, type Azurite } from './support/azurite';

// The Blob stores against Azurite (Microsoft's Azure Storage emulator), started here as a real process:
// what each conditional write lets through, alone and with twenty writers at once.

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => azurite?.stop());

const container = () => new BlobContainer(azurite.connectionString, azurite.newContainer());

function job(id: string, patch: Partial<SwitchJob> = {}): SwitchJob {
  return {
    id,
    tenantId: 'contoso',
    kind: 'move-users',
    subscriptionId: 'sub-standard',
    toSubscriptionId: 'sub-e3',
    userIds: ['u-bo'],
    requestedBy: 'oid-1',
    createdAt: '2026-03-31T09:00:00.000Z',
    step: 'pending',
    replacements: [{ userId: 'u-bo', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-e3' }],
    cursor: 0,
    batchSize: 20,
    attempts: 0,
    version: 0,
    ...patch,
  };
}

const confirmation = (overrides: Partial<Confirmation> = {}): Confirmation => ({
  id: 'c-1', tenantId: 'contoso', kind: 'automatic-change', subscriptionId: 'sub-standard', toPlan: 'm365-business-premium',
  requestedBy: 'u-anna', createdAt: '2026-11-21T10:00:00.000Z', expiresAt: '2026-11-21T10:15:00.000Z', lng: 'pl', conversation: { conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'Łódź' } },
  ...overrides,
});

describe('botbuilder state on BlobsStorage (botbuilder-azure-blobs)', () => {
  it('keeps state with eTags: a stale eTag is a conflict, * and the current one write, non-ASCII text survives', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'blob-stores-'));
    const parsed = parseConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: azurite.newContainer(), DATA_DIR: dataDir });
    if (!parsed.ok) throw new Error(parsed.message);
    const stores = await openStores(parsed.config);
    expect(stores.shared).toBe(true);
    await stores.storage.write({ 'msteams/users/anna': { language: 'pl', search: 'Żółć Åsa' } });
    const read = (await stores.storage.read(['msteams/users/anna', 'missing']))['msteams/users/anna'] as { eTag: string; search: string };
    expect(read.search).toBe('Żółć Åsa');
    await stores.storage.write({ 'msteams/users/anna': { language: 'sv', eTag: read.eTag } });
    await expect(stores.storage.write({ 'msteams/users/anna': { language: 'nb', eTag: read.eTag } })).rejects.toThrow(/eTag conflict/);
    await stores.storage.write({ 'msteams/users/anna': { language: 'nb', eTag: '*' } });
    expect((await stores.storage.read(['msteams/users/anna']))['msteams/users/anna']).toMatchObject({ language: 'nb' });
    // No SQLite file is opened for blob storage, so instances may share the data folder.
    stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('the Blob job store', () => {
  it('creates, reads and lists jobs, oldest first, by tenant; a second create of an id is JOB_EXISTS', async () => {
    const jobs = new BlobJobStore(container());
    expect(await jobs.get('nope')).toBeUndefined();
    expect((await jobs.create(job('b', { createdAt: '2026-03-31T10:00:00.000Z' }))).ok).toBe(true);
    expect((await jobs.create(job('a', { createdAt: '2026-03-31T11:00:00.000Z' }))).ok).toBe(true);
    expect((await jobs.create(job('f', { tenantId: 'fabrikam' }))).ok).toBe(true);
    expect(await jobs.create(job('a', { cursor: 1 }))).toEqual({ ok: false, error: { code: 'JOB_EXISTS', jobId: 'a' } });
    expect((await jobs.get('a'))?.cursor).toBe(0);
    expect((await jobs.list('contoso')).map((j) => j.id)).toEqual(['b', 'a']);
    expect((await jobs.list()).map((j) => j.id).sort()).toEqual(['a', 'b', 'f']);
    expect(await jobs.list('nobody')).toEqual([]);
    const invalid = await jobs.create(job('x', { requestedBy: 'anna@contoso.com' }));
    expect(!invalid.ok && invalid.error.code).toBe('INVALID_JOB');
  });

  it('of twenty instances creating the same job id at once, exactly one succeeds', async () => {
    const shared = container();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => new BlobJobStore(shared).create(job('same', { requestedBy: `oid-${i}` }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'JOB_EXISTS')).toHaveLength(19);
  });

  it('writes only over the version read (If-Match), and of twenty writers of one version exactly one gets through', async () => {
    const jobs = new BlobJobStore(container());
    await jobs.create(job('j'));
    const first = await jobs.update(job('j', { cursor: 1 }), 0);
    expect(first.ok && first.value.version).toBe(1);
    expect(await jobs.update(job('j', { cursor: 1 }), 0)).toEqual({ ok: false, error: { code: 'VERSION_CONFLICT', jobId: 'j', expectedVersion: 0, actualVersion: 1 } });
    expect(await jobs.update(job('missing'), 0)).toEqual({ ok: false, error: { code: 'JOB_NOT_FOUND', jobId: 'missing' } });
    const racing = await Promise.all(Array.from({ length: 20 }, (_, i) => jobs.update(job('j', { cursor: 1, attempts: i }), 1)));
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok && r.error.code === 'VERSION_CONFLICT')).toHaveLength(19);
    expect((await jobs.get('j'))?.version).toBe(2);
  });
});

const ANNA = { tenantId: 'contoso', userId: 'u-anna' };
const ERIK = { tenantId: 'contoso', userId: 'u-erik' };

describe('Blob confirmations', () => {
  it('are spent by exactly one claim of the person they were shown to, before they expire, across instances', async () => {
    const shared = container();
    const store = new BlobConfirmationStore(shared);
    await store.save(confirmation());
    await store.save(confirmation({ id: 'c-2' }));
    await store.save(confirmation({ id: 'c-3' }));
    await expect(store.save(confirmation())).rejects.toThrow(/exists/);
    const now = '2026-11-21T10:05:00.000Z';
    expect(await store.claim('c-1', ERIK, now)).toEqual({ ok: false, reason: 'not-yours' });
    // Anna's user id in another organisation neither spends nor declines it.
    expect(await store.claim('c-1', { tenantId: 'fabrikam', userId: 'u-anna' }, now)).toEqual({ ok: false, reason: 'not-yours' });
    expect(await store.decline('c-1', { tenantId: 'fabrikam', userId: 'u-anna' })).toEqual({ ok: false, reason: 'not-yours' });
    const claimed = await store.claim('c-1', ANNA, now);
    expect(claimed.ok && claimed.confirmation.conversation.conversation?.name).toBe('Łódź');
    expect(await store.claim('c-1', ANNA, now)).toEqual({ ok: false, reason: 'already-handled' });
    expect(await store.claim('c-2', ANNA, '2026-11-21T10:15:00.000Z')).toEqual({ ok: false, reason: 'expired' });
    expect(await store.claim('forged', ANNA, now)).toEqual({ ok: false, reason: 'unknown' });
    expect((await store.decline('c-3', ANNA)).ok).toBe(true);
    expect(await store.claim('c-3', ANNA, now)).toEqual({ ok: false, reason: 'already-handled' });
    // Twenty presses of one card, each through its own store (as on different instances).
    const claims = await Promise.all(Array.from({ length: 20 }, () => new BlobConfirmationStore(shared).claim('c-2', ANNA, now)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.filter((c) => !c.ok && c.reason === 'already-handled')).toHaveLength(19);
  });

  it('keep where to report on a job', async () => {
    const store = new BlobJobConversationStore(container());
    expect(await store.get('j')).toBeUndefined();
    await store.save({ jobId: 'j', conversation: { conversation: { id: 'x', isGroup: false, conversationType: 'personal', name: '' } }, lng: 'sv', reportedPercent: 0 });
    await store.save({ jobId: 'j', conversation: {}, lng: 'sv', reportedPercent: 40 });
    expect(await store.get('j')).toMatchObject({ reportedPercent: 40, lng: 'sv' });
  });
});

describe('Blob job leases', () => {
  const t0 = new Date('2026-11-21T10:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('of twenty instances taking one lease at once exactly one holds it; it is free again only after it expires', async () => {
    const shared = container();
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => new BlobJobLeases(shared).acquire('job-1', `instance-${i}`, t0, 30_000)));
    const holders = taken.filter((l) => l !== undefined);
    expect(holders).toHaveLength(1);
    const leases = new BlobJobLeases(shared);
    const holder = holders[0]!;
    expect(await leases.acquire('job-1', 'other', at(29_000), 30_000)).toBeUndefined();
    // The holder renews: the lease runs on from the renewal.
    const renewed = await leases.renew(holder, at(20_000), 30_000);
    expect(renewed?.expiresAt).toBe(at(50_000).toISOString());
    expect(await leases.acquire('job-1', 'other', at(45_000), 30_000)).toBeUndefined();
    // Not renewed any more (the instance died): another takes it, and the old holder's renewal fails.
    const takeover = await Promise.all([leases.acquire('job-1', 'other', at(51_000), 30_000), leases.acquire('job-1', 'third', at(51_000), 30_000)]);
    expect(takeover.filter((l) => l !== undefined)).toHaveLength(1);
    expect(await leases.renew(renewed!, at(52_000), 30_000)).toBeUndefined();
    // A released lease is free at once; releasing a lost one changes nothing.
    await leases.release(renewed!);
    expect(await leases.acquire('job-1', 'fourth', at(52_000), 30_000)).toBeUndefined();
    await leases.release(takeover.find((l) => l !== undefined)!);
    expect(await leases.acquire('job-1', 'fourth', at(52_000), 30_000)).toBeDefined();
  });

  it('a claim renews its lease while held, and reports it lost once another instance took it over', async () => {
    const shared = container();
    let now = t0;
    const ticks: (() => void)[] = [];
    const claimer = new JobClaimer({ leases: new BlobJobLeases(shared), holder: 'a', ttlMs: 30_000, now: () => now, every: (task) => (ticks.push(task), () => undefined) });
    const claim = (await claimer.claim('job-2'))!;
    expect(claim).toBeDefined();
    claim.check();
    const tick = async () => {
      ticks[0]!();
      // Let the renewal's round trip to Azurite finish.
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    now = at(10_000);
    await tick();
    // Renewed at 10 s: the lease runs to 40 s, and the holder goes on until a fifth of it (6 s) is left.
    now = at(33_999);
    claim.check();
    // Renewals stop (the instance hangs): the claim refuses to go on before anyone else may take it.
    now = at(34_000);
    expect(() => claim.check()).toThrow(LeaseLostError);
    now = at(41_000);
    expect(await new BlobJobLeases(shared).acquire('job-2', 'b', now, 30_000)).toBeDefined();
    await tick();
    now = at(41_001);
    expect(() => claim.check()).toThrow(LeaseLostError);
  });
});

describe('two switch services on one container', () => {
  it('a job whose instance died is run by the other only after its lease expires (an injected clock)', async () => {
    const shared = container();
    const dataDir = mkdtempSync(join(tmpdir(), 'blob-sweep-'));
    const directory = await createDemoDirectory(dataDir);
    const contoso = directory.find('contoso')!;
    const jobs = new BlobJobStore(shared);
    const leases = new BlobJobLeases(shared);
    const t0 = Date.parse('2026-11-21T10:00:00.000Z');
    let clock = t0;
    const started = await new SwitchRunner({ gateway: contoso.gateway, jobs, today: () => '2026-11-21' }).startMoveUsers({
      fromSubscriptionId: 'sub-standard',
      toSubscriptionId: 'sub-exchange',
      userIds: ['u-lars'],
      requestedBy: 'u-anna',
      jobId: 'job-dead',
    });
    if (!started.ok) throw new Error(`could not plan the test move: ${JSON.stringify(started.error)}`);
    // The instance that took it died right away: its lease stays until it expires.
    await leases.acquire('job-dead', 'dead-instance', new Date(t0), 60_000);
    const finished: SwitchJob[] = [];
    const notifier: SwitchNotifier = { started: async () => undefined, progress: async () => undefined, finished: async (job) => void finished.push(job) };
    const service = new SwitchService({
      directory,
      jobs,
      confirmations: new BlobConfirmationStore(shared),
      conversations: new BlobJobConversationStore(shared),
      notifier,
      logger: createLogger('silent', () => undefined),
      now: () => new Date(clock),
      leases,
      leaseMs: 60_000,
    });
    clock = t0 + 30_000;
    expect(await service.sweep()).toBe(0);
    await service.idle();
    expect((await jobs.get('job-dead'))?.step).toBe('pending');
    clock = t0 + 60_001;
    expect(await service.sweep()).toBe(1);
    await service.idle();
    expect((await jobs.get('job-dead'))?.step).toBe('done');
    expect(finished.map((j) => j.id)).toEqual(['job-dead']);
    // Done and released: nothing left to sweep.
    expect(await service.sweep()).toBe(0);
    const user = (await contoso.gateway.readSnapshot()).users.find((u) => u.id === 'u-lars')!;
    expect(user.licenses.map((l) => l.subscriptionId)).toEqual(['sub-exchange']);
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('change limits shared through the container', () => {
  const limits = { perUserPerMinute: 5, perUserPerHour: 8, perTenantPerMinute: 100, perTenantPerHour: 1_000 };

  it('let exactly the limit through when twenty requests reach two instances at once, and open again when the minute is over', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    const shared = container();
    const instances = [new BlobChangeLimiter(shared, limits, () => now), new BlobChangeLimiter(new BlobContainer(azurite.connectionString, shared.client.containerName), limits, () => now)];
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.take('contoso', 'u-anna')));
    expect(decisions.filter((d) => d.ok)).toHaveLength(5);
    const refused = decisions.find((d) => !d.ok);
    expect(refused).toMatchObject({ ok: false, scope: 'user' });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);

    // Another person of the same organisation is not held back by Anna's limit.
    expect(await instances[1]!.take('contoso', 'u-bo')).toEqual({ ok: true });

    // A minute later the per-minute window is open again, but the hour allows only 3 more.
    now += 61_000;
    const later = await Promise.all(Array.from({ length: 6 }, (_, i) => instances[i % 2]!.take('contoso', 'u-anna')));
    expect(later.filter((d) => d.ok)).toHaveLength(3);
    expect(later.find((d) => !d.ok)).toMatchObject({ scope: 'user' });
  });

  it('hold an organisation to its own limit across its people', async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const limiter = new BlobChangeLimiter(container(), { ...limits, perTenantPerMinute: 3 }, () => now);
    const decisions = [];
    for (const user of ['u-1', 'u-2', 'u-3', 'u-4']) decisions.push(await limiter.take('fabrikam', user));
    expect(decisions.map((d) => d.ok)).toEqual([true, true, true, false]);
    expect(decisions[3]).toMatchObject({ scope: 'tenant' });
    expect(await limiter.take('contoso', 'u-1')).toEqual({ ok: true });
  });
});
