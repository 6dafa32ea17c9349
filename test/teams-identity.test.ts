import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, visibleText, type TestBot } from './support/bot-harness';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const teams = (tenantId: string, aadObjectId: string) => ({ channelId: 'msteams', channelData: { tenant: { id: tenantId } }, aadObjectId });

describe('who is talking in Teams', () => {
  it("takes the tenant from channelData and the person from aadObjectId, with no picker", async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: 'contoso,fabrikam' });
    const chat = bot.conversation(teams('contoso', 'u-anna'));
    const replies = await chat.send('hi');
    const text = visibleText(replies);
    expect(text).not.toContain('Who are you?');
    expect(text).toContain('Contoso Ltd');
    expect(text).toContain('Anna Lind');
  });

  it('refuses a tenant that is not allowed, politely and before any rule runs, and audits it', async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: 'contoso' });
    const chat = bot.conversation(teams('fabrikam', 'u-lena'));
    const replies = await chat.send({ verb: 'menu.open', flow: 'diagnose' });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('not available for your organisation');
    expect(replies[0]!.attachments ?? []).toHaveLength(0);
    expect(bot.logs.some((l) => l.includes('"access.refused"') && l.includes('tenant-not-allowed'))).toBe(true);
  });

  it('refuses an unknown tenant and a person the tenant does not know', async () => {
    bot = await startTestBot();
    expect(visibleText(await bot.conversation(teams('00000000-dead-beef-0000-000000000000', 'x')).send('hi'))).toContain('not available for your organisation');
    expect(visibleText(await bot.conversation(teams('contoso', 'not-a-user')).send('hi'))).toContain('could not find you');
  });

  it('takes the tenant from conversation.tenantId when channelData has none', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ channelId: 'msteams', aadObjectId: 'u-anna', conversationId: 'teams-conv' });
    const replies = await chat.send('hi', { conversation: { id: 'teams-conv', tenantId: 'contoso', isGroup: false, conversationType: 'personal', name: '' } });
    expect(visibleText(replies)).toContain('Anna Lind');
  });

  it('never offers the demo picker when an app id is configured', async () => {
    bot = await startTestBot({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' });
    const replies = await bot.conversation().send('hi');
    expect(visibleText(replies)).not.toContain('Who are you?');
    expect(visibleText(replies)).toContain('could not tell which organisation');
  });
});
