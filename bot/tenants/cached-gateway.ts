import type { LicenceReplacement } from '../../domain/licence-replacement';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { BatchOutcome, CreateSubscriptionRequest, TenantGateway } from '../../domain/tenant.port';

/**
 * Keeps the last snapshot read through a gateway so that a conversation turn does not re-read and
 * re-validate the tenant; any write through it drops the copy, so the next read sees the change. A
 * tenant that others change too (several bot instances, a real tenant) is cached for `maxAgeMs` only.
 */
export interface CacheOptions {
  /** How long a read copy is used (forever by default: only this process changes the tenant). */
  maxAgeMs?: number;
  /** Milliseconds now, for the age; Date.now by default. */
  now?: () => number;
}

export class CachedTenantGateway implements TenantGateway {
  private cached?: Promise<TenantSnapshot>;
  private readAt = 0;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: TenantGateway,
    options: CacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
  }

  readSnapshot(): Promise<TenantSnapshot> {
    if (this.cached && this.now() - this.readAt > this.maxAgeMs) this.cached = undefined;
    if (!this.cached) {
      this.readAt = this.now();
      this.cached = this.inner.readSnapshot().catch((error: unknown) => {
        this.cached = undefined;
        throw error;
      });
    }
    return this.cached;
  }

  /** Drops the copy, so the next read sees changes made elsewhere (another bot instance, the admin centre). */
  forget(): void {
    this.cached = undefined;
  }

  async createSubscription(request: CreateSubscriptionRequest): Promise<{ subscriptionId: string }> {
    return this.writing(() => this.inner.createSubscription(request));
  }

  async replaceLicences(batch: LicenceReplacement[]): Promise<BatchOutcome> {
    return this.writing(() => this.inner.replaceLicences(batch));
  }

  async cancelSubscription(subscriptionId: string, on: string): Promise<void> {
    return this.writing(() => this.inner.cancelSubscription(subscriptionId, on));
  }

  private async writing<T>(write: () => Promise<T>): Promise<T> {
    this.cached = undefined;
    try {
      return await write();
    } finally {
      this.cached = undefined;
    }
  }
}
