import { randomInt, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local Bot Framework token service, where the bot's OAuth connection keeps the signed-in person's
// token (the bot points at it with OAuthUrl). The routes botframework-connector's UserTokenClient calls
// (api/botsignin/GetSignInResource, api/usertoken/GetToken with and without the magic code, SignOut,
// GetTokenStatus), and the sign-in page a channel opens from the OAuth card: it signs the person in
// (here: `signIn` hands over the token the identity provider gave) and shows the six-digit code the
// person types into the chat, as the real service does when it cannot send the token itself.
// With `sso`, the connection is one with a Token Exchange URL (Teams single sign-on): GetSignInResource
// gives a tokenExchangeResource { id, uri, providerId } beside the link, and POST api/usertoken/exchange
// with { token } swaps the token Teams got for the person (audience: that URI) for the connection's own,
// 200 with a TokenResponse, or 400 with an ErrorResponse when it cannot be exchanged (the shapes are
// botframework-connector's tokenApi: TokenExchangeResource, TokenExchangeRequest, TokenResponse,
// ErrorResponse; https://learn.microsoft.com/en-us/azure/bot-service/bot-builder-concept-sso).

export interface SignInState {
  connectionName: string;
  userId: string;
  channelId: string;
}

export interface SsoOptions {
  /** The connection's Token Exchange URL (the app's Application ID URI with its scope). */
  uri: string;
  /** The connection's token for the SSO token Teams sends, or undefined when it cannot be exchanged (consent missing, wrong audience). */
  exchange(ssoToken: string, state: SignInState): string | undefined;
}

export class LocalTokenService {
  private server: Server | undefined;
  private origin = '';
  private readonly tokens = new Map<string, string>();
  private readonly pendingSignIns = new Map<string, SignInState>();
  private readonly codes = new Map<string, { key: string; token: string }>();
  /** Every GetToken asked, for assertions. */
  readonly asked: { connectionName: string; withCode: boolean }[] = [];
  /** Every exchange asked, for assertions. */
  readonly exchanges: { connectionName: string; channelId: string; ok: boolean }[] = [];

  constructor(
    private readonly signIn: (state: SignInState) => string,
    private readonly sso?: SsoOptions,
  ) {}

  get url(): string {
    return this.origin;
  }

  async start(): Promise<this> {
    const server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://local');
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      await new Promise((resolve) => req.on('end', resolve));
      const answer = this.handle(req.method ?? 'GET', url, body);
      res.writeHead(answer.status, { 'content-type': answer.html ? 'text/html; charset=utf-8' : 'application/json' });
      res.end(answer.html ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(method: string, url: URL, body: string): { status: number; body?: unknown; html?: string } {
    const q = (name: string) => url.searchParams.get(name) ?? '';
    const key = (connectionName: string, channelId: string, userId: string) => `${connectionName}|${channelId}|${userId}`;
    switch (url.pathname) {
      case '/api/botsignin/GetSignInResource':
      case '/api/botsignin/GetSignInUrl': {
        const state = readState(q('state'));
        if (!state) return { status: 400, body: { error: { code: 'BadRequest', message: 'state is not valid' } } };
        const id = randomUUID();
        this.pendingSignIns.set(id, state);
        const signInLink = `${this.origin}/signin?id=${id}`;
        const tokenExchangeResource = this.sso ? { id: randomUUID(), uri: this.sso.uri, providerId: null } : null;
        return { status: 200, body: url.pathname.endsWith('GetSignInUrl') ? signInLink : { signInLink, tokenExchangeResource, tokenPostResource: null } };
      }
      case '/signin': {
        // Web Chat appends the session id as an encoded `&code_challenge=…` to the link it was given.
        const id = q('id').split('&')[0]!;
        const state = this.pendingSignIns.get(id);
        if (!state) return { status: 404, html: '<p>Unknown sign-in.</p>' };
        this.pendingSignIns.delete(id);
        const code = String(randomInt(100_000, 1_000_000));
        this.codes.set(code, { key: key(state.connectionName, state.channelId, state.userId), token: this.signIn(state) });
        return { status: 200, html: `<!doctype html><title>Signed in</title><p>Type this code into the chat: <b id="code">${code}</b></p>` };
      }
      case '/api/usertoken/GetToken': {
        const k = key(q('connectionName'), q('channelId'), q('userId'));
        this.asked.push({ connectionName: q('connectionName'), withCode: q('code') !== '' });
        const pending = q('code') ? this.codes.get(q('code')) : undefined;
        if (pending && pending.key === k) {
          this.codes.delete(q('code'));
          this.tokens.set(k, pending.token);
        }
        const token = this.tokens.get(k);
        if (!token) return { status: 404 };
        return { status: 200, body: { channelId: q('channelId'), connectionName: q('connectionName'), token, expiration: new Date(Date.now() + 3_600_000).toISOString() } };
      }
      case '/api/usertoken/exchange': {
        if (method !== 'POST' || !this.sso) return { status: 404, body: { error: { code: 'NotFound', message: 'no token exchange for this connection' } } };
        const state = { connectionName: q('connectionName'), channelId: q('channelId'), userId: q('userId') };
        let request: { token?: unknown; uri?: unknown };
        try {
          request = JSON.parse(body) as { token?: unknown; uri?: unknown };
        } catch {
          return { status: 400, body: { error: { code: 'BadRequest', message: 'the body is not JSON' } } };
        }
        const token = typeof request.token === 'string' ? this.sso.exchange(request.token, state) : undefined;
        this.exchanges.push({ connectionName: state.connectionName, channelId: state.channelId, ok: token !== undefined });
        if (!token) return { status: 400, body: { error: { code: 'TokenExchangeFailed', message: 'The token could not be exchanged' } } };
        this.tokens.set(key(state.connectionName, state.channelId, state.userId), token);
        return { status: 200, body: { channelId: state.channelId, connectionName: state.connectionName, token, expiration: new Date(Date.now() + 3_600_000).toISOString() } };
      }
      case '/api/usertoken/SignOut':
        if (method === 'DELETE') this.tokens.delete(key(q('connectionName'), q('channelId'), q('userId')));
        return { status: 200, body: {} };
      case '/api/usertoken/GetTokenStatus':
        return { status: 200, body: [] };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: `no route ${url.pathname}` } } };
  }
}

/** The sign-in state botframework-connector sends: base64 of JSON { connectionName, conversation: { user, channelId }, … }. */
function readState(state: string): SignInState | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(state, 'base64').toString('utf8')) as Record<string, unknown>;
    const get = (o: unknown, name: string) => (o && typeof o === 'object' ? Object.entries(o).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] : undefined);
    const conversation = get(parsed, 'conversation');
    const connectionName = get(parsed, 'connectionName');
    const userId = get(get(conversation, 'user'), 'id');
    const channelId = get(conversation, 'channelId');
    return typeof connectionName === 'string' && typeof userId === 'string' && typeof channelId === 'string' ? { connectionName, userId, channelId } : undefined;
  } catch {
    return undefined;
  }
}
