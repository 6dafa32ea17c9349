import type { TurnContext } from 'botbuilder';
import { getSession } from '../../conversation/session';
import { liveSubscriptions, planFromText, subscriptionFromText } from '../../cards/pickers';
import { FLOWS, type Flow, type Submission } from '../../cards/submissions';
import { longestMention } from './keywords';

/**
 * What typed words can stand for while a card waits. Kept as plain data, because a prompt's options
 * are stored with the dialog state between turns and a function would not survive the trip.
 */
export type TextMeaning =
  | { kind: 'flow' }
  | { kind: 'subscription'; ids: string[] }
  | { kind: 'plan' }
  | { kind: 'users-search' };

/** The flow whose keyword matches the most of the text: "why can't I change plans" is a diagnosis, not a change. */
export function flowFromText(text: string): Submission | undefined {
  let best: { flow: Flow; length: number } | undefined;
  for (const flow of FLOWS) {
    const length = longestMention(text, `bot:keywords.${flow}`);
    if (length > 0 && (!best || length > best.length)) best = { flow, length };
  }
  return best ? { verb: 'menu.open', flow: best.flow } : undefined;
}

export function recogniseText(meaning: TextMeaning, text: string, context: TurnContext): Submission | undefined {
  switch (meaning.kind) {
    case 'flow':
      return flowFromText(text);
    case 'subscription': {
      const { snapshot } = getSession(context);
      const subscriptions = liveSubscriptions(snapshot!).filter((s) => meaning.ids.includes(s.id));
      const found = subscriptionFromText(text, subscriptions);
      return found ? { verb: 'subscription.pick', subscriptionId: found.id } : undefined;
    }
    case 'plan': {
      const plan = planFromText(text);
      return plan ? { verb: 'plan.pick', planId: plan.id } : undefined;
    }
    case 'users-search':
      return { verb: 'users.search', search: text.slice(0, 200) };
  }
}
