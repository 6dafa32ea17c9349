import type { AdaptiveCardInvokeResponse, InvokeResponse } from 'botbuilder';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { parseSubmission, type ParsedSubmission } from '../../cards/submissions';

/** The invoke Teams sends when an Action.Execute button is pressed. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/**
 * Reads an `adaptiveCard/action` invoke's value, untrusted like any card value: the verb comes from
 * `action.verb`, the rest from `action.data` (the button's data merged with any inputs), and the
 * whole is parsed by the same schema as an Action.Submit's value.
 */
export function parseCardAction(value: unknown): ParsedSubmission {
  if (!isRecord(value) || !isRecord(value.action)) return { kind: 'invalid' };
  const { type, verb, data } = value.action;
  if (type !== 'Action.Execute' || typeof verb !== 'string') return { kind: 'invalid' };
  if (data !== undefined && data !== null && !isRecord(data)) return { kind: 'invalid' };
  const parsed = parseSubmission({ ...(data ?? {}), verb });
  return parsed.kind === 'none' ? { kind: 'invalid' } : parsed;
}

/** A short card (title and one paragraph) that replaces the pressed one. */
export function noticeCard(title: string, text: string): AdaptiveCard {
  return renderCard('switch-spent', { title, text });
}

/** The invoke response Teams expects from Action.Execute: 200 and the card to show in place of the pressed one. */
export function cardInvokeResponse(card: AdaptiveCard): InvokeResponse<AdaptiveCardInvokeResponse> {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
