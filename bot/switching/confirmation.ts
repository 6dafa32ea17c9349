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

export interface ConfirmationStore {
  save(confirmation: Confirmation): Promise<void>;
  /** Spends the confirmation if it is open, unexpired and `userId`'s: exactly one caller ever gets ok. */
  claim(id: string, userId: string, now: string): Promise<ClaimOutcome>;
  /** Closes an open confirmation without starting anything. */
  decline(id: string, userId: string): Promise<ClaimOutcome>;
}
