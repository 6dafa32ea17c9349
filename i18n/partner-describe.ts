import type { Blocker, Notice } from '../domain/findings';
import type { PartnerNotice, Refusal } from '../partner';
import { describeFinding } from './describe';
import { formatList } from './format';
import type { Language } from './languages';
import { translator } from './translator';

// The words of a Partner Center review in one language (locales/<lng>/partner.json), shared by the
// command line and the bot: a refusal's reason, a notice's title and explanation, a transition type.

export type PartnerSay = (key: string, vars?: Record<string, unknown>) => string;

export function partnerWords(lng: Language): PartnerSay {
  const t = translator(lng);
  return (key, vars) => String(t(`partner:${key}`, vars ?? {}));
}

const PARTNER_NOTICES = new Set(['UPGRADE_IRREVERSIBLE', 'PROMOTION_LOST', 'LICENCES_MOVE_WITH_TRANSFER']);

export function refusalText(refusal: Refusal, lng: Language): string {
  return partnerWords(lng)(`refusals.${refusal.name}`, { description: refusal.description, roles: formatList(refusal.roles ?? [], lng, 'disjunction') });
}

function isPartnerNotice(n: Blocker | Notice | PartnerNotice): n is PartnerNotice {
  return PARTNER_NOTICES.has(n.code);
}

/** A notice or blocker as its title and explanation. */
export function findingText(f: Blocker | Notice | PartnerNotice, lng: Language): { title: string; explanation: string } {
  const say = partnerWords(lng);
  if (isPartnerNotice(f)) {
    const vars = f.code === 'PROMOTION_LOST' ? { promotionId: f.promotionId } : f.code === 'LICENCES_MOVE_WITH_TRANSFER' ? { count: f.quantity } : {};
    return { title: say(`notices.${f.code}.title`), explanation: say(`notices.${f.code}.explanation`, vars) };
  }
  const described = describeFinding(f, lng);
  return { title: described.title, explanation: described.explanation };
}

export function eventName(name: string, lng: Language): string {
  const say = partnerWords(lng);
  return name === 'Conversion' || name === 'SeatReassignment' ? say(`events.${name}`) : say('events.other', { name });
}

export function statusName(status: string, lng: Language): string {
  const say = partnerWords(lng);
  return ['InProgress', 'Completed', 'Failed'].includes(status) ? say(`statuses.${status}`) : say('statuses.other', { status });
}
