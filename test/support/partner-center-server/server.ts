import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DeviceCodeIssuer, newAgentAccount, type AgentAccount } from './entra';
import { PartnerCenterState, type CustomerSeed, type StoredSubscription, type StoredTransition } from './state';

// A local Partner Center for tests, over HTTPS on 127.0.0.1 with the test certificate of the local Graph
// server (test/support/graph-server/tls): the Entra device-code sign-in of a helpdesk agent and the
// /v1 endpoints of a CSP partner's helpdesk, with the request and response shapes written down in
// SHAPES.md (continuation-token paging, transition eligibilities with their refusal codes, transitions
// and their asynchronous events, 429 with Retry-After, 401 without MFA).

const TLS = join(import.meta.dirname, '..', 'graph-server', 'tls');
export const PARTNER_TEST_CA_PATH = join(TLS, 'server-cert.pem');
const CA = readFileSync(PARTNER_TEST_CA_PATH, 'utf8');

/** The scope a Partner Center App+User token is asked for (the resource, whatever the base URL). */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

export interface PartnerServerOptions {
  customers: CustomerSeed[];
  /** Largest page of GET /v1/customers whatever `size` asks (Partner Center pages by size). */
  pageSize?: number;
  account?: Partial<AgentAccount>;
  /** Customers whose tenant the agent may sign in to through GDAP (default: every customer). */
  gdapCustomers?: string[];
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Partner Center's error body (https://learn.microsoft.com/en-us/partner-center/developer/error-codes). */
const pcError = (status: number, code: number | string, description: string, headers?: Record<string, string>): Answer => ({
  status,
  ...(headers ? { headers } : {}),
  body: { code, description, data: [], source: 'PartnerFD' },
});

export class PartnerCenterTestServer {
  readonly state: PartnerCenterState;
  readonly entra: DeviceCodeIssuer;
  /** Every /v1 request in order, with its MS-RequestId, for assertions. */
  readonly log: { method: string; path: string; requestId?: string; status: number }[] = [];
  private throttles: number[] = [];
  private server: Server | undefined;
  private origin = '';
  private readonly pageSize: number;

  constructor(options: PartnerServerOptions) {
    this.state = new PartnerCenterState(options.customers);
    this.entra = new DeviceCodeIssuer(newAgentAccount(options.account));
    // A GDAP relationship with every customer unless the test names fewer.
    for (const id of options.gdapCustomers ?? options.customers.map((c) => c.id)) this.entra.gdapTenants.add(id.toLowerCase());
    this.pageSize = options.pageSize ?? 100;
  }

  async start(): Promise<this> {
    const server = createServer({ key: readFileSync(join(TLS, 'server-key.pem')), cert: CA, keepAlive: true }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let answer: Answer;
        try {
          answer = this.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          answer = pcError(500, 500, error instanceof Error ? error.message : String(error));
        }
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  get baseUrl(): string {
    return this.origin;
  }

  /** The PARTNER_* variables (and the authority) that point the client at this server. */
  env(): Record<string, string> {
    return {
      PARTNER_CENTER_BASE_URL: this.origin,
      PARTNER_TENANT_ID: this.entra.account.tenantId,
      PARTNER_CLIENT_ID: this.entra.account.clientId,
      GRAPH_AUTHORITY_HOST: this.origin,
    };
  }

  /** The next `count` /v1 requests are answered 429 with Retry-After: `seconds`. */
  throttle(count: number, seconds = 1): void {
    for (let i = 0; i < count; i++) this.throttles.push(seconds);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>, body: string): Answer {
    const url = new URL(rawUrl, this.origin);
    const path = url.pathname;
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const device = path.match(/^\/([^/]+)\/oauth2\/v2\.0\/devicecode$/);
    if (device && method === 'POST') return this.entra.deviceCode(decodeURIComponent(device[1]!), new URLSearchParams(body), `${this.origin}/devicelogin`);
    const token = path.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (token && method === 'POST') return this.entra.token(decodeURIComponent(token[1]!), new URLSearchParams(body));
    const metadata = path.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
    if (metadata && method === 'GET') return { status: 200, body: this.entra.openIdConfiguration(this.origin, decodeURIComponent(metadata[1]!)) };
    if (!path.startsWith('/v1/')) return pcError(404, 404, `no route ${method} ${path}`);

    const requestId = header('ms-requestid');
    const answer = this.v1(method, url, header, body, requestId);
    this.log.push({ method, path, ...(requestId ? { requestId } : {}), status: answer.status });
    return answer;
  }

  private v1(method: string, url: URL, header: (name: string) => string | undefined, body: string, requestId: string | undefined): Answer {
    const seconds = this.throttles.shift();
    // https://learn.microsoft.com/en-us/partner-center/developer/api-throttling-guidance
    if (seconds !== undefined) return pcError(429, 429, `Rate limit is exceeded. Try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) });
    const agent = this.entra.tokenOf(header('authorization'));
    if (!agent || !agent.scope.includes(PARTNER_CENTER_SCOPE)) return pcError(401, 401, 'Unauthorized: the access token is missing, expired or not for Partner Center.');
    // App+User calls need a sign-in that satisfied MFA (partner security requirements, enforced 2026-04-01).
    if (!agent.mfa) return pcError(401, 900421, 'Multi-factor authentication is required for App+User calls to Partner Center.');

    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v1/customers' && method === 'GET') return this.customers(url, header('ms-continuationtoken'));
    const parts = path.split('/').map(decodeURIComponent);
    // ['', 'v1', 'customers', id, 'subscriptions', sub, 'transitionEligibilities' | 'transitions']
    if (parts[2] !== 'customers' || parts[3] === undefined) return pcError(404, 404, `no route ${method} ${path}`);
    const customer = this.state.customer(parts[3]);
    if (!customer) return pcError(404, 600039, `Customer ${parts[3]} was not found.`);
    // get-customer-by-id
    if (parts.length === 4 && method === 'GET') return { status: 200, body: this.customerView(customer) };
    if (parts.length === 5 && parts[4] === 'subscriptions' && method === 'GET') {
      const items = this.state.subscriptionsOf(customer.id).map((s) => this.subscriptionView(s));
      return { status: 200, body: { totalCount: items.length, items, links: { self: { uri: `/v1/customers/${customer.id}/subscriptions`, method: 'GET', headers: [] } }, attributes: { objectType: 'Collection' } } };
    }
    if (parts[4] !== 'subscriptions' || parts[5] === undefined) return pcError(404, 404, `no route ${method} ${path}`);
    const subscription = this.state.subscription(customer.id, parts[5]);
    if (!subscription) return pcError(404, 800002, `Subscription ${parts[5]} was not found.`);
    if (parts.length === 6 && method === 'GET') return { status: 200, body: this.subscriptionView(subscription) };
    if (parts[6] === 'transitionEligibilities' && method === 'GET') return this.eligibilities(subscription, url.searchParams.get('eligibilityType'));
    if (parts[6] === 'transitions' && method === 'POST') {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return pcError(400, 2000, 'The request body is not valid JSON.');
      }
      const result = this.state.post(customer.id, subscription, parsed, requestId ?? crypto.randomUUID());
      if (!result.ok) return pcError(result.status, result.code, result.description);
      return { status: result.replayed ? 200 : 201, body: this.transitionView(result.transition, true) };
    }
    if (parts[6] === 'transitions' && method === 'GET') {
      this.state.advance();
      const operationId = url.searchParams.get('operationId');
      const list = this.state.transitions.filter((t) => t.customerId === customer.id && t.fromSubscriptionId === subscription.id && (operationId === null || t.operationId === operationId));
      // The documented answer names its list "transition" (get-transitions).
      return { status: 200, body: { transition: list.map((t) => this.transitionView(t, false)), attributes: { objectType: 'Collection' } } };
    }
    return pcError(405, 405, `${method} is not supported on ${path}`);
  }

  private customers(url: URL, continuation: string | undefined): Answer {
    const size = Math.max(1, Math.min(Number(url.searchParams.get('size') ?? this.pageSize) || this.pageSize, this.pageSize));
    let offset = 0;
    if (url.searchParams.get('seekOperation') === 'Next') {
      const decoded = continuation ? Number(Buffer.from(continuation, 'base64url').toString('utf8').replace(/^offset:/, '')) : NaN;
      if (!Number.isInteger(decoded) || decoded < 0) return pcError(400, 2000, 'The continuation token is not valid.');
      offset = decoded;
    }
    const all = this.state.customers;
    const page = all.slice(offset, offset + size);
    const next = offset + size < all.length ? Buffer.from(`offset:${offset + size}`).toString('base64url') : undefined;
    const items = page.map((c) => this.customerView(c));
    const links: Record<string, unknown> = { self: { uri: `/v1/customers?size=${size}`, method: 'GET', headers: [] } };
    if (next) links.next = { uri: `/v1/customers?size=${size}&seekOperation=Next`, method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: next }] };
    return { status: 200, body: { totalCount: page.length, items, links, ...(next ? { continuationToken: next } : {}), attributes: { objectType: 'Collection' } } };
  }

  private customerView(c: { id: string; companyName: string; domain: string }): unknown {
    return {
      id: c.id,
      companyProfile: { tenantId: c.id, domain: c.domain, companyName: c.companyName, attributes: { objectType: 'CustomerCompanyProfile' } },
      relationshipToPartner: 'reseller',
      attributes: { objectType: 'Customer' },
    };
  }

  private subscriptionView(s: StoredSubscription): unknown {
    return {
      id: s.id,
      offerId: s.offerId,
      offerName: s.offerName,
      friendlyName: s.friendlyName,
      productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' },
      quantity: s.quantity,
      unitType: 'Licenses',
      hasPurchasableAddons: false,
      creationDate: s.effectiveStartDate,
      effectiveStartDate: s.effectiveStartDate,
      commitmentEndDate: s.commitmentEndDate,
      status: s.status,
      autoRenewEnabled: true,
      isTrial: s.isTrial,
      billingType: 'license',
      billingCycle: s.billingCycle,
      termDuration: s.termDuration,
      ...(s.promotionId ? { promotionId: s.promotionId } : {}),
      isMicrosoftProduct: true,
      attentionNeeded: false,
      actionTaken: false,
      contractType: 'subscription',
      attributes: { objectType: 'Subscription' },
    };
  }

  private eligibilities(source: StoredSubscription, type: string | null): Answer {
    if (type !== null && type.toLowerCase() !== 'immediate' && type.toLowerCase() !== 'scheduled') return pcError(400, 2000, `eligibilityType must be immediate or scheduled.`);
    const scheduled = type?.toLowerCase() === 'scheduled';
    const items = source.targets.map((target) => {
      const eligibilities = (['transition_only', 'transition_with_license_transfer'] as const).flatMap((t) => {
        const refusals = this.state.refusals(source, target, t);
        return refusals === undefined ? [] : [{ isEligible: refusals.length === 0, transitionType: t, errors: refusals }];
      });
      const existing = this.state.subscriptionsOf(source.customerId).filter((s) => s.offerId === target.catalogItemId && s.status === 'active');
      return {
        operationId: crypto.randomUUID(),
        catalogItemId: target.catalogItemId,
        title: target.title,
        description: target.title,
        quantity: source.quantity,
        // Empty for scheduled eligibilities: an existing subscription is a target of immediate transitions only.
        subscriptionEligibilities: scheduled
          ? []
          : existing.map((s) => ({ isEligible: true, subscriptionId: s.id, subscriptionFriendlyName: s.friendlyName, subscriptionTermDuration: s.termDuration, subscriptionBillingCycle: s.billingCycle, errors: [] })),
        eligibilities,
        attributes: { objectType: 'TransitionEligibility' },
      };
    });
    return { status: 200, body: { totalCount: items.length, items, attributes: { objectType: 'Collection' } } };
  }

  /** A transition as the documentation's examples show it, capitalised keys and all (Events, FromCatalogItemId). */
  private transitionView(t: StoredTransition, posted: boolean): unknown {
    return {
      operationId: t.operationId,
      ...(posted ? { fromCatalogItemId: t.fromCatalogItemId, fromSubscriptionId: t.fromSubscriptionId } : { FromCatalogItemId: t.fromCatalogItemId }),
      [posted ? 'toCatalogItemId' : 'ToCatalogItemId']: t.toCatalogItemId,
      ...(t.toSubscriptionId ? { toSubscriptionId: t.toSubscriptionId } : {}),
      quantity: t.quantity,
      termDuration: t.termDuration,
      billingCycle: t.billingCycle,
      transitionType: t.transitionType,
      Events: t.events.map((e) => ({ name: e.name, status: e.status, timestamp: e.timestamp, ...(e.errors ? { errors: e.errors } : {}), attributes: { objectType: 'TransitionEvent' } })),
      attributes: { objectType: 'Transition' },
    };
  }
}

export async function startPartnerCenterServer(options: PartnerServerOptions): Promise<PartnerCenterTestServer> {
  return new PartnerCenterTestServer(options).start();
}
