import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartnerHelpdesk } from '../bot/partner/partner-helpdesk';
import { resolveLanguage } from '../i18n/languages';
import { parsePartnerConfig } from '../partner';
import { startGraphServer, syntheticGraphTenant, type GraphTestServer } from './support/graph-server';
import { CONTOSO, CONTOSO_STANDARD, partnerCustomers, PARTNER_CENTER_SCOPE, PARTNER_TEST_CA_PATH, startPartnerCenterServer, type PartnerCenterTestServer } from './support/partner-center-server';

// The helpdesk bot reads the customer's tenant through Microsoft Graph with the agent's delegated GDAP
// token: the bot's OAuth connection signs the agent in to the bot's own API, and the bot exchanges that
// token on the agent's behalf (authority = the customer's tenant). The eligibility card's rules then see
// the customer's users; a GDAP relationship without the roles to read is explained, naming them.

const CA = readFileSync(PARTNER_TEST_CA_PATH, 'utf8') + readFileSync(join(import.meta.dirname, 'support', 'graph-server', 'tls', 'server-cert.pem'), 'utf8');
const CONNECTION = 'PartnerCenter';
const MAGIC = '515151';

let partner: PartnerCenterTestServer;
let graph: GraphTestServer;
/** Every token Entra issued: which API, in which tenant. */
let issued: { scope: string; tenant: string }[];

beforeEach(async () => {
  partner = await startPartnerCenterServer({ customers: partnerCustomers(2) });
  graph = await startGraphServer({ seed: syntheticGraphTenant({ users: 9, yammerOffEvery: 3 }) });
  // Graph accepts the tokens Entra issues for it.
  issued = [];
  partner.entra.onIssued = (token, what) => {
    issued.push({ scope: what.scope, tenant: what.tenant });
    if (what.scope.startsWith(graph.baseUrl)) graph.issuer.tokens.add(token);
  };
});
afterEach(async () => {
  await graph.close();
  await partner.close();
});

function chat(locale: string, connectionScope = partner.entra.appScope()) {
  const storage = new MemoryStorage();
  let helpdesk: PartnerHelpdesk | undefined;
  const adapter = new TestAdapter(async (context) => {
    if (!(await helpdesk!.run(context, resolveLanguage(context.activity.locale)))) await context.sendActivity('(the rest of the bot)');
  });
  const parsed = parsePartnerConfig({ ...partner.env(), PARTNER_CLIENT_SECRET: partner.entra.clientSecret, PARTNER_OAUTH_CONNECTION: CONNECTION });
  if (!parsed.ok) throw new Error('partner settings');
  helpdesk = new PartnerHelpdesk({
    conversationState: new ConversationState(storage),
    storage,
    connectionName: CONNECTION,
    baseUrl: partner.baseUrl,
    ca: CA,
    pollMs: 0,
    sleep: async () => undefined,
    today: () => '2026-12-04',
    onBehalfOf: { config: parsed.value, graphBaseUrl: graph.baseUrl },
    continueConversation: async (reference, logic) => logic(new TurnContext(adapter, TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true))),
  });
  // The agent's sign-in at the token service gives the bot a token for its own API.
  adapter.addUserToken(CONNECTION, 'test', 'user1', partner.entra.issueDirect(connectionScope), MAGIC);
  const say = async (input: string | Record<string, unknown>) => {
    await adapter.receiveActivity({ type: 'message', locale, ...(typeof input === 'string' ? { text: input } : { value: input }) });
    return adapter.activeQueue.splice(0);
  };
  return { say };
}

const shown = (activities: Partial<Activity>[]) => activities.map((a) => `${a.text ?? ''}${JSON.stringify(a.attachments ?? [])}`).join('\n');

async function eligibilityOf(locale: string): Promise<string> {
  const c = chat(locale);
  await c.say('partner');
  expect(shown(await c.say(MAGIC))).toContain('"customerId"');
  await c.say({ verb: 'partner.customer', customerId: CONTOSO });
  return shown(await c.say({ verb: 'partner.subscription', subscriptionId: CONTOSO_STANDARD }));
}

describe("the customer's tenant read through Graph in the helpdesk bot", () => {
  it('shows the users read and the rules that see them, in English', async () => {
    const card = await eligibilityOf('en-US');
    expect(card).toContain("Read from the customer's tenant through Microsoft Graph (GDAP): 9 users.");
    expect(card).toContain('**Service customisations are reset**: 3 users have some services of the old plan turned off.');
    expect(card).toContain('12 licences, billed monthly.');
    expect(card).toContain('**No backup needed**');
    // Graph's token was asked in the customer's tenant, Partner Center's in the partner's: both on the agent's behalf.
    expect(issued).toContainEqual({ scope: expect.stringMatching(new RegExp(`^${graph.baseUrl}/`)), tenant: CONTOSO });
    expect(issued).toContainEqual({ scope: expect.stringContaining(PARTNER_CENTER_SCOPE), tenant: partner.entra.account.tenantId });
  });

  it('in Polish, with the users read', async () => {
    const card = await eligibilityOf('pl-PL');
    expect(card).toContain('Odczytano z dzierżawy klienta przez Microsoft Graph (GDAP): 9 użytkowników.');
    expect(card).toContain('**Niestandardowe przypisania usług zostaną zresetowane**: U 3 użytkowników wyłączono niektóre usługi starego planu.');
    expect(card).toContain('12 licencji, rozliczanych co miesiąc.');
  });

  it('a GDAP relationship that cannot read the directory is explained naming the roles, in Polish, and Partner Center\'s view is still shown', async () => {
    graph.denied.add('/v1.0/users');
    const card = await eligibilityOf('pl-PL');
    expect(card).toContain(
      'Twoje role GDAP dla tego klienta nie pozwalają odczytać jego katalogu przez Microsoft Graph, więc poniższe sprawdzenia nie widzą jego użytkowników: do odczytu potrzebna jest rola Directory Readers lub Global Reader, a do przenoszenia licencji między jego użytkownikami rola License Administrator lub Directory Writers.',
    );
    // Partner Center's eligibilities and its own rules, without the users nobody could read.
    expect(card).toContain('✓ Tylko przejście: można wykonać teraz');
    expect(card).not.toContain('Niestandardowe przypisania usług');
    expect(card).not.toContain('Odczytano z dzierżawy klienta');
  });

  it('the same in English', async () => {
    graph.denied.add('/v1.0/users');
    expect(await eligibilityOf('en-US')).toContain(
      'Your GDAP roles for this customer do not let you read its directory through Microsoft Graph, so the checks below do not see its users: reading needs Directory Readers or Global Reader, and moving licences between its users needs License Administrator or Directory Writers.',
    );
  });

  it("a connection still set up for Partner Center's own token cannot be exchanged: the agent is told the sign-in failed, in Swedish", async () => {
    const c = chat('sv-SE', PARTNER_CENTER_SCOPE);
    await c.say('partner');
    const answer = shown(await c.say(MAGIC));
    expect(answer).not.toContain('"customerId"');
    expect(answer).toContain('Inloggningen i Partnercenter misslyckades (AADSTS50013).');
  });
});
