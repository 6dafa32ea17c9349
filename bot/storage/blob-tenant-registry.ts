import { tenantKey, type ConsentedTenant, type ConsentStateStore, type TenantRegistry } from '../tenants/consented-tenants';
import type { BlobContainer } from './blob-container';

// Consented tenants and consent states as blobs of the shared container, so that a consent that comes
// back to any instance counts on every instance, and `plan-switch tenants` sees them too.

const TENANTS = 'onboarding/tenants/';
const STATES = 'onboarding/consent-states/';
/** Expired states are swept at most this often by one instance (listing the prefix costs a request per 5,000). */
const SWEEP_EVERY_MS = 10 * 60_000;

const tenantBlob = (tenantId: string) => `${TENANTS}${encodeURIComponent(tenantKey(tenantId))}.json`;
const stateBlob = (digest: string) => `${STATES}${digest}.json`;

export class BlobTenantRegistry implements TenantRegistry {
  constructor(private readonly container: BlobContainer) {}

  async get(tenantId: string): Promise<ConsentedTenant | undefined> {
    return (await this.container.read<ConsentedTenant>(tenantBlob(tenantId)))?.value;
  }

  async list(): Promise<ConsentedTenant[]> {
    const found: ConsentedTenant[] = [];
    for (const { name } of await this.container.list(TENANTS)) {
      const entry = await this.container.read<ConsentedTenant>(name);
      if (entry) found.push(entry.value);
    }
    return found.sort((a, b) => a.at.localeCompare(b.at));
  }

  async record(entry: ConsentedTenant): Promise<void> {
    await this.container.put(tenantBlob(entry.tenantId), { ...entry, tenantId: tenantKey(entry.tenantId) });
  }

  async remove(tenantId: string): Promise<boolean> {
    return this.container.remove(tenantBlob(tenantId));
  }
}

export class BlobConsentStates implements ConsentStateStore {
  private sweptAt = 0;

  constructor(private readonly container: BlobContainer) {}

  async save(digest: string, expiresAt: number): Promise<void> {
    await this.sweep(Date.now());
    await this.container.create(stateBlob(digest), { expiresAt }, { expiresat: String(expiresAt) });
  }

  async take(digest: string, now: number): Promise<boolean> {
    const read = await this.container.read<{ expiresAt: number }>(stateBlob(digest));
    if (!read) return false;
    // Of two callbacks with the same state on two instances, only one deletes the blob it read.
    const deleted = await this.container.remove(stateBlob(digest), read.etag);
    return deleted && read.value.expiresAt > now;
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    for (const { name, metadata } of await this.container.list(STATES)) {
      if (Number(metadata.expiresat ?? 0) <= now) await this.container.remove(name);
    }
  }
}
