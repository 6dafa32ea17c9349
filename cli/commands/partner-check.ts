import { todayUtc } from '../../domain/dates';
import { formatList } from '../../i18n/format';
import { PartnerRequestError, productOf, readCustomerTenant, review, type PartnerCenterClient, type ReviewedTarget, type TransitionReview } from '../../partner';
import { json } from './context';
import { GRAPH_DEFAULT_BASE_URL } from '../../graph';
import type { TokenCredential } from '@azure/identity';
import type { PartnerConfig } from '../../partner';
import { openClient, openSession, PartnerCliError, partnerWords, type PartnerContext } from './partner-session';
import { renderHeader, renderTarget, reviewJson } from './partner-view';

// `plan-switch partner check --customer ID --subscription ID [--to PLAN] [--json]`: the transitions
// Partner Center offers for a customer's subscription, each eligible or refused with its reasons in the
// person's language, merged with the plan rules. --to keeps one target: a plan id or a catalogue item id.

/** The customer's subscription and its review; unknown ids are bad input naming their flag. */
export async function loadReview(
  client: PartnerCenterClient,
  customerId: string,
  subscriptionId: string,
  context: PartnerContext,
  /** Read the customer's tenant through Graph with the agent's GDAP sign-in, for rules that see its users. */
  graph?: { credential: TokenCredential; config: PartnerConfig },
): Promise<TransitionReview> {
  const say = partnerWords(context.lang);
  let customer;
  try {
    customer = await client.customer(customerId);
  } catch (error) {
    if (error instanceof PartnerRequestError && (error.status === 404 || error.status === 400)) throw new PartnerCliError(say('cli.errors.unknownCustomer', { value: customerId }));
    throw error;
  }
  const subscriptions = await client.subscriptions(customer.id);
  const subscription = subscriptions.find((s) => s.id.toLowerCase() === subscriptionId.toLowerCase());
  if (!subscription) throw new PartnerCliError(say('cli.errors.unknownSubscription', { value: subscriptionId, ids: formatList(subscriptions.map((s) => s.id), context.lang, 'disjunction') }));
  const eligibilities = await client.eligibilities(customer.id, subscription.id);
  const tenant = graph
    ? await readCustomerTenant(graph.credential, customer.id, {
        graphBaseUrl: (context.env.GRAPH_BASE_URL?.trim() || GRAPH_DEFAULT_BASE_URL).replace(/\/+$/, ''),
        authorityHost: graph.config.authorityHost,
        clientId: graph.config.clientId,
      })
    : undefined;
  return review(customer, subscription, eligibilities, todayUtc(), tenant);
}

/** The target --to names: its plan id, its catalogue item id, or its product id. */
export function pickTarget(result: TransitionReview, to: string, context: PartnerContext): ReviewedTarget {
  const say = partnerWords(context.lang);
  const wanted = to.trim().toLowerCase();
  const found = result.targets.find((t) => t.planId === wanted || t.catalogItemId.toLowerCase() === wanted) ?? result.targets.find((t) => productOf(t.catalogItemId).toLowerCase() === wanted);
  if (found) return found;
  if (result.targets.length === 0) throw new PartnerCliError(say('cli.errors.noTargets', { value: to }));
  throw new PartnerCliError(say('cli.errors.unknownTarget', { value: to, targets: formatList(result.targets.map((t) => t.planId ?? t.catalogItemId), context.lang, 'disjunction') }));
}

export async function partnerCheckCommand(args: { customer: string; subscription: string; to?: string; graph?: boolean }, context: PartnerContext): Promise<string> {
  const { client, credential, config } = openSession(context);
  try {
    const result = await loadReview(client, args.customer, args.subscription, context, args.graph ? { credential, config } : undefined);
    const targets = args.to === undefined ? result.targets : [pickTarget(result, args.to, context)];
    if (context.json) return json(reviewJson(result, targets));
    const say = partnerWords(context.lang);
    const lines = [...renderHeader(result, context.lang)];
    if (result.tenantRead) lines.push(say('cli.check.tenantRead', { count: result.tenantRead.users }));
    lines.push('');
    if (targets.length === 0) lines.push(say('cli.check.noTargets'));
    for (const target of targets) lines.push(...renderTarget(target, context.lang), '');
    return `${lines.join('\n').trimEnd()}\n`;
  } finally {
    client.close();
  }
}
