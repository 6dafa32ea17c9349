import { afterEach, describe, expect, it } from 'vitest';
import { peopleOf } from '../conversation/move-result';
import { moveResultCard } from '../bot/switching/move-result-card';
import type { Activity, TurnContext } from 'botbuilder';
import { createLogger } from '../bot/logger';
import { MemoryJobConversationStore } from '../bot/switching/job-conversations';
import { ProactiveNotifier, type ContinueConversation } from '../bot/switching/proactive-notifier';
import type { SwitchJob } from '../domain/switch-job';
import { cardSchemaErrors } from './support/card-schema';
import { finishedText } from '../conversation/switch-messages';
import { switchStatusCard } from '../dialogs/status/status-card';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import { SwitchRunner } from '../domain/switch-runner';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
import { SKU_PREMIUM, SKU_STANDARD, syntheticGraphTenant, userId } from './support/graph-server';
import { stringsIn } from './support/teams-chat';

// "A move stops after the first batch that has a refusal … the admin reads 'stopped
// (LICENCE_REPLACEMENT_FAILED); 7 users could not be moved' … the status card says '0 of 22'": 22 users,
// 7 of them in the first batch without a usage location. The move runs to the end, and the message and
// the status card say 15 of 22 moved and name the 7 with the reason, in every language.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});


describe('the result of a move with refusals in its first batch', () => {
  it('runs to the end and tells exact counts, reasons and names in every language, on the message and the status card', async () => {
    const seed = syntheticGraphTenant({ users: 23 });
    const unlocated = [2, 4, 6, 8, 10, 12, 14].map(userId);
    for (const user of seed.users) if (unlocated.includes(user.id)) user.usageLocation = null;
    rig = await graphRig({ seed });
    const runner = new SwitchRunner({ gateway: rig.gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21' });
    const chosen = Array.from({ length: 22 }, (_, n) => userId(n + 1));
    const started = await runner.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: chosen, requestedBy: 'admin-object-id' });
    if (!started.ok) throw new Error(started.error.code);
    const result = await runner.run(started.value.id);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const job = result.value;
    expect(job.step).toBe('done');
    // Every user after the first batch was sent: users 21 and 22 hold Premium.
    const licences = rig.server.state.licences();
    for (const id of chosen) expect(licences.get(id), id).toEqual(unlocated.includes(id) ? [SKU_STANDARD] : [SKU_PREMIUM]);

    const people = peopleOf(await rig.gateway.readSnapshot());
    const names = unlocated.map((id) => seed.users.find((u) => u.id === id)!.displayName).join(', ');
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message.startsWith(t('moveResult:summary', { moved: 15, count: 22, notMoved: 7 })), `${lng}: ${message}`).toBe(true);
      expect(message).toContain(t('moveResult:reasons.USAGE_LOCATION_MISSING.title', { count: 7, names }));
      expect(message).toContain(t('moveResult:reasons.USAGE_LOCATION_MISSING.fix'));
      expect(message).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);
      const card = stringsIn(switchStatusCard(t, lng, [job])).join('\n');
      expect(card).toContain(t('moveResult:status.moved', { moved: 15, count: 22 }));
      // No progress line that would count the users not moved as done.
      expect(card).not.toContain(t('status:facts.progress'));
      expect(card).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.USAGE_LOCATION_MISSING'), count: 7 }));
    }
    // Polish counts agree with the number: 15 of 22 ("z 22 użytkowników"), 7 ("7 użytkowników nie ma").
    const pl = finishedText(translator('pl'), job, people);
    expect(pl).toContain('Przeniesiono 15 z 22 użytkowników');
    expect(pl).toContain('7 użytkowników nie ma lokalizacji użycia');
  });

  it('puts every name behind a show-or-hide button on the result card, within what Teams accepts for 5,000 users', () => {
    const users = Array.from({ length: 5_000 }, (_, n) => `user-${n}`);
    const job: SwitchJob = {
      id: 'job-1', tenantId: 'fabrikam', kind: 'move-users', subscriptionId: 'sub-standard', toSubscriptionId: 'sub-premium', requestedBy: 'admin-object-id',
      createdAt: '2026-11-21T10:00:00.000Z', step: 'done', cursor: 5_000, batchSize: 20, attempts: 0, version: 9,
      replacements: users.map((userId) => ({ userId, removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-premium' })),
      notMoved: [
        ...users.slice(0, 3_000).map((userId) => ({ userId, status: 'refused' as const, error: 'NOT_ENOUGH_LICENSES' })),
        ...users.slice(3_000, 3_030).map((userId) => ({ userId, status: 'skipped' as const, error: 'LICENSED_BY_GROUP', groupIds: ['g-sales'] })),
      ],
    };
    const people = { userName: (id: string) => `Person ${id.slice(5)}`, groupName: () => 'Sales licences' };
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const card = moveResultCard(t, job, people);
      expect(cardSchemaErrors(card), lng).toEqual([]);
      expect(JSON.stringify(card).length, lng).toBeLessThan(24_000);
      const all = stringsIn(card).join('\n');
      expect(all).toContain(t('moveResult:summary', { moved: 1_970, count: 5_000, notMoved: 3_030 }));
      // The group's 30 names are all there; the 3,000 are listed as far as the card allows, then counted.
      expect(all).toContain(Array.from({ length: 30 }, (_, n) => `Person ${3_000 + n}`).join(', '));
      expect(all).toContain('Person 0, Person 1, Person 2, ');
      expect(all).not.toContain('Person 2999');
      const toggles = JSON.stringify(card).match(/Action\.ToggleVisibility/g) ?? [];
      expect(toggles).toHaveLength(2);
    }
  });

  it('sends the names card after the message only when a reason holds back more users than the message names', async () => {
    const make = (count: number): SwitchJob => ({
      id: `job-${count}`, tenantId: 'fabrikam', kind: 'move-users', subscriptionId: 'sub-standard', toSubscriptionId: 'sub-premium', requestedBy: 'admin-object-id',
      createdAt: '2026-11-21T10:00:00.000Z', step: 'done', cursor: 30, batchSize: 20, attempts: 0, version: 9,
      replacements: Array.from({ length: 30 }, (_, n) => ({ userId: `user-${n}`, removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-premium' })),
      notMoved: Array.from({ length: count }, (_, n) => ({ userId: `user-${n}`, status: 'skipped' as const, error: 'USAGE_LOCATION_MISSING' })),
    });
    const people = { userName: (id: string) => `Person ${id.slice(5)}`, groupName: (id: string) => id };
    for (const [count, messages] of [[20, 1], [21, 2]] as const) {
      const sent: Partial<Activity>[] = [];
      const continueConversation: ContinueConversation = async (_reference, logic) =>
        logic({ activity: { channelId: 'msteams' }, sendActivity: async (a: string | Partial<Activity>) => (sent.push(typeof a === 'string' ? { text: a } : a), { id: `a-${sent.length}` }) } as unknown as TurnContext);
      const conversations = new MemoryJobConversationStore();
      const job = make(count);
      await conversations.save({ jobId: job.id, conversation: { channelId: 'webchat', conversation: { id: 'c-1' } as never }, lng: 'pl', reportedPercent: 0 });
      await new ProactiveNotifier(conversations, continueConversation, createLogger('silent')).finished(job, people);
      expect(sent, String(count)).toHaveLength(messages);
      expect(sent[0]!.text).toContain(translator('pl')('moveResult:summary', { moved: 30 - count, count: 30, notMoved: count }));
      if (messages === 2) expect(stringsIn(sent[1]!.attachments).join('\n')).toContain(`Person 20`);
    }
  });

  it('a move that stops (Microsoft 365 keeps throttling) says who failed and why, who was not tried, and what moved, in every language', async () => {
    const seed = syntheticGraphTenant({ users: 26 });
    seed.users.find((u) => u.id === userId(3))!.usageLocation = null;
    const clock = new FakeClock();
    rig = await graphRig({ seed, clock }, { clock, retry: { maxThrottledRetries: 2 } });
    const { server } = rig;
    server.afterApplied = (applied) => {
      if (applied === 5) server.faults.add('write', 10_000, { kind: 'throttle', retryAfterSeconds: 1 });
    };
    const runner = new SwitchRunner({ gateway: rig.gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21', maxAttempts: 1 });
    const chosen = Array.from({ length: 25 }, (_, n) => userId(n + 1));
    const started = await runner.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: chosen, requestedBy: 'admin-object-id' });
    if (!started.ok) throw new Error(started.error.code);
    const result = await runner.run(started.value.id);
    expect(!result.ok && result.error.code).toBe('JOB_FAILED');
    if (result.ok || result.error.code !== 'JOB_FAILED') return;
    const job = result.error.job;
    const people = peopleOf(await rig.gateway.readSnapshot());
    const throttled = job.failures!.map((f) => people.userName(f.userId));
    expect(throttled).toHaveLength(14);
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message.startsWith(t('moveResult:stopped', { failed: 14, count: 25, untried: 5, moved: 5 })), `${lng}: ${message}`).toBe(true);
      expect(message).toContain(t('moveResult:reasons.THROTTLED.title', { count: 14, names: throttled.join(', ') }));
      expect(message).toContain(t('moveResult:reasons.USAGE_LOCATION_MISSING.title', { count: 1, names: 'User 3' }));
      expect(message).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);
      const card = stringsIn(switchStatusCard(t, lng, [job])).join('\n');
      expect(card).toContain(t('moveResult:status.moved', { moved: 5, count: 25 }));
      expect(card).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.THROTTLED'), count: 14 }));
    }
    // Nobody without a licence, nobody with both.
    for (const [id, skus] of server.state.licences()) expect(skus.length === 1 || skus.includes(SKU_STANDARD) !== skus.includes(SKU_PREMIUM), id).toBe(true);
  });

  it('tells an app without the write permission what to grant, in every language', () => {
    const job: SwitchJob = {
      id: 'job-1', tenantId: 'fabrikam', kind: 'move-users', subscriptionId: 'sub-standard', toSubscriptionId: 'sub-premium', requestedBy: 'admin-object-id',
      createdAt: '2026-11-21T10:00:00.000Z', step: 'done', cursor: 3, batchSize: 20, attempts: 0, version: 9,
      replacements: ['u-1', 'u-2', 'u-3'].map((userId) => ({ userId, removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-premium' })),
      notMoved: ['u-1', 'u-2', 'u-3'].map((userId) => ({ userId, status: 'refused' as const, error: 'ACCESS_DENIED' })),
    };
    const people = { userName: (id: string) => `Person ${id}`, groupName: (id: string) => id };
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message).toContain(t('moveResult:summary', { moved: 0, count: 3, notMoved: 3 }));
      expect(message).toContain(t('moveResult:reasons.ACCESS_DENIED.title', { count: 3, names: 'Person u-1, Person u-2, Person u-3' }));
      expect(message).toContain('LicenseAssignment.ReadWrite.All');
      expect(message).not.toContain('ACCESS_DENIED');
    }
  });
});

