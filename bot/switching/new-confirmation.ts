import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { OfferRequest } from '../../conversation/switch-offers';
import type { Confirmation } from './confirmation';

/** How long a confirmation card can be pressed, unless the service is told otherwise. */
export const DEFAULT_CONFIRMATION_TTL_MS = 15 * 60_000;

/** The confirmation a card offers for the request: open from `created` for `ttlMs`. */
export function newConfirmation(request: OfferRequest<Partial<ConversationReference>>, created: Date, ttlMs: number): Confirmation {
  return {
    id: randomUUID(),
    tenantId: request.tenantId,
    kind: request.kind,
    subscriptionId: request.subscriptionId,
    ...(request.kind === 'automatic-change'
      ? { toPlan: request.toPlan }
      : { toSubscriptionId: request.toSubscriptionId, userIds: request.userIds, ...(request.setUsageLocation ? { setUsageLocation: request.setUsageLocation } : {}), ...(request.moveGroupIds?.length ? { moveGroupIds: request.moveGroupIds } : {}) }),
    requestedBy: request.identity.userId,
    createdAt: created.toISOString(),
    expiresAt: new Date(created.getTime() + ttlMs).toISOString(),
    lng: request.lng,
    conversation: request.conversation,
  };
}
