import { describe, expect, it } from 'vitest';
import { PlanSwitchAdapter, ServiceHostRefused, authenticationSettings } from '../bot/adapter';
import { parseConfig } from '../bot/config';
import { createLogger, redactText } from '../bot/logger';
import { ChangeRequestLimiter } from '../bot/security/change-limits';
import { problemBody, problemStatus } from '../bot/security/http-problems';
import { classifyAuthError, precheckAuthorization } from '../bot/security/inbound-auth';
import { jsonDepth, readInboundActivity } from '../bot/security/inbound-activity';
import { serviceHostPolicy } from '../bot/security/service-hosts';
import { resolveLanguage } from '../i18n/languages';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

// The pieces of the bot's front door, one by one: what an activity must look like, what a token must
// look like before botbuilder sees it, where the bot may send, how many changes one may ask for.

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: unknown, payload: unknown, signature = 'c2ln') => `Bearer ${b64(header)}.${b64(payload)}.${signature}`;

describe('service hosts', () => {
  const production = serviceHostPolicy(undefined, false);
  const local = serviceHostPolicy(undefined, true);

  it.each([
    ['https://smba.trafficmanager.net/emea/', true],
    ['https://smba.trafficmanager.net/amer/', true],
    ['https://smba.trafficmanager.net/teams/', true],
    ['https://smba.infra.gcc.teams.microsoft.com/teams', true],
    ['https://directline.botframework.com/', true],
    ['https://europe.directline.botframework.com/', true],
    ['https://webchat.botframework.com/', true],
    ['http://smba.trafficmanager.net/emea/', false],
    ['https://botframework.com.evil.example/', false],
    ['https://evilbotframework.com/', false],
    ['https://smba.trafficmanager.net.evil.example/', false],
    ['https://user:pass@smba.trafficmanager.net/emea/', false],
    ['http://localhost:3978/', false],
    ['http://127.0.0.1:9/', false],
    ['not a url', false],
    [undefined, false],
  ])('with an app id, by default: %s → %s', (url, allowed) => {
    expect(production.allows(url)).toBe(allowed);
  });

  it('in local development loopback is allowed too (the Emulator, the Playground, the local Direct Line), other hosts still need https', () => {
    expect(local.allows('http://localhost:56150/')).toBe(true);
    expect(local.allows('http://127.0.0.1:3978/directline-connector/secret/')).toBe(true);
    expect(local.allows('http://[::1]:3978/')).toBe(true);
    expect(local.allows('https://smba.trafficmanager.net/emea/')).toBe(true);
    expect(local.allows('http://example.com/')).toBe(false);
    expect(local.allows('file:///etc/passwd')).toBe(false);
  });

  it('in local development a loopback serviceUrl is refused when the request itself did not come over loopback', () => {
    expect(local.allows('http://127.0.0.1:6379/', false)).toBe(false);
    expect(local.allows('http://localhost:3978/', false)).toBe(false);
    expect(local.allows('http://127.0.0.1:3978/', true)).toBe(true);
    // A Microsoft host is still a Microsoft host, whoever asks.
    expect(local.allows('https://smba.trafficmanager.net/emea/', false)).toBe(true);
    // Hosts the operator listed are taken as listed.
    expect(serviceHostPolicy(['127.0.0.1'], true).allows('http://127.0.0.1:45000/', false)).toBe(true);
  });

  it('ALLOWED_SERVICE_HOSTS replaces the defaults; *.example.com means its subdomains', () => {
    const policy = serviceHostPolicy(['*.example.com', 'bots.contoso.com'], true);
    expect(policy.allows('https://a.example.com/')).toBe(true);
    expect(policy.allows('https://example.com/')).toBe(false);
    expect(policy.allows('https://bots.contoso.com/x')).toBe(true);
    expect(policy.allows('https://smba.trafficmanager.net/emea/')).toBe(false);
    expect(policy.allows('http://127.0.0.1:3978/')).toBe(false);
    expect(serviceHostPolicy(['127.0.0.1'], false).allows('http://127.0.0.1:45000/')).toBe(true);
  });

  it('a proactive message to a host that is not allowed is refused before any token is fetched, and audited', async () => {
    const lines: string[] = [];
    const logger = createLogger('silent', (line) => lines.push(line));
    const adapter = new PlanSwitchAdapter(new ConfigurationBotFrameworkAuthentication({}), { logger, hosts: serviceHostPolicy(undefined, false), requireToken: true });
    const reference = { serviceUrl: 'https://attacker.example/x/', channelId: 'msteams', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } };
    await expect(adapter.continueConversationAsync('app', reference, async () => undefined)).rejects.toBeInstanceOf(ServiceHostRefused);
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([{ level: 'audit', event: 'service-host.refused', direction: 'proactive', host: 'attacker.example' }]);
  });

  it('without an app id, an activity that came from off the machine cannot send the replies to a loopback port (403, no turn)', async () => {
    const lines: string[] = [];
    const logger = createLogger('silent', (line) => lines.push(line));
    const adapter = new PlanSwitchAdapter(new ConfigurationBotFrameworkAuthentication({}), { logger, hosts: serviceHostPolicy(undefined, true), requireToken: false });
    const activity = { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:6379/', conversation: { id: 'c' }, from: { id: 'u' }, text: 'hi' };
    let turns = 0;
    const answer = await adapter.receive(activity, undefined, async () => void (turns += 1), false);
    expect(answer.status).toBe(403);
    expect(turns).toBe(0);
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([{ level: 'audit', event: 'service-host.refused', direction: 'inbound', host: '127.0.0.1:6379' }]);
  });
});

describe('the shape of an incoming activity', () => {
  const valid = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'c' }, from: { id: 'u' } };

  it('accepts a minimal activity and turns its timestamps into dates, as botbuilder does', () => {
    const read = readInboundActivity({ ...valid, timestamp: '2026-01-01T00:00:00.000Z', extra: { anything: [1, 2] } });
    expect(read.ok).toBe(true);
    expect(read.ok && read.activity.timestamp).toBeInstanceOf(Date);
    expect(read.ok && (read.activity as unknown as { rawTimestamp: string }).rawTimestamp).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([
    ['no type', { ...valid, type: undefined }],
    ['a numeric type', { ...valid, type: 7 }],
    ['no conversation id', { ...valid, conversation: {} }],
    ['a conversation string', { ...valid, conversation: 'c' }],
    ['no sender', { ...valid, from: undefined }],
    ['a serviceUrl that is not a URL', { ...valid, serviceUrl: 'javascript:alert(1)' }],
    ['text that is an object', { ...valid, text: { a: 1 } }],
    ['text over 32,000 characters', { ...valid, text: 'x'.repeat(32_001) }],
    ['a locale that is a list', { ...valid, locale: ['en'] }],
    ['channelData that is a string', { ...valid, channelData: 'x' }],
    ['a tenant id that is a number', { ...valid, channelData: { tenant: { id: 5 } } }],
    ['an entity without a type', { ...valid, entities: [{ text: 'x' }] }],
    ['a mention of nobody', { ...valid, entities: [{ type: 'mention', text: '<at>x</at>' }] }],
    ['members that are strings', { ...valid, membersAdded: ['a'] }],
    ['an unparseable timestamp', { ...valid, timestamp: 'yesterday' }],
    ['a conversation id with a lone surrogate, which no reply URL can carry', { ...valid, conversation: { id: 'c\ud800' } }],
    ['a sender id with a lone surrogate', { ...valid, from: { id: '\udc00u' } }],
    ['text with a lone surrogate', { ...valid, text: 'hej \ud83d' }],
    ['a value nested 33 deep', { ...valid, value: JSON.parse(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`) }],
  ])('refuses %s', (_name, body) => {
    expect(readInboundActivity(body).ok).toBe(false);
  });

  it('measures depth without recursion, even 100,000 deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBeGreaterThan(32);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
  });
});

describe('tokens before botbuilder sees them', () => {
  const payload = { iss: 'https://api.botframework.com', aud: 'app', serviceurl: 'https://smba.trafficmanager.net/emea/', exp: 1_900_000_000 };
  const activity = { channelId: 'msteams' };

  it.each([
    [undefined, 'no-header'],
    ['', 'no-header'],
    ['Basic YWJjOmRlZg==', 'bad-scheme'],
    // The scheme is case-insensitive (RFC 6750): this one is read, and its token is not a JWT.
    ['bearer abc.def.ghi', 'malformed-token'],
    ['Bearerabc.def.ghi', 'bad-scheme'],
    ['Bearer', 'bad-scheme'],
    ['Bearer a.b', 'malformed-token'],
    ['Bearer !!.??.xx', 'malformed-token'],
    [`Bearer ${'a'.repeat(20_000)}.b.c`, 'malformed-token'],
    [jwt({ alg: 'none', kid: 'k' }, payload, ''), 'algorithm'],
    [jwt({ alg: 'HS256', kid: 'k' }, payload), 'algorithm'],
    [jwt({ alg: 'ES256', kid: 'k' }, payload), 'algorithm'],
    [jwt({ alg: 'RS256', kid: 'k' }, payload, ''), 'algorithm'],
    [jwt({ alg: 'RS256' }, payload), 'unknown-key'],
    [jwt({ alg: 'RS256', kid: 'k' }, { ...payload, iss: undefined }), 'issuer'],
    [jwt({ alg: 'RS256', kid: 'k' }, { ...payload, ver: '1.0', appid: 'other-bot', aud: 'app' }), 'skill-token'],
    [jwt({ alg: 'RS256', kid: 'k' }, { ...payload, exp: undefined }), 'no-expiry'],
    [jwt({ alg: 'RS256', kid: 'k' }, { ...payload, exp: '1900000000' }), 'no-expiry'],
  ])('%s → %s', (header, reason) => {
    expect(precheckAuthorization(header, activity)).toBe(reason);
  });

  it('lets a well-formed RS256 token through to botbuilder, except on the App Service Environment channel', () => {
    expect(precheckAuthorization(jwt({ alg: 'RS256', kid: 'k' }, payload), activity)).toBeUndefined();
    expect(precheckAuthorization(jwt({ alg: 'RS256', kid: 'k' }, payload).replace(/^Bearer/, 'bEaReR'), activity)).toBeUndefined();
    expect(precheckAuthorization(jwt({ alg: 'RS256', kid: 'k' }, payload), { channelId: 'AseChannel' })).toBe('unsupported-channel');
  });

  it("names botbuilder's and jsonwebtoken's failures", () => {
    const named = (name: string, message: string, statusCode?: number) => Object.assign(new Error(message), { name, statusCode });
    expect(classifyAuthError(named('TokenExpiredError', 'jwt expired'))).toBe('expired');
    expect(classifyAuthError(named('NotBeforeError', 'jwt not active'))).toBe('not-yet-valid');
    expect(classifyAuthError(named('JsonWebTokenError', 'invalid signature'))).toBe('signature');
    expect(classifyAuthError(named('Error', 'Unauthorized. Invalid AppId passed on token: x'))).toBe('audience');
    expect(classifyAuthError(named('Error', 'Unauthorized. ServiceUrl claim do not match.'))).toBe('service-url');
    expect(classifyAuthError(named('Error', 'Could not validate endorsement for key: k'))).toBe('endorsement');
    expect(classifyAuthError(named('Error', 'Signing Key could not be retrieved.'))).toBe('unknown-key');
    expect(classifyAuthError(named('Error', 'Failed to load openID config: 404', 500))).toBe('metadata-unavailable');
    expect(classifyAuthError('something else')).toBe('rejected');
  });
});

describe('fixed response bodies', () => {
  it('map every status to a fixed body, unknown 4xx to 400 and 5xx to 500', () => {
    expect(problemBody(problemStatus(413))).toEqual({ error: { code: 'PayloadTooLarge', message: 'The request body is too large.' } });
    expect(problemStatus(418)).toBe(400);
    expect(problemStatus(599)).toBe(500);
    expect(problemStatus(undefined)).toBe(500);
  });
});

describe('limits on change requests', () => {
  it('per person and per organisation, per minute and per hour; a refused request counts nothing', () => {
    let now = 0;
    const limiter = new ChangeRequestLimiter({ perUserPerMinute: 2, perUserPerHour: 3, perTenantPerMinute: 4, perTenantPerHour: 100 }, () => now);
    expect(limiter.take('t', 'anna')).toEqual({ ok: true });
    expect(limiter.take('t', 'anna')).toEqual({ ok: true });
    expect(limiter.take('t', 'anna')).toEqual({ ok: false, scope: 'user', retryAfterSeconds: 60 });
    now += 30_000;
    expect(limiter.take('t', 'anna')).toMatchObject({ ok: false, scope: 'user', retryAfterSeconds: 30 });
    expect(limiter.take('t', 'erik')).toEqual({ ok: true });
    expect(limiter.take('t', 'erik')).toEqual({ ok: true });
    expect(limiter.take('t', 'maja')).toMatchObject({ ok: false, scope: 'tenant' });
    expect(limiter.take('other', 'maja')).toEqual({ ok: true });
    now += 31_000;
    expect(limiter.take('t', 'anna')).toEqual({ ok: true });
    now += 61_000;
    // Anna's hour allows three.
    expect(limiter.take('t', 'anna')).toMatchObject({ ok: false, scope: 'user' });
  });
});

describe('configuration of the front door', () => {
  it('reads the authentication endpoints, the service hosts and the limits, and checks them', () => {
    const parsed = parseConfig({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://issuer.test',
      ALLOWED_SERVICE_HOSTS: 'smba.trafficmanager.net, *.botframework.com',
      CHANGE_LIMIT_USER_PER_MINUTE: '3',
    });
    expect(parsed.ok && parsed.config.authEndpoints).toEqual({ ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration', ToBotFromChannelTokenIssuer: 'https://issuer.test' });
    expect(parsed.ok && parsed.config.allowedServiceHosts).toEqual(['smba.trafficmanager.net', '*.botframework.com']);
    expect(parsed.ok && parsed.config.changeLimits).toMatchObject({ perUserPerMinute: 3, perUserPerHour: 60 });
    for (const [env, variable] of [
      [{ ToBotFromChannelOpenIdMetadataUrl: 'ftp://x' }, 'ToBotFromChannelOpenIdMetadataUrl'],
      [{ OAuthUrl: 'not a url' }, 'OAuthUrl'],
      [{ CHANGE_LIMIT_TENANT_PER_HOUR: '0' }, 'CHANGE_LIMIT_TENANT_PER_HOUR'],
    ] as const) {
      const bad = parseConfig(env);
      expect(!bad.ok && bad.message).toContain(variable);
    }
  });

  it("unset endpoints are the public cloud's; once one is set, the others are filled with the public cloud's values", () => {
    expect(authenticationSettings({})).toEqual({});
    expect(authenticationSettings({ ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/oid' })).toEqual({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/oid',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    });
  });
});

describe('log redaction', () => {
  it('also removes basic credentials, keys, secrets in URLs and the local Direct Line path secret', () => {
    const text = redactText(
      'Basic dXNlcjpwYXNzd29yZA== -----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY----- https://x/?client_secret=abc&code=xyz http://127.0.0.1:1/directline-connector/s3cr3t-path/v3',
    );
    for (const secret of ['dXNlcjpwYXNzd29yZA', 'MIIB', 'client_secret=abc', 'code=xyz', 's3cr3t-path']) expect(text).not.toContain(secret);
  });
});

describe('a locale that names a property of every object', () => {
  it.each(['constructor', 'valueOf', '__proto__', 'toString-SE', 'hasOwnProperty'])('%s is English, not a crash', (locale) => {
    expect(resolveLanguage(locale)).toBe('en');
  });
});

describe('text a person typed that looks like a card binding', () => {
  it('is shown as text, not taken for an unbound field of the template (the fuzz test found a search for "${title}" failing the turn)', async () => {
    const { renderCard, UnboundTemplateFieldError } = await import('../cards/render');
    const card = renderCard('switch-spent', { title: 'Search', text: 'You searched for ${title} and {{count}}' });
    expect(JSON.stringify(card)).toContain('You searched for ${title}');
    expect(() => renderCard('switch-spent', { title: 'Only a title' })).toThrow(UnboundTemplateFieldError);
  });
});
