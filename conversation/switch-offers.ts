import type { SwitchJob } from '../domain/switch-job';
import type { Language } from '../i18n/languages';
import type { Identity } from './identity';

/**
 * A change the person asked for, to be confirmed on a card. `Address` is where the conversation can be
 * reached later (botbuilder's ConversationReference, which the dialog reads from its turn): this layer
 * only carries it to the switch service, so it names no SDK type.
 */
export type OfferRequest<Address = object> = {
  identity: Identity;
  tenantId: string;
  lng: Language;
  conversation: Address;
} & (
  | { kind: 'automatic-change'; subscriptionId: string; toPlan: string }
  /** setUsageLocation: a move that first gives users without a usage location this one (two letters). */
  | { kind: 'move-users'; subscriptionId: string; toSubscriptionId: string; userIds: string[]; setUsageLocation?: string; moveGroupIds?: string[] }
);

/** What the dialogs ask of the switch service (bot/switching/switch-service.ts). */
export interface SwitchOffers {
  /** A confirmation for the request, whose id the confirmation card carries; throws when too many were asked for lately. */
  offer(request: OfferRequest): Promise<{ id: string }>;
  /** The tenant's switch jobs. */
  listJobs(tenantId: string): Promise<SwitchJob[]>;
}
