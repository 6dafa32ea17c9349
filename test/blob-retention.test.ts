import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { openBlobStores } from '../bot/storage/blob-stores';
import { BlobChangeLimiter } from '../bot/storage/blob-change-limiter';
import { BlobConfirmationStore } from '../bot/storage/blob-confirmation-store';
import { BlobContainer, type ListedBlob } from '../bot/storage/blob-container';
import { BlobJobConversationStore } from '../bot/storage/blob-job-conversation-store';
import { BlobJobLeases } from '../bot/storage/blob-job-leases';
import { BlobJobStore } from '../bot/storage/blob-job-store';
import { pruneBlobs } from '../bot/storage/blob-retention';
import type { Confirmation } from '../bot/switching/confirmation';
import type { SwitchJob } from '../domain/switch-job';
import { startAzurite, type Azurite } from './support/azurite';

// STATE_RETENTION_DAYS on STORAGE=blob, against Azurite: what goes, what stays, what becomes a summary,
// and that a blob written after the listing, or pruned by another instance at the same time, is safe.
// A blob's age is its Last-Modified in the container's listing: "now" is moved past the retention time
// instead of waiting for it.

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => azurite?.stop());

const DAY_MS = 24 * 60 * 60_000;
const later = () => Date.now() + 91 * DAY_MS;

function job(id: string, patch: Partial<SwitchJob> = {}): SwitchJob {
  return {
    id,
    tenantId: 'contoso',
    kind: 'move-users',
    subscriptionId: 'sub-standard',
    toSubscriptionId: 'sub-e3',
    userIds: ['u-bo', 'u-ewa'],
    requestedBy: 'oid-1',
    createdAt: '2026-03-31T09:00:00.000Z',
    step: 'pending',
    replacements: [
      { userId: 'u-bo', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-e3' },
      { userId: 'u-ewa', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-e3' },
    ],
    cursor: 0,
    batchSize: 20,
    attempts: 0,
    version: 3,
    ...patch,
  };
}

const confirmation: Confirmation = {
  id: 'c-1', tenantId: 'contoso', kind: 'automatic-change', subscriptionId: 'sub-standard', toPlan: 'm365-business-premium',
  requestedBy: 'u-anna', createdAt: '2026-11-21T10:00:00.000Z', expiresAt: '2026-11-21T10:15:00.000Z', lng: 'sv', conversation: { conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } },
};

const reportTo = (jobId: string) => ({ jobId, conversation: { conversation: { id: `conv-${jobId}`, isGroup: false, conversationType: 'personal', name: '' } }, lng: 'sv' as const, reportedPercent: 0 });

/** A container with one of everything the bot writes, as several weeks of use leave it. */
async function filled(name = azurite.newContainer()) {
  const container = new BlobContainer(azurite.connectionString, name);
  const storage = new BlobsStorage(azurite.connectionString, name);
  await storage.write({
    'msteams/conversations/a:1/': { dialogState: { dialogStack: [] }, eTag: '*' },
    'msteams/users/anna/': { profile: { language: 'sv' }, eTag: '*' },
    'local-directline/keys': { keys: ['k'], eTag: '*' },
    'switching/undelivered-notices': { notices: [], eTag: '*' },
  });
  const jobs = new BlobJobStore(container);
  for (const created of [
    job('done', { step: 'done', cursor: 2 }),
    job('failed', { step: 'failed', cursor: 1, failures: [{ userId: 'u-ewa', error: 'Request_ResourceNotFound' }] }),
    job('running', { step: 'subscription-created', cursor: 1 }),
  ]) {
    expect((await jobs.create(created)).ok).toBe(true);
  }
  const conversations = new BlobJobConversationStore(container);
  // 'gone': a job summarised by an instance that stopped before it deleted where the job reported to.
  for (const id of ['done', 'running', 'gone']) await conversations.save(reportTo(id));
  await new BlobConfirmationStore(container).save(confirmation);
  await new BlobJobLeases(container).acquire('running', 'instance-1', new Date(), 60_000);
  await new BlobChangeLimiter(container, { perUserPerMinute: 5, perUserPerHour: 8, perTenantPerMinute: 100, perTenantPerHour: 1_000 }).take('contoso', 'u-anna');
  await container.put('onboarding/tenants/contoso.json', { tenantId: 'contoso' });
  await container.put('watching/plan-watches/w-1.json', { id: 'w-1' });
  return { name, container, storage, jobs, conversations };
}

async function names(container: BlobContainer): Promise<string[]> {
  const found: string[] = [];
  for await (const blob of container.listProperties()) found.push(blob.name);
  return found.sort();
}

describe('pruning the blob container (STORAGE=blob)', () => {
  it('nothing written within the retention time goes', async () => {
    const { container } = await filled();
    const before = await names(container);
    expect(await pruneBlobs(container, 90)).toEqual({ stateItems: 0, jobsSummarized: 0, confirmations: 0, leases: 0, limits: 0, reportAddresses: 0 });
    expect(await names(container)).toEqual(before);
  });

  it('past it: conversation state, confirmations, leases and limit windows go; finished jobs keep a summary; unfinished jobs, tenants and watches stay', async () => {
    const { container, storage, jobs, conversations } = await filled();
    const pruned = await pruneBlobs(container, 90, later());
    expect(pruned).toEqual({ stateItems: 2, jobsSummarized: 2, confirmations: 1, leases: 1, limits: 4, reportAddresses: 1 });

    const state = await storage.read(['msteams/conversations/a:1/', 'msteams/users/anna/', 'local-directline/keys', 'switching/undelivered-notices']);
    expect(Object.keys(state).sort()).toEqual(['local-directline/keys', 'switching/undelivered-notices']);

    const done = (await jobs.get('done'))!;
    expect(done.summary).toEqual({ users: 2, moved: 2 });
    expect(done.userIds).toBeUndefined();
    expect(done.replacements).toEqual([]);
    expect(done.version).toBe(4);
    expect((await jobs.get('failed'))!.summary).toEqual({ users: 2, moved: 1 });
    expect((await jobs.get('failed'))!.failures).toBeUndefined();
    // Still listed as the tenant's (the tenant metadata stays with the summary).
    expect((await jobs.list('contoso')).map((j) => j.id).sort()).toEqual(['done', 'failed', 'running']);
    expect(await jobs.get('running')).toEqual(job('running', { step: 'subscription-created', cursor: 1 }));

    expect(await conversations.get('done')).toBeUndefined();
    expect(await conversations.get('gone')).toBeUndefined();
    expect(await conversations.get('running')).toEqual(reportTo('running'));
    const left = await names(container);
    expect(left.filter((n) => n.startsWith('switching/confirmations/') || n.startsWith('switching/leases/') || n.startsWith('switching/limits/'))).toEqual([]);
    expect(left).toContain('onboarding/tenants/contoso.json');
    expect(left).toContain('watching/plan-watches/w-1.json');

    // Pruning again finds nothing more to do.
    expect(await pruneBlobs(container, 90, later())).toEqual({ stateItems: 0, jobsSummarized: 0, confirmations: 0, leases: 0, limits: 0, reportAddresses: 0 });
  });

  it('a blob written after the listing showed it is not deleted or summarized (If-Match on the listed eTag)', async () => {
    const { name, storage } = await filled();
    /** Another turn writes every blob just after the listing shows it. */
    class WrittenMeanwhile extends BlobContainer {
      override async *listProperties(prefix?: string): AsyncGenerator<ListedBlob> {
        for await (const blob of super.listProperties(prefix)) {
          const read = await this.read<unknown>(blob.name);
          if (read) await this.put(blob.name, read.value);
          yield blob;
        }
      }
    }
    const racing = new WrittenMeanwhile(azurite.connectionString, name);
    expect(await pruneBlobs(racing, 90, later())).toEqual({ stateItems: 0, jobsSummarized: 0, confirmations: 0, leases: 0, limits: 0, reportAddresses: 0 });
    expect(Object.keys(await storage.read(['msteams/conversations/a:1/', 'msteams/users/anna/'])).sort()).toEqual(['msteams/conversations/a:1/', 'msteams/users/anna/']);
    const jobs = new BlobJobStore(racing);
    expect((await jobs.get('done'))!.summary).toBeUndefined();
    expect((await jobs.get('done'))!.userIds).toEqual(['u-bo', 'u-ewa']);
  });

  it('two instances pruning at once: each blob goes once, each finished job is summarized once', async () => {
    const { name, jobs } = await filled();
    const instances = [new BlobContainer(azurite.connectionString, name), new BlobContainer(azurite.connectionString, name)];
    const [a, b] = await Promise.all(instances.map((container) => pruneBlobs(container, 90, later())));
    const total = Object.fromEntries(Object.keys(a!).map((key) => [key, a![key as keyof typeof a] + b![key as keyof typeof b]]));
    // Where 'done' reported to goes with its summary, by whichever instance gets there first.
    expect({ ...total, reportAddresses: undefined }).toEqual({ stateItems: 2, jobsSummarized: 2, confirmations: 1, leases: 1, limits: 4, reportAddresses: undefined });
    expect(await new BlobJobConversationStore(instances[0]!).get('done')).toBeUndefined();
    expect(await new BlobJobConversationStore(instances[0]!).get('gone')).toBeUndefined();
    expect((await jobs.get('done'))!.version).toBe(4);
    expect((await jobs.get('failed'))!.version).toBe(4);
  });

  it('the bot prunes its container when it starts (STORAGE=blob), and logs the counts', async () => {
    const { name, storage } = await filled();
    const parsed = parseConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: name });
    if (!parsed.ok) throw new Error(parsed.message);
    const lines: string[] = [];
    const stores = openBlobStores(parsed.config, createLogger('info', (line) => lines.push(line)), later);
    try {
      await vi.waitFor(() => expect(lines.find((line) => line.includes('state.pruned'))).toBeDefined(), { timeout: 20_000 });
      const logged = JSON.parse(lines.find((line) => line.includes('state.pruned'))!) as Record<string, unknown>;
      expect(logged).toMatchObject({ retentionDays: 90, stateItems: 2, jobsSummarized: 2, confirmations: 1, leases: 1, limits: 4, reportAddresses: 1 });
      expect(Object.keys(await storage.read(['msteams/conversations/a:1/']))).toEqual([]);
    } finally {
      stores.close();
    }
  });
});
