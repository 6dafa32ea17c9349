import { copyFileSync, existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEMO_TENANT_FILES } from '../../domain/demo-tenants';
import { FileTenantGateway } from '../../domain/gateways/file-gateway';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { KnownTenant, TenantDirectory } from '../../conversation/tenant-directory';
import { CachedTenantGateway, type CacheOptions } from './cached-gateway';

/**
 * The demo tenants, each copied once into the data folder (or `tenantsDir`) so a switch changes the
 * copy and never the shipped file; state survives restarts because the copies do. Several instances
 * sharing one storage share one tenants folder; the job leases see that only one writes at a time.
 */
export async function createDemoDirectory(dataDir: string, options: { tenantsDir?: string; cache?: CacheOptions } = {}): Promise<TenantDirectory> {
  const folder = options.tenantsDir ?? join(dataDir, 'tenants');
  mkdirSync(folder, { recursive: true });
  const tenants = new Map<string, KnownTenant>();
  for (const [id, source] of Object.entries(DEMO_TENANT_FILES)) {
    const copy = join(folder, basename(source));
    const freshCopy = !existsSync(copy);
    if (freshCopy) copyOnce(source, copy);
    const gateway = new CachedTenantGateway(new FileTenantGateway(copy), options.cache);
    const snapshot: TenantSnapshot = await gateway.readSnapshot();
    tenants.set(snapshot.tenant.id, { id: snapshot.tenant.id, name: snapshot.tenant.name, gateway, source: 'demo', refresh: () => gateway.forget(), freshCopy });
    if (snapshot.tenant.id !== id) tenants.set(id, tenants.get(snapshot.tenant.id)!);
  }
  const unique = [...new Map([...tenants.values()].map((t) => [t.id, t])).values()];
  return {
    async list() {
      return unique.map(({ id, name }) => ({ id, name }));
    },
    find(tenantId) {
      return tenants.get(tenantId);
    },
  };
}

/** Copies `source` to `target` unless it exists, atomically: an instance starting beside another never reads half a copy. */
function copyOnce(source: string, target: string): void {
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  copyFileSync(source, temporary);
  try {
    linkSync(temporary, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
