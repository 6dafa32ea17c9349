import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileJobStore, JobFileError } from '../domain/gateways/file-job-store';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import type { JobStore, SwitchJob } from '../domain/switch-job';

const folders: string[] = [];
async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'jobs-'));
  folders.push(folder);
  return folder;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

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

const stores: Array<[string, () => Promise<JobStore>]> = [
  ['InMemoryJobStore', async () => new InMemoryJobStore()],
  ['FileJobStore', async () => new FileJobStore(join(await tempFolder(), 'jobs'))],
];

describe.each(stores)('%s', (_name, makeStore) => {
  it('creates, reads and lists jobs, oldest first, by tenant', async () => {
    const store = await makeStore();
    expect(await store.list()).toEqual([]);
    expect(await store.get('job-a')).toBeUndefined();
    expect(await store.create(job('job-b', { createdAt: '2026-03-31T10:00:00.000Z' }))).toMatchObject({ ok: true });
    expect(await store.create(job('job-a'))).toMatchObject({ ok: true });
    expect(await store.create(job('job-c', { tenantId: 'fabrikam' }))).toMatchObject({ ok: true });
    expect(await store.get('job-a')).toEqual(job('job-a'));
    expect((await store.list()).map((j) => j.id)).toEqual(['job-a', 'job-c', 'job-b']);
    expect((await store.list('contoso')).map((j) => j.id)).toEqual(['job-a', 'job-b']);
  });

  it('refuses a second job with an id that exists, keeping the first', async () => {
    const store = await makeStore();
    await store.create(job('job-a'));
    expect(await store.create(job('job-a', { requestedBy: 'oid-2' }))).toEqual({ ok: false, error: { code: 'JOB_EXISTS', jobId: 'job-a' } });
    expect((await store.get('job-a'))!.requestedBy).toBe('oid-1');
  });

  it('writes only over the version the writer read, bumping it', async () => {
    const store = await makeStore();
    await store.create(job('job-a'));
    const first = await store.update(job('job-a', { cursor: 1 }), 0);
    expect(first).toMatchObject({ ok: true, value: { cursor: 1, version: 1 } });
    const stale = await store.update(job('job-a', { cursor: 5 }), 0);
    expect(stale).toEqual({ ok: false, error: { code: 'VERSION_CONFLICT', jobId: 'job-a', expectedVersion: 0, actualVersion: 1 } });
    expect(await store.get('job-a')).toMatchObject({ cursor: 1, version: 1 });
    expect(await store.update(job('job-x'), 0)).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('lets exactly one of many concurrent writers of one version through', async () => {
    const store = await makeStore();
    await store.create(job('job-a'));
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.update(job('job-a', { cursor: i }), 0)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'VERSION_CONFLICT')).toHaveLength(11);
    expect((await store.get('job-a'))!.version).toBe(1);
  });

  it('refuses jobs that break the schema, such as a UPN for the requester or a path for an id', async () => {
    const store = await makeStore();
    expect(await store.create(job('job-a', { requestedBy: 'anna@contoso.com' }))).toMatchObject({ ok: false, error: { code: 'INVALID_JOB' } });
    expect(await store.create(job('../escape'))).toMatchObject({ ok: false, error: { code: 'INVALID_JOB' } });
    expect(await store.get('../escape')).toBeUndefined();
  });

  it('hands out copies, so changing one does not change the stored job', async () => {
    const store = await makeStore();
    await store.create(job('job-a'));
    const copy = (await store.get('job-a'))!;
    copy.replacements.push({ userId: 'u-x', removeSubscriptionId: 'a', addSubscriptionId: 'b' });
    copy.cursor = 9;
    expect(await store.get('job-a')).toEqual(job('job-a'));
  });
});

describe('FileJobStore on disk', () => {
  it('keeps one JSON file per job and leaves no temporary or lock files behind', async () => {
    const folder = await tempFolder();
    const store = new FileJobStore(folder);
    await store.create(job('job-a'));
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.update(job('job-a', { cursor: i }), 0)));
    await store.update(job('job-a', { step: 'done' }), 1);
    expect(await readdir(folder)).toEqual(['job-a.json']);
    expect(JSON.parse(await readFile(join(folder, 'job-a.json'), 'utf8'))).toMatchObject({ id: 'job-a', step: 'done', version: 2 });
  });

  it('checks versions against the file, across store instances', async () => {
    const folder = await tempFolder();
    const one = new FileJobStore(folder);
    const two = new FileJobStore(folder);
    await one.create(job('job-a'));
    expect(await two.create(job('job-a'))).toMatchObject({ ok: false, error: { code: 'JOB_EXISTS' } });
    expect(await one.update(job('job-a', { cursor: 1 }), 0)).toMatchObject({ ok: true });
    expect(await two.update(job('job-a', { cursor: 2 }), 0)).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT', actualVersion: 1 } });
    expect(await two.get('job-a')).toMatchObject({ cursor: 1, version: 1 });
  });

  it('waits for another writer’s lock and takes over one left by a crashed process', async () => {
    const folder = await tempFolder();
    const store = new FileJobStore(folder, { lockTimeoutMs: 100, staleLockMs: 60_000 });
    await store.create(job('job-a'));
    const lock = join(folder, 'job-a.lock');
    await writeFile(lock, '');
    await expect(store.update(job('job-a', { cursor: 1 }), 0)).rejects.toThrow(/locked/);
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    expect(await store.update(job('job-a', { cursor: 1 }), 0)).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await readdir(folder)).toEqual(['job-a.json']);
  });

  it('treats a broken job file as a crash, naming the file', async () => {
    const folder = await tempFolder();
    const store = new FileJobStore(folder);
    await writeFile(join(folder, 'job-a.json'), '{"id": "job-a"');
    await expect(store.get('job-a')).rejects.toBeInstanceOf(JobFileError);
    await writeFile(join(folder, 'job-a.json'), JSON.stringify({ ...job('job-a'), step: 'sideways' }));
    await expect(store.list()).rejects.toThrow(/step/);
  });
});
