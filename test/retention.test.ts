import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { pruneSqlite } from '../bot/storage/retention';
import { SqliteConfirmationStore } from '../bot/storage/sqlite-confirmation-store';
import { openDatabase } from '../bot/storage/sqlite-database';
import { SqliteJobConversationStore } from '../bot/storage/sqlite-job-conversation-store';
import { SqliteJobStore } from '../bot/storage/sqlite-job-store';
import { SqliteStorage } from '../bot/storage/sqlite-storage';
import { openStores } from '../bot/storage/stores';
import { switchStatusCard } from '../dialogs/status/status-card';
import type { SwitchJob } from '../domain/switch-job';
import { translator } from '../i18n/translator';

// STATE_RETENTION_DAYS (90 by default): state untouched for longer is pruned; a finished switch keeps a
// summary without the users it listed; an unfinished one stays to be resumed.

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function job(id: string, step: SwitchJob['step'], updatedAt: string): SwitchJob {
  return {
    id,
    tenantId: 'contoso',
    kind: 'move-users',
    subscriptionId: 'sub-standard',
    toSubscriptionId: 'sub-exchange',
    userIds: ['u-lars', 'u-maja'],
    requestedBy: 'u-anna',
    createdAt: updatedAt,
    updatedAt,
    step,
    replacements: [
      { userId: 'u-lars', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-exchange' },
      { userId: 'u-maja', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-exchange' },
    ],
    cursor: step === 'done' ? 2 : 1,
    batchSize: 20,
    attempts: 0,
    version: 0,
  };
}

async function seeded() {
  const dir = mkdtempSync(join(tmpdir(), 'retention-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'bot.sqlite'));
  let clock = NOW - 200 * DAY;
  const storage = new SqliteStorage(db, () => clock);
  await storage.write({ 'msteams/conversations/old/': { dialogState: 1 }, 'msteams/users/old/': { language: 'sv' }, 'local-directline/keys': { signingKey: 'k', connectorSecret: 's' } });
  clock = NOW - 5 * DAY;
  await storage.write({ 'msteams/conversations/recent/': { dialogState: 2 } });
  const jobs = new SqliteJobStore(db);
  await jobs.create(job('old-done', 'done', daysAgo(200)));
  await jobs.create(job('recent-done', 'done', daysAgo(10)));
  await jobs.create(job('old-running', 'pending', daysAgo(200)));
  const conversations = new SqliteJobConversationStore(db);
  for (const id of ['old-done', 'recent-done', 'old-running']) {
    await conversations.save({ jobId: id, conversation: { channelId: 'msteams', conversation: { id: `conv-${id}` } as never, user: { id: '29:u-anna', name: 'Anna Lind' } }, lng: 'en', reportedPercent: 100 });
  }
  const confirmations = new SqliteConfirmationStore(db);
  return { dir, db, storage, jobs, conversations, confirmations };
}

describe('retention', () => {
  it('prunes state untouched for longer, summarizes old finished jobs without their users, and keeps unfinished ones', async () => {
    const { db, storage, jobs, conversations } = await seeded();
    const en = translator('en');
    const cardBefore = JSON.stringify(switchStatusCard(en, 'en', [(await jobs.get('old-done'))!]));

    const pruned = pruneSqlite(db, storage, 90, NOW);
    expect(pruned).toMatchObject({ stateItems: 2, jobsSummarized: 1 });

    const left = await storage.read(['msteams/conversations/old/', 'msteams/users/old/', 'msteams/conversations/recent/', 'local-directline/keys']);
    expect(Object.keys(left).sort()).toEqual(['local-directline/keys', 'msteams/conversations/recent/']);

    const summary = (await jobs.get('old-done'))!;
    expect(summary).toMatchObject({ step: 'done', kind: 'move-users', requestedBy: 'u-anna', summary: { users: 2, moved: 2 }, replacements: [] });
    expect(JSON.stringify(summary)).not.toMatch(/u-lars|u-maja/);
    // The status card says of it what it said before.
    expect(JSON.stringify(switchStatusCard(en, 'en', [summary]))).toBe(cardBefore);
    expect(await conversations.get('old-done')).toBeUndefined();

    expect((await jobs.get('recent-done'))!.replacements).toHaveLength(2);
    expect(await conversations.get('recent-done')).toBeDefined();
    expect((await jobs.get('old-running'))!).toMatchObject({ step: 'pending', cursor: 1 });
    expect(await conversations.get('old-running')).toBeDefined();

    // Again: nothing more to do.
    expect(pruneSqlite(db, storage, 90, NOW)).toEqual({ stateItems: 0, jobsSummarized: 0, confirmations: 0 });
    storage.close();
    db.close();
  });

  it('a shorter STATE_RETENTION_DAYS prunes more, at start', async () => {
    const { dir, db, storage } = await seeded();
    storage.close();
    db.close();
    const parsed = parseConfig({ STORAGE: 'sqlite', DATA_DIR: dir, STATE_RETENTION_DAYS: '1' });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.config.stateRetentionDays).toBe(1);
    const logs: string[] = [];
    const stores = await openStores(parsed.config, createLogger('info', (line) => logs.push(line)));
    try {
      const left = await stores.storage.read(['msteams/conversations/recent/', 'msteams/conversations/old/']);
      expect(left).toEqual({});
      expect((await stores.jobs.get('recent-done'))!.summary).toEqual({ users: 2, moved: 2 });
      expect(logs.map((l) => JSON.parse(l)).find((l) => l.event === 'state.pruned')).toMatchObject({ retentionDays: 1, jobsSummarized: 2 });
    } finally {
      stores.close();
    }
  });

  it('the default is 90 days, and a retention that is not a whole number of days stops the start', () => {
    const parsed = parseConfig({});
    expect(parsed.ok && parsed.config.stateRetentionDays).toBe(90);
    const bad = parseConfig({ STATE_RETENTION_DAYS: 'forever' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^configuration: STATE_RETENTION_DAYS: /);
  });
});
