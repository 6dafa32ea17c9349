// Malformed requests for the fuzz test: random JSON, activities with fields of the wrong type, huge
// strings, unknown verbs, the values of other cards, deep nesting, invokes, Teams shapes, wrong media
// types, bad JSON, other routes and methods. Seeded, so a failure can be replayed.

export type Rng = () => number;

export function seeded(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzContext {
  serviceUrl: string;
  /** Conversations whose person has picked a demo identity, so card values reach the flows. */
  people: { conversationId: string; userId: string }[];
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, max: number) => Math.floor(rng() * max);

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '👩‍👩‍👧‍👦'.repeat(20),
  '<at>Plan Switch</at> change plan',
  '<script>alert(1)</script>',
  '${title}',
  '{{count}}',
  '%s%s%n',
  '../../etc/passwd',
  'contoso|u-anna',
  'a|b|c',
  'u-anna,u-erik,,,u-nobody',
  'sub-standard',
  'm365-business-premium',
  'NaN',
  '-1',
  '1e309',
  'constructor',
  '__proto__',
  'svenska',
  'polski',
  'cancel',
  'start over',
  'move users',
  'change plan',
  'status',
  'help',
];

export function randomString(rng: Rng, max = 40): string {
  if (rng() < 0.4) return pick(rng, ODD_STRINGS);
  const length = int(rng, max);
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(rng() < 0.9 ? 32 + int(rng, 95) : int(rng, 0xffff));
  return out;
}

export function randomJson(rng: Rng, depth = 0): unknown {
  const roll = rng();
  if (depth > 4 || roll < 0.35) {
    return pick(rng, [null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), Number.MAX_VALUE, randomString(rng), randomString(rng), int(rng, 1000)]);
  }
  if (roll < 0.6) return Array.from({ length: int(rng, 5) }, () => randomJson(rng, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = int(rng, 6); i > 0; i--) out[rng() < 0.3 ? pick(rng, ['verb', 'type', 'id', 'value', 'text', 'confirmationId', 'userIds', 'page', '__proto__', 'constructor']) : randomString(rng, 12)] = randomJson(rng, depth + 1);
  return out;
}

const VERBS = [
  'identity.pick',
  'customer.pick',
  'menu.open',
  'subscription.pick',
  'plan.pick',
  'users.pick',
  'users.page',
  'users.search',
  'switch.confirm',
  'switch.decline',
  'flow.next',
  'flow.cancel',
  'language.pick',
];
const FLOWS = ['change-plan', 'diagnose', 'manual', 'move-users', 'backup', 'billing', 'status'];

/** A card value: a real one now and then (so flows move on), else another card's, a wrong type, an unknown verb. */
export function cardValue(rng: Rng): unknown {
  const roll = rng();
  if (roll < 0.25) {
    const verb = pick(rng, VERBS);
    const real: Record<string, unknown> = {
      'identity.pick': { identity: pick(rng, ['contoso|u-anna', 'contoso|u-karin', 'tailspin|u-olivia', 'fabrikam|u-lena', 'nowhere|u-x', 'contoso|u-nobody']) },
      'customer.pick': { tenantId: pick(rng, ['contoso', 'fabrikam', 'tailspin', 'nordlys', 'unknown']) },
      'menu.open': { flow: pick(rng, FLOWS) },
      'subscription.pick': { subscriptionId: pick(rng, ['sub-standard', 'sub-exchange', 'sub-o365-e3', 'sub-m365-e5', 'sub-nope']) },
      'plan.pick': { planId: pick(rng, ['m365-business-premium', 'm365-business-basic', 'o365-e3', 'm365-e5', 'no-plan']) },
      'users.pick': { userIds: pick(rng, ['u-lars,u-maja', 'u-lars', '', 'u-x,u-y', 'u-anna,'.repeat(50)]), page: pick(rng, [0, 1, '2', -1]) },
      'users.page': { page: pick(rng, [0, 1, 2, 99999, '3', 'x']), search: randomString(rng, 10) },
      'users.search': { search: randomString(rng, 300) },
      'switch.confirm': { confirmationId: pick(rng, [randomString(rng, 36), '00000000-0000-0000-0000-000000000000', 'x'.repeat(500)]) },
      'switch.decline': { confirmationId: randomString(rng, 36) },
      'flow.next': { next: pick(rng, ['recheck', 'backup', 'manual', 'menu', 'status', 'nope']) },
      'flow.cancel': {},
      'language.pick': { language: pick(rng, ['en', 'sv', 'nb', 'pl', 'de', '']) },
    };
    return { verb, ...(real[verb] as object) };
  }
  if (roll < 0.45) {
    // Another card's fields under this verb.
    const verb = pick(rng, VERBS);
    return { verb, identity: 'contoso|u-anna', tenantId: 'fabrikam', flow: 'move-users', subscriptionId: 'sub-standard', planId: 'o365-e3', userIds: 'u-lars', page: 1, confirmationId: 'abc', next: 'status', language: 'sv' };
  }
  if (roll < 0.6) return { verb: randomString(rng, 30), ...(randomJson(rng, 2) as object) };
  if (roll < 0.75) {
    // The right verb, every field of a wrong type.
    const verb = pick(rng, VERBS);
    const out: Record<string, unknown> = { verb };
    for (const key of ['identity', 'tenantId', 'flow', 'subscriptionId', 'planId', 'userIds', 'page', 'search', 'confirmationId', 'next', 'language']) if (rng() < 0.4) out[key] = randomJson(rng, 3);
    return out;
  }
  if (roll < 0.85) return { verb: pick(rng, VERBS), search: 'x'.repeat(int(rng, 100_000)), userIds: 'u-x,'.repeat(int(rng, 20_000)), confirmationId: 'c'.repeat(int(rng, 1_000)) };
  return randomJson(rng);
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function baseActivity(rng: Rng, context: FuzzContext): Record<string, unknown> {
  const person = rng() < 0.8 ? pick(rng, context.people) : { conversationId: `fuzz-${int(rng, 200)}`, userId: `fuzz-user-${int(rng, 200)}` };
  return {
    type: 'message',
    id: `fz-${int(rng, 1e9)}`,
    channelId: rng() < 0.9 ? 'emulator' : pick(rng, ['msteams', 'directline', 'webchat', 'skype', 'AseChannel', 'test']),
    serviceUrl: context.serviceUrl,
    deliveryMode: rng() < 0.85 ? 'expectReplies' : pick(rng, [undefined, 'normal', 'notification', randomString(rng, 10)]),
    conversation: { id: person.conversationId },
    from: { id: person.userId, name: randomString(rng, 20) },
    recipient: { id: 'bot', name: 'Bot' },
    locale: rng() < 0.8 ? pick(rng, ['en-US', 'sv-SE', 'nb-NO', 'pl-PL']) : randomString(rng, 20),
    text: '',
  };
}

/** One malformed (or odd) activity or card submission, as a POST to /api/messages. */
export function fuzzActivity(rng: Rng, context: FuzzContext): FuzzRequest {
  const json = { 'content-type': 'application/json' };
  const activity = baseActivity(rng, context);
  const roll = rng();
  let kind: string;
  if (roll < 0.3) {
    kind = 'card-value';
    activity.value = cardValue(rng);
    if (rng() < 0.3) activity.text = randomString(rng);
  } else if (roll < 0.42) {
    kind = 'wrong-types';
    for (let i = 1 + int(rng, 3); i > 0; i--) {
      const key = pick(rng, ['type', 'id', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient', 'locale', 'text', 'value', 'channelData', 'entities', 'attachments', 'membersAdded', 'replyToId', 'name', 'timestamp', 'deliveryMode']);
      activity[key] = randomJson(rng, 2);
    }
  } else if (roll < 0.5) {
    kind = 'text';
    activity.text = rng() < 0.5 ? randomString(rng, 200) : pick(rng, ODD_STRINGS);
  } else if (roll < 0.56) {
    kind = 'huge-string';
    const size = pick(rng, [10_000, 31_000, 33_000, 120_000, 250_000, 300_000]);
    const field = pick(rng, ['text', 'value', 'locale', 'conversation', 'from']);
    if (field === 'text') activity.text = 'é'.repeat(size / 2);
    else if (field === 'value') activity.value = { verb: 'users.search', search: 'x'.repeat(size) };
    else if (field === 'locale') activity.locale = 'sv-'.repeat(size / 3);
    else if (field === 'conversation') activity.conversation = { id: 'c'.repeat(size) };
    else activity.from = { id: 'u'.repeat(size) };
  } else if (roll < 0.6) {
    kind = 'deep';
    return { kind, method: 'POST', path: '/api/messages', headers: json, body: JSON.stringify({ ...activity, value: '__DEEP__' }).replace('"__DEEP__"', nested(pick(rng, [31, 33, 100, 2_000, 20_000]))) };
  } else if (roll < 0.7) {
    kind = 'invoke';
    activity.type = 'invoke';
    activity.name = pick(rng, ['adaptiveCard/action', 'adaptiveCard/action', 'signin/verifyState', 'composeExtension/query', 'task/fetch', 'config/fetch', 'healthCheck', randomString(rng, 20)]);
    activity.value =
      rng() < 0.6
        ? { action: { type: pick(rng, ['Action.Execute', 'Action.Submit', 'x']), verb: pick(rng, [...VERBS, randomString(rng, 10)]), data: rng() < 0.7 ? cardValue(rng) : randomJson(rng) } }
        : randomJson(rng);
  } else if (roll < 0.78) {
    kind = 'teams';
    activity.channelId = 'msteams';
    activity.channelData = rng() < 0.7 ? { tenant: { id: pick(rng, ['contoso', 'fabrikam', 'tailspin', randomString(rng, 36)]) } } : randomJson(rng, 2);
    activity.from = { id: `29:${int(rng, 100)}`, aadObjectId: pick(rng, ['u-anna', 'u-karin', 'u-lars', randomString(rng, 36)]) };
    activity.text = pick(rng, ['<at>Plan Switch</at> status', '<at>x</at>', randomString(rng, 60)]);
    activity.entities = rng() < 0.5 ? [{ type: 'mention', mentioned: { id: 'bot', name: 'Plan Switch' }, text: '<at>Plan Switch</at>' }] : [randomJson(rng, 2)];
    if (rng() < 0.5) activity.value = cardValue(rng);
  } else if (roll < 0.86) {
    kind = 'other-types';
    activity.type = pick(rng, ['conversationUpdate', 'event', 'typing', 'endOfConversation', 'installationUpdate', 'messageReaction', 'messageUpdate', 'invoke', 'trace', 'handoff', randomString(rng, 10)]);
    if (rng() < 0.5) activity.membersAdded = rng() < 0.5 ? [{ id: 'someone' }, { id: 'bot' }] : randomJson(rng, 2);
    if (rng() < 0.5) activity.name = randomString(rng, 30);
    if (rng() < 0.5) activity.value = randomJson(rng);
  } else if (roll < 0.9) {
    kind = 'prototype';
    return { kind, method: 'POST', path: '/api/messages', headers: json, body: JSON.stringify(activity).replace('"text":""', '"text":"","__proto__":{"polluted":true,"type":"message"},"constructor":{"prototype":{"polluted":true}}') };
  } else if (roll < 0.95) {
    kind = 'bad-json';
    const text = JSON.stringify(activity);
    const cut = pick(rng, [text.slice(0, int(rng, text.length)), text.replace(/"/g, "'"), `${text},`, text.replace(':', '::'), '{"type":"message",}', '\u0000', 'null', '[]', '1', '"x"', `${text}${text}`]);
    return { kind, method: 'POST', path: '/api/messages', headers: json, body: cut };
  } else {
    kind = 'media-type';
    const headers = pick<Record<string, string>>(rng, [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      {},
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-type': 'application/jsonx' },
      { 'content-type': 'APPLICATION/JSON' },
    ]);
    return { kind, method: 'POST', path: '/api/messages', headers, body: JSON.stringify(activity) };
  }
  return { kind, method: 'POST', path: '/api/messages', headers: json, body: JSON.stringify(activity) };
}

/** Anything but an activity: other routes, other methods, the local Direct Line with bad tokens. */
export function fuzzRoute(rng: Rng): FuzzRequest {
  const method = pick(rng, ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  const path = pick(rng, [
    '/',
    '/api',
    '/api/messages/',
    '/api/messages?x=1',
    '/healthz',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/api/messages/../../x',
    `/${encodeURIComponent(randomString(rng, 20).replace(/[\ud800-\udfff]/g, '?'))}`,
    '/v3/directline/conversations',
    '/v3/directline/tokens/generate',
    `/v3/directline/conversations/${int(rng, 1e6)}/activities`,
    '/directline-connector/guess/v3/conversations/x/activities',
    '/webchat.js',
    '/locales/en.json',
  ]);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(rng() < 0.5 ? { authorization: `Bearer ${randomString(rng, 40).replace(/[^\x20-\x7e]/g, 'x')}` } : {}) };
  const body = method === 'GET' || method === 'OPTIONS' ? undefined : JSON.stringify(randomJson(rng));
  return { kind: 'route', method, path, headers, body };
}

/** An Authorization header that is not a valid token: random bytes, random JWT-shaped segments, other schemes. */
export function fuzzAuthorization(rng: Rng): string | undefined {
  const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const roll = rng();
  if (roll < 0.1) return undefined;
  if (roll < 0.25) return randomString(rng, 80).replace(/[^\x20-\x7e]/g, 'x');
  if (roll < 0.35) return `${pick(rng, ['Basic', 'Digest', 'bearer', 'BEARER', 'Bearer  ', 'Token'])} ${b64(randomString(rng, 30))}`;
  const header = rng() < 0.5 ? { alg: pick(rng, ['RS256', 'RS384', 'RS512', 'none', 'HS256', 'ES256', 'PS256', '']), kid: pick(rng, ['k-main', 'k-skype', randomString(rng, 10)]), typ: 'JWT' } : randomJson(rng, 3);
  const payload =
    rng() < 0.6
      ? { iss: pick(rng, ['https://issuer.test/botframework', 'https://api.botframework.com', 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', randomString(rng, 20)]), aud: pick(rng, ['plan-switch-fuzz-app', randomString(rng, 10)]), exp: pick(rng, [0, 2 ** 40, -1, 'soon']), nbf: pick(rng, [0, 2 ** 40]), serviceurl: randomString(rng, 20), ver: pick(rng, [undefined, '1.0', '2.0', 3]), appid: pick(rng, [undefined, 'other'] as const) }
      : randomJson(rng, 3);
  const signature = pick(rng, ['', b64(randomString(rng, 256)), 'not base64 !!', 'x'.repeat(int(rng, 2000))]);
  return `Bearer ${b64(header)}.${b64(payload)}.${signature}`;
}
