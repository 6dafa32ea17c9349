import type { ConversationReference } from 'botbuilder';
import type { Language } from '../../i18n/languages';

/** A confirmation card's promise: one press by the person it was shown to, before it expires, starts one job. */
export interface Confirmation {
  id: string;
  tenantId: string;
  kind: 'automatic-change' | 'move-users';
  subscriptionId: string;
  toPlan?: string;
  toSubscriptionId?: string;
  userIds?: string[];
  /** A move: the usage location to give users who have none first (the admin's choice on the card). */
  setUsageLocation?: string;
  /** A move: the groups whose licence to move too (every member's), as the admin chose on the card. */
  moveGroupIds?: string[];
  /** The user id (never a UPN) of the person the card was shown to. */
  requestedBy: string;
  createdAt: string;
  expiresAt: string;
  lng: Language;
  conversation: Partial<ConversationReference>;
}

export type ClaimOutcome =
  | { ok: true; confirmation: Confirmation }
  | { ok: false; reason: 'unknown' | 'already-handled' | 'expired' | 'not-yours' };

/**
 * Who pressed: the person's user id within their organisation. Object ids are unique in Entra, but the
 * bot serves many organisations whose ids it does not control (demo and file tenants share them), so a
 * press from another organisation never spends a confirmation, even with the same user id.
 */
export interface Requester {
  tenantId: string;
  userId: string;
}

export interface ConfirmationStore {
  save(confirmation: Confirmation): Promise<void>;
  /** Spends the confirmation if it is open, unexpired and the requester's: exactly one caller ever gets ok. */
  claim(id: string, requester: Requester, now: string): Promise<ClaimOutcome>;
  /** Closes an open confirmation without starting anything. */
  decline(id: string, requester: Requester): Promise<ClaimOutcome>;
}

/** Whether the confirmation was shown to this requester (same organisation, same user). */
export const isRequester = (confirmation: Confirmation, requester: Requester): boolean =>
  confirmation.requestedBy === requester.userId && confirmation.tenantId === requester.tenantId;
