import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import XHR2 from 'xhr2';
import { DirectLine as DirectLineClient } from 'botframework-directlinejs';
import { createApp, type App } from '../bot/app';
import { parseConfig } from '../bot/config';
import type { DirectLineLimits } from '../bot/directline/limits';
import { fromLoopback } from '../bot/directline/http';
import { TokenSigner } from '../bot/directline/tokens';
import { createLogger } from '../bot/logger';
import { webChatBundlePath } from '../bot/web/web-chat-page';
import { translator } from '../i18n/translator';

// The local Direct Line 3.0, in process, over real HTTP: with Microsoft's own botframework-directlinejs
// client (as Web Chat uses it, polling), and with plain requests for isolation and every limit.

beforeAll(() => {
  // botframework-directlinejs polls with XMLHttpRequest, which Node does not have.
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = XHR2;
});

interface Running {
  app: App;
  base: string;
  dataDir: string;
}

const running: Running[] = [];
const clients: DirectLineClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.end();
  for (const { app, dataDir } of running.splice(0)) {
    app.directLine?.directLine.close();
    app.server.close();
    await app.parts.switching.idle();
    app.parts.stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function start(env: Record<string, string> = {}, limits: Partial<DirectLineLimits> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-directline-'));
  const parsed = parseConfig({ STORAGE: 'memory', DATA_DIR: dataDir, SWITCH_SPEED: '1000000', LOG_LEVEL: 'silent', ...env });
  if (!parsed.ok) throw new Error(parsed.message);
  const app = await createApp(parsed.config, createLogger('silent'), { directLineLimits: limits });
  app.server.listen(0, '127.0.0.1');
  await once(app.server.server, 'listening');
  const run = { app, base: `http://127.0.0.1:${app.server.address().port}`, dataDir };
  running.push(run);
  return run;
}

type Json = Record<string, any>;

async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), 'content-type': 'application/json' },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** A token for a new conversation, and the conversation started. */
async function visitor(base: string, locale = 'en-US'): Promise<{ conversationId: string; token: string }> {
  const generated = await call(base, 'POST', '/v3/directline/tokens/generate');
  expect(generated.status).toBe(200);
  const started = await call(base, 'POST', '/v3/directline/conversations', { token: generated.body.token, body: { locale } });
  expect(started.status).toBe(201);
  return { conversationId: generated.body.conversationId, token: generated.body.token };
}

async function activities(base: string, who: { conversationId: string; token: string }, watermark = ''): Promise<{ status: number; body: Json }> {
  return call(base, 'GET', `/v3/directline/conversations/${who.conversationId}/activities?watermark=${watermark}`, { token: who.token });
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const texts = (list: Json[]) => list.map((a) => String(a.text ?? '')).join('\n');

describe('the local Direct Line with the real botframework-directlinejs client', () => {
  it('starts with a generated token, welcomes in the start locale, echoes with the clientActivityID, and carries card values to the bot', async () => {
    const { base } = await start();
    const sv = translator('sv');
    const grant = await call(base, 'POST', '/v3/directline/tokens/generate');
    const client = new DirectLineClient({
      token: grant.body.token,
      domain: `${base}/v3/directline`,
      webSocket: false,
      pollingInterval: 200,
      conversationStartProperties: { locale: 'sv-SE' },
      // The client looks the WebSocket class up even when it polls; Node 20 has none.
      WebSocket: class {},
    } as never);
    clients.push(client);
    const seen: Json[] = [];
    // Ending the client at the end of the test ends the stream with 'conversation ended'.
    client.activity$.subscribe((activity) => seen.push(activity as Json), () => undefined);

    // The welcome and the identity card are two activities: wait for both, not for the first.
    const hasCard = (list: Json[]) => list.some((a) => a.attachments?.[0]?.content?.body?.[0]?.text === sv('bot:identity.title'));
    const welcome = await eventually(async () => seen, (list) => texts(list).includes(sv('bot:welcome')) && hasCard(list));
    expect(hasCard(welcome)).toBe(true);
    expect(welcome.every((a) => a.conversation.id === grant.body.conversationId && a.from.role === 'bot')).toBe(true);

    const id = await new Promise<string>((resolve, reject) =>
      client
        .postActivity({ type: 'message', from: { id: 'someone-else', name: 'Anna' }, value: { verb: 'identity.pick', identity: 'contoso|u-anna' }, channelData: { clientActivityID: 'click-1', tenant: { id: 'contoso' } } } as never)
        .subscribe(resolve, reject),
    );
    expect(id).toMatch(new RegExp(`^${grant.body.conversationId}\\|\\d{7}$`));
    const after = await eventually(async () => seen, (list) => list.some((a) => a.attachments?.[0]?.content?.body?.[0]?.text === sv('bot:menu.title')));
    const echo = after.find((a) => a.id === id)!;
    // The echo is the visitor's own activity as the server kept it: its id, a timestamp, the token's user, and Web Chat's clientActivityID.
    expect(echo).toMatchObject({ type: 'message', from: { role: 'user' }, channelData: { clientActivityID: 'click-1' }, value: { verb: 'identity.pick' } });
    expect(echo.from.id).toMatch(/^dl_/);
    expect(echo.from.id).toBe(JSON.parse(Buffer.from(grant.body.token.split('.')[1], 'base64url').toString()).user);
    expect(echo.channelData.tenant).toBeUndefined();
    expect(typeof echo.timestamp).toBe('string');
    // It carried no locale of its own: it speaks the language the conversation was started in.
    expect(echo.locale).toBe('sv-SE');
    expect(texts(after)).toContain(sv('bot:identity.picked', { name: 'Anna Lind', tenant: 'Contoso Ltd' }));
  });

  it('refreshes a token for the same conversation (the old one stops once the new one is used), and a reconnect answers with the conversation', async () => {
    const { base } = await start();
    const who = await visitor(base);
    const refreshed = await call(base, 'POST', '/v3/directline/tokens/refresh', { token: who.token });
    expect(refreshed).toMatchObject({ status: 200, body: { conversationId: who.conversationId, expires_in: 1800 } });
    expect(refreshed.body.token).not.toBe(who.token);
    // Until the new token is used the old one still works (a request may be on its way); once it is, the old one is refused.
    expect((await activities(base, who)).status).toBe(200);
    expect((await activities(base, { ...who, token: refreshed.body.token })).status).toBe(200);
    expect(await activities(base, who)).toMatchObject({ status: 403, body: { error: { code: 'TokenExpired' } } });
    expect((await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', text: 'hi' } })).status).toBe(403);
    expect((await call(base, 'POST', '/v3/directline/tokens/refresh', { token: who.token })).status).toBe(403);
    const reconnect = await call(base, 'GET', `/v3/directline/conversations/${who.conversationId}?watermark=`, { token: refreshed.body.token });
    expect(reconnect).toMatchObject({ status: 200, body: { conversationId: who.conversationId } });
    expect(reconnect.body.streamUrl).toBeUndefined();
    // Starting again is the same conversation, without a second welcome.
    const again = await call(base, 'POST', '/v3/directline/conversations', { token: refreshed.body.token, body: {} });
    expect(again).toMatchObject({ status: 200, body: { conversationId: who.conversationId } });
  });
});

describe('conversations are isolated', () => {
  it('refuses a token on another conversation, no token, a forged token and a tampered one', async () => {
    const { base } = await start();
    const en = translator('en');
    const anna = await visitor(base);
    const mallory = await visitor(base);
    await eventually(() => activities(base, anna), (r) => texts(r.body.activities).includes(en('bot:welcome')));

    // Mallory knows Anna's conversation id: her own token does not open it, to read or to post.
    const read = await activities(base, { conversationId: anna.conversationId, token: mallory.token });
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain(en('bot:welcome'));
    const post = await call(base, 'POST', `/v3/directline/conversations/${anna.conversationId}/activities`, { token: mallory.token, body: { type: 'message', text: 'mallory was here' } });
    expect(post.status).toBe(403);
    expect((await call(base, 'GET', `/v3/directline/conversations/${anna.conversationId}?watermark=`, { token: mallory.token })).status).toBe(403);

    expect((await activities(base, { conversationId: anna.conversationId, token: '' })).status).toBe(401);
    const forged = new TokenSigner().sign({ conversationId: anna.conversationId, userId: 'dl_x', expiresAt: Date.now() + 60_000, generation: 1 });
    expect((await activities(base, { conversationId: anna.conversationId, token: forged })).status).toBe(401);
    const [header, payload, signature] = mallory.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, conv: anna.conversationId })).toString('base64url')}.${signature}`;
    expect((await activities(base, { conversationId: anna.conversationId, token: tampered })).status).toBe(401);

    // Anna's conversation holds only her own activities and the bot's.
    const hers = (await activities(base, anna)).body.activities as Json[];
    expect(hers.every((a) => a.conversation.id === anna.conversationId)).toBe(true);
    expect(texts(hers)).not.toContain('mallory was here');
  });

  it('ids are unguessable and every visitor is a different user', async () => {
    const { base } = await start();
    const a = await visitor(base);
    const b = await visitor(base);
    expect(a.conversationId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.conversationId).not.toBe(b.conversationId);
    const user = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).user;
    expect(user(a.token)).not.toBe(user(b.token));
  });

  it('the connector endpoints take the bot posts only with the process secret, for existing conversations, over loopback', async () => {
    const { app, base } = await start();
    const who = await visitor(base);
    const directLine = app.directLine!.directLine;
    const serviceUrl = directLine.serviceUrl();
    expect(serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/directline-connector\/[A-Za-z0-9_-]{24}\/$/);
    const post = (url: string, body: unknown) => call(url, 'POST', '', { body });
    const reply = { type: 'message', text: 'from the bot', from: { id: 'plan-switch-bot' } };
    expect((await post(`${base}/directline-connector/not-the-secret-at-all-xxxx/v3/conversations/${who.conversationId}/activities`, reply)).status).toBe(403);
    expect((await post(`${serviceUrl}v3/conversations/no-such-conversation/activities`, reply)).status).toBe(404);
    const stored = await post(`${serviceUrl}v3/conversations/${who.conversationId}/activities`, reply);
    expect(stored.status).toBe(200);

    // An update replaces the kept activity under the same id, and polling clients see it again.
    const before = await activities(base, who);
    const watermark = before.body.watermark as string;
    const updated = await call(`${serviceUrl}v3/conversations/${who.conversationId}/activities/${encodeURIComponent(stored.body.id)}`, 'PUT', '', { body: { ...reply, text: 'changed in place' } });
    expect(updated).toMatchObject({ status: 200, body: { id: stored.body.id } });
    const after = await activities(base, who, watermark);
    expect(after.body.activities).toEqual([expect.objectContaining({ id: stored.body.id, text: 'changed in place' })]);
    const all = (await activities(base, who)).body.activities as Json[];
    expect(all.filter((a) => a.id === stored.body.id)).toHaveLength(1);
    expect(all.some((a) => a.serviceUrl)).toBe(false);

    const socket = (remoteAddress: string) => ({ socket: { remoteAddress } }) as never;
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every((address) => fromLoopback(socket(address)))).toBe(true);
    expect(['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', ''].some((address) => fromLoopback(socket(address)))).toBe(false);
  });
});

describe('everything a visitor can grow is bounded', () => {
  it('a body over the limit is refused with 413, a compressed one with 415', async () => {
    const { base } = await start({}, { maxBodyBytes: 2048 });
    const who = await visitor(base);
    const big = await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', text: 'x'.repeat(4096) } });
    expect(big.status).toBe(413);
    const gz = await fetch(`${base}/v3/directline/conversations/${who.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'whatever',
    });
    expect(gz.status).toBe(415);
    const bad = await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'invoke', name: 'x' } });
    expect(bad.status).toBe(400);
  });

  it('a card value nested deeper than the bot reads is 400 with a message saying so, not 502, and the conversation goes on', async () => {
    const { base } = await start();
    const who = await visitor(base);
    let value: Record<string, unknown> = { verb: 'menu.open', flow: 'status' };
    for (let i = 0; i < 40; i += 1) value = { nested: value };
    const deep = await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', value } });
    expect(deep).toMatchObject({ status: 400, body: { error: { code: 'BadArgument' } } });
    expect(deep.body.error.message).toMatch(/nest.*32/);
    // Just within the limit is taken; and the conversation did not break.
    let shallow: Record<string, unknown> = { verb: 'none' };
    for (let i = 0; i < 25; i += 1) shallow = { nested: shallow };
    expect((await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', value: shallow } })).status).toBe(200);
    expect((await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', text: 'hi' } })).status).toBe(200);
  });

  it('requests and posts per conversation per minute are limited with 429', async () => {
    const { base } = await start({}, { requestsPerMinute: 12, postsPerMinute: 3 });
    const who = await visitor(base);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', text: 'help' } })).status);
    // The start was a post too; refused requests do not count.
    expect(statuses).toEqual([200, 200, 429, 429]);
    const reads: number[] = [];
    for (let i = 0; i < 10; i++) reads.push((await activities(base, who)).status);
    expect(reads.filter((s) => s === 200).length).toBe(12 - 3);
    expect(reads.at(-1)).toBe(429);
    const response = await fetch(`${base}/v3/directline/conversations/${who.conversationId}/activities?watermark=`, { headers: { authorization: `Bearer ${who.token}` } });
    expect(response.headers.get('retry-after')).toBe('60');
    // Another visitor is not affected.
    expect((await activities(base, await visitor(base))).status).toBe(200);
  });

  it('new conversations per client per minute are limited with 429', async () => {
    const { base } = await start({}, { conversationsPerMinutePerClient: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(base, 'POST', '/v3/directline/tokens/generate')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('keeps the newest activities of a conversation, and the watermark goes on counting', async () => {
    const { base } = await start({}, { maxActivitiesPerConversation: 4 });
    const en = translator('en');
    const who = await visitor(base);
    await eventually(() => activities(base, who), (r) => r.body.activities.length >= 2);
    for (const text of ['help', 'help', 'help']) await call(base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', text } });
    // welcome and picker card, then three times the visitor's words and the bot's answer.
    const all = await eventually(() => activities(base, who), (r) => Number(r.body.watermark) >= 8);
    const seqs = (all.body.activities as Json[]).map((a) => Number(String(a.id).split('|')[1]));
    expect(seqs).toEqual([5, 6, 7, 8]);
    expect(all.body.watermark).toBe('8');
    expect(texts(all.body.activities)).not.toContain(en('bot:welcome'));
  });

  it('keeps at most maxConversations, dropping the least recently used', async () => {
    const { base } = await start({}, { maxConversations: 2 });
    const first = await visitor(base);
    const second = await visitor(base);
    expect((await activities(base, first)).status).toBe(200); // first is now the most recently used
    const third = await visitor(base);
    expect((await activities(base, second)).status).toBe(404);
    expect((await activities(base, first)).status).toBe(200);
    expect((await activities(base, third)).status).toBe(200);
  });

  it('drops a conversation after it was idle too long, and refuses an expired token with 403', async () => {
    const idle = await start({}, { idleMs: 300 });
    const who = await visitor(idle.base);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await activities(idle.base, who)).status).toBe(404);

    const short = await start({}, { tokenLifetimeMs: 300 });
    const other = await visitor(short.base);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const expired = await activities(short.base, other);
    expect(expired).toMatchObject({ status: 403, body: { error: { code: 'TokenExpired' } } });
  });
});

describe('the web chat page and the switch that turns it all on', () => {
  it('serves the page, Web Chat from its package and the words of every language, with a content security policy', async () => {
    const { base } = await start();
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/webchat/webchat.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    const bundle = await fetch(`${base}/webchat/webchat.js`);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(Buffer.from(await bundle.arrayBuffer()).equals(readFileSync(webChatBundlePath()))).toBe(true);
    const words = (await (await fetch(`${base}/web/page.json`)).json()) as Json;
    expect(words).toMatchObject({ demo: true, languages: ['en', 'sv', 'nb', 'pl'] });
    expect(words.strings.sv.name).toBe(translator('sv')('web:name'));
    expect(words.strings.pl.name).not.toBe(words.strings.en.name);
  });

  it('with an app id the local Direct Line and the page are off, unless DIRECTLINE_ENABLED=true', async () => {
    const production = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used' };
    const off = await start(production);
    expect((await call(off.base, 'POST', '/v3/directline/tokens/generate')).status).toBe(404);
    expect((await fetch(`${off.base}/`)).status).toBe(404);

    // Enabled: the visitor's activities reach the bot as its own app (no Bot Framework token to fetch), and
    // with no Teams tenant to tell who they are, the bot says so in their language.
    const on = await start({ ...production, DIRECTLINE_ENABLED: 'true' });
    const who = await visitor(on.base, 'pl-PL');
    const pl = translator('pl');
    const answered = await eventually(() => activities(on.base, who), (r) => texts(r.body.activities).includes(pl('bot:refused.no-tenant')));
    expect(texts(answered.body.activities)).toContain(pl('bot:welcome'));
    const demo = (await (await fetch(`${on.base}/web/page.json`)).json()) as Json;
    expect(demo.demo).toBe(false);
  });
});

describe('a restarted bot continues its web chat conversations', () => {
  it('the same token reads on from its watermark, posts, and the dialog goes on where it was; the reply address stays valid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-directline-restart-'));
    try {
      const sv = translator('sv');
      const first = await start({ STORAGE: 'sqlite', DATA_DIR: dataDir });
      const who = await visitor(first.base, 'sv-SE');
      await eventually(() => activities(first.base, who), (r) => JSON.stringify(r.body).includes(sv('bot:identity.title')));
      const picked = await call(first.base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, {
        token: who.token,
        body: { type: 'message', value: { verb: 'identity.pick', identity: 'contoso|u-anna' } },
      });
      expect(picked.status).toBe(200);
      const before = await eventually(() => activities(first.base, who), (r) => JSON.stringify(r.body).includes(sv('bot:menu.title')));
      const watermark = before.body.watermark as string;
      const secret = first.app.directLine!.directLine.connectorSecret;

      // The process goes away (its stores closed under it); a new one starts on the same data folder.
      running.splice(running.indexOf(first), 1);
      first.app.directLine?.directLine.close();
      first.app.server.close();
      await first.app.directLine?.directLine.flush();
      first.app.parts.stores.close();
      const second = await start({ STORAGE: 'sqlite', DATA_DIR: dataDir });
      expect(second.app.directLine!.directLine.connectorSecret).toBe(secret);

      // Nothing new since the watermark; everything from the start is still there.
      expect(await activities(second.base, who, watermark)).toMatchObject({ status: 200, body: { activities: [], watermark } });
      expect(texts((await activities(second.base, who)).body.activities)).toContain(sv('bot:identity.picked', { name: 'Anna Lind', tenant: 'Contoso Ltd' }));
      // Reconnecting answers with the conversation, and the visitor is still Anna in her Swedish conversation.
      expect(await call(second.base, 'GET', `/v3/directline/conversations/${who.conversationId}?watermark=${watermark}`, { token: who.token })).toMatchObject({ status: 200, body: { conversationId: who.conversationId } });
      const posted = await call(second.base, 'POST', `/v3/directline/conversations/${who.conversationId}/activities`, { token: who.token, body: { type: 'message', text: 'status' } });
      expect(posted.status).toBe(200);
      const after = await eventually(() => activities(second.base, who, watermark), (r) => JSON.stringify(r.body).includes(sv('status:title')));
      expect(JSON.stringify(after.body)).toContain(sv('status:empty'));
      expect(JSON.stringify(after.body)).not.toContain(sv('bot:identity.title'));
      // A token it never issued is still refused.
      const forged = new TokenSigner().sign({ conversationId: who.conversationId, userId: 'dl_x', expiresAt: Date.now() + 60_000, generation: 1 });
      expect((await activities(second.base, { conversationId: who.conversationId, token: forged })).status).toBe(401);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
