import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEMO_TENANT_FILES } from '../../domain/demo-tenants';
import { FileTenantGateway } from '../../domain/gateways/file-gateway';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { TenantGateway } from '../../domain/tenant.port';
import { CachedTenantGateway } from './cached-gateway';

export interface KnownTenant {
  id: string;
  name: string;
  gateway: TenantGateway;
}

/** The tenants this bot serves, by tenant id. */
export interface TenantDirectory {
  list(): Promise<{ id: string; name: string }[]>;
  find(tenantId: string): KnownTenant | undefined;
}

/**
 * The demo tenants, each copied once into the data folder so a switch changes the copy and never
 * the shipped file; state survives restarts because the copies do.
 */
export async function createDemoDirectory(dataDir: string): Promise<TenantDirectory> {
  const folder = join(dataDir, 'tenants');
  mkdirSync(folder, { recursive: true });
  const tenants = new Map<string, KnownTenant>();
  for (const [id, source] of Object.entries(DEMO_TENANT_FILES)) {
    const copy = join(folder, basename(source));
    if (!existsSync(copy)) copyFileSync(source, copy);
    const gateway = new CachedTenantGateway(new FileTenantGateway(copy));
    const snapshot: TenantSnapshot = await gateway.readSnapshot();
    tenants.set(snapshot.tenant.id, { id: snapshot.tenant.id, name: snapshot.tenant.name, gateway });
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
