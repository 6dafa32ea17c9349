import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, submitData, visibleText, type TestBot } from './support/bot-harness';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('a whole plan change in local development', () => {
  it('picks a demo identity, checks, confirms once and reports the job done', async () => {
    bot = await startTestBot();
    const chat = bot.conversation();
    const first = await chat.send('hello');
    expect(visibleText(first)).toContain('Who are you?');
    const picked = await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    expect(visibleText(picked)).toContain('What would you like to do?');
    const subs = await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    expect(visibleText(subs)).toContain('Which subscription');
    const plans = await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    expect(visibleText(plans)).toContain('Which plan');
    const result = await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    expect(visibleText(result)).toContain('You can change automatically now');
    const confirm = submitData(result, 'switch.confirm');
    expect(confirm).toBeDefined();
    const pressed = await chat.send(confirm!);
    expect(visibleText(pressed)).toContain('Confirmed');
    const again = await chat.send(confirm!);
    expect(visibleText(again)).toContain('already been handled');
    await bot.parts.switching.idle();
    const proactive = visibleText(bot.drain(chat.id));
    expect(proactive).toContain('Done: Microsoft 365 Business Premium is active');
    expect((await bot.parts.switching.listJobs('contoso')).length).toBe(1);
  });
});
