import { homedir } from 'node:os';
import { join } from 'node:path';
import { newTransitionJob, planOfOffer, productOf, REFUSED_AT_POST, refusalOf, runTransitionJob, TransitionJobFile, type PartnerCenterClient, type TransitionJob, type TransitionType } from '../../partner';
import { eventName as eventLabel, statusName as statusLabel } from '../../i18n/partner-describe';
import { json } from './context';
import { loadReview, pickTarget } from './partner-check';
import { openClient, PartnerCliError, partnerWords, type PartnerContext } from './partner-session';
import { refusalText, renderHeader, renderTarget, reviewJson } from './partner-view';

// `plan-switch partner transition --customer ID --subscription ID --to CATALOG_ITEM_ID --quantity N
// [--licence-transfer] [--apply] [--json]`: without --apply, what would be sent and whether Partner Center
// allows it; with --apply, the transition is sent once (its job, with the request id, is kept in
// PLAN_SWITCH_PARTNER_JOBS, default ~/.plan-switch/partner-transitions.json) and followed until its events
// complete or fail. Running the same command again while it is unfinished follows it, never sends it twice.

const DEFAULT_POLL_SECONDS = 15;
const MAX_POLLS = 240;

interface TransitionArgs {
  customer: string;
  subscription: string;
  to: string;
  quantity: string;
  licenceTransfer: boolean;
  apply: boolean;
}

function jobFile(context: PartnerContext): TransitionJobFile {
  return new TransitionJobFile(context.env.PLAN_SWITCH_PARTNER_JOBS?.trim() || join(homedir(), '.plan-switch', 'partner-transitions.json'));
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether --to names the job's target: its catalogue item, product or plan. */
function namesTarget(job: TransitionJob, to: string): boolean {
  const item = job.request.toCatalogItemId;
  return same(item, to) || same(productOf(item), to) || planOfOffer(item, job.toTitle)?.id === to.trim().toLowerCase();
}

async function follow(client: PartnerCenterClient, jobs: TransitionJobFile, job: TransitionJob, resumed: boolean, context: PartnerContext): Promise<string> {
  const say = partnerWords(context.lang);
  const eventName = (name: string) => eventLabel(name, context.lang);
  const statusName = (status: string) => statusLabel(status, context.lang);
  let shown = 0;
  const head: string[] = [];
  const pollSeconds = Number(context.env.PLAN_SWITCH_PARTNER_POLL_SECONDS ?? DEFAULT_POLL_SECONDS);
  const done = await runTransitionJob(client, jobs, job, {
    pollMs: Number.isFinite(pollSeconds) && pollSeconds >= 0 ? pollSeconds * 1000 : DEFAULT_POLL_SECONDS * 1000,
    maxPolls: MAX_POLLS,
    onProgress: (j) => {
      if (head.length === 0 && j.operationId) {
        head.push(say(resumed ? 'cli.transition.resumed' : 'cli.transition.posted', { id: j.operationId }));
        if (!context.json) context.warn(head[0]!);
      }
      for (const event of j.events.slice(shown)) if (!context.json) context.warn(say('cli.transition.event', { event: eventName(event.name), status: statusName(event.status) }));
      shown = j.events.length;
    },
  });
  if (context.json) {
    return json({
      applied: true,
      customerId: done.customerId,
      subscriptionId: done.subscriptionId,
      transition: done.request,
      state: done.state,
      operationId: done.operationId ?? null,
      events: done.events.map((e) => ({ name: e.name, status: e.status, ...(e.timestamp ? { timestamp: e.timestamp } : {}), errors: e.errors })),
      failure: done.failure ?? null,
    });
  }
  const lines = [...head, ...done.events.map((e) => say('cli.transition.event', { event: eventName(e.name), status: statusName(e.status) }))];
  if (done.state === 'completed') lines.push(say('cli.transition.done', { to: done.toTitle ?? done.request.toCatalogItemId }));
  else if (done.state === 'failed') {
    const at = done.failure?.event ?? '';
    lines.push(at === REFUSED_AT_POST ? say('cli.transition.refused') : say('cli.transition.failed', { event: eventName(at) }), ...(done.failure?.refusals ?? []).map((r) => `  - ${refusalText(r, context.lang)}`));
  }
  else lines.push(say('cli.transition.stillRunning'));
  return `${lines.join('\n')}\n`;
}

export async function partnerTransitionCommand(args: TransitionArgs, context: PartnerContext): Promise<string> {
  const say = partnerWords(context.lang);
  if (!/^\d+$/.test(args.quantity) || Number(args.quantity) < 1) throw new PartnerCliError(say('cli.errors.badQuantityAny', { value: args.quantity }));
  const quantity = Number(args.quantity);
  const type: TransitionType = args.licenceTransfer ? 'transition_with_license_transfer' : 'transition_only';
  const client = openClient(context);
  try {
    const jobs = jobFile(context);
    if (args.apply) {
      const pending = (await jobs.all()).find(
        (j) => j.state !== 'completed' && j.state !== 'failed' && same(j.customerId, args.customer) && same(j.subscriptionId, args.subscription) && j.request.quantity === quantity && j.request.transitionType === type && namesTarget(j, args.to),
      );
      if (pending) return await follow(client, jobs, pending, true, context);
    }
    const result = await loadReview(client, args.customer, args.subscription, context);
    const target = pickTarget(result, args.to, context);
    const max = result.subscription.quantity;
    if (quantity > max) throw new PartnerCliError(say('cli.errors.badQuantity', { value: args.quantity, max }));
    const chosen = target.types.find((t) => t.type === type) ?? { type, eligible: false, refusals: [refusalOf(8, '', type)] };
    const plan = say('cli.transition.plan', { count: quantity, from: result.subscription.offerName, to: target.title, type: say(`types.${type}`) });
    if (!args.apply || !chosen.eligible) {
      if (context.json) {
        return json({ applied: false, eligible: chosen.eligible, transition: { toCatalogItemId: target.catalogItemId, quantity, transitionType: type }, refusals: chosen.refusals, ...(reviewJson(result, [target]) as object) });
      }
      const lines = [...renderHeader(result, context.lang), '', plan, ...renderTarget(target, context.lang), ''];
      if (!chosen.eligible) lines.push(say('cli.transition.notEligible'), ...chosen.refusals.map((r) => `  - ${refusalText(r, context.lang)}`));
      lines.push(say('cli.transition.notApplied'));
      return `${lines.join('\n')}\n`;
    }
    const job = await newTransitionJob(client, result.customer.id, result.subscription.id, { toCatalogItemId: target.catalogItemId, quantity, transitionType: type }, result.subscription.offerId, target.title);
    await jobs.save(job);
    return await follow(client, jobs, job, false, context);
  } finally {
    client.close();
  }
}
