import type { TokenCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from '../shared/dialog-classes';
import { z } from 'zod';
import { confirmTransitionCard, customerPickerCard, eligibilityCard, subscriptionsCard } from '../../cards/partner-cards';
import type { Language } from '../../i18n/languages';
import { partnerWords } from '../../i18n/partner-describe';
import { GDAP_MOVE_ROLES, GdapRoleMissingError, newTransitionJob, PartnerCenterClient, review, searchCustomers, type TransitionJob, type TransitionType } from '../../partner';
import { formatList } from '../../i18n/format';
import { cardReply, textReply } from '../shared/replies';

// A CSP helpdesk agent's way through Partner Center, once signed in: pick a customer (searchable by name
// or domain), one of its subscriptions, a transition Partner Center allows, the number of licences;
// then the transition is handed to the follower, which sends it once and reports its events.

export const PARTNER_LANGUAGE = 'partner.language';

/** What the cards of this flow send back: untrusted, parsed at the edge. */
const id = z.string().trim().min(1).max(200);
const pressSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('partner.search'), search: z.string().max(200).optional() }),
  z.object({ verb: z.literal('partner.customer'), customerId: id, search: z.string().max(200).optional() }),
  z.object({ verb: z.literal('partner.subscription'), subscriptionId: id }),
  z.object({ verb: z.literal('partner.target'), catalogItemId: id, transitionType: z.enum(['transition_only', 'transition_with_license_transfer']) }),
  z.object({ verb: z.literal('partner.confirm'), quantity: z.union([z.number(), z.string()]) }),
  z.object({ verb: z.literal('partner.cancel') }),
]);
type Press = z.infer<typeof pressSchema>;

interface FlowState {
  stage: 'customer' | 'subscription' | 'target' | 'confirm';
  customerId?: string;
  customerName?: string;
  subscriptionId?: string;
  offerName?: string;
  offerId?: string;
  max?: number;
  catalogItemId?: string;
  title?: string;
  transitionType?: TransitionType;
}

export interface PartnerFlowDeps {
  baseUrl: string;
  /** Extra CA certificates (PEM): a local test server's. */
  ca?: string;
  /** How a wait for Partner Center's Retry-After is spent (a test records it). */
  sleep?: (ms: number) => Promise<void>;
  /** The signed-in agent's Partner Center token for this turn (the token service keeps it, never this bot). */
  tokenOf: (context: TurnContext) => Promise<string | undefined>;
  /** Takes over a confirmed transition: sends it once and follows it outside the turn. */
  follow: (context: TurnContext, job: TransitionJob, customerName: string, token: string) => Promise<void>;
  /** The agent's Partner Center credential from the connection's token (the token itself unless the bot exchanges it). */
  credentialOf?: (token: string) => TokenCredential;
  /** Reads the customer's tenant through Graph with the agent's GDAP token, when the bot can. */
  customerTenant?: (token: string, customerId: string) => Promise<TenantSnapshot>;
  /** The agent has just signed in: transitions of this conversation that nothing follows (the bot was restarted) are shown and followed. */
  signedIn?: (context: TurnContext, token: string) => Promise<void>;
  today: () => string;
}

export function languageOf(context: TurnContext): Language {
  return (context.turnState.get(PARTNER_LANGUAGE) as Language | undefined) ?? 'en';
}

export class PartnerFlowDialog extends Dialog<FlowState> {
  constructor(
    dialogId: string,
    private readonly deps: PartnerFlowDeps,
  ) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state: FlowState = { stage: 'customer' };
    dc.activeDialog!.state = state;
    return this.withClient(dc, async (client) => {
      await dc.context.sendActivity(cardReply(customerPickerCard(languageOf(dc.context), searchCustomers(await client.customers(), undefined), undefined)));
      return Dialog.EndOfTurn;
    });
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as FlowState;
    const lng = languageOf(dc.context);
    const say = partnerWords(lng);
    const parsed = pressSchema.safeParse(dc.context.activity.value);
    // A typed line while picking a customer is a search.
    const typed = dc.context.activity.text?.trim();
    const press: Press | undefined = parsed.success ? parsed.data : state.stage === 'customer' && typed ? { verb: 'partner.search', search: typed } : undefined;
    if (!press) {
      const verb = (dc.context.activity.value as { verb?: unknown } | undefined)?.verb;
      await dc.context.sendActivity(textReply(say(verb === 'partner.customer' ? 'bot.customers.required' : 'bot.stale')));
      return Dialog.EndOfTurn;
    }
    if (press.verb === 'partner.cancel') {
      await dc.context.sendActivity(textReply(say('bot.cancelled')));
      return dc.endDialog();
    }
    return this.withClient(dc, async (client, token) => {
      switch (press.verb) {
        case 'partner.search':
          state.stage = 'customer';
          await dc.context.sendActivity(cardReply(customerPickerCard(lng, searchCustomers(await client.customers(), press.search), press.search)));
          return Dialog.EndOfTurn;
        case 'partner.customer': {
          const customer = await client.customer(press.customerId);
          Object.assign(state, { stage: 'subscription', customerId: customer.id, customerName: customer.name });
          await dc.context.sendActivity(cardReply(subscriptionsCard(lng, customer, await client.subscriptions(customer.id))));
          return Dialog.EndOfTurn;
        }
        case 'partner.subscription': {
          if (!state.customerId) break;
          const customer = await client.customer(state.customerId);
          const subscription = (await client.subscriptions(customer.id)).find((s) => s.id === press.subscriptionId);
          if (!subscription) break;
          const eligibilities = await client.eligibilities(customer.id, subscription.id);
          const tenant = await this.tenantOf(dc.context, token, customer.id);
          const result = review(customer, subscription, eligibilities, this.deps.today(), tenant);
          Object.assign(state, { stage: 'target', subscriptionId: subscription.id, offerName: subscription.friendlyName || subscription.offerName, offerId: subscription.offerId, max: subscription.quantity });
          await dc.context.sendActivity(cardReply(eligibilityCard(lng, result)));
          return Dialog.EndOfTurn;
        }
        case 'partner.target': {
          if (!state.customerId || !state.subscriptionId) break;
          const customer = await client.customer(state.customerId);
          const subscription = (await client.subscriptions(customer.id)).find((s) => s.id === state.subscriptionId);
          if (!subscription) break;
          const result = review(customer, subscription, await client.eligibilities(customer.id, subscription.id), this.deps.today());
          const target = result.targets.find((t) => t.catalogItemId === press.catalogItemId);
          if (!target?.types.some((t) => t.type === press.transitionType && t.eligible)) break;
          Object.assign(state, { stage: 'confirm', catalogItemId: target.catalogItemId, title: target.title, transitionType: press.transitionType, max: subscription.quantity });
          await dc.context.sendActivity(cardReply(confirmTransitionCard(lng, { customer: customer.name, from: state.offerName ?? subscription.offerName, to: target.title, type: press.transitionType, max: subscription.quantity })));
          return Dialog.EndOfTurn;
        }
        case 'partner.confirm': {
          if (state.stage !== 'confirm' || !state.customerId || !state.subscriptionId || !state.catalogItemId || !state.transitionType || !state.max) break;
          const quantity = Number(press.quantity);
          if (!Number.isInteger(quantity) || quantity < 1 || quantity > state.max) {
            await dc.context.sendActivity(textReply(say('bot.confirm.badQuantity', { max: state.max })));
            return Dialog.EndOfTurn;
          }
          const job = await newTransitionJob(client, state.customerId, state.subscriptionId, { toCatalogItemId: state.catalogItemId, quantity, transitionType: state.transitionType }, state.offerId, state.title);
          await this.deps.follow(dc.context, job, state.customerName ?? state.customerId, token);
          return dc.endDialog();
        }
      }
      await dc.context.sendActivity(textReply(say('bot.stale')));
      return Dialog.EndOfTurn;
    });
  }

  /**
   * The customer's tenant as the agent's GDAP roles let them read it, so the rules see its users; when
   * the roles do not allow it, the agent is told which role is needed and the rules see Partner Center's view.
   */
  private async tenantOf(context: TurnContext, token: string, customerId: string): Promise<TenantSnapshot | undefined> {
    if (!this.deps.customerTenant) return undefined;
    try {
      const tenant = await this.deps.customerTenant(token, customerId);
      await context.sendActivity(textReply(partnerWords(languageOf(context))('cli.check.tenantRead', { count: tenant.users.length })));
      return tenant;
    } catch (error) {
      if (!(error instanceof GdapRoleMissingError)) throw error;
      const lng = languageOf(context);
      await context.sendActivity(textReply(partnerWords(lng)('bot.gdapRead', { roles: formatList([...error.roles], lng, 'disjunction'), moveRoles: formatList([...GDAP_MOVE_ROLES], lng, 'disjunction') })));
      return undefined;
    }
  }

  /** A Partner Center client with the agent's token for this turn; without a token the flow ends. */
  private async withClient(dc: DialogContext, run: (client: PartnerCenterClient, token: string) => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    const token = await this.deps.tokenOf(dc.context);
    if (!token) {
      await dc.context.sendActivity(textReply(partnerWords(languageOf(dc.context))('bot.signIn.failed')));
      return dc.endDialog();
    }
    const client = new PartnerCenterClient({
      baseUrl: this.deps.baseUrl,
      credential: this.deps.credentialOf?.(token) ?? staticToken(token),
      ...(this.deps.ca === undefined ? {} : { ca: this.deps.ca }),
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
    });
    try {
      return await run(client, token);
    } finally {
      client.close();
    }
  }
}

/** The token the token service handed over, as a credential (kept in memory for this call only). */
export function staticToken(token: string) {
  return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 10 * 60_000 }) };
}
