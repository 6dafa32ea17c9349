import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TokenIssuer } from './auth';
import { ServerFaults, ServerWriteQuota, type ServerClock } from './faults';
import { DirectoryRoles, type DirectoryRolesSeed } from './directory-roles';
import { page, parseQuery, project } from './odata';
import { GraphTenantState, type ServerTenantSeed } from './tenant-state';

// A local Microsoft Graph for tests, over HTTPS on 127.0.0.1 with its own test certificate (tls/):
// the token endpoint of Entra ID at {authority}/{tenant}/oauth2/v2.0/token and the v1.0 endpoints the
// gateway uses, with Graph's request and response shapes: @odata.nextLink paging, $select, JSON
// batching with a status per item (in any order), 429 with Retry-After, 503/504, and the identity
// write quota. Its tenant lives in memory and can be exported for assertions.

const TLS = join(import.meta.dirname, 'tls');
export const TEST_CA = readFileSync(join(TLS, 'server-cert.pem'), 'utf8');
/** The test app's certificate and private key in one PEM, as GRAPH_CLIENT_CERTIFICATE_PATH expects. */
export const TEST_CLIENT_CERTIFICATE_PATH = join(TLS, 'client.pem');

export interface GraphServerOptions {
  seed: ServerTenantSeed;
  /** Role-assignable groups and PIM activations, beside the seed's standing role assignments. */
  roles?: DirectoryRolesSeed;
  /** Largest page of any collection (Graph: 999 users with $top=999); smaller in tests for many pages. */
  pageSize?: number;
  /** Graph's write quota, scaled: at most `limit` executed writes in any `windowMs`. */
  writeQuota?: { limit: number; windowMs: number };
  clock?: ServerClock;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  port?: number;
}

export interface WriteRecord {
  at: number;
  userId: string;
  /** applied: licences changed; refused: a 4xx from the directory; throttled/failed: never ran; lost: ran, answered 5xx. */
  result: 'applied' | 'refused' | 'throttled' | 'failed' | 'lost';
  status: number;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  ...(headers ? { headers } : {}),
  body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': crypto.randomUUID() } } },
});

export class GraphTestServer {
  readonly state: GraphTenantState;
  readonly directoryRoles: DirectoryRoles;
  readonly faults = new ServerFaults();
  readonly writes: WriteRecord[] = [];
  /** Requests by kind, for assertions: top-level HTTP calls and items inside batches. */
  readonly counts = { http: 0, batches: 0, batchItems: 0, reads: 0 };
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly issuer: TokenIssuer;
  quota: ServerWriteQuota | undefined;
  /** Usage locations set with PATCH /users/{id}, in order. */
  readonly locationsSet: { userId: string; usageLocation: string }[] = [];
  /** The write URLs of each whole $batch answered 429, in order. */
  readonly batchesThrottled: { writes: string[] }[] = [];
  /** Every request the server ran, in order (method and path of batch items too), for ordering assertions. */
  readonly log: { method: string; path: string }[] = [];
  /** Called after each applied licence write with how many have been applied: a test changes the tenant mid-move. */
  afterApplied: ((applied: number) => void) | undefined;
  /** Paths (e.g. /v1.0/admin/serviceAnnouncement/healthOverviews), or a method and path inside a batch (PATCH /v1.0/users/x), answered 403, as for an app without the permission. */
  readonly denied = new Set<string>();
  private readonly clock: ServerClock;
  private readonly pageSize: number;
  private server: Server | undefined;
  private origin = '';

  constructor(private readonly options: GraphServerOptions) {
    this.state = new GraphTenantState(options.seed);
    this.directoryRoles = new DirectoryRoles(options.roles ?? {}, () => this.state.roleAssignments, (id) => {
      const user = this.state.user(id);
      return user && { displayName: user.displayName, userPrincipalName: user.userPrincipalName };
    });
    this.clock = options.clock ?? { now: () => Date.now() };
    this.pageSize = options.pageSize ?? 999;
    this.tenantId = options.tenantId ?? options.seed.organization.id;
    this.clientId = options.clientId ?? '11111111-2222-3333-4444-555555555555';
    this.clientSecret = options.clientSecret ?? 'local-test-secret';
    this.quota = options.writeQuota ? new ServerWriteQuota(options.writeQuota.limit, options.writeQuota.windowMs) : undefined;
    const certificatePem = readFileSync(TEST_CLIENT_CERTIFICATE_PATH, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0];
    this.issuer = new TokenIssuer({ tenantId: this.tenantId, clientId: this.clientId, clientSecret: this.clientSecret, certificatePem });
  }

  async start(): Promise<this> {
    const server = createServer({ key: readFileSync(join(TLS, 'server-key.pem')), cert: TEST_CA, keepAlive: true }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let answer: Answer;
        try {
          answer = this.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          answer = graphError(500, 'InternalServerError', error instanceof Error ? error.message : String(error));
        }
        const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  get baseUrl(): string {
    return this.origin;
  }

  /** The GRAPH_* variables that point the gateway at this server (with the client secret). */
  env(): Record<string, string> {
    return {
      GRAPH_TENANT_ID: this.tenantId,
      GRAPH_CLIENT_ID: this.clientId,
      GRAPH_CLIENT_SECRET: this.clientSecret,
      GRAPH_BASE_URL: this.origin,
      GRAPH_AUTHORITY_HOST: this.origin,
    };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>, body: string): Answer {
    this.counts.http += 1;
    const url = new URL(rawUrl, this.origin);
    const path = url.pathname;
    const token = path.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (token && method === 'POST') return this.issuer.token(decodeURIComponent(token[1]!), new URLSearchParams(body));
    const metadata = path.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
    if (metadata && method === 'GET') return { status: 200, body: this.issuer.openIdConfiguration(this.origin, decodeURIComponent(metadata[1]!)) };
    if (!path.startsWith('/v1.0/')) return graphError(404, 'UnknownError', `no route ${method} ${path}`);
    const authorization = headers.authorization;
    if (!this.issuer.isValid(Array.isArray(authorization) ? authorization[0] : authorization)) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    }
    if (this.denied.has(path)) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (path === '/v1.0/$batch' && method === 'POST') return this.batch(body);
    return this.dispatch(method, url, body.length > 0 ? (JSON.parse(body) as unknown) : undefined, false);
  }

  private batch(body: string): Answer {
    this.counts.batches += 1;
    const requests = ((JSON.parse(body) as { requests?: unknown }).requests ?? []) as { id: string; method: string; url: string; body?: unknown }[];
    if (!Array.isArray(requests) || requests.length === 0) return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > 20) return graphError(400, 'BadRequest', 'Number of requests in the batch exceeds the limit of 20.');
    if (new Set(requests.map((r) => r.id)).size !== requests.length) return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
    // A whole batch refused before any item runs (https://learn.microsoft.com/en-us/graph/throttling,
    // https://learn.microsoft.com/en-us/graph/json-batching): 429 with Retry-After, or 503.
    if (this.faults.batchThrottled(requests.some((r) => r.method.toUpperCase() === 'POST'))) {
      this.batchesThrottled.push({ writes: requests.filter((r) => r.method.toUpperCase() === 'POST').map((r) => r.url) });
      this.log.push({ method: 'BATCH', path: '429' });
      return graphError(429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': '2' });
    }
    if (this.faults.batchFails()) return graphError(503, 'serviceNotAvailable', 'Service unavailable.', { 'Retry-After': '1' });
    const responses = requests.map((r) => {
      this.counts.batchItems += 1;
      const relative = r.url.startsWith('/') ? r.url : `/${r.url}`;
      const url = new URL(`/v1.0${relative}`, this.origin);
      // A denied path inside a batch answers 403 on its own item, as Graph does.
      const answer = this.denied.has(url.pathname) || this.denied.has(`${r.method.toUpperCase()} ${url.pathname}`)
        ? graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
        : this.dispatch(r.method.toUpperCase(), url, r.body, true);
      return { id: r.id, status: answer.status, headers: { 'Content-Type': 'application/json', ...answer.headers }, body: answer.body };
    });
    // Graph answers batch items in no particular order: here, the last first.
    responses.reverse();
    return { status: 200, body: { responses } };
  }

  private dispatch(method: string, url: URL, body: unknown, inBatch: boolean): Answer {
    const path = url.pathname.replace(/\/+$/, '');
    this.log.push({ method, path });
    const query = parseQuery(url.searchParams);
    const assign = path.match(/^\/v1\.0\/users\/([^/]+)\/assignLicense$/);
    if (assign && method === 'POST') return this.assignLicense(decodeURIComponent(assign[1]!), body);
    const groupAssign = path.match(/^\/v1\.0\/groups\/([^/]+)\/assignLicense$/);
    if (groupAssign && method === 'POST') return this.assignGroupLicense(decodeURIComponent(groupAssign[1]!), body);
    const patched = path.match(/^\/v1\.0\/users\/([^/]+)$/);
    if (patched && method === 'PATCH') return this.updateUser(decodeURIComponent(patched[1]!), body);
    if (method !== 'GET') return graphError(405, 'Request_BadRequest', `${method} is not supported on ${path}`);

    this.counts.reads += 1;
    const fault = this.faults.next('read', this.clock.now());
    if (fault?.kind === 'throttle') return graphError(429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': String(fault.retryAfterSeconds) });
    if (fault?.kind === 'fail') return graphError(fault.status, 'serviceNotAvailable', 'Service unavailable.');

    const self = new URL(url.toString());
    const list = <T extends object>(items: readonly T[]) => ({ status: 200, body: { '@odata.context': `${this.origin}/v1.0/$metadata`, ...page(items, query, this.pageSize, self) } });
    const roles = this.directoryRoles.answer(path, query, url.searchParams.get('$expand'), list);
    if (roles) return roles;
    switch (path) {
      case '/v1.0/organization':
        return list([{ id: this.state.organization.id, displayName: this.state.organization.displayName, countryLetterCode: this.state.organization.country ?? null, verifiedDomains: this.state.organization.domains.map((name, i) => ({ name, isDefault: i === 0, isInitial: name.endsWith('.onmicrosoft.com'), type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' })) }]);
      case '/v1.0/subscribedSkus':
        return list(
          this.state.skus.map((s) => ({
            id: `${this.tenantId}_${s.skuId}`,
            skuId: s.skuId,
            skuPartNumber: s.skuPartNumber,
            appliesTo: 'User',
            capabilityStatus: s.capabilityStatus,
            consumedUnits: this.state.consumed(s.skuId),
            prepaidUnits: { enabled: s.prepaidEnabled, suspended: 0, warning: 0, lockedOut: 0 },
            servicePlans: s.servicePlans.map((p) => ({ ...p, provisioningStatus: 'Success', appliesTo: 'User' })),
          })),
        );
      case '/v1.0/directory/subscriptions':
        return list(
          this.state.subscriptions.map((c) => ({
            ...c,
            commerceSubscriptionId: c.id,
            skuPartNumber: this.state.skus.find((s) => s.skuId === c.skuId)?.skuPartNumber ?? null,
            ownerType: null,
            serviceStatus: [],
          })),
        );
      case '/v1.0/users':
        return list(this.state.users.map((u) => ({ ...this.state.view(u), mail: null, accountEnabled: true })));
      case '/v1.0/groups':
        return list(this.state.groups.map((g) => ({ id: g.id, displayName: g.displayName, assignedLicenses: g.assignedLicenses, securityEnabled: true, mailEnabled: false })));
      case '/v1.0/admin/serviceAnnouncement/healthOverviews':
        return list(this.state.health);
    }
    // GET /groups/{id}/members/microsoft.graph.user (https://learn.microsoft.com/en-us/graph/api/group-list-members):
    // the group's direct members cast to users, with $select and @odata.nextLink paging; 404 for an unknown group.
    const members = path.match(/^\/v1\.0\/groups\/([^/]+)\/members\/microsoft\.graph\.user$/);
    if (members) {
      const found = this.state.groups.find((g) => g.id === decodeURIComponent(members[1]!));
      if (!found) return graphError(404, 'Request_ResourceNotFound', `Resource '${members[1]}' does not exist or one of its queried reference-property objects are not present.`);
      const users = found.members.map((id) => this.state.user(id)).filter((u) => u !== undefined);
      return { status: 200, body: { '@odata.context': `${this.origin}/v1.0/$metadata#users`, ...page(users.map((u) => this.state.view(u)), { ...query, select: query.select ?? ['id', 'userPrincipalName', 'displayName'] }, this.pageSize, self) } };
    }
    const group = path.match(/^\/v1\.0\/groups\/([^/]+)$/);
    if (group) {
      const found = this.state.groups.find((g) => g.id === decodeURIComponent(group[1]!));
      if (!found) return graphError(404, 'Request_ResourceNotFound', `Resource '${group[1]}' does not exist or one of its queried reference-property objects are not present.`);
      return { status: 200, body: project({ id: found.id, displayName: found.displayName, assignedLicenses: found.assignedLicenses }, query.select) };
    }
    const user = path.match(/^\/v1\.0\/users\/([^/]+)$/);
    if (user) {
      const found = this.state.user(decodeURIComponent(user[1]!));
      if (!found) return graphError(404, 'Request_ResourceNotFound', `Resource '${user[1]}' does not exist or one of its queried reference-property objects are not present.`);
      this.state.processMemberRead(found);
      return { status: 200, body: project(this.state.view(found), query.select ?? ['id', 'userPrincipalName', 'displayName']) };
    }
    void inBatch;
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
  }

  /** PATCH /users/{id} (https://learn.microsoft.com/en-us/graph/api/user-update): only usageLocation, as the gateway sends it. */
  private updateUser(userId: string, body: unknown): Answer {
    const user = this.state.user(userId);
    if (!user) return graphError(404, 'Request_ResourceNotFound', `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.`);
    const usageLocation = (body as { usageLocation?: unknown } | undefined)?.usageLocation;
    if (typeof usageLocation !== 'string' || !/^[A-Z]{2}$/.test(usageLocation)) return graphError(400, 'Request_BadRequest', 'Invalid value specified for property usageLocation of resource User.');
    user.usageLocation = usageLocation;
    this.locationsSet.push({ userId: user.id, usageLocation });
    return { status: 204 };
  }

  /** POST /groups/{id}/assignLicense (https://learn.microsoft.com/en-us/graph/api/group-assignlicense): 202 Accepted with the group; members follow in the background. */
  private assignGroupLicense(groupId: string, body: unknown): Answer {
    const request = (body ?? {}) as { addLicenses?: { skuId: string; disabledPlans?: string[] }[]; removeLicenses?: string[] };
    if (!Array.isArray(request.addLicenses) || !Array.isArray(request.removeLicenses)) {
      return graphError(400, 'Request_BadRequest', 'Invalid value specified for property addLicenses or removeLicenses.');
    }
    // The same write faults as a user's assignLicense: throttled, failed before it ran, or run with its answer lost.
    const fault = this.faults.next('write', this.clock.now());
    if (fault?.kind === 'throttle') return graphError(429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': String(fault.retryAfterSeconds) });
    if (fault?.kind === 'fail' && !fault.applied) return graphError(fault.status, 'serviceNotAvailable', 'The service is temporarily unavailable.');
    const result = this.state.assignGroupLicense(groupId, request.addLicenses, request.removeLicenses);
    if (result.status !== 200) return graphError(result.status, result.code, result.message);
    if (fault?.kind === 'fail') return graphError(fault.status, 'gatewayTimeout', 'The operation timed out.');
    return { status: 202, body: result.body };
  }

  private assignLicense(userId: string, body: unknown): Answer {
    const now = this.clock.now();
    const record = (result: WriteRecord['result'], status: number) => this.writes.push({ at: now, userId, result, status });
    const fault = this.faults.next('write', now);
    if (fault?.kind === 'throttle') {
      record('throttled', 429);
      return graphError(429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': String(fault.retryAfterSeconds) });
    }
    if (fault?.kind === 'fail' && !fault.applied) {
      record('failed', fault.status);
      return graphError(fault.status, fault.status === 503 ? 'serviceNotAvailable' : 'gatewayTimeout', 'The service is temporarily unavailable.');
    }
    const taken = this.quota?.take(now);
    if (taken && !taken.ok) {
      record('throttled', 429);
      return graphError(429, 'TooManyRequests', 'Application is over its write quota.', { 'Retry-After': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))) });
    }
    const request = (body ?? {}) as { addLicenses?: { skuId: string; disabledPlans?: string[] }[]; removeLicenses?: string[] };
    if (!Array.isArray(request.addLicenses) || !Array.isArray(request.removeLicenses)) {
      record('refused', 400);
      return graphError(400, 'Request_BadRequest', 'Invalid value specified for property addLicenses or removeLicenses.');
    }
    const result = this.state.assignLicense(userId, request.addLicenses, request.removeLicenses);
    if (result.status !== 200) {
      record('refused', result.status);
      return graphError(result.status, result.code, result.message);
    }
    if (fault?.kind === 'fail') {
      record('lost', fault.status);
      this.afterApplied?.(this.writes.filter((w) => w.result === 'applied' || w.result === 'lost').length);
      return graphError(fault.status, 'gatewayTimeout', 'The operation timed out.');
    }
    record('applied', 200);
    this.afterApplied?.(this.writes.filter((w) => w.result === 'applied' || w.result === 'lost').length);
    return { status: 200, body: result.body };
  }
}

export async function startGraphServer(options: GraphServerOptions): Promise<GraphTestServer> {
  return new GraphTestServer(options).start();
}
