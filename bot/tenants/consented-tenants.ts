// The tenants whose administrator consented to the bot (TENANT_SOURCE=graph serving many tenants),
// kept in the bot's storage beside its jobs: the embedded SQLite file, or the shared blob container.

/** What Entra answered on the consent's way back: granted (and confirmed by a token for the tenant), or the error it gave. */
export type ConsentResult = 'granted' | 'denied';

export interface ConsentedTenant {
  /** The tenant's GUID, lower case. */
  tenantId: string;
  /** The organisation's display name as Graph gave it when the consent was confirmed. */
  name?: string;
  /** When the consent came back, ISO 8601. */
  at: string;
  result: ConsentResult;
  /** Entra's error code when denied (consent_required, access_denied, ...); never its description. */
  error?: string;
}

export interface TenantRegistry {
  get(tenantId: string): Promise<ConsentedTenant | undefined>;
  list(): Promise<ConsentedTenant[]>;
  /** Adds or replaces the tenant's entry. */
  record(entry: ConsentedTenant): Promise<void>;
  /** True if there was an entry. */
  remove(tenantId: string): Promise<boolean>;
}

/**
 * The `state` values of consents in progress, by digest (never the value itself): each may be taken once,
 * before it expires, by whichever instance the browser comes back to.
 */
export interface ConsentStateStore {
  save(digest: string, expiresAt: number): Promise<void>;
  /** True for a saved digest not yet expired at `now`; it is gone afterwards either way. */
  take(digest: string, now: number): Promise<boolean>;
}

/** Tenant ids are GUIDs; Teams and Entra may write them in either case. */
export const tenantKey = (tenantId: string) => tenantId.trim().toLowerCase();

export const TENANT_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class MemoryTenantRegistry implements TenantRegistry {
  private readonly entries = new Map<string, ConsentedTenant>();

  async get(tenantId: string) {
    return this.entries.get(tenantKey(tenantId));
  }

  async list() {
    return [...this.entries.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  async record(entry: ConsentedTenant) {
    this.entries.set(tenantKey(entry.tenantId), { ...entry, tenantId: tenantKey(entry.tenantId) });
  }

  async remove(tenantId: string) {
    return this.entries.delete(tenantKey(tenantId));
  }
}

export class MemoryConsentStates implements ConsentStateStore {
  private readonly states = new Map<string, number>();

  async save(digest: string, expiresAt: number) {
    for (const [key, expiry] of this.states) if (expiry <= Date.now()) this.states.delete(key);
    this.states.set(digest, expiresAt);
  }

  async take(digest: string, now: number) {
    const expiresAt = this.states.get(digest);
    this.states.delete(digest);
    return expiresAt !== undefined && expiresAt > now;
  }
}
