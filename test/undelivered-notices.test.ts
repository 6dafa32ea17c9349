import { describe, expect, it } from 'vitest';
import { MemoryStorage, TestAdapter, type Activity, type ConversationReference, type ResourceResponse, type TurnContext } from 'botbuilder';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import type { SwitchJob } from '../domain/switch-job';
import { createLogger } from '../bot/logger';
import { MemoryJobConversationStore } from '../bot/switching/job-conversations';
import { ProactiveNotifier } from '../bot/switching/proactive-notifier';
import { finishedText } from '../conversation/switch-messages';
import { deliverUndelivered, UndeliveredNotices } from '../bot/switching/undelivered-notices';
import { translator } from '../i18n/translator';

// A switch's outcome that cannot reach its conversation (the channel answers 404, the web visitor's
// conversation is away) is logged as switch.notify-failed with the job, not as a bare turn.failed, kept
// in storage, and delivered at the person's next turn in that conversation.

const REFERENCE: Partial<ConversationReference> = { channelId: 'directline', serviceUrl: 'http://127.0.0.1:9/directline-connector/x/', conversation: { id: 'conv-away', isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'bot', name: 'bot' }, user: { id: 'dl_v', name: '' } };

const job: SwitchJob = {
  id: 'sw-1',
  tenantId: 'contoso',
  kind: 'move-users',
  subscriptionId: 'sub-standard',
  toSubscriptionId: 'sub-exchange',
  userIds: ['u-lars', 'u-maja'],
  requestedBy: 'u-anna',
  createdAt: '2026-12-04T10:00:00.000Z',
  step: 'done',
  replacements: [
    { userId: 'u-lars', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-exchange' },
    { userId: 'u-maja', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-exchange' },
  ],
  cursor: 2,
  batchSize: 20,
  attempts: 0,
  version: 4,
};

/** An adapter whose channel is unreachable: like CloudAdapter, an error in a proactive turn goes to onTurnError. */
class UnreachableAdapter extends TestAdapter {
  override async sendActivities(_context: TurnContext, _activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    throw Object.assign(new Error('Not Found'), { statusCode: 404 });
  }
}

describe('an outcome that cannot be delivered', () => {
  it('is logged with its job, kept in storage, and delivered in Polish at the next turn in that conversation', async () => {
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger('debug', (line) => logs.push(JSON.parse(line)));
    const storage = new MemoryStorage();
    const jobs = new InMemoryJobStore();
    await jobs.create(job);
    const conversations = new MemoryJobConversationStore();
    await conversations.save({ jobId: job.id, conversation: REFERENCE, lng: 'pl', reportedPercent: 50 });

    const away = new UnreachableAdapter();
    away.onTurnError = async () => void logs.push({ event: 'turn.failed' });
    const undelivered = new UndeliveredNotices(storage);
    await undelivered.load();
    const notifier = new ProactiveNotifier(conversations, (reference, logic) => away.continueConversation(reference, logic), logger, undelivered);
    await notifier.finished(job);

    expect(logs.filter((l) => l.event === 'switch.notify-failed')).toEqual([expect.objectContaining({ jobId: 'sw-1', level: 'warn' })]);
    expect(logs.some((l) => l.event === 'turn.failed')).toBe(false);

    // Another process on the same storage (a restart) knows it too.
    const afterRestart = new UndeliveredNotices(storage);
    await afterRestart.load();
    expect(afterRestart.has('directline/conv-away')).toBe(true);

    // The visitor comes back and says anything: their reply, then the outcome, once.
    const back = new TestAdapter(async (context) => void (await context.sendActivity('menu')), { channelId: 'directline', conversation: { id: 'conv-away' } as never });
    back.use(deliverUndelivered(afterRestart, jobs, conversations, logger));
    const pl = translator('pl');
    await back.send('cześć').assertReply('menu').assertReply(finishedText(pl, job)).startTest();
    await back.send('cześć').assertReply('menu').startTest();
    expect(back.activeQueue).toHaveLength(0);
    const reread = new UndeliveredNotices(storage);
    await reread.load();
    expect(reread.has('directline/conv-away')).toBe(false);
  });

  it('other conversations hear nothing of it', async () => {
    const storage = new MemoryStorage();
    const notices = new UndeliveredNotices(storage);
    await notices.record(REFERENCE, 'sw-1');
    const jobs = new InMemoryJobStore();
    await jobs.create(job);
    const conversations = new MemoryJobConversationStore();
    await conversations.save({ jobId: job.id, conversation: REFERENCE, lng: 'en', reportedPercent: 100 });
    const other = new TestAdapter(async (context) => void (await context.sendActivity('menu')), { channelId: 'directline', conversation: { id: 'conv-other' } as never });
    other.use(deliverUndelivered(notices, jobs, conversations, createLogger('silent')));
    await other.send('hi').assertReply('menu').startTest();
    expect(other.activeQueue).toHaveLength(0);
    expect(notices.has('directline/conv-away')).toBe(true);
  });
});
