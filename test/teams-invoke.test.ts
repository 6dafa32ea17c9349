import type { Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutUniversalActions } from '../bot/teams/universal-actions';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { confirmChangeCard } from '../dialogs/change-plan/confirmation';
import { loadDemoTenant } from '../domain/demo-tenants';
import { check } from '../domain/eligibility';
import { cardOf, startTestBot, submitData, visibleText, type TestBot, type TestConversation } from './support/bot-harness';
import { cardSchemaErrors } from './support/card-schema';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const teams = (aadObjectId: string, extra: { locale?: string; conversationId?: string } = {}) => ({
  channelId: 'msteams',
  channelData: { tenant: { id: 'contoso' } },
  aadObjectId,
  ...extra,
});

/** An Action.Execute press as Teams sends it. */
const press = (chat: TestConversation, verb: string, data: unknown, replyToId = 'card-1') =>
  chat.send({ action: { type: 'Action.Execute', verb, data } }, { type: 'invoke', name: 'adaptiveCard/action', replyToId });

/** The Action.Execute of a card with this verb, wherever it sits. */
function executeAction(replies: readonly Partial<Activity>[], verb: string): Record<string, any> | undefined {
  let found: Record<string, any> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const action = node as Record<string, any>;
    if (action.type === 'Action.Execute' && action.verb === verb) found = action;
    else Object.values(action).forEach(walk);
  };
  replies.forEach((reply) => walk(cardOf(reply)));
  return found;
}

/** Business Standard → Premium on contoso, up to its confirmation card, in Teams. */
async function reachConfirmation(chat: TestConversation): Promise<string> {
  await chat.send({ verb: 'menu.open', flow: 'change-plan' });
  await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
  const replies = await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
  const confirm = executeAction(replies, 'switch.confirm');
  expect(confirm, 'a Teams confirmation card with Action.Execute').toBeDefined();
  return confirm!.data.confirmationId as string;
}

/** The one invoke response of a turn: HTTP-like status and the card Teams shows in place of the pressed one. */
function invokeCard(replies: readonly Partial<Activity>[]): { status: number; card: Record<string, any>; text: string } {
  const responses = replies.filter((r) => r.type === 'invokeResponse');
  expect(responses).toHaveLength(1);
  const { status, body } = responses[0]!.value as { status: number; body: { statusCode: number; type: string; value: Record<string, any> } };
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardSchemaErrors(body.value)).toEqual([]);
  const text = visibleText([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: body.value }] }]);
  return { status, card: body.value, text };
}

const hasActions = (card: Record<string, any>) => JSON.stringify(card).includes('"Action.');

describe('the confirmation card in Teams (Action.Execute)', () => {
  it('Teams gets Action.Execute with an Action.Submit fallback; every other channel gets the Action.Submit', async () => {
    bot = await startTestBot();
    const inTeams = bot.conversation(teams('u-anna'));
    await inTeams.send({ verb: 'menu.open', flow: 'change-plan' });
    await inTeams.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const teamsCard = await inTeams.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    const execute = executeAction(teamsCard, 'switch.confirm');
    expect(execute?.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: 'switch.confirm', confirmationId: execute?.data.confirmationId } });
    expect(executeAction(teamsCard, 'switch.decline')?.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: 'switch.decline' } });

    const webChat = bot.conversation({ channelId: 'webchat' });
    await webChat.send({ verb: 'identity.pick', identity: 'contoso|u-erik' });
    await webChat.send({ verb: 'menu.open', flow: 'change-plan' });
    await webChat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const webCard = await webChat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    expect(JSON.stringify(webCard)).not.toContain('Action.Execute');
    expect(submitData(webCard, 'switch.confirm')).toMatchObject({ verb: 'switch.confirm' });
    expect(submitData(webCard, 'switch.decline')).toMatchObject({ verb: 'switch.decline' });
  });

  it.each(LANGUAGES)('the card with its fallbacks, and without them, is a valid Adaptive Card 1.5 in %s', (lng) => {
    const loaded = loadDemoTenant('contoso');
    if (!loaded.ok) throw new Error('contoso');
    const snapshot = loaded.value;
    const result = check(snapshot, { subscriptionId: 'sub-standard', toPlan: 'm365-business-premium', asUpn: snapshot.users[0]!.upn, today: '2026-11-21' });
    if (!result.ok) throw new Error(result.error.code);
    const card = confirmChangeCard(translator(lng), lng, snapshot, result.value, 'c-1');
    expect(cardSchemaErrors(card)).toEqual([]);
    expect(cardSchemaErrors(withoutUniversalActions(card))).toEqual([]);
    expect(JSON.stringify(withoutUniversalActions(card))).not.toContain('Action.Execute');
  });

  it('someone else\'s press: "already handled"; the first own press: a spent card and one job; again: "already handled", still one job', async () => {
    bot = await startTestBot();
    const anna = bot.conversation(teams('u-anna'));
    const erik = bot.conversation(teams('u-erik'));
    const confirmationId = await reachConfirmation(anna);

    // Erik (also an administrator) presses Anna's card before she does: it is not his, nothing starts.
    const byErik = invokeCard(await press(erik, 'switch.confirm', { confirmationId }));
    expect(byErik.text).toContain('already been handled');
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
    expect(bot.logs.some((line) => line.includes('"switch.confirmation.refused"') && line.includes('not-yours'))).toBe(true);

    const first = invokeCard(await press(anna, 'switch.confirm', { confirmationId }));
    expect(first.status).toBe(200);
    expect(first.text).toContain('Switch confirmed');
    expect(first.text).toContain('The switch runs in the background');
    expect(hasActions(first.card)).toBe(false);

    const again = invokeCard(await press(anna, 'switch.confirm', { confirmationId }));
    expect(again.text).toContain('already been handled');
    expect(hasActions(again.card)).toBe(false);
    expect(invokeCard(await press(erik, 'switch.confirm', { confirmationId })).text).toContain('already been handled');

    await bot.parts.switching.idle();
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(1);
  });

  it('an expired card says so in place and starts nothing', async () => {
    bot = await startTestBot();
    const anna = bot.conversation(teams('u-anna'));
    const confirmationId = await reachConfirmation(anna);
    const later = new Date(Date.now() + 16 * 60_000);
    (bot.parts.switching as unknown as { now: () => Date }).now = () => later;
    const expired = invokeCard(await press(anna, 'switch.confirm', { confirmationId }));
    expect(expired.text).toContain('expired');
    expect(hasActions(expired.card)).toBe(false);
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
  });

  it('declining in place: the card says nothing was started, and confirming it afterwards starts nothing', async () => {
    bot = await startTestBot();
    const anna = bot.conversation(teams('u-anna'));
    const confirmationId = await reachConfirmation(anna);
    expect(invokeCard(await press(anna, 'switch.decline', { confirmationId })).text).toContain('nothing was started');
    expect(invokeCard(await press(anna, 'switch.confirm', { confirmationId })).text).toContain('already been handled');
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
  });

  it.each([
    ['a confirmation id that is not a string', { action: { type: 'Action.Execute', verb: 'switch.confirm', data: { confirmationId: { $ne: null } } } }],
    ['no confirmation id', { action: { type: 'Action.Execute', verb: 'switch.confirm', data: {} } }],
    ['data that is not an object', { action: { type: 'Action.Execute', verb: 'switch.confirm', data: 'switch.confirm' } }],
    ['an unknown verb', { action: { type: 'Action.Execute', verb: 'tenant.delete', data: { confirmationId: 'x' } } }],
    ['a verb that is not a confirmation', { action: { type: 'Action.Execute', verb: 'menu.open', data: { flow: 'billing' } } }],
    ['an Action.Submit type', { action: { type: 'Action.Submit', verb: 'switch.confirm', data: { confirmationId: 'x' } } }],
    ['no action', { trigger: 'manual' }],
    ['no value', undefined],
  ])('a malformed invoke (%s) gets a localized error card and changes nothing', async (_name, value) => {
    bot = await startTestBot();
    const anna = bot.conversation(teams('u-anna', { locale: 'sv-SE' }));
    await reachConfirmation(anna);
    const replies = await anna.send((value ?? {}) as Record<string, unknown>, { type: 'invoke', name: 'adaptiveCard/action', value });
    const { text } = invokeCard(replies);
    expect(text).toContain(translator('sv')('bot:errors.badSubmission'));
    expect(text).toContain(translator('sv')('teams:card.unreadable'));
    expect(replies.filter((r) => r.type !== 'invokeResponse')).toHaveLength(0);
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
    expect(bot.logs.some((line) => line.includes('"card.action.invalid"'))).toBe(true);
  });

  it.each([
    ['sv', 'sv-SE'],
    ['nb', 'nb-NO'],
    ['pl', 'pl-PL'],
  ] as const)('the spent card speaks the person\'s language (%s)', async (lng, locale) => {
    bot = await startTestBot();
    const anna = bot.conversation(teams('u-anna', { locale }));
    const confirmationId = await reachConfirmation(anna);
    const t = translator(lng);
    const { text } = invokeCard(await press(anna, 'switch.confirm', { confirmationId }));
    expect(text).toContain(t('teams:card.started'));
    expect(text).toContain(t('bot:switch.confirmed'));
    expect(text).not.toContain('Switch confirmed');
  });

  it('a person from a tenant that is not allowed gets a refusal card, and nothing runs', async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: 'fabrikam' });
    const chat = bot.conversation(teams('u-anna'));
    const { text } = invokeCard(await press(chat, 'switch.confirm', { confirmationId: 'anything' }));
    expect(text).toContain('not available for your organisation');
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
  });

  it('a press that closed the card also replaces it for everyone else in the chat', async () => {
    bot = await startTestBot();
    const anna = bot.conversation(teams('u-anna'));
    const confirmationId = await reachConfirmation(anna);
    const updates: Partial<Activity>[] = [];
    const original = bot.adapter.updateActivity.bind(bot.adapter);
    bot.adapter.updateActivity = async (context, activity) => {
      updates.push(activity);
      return original(context, activity);
    };
    const { card } = invokeCard(await press(anna, 'switch.confirm', { confirmationId }, 'the-card'));
    expect(updates).toHaveLength(1);
    expect(updates[0]!.id).toBe('the-card');
    expect(cardOf(updates[0]!)).toEqual(card);
    // A refused press changes only what the presser sees.
    await press(anna, 'switch.confirm', { confirmationId }, 'the-card');
    expect(updates).toHaveLength(1);
  });
});

describe('Teams messages in a team or group chat', () => {
  it('reads what follows the @mention of the bot', async () => {
    bot = await startTestBot();
    const plain = visibleText(await bot.conversation(teams('u-anna')).send('billing'));
    const group = bot.conversation({ ...teams('u-erik'), conversationId: 'group-1' });
    const mentioned = visibleText(
      await group.send('<at>Plan Switch</at> billing', {
        recipient: { id: 'bot', name: 'Plan Switch', role: 'bot' },
        entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Plan Switch' }, text: '<at>Plan Switch</at>' }],
        conversation: { id: 'group-1', isGroup: true, conversationType: 'groupChat', name: 'Admins', tenantId: 'contoso' },
      }),
    );
    expect(mentioned).not.toContain('What would you like to do?');
    expect(mentioned.replaceAll('Erik', 'X')).toBe(plain.replaceAll('Anna', 'X'));
  });
});
