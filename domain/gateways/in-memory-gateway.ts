import type { LicenceReplacement } from '../licence-replacement';
import type { TenantSnapshot } from '../snapshot/schema';
import type { BatchOutcome, CreateSubscriptionRequest, TenantGateway } from '../tenant.port';
import { TenantLedger } from './tenant-ledger';

export interface GatewayWrites {
  /** Write calls received (createSubscription, replaceLicences, cancelSubscription). */
  calls: number;
  subscriptionsCreated: number;
  /** Replacement items received, including ones already done or failed. */
  licenceItems: number;
  /** Users whose licences actually changed. */
  licencesReplaced: number;
  subscriptionsCancelled: number;
}

/** A tenant held in memory: the demo's and the tests' stand-in for Microsoft 365. */
export class InMemoryTenantGateway implements TenantGateway {
  private readonly ledger: TenantLedger;
  readonly writes: GatewayWrites = { calls: 0, subscriptionsCreated: 0, licenceItems: 0, licencesReplaced: 0, subscriptionsCancelled: 0 };

  constructor(snapshot: TenantSnapshot) {
    this.ledger = new TenantLedger(structuredClone(snapshot));
  }

  /** The tenant as it stands now (a copy). */
  snapshot(): TenantSnapshot {
    return structuredClone(this.ledger.snapshot());
  }

  async readSnapshot(): Promise<TenantSnapshot> {
    return this.snapshot();
  }

  async createSubscription(request: CreateSubscriptionRequest): Promise<{ subscriptionId: string }> {
    this.writes.calls += 1;
    const { subscriptionId, created } = this.ledger.createSubscription(request);
    if (created) this.writes.subscriptionsCreated += 1;
    return { subscriptionId };
  }

  async replaceLicences(batch: readonly LicenceReplacement[]): Promise<BatchOutcome> {
    this.writes.calls += 1;
    this.writes.licenceItems += batch.length;
    const { outcome, written } = this.ledger.replaceLicences(batch);
    this.writes.licencesReplaced += written;
    return outcome;
  }

  async cancelSubscription(subscriptionId: string, _on: string): Promise<void> {
    this.writes.calls += 1;
    if (this.ledger.cancelSubscription(subscriptionId)) this.writes.subscriptionsCancelled += 1;
  }
}
