import { check } from '../../domain/eligibility';
import type { Blocker } from '../../domain/findings';
import { planMove } from '../../domain/move-users';
import { allowedRoles, type Action } from '../../domain/roles';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { BillingAccountType } from '../../domain/vocabulary';
import type { Identity } from '../../conversation/identity';
import type { Confirmation } from './confirmation';

// What is checked again when a confirmation card is pressed, on the tenant as it is now, not as it was
// when the card was shown.

/** The refusal of a press by someone without the role: it names the roles that may do what the card was for. */
export function roleRequired(confirmation: Confirmation, billingAccountType: BillingAccountType = 'MOSA'): Blocker {
  const action: Action = confirmation.kind === 'move-users' ? { kind: 'assign-licences' } : { kind: 'change-plan', billingAccountType };
  return { code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: allowedRoles(action) };
}

/** What stands in the way of the confirmed change today; none: it may start. */
export function blockersNow(snapshot: TenantSnapshot, confirmation: Confirmation, identity: Identity, today: () => string): Blocker[] {
  if (confirmation.kind === 'automatic-change') {
    const result = check(snapshot, { subscriptionId: confirmation.subscriptionId, toPlan: confirmation.toPlan!, asUpn: identity.upn, today: today() });
    if (!result.ok) return [{ code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: 'deleted', markedIneligible: true }];
    return result.value.path === 'manual' ? result.value.blockers : result.value.blockers;
  }
  const plan = planMove(snapshot, { fromSubscriptionId: confirmation.subscriptionId, toSubscriptionId: confirmation.toSubscriptionId!, userIds: confirmation.userIds!, asUpn: identity.upn });
  return plan.ok ? plan.value.blockers : [{ code: 'USERS_NOT_ON_SUBSCRIPTION', userIds: confirmation.userIds!, subscriptionId: confirmation.subscriptionId }];
}
