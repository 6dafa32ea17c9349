import type { Activity } from 'botbuilder';

// The shape an activity must have before anything (authentication, botbuilder, the bot) looks at it.
// The Bot Framework schema is wide and channels add fields, so only the fields the bot and botbuilder
// read are checked for their type and size; everything else passes through untouched. A body that fails
// is answered 400 without running a turn.

export type InboundActivity = { ok: true; activity: Activity } | { ok: false; reason: string };

/** How deep any JSON value may nest (card values, channelData, entities). */
export const MAX_DEPTH = 32;
/** The longest `text` accepted (Teams itself caps a message at about 28 KB). */
export const MAX_TEXT = 32_000;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
/**
 * A string within bounds, and well-formed: a lone surrogate (which JSON's \\u escapes allow) cannot be
 * put in a reply's URL, so a conversation id holding one would fail every reply of the turn.
 */
const isString = (value: unknown, max: number, min = 0): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max && (value as string & { isWellFormed(): boolean }).isWellFormed();

/** The nesting depth of a JSON value, without recursion (a hostile value cannot overflow the stack). */
export function jsonDepth(value: unknown, limit = MAX_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return deepest;
}

function account(value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (!isObject(value)) return 'must be an object';
  if (!isString(value.id, 1024, required ? 1 : 0) && !(value.id === undefined && !required)) return 'id must be a string';
  for (const key of ['name', 'aadObjectId', 'role']) if (value[key] !== undefined && value[key] !== null && !isString(value[key], 1024)) return `${key} must be a string`;
  return undefined;
}

function validEntity(entity: Json): boolean {
  if (!isString(entity.type, 256, 1)) return false;
  if (entity.type.toLowerCase() !== 'mention') return true;
  return isObject(entity.mentioned) && isString(entity.mentioned.id, 1024, 1) && (entity.text === undefined || isString(entity.text, MAX_TEXT));
}

function validServiceUrl(value: unknown): boolean {
  if (!isString(value, 2048, 1)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function problem(input: Json): string | undefined {
  if (!isString(input.type, 64, 1)) return 'type';
  if (!isString(input.channelId, 64, 1)) return 'channelId';
  if (!validServiceUrl(input.serviceUrl)) return 'serviceUrl';
  const conversation = input.conversation;
  if (!isObject(conversation) || !isString(conversation.id, 1024, 1)) return 'conversation';
  if (conversation.tenantId !== undefined && conversation.tenantId !== null && !isString(conversation.tenantId, 256)) return 'conversation.tenantId';
  if (conversation.isGroup !== undefined && conversation.isGroup !== null && typeof conversation.isGroup !== 'boolean') return 'conversation.isGroup';
  if (account(input.from, true)) return 'from';
  if (account(input.recipient, false)) return 'recipient';
  for (const key of ['id', 'replyToId', 'locale', 'name', 'deliveryMode', 'textFormat', 'timestamp', 'localTimestamp', 'expiration', 'localTimezone', 'action', 'callerId', 'inputHint']) {
    const value = input[key];
    if (value !== undefined && value !== null && !isString(value, key === 'id' || key === 'replyToId' ? 1024 : 256)) return key;
  }
  if (input.text !== undefined && input.text !== null && !isString(input.text, MAX_TEXT)) return 'text';
  if (input.channelData !== undefined && input.channelData !== null && !isObject(input.channelData)) return 'channelData';
  const tenant = isObject(input.channelData) ? input.channelData.tenant : undefined;
  if (tenant !== undefined && tenant !== null && (!isObject(tenant) || (tenant.id !== undefined && !isString(tenant.id, 256)))) return 'channelData.tenant';
  for (const key of ['membersAdded', 'membersRemoved']) {
    const members = input[key];
    if (members === undefined || members === null) continue;
    if (!Array.isArray(members) || members.length > 256 || members.some((m) => account(m, true))) return key;
  }
  for (const key of ['attachments', 'entities']) {
    const list = input[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.length > 64 || list.some((item) => !isObject(item))) return key;
  }
  // botbuilder reads every entity's type, and a mention's `mentioned.id` and `text` (removing an @mention).
  if (Array.isArray(input.entities) && !input.entities.every((entity) => validEntity(entity as Json))) return 'entities';
  if (Array.isArray(input.attachments) && !input.attachments.every((attachment) => isString((attachment as Json).contentType, 256, 1))) return 'attachments';
  for (const key of ['timestamp', 'localTimestamp', 'expiration']) {
    const value = input[key];
    if (typeof value === 'string' && Number.isNaN(Date.parse(value))) return key;
  }
  if (jsonDepth(input) > MAX_DEPTH) return 'depth';
  return undefined;
}

/** The request body as an activity, or which field is wrong (for the log, never for the response). */
export function readInboundActivity(body: unknown): InboundActivity {
  if (!isObject(body)) return { ok: false, reason: 'not-an-object' };
  const wrong = problem(body);
  if (wrong) return { ok: false, reason: wrong };
  // As botbuilder's own validateAndFixActivity: the timestamps as dates, their text kept beside them.
  const fixed: Json = { ...body };
  for (const [key, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof fixed[key] === 'string') {
      fixed[raw] = fixed[key];
      fixed[key] = new Date(fixed[key] as string);
    }
  }
  return { ok: true, activity: fixed as unknown as Activity };
}
