import { estimateMoveSeconds, GraphTenantGateway, type GraphGatewayOptions } from '../../graph';
import type { GraphConfig } from '../../graph/config';
import type { SnapshotSettings } from '../../graph/settings';
import { createGraphHttp } from '../../graph/client';
import { realClock } from '../../graph/clock';
import { DEFAULT_RETRY_POLICY } from '../../graph/retry-policy';
import { TenantCredentials } from '../../graph/tenant-credentials';
import { servicesSwitcher } from '../../graph/write/switch-services-off';
import { CachedTenantGateway } from './cached-gateway';
import { TENANT_GUID, tenantKey, type ConsentedTenant, type TenantRegistry } from './consented-tenants';
import type { KnownTenant, TenantDirectory } from '../../conversation/tenant-directory';

export interface ManyTenantDirectoryOptions {
  /** The multi-tenant app registration (its tenantId is `organizations`). */
  app: GraphConfig;
  settings: SnapshotSettings;
  registry: TenantRegistry;
  /** Where an administrator starts the consent: PUBLIC_BASE_URL/admin-consent. */
  consentUrl: string;
  /** How long a read of a tenant is used. */
  cacheMs?: number;
  /** How long the registry's answer about a tenant is trusted before it is read again (another instance or `plan-switch tenants remove` may change it). */
  recheckMs?: number;
  /** Extra gateway options (tests: a clock, a CA). */
  gateway?: Omit<GraphGatewayOptions, 'config' | 'settings' | 'credential'>;
  now?: () => number;
}

const GRAPH_CACHE_MS = 60_000;
const MAX_REMEMBERED = 10_000;

interface Served {
  tenant: KnownTenant;
  graph: GraphTenantGateway;
}

/**
 * Every tenant whose administrator consented, each with its own sign-in, token cache, Graph client and
 * snapshot cache: nothing read for one tenant is ever kept where another tenant's turn could find it.
 * A tenant is served once the registry says its consent was granted, and no longer once it is removed.
 */
export class ManyTenantDirectory implements TenantDirectory {
  readonly onboarding: { consentUrl: string };
  private readonly served = new Map<string, Served>();
  private readonly checkedAt = new Map<string, number>();
  private readonly credentials: TenantCredentials;
  private readonly now: () => number;

  constructor(private readonly options: ManyTenantDirectoryOptions) {
    this.onboarding = { consentUrl: options.consentUrl };
    this.now = options.now ?? Date.now;
    this.credentials = new TenantCredentials(options.app, options.gateway?.ca === undefined ? {} : { ca: options.gateway.ca });
  }

  /** Serves every tenant the registry holds as granted (at start: jobs of any of them may be resumed). */
  async load(): Promise<void> {
    for (const entry of await this.options.registry.list()) if (entry.result === 'granted') this.serve(entry);
  }

  async list(): Promise<{ id: string; name: string }[]> {
    return [...this.served.values()].map(({ tenant }) => ({ id: tenant.id, name: tenant.name }));
  }

  find(tenantId: string): KnownTenant | undefined {
    return this.served.get(tenantKey(tenantId))?.tenant;
  }

  /** Reads the registry's word on the tenant unless it was read within `recheckMs`: a consent or a removal since counts. */
  async prepare(tenantId: string): Promise<void> {
    const key = tenantKey(tenantId);
    // Teams sends tenant GUIDs; anything else is no tenant that could have consented.
    if (!TENANT_GUID.test(key)) return;
    const recheckMs = this.options.recheckMs ?? 0;
    const checked = this.checkedAt.get(key);
    if (checked !== undefined && this.now() - checked < recheckMs) return;
    const entry = await this.options.registry.get(key);
    if (recheckMs > 0) {
      // Remembered per tenant id the channel sent: bounded, so unknown ids cannot grow it without end.
      if (this.checkedAt.size >= MAX_REMEMBERED) this.checkedAt.clear();
      this.checkedAt.set(key, this.now());
    }
    if (entry?.result === 'granted') this.serve(entry);
    else this.drop(key);
  }

  /**
   * Whether the app can sign in to the tenant, and its name: one read of GET /organization right after
   * the consent (not the whole tenant: the administrator is waiting for the page).
   */
  async confirm(tenantId: string): Promise<{ ok: true; name?: string } | { ok: false }> {
    const key = tenantKey(tenantId);
    if (!(await this.credentials.canSignIn(key))) return { ok: false };
    const ca = this.options.gateway?.ca;
    const http = createGraphHttp({ config: { ...this.options.app, tenantId: key }, credential: this.credentials.forTenant(key), clock: realClock, retry: DEFAULT_RETRY_POLICY, ...(ca === undefined ? {} : { ca }) });
    try {
      const organization = (await http.get<{ value: { id: string; displayName?: string }[] }>('/organization?$select=id,displayName')).value[0];
      return organization?.displayName && organization.id.toLowerCase() === key ? { ok: true, name: organization.displayName } : { ok: true };
    } catch {
      return { ok: true };
    } finally {
      http.close();
    }
  }

  /** Forgets what was last read about the tenant, so the next turn reads the registry again. */
  forget(tenantId: string): void {
    this.checkedAt.delete(tenantKey(tenantId));
  }

  close(): void {
    for (const { graph } of this.served.values()) graph.close();
    this.served.clear();
  }

  private serve(entry: ConsentedTenant): void {
    const key = tenantKey(entry.tenantId);
    const existing = this.served.get(key);
    if (existing) {
      if (entry.name) existing.tenant.name = entry.name;
      return;
    }
    const graph = this.gatewayFor(key);
    const gateway = new CachedTenantGateway(graph, { maxAgeMs: this.options.cacheMs ?? GRAPH_CACHE_MS });
    const quota = { limit: graph.quota.limit, windowMs: graph.quota.windowMs };
    const tenant: KnownTenant = {
      id: key,
      name: entry.name ?? key,
      gateway,
      source: 'graph',
      refresh: () => gateway.forget(),
      estimateMoveSeconds: (users) => estimateMoveSeconds(users, quota),
      switchServicesOff: async (items) =>
        servicesSwitcher({ ...this.options.app, tenantId: key }, this.credentials.forTenant(key), this.options.gateway?.ca)(items.map((i) => ({ userId: i.userId, skuId: i.subscriptionId, services: i.services }))),
    };
    this.served.set(key, { tenant, graph });
  }

  private drop(key: string): void {
    const served = this.served.get(key);
    if (!served) return;
    served.graph.close();
    this.served.delete(key);
  }

  private gatewayFor(key: string): GraphTenantGateway {
    return new GraphTenantGateway({
      ...this.options.gateway,
      config: { ...this.options.app, tenantId: key },
      settings: this.options.settings,
      credential: this.credentials.forTenant(key),
    });
  }
}
