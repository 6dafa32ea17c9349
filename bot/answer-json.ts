import { randomBytes } from 'node:crypto';

// The JSON of an /api/messages answer, with each frozen card's JSON made once. Rendered cards are
// shared and frozen (cards/render.ts): the same card goes out again and again, and stringifying it
// for every answer was 2.5 % of a turn's CPU. The result is exactly JSON.stringify(body).

const cardJson = new WeakMap<object, string>();
/** Stands for a card in the activity's JSON until the card's own JSON replaces it; no one can guess it. */
const MARK = `card-${randomBytes(16).toString('hex')}-`;
const MARKED = new RegExp(`"${MARK}(\\d+)"`, 'g');

interface Attachment {
  content?: unknown;
}

function frozenContent(attachment: unknown): object | undefined {
  const content = (attachment as Attachment | null)?.content;
  return content !== null && typeof content === 'object' && Object.isFrozen(content) ? content : undefined;
}

function jsonOfCard(card: object): string {
  let json = cardJson.get(card);
  if (json === undefined) {
    json = JSON.stringify(card);
    cardJson.set(card, json);
  }
  return json;
}

function activityJson(activity: unknown): string | undefined {
  const attachments = (activity as { attachments?: unknown } | null)?.attachments;
  if (!Array.isArray(attachments) || !attachments.some(frozenContent)) return JSON.stringify(activity);
  const cards: string[] = [];
  const marked = attachments.map((attachment) => {
    const card = frozenContent(attachment);
    return card ? { ...(attachment as Attachment), content: `${MARK}${cards.push(jsonOfCard(card)) - 1}` } : attachment;
  });
  return JSON.stringify({ ...(activity as object), attachments: marked }).replace(MARKED, (_, index: string) => cards[Number(index)]!);
}

/** `JSON.stringify(body)`, faster for an expectReplies answer whose cards are frozen. */
export function answerJson(body: unknown): string {
  const activities = (body as { activities?: unknown } | null)?.activities;
  if (!Array.isArray(activities) || Object.keys(body as object).length !== 1) return JSON.stringify(body);
  return `{"activities":[${activities.map((activity) => activityJson(activity) ?? 'null').join(',')}]}`;
}
