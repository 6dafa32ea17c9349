import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { loadDemoTenant } from '../domain/demo-tenants';
import type { SwitchJob } from '../domain/switch-job';
import type { ProgressEvent } from '../domain/switch-progress';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { createLogger } from '../bot/logger';
import { MemoryJobConversationStore } from '../bot/switching/job-conversations';
import { ProactiveNotifier, type ContinueConversation } from '../bot/switching/proactive-notifier';
import { cardOf, visibleText } from './support/bot-harness';
import { actionCapProblems } from './support/card-actions';
import { cardSchemaErrors } from './support/card-schema';
import { englishLeaks } from './support/english-leak';

// A running switch in a channel that updates a message in place (Teams, Direct Line): one card that
// follows it from start to end, then one "done" message that names what changed. Elsewhere, words as before.

const contoso = (() => {
  const loaded = loadDemoTenant('contoso');
  if (!loaded.ok) throw new Error('contoso');
  return loaded.value;
})();

const USERS = Array.from({ length: 8 }, (_, i) => ({ userId: `u-${i}`, removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-new' }));

const automatic = (extra: Partial<SwitchJob> = {}): SwitchJob => ({
  id: 'job-1', tenantId: 'contoso', kind: 'automatic-change', subscriptionId: 'sub-standard', fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium',
  requestedBy: 'u-anna', createdAt: '2026-11-21T10:00:00.000Z', step: 'subscription-created', replacements: USERS, cursor: 0, batchSize: 2, attempts: 0, version: 1, ...extra,
});

const move = (extra: Partial<SwitchJob> = {}): SwitchJob => ({
  ...automatic(), id: 'job-2', kind: 'move-users', fromPlan: undefined, toPlan: undefined, toSubscriptionId: 'sub-exchange', step: 'pending',
  replacements: USERS.slice(0, 2).map((r) => ({ ...r, addSubscriptionId: 'sub-exchange' })), ...extra,
});

/** A chat that keeps what the bot sends and updates, like a channel would show it. */
function chat(channelId: string) {
  const shown: Partial<Activity>[] = [];
  const sent: Partial<Activity>[] = [];
  const updates: Partial<Activity>[] = [];
  const continueConversation: ContinueConversation = async (reference, logic) => {
    const context = {
      activity: { conversation: reference.conversation, channelId },
      async sendActivity(activity: string | Partial<Activity>) {
        const a = typeof activity === 'string' ? { type: 'message', text: activity } : { ...activity };
        a.id = `a-${sent.length + 1}`;
        sent.push(a);
        shown.push(a);
        return { id: a.id };
      },
      async updateActivity(activity: Partial<Activity>) {
        updates.push(activity);
        const at = shown.findIndex((a) => a.id === activity.id);
        if (at < 0) throw new Error('no such activity');
        shown[at] = activity;
      },
    } as unknown as TurnContext;
    await logic(context);
  };
  return { shown, sent, updates, continueConversation };
}

const at = (job: SwitchJob, done: number): ProgressEvent => ({ jobId: job.id, step: job.step, done, total: job.replacements.length, percent: Math.floor((done * 100) / job.replacements.length) });

async function run(channelId: string, lng: (typeof LANGUAGES)[number], job: SwitchJob, end: Partial<SwitchJob> = { step: 'done', cursor: job.replacements.length }) {
  const conversations = new MemoryJobConversationStore();
  await conversations.save({ jobId: job.id, conversation: { channelId, conversation: { id: 'c-1' } as never }, lng, reportedPercent: 0 });
  const seen = chat(channelId);
  const notifier = new ProactiveNotifier(conversations, seen.continueConversation, createLogger('silent'), undefined, async () => contoso);
  await notifier.started(job);
  for (let done = 1; done < job.replacements.length; done++) await notifier.progress({ ...job, cursor: done }, at(job, done));
  await notifier.finished({ ...job, ...end });
  return seen;
}

describe.each(LANGUAGES)('a running switch in %s', (lng) => {
  const t = translator(lng);

  it('in Direct Line and Teams: one card updated in place, then a done message that names what changed', async () => {
    for (const channelId of ['directline', 'msteams']) {
      const { shown, sent, updates } = await run(channelId, lng, automatic());
      // Two messages instead of five: the card, and the outcome.
      expect(sent).toHaveLength(2);
      expect(shown).toHaveLength(2);
      // The milestones (25, 50, 75 %) and the end replaced the card, each under its own id.
      expect(updates.map((u) => u.id)).toEqual(['a-1', 'a-1', 'a-1', 'a-1']);
      const card = cardOf(shown[0]!)!;
      expect(cardSchemaErrors(card)).toEqual([]);
      expect(actionCapProblems(card)).toEqual([]);
      expect(visibleText([shown[0]!])).toContain(t('bot:switch.card.title.done'));
      expect(visibleText([shown[0]!])).toContain(t('bot:switch.card.progress', { done: 8, count: 8, percent: 100 }));
      // The card in between told how far it was.
      expect(visibleText([updates[1]!])).toContain(t('bot:switch.card.progress', { done: 4, count: 8, percent: 50 }));
      const done = visibleText([shown[1]!]);
      expect(done).toContain(t('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 }));
      expect(done).toContain(t('bot:switch.changed.automatic', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium', done: 8, count: 8 }));
      expect(englishLeaks(visibleText(shown), lng)).toEqual([]);
    }
  });

  it('a move names the subscriptions by their plans, on the card and in the done message, and ids only in the details line', async () => {
    const { shown } = await run('directline', lng, move());
    const text = visibleText(shown);
    expect(text).toContain('Microsoft 365 Business Standard → Exchange Online (Plan 1)');
    expect(text).toContain(t('bot:switch.changed.move', { from: 'Microsoft 365 Business Standard', to: 'Exchange Online (Plan 1)', done: 2, count: 2 }));
    expect(text).not.toContain('sub-exchange');
  });

  it('a switch that stops: the card says so in its place, and the message after it says what happened, naming no change', async () => {
    const { shown, sent } = await run('directline', lng, automatic(), { step: 'failed', cursor: 4, error: 'LICENCE_REPLACEMENT_FAILED', failedStep: 'subscription-created', failures: [{ userId: 'u-4' }] });
    expect(sent).toHaveLength(2);
    const card = visibleText([shown[0]!]);
    expect(card).toContain(t('bot:switch.card.title.failed'));
    expect(card).toContain(t('bot:switch.card.stopped'));
    expect(card).not.toContain(t('bot:switch.card.title.running'));
    const message = visibleText([shown[1]!]);
    expect(message).not.toContain(t('bot:switch.changed.automatic', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium', done: 4, count: 8 }));
    expect(cardSchemaErrors(cardOf(shown[0]!)!)).toEqual([]);
  });

  it('in a channel that cannot update a message: the started, progress and done messages as words', async () => {
    const { sent, updates } = await run('test', lng, automatic());
    expect(updates).toEqual([]);
    expect(sent.map((a) => cardOf(a))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(sent[0]!.text).toBe(t('bot:switch.started.automatic', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium', count: 8 }));
  });
});
