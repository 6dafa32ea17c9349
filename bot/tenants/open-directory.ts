import type { BotConfig } from '../config';
import type { TenantRegistry } from './consented-tenants';
import type { TenantDirectory } from '../../conversation/tenant-directory';
import { createDemoDirectory } from './tenant-directory';

/** Several instances change the shared demo tenant files: each re-reads a tenant at most this old. */
const SHARED_DEMO_CACHE_MS = 5_000;

/** The registry of consented tenants is read again after this long on shared storage (other instances, `plan-switch tenants remove`). */
const SHARED_REGISTRY_RECHECK_MS = 30_000;

/** The tenants the configuration names: the demo tenants (the default), the one tenant read through Microsoft Graph, or every consented one. */
export async function openDirectory(config: BotConfig, registry?: TenantRegistry): Promise<TenantDirectory> {
  const source = config.tenantSource;
  if (source.kind === 'graph' && source.many && registry) {
    const { ManyTenantDirectory } = await import('./many-tenant-directory');
    const directory = new ManyTenantDirectory({
      app: source.graph,
      settings: source.settings,
      registry,
      consentUrl: `${source.many.publicBaseUrl}/admin-consent`,
      recheckMs: config.storage === 'blob' ? SHARED_REGISTRY_RECHECK_MS : 0,
    });
    await directory.load();
    return directory;
  }
  if (source.kind === 'graph') {
    // Loaded only when asked for: the Graph client and Azure Identity are a large part of the bot's memory and start-up.
    const { createGraphDirectory } = await import('./graph-directory');
    return createGraphDirectory({ graph: source.graph, settings: source.settings });
  }
  return createDemoDirectory(config.dataDir, {
    tenantsDir: config.tenantsDir,
    cache: config.storage === 'blob' ? { maxAgeMs: SHARED_DEMO_CACHE_MS } : {},
  });
}
