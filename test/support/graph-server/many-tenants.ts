import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TEST_CA, type GraphTestServer } from './server';

// Several local Graph tenants behind one address, as Microsoft Entra ID and Graph are one service for
// every tenant: the tenant is chosen by the authority path ({host}/{tenant}/oauth2/v2.0/token and its
// OpenID metadata) and, for Graph requests, by the token (each tenant's issuer knows its own). One app
// registration (the same client id and secret on every tenant), multi-tenant: a tenant's token is issued
// only once its administrator has consented, through the admin consent endpoint
// (https://learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent):
//   GET /organizations/v2.0/adminconsent?client_id&scope&redirect_uri&state
//   → 302 redirect_uri?admin_consent=True&tenant={guid}&state=…&scope=…             (granted)
//   → 302 redirect_uri?error=access_denied&error_description=…&admin_consent=True&tenant=…&state=…   (declined)
// Until consent, the token endpoint answers as Entra does for an app absent from the directory
// (400 unauthorized_client, AADSTS700016).

export interface ConsentRequest {
  clientId: string | null;
  scope: string | null;
  redirectUri: string | null;
  state: string | null;
}

export class ManyTenantGraph {
  /** Tenants whose administrator has consented. */
  readonly consented = new Set<string>();
  /** Every admin consent request received, for assertions. */
  readonly consentRequests: ConsentRequest[] = [];
  /** Token requests by tenant (the tenant of the authority path), for assertions. */
  readonly tokenRequests: string[] = [];
  /** Who the next admin consent is answered for: the administrator's tenant, and whether they accept. */
  nextConsent: { tenantId: string; accept: boolean } | undefined;
  private server: Server | undefined;
  private origin = '';

  constructor(readonly tenants: readonly GraphTestServer[]) {}

  async start(): Promise<this> {
    const tls = join(import.meta.dirname, 'tls');
    const server = createServer({ key: readFileSync(join(tls, 'server-key.pem')), cert: TEST_CA, keepAlive: true }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks)).then(
          ({ status, headers, body }) => {
            res.writeHead(status, headers);
            res.end(body);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'InternalServerError', message: String(error) } }));
          },
        );
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

  /** The GRAPH_* variables of the multi-tenant app: no GRAPH_TENANT_ID. */
  env(): Record<string, string> {
    const first = this.tenants[0]!;
    return { GRAPH_CLIENT_ID: first.clientId, GRAPH_CLIENT_SECRET: first.clientSecret, GRAPH_BASE_URL: this.origin, GRAPH_AUTHORITY_HOST: this.origin };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private tenant(id: string): GraphTestServer | undefined {
    return this.tenants.find((t) => t.tenantId.toLowerCase() === id.toLowerCase());
  }

  private async handle(method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: string | Buffer }> {
    const url = new URL(rawUrl, this.origin);
    const json = (status: number, value: unknown) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
    if (method === 'GET' && url.pathname === '/organizations/v2.0/adminconsent') return this.adminConsent(url);
    const metadata = url.pathname.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
    if (metadata && method === 'GET') {
      const tenant = this.tenant(decodeURIComponent(metadata[1]!));
      if (!tenant) return json(400, { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${metadata[1]}' not found.` });
      return json(200, tenant.issuer.openIdConfiguration(this.origin, decodeURIComponent(metadata[1]!)));
    }
    const token = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (token && method === 'POST') {
      const id = decodeURIComponent(token[1]!);
      this.tokenRequests.push(id.toLowerCase());
      const tenant = this.tenant(id);
      if (!tenant) return json(400, { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${id}' not found.`, error_codes: [90002] });
      const form = new URLSearchParams(body.toString('utf8'));
      if (!this.consented.has(tenant.tenantId.toLowerCase())) {
        return json(400, {
          error: 'unauthorized_client',
          error_description: `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory '${id}'.`,
          error_codes: [700016],
        });
      }
      const answer = tenant.issuer.token(tenant.tenantId, form);
      return json(answer.status, answer.body);
    }
    // Graph: the tenant whose issuer made the token answers, through its own server; its links point back here.
    const authorization = headers.authorization;
    const owner = this.tenants.find((t) => t.issuer.isValid(Array.isArray(authorization) ? authorization[0] : authorization));
    if (!owner) return json(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } });
    return this.forward(owner, method, rawUrl, headers, body);
  }

  private adminConsent(url: URL): { status: number; headers: Record<string, string>; body: string } {
    const request: ConsentRequest = {
      clientId: url.searchParams.get('client_id'),
      scope: url.searchParams.get('scope'),
      redirectUri: url.searchParams.get('redirect_uri'),
      state: url.searchParams.get('state'),
    };
    this.consentRequests.push(request);
    const next = this.nextConsent;
    const app = this.tenants[0]!.clientId;
    // Entra shows its own error page (no redirect) for an unknown app or a missing redirect URI.
    if (!next || request.clientId !== app || !request.redirectUri) return { status: 400, headers: { 'content-type': 'text/html' }, body: '<p>AADSTS900144</p>' };
    const back = new URL(request.redirectUri);
    if (next.accept) {
      this.consented.add(next.tenantId.toLowerCase());
      back.searchParams.set('admin_consent', 'True');
      back.searchParams.set('tenant', next.tenantId);
      if (request.state !== null) back.searchParams.set('state', request.state);
      back.searchParams.set('scope', request.scope ?? '');
    } else {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.');
      back.searchParams.set('admin_consent', 'True');
      back.searchParams.set('tenant', next.tenantId);
      if (request.state !== null) back.searchParams.set('state', request.state);
    }
    return { status: 302, headers: { location: back.toString() }, body: '' };
  }

  private forward(owner: GraphTestServer, method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>, body: Buffer) {
    const target = new URL(rawUrl, owner.baseUrl);
    return new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
      const forwarded = request(
        target,
        { method, ca: TEST_CA, headers: { ...headers, host: target.host }, agent: false },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8').split(owner.baseUrl).join(this.origin);
            const kept: Record<string, string> = {};
            for (const [key, value] of Object.entries(response.headers)) {
              if (typeof value === 'string' && !['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(key)) kept[key] = value;
            }
            resolve({ status: response.statusCode ?? 502, headers: kept, body: text });
          });
          response.on('error', reject);
        },
      );
      forwarded.on('error', reject);
      forwarded.end(body);
    });
  }
}

export async function startManyTenantGraph(tenants: readonly GraphTestServer[]): Promise<ManyTenantGraph> {
  return new ManyTenantGraph(tenants).start();
}
