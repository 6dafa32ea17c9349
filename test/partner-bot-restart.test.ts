import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotProcess, ConnectorDouble } from './support/bot-process';
import { CONTOSO, CONTOSO_STANDARD, ITEM_PREMIUM, PARTNER_CENTER_SCOPE, type PartnerCenterTestServer } from './support/partner-center-server';
import { partnerBotRig, PARTNER_CONNECTION as CONNECTION, type PartnerBotRig } from './support/partner-bot-rig';
import type { LocalTokenService } from './support/token-service';

// A transition confirmed in a conversation, the bot killed (SIGKILL) while Partner Center works on it, and
// the bot started again: the bot follows the transition on by itself and tells the conversation its end
// once; Partner Center received it once. When the token service no longer holds the agent's token, the
// agent is told it still runs, and signing in again shows it and follows it to its end.

let rig: PartnerBotRig;
let partner: PartnerCenterTestServer;
let tokens: LocalTokenService;
let connector: ConnectorDouble;
let dataDir: string;
let bot: BotProcess | undefined;
/** The agent's tokens the token service handed the bot. */
let signedIn: string[];

beforeEach(async () => {
  signedIn = [];
  rig = await partnerBotRig('restart', {
    signIn: (server) => () => {
      const token = server.entra.issueDirect(PARTNER_CENTER_SCOPE);
      signedIn.push(token);
      return token;
    },
  });
  ({ partner, tokens, connector, dataDir } = rig);
});

afterEach(async (context) => {
  await rig.close(context.task.result?.state === 'fail');
  bot = undefined;
});

const startBot = () => rig.startBot({ PLAN_SWITCH_PARTNER_POLL_SECONDS: '0.05' });

type Node = Record<string, any>;
const shown = (activities: Node[]) => activities.map((a) => `${a.text ?? ''}${JSON.stringify(a.attachments ?? [])}`).join('\n');

function agentIn(conversationId: string, locale: string) {
  let n = 0;
  const send = async (what: string | Record<string, unknown>) => {
    const before = connector.received.length;
    // Delivered as a channel does (replies posted to its connector), so the OAuth prompt has the bot's token client.
    const response = await fetch(`http://127.0.0.1:${bot!.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `${conversationId}-${++n}`,
        channelId: 'webchat',
        serviceUrl: connector.serviceUrl,
        conversation: { id: conversationId },
        from: { id: `agent-${conversationId}`, name: 'Agent' },
        recipient: { id: 'bot', name: 'Plan Switch' },
        locale,
        ...(typeof what === 'string' ? { text: what } : { value: what }),
      }),
    });
    expect(response.status).toBeLessThan(300);
    return connector.received
      .slice(before)
      .filter((r) => r.conversationId === conversationId)
      .map((r) => r.activity as Node);
  };
  /** "partner", the OAuth card's sign-in link opened (the token service shows a code), the code typed. */
  const signIn = async () => {
    const prompt = await send('partner');
    const card = prompt.flatMap((a) => a.attachments ?? []).find((x: Node) => x.contentType === 'application/vnd.microsoft.card.oauth');
    expect(card).toBeDefined();
    const page = await (await fetch(card.content.buttons[0].value)).text();
    const code = /<b id="code">(\d+)<\/b>/.exec(page)![1]!;
    return send(code);
  };
  const told = () => connector.received.filter((r) => r.conversationId === conversationId).map((r) => String(r.activity.text ?? ''));
  return { send, signIn, told };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const posts = () => partner.log.filter((l) => l.method === 'POST' && l.path.endsWith('/transitions')).length;

/** Signs in, confirms 12 licences of Contoso's Business Standard to Business Premium, and kills the bot while Partner Center holds it. */
async function confirmThenKill(agent: ReturnType<typeof agentIn>, sent: string): Promise<void> {
  await agent.signIn();
  await agent.send({ verb: 'partner.customer', customerId: CONTOSO });
  await agent.send({
    verb: 'partner.subscription',
    subscriptionId: CONTOSO_STANDARD,
  });
  await agent.send({
    verb: 'partner.target',
    catalogItemId: ITEM_PREMIUM,
    transitionType: 'transition_only',
  });
  partner.state.hold = true;
  expect(shown(await agent.send({ verb: 'partner.confirm', quantity: 12 }))).toContain(sent);
  // Posted, and the conversation has been shown its first event: the job is running.
  await until(() => posts() === 1 && connector.received.length > 0);
  await bot!.stop('SIGKILL');
  expect(bot!.child.signalCode).toBe('SIGKILL');
  // What the bot left on disk (its job, the conversation) holds no token of the agent's.
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  expect(files.length).toBeGreaterThan(0);
  expect(signedIn.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(join(file.parentPath, file.name)).toString('latin1');
    for (const token of signedIn) expect(bytes.includes(token)).toBe(false);
  }
  partner.state.hold = false;
}

describe('a partner transition across a bot restart', () => {
  it('is followed on by the restarted bot and its end told once, in Polish; Partner Center got it once', { timeout: 90_000 }, async () => {
    bot = await startBot();
    const agent = agentIn('conv-pl', 'pl-PL');
    await confirmThenKill(agent, 'Wysłano do Centrum partnerskiego.');
    expect(partner.state.subscription(CONTOSO, CONTOSO_STANDARD)!.offerId).not.toBe(ITEM_PREMIUM);

    bot = await startBot();
    const done = 'Gotowe: subskrypcja klienta Contoso Ltd została zmieniona na Microsoft 365 Business Premium.';
    await until(() => agent.told().includes(done));
    expect(partner.state.subscription(CONTOSO, CONTOSO_STANDARD)!.offerId).toBe(ITEM_PREMIUM);
    expect(posts()).toBe(1);

    // Started once more: the end was told, so nothing is resumed and nothing is said again.
    await bot.stop('SIGTERM');
    bot = await startBot();
    await agent.send('hello');
    expect(agent.told().filter((t) => t === done)).toHaveLength(1);
    expect(posts()).toBe(1);
  });

  it("without the agent's token any more, says it still runs; signing in again shows it and tells its end once", { timeout: 90_000 }, async () => {
    bot = await startBot();
    const agent = agentIn('conv-en', 'en-US');
    await confirmThenKill(agent, 'Sent to Partner Center.');
    // The token service no longer holds the agent's token (signed out, or expired).
    await fetch(`${tokens.url}/api/usertoken/SignOut?userId=agent-conv-en&connectionName=${CONNECTION}&channelId=webchat`, { method: 'DELETE' });

    bot = await startBot();
    const stillRunning = 'The transition for Contoso Ltd is still running in Partner Center. The bot was restarted and can no longer follow it without you: say "partner" and sign in again to see its state.';
    await until(() => agent.told().includes(stillRunning));
    expect(posts()).toBe(1);

    const afterSignIn = shown(await agent.signIn());
    expect(afterSignIn).toContain('This transition was already sent earlier and is still running');
    const done = "Done: Contoso Ltd's subscription has changed to Microsoft 365 Business Premium.";
    await until(() => agent.told().includes(done));
    expect(agent.told().filter((t) => t === done)).toHaveLength(1);
    expect(partner.state.subscription(CONTOSO, CONTOSO_STANDARD)!.offerId).toBe(ITEM_PREMIUM);
    expect(posts()).toBe(1);
  });
});
