import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import { SwitchRunner } from '../domain/switch-runner';
import type { PaceStep } from '../domain/demo-pace';
import type { TenantGateway } from '../domain/tenant.port';
import type { Identity } from '../conversation/identity';
import { createLogger } from '../bot/logger';
import { MemoryConfirmationStore } from '../bot/switching/memory-confirmation-store';
import { MemoryJobConversationStore } from '../bot/switching/job-conversations';
import { ProactiveNotifier } from '../bot/switching/proactive-notifier';
import { SwitchService } from '../bot/switching/switch-service';
import type { TenantDirectory } from '../conversation/tenant-directory';
import { createDemoDirectory } from '../bot/tenants/tenant-directory';
import { switchStatusCard } from '../dialogs/status/status-card';
import { translator } from '../i18n/translator';

// A switch whose writes keep failing (a read-only disk, a storage error, Graph's 5xx past its own retries)
// in the running bot: the job retries in the same process from its last checkpoint, and once its retry
// budget is spent it ends as failed, telling the admin what was and was not done, in their language.

const ANNA: Identity = { tenantId: 'contoso', userId: 'u-anna', upn: 'anna@contoso.com', displayName: 'Anna Lind', roles: ['GlobalAdmin'], source: 'dev-picker' };
const CONVERSATION: Partial<ConversationReference> = { channelId: 'test', serviceUrl: 'https://test.invalid', conversation: { id: 'conv-faults', isGroup: false, conversationType: 'personal', name: '' } };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The demo directory, with Contoso's licence writes failing on the calls `failing` picks. */
async function faultyDirectory(failing: (call: number) => boolean, error: () => unknown): Promise<TenantDirectory> {
  const dir = mkdtempSync(join(tmpdir(), 'switch-faults-'));
  dirs.push(dir);
  const directory = await createDemoDirectory(dir);
  let calls = 0;
  return {
    list: () => directory.list(),
    find(tenantId) {
      const tenant = directory.find(tenantId);
      if (!tenant || tenantId !== 'contoso') return tenant;
      const inner = tenant.gateway;
      const gateway: TenantGateway = {
        readSnapshot: () => inner.readSnapshot(),
        createSubscription: (request) => inner.createSubscription(request),
        cancelSubscription: (id, on) => inner.cancelSubscription(id, on),
        replaceLicences: async (batch) => {
          calls += 1;
          if (failing(calls)) throw error();
          return inner.replaceLicences(batch);
        },
      };
      return { ...tenant, gateway };
    },
  };
}

async function serviceOn(directory: TenantDirectory, attempts: number) {
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const sent: string[] = [];
  const conversations = new MemoryJobConversationStore();
  const continueConversation = async (_reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => {
    await logic({ sendActivity: async (text: string) => void sent.push(text) } as unknown as TurnContext);
  };
  const slept: number[] = [];
  const service = new SwitchService({
    directory,
    jobs: new InMemoryJobStore(),
    confirmations: new MemoryConfirmationStore(),
    conversations,
    notifier: new ProactiveNotifier(conversations, continueConversation, logger),
    logger,
    retry: { attempts, delayMs: (retry) => 1000 * 2 ** (retry - 1), sleep: async (ms) => void slept.push(ms) },
  });
  const confirmation = await service.offer({ identity: ANNA, tenantId: 'contoso', lng: 'sv', conversation: CONVERSATION, kind: 'automatic-change', subscriptionId: 'sub-standard', toPlan: 'm365-business-premium' });
  const outcome = await service.confirm(confirmation.id, ANNA, { conversation: CONVERSATION, lng: 'sv' });
  expect(outcome.kind).toBe('started');
  await service.idle();
  const events = () => logs.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { service, sent, slept, logs, events };
}

const readOnly = () => Object.assign(new Error("EROFS: read-only file system, open '/data/tenants/contoso.json' for anna@contoso.com"), { code: 'EROFS' });
const graph503 = () => Object.assign(new Error('Service Unavailable'), { statusCode: 503 });

describe('a switch whose writes fail, in the running bot', () => {
  it('a read-only file system for two batches: the job waits, resumes from its checkpoint in the same process, and finishes', async () => {
    const { service, sent, slept, events } = await serviceOn(await faultyDirectory((call) => call <= 2, readOnly), 5);
    const [job] = await service.listJobs('contoso');
    expect(job!.step).toBe('done');
    expect(slept).toEqual([1000, 2000]);
    expect(events().filter((e) => e.event === 'switch.retrying').map((e) => e.cause)).toEqual(['EROFS', 'EROFS']);
    expect(events().some((e) => e.event === 'switch.crashed' || e.event === 'switch.failed')).toBe(false);
    const sv = translator('sv');
    expect(sent.at(-1)).toContain(sv('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 }));
  });

  it('Graph answering 503 past its retries: after the budget the job fails, and the admin, the status card and the log say what was and was not done', async () => {
    const { service, sent, slept, events, logs } = await serviceOn(await faultyDirectory(() => true, graph503), 3);
    const [job] = await service.listJobs('contoso');
    expect(job).toMatchObject({ step: 'failed', error: 'INTERRUPTED', cause: 'HTTP_503', failedStep: 'subscription-created' });
    expect(slept).toHaveLength(2);

    // In Swedish, as the conversation was: stopped and why, bought, moved so far, left on the old licence, not cancelled.
    const sv = translator('sv');
    const message = sent.at(-1)!;
    expect(message).toContain(sv('bot:switch.interrupted.intro', { cause: 'HTTP_503' }));
    expect(message).toContain(sv('bot:switch.interrupted.bought', { to: 'Microsoft 365 Business Premium' }));
    const moved = job!.cursor;
    expect(message).toContain(sv('bot:switch.interrupted.moved', { done: moved, count: 8 }));
    expect(message).toContain(sv('bot:switch.interrupted.notMoved', { count: 8 - moved }));
    expect(message).toContain(sv('bot:switch.interrupted.notCancelled'));
    expect(message).not.toMatch(/switch|stopped|licence/i);

    // The status card states the same.
    const card = JSON.stringify(switchStatusCard(sv, 'sv', [job!]));
    expect(card).toContain('INTERRUPTED (HTTP_503)');
    expect(card).toContain(JSON.stringify(sv('bot:switch.interrupted.notMoved', { count: 8 - moved })).slice(1, -1));

    // One switch.failed line: the job's id and what happened, no person's name or address.
    const failed = events().filter((e) => e.event === 'switch.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ jobId: job!.id, error: 'INTERRUPTED', cause: 'HTTP_503', usersMoved: moved, users: 8, recorded: true });
    expect(logs.join('\n')).not.toMatch(/anna@contoso\.com|Anna Lind/);
  });

  it('in English and Polish the same failure reads natively, with complete plurals', async () => {
    const { service } = await serviceOn(await faultyDirectory(() => true, graph503), 2);
    const [job] = await service.listJobs('contoso');
    const pl = translator('pl');
    for (const count of [1, 2, 5, 22]) {
      const line = pl('bot:switch.interrupted.notMoved', { count });
      expect(line).not.toContain('bot:');
      expect(line).toContain(String(count));
    }
    expect(pl('bot:switch.interrupted.notMoved', { count: 2 })).toContain('użytkownicy nadal mają');
    expect(pl('bot:switch.interrupted.notMoved', { count: 5 })).toContain('użytkowników nadal ma');
    const en = translator('en');
    expect(JSON.stringify(switchStatusCard(en, 'en', [job!]))).toContain(en('bot:switch.interrupted.notCancelled'));
  });
});

describe('a demo tenant whose working copy is deleted under a switch', () => {
  const copyOf = (dir: string) => join(dir, 'tenants', 'contoso-small-business.json');

  it('while it runs: the switch fails at once, says so, and the copy is not made again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switch-copy-'));
    dirs.push(dir);
    const directory = await createDemoDirectory(dir);
    const logs: string[] = [];
    const logger = createLogger('debug', (line) => logs.push(line));
    const sent: string[] = [];
    const conversations = new MemoryJobConversationStore();
    const slept: number[] = [];
    const service = new SwitchService({
      directory,
      jobs: new InMemoryJobStore(),
      confirmations: new MemoryConfirmationStore(),
      conversations,
      notifier: new ProactiveNotifier(conversations, async (_r, logic) => logic({ sendActivity: async (text: string) => void sent.push(text) } as unknown as TurnContext), logger),
      logger,
      // Someone deletes the working copy once the new subscription is bought.
      pace: async (step: PaceStep) => {
        if (step.work === 'replace-licences') rmSync(copyOf(dir), { force: true });
      },
      retry: { attempts: 5, delayMs: () => 1000, sleep: async (ms) => void slept.push(ms) },
    });
    const confirmation = await service.offer({ identity: ANNA, tenantId: 'contoso', lng: 'en', conversation: CONVERSATION, kind: 'automatic-change', subscriptionId: 'sub-standard', toPlan: 'm365-business-premium' });
    expect((await service.confirm(confirmation.id, ANNA, { conversation: CONVERSATION, lng: 'en' })).kind).toBe('started');
    await service.idle();
    const [job] = await service.listJobs('contoso');
    expect(job).toMatchObject({ step: 'failed', error: 'TENANT_COPY_MISSING', cause: 'SNAPSHOT_FILE_NOT_FOUND', failedStep: 'subscription-created' });
    expect(slept).toEqual([]);
    expect(existsSync(copyOf(dir))).toBe(false);
    const en = translator('en');
    expect(sent.at(-1)).toContain(en('bot:switch.interrupted.copyMissing'));
    expect(sent.at(-1)).toContain(en('bot:switch.interrupted.notCancelled'));
    expect(logs.map((l) => JSON.parse(l)).filter((e) => e.event === 'switch.failed')).toEqual([expect.objectContaining({ jobId: job!.id, error: 'TENANT_COPY_MISSING' })]);
  });

  it('between a kill and the next start: the copy made afresh at start is not switched by the old job, which is reported failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switch-copy-'));
    dirs.push(dir);
    const jobs = new InMemoryJobStore();
    const before = await createDemoDirectory(dir);
    // A job an earlier run of the bot started and did not finish.
    const started = await new SwitchRunner({ gateway: before.find('contoso')!.gateway, jobs, today: () => '2026-12-01', now: () => '2026-12-01T09:00:00.000Z' }).startAutomaticChange({
      subscriptionId: 'sub-standard',
      toPlan: 'm365-business-premium',
      requestedBy: 'u-anna',
      jobId: 'job-left',
    });
    expect(started.ok).toBe(true);
    rmSync(copyOf(dir));

    const after = await createDemoDirectory(dir);
    expect(after.find('contoso')!.freshCopy).toBe(true);
    const logs: string[] = [];
    const logger = createLogger('debug', (line) => logs.push(line));
    const sent: string[] = [];
    const conversations = new MemoryJobConversationStore();
    await conversations.save({ jobId: 'job-left', conversation: CONVERSATION, lng: 'nb', reportedPercent: 0 });
    const service = new SwitchService({
      directory: after,
      jobs,
      confirmations: new MemoryConfirmationStore(),
      conversations,
      notifier: new ProactiveNotifier(conversations, async (_r, logic) => logic({ sendActivity: async (text: string) => void sent.push(text) } as unknown as TurnContext), logger),
      logger,
    });
    expect(await service.resumeUnfinished()).toBe(1);
    await service.idle();
    expect(await jobs.get('job-left')).toMatchObject({ step: 'failed', error: 'TENANT_COPY_MISSING', failedStep: 'pending' });
    // The fresh copy is as shipped: nothing was bought or moved on it.
    const copy = JSON.parse(readFileSync(copyOf(dir), 'utf8')) as { subscriptions: { id: string; status: string }[] };
    expect(copy.subscriptions.find((s) => s.id === 'sub-standard')!.status).toBe('active');
    expect(sent.at(-1)).toContain(translator('nb')('bot:switch.interrupted.copyMissing'));
    service.stopSweeping();
  });
});
