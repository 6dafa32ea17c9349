import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAutomaticChange } from '../domain/automatic-change';
import { FileJobStore } from '../domain/gateways/file-job-store';
import { FileTenantGateway, SnapshotFileGatewayError } from '../domain/gateways/file-gateway';
import { InMemoryTenantGateway } from '../domain/gateways/in-memory-gateway';
import { subscriptionIdForKey } from '../domain/gateways/tenant-ledger';
import { parseSnapshotJson } from '../domain/snapshot/parse';
import type { JobStore } from '../domain/switch-job';
import { SwitchRunner } from '../domain/switch-runner';
import type { TenantGateway } from '../domain/tenant.port';
import { CallBudget, Crash, countingGateway, countingJobStore } from './support/crash-doubles';
import { contoso } from './support/switch-fixtures';

const folders: string[] = [];
async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tenant-'));
  folders.push(folder);
  return folder;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function tenantFile(text = JSON.stringify(contoso(), null, 2)): Promise<string> {
  const path = join(await tempFolder(), 'tenant.json');
  await writeFile(path, text);
  return path;
}

async function openGateway(path: string): Promise<FileTenantGateway> {
  const opened = await FileTenantGateway.open(path);
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  return opened.value;
}

const CHANGE = { subscriptionId: 'sub-standard', toPlan: 'm365-business-premium', requestedBy: 'oid-1', jobId: 'job-file' };
const TODAY = '2026-03-31';

describe('FileTenantGateway', () => {
  it('reads the snapshot in the file', async () => {
    const gateway = await openGateway(await tenantFile());
    expect(await gateway.readSnapshot()).toEqual(contoso());
  });

  it('writes the same tenant as the in-memory gateway, atomically, and reads it back', async () => {
    const path = await tenantFile();
    const file = await openGateway(path);
    const memory = new InMemoryTenantGateway(contoso());
    for (const gateway of [file, memory]) {
      const request = { idempotencyKey: 'k-1', basedOnSubscriptionId: 'sub-standard', planId: 'm365-business-premium', startDate: TODAY, addLicenses: 1 };
      const { subscriptionId } = await gateway.createSubscription(request);
      expect(await gateway.createSubscription(request)).toEqual({ subscriptionId });
      const batch = [
        { userId: 'u-anna', removeSubscriptionId: 'sub-standard', addSubscriptionId: subscriptionId },
        { userId: 'u-nobody', removeSubscriptionId: 'sub-standard', addSubscriptionId: subscriptionId },
        { userId: 'u-hugo', removeSubscriptionId: 'sub-standard', addSubscriptionId: subscriptionId },
      ];
      expect(await gateway.replaceLicences(batch)).toEqual({
        items: [
          { userId: 'u-anna', status: 'done' },
          { userId: 'u-nobody', status: 'refused', error: 'USER_NOT_FOUND' },
          { userId: 'u-hugo', status: 'refused', error: 'LICENCE_NOT_HELD' },
        ],
      });
      expect((await gateway.replaceLicences(batch.slice(0, 1))).items).toEqual([{ userId: 'u-anna', status: 'already-done' }]);
      await gateway.cancelSubscription('sub-apps', TODAY);
      await gateway.cancelSubscription('sub-apps', TODAY);
    }
    expect(await file.readSnapshot()).toEqual(memory.snapshot());
    const reread = parseSnapshotJson(await readFile(path, 'utf8'));
    expect(reread.ok && reread.value).toEqual(memory.snapshot());
    expect(await readdir(join(path, '..'))).toEqual(['tenant.json']);
    // another gateway over the same file finds the subscription the key created
    const other = await openGateway(path);
    expect(await other.createSubscription({ idempotencyKey: 'k-1', basedOnSubscriptionId: 'sub-standard', planId: 'm365-business-premium', startDate: '2030-01-01' })).toEqual({
      subscriptionId: subscriptionIdForKey('k-1'),
    });
    expect((await other.readSnapshot()).subscriptions).toHaveLength(4);
  });

  it('refuses to hand out more licences than were bought', async () => {
    const gateway = await openGateway(await tenantFile());
    const batch = ['u-anna', 'u-bo', 'u-cecilia', 'u-dag', 'u-eva'].map((userId) => ({ userId, removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-e3' }));
    const outcome = await gateway.replaceLicences(batch);
    expect(outcome.items.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done', 'refused']);
    expect(outcome.items[4]).toMatchObject({ error: 'NOT_ENOUGH_LICENSES' });
  });

  it('runs a whole automatic change over files, crashing at every call, to the same tenant', async () => {
    const expected = applyAutomaticChange(contoso(), { ...CHANGE, newSubscriptionId: subscriptionIdForKey(CHANGE.jobId), completedOn: TODAY });
    for (let at = 1; at <= 15; at++) {
      const path = await tenantFile();
      const gateway = await openGateway(path);
      const jobs = new FileJobStore(join(path, '..', 'jobs'));
      const runner = (g: TenantGateway = gateway, j: JobStore = jobs) =>
        new SwitchRunner({ gateway: g, jobs: j, today: () => TODAY, batchSize: 2 });
      expect((await runner().startAutomaticChange(CHANGE)).ok).toBe(true);
      const budget = new CallBudget(at, 'after');
      await runner(countingGateway(gateway, budget), countingJobStore(jobs, budget))
        .run(CHANGE.jobId)
        .catch((error: unknown) => expect(error).toBeInstanceOf(Crash));
      expect((await runner().run(CHANGE.jobId)).ok).toBe(true);
      const onDisk = parseSnapshotJson(await readFile(path, 'utf8'));
      expect(onDisk.ok && onDisk.value).toEqual(expected);
      expect(await readdir(join(path, '..', 'jobs'))).toEqual([`${CHANGE.jobId}.json`]);
    }
  });

  it('reports a missing or broken file as a value when opened', async () => {
    const folder = await tempFolder();
    expect(await FileTenantGateway.open(join(folder, 'missing.json'))).toMatchObject({ ok: false, error: { code: 'SNAPSHOT_FILE_NOT_FOUND' } });
    expect(await FileTenantGateway.open(await tenantFile('{ not json'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_SNAPSHOT', issues: [{ problem: 'not-json' }] },
    });
    const unknownField = JSON.stringify({ ...contoso(), extra: true });
    expect(await FileTenantGateway.open(await tenantFile(unknownField))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_SNAPSHOT', issues: [{ path: 'extra', problem: 'unknown-field' }] },
    });
  });

  it('throws a coded error, and writes nothing, when the file breaks after opening', async () => {
    const path = await tenantFile();
    const gateway = await openGateway(path);
    await writeFile(path, '[]');
    expect(await gateway.read()).toMatchObject({ ok: false, error: { code: 'INVALID_SNAPSHOT' } });
    await expect(gateway.readSnapshot()).rejects.toBeInstanceOf(SnapshotFileGatewayError);
    await expect(gateway.cancelSubscription('sub-apps', TODAY)).rejects.toMatchObject({ problem: { code: 'INVALID_SNAPSHOT' } });
    expect(await readFile(path, 'utf8')).toBe('[]');
  });
});
