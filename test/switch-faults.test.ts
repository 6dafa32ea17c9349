import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import type { TenantGateway } from '../domain/tenant.port';
import type { Identity } from '../bot/identity/identity';
import { createLogger } from '../bot/logger';
import { MemoryConfirmationStore } from '../bot/switching/memory-confirmation-store';
import { MemoryJobConversationStore } from '../bot/switching/job-conversations';
import { ProactiveNotifier } from '../bot/switching/proactive-notifier';
import { SwitchService } from '../bot/switching/switch-service';
import { createDemoDirectory, type TenantDirectory } from '../bot/tenants/tenant-directory';
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
    expect(sent.at(-1)).toBe(sv('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 }));
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
