import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../bot/storage/sqlite-database';
import { channelAuthEnv, startConnectorDouble, TEST_APP_ID, TEST_APP_PASSWORD, type ConnectorDouble } from './support/bot-process';
import { logLines, post, startHardenedBot, type HardenedBot } from './support/hardened-bot';
import { secretsIn } from './support/log-hygiene';
import { startTokenIssuer, type TokenIssuer } from './support/token-issuer';

// With an app id, /api/messages takes only a token the channel's key set vouches for. Real RS256
// tokens signed on loopback, and every way to forge or spoil one: each answered 401 with the same
// fixed body, no turn run, nothing stored, one audit line naming why.

const APP_ID = TEST_APP_ID;
const PASSWORD = TEST_APP_PASSWORD;
const GENERIC_401 = { error: { code: 'Unauthorized', message: 'The request is not authorized.' } };

let issuer: TokenIssuer;
let connector: ConnectorDouble;
let bot: HardenedBot;
let dataDir: string;
let collected = '';

beforeAll(async () => {
  issuer = await startTokenIssuer();
  connector = await startConnectorDouble();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-tokens-'));
  bot = await startHardenedBot({
    DATA_DIR: dataDir,
    // The connector double listens on loopback (ALLOWED_SERVICE_HOSTS=127.0.0.1); a real deployment keeps the default (Microsoft's hosts).
    ...channelAuthEnv(issuer),
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  collected += bot?.output() ?? '';
  await connector?.close();
  await issuer?.close();
  rmSync(dataDir, { recursive: true, force: true });
  // The logs of this whole file: no token, secret, password, UPN or e-mail address, nothing fetched off the machine.
  expect(secretsIn(collected, [PASSWORD, 'loopback-access-token'])).toEqual([]);
  expect(collected).not.toContain('test.outbound-refused');
});

const now = () => Math.floor(Date.now() / 1000);

function activity(conversationId: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId, tenantId: 'contoso', conversationType: 'personal' },
    channelData: { tenant: { id: 'contoso' } },
    from: { id: `29:${conversationId}`, aadObjectId: 'u-anna', name: 'Anna' },
    recipient: { id: `28:${APP_ID}`, name: 'Plan switch' },
    locale: 'en-US',
    text: 'hi',
    ...extra,
  };
}

/** The claims Teams' tokens carry for this bot and this serviceUrl. */
function claims(extra: Record<string, unknown> = {}, serviceUrl = connector.serviceUrl): Record<string, unknown> {
  return { iss: issuer.issuer, aud: APP_ID, serviceurl: serviceUrl, iat: now() - 60, nbf: now() - 60, exp: now() + 3600, ...extra };
}

/** Polls `read` until `done` says yes (log lines arrive through a pipe, a moment after the response). */
async function eventually<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('incoming tokens, with an app id', () => {
  it('a token signed by the channel key set on loopback starts a turn (and one 2 minutes expired is within the 5-minute skew)', async () => {
    const fresh = await post(bot, activity('conv-valid'), bearer(issuer.sign(claims())));
    expect(fresh.status).toBe(200);
    expect(fresh.activities.map((a) => JSON.stringify(a)).join('\n')).toContain('Anna Lind');
    const skewed = await post(bot, activity('conv-valid'), bearer(issuer.sign(claims({ exp: now() - 120 }))));
    expect(skewed.status).toBe(200);
    expect(issuer.requests).toContain('GET /v1/keys');
  });

  const forged: [string, () => { headers: Record<string, string>; body?: Record<string, unknown> }, string][] = [
    ['no Authorization header', () => ({ headers: {} }), 'no-header'],
    ['garbage', () => ({ headers: { authorization: 'x9$%garbage' } }), 'bad-scheme'],
    ['a bearer that is not a JWT', () => ({ headers: bearer('not-a-jwt') }), 'malformed-token'],
    ['the Basic scheme', () => ({ headers: { authorization: `Basic ${Buffer.from(`${APP_ID}:${PASSWORD}`).toString('base64')}` } }), 'bad-scheme'],
    ['alg=none', () => ({ headers: bearer(issuer.raw({ alg: 'none', typ: 'JWT', kid: 'k-main' }, claims(), () => '')) }), 'algorithm'],
    ['HS256 signed with the public key', () => ({ headers: bearer(issuer.hs256WithPublicKey(claims())) }), 'algorithm'],
    [
      'a forged signature (claims changed after signing)',
      () => {
        const [head, , signature] = issuer.sign(claims()).split('.');
        const changed = Buffer.from(JSON.stringify(claims({ aud: APP_ID, exp: now() + 99_999 }))).toString('base64url');
        return { headers: bearer(`${head}.${changed}.${signature}`) };
      },
      'signature',
    ],
    ['a signature by a key posing as the published one', () => ({ headers: bearer(issuer.sign(claims(), { key: issuer.unlisted, kid: 'k-main' })) }), 'signature'],
    ['an unknown key id', () => ({ headers: bearer(issuer.sign(claims(), { key: issuer.unlisted })) }), 'unknown-key'],
    ['a wrong audience', () => ({ headers: bearer(issuer.sign(claims({ aud: 'some-other-bot' }))) }), 'audience'],
    ['no audience', () => ({ headers: bearer(issuer.sign(claims({ aud: undefined }))) }), 'audience'],
    ['a wrong issuer', () => ({ headers: bearer(issuer.sign(claims({ iss: 'https://evil.example/' }))) }), 'issuer'],
    ["the Emulator's issuer (checked against the Emulator's key set, which lacks the key)", () => ({ headers: bearer(issuer.sign(claims({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID }))) }), 'unknown-key'],
    ['expired beyond the 5-minute skew', () => ({ headers: bearer(issuer.sign(claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 360 }))) }), 'expired'],
    ['nbf in the future', () => ({ headers: bearer(issuer.sign(claims({ nbf: now() + 600 }))) }), 'not-yet-valid'],
    ['no serviceUrl claim', () => ({ headers: bearer(issuer.sign(claims({ serviceurl: undefined }))) }), 'service-url'],
    ["a serviceUrl claim other than the activity's", () => ({ headers: bearer(issuer.sign(claims({}, 'https://smba.trafficmanager.net/emea/'))) }), 'service-url'],
    ['a key endorsed for another channel', () => ({ headers: bearer(issuer.sign(claims(), { key: issuer.skype })) }), 'endorsement'],
    ["another bot's (skill) token", () => ({ headers: bearer(issuer.sign(claims({ ver: '1.0', appid: 'another-bot', aud: APP_ID }))) }), 'skill-token'],
    ['the App Service Environment channel', () => ({ headers: bearer(issuer.sign(claims())), body: { channelId: 'AseChannel' } }), 'unsupported-channel'],
    // jsonwebtoken checks a lifetime only when the token states one: a token without `exp` would be good forever.
    ['no exp claim (a token that never expires)', () => ({ headers: bearer(issuer.sign(claims({ exp: undefined }))) }), 'no-expiry'],
  ];

  it.each(forged)('%s: 401 with the generic body, no reply, an audit line', async (_name, make, reason) => {
    const before = logLines(bot.output()).filter((l) => l.event === 'auth.refused').length;
    const { headers, body } = make();
    const answer = await post(bot, activity('conv-forged', body), headers);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(GENERIC_401);
    expect(answer.activities).toEqual([]);
    const refusals = await eventually(() => logLines(bot.output()).filter((l) => l.event === 'auth.refused'), (r) => r.length > before);
    expect(refusals).toHaveLength(before + 1);
    expect(refusals.at(-1)).toMatchObject({ level: 'audit', reason, channelId: body?.channelId ?? 'msteams' });
    expect(refusals.at(-1)!.time).toMatch(/Z$/);
  });

  it('the scheme is case-insensitive (RFC 6750 section 2.1): bearer and BEARER start a turn', async () => {
    for (const scheme of ['bearer', 'BEARER']) {
      const answer = await post(bot, activity('conv-valid'), { authorization: `${scheme} ${issuer.sign(claims())}` });
      expect(answer.status, scheme).toBe(200);
      expect(answer.activities.length, scheme).toBeGreaterThan(0);
    }
  });

  it('an activity without a type is 400 with the generic body, however good its token', async () => {
    const { type: _type, ...untyped } = activity('conv-forged');
    const answer = await post(bot, untyped, bearer(issuer.sign(claims())));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'BadRequest', message: 'The request could not be read.' } });
  });

  it('a valid token for a serviceUrl outside ALLOWED_SERVICE_HOSTS is refused with 403 before a turn', async () => {
    const elsewhere = 'https://bots.example.com/api/';
    const answer = await post(bot, activity('conv-forged', { serviceUrl: elsewhere }), bearer(issuer.sign(claims({}, elsewhere))));
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ error: { code: 'Forbidden', message: 'The request is not allowed.' } });
    await bot.waitFor('service-host.refused');
    expect(logLines(bot.output()).find((l) => l.event === 'service-host.refused')).toMatchObject({ level: 'audit', direction: 'inbound', host: 'bots.example.com' });
  });

  it('no forged request wrote state, and nothing was fetched but the loopback key sets', async () => {
    await bot.stop();
    collected += bot.output();
    const db = openDatabase(join(dataDir, 'bot.sqlite'));
    try {
      const keys = db.all('SELECT key FROM state').map((row) => String(row.key));
      expect(keys.some((key) => key.includes('conv-valid'))).toBe(true);
      expect(keys.filter((key) => key.includes('forged'))).toEqual([]);
    } finally {
      db.close();
    }
    expect(connector.received).toEqual([]);
    expect(issuer.requests.every((r) => r.startsWith('GET /v1/') || r.startsWith('GET /emulator/'))).toBe(true);
    expect(bot.output()).not.toContain('test.outbound-refused');
  });
});
