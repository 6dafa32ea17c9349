import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from './steps-dialog';
import { findPlan, type Plan } from '../../domain/catalogue';
import type { Subscription } from '../../domain/snapshot/schema';
import { getSession } from '../../conversation/session';
import { liveSubscriptions, pickPlanCard, pickSubscriptionCard } from '../../cards/pickers';
import type { Submission } from '../../cards/submissions';
import { promptCard } from './card-prompt';
import { cardReply, textReply } from './replies';

// Steps that several flows share: pick a subscription, pick a plan, and the card's cancel button.

/** Asks for a subscription; with only one live subscription there is nothing to ask. */
export async function askSubscription(
  step: Step,
  words: { title: string; intro?: string },
  filter: (s: Subscription) => boolean = () => true,
): Promise<DialogTurnResult> {
  const { t, lng, snapshot } = getSession(step.context);
  const subscriptions = liveSubscriptions(snapshot!).filter(filter);
  if (subscriptions.length === 0) {
    await step.context.sendActivity(textReply(t('bot:pick.noSubscriptions')));
    return step.endDialog();
  }
  if (subscriptions.length === 1) return step.next({ verb: 'subscription.pick', subscriptionId: subscriptions[0]!.id } satisfies Submission);
  return promptCard(step, {
    prompt: cardReply(pickSubscriptionCard(t, lng, snapshot!, subscriptions, words), words.title),
    verbs: ['subscription.pick', 'flow.cancel'],
    text: { kind: 'subscription', ids: subscriptions.map((s) => s.id) },
  });
}

export async function askPlan(step: Step, from: Plan, words: { title: string; intro: string }): Promise<DialogTurnResult> {
  const { t } = getSession(step.context);
  return promptCard(step, {
    prompt: cardReply(pickPlanCard(t, from, words), words.title),
    verbs: ['plan.pick', 'flow.cancel'],
    text: { kind: 'plan' },
  });
}

/** The subscription a pick names, if it is one of this tenant's live subscriptions. */
export function pickedSubscription(step: Step, submission: Submission): Subscription | undefined {
  if (submission.verb !== 'subscription.pick') return undefined;
  const { snapshot } = getSession(step.context);
  return liveSubscriptions(snapshot!).find((s) => s.id === submission.subscriptionId);
}

export function pickedPlan(submission: Submission): Plan | undefined {
  return submission.verb === 'plan.pick' ? findPlan(submission.planId) : undefined;
}

/** The card's cancel button, or a pick that names nothing real: end the flow and say so. */
export async function endFlow(step: Step, key: 'bot:cancelled' | 'bot:errors.badSubmission'): Promise<DialogTurnResult> {
  const { t } = getSession(step.context);
  await step.context.sendActivity(textReply(t(key)));
  return step.endDialog();
}
