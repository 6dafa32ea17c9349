import { copyFileSync, existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEMO_TENANT_FILES } from '../../domain/demo-tenants';
import { FileTenantGateway } from '../../domain/gateways/file-gateway';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { TenantGateway } from '../../domain/tenant.port';
import type { Service } from '../../domain/vocabulary';
import { CachedTenantGateway, type CacheOptions } from './cached-gateway';

export interface KnownTenant {
  id: string;
  name: string;
  gateway: TenantGateway;
  /** Where the tenant is read from: a demo file (the default), or Microsoft Graph, which cannot buy or cancel subscriptions. */
  source?: 'demo' | 'graph';
  /** Drops any cached copy of the tenant, so the next read is fresh. */
  refresh?(): void;
  /**
   * A demo tenant whose working copy was not there at start and was copied afresh from the shipped file:
   * a switch left unfinished on it was working on a copy that is gone, and must not go on on this one.
   */
  freshCopy?: boolean;
  /** How long moving `users` licences takes at the tenant's write quota, in seconds (Graph tenants). */
  estimateMoveSeconds?(users: number): number;
  /** Switches services off again in licences people hold (Graph tenants): what an admin-centre upgrade switched on. */
  switchServicesOff?(items: readonly { userId: string; subscriptionId: string; services: readonly Service[] }[]): Promise<{ userId: string; ok: boolean }[]>;
}

/** The tenants this bot serves, by tenant id. */
export interface TenantDirectory {
  list(): Promise<{ id: string; name: string }[]>;
  find(tenantId: string): KnownTenant | undefined;
  /** Looks the tenant up where others may have changed it (the consented tenants' registry) before `find`. */
  prepare?(tenantId: string): Promise<void>;
  /** Set when a tenant joins by its administrator's consent (many tenants): where the consent starts. */
  onboarding?: { consentUrl: string };
}

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
