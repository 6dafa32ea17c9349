import type { Blocker } from '../findings';
import type { Subscription } from '../snapshot/schema';
import { trialBlocker } from './shared';

/**
 * What holds back an automatic change under an MCA billing account. The sv article's "why can't I change
 * plans" table is for MOSA only, but a subscription must still be active (step 2 of the manual path asks both
 * to be Active), a trial is bought first (the nb article's note), and one change at a time runs on a subscription.
 */
export function mcaChangeBlockers(subscription: Subscription): Blocker[] {
  const blockers: (Blocker | undefined)[] = [
    trialBlocker(subscription),
    subscription.status !== 'active' && subscription.status !== 'trial'
      ? { code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: subscription.id, status: subscription.status }
      : undefined,
    subscription.changeInProgress
      ? {
          code: 'CHANGE_OR_CREDIT_CHECK_PENDING',
          changeInProgress: true,
          creditCheckPending: false,
          subscriptionIds: [subscription.id],
          onThisSubscription: true,
          maxWait: { amount: 2, unit: 'business-days' },
        }
      : undefined,
  ];
  return blockers.filter((b): b is Blocker => b !== undefined);
}
