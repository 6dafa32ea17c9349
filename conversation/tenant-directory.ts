import type { TenantGateway } from '../domain/tenant.port';
import type { Service } from '../domain/vocabulary';

// The tenants the bot serves, as the dialogs see them; bot/tenants/ makes the directories (demo files,
// Microsoft Graph, many consented tenants).

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
