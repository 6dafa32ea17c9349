import type { BotConfig } from '../config';
import { createDemoDirectory, type TenantDirectory } from './tenant-directory';

/** Several instances change the shared demo tenant files: each re-reads a tenant at most this old. */
const SHARED_DEMO_CACHE_MS = 5_000;

/** The tenants the configuration names: the demo tenants (the default), or the one tenant read through Microsoft Graph. */
export async function openDirectory(config: BotConfig): Promise<TenantDirectory> {
  const source = config.tenantSource;
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
