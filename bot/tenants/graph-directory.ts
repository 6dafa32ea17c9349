import { estimateMoveSeconds, GraphTenantGateway, type GraphGatewayOptions } from '../../graph';
import type { GraphConfig } from '../../graph/config';
import type { SnapshotSettings } from '../../graph/settings';
import { graphCredential } from '../../graph/credential';
import { servicesSwitcher } from '../../graph/write/switch-services-off';
import { CachedTenantGateway } from './cached-gateway';
import type { KnownTenant, TenantDirectory } from '../../conversation/tenant-directory';

export interface GraphDirectoryOptions {
  graph: GraphConfig;
  /** What Graph cannot tell (billing account type, payment method, prices, add-ons), as for `plan-switch snapshot --graph`. */
  settings: SnapshotSettings;
  /** How long a read of the tenant is used; the admin centre and other instances change it too. */
  cacheMs?: number;
  /** Extra gateway options (tests: a clock, a CA). */
  gateway?: Omit<GraphGatewayOptions, 'config' | 'settings'>;
}

/** A real tenant read through Microsoft Graph is cached for a minute: long enough for a conversation, short enough to see changes. */
const GRAPH_CACHE_MS = 60_000;

/**
 * The one tenant the GRAPH_* settings name, read through Microsoft Graph. It is read once at start to
 * learn its id (Teams sends the tenant's GUID; GRAPH_TENANT_ID may be a domain name) and name, and
 * found by either. Graph moves licences between the tenant's subscriptions but cannot buy or cancel
 * one, so its `source` is 'graph' and the dialogs offer the admin centre instead of an automatic change.
 */
export async function createGraphDirectory(options: GraphDirectoryOptions): Promise<TenantDirectory & { close(): void }> {
  const graph = new GraphTenantGateway({ config: options.graph, settings: options.settings, ...options.gateway });
  const gateway = new CachedTenantGateway(graph, { maxAgeMs: options.cacheMs ?? GRAPH_CACHE_MS });
  let snapshot;
  try {
    snapshot = await gateway.readSnapshot();
  } catch (error) {
    graph.close();
    throw new Error(`the Microsoft Graph tenant ${options.graph.tenantId} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const quota = { limit: graph.quota.limit, windowMs: graph.quota.windowMs };
  const tenant: KnownTenant = {
    id: snapshot.tenant.id,
    name: snapshot.tenant.name,
    gateway,
    source: 'graph',
    refresh: () => gateway.forget(),
    estimateMoveSeconds: (users) => estimateMoveSeconds(users, quota),
    switchServicesOff: async (items) =>
      servicesSwitcher(options.graph, graphCredential(options.graph, options.gateway?.ca === undefined ? {} : { ca: options.gateway.ca }), options.gateway?.ca)(
        items.map((i) => ({ userId: i.userId, skuId: i.subscriptionId, services: i.services })),
      ),
  };
  const names = new Set([snapshot.tenant.id.toLowerCase(), options.graph.tenantId.toLowerCase()]);
  return {
    async list() {
      return [{ id: tenant.id, name: tenant.name }];
    },
    find(tenantId) {
      return names.has(tenantId.toLowerCase()) ? tenant : undefined;
    },
    close: () => graph.close(),
  };
}
