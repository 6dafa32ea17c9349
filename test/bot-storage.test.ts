import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../bot/storage/sqlite-database';
import { SqliteStorage } from '../bot/storage/sqlite-storage';
import { SqliteConfirmationStore } from '../bot/storage/sqlite-confirmation-store';
import { SqliteJobStore } from '../bot/storage/sqlite-job-store';
import type { Confirmation } from '../bot/switching/confirmation';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const dbFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-switch-db-'));
  dirs.push(dir);
  return join(dir, 'bot.sqlite');
};

describe('SQLite state storage', () => {
  it('keeps what it was given across a reopen, with an eTag', async () => {
    const file = dbFile();
    const first = openDatabase(file);
    await new SqliteStorage(first).write({ 'user/1': { language: 'sv' } });
    first.close();
    const second = openDatabase(file);
    const items = await new SqliteStorage(second).read(['user/1', 'missing']);
    expect(items['user/1']).toMatchObject({ language: 'sv', eTag: '1' });
    expect(items.missing).toBeUndefined();
    second.close();
  });

  it('refuses a write with a stale eTag, as botbuilder storages do, and accepts * and the current one', async () => {
    const db = openDatabase(dbFile());
    const storage = new SqliteStorage(db);
    await storage.write({ k: { n: 1 } });
    const read = (await storage.read(['k'])).k as { eTag: string };
    await storage.write({ k: { n: 2, eTag: read.eTag } });
    await expect(storage.write({ k: { n: 3, eTag: read.eTag } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ k: { n: 4, eTag: '*' } });
    expect((await storage.read(['k'])).k).toMatchObject({ n: 4 });
    await storage.delete(['k']);
    expect((await storage.read(['k'])).k).toBeUndefined();
    db.close();
  });
});

const confirmation = (overrides: Partial<Confirmation> = {}): Confirmation => ({
  id: 'c-1', tenantId: 'contoso', kind: 'automatic-change', subscriptionId: 'sub-standard', toPlan: 'm365-business-premium',
  requestedBy: 'u-anna', createdAt: '2026-11-21T10:00:00.000Z', expiresAt: '2026-11-21T10:15:00.000Z', lng: 'en', conversation: {},
  ...overrides,
});

const ANNA = { tenantId: 'contoso', userId: 'u-anna' };
const ERIK = { tenantId: 'contoso', userId: 'u-erik' };
/** Anna's user id in another organisation: demo and file tenants (and any two tenants the bot does not control) may share ids. */
const ANNA_ELSEWHERE = { tenantId: 'fabrikam', userId: 'u-anna' };

describe('confirmations', () => {
  it('are spent by exactly one claim of the person they were shown to, before they expire', async () => {
    const db = openDatabase(dbFile());
    const store = new SqliteConfirmationStore(db);
    await store.save(confirmation());
    await store.save(confirmation({ id: 'c-2' }));
    const now = '2026-11-21T10:05:00.000Z';
    expect(await store.claim('c-1', ERIK, now)).toEqual({ ok: false, reason: 'not-yours' });
    // The same user id in another organisation neither spends nor declines it: Anna still can.
    expect(await store.claim('c-1', ANNA_ELSEWHERE, now)).toEqual({ ok: false, reason: 'not-yours' });
    expect(await store.decline('c-1', ANNA_ELSEWHERE)).toEqual({ ok: false, reason: 'not-yours' });
    expect((await store.claim('c-1', ANNA, now)).ok).toBe(true);
    expect(await store.claim('c-1', ANNA, now)).toEqual({ ok: false, reason: 'already-handled' });
    expect(await store.claim('c-2', ANNA, '2026-11-21T10:15:00.000Z')).toEqual({ ok: false, reason: 'expired' });
    expect(await store.claim('forged', ANNA, now)).toEqual({ ok: false, reason: 'unknown' });
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('c-2', ANNA, now)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    db.close();
  });
});

describe('the SQLite job store', () => {
  it('writes conditionally on the version, so two runners never both advance a job', async () => {
    const db = openDatabase(dbFile());
    const jobs = new SqliteJobStore(db);
    const job = {
      id: 'job-1', tenantId: 'contoso', kind: 'move-users' as const, subscriptionId: 'a', toSubscriptionId: 'b', userIds: ['u1'],
      requestedBy: 'u-anna', createdAt: '2026-11-21T10:00:00.000Z', step: 'pending' as const,
      replacements: [{ userId: 'u1', removeSubscriptionId: 'a', addSubscriptionId: 'b' }], cursor: 0, batchSize: 20, attempts: 0, version: 0,
    };
    expect((await jobs.create(job)).ok).toBe(true);
    expect(await jobs.create(job)).toEqual({ ok: false, error: { code: 'JOB_EXISTS', jobId: 'job-1' } });
    const advanced = await jobs.update({ ...job, cursor: 1 }, 0);
    expect(advanced.ok && advanced.value.version).toBe(1);
    expect(await jobs.update({ ...job, cursor: 1 }, 0)).toEqual({ ok: false, error: { code: 'VERSION_CONFLICT', jobId: 'job-1', expectedVersion: 0, actualVersion: 1 } });
    expect((await jobs.list('contoso')).map((j) => j.cursor)).toEqual([1]);
    expect(await jobs.list('fabrikam')).toEqual([]);
    db.close();
  });
});

describe('SQLite state storage, read back from memory', () => {
  it('hands out copies: changing an item that was read changes nothing stored until it is written', async () => {
    const db = openDatabase(dbFile());
    const storage = new SqliteStorage(db);
    await storage.write({ k: { stack: ['menu'] } });
    const first = (await storage.read(['k'])).k as { stack: string[] };
    first.stack.push('change-plan');
    expect((await storage.read(['k'])).k).toMatchObject({ stack: ['menu'] });
    db.close();
  });

  it('keeps on disk exactly what it last answered from memory, and stays exclusive about eTags', async () => {
    const file = dbFile();
    const db = openDatabase(file);
    const storage = new SqliteStorage(db);
    for (let n = 1; n <= 5; n++) await storage.write({ k: { n, word: 'Żółć' }, [`other/${n}`]: { n } });
    const remembered = (await storage.read(['k'])).k as { eTag: string };
    expect(remembered).toMatchObject({ n: 5, eTag: '5' });
    await expect(storage.write({ k: { n: 6, eTag: '4' } })).rejects.toThrow(/eTag conflict/);
    await storage.delete(['other/3']);
    storage.close();
    db.close();
    const reopened = openDatabase(file);
    const again = new SqliteStorage(reopened);
    expect(await again.read(['k', 'other/3', 'other/4'])).toEqual({ k: { n: 5, word: 'Żółć', eTag: '5' }, 'other/4': { n: 4, eTag: '1' } });
    reopened.close();
  });
});
