import type { LicenceReplacement } from './licence-replacement';
import type { TenantSnapshot } from './snapshot/schema';

// The port the switch runner talks to a tenant through: the in-memory and file gateways in
// domain/gateways/, a Microsoft Graph adapter elsewhere. Every write is idempotent, so a runner
// resumed after a crash can repeat the call it was in the middle of.

export interface CreateSubscriptionRequest {
  /** Calling again with the same key returns the subscription the first call created and creates nothing. */
  idempotencyKey: string;
  /** The subscription whose billing terms (frequency, payment method, currency, segment) the new one takes. */
  basedOnSubscriptionId: string;
  planId: string;
  /** YYYY-MM-DD: the day the new subscription's billing starts. */
  startDate: string;
  /** Licences on top of the old subscription's count. */
  addLicenses?: number;
}

/**
 * done / already-done: the user holds the new licence and not the old one. failed: it did not happen
 * but may on another try (throttled, unavailable). refused: the tenant said no for a reason another try
 * does not change (NOT_ENOUGH_LICENSES, USAGE_LOCATION_MISSING, …). skipped: not sent, because what the
 * user holds shows it would not do what was asked (the licence comes from a group, …). Refused and
 * skipped users are final: the move goes on with the others.
 */
export type BatchItemStatus = 'done' | 'already-done' | 'failed' | 'refused' | 'skipped';

export interface BatchItemOutcome {
  userId: string;
  status: BatchItemStatus;
  /** A code for an item not done, e.g. USER_NOT_FOUND, LICENCE_NOT_HELD, NOT_ENOUGH_LICENSES, LICENSED_BY_GROUP. */
  error?: string;
  /** LICENSED_BY_GROUP, CONFLICTING_SERVICE_PLANS: the groups the licence comes from (ids). */
  groupIds?: string[];
  /** done: other licences removed in the same step because their service plans conflict with the new one (subscription ids). */
  alsoRemoved?: string[];
}

/** One outcome per item of the batch, in the batch's order. */
export interface BatchOutcome {
  items: BatchItemOutcome[];
  /**
   * Members of a group whose licence the move changed who were not in the batch but also held the old
   * licence directly: done (that direct licence removed, so they do not hold both) or not, with why.
   */
  alsoChanged?: BatchItemOutcome[];
  /**
   * Groups (ids) whose licence the move changed but whose members the app was not allowed to list: their
   * members not chosen who also hold the old licence directly may now hold both.
   */
  membersUnread?: string[];
}

export interface TenantGateway {
  readSnapshot(): Promise<TenantSnapshot>;
  createSubscription(request: CreateSubscriptionRequest): Promise<{ subscriptionId: string }>;
  /** Each item removes one licence and adds the other in one step; an item already done reports `already-done`. */
  replaceLicences(batch: readonly LicenceReplacement[]): Promise<BatchOutcome>;
  /** Stops the subscription's billing on `on` (YYYY-MM-DD); cancelling again changes nothing. */
  cancelSubscription(subscriptionId: string, on: string): Promise<void>;
}
