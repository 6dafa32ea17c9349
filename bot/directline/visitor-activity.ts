import { jsonDepth, MAX_DEPTH } from '../security/inbound-activity';
import type { JsonActivity } from './conversations';

/** The bot as the visitor's activities address it. */
export interface BotAccount {
  id: string;
  name: string;
}

export type VisitorActivity =
  /** Kept in the conversation as the visitor sees it, and delivered to the bot. */
  | { kind: 'deliver'; activity: JsonActivity }
  /** Accepted and dropped (typing indicators). */
  | { kind: 'ignore' }
  | { kind: 'invalid'; reason: string };

const TYPES = new Set(['message', 'event']);
const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/;
const TEXT_FORMATS = new Set(['plain', 'markdown', 'xml']);

const shortString = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.length <= max ? value : undefined);

/**
 * What a visitor posted, rebuilt from the fields Direct Line lets a client set: who sent it, in which
 * conversation and over which channel is the server's to say, never the client's. channelData keeps only
 * Web Chat's own bookkeeping (clientActivityID, clientTimestamp, postBack), so no client can pose as Teams.
 */
export function readVisitorActivity(body: unknown, context: { conversationId: string; userId: string; bot: BotAccount; now: Date }): VisitorActivity {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'an activity must be a JSON object' };
  const input = body as Record<string, unknown>;
  if (input.type === 'typing') return { kind: 'ignore' };
  if (typeof input.type !== 'string' || !TYPES.has(input.type)) return { kind: 'invalid', reason: 'type must be message, event or typing' };
  if (Array.isArray(input.attachments) && input.attachments.length > 0) return { kind: 'invalid', reason: 'attachments are not accepted' };
  if (input.text !== undefined && typeof input.text !== 'string') return { kind: 'invalid', reason: 'text must be a string' };
  if (input.type === 'event' && !shortString(input.name, 100)) return { kind: 'invalid', reason: 'an event needs a name' };

  const channelData = (input.channelData && typeof input.channelData === 'object' ? input.channelData : {}) as Record<string, unknown>;
  const clientActivityID = shortString(channelData.clientActivityID, 100);
  const clientTimestamp = shortString(channelData.clientTimestamp, 40);
  const postBack = channelData.postBack === true ? true : undefined;
  const from = (input.from && typeof input.from === 'object' ? input.from : {}) as Record<string, unknown>;
  const locale = shortString(input.locale, 35);

  const activity: JsonActivity = {
    type: input.type,
    timestamp: context.now.toISOString(),
    channelId: 'directline',
    conversation: { id: context.conversationId },
    from: { id: context.userId, name: shortString(from.name, 64) ?? '', role: 'user' },
    recipient: { id: context.bot.id, name: context.bot.name, role: 'bot' },
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.value !== undefined ? { value: input.value } : {}),
    ...(input.type === 'event' ? { name: input.name } : {}),
    ...(locale && LOCALE.test(locale) ? { locale } : {}),
    ...(typeof input.textFormat === 'string' && TEXT_FORMATS.has(input.textFormat) ? { textFormat: input.textFormat } : {}),
    channelData: {
      ...(clientActivityID ? { clientActivityID } : {}),
      ...(clientTimestamp ? { clientTimestamp } : {}),
      ...(postBack ? { postBack } : {}),
    },
  };
  // The bot reads no activity nested deeper than MAX_DEPTH (bot/security/inbound-activity.ts): say so here, rather than pass it on to be refused.
  if (jsonDepth(activity, MAX_DEPTH) > MAX_DEPTH) return { kind: 'invalid', reason: `the activity nests deeper than ${MAX_DEPTH} levels (its value included); send a flatter value` };
  return { kind: 'deliver', activity };
}

/** The activity the bot is sent: the kept one, plus where to answer. */
export function forBot(activity: JsonActivity, serviceUrl: string): JsonActivity {
  const channelData = activity.channelData as Record<string, unknown>;
  const { clientTimestamp: _dropped, ...kept } = channelData;
  return { ...activity, serviceUrl, channelData: kept };
}
