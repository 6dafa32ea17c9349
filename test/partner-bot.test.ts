import { readFileSync } from 'node:fs';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartnerHelpdesk, StorageJobs } from '../bot/partner/partner-helpdesk';
import { resolveLanguage } from '../i18n/languages';
import {
  CONTOSO,
  CONTOSO_STANDARD,
  ITEM_M365_E3,
  ITEM_PREMIUM,
  LODZ,
  partnerCustomers,
  PARTNER_CENTER_SCOPE,
  PARTNER_TEST_CA_PATH,
  startPartnerCenterServer,
  type PartnerCenterTestServer,
} from './support/partner-center-server';

// The CSP helpdesk in a conversation, on botbuilder's TestAdapter and its token store (the local token
// service of the bot's OAuth connection), against the local Partner Center: the agent signs in, finds a
// customer, sees what a subscription can become and why not, confirms, and is told proactively of each
// event and of the end; a failed event is explained in the agent's language.

const CA = readFileSync(PARTNER_TEST_CA_PATH, 'utf8');
const CONNECTION = 'PartnerCenter';
const MAGIC = '424242';

interface Chat {
  adapter: TestAdapter;
  storage: MemoryStorage;
  helpdesk: PartnerHelpdesk;
  say(input: string | Record<string, unknown>): Promise<Partial<Activity>[]>;
  /** What was sent outside any turn (the proactive progress and outcome). */
  proactive(): Partial<Activity>[];
}

let server: PartnerCenterTestServer;
const waits: number[] = [];

function chat(locale: string): Chat {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  let helpdesk: PartnerHelpdesk | undefined;
  const adapter = new TestAdapter(async (context) => {
    const handled = await helpdesk!.run(context, resolveLanguage(context.activity.locale));
    if (!handled) await context.sendActivity('(the rest of the bot)');
  });
  helpdesk = new PartnerHelpdesk({
    conversationState,
    storage,
    connectionName: CONNECTION,
    baseUrl: server.baseUrl,
    ca: CA,
    pollMs: 0,
    sleep: async (ms) => void waits.push(ms),
    today: () => '2026-12-04',
    continueConversation: async (reference, logic) => {
      const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true);
      await logic(new TurnContext(adapter, activity));
    },
  });
  // The agent's sign-in with MFA at the token service gives the bot this Partner Center token.
  adapter.addUserToken(CONNECTION, 'test', 'user1', server.entra.issueDirect(PARTNER_CENTER_SCOPE), MAGIC);
  return {
    adapter,
    storage,
    helpdesk,
    async say(input) {
      await adapter.receiveActivity({ type: 'message', locale, ...(typeof input === 'string' ? { text: input } : { value: input }) });
      return adapter.activeQueue.splice(0);
    },
    proactive: () => adapter.activeQueue.splice(0),
  };
}

const shown = (activities: Partial<Activity>[]) => activities.map((a) => `${a.text ?? ''}${JSON.stringify(a.attachments ?? [])}`).join('\n');
const card = (activity: Partial<Activity> | undefined) => activity?.attachments?.[0]?.content as { body: { id?: string; choices?: { title: string; value: string }[] }[]; actions?: { title: string; data: Record<string, unknown> }[] };
const choices = (activity: Partial<Activity> | undefined, id: string) => card(activity).body.find((b) => b.id === id)?.choices ?? [];

beforeEach(async () => {
  server = await startPartnerCenterServer({ customers: partnerCustomers(30), pageSize: 10 });
  waits.length = 0;
});
afterEach(async () => server.close());

async function signedIn(c: Chat): Promise<Partial<Activity>[]> {
  const prompt = await c.say('partner');
  expect(prompt[0]!.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.oauth');
  return c.say(MAGIC);
}

describe('the CSP helpdesk in a conversation', () => {
  it('signs in, finds the customer, sees what is possible and why not, confirms, and is told of each event and the end', async () => {
    const c = chat('en-US');
    const picker = await signedIn(c);
    expect(choices(picker[0], 'customerId')).toHaveLength(25);
    expect(shown(picker)).toContain('Showing the first 25: search to narrow the list.');
    const typed = await c.say('łódzkie');
    expect(choices(typed[0], 'customerId').map((x) => x.value)).toEqual([LODZ]);
    const byDomain = await c.say({ verb: 'partner.search', search: 'contoso.onmicrosoft' });
    expect(choices(byDomain[0], 'customerId').map((x) => x.title)).toEqual(['Contoso Ltd (contoso.onmicrosoft.com)']);
    const subscriptions = await c.say({ verb: 'partner.customer', customerId: CONTOSO });
    expect(choices(subscriptions[0], 'subscriptionId').map((x) => x.title)).toEqual(['Microsoft 365 Business Standard (12 licences)', 'Power BI Pro (3 licences)']);
    const eligibility = await c.say({ verb: 'partner.subscription', subscriptionId: CONTOSO_STANDARD });
    const text = shown(eligibility);
    expect(text).toContain('The customer has other subscriptions with services that conflict with this transition.');
    expect(text).toContain('this needs Directory Writers.');
    expect(text).toContain('A transition cannot be undone');
    expect(card(eligibility[0]).actions!.map((a) => a.title)).toEqual([
      'Microsoft 365 Business Premium: Transition only',
      'Microsoft 365 Business Premium: Transition with licence transfer',
      'Microsoft 365 E3: Transition only',
    ]);
    const confirm = await c.say({ verb: 'partner.target', catalogItemId: ITEM_PREMIUM, transitionType: 'transition_with_license_transfer' });
    expect(shown(confirm)).toContain('Contoso Ltd: Microsoft 365 Business Standard → Microsoft 365 Business Premium (Transition with licence transfer)');
    expect(shown(await c.say({ verb: 'partner.confirm', quantity: 13 }))).toContain('Enter a whole number of licences from 1 to 12.');
    expect(server.log.filter((l) => l.method === 'POST')).toEqual([]);
    const started = await c.say({ verb: 'partner.confirm', quantity: '12' });
    expect(shown(started)).toContain('Sent to Partner Center.');
    await c.helpdesk.settled();
    const later = c.proactive();
    expect(later.at(-1)!.text).toBe("Done: Contoso Ltd's subscription has changed to Microsoft 365 Business Premium.");
    expect(shown(later)).toContain('Licence reassignment: completed');
    expect(server.log.filter((l) => l.method === 'POST')).toHaveLength(1);
    expect(server.state.subscription(CONTOSO, CONTOSO_STANDARD)!.offerId).toBe(ITEM_PREMIUM);
  });

  it('a failed event and a throttled Partner Center, in Polish: waited out, and the failure explained', async () => {
    const c = chat('pl-PL');
    await signedIn(c);
    await c.say({ verb: 'partner.customer', customerId: CONTOSO });
    await c.say({ verb: 'partner.subscription', subscriptionId: CONTOSO_STANDARD });
    await c.say({ verb: 'partner.target', catalogItemId: ITEM_PREMIUM, transitionType: 'transition_with_license_transfer' });
    server.state.failNext = { event: 'SeatReassignment', code: 12 };
    server.throttle(1, 3);
    await c.say({ verb: 'partner.confirm', quantity: 12 });
    await c.helpdesk.settled();
    expect(waits.filter((ms) => ms > 0)).toEqual([3000]);
    expect(c.proactive().at(-1)!.text).toBe(
      'Przejście dla klienta Contoso Ltd nie powiodło się na etapie „Ponowne przypisanie licencji”: Nie udało się przenieść licencji użytkowników do nowego planu.',
    );
  });

  it('without a sign-in nothing is read; a press of an old card and another message are left alone', async () => {
    const c = chat('sv-SE');
    expect(shown(await c.say({ verb: 'partner.customer', customerId: CONTOSO }))).toContain('Det kortet hör till ett tidigare steg');
    expect(shown(await c.say('hej'))).toBe('(the rest of the bot)[]');
    await c.say('partner');
    // Someone joining while the sign-in waits is the rest of the bot's business.
    await c.adapter.receiveActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'someone', name: 'Someone' }], locale: 'sv-SE' });
    expect(shown(c.adapter.activeQueue.splice(0))).toBe('(the rest of the bot)[]');
    expect(shown(await c.say('fel kod'))).toContain('Du är inte inloggad i Partnercenter');
    expect(server.log).toEqual([]);
  });

  it('a sign-in that skipped MFA is explained when Partner Center refuses it, and nothing is changed', async () => {
    await server.close();
    server = await startPartnerCenterServer({ customers: partnerCustomers(0), account: { mfa: false } });
    const c = chat('nb-NO');
    expect(shown(await signedIn(c))).toContain('Partnersenter avviste kallet: påloggingen brukte ikke flerfaktorautentisering');
  });

  it('a transition confirmed again while the first one, sent before a crash, is unfinished is followed, not sent again', async () => {
    const c = chat('en-US');
    const request = { toCatalogItemId: ITEM_M365_E3, quantity: 4, transitionType: 'transition_only' as const };
    const requestId = '0f0e0d0c-0000-4000-8000-00000000beef';
    // The bot sent it, then its process died before it saved Partner Center's answer.
    expect(server.state.post(CONTOSO, server.state.subscription(CONTOSO, CONTOSO_STANDARD)!, request, requestId).ok).toBe(true);
    const job = { id: 'j1', customerId: CONTOSO, subscriptionId: CONTOSO_STANDARD, request, requestId, knownBefore: [], state: 'posting', events: [], createdAt: new Date().toISOString() };
    await c.storage.write({ [StorageJobs.keyOf(job)]: job });
    await signedIn(c);
    await c.say({ verb: 'partner.customer', customerId: CONTOSO });
    await c.say({ verb: 'partner.subscription', subscriptionId: CONTOSO_STANDARD });
    await c.say({ verb: 'partner.target', catalogItemId: ITEM_M365_E3, transitionType: 'transition_only' });
    expect(shown(await c.say({ verb: 'partner.confirm', quantity: 4 }))).toContain('it is not sent again');
    await c.helpdesk.settled();
    expect(c.proactive().at(-1)!.text).toBe("Done: Contoso Ltd's subscription has changed to Microsoft 365 E3.");
    expect(server.log.filter((l) => l.method === 'POST')).toEqual([]);
    expect(server.state.transitions).toHaveLength(1);
  });
});
