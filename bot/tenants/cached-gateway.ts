import type { LicenceReplacement } from '../../domain/licence-replacement';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { BatchOutcome, CreateSubscriptionRequest, TenantGateway } from '../../domain/tenant.port';

/**
 * Keeps the last snapshot read through a gateway so that a conversation turn does not re-read and
 * re-validate the tenant; any write through it drops the copy, so the next read sees the change.
 */
export class CachedTenantGateway implements TenantGateway {
  private cached?: Promise<TenantSnapshot>;

  constructor(private readonly inner: TenantGateway) {}

  readSnapshot(): Promise<TenantSnapshot> {
    this.cached ??= this.inner.readSnapshot().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
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
