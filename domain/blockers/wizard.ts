import { isWizardPair, wizardTargets, type Plan } from '../catalogue';
import type { Blocker } from '../findings';
import type { Subscription, TenantSnapshot } from '../snapshot/schema';
import { changeOrCreditCheckPending, licenceConflict, notActiveOrIneligible, serviceNotReady } from './shared';

export const WIZARD_USER_LIMIT = 300;
export const SMALL_BUSINESS_LEGACY_LIMIT = 25;

/** Every blocker of the older switch-plans wizard (domain-rules.md section 4, the nb article). */
export function wizardBlockers(tenant: TenantSnapshot, subscription: Subscription, from: Plan, to: Plan, users: number): Blocker[] {
  const blockers: (Blocker | undefined)[] = [
    licenceConflict(subscription, users),
    serviceNotReady(subscription, from, tenant),
    changeOrCreditCheckPending(tenant, subscription, 'weeks'),
    notActiveOrIneligible(subscription),
    users > WIZARD_USER_LIMIT ? { code: 'WIZARD_TOO_MANY_USERS', users, limit: WIZARD_USER_LIMIT } : undefined,
    from.id === 'o365-small-business' && subscription.beforeServiceUpgrade && users > SMALL_BUSINESS_LEGACY_LIMIT
      ? { code: 'SMALL_BUSINESS_LEGACY_25', users, limit: SMALL_BUSINESS_LEGACY_LIMIT }
      : undefined,
    subscription.paymentMethod === 'prepaid-product-key' ? { code: 'PREPAID_NOT_SUPPORTED' } : undefined,
    isWizardPair(from.id, to.id) ? undefined : { code: 'WIZARD_PAIR_NOT_ELIGIBLE', eligibleTargets: [...wizardTargets(from.id)] },
  ];
  return blockers.filter((b): b is Blocker => b !== undefined);
}
