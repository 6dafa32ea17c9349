import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { KeyedRateLimiter } from '../directline/rate-limits';
import type { Logger } from '../logger';
import { browserLanguage, consentPage, type ConsentPageKind } from './consent-page';
import { TENANT_GUID, tenantKey, type ConsentStateStore, type TenantRegistry } from './consented-tenants';

// Onboarding a tenant by its administrator's consent (many tenants), as Microsoft's identity platform
// documents it (https://learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent):
//   GET /admin-consent           → 302 to {authority}/organizations/v2.0/adminconsent?client_id&scope&redirect_uri&state
//   GET /admin-consent/callback  ← ?admin_consent=True&tenant={guid}&state=…&scope=…   (granted)
//                                ← ?error=…&error_description=…&admin_consent=True&tenant=…&state=…   (not granted)
// Both are public GETs. The redirect is built from configuration only (no open redirect). The state is
// 32 random bytes, kept (as a digest) in the bot's storage for ten minutes and taken once, and it must
// match the cookie set on the browser that started: a callback URL made by someone else records
// nothing. The documentation warns that `tenant` proves nothing by itself, so a grant is recorded only
// once the app has signed in to that tenant. Refusals are rate limited per address and logged without
// anything the request carried.

export interface ConsentRouteOptions {
  authorityHost: string;
  clientId: string;
  /** PUBLIC_BASE_URL: the callback is its /admin-consent/callback. */
  publicBaseUrl: string;
  /** The scope consented to: Graph's /.default (every application permission the registration lists). */
  scope: string;
  states: ConsentStateStore;
  registry: TenantRegistry;
  /** Whether the app can sign in to the tenant now, and the organisation's name. */
  confirm(tenantId: string): Promise<{ ok: true; name?: string } | { ok: false }>;
  /** Called once a tenant's grant is recorded (the directory reads the registry again). */
  recorded?(tenantId: string): void;
  logger: Logger;
  now?: () => number;
  /** Requests to the two routes per client address per minute. */
  perMinute?: number;
}

export const CONSENT_COOKIE = 'plan_switch_consent';
const STATE_LIFETIME_MS = 10 * 60_000;
const STATE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const ERROR_CODE = /^[a-z_]{1,64}$/i;

const digest = (state: string) => createHash('sha256').update(state).digest('hex');

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** One value of a query parameter; undefined when absent or given twice. */
function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function consentStartUrl(options: Pick<ConsentRouteOptions, 'authorityHost' | 'clientId' | 'publicBaseUrl' | 'scope'>, state: string): string {
  const url = new URL(`${options.authorityHost}/organizations/v2.0/adminconsent`);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('scope', options.scope);
  url.searchParams.set('redirect_uri', `${options.publicBaseUrl}/admin-consent/callback`);
  url.searchParams.set('state', state);
  return url.toString();
}

export function mountAdminConsent(server: Server, options: ConsentRouteOptions): void {
  const now = options.now ?? Date.now;
  const limiter = new KeyedRateLimiter(options.perMinute ?? 20);
  const secure = options.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
  const cookie = (value: string, maxAgeSeconds: number) => `${CONSENT_COOKIE}=${value}; Path=/admin-consent; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
  const { logger } = options;

  const page = (req: Request, res: Response, status: number, kind: ConsentPageKind, values: { name?: string; code?: string } = {}, extra: Record<string, string> = {}) => {
    const body = consentPage(browserLanguage(String(req.headers['accept-language'] ?? '')), kind, values);
    res.writeHead(status, { ...PAGE_HEADERS, ...extra });
    res.end(body);
  };
  const limited = (req: Request, res: Response): boolean => {
    if (limiter.allow(req.socket.remoteAddress ?? 'unknown', now())) return false;
    logger.audit('consent.refused', { reason: 'rate-limited' });
    page(req, res, 429, 'busy', {}, { 'retry-after': '60' });
    return true;
  };

  server.get('/admin-consent', async (req: Request, res: Response) => {
    if (limited(req, res)) return;
    const state = randomBytes(32).toString('base64url');
    await options.states.save(digest(state), now() + STATE_LIFETIME_MS);
    res.writeHead(302, {
      location: consentStartUrl(options, state),
      'set-cookie': cookie(state, STATE_LIFETIME_MS / 1000),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
  });

  server.get('/admin-consent/callback', async (req: Request, res: Response) => {
    if (limited(req, res)) return;
    const query = new URL(req.url ?? '/', 'http://callback.invalid').searchParams;
    const clear = { 'set-cookie': cookie('', 0) };
    const state = single(query, 'state');
    const browser = cookieOf(req.headers.cookie, CONSENT_COOKIE);
    const valid = state !== undefined && STATE_SHAPE.test(state) && browser !== undefined && sameText(state, browser) && (await options.states.take(digest(state), now()));
    if (!valid) {
      // Counted again, so a guesser spends its minute's budget twice as fast.
      limiter.allow(req.socket.remoteAddress ?? 'unknown', now());
      logger.audit('consent.refused', { reason: 'state' });
      return page(req, res, 400, 'invalid', {}, clear);
    }
    const tenant = single(query, 'tenant');
    const tenantId = tenant !== undefined && TENANT_GUID.test(tenant) ? tenantKey(tenant) : undefined;
    const error = single(query, 'error');
    const at = new Date(now()).toISOString();
    if (error !== undefined) {
      const code = ERROR_CODE.test(error) ? error : 'unknown';
      // An administrator who cancels a second consent has not withdrawn the first one.
      if (tenantId && (await options.registry.get(tenantId))?.result !== 'granted') {
        await options.registry.record({ tenantId, at, result: 'denied', error: code });
      }
      logger.audit('consent.denied', { tenantId, code });
      return page(req, res, 200, 'denied', { code }, clear);
    }
    if (!tenantId || single(query, 'admin_consent')?.toLowerCase() !== 'true') {
      logger.audit('consent.refused', { reason: 'answer' });
      return page(req, res, 400, 'invalid', {}, clear);
    }
    const confirmed = await options.confirm(tenantId);
    if (!confirmed.ok) {
      logger.audit('consent.unconfirmed', { tenantId });
      return page(req, res, 200, 'unconfirmed', {}, clear);
    }
    await options.registry.record({ tenantId, at, result: 'granted', ...(confirmed.name ? { name: confirmed.name } : {}) });
    options.recorded?.(tenantId);
    logger.audit('consent.granted', { tenantId });
    return page(req, res, 200, 'granted', { name: confirmed.name ?? tenantId }, clear);
  });
}
