import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, submitData, visibleText, type TestBot, type TestConversation } from './support/bot-harness';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** Walks a person through to the confirmation card of Business Standard → Premium on contoso; returns its data. */
async function reachConfirmation(chat: TestConversation, identity: string): Promise<Record<string, unknown> | undefined> {
  await chat.send({ verb: 'identity.pick', identity });
  await chat.send({ verb: 'menu.open', flow: 'change-plan' });
  await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
  const result = await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
  return submitData(result, 'switch.confirm');
}

describe('the confirmation card is spent once', () => {
  it('pressed five times, by another admin, and after it expired: exactly one job', async () => {
    bot = await startTestBot();
    const anna = bot.conversation({ userId: 'teams-anna' });
    const erik = bot.conversation({ userId: 'teams-erik' });
    const confirm = await reachConfirmation(anna, 'contoso|u-anna');
    const eriksOwn = await reachConfirmation(erik, 'contoso|u-erik');
    expect(confirm).toBeDefined();
    expect(eriksOwn).toBeDefined();

    const presses = [];
    for (let i = 0; i < 5; i++) presses.push(visibleText(await anna.send(confirm!)));
    expect(presses[0]).toContain('Confirmed');
    for (const reply of presses.slice(1)) expect(reply).toMatch(/already been handled|already running/);

    // Erik presses Anna's card, then his own: the switch is already running, nothing new starts.
    expect(visibleText(await erik.send(confirm!))).toMatch(/already been handled/);
    expect(visibleText(await erik.send(eriksOwn!))).toMatch(/already running|cannot start now/);
    await bot.parts.switching.idle();
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(1);
  });

  it('two admins confirming the same switch at the same moment start exactly one job', async () => {
    bot = await startTestBot();
    const anna = bot.conversation({ userId: 'teams-anna' });
    const erik = bot.conversation({ userId: 'teams-erik' });
    const [a, e] = [await reachConfirmation(anna, 'contoso|u-anna'), await reachConfirmation(erik, 'contoso|u-erik')];
    const replies = await Promise.all([anna.send(a!), erik.send(e!)]);
    const started = replies.map(visibleText).filter((text) => text.includes('Confirmed'));
    expect(started).toHaveLength(1);
    await bot.parts.switching.idle();
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(1);
  });

  it('an expired card starts nothing', async () => {
    bot = await startTestBot();
    const anna = bot.conversation();
    const confirm = await reachConfirmation(anna, 'contoso|u-anna');
    const realNow = Date.now;
    Date.now = () => realNow() + 16 * 60_000;
    try {
      const fake = new Date(Date.now());
      (bot.parts.switching as unknown as { now: () => Date }).now = () => fake;
      expect(visibleText(await anna.send(confirm!))).toContain('expired');
    } finally {
      Date.now = realNow;
    }
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
  });

  it('a forged confirmation id starts nothing and says so', async () => {
    bot = await startTestBot();
    const anna = bot.conversation();
    await reachConfirmation(anna, 'contoso|u-anna');
    expect(visibleText(await anna.send({ verb: 'switch.confirm', confirmationId: 'made-up' }))).toContain('already been handled');
    expect(visibleText(await anna.send({ verb: 'switch.confirm', confirmationId: { $ne: null } }))).toContain('could not read that card action');
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
  });

  it('checks the roles again when the card is pressed, not only when it was shown', async () => {
    bot = await startTestBot();
    const anna = bot.conversation();
    const confirm = await reachConfirmation(anna, 'contoso|u-anna');
    // Anna loses her Global administrator role between seeing the card and pressing it.
    const tenant = bot.parts.directory.find('contoso')!;
    const snapshot = await tenant.gateway.readSnapshot();
    const file = (tenant.gateway as unknown as { inner: { path: string } }).inner.path;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ ...snapshot, users: snapshot.users.map((u) => (u.id === 'u-anna' ? { ...u, roles: ['User'] } : u)) }));
    (tenant.gateway as unknown as { cached?: unknown }).cached = undefined;
    expect(visibleText(await anna.send(confirm!))).toMatch(/cannot start now/);
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
  });
});

describe('roles on the change-plan flow', () => {
  it.each([
    ['contoso|u-anna', true],
    ['contoso|u-erik', true],
    ['contoso|u-ingrid', false],
    ['contoso|u-maja', false],
  ])('%s gets a confirmation card: %s', async (identity, allowed) => {
    bot = await startTestBot();
    const chat = bot.conversation();
    expect((await reachConfirmation(chat, identity)) !== undefined).toBe(allowed);
  });

  it('a helpdesk agent picks a customer, sees the check, and gets no confirmation card', async () => {
    bot = await startTestBot();
    const chat = bot.conversation();
    const picked = await chat.send({ verb: 'identity.pick', identity: 'contoso|u-karin' });
    expect(visibleText(picked)).toContain('Which customer are you guiding?');
    await chat.send({ verb: 'customer.pick', tenantId: 'fabrikam' });
    const menu = await chat.send('menu');
    expect(visibleText(menu)).not.toContain('Move users to another subscription');
    await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const result = await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    expect(visibleText(result)).toContain('Not yet');
    expect(submitData(result, 'switch.confirm')).toBeUndefined();
    expect(visibleText(await chat.send({ verb: 'menu.open', flow: 'move-users' }))).toContain('your role does not allow');
  });
});
