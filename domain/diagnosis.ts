import { automaticTargets, findPlan, wizardTargets } from './catalogue';
import { automaticChangeBlockers } from './blockers/automatic';
import { mcaChangeBlockers } from './blockers/mca';
import { wizardBlockers } from './blockers/wizard';
import type { Blocker } from './findings';
import { roleGate } from './roles';
import type { TenantSnapshot } from './snapshot/schema';
import { indexTenant, licenceHolders } from './tenant-index';

export interface SubscriptionDiagnosis {
  subscriptionId: string;
  planId: string;
  /** How this subscription's plan changes: automatically (MOSA or MCA) or with the older wizard. */
  way: 'automatic' | 'legacy-wizard';
  /** What blocks every change of this subscription, whichever plan is chosen. */
  blockers: Blocker[];
  /** Plans it can change to that way (before the blockers are fixed). */
  targets: string[];
}

/** "Why can't I change plans?": every live subscription of the tenant at once. */
export function diagnoseTenant(tenant: TenantSnapshot, asUpn?: string): SubscriptionDiagnosis[] {
  const index = indexTenant(tenant);
  return tenant.subscriptions
    .filter((s) => s.status !== 'deleted')
    .map((subscription) => {
      const from = findPlan(subscription.planId)!;
      const users = licenceHolders(index, subscription.id).length;
      const legacy = from.generation === 'legacy';
      const targets = legacy ? [...wizardTargets(from.id)] : automaticTargets(from).map((p) => p.id);
      // Blockers that hold whatever the target: judge against the plan itself, then drop the target's own.
      const blockers = legacy
        ? wizardBlockers(tenant, subscription, from, from, users).filter((b) => b.code !== 'WIZARD_PAIR_NOT_ELIGIBLE')
        : tenant.tenant.billingAccountType === 'MOSA'
          ? automaticChangeBlockers(tenant, subscription, from, from, users)
          : mcaChangeBlockers(subscription);
      if (targets.length === 0 && !legacy) blockers.push({ code: 'TARGET_NOT_SUPPORTED', reason: 'not-offered', services: [] });
      if (asUpn !== undefined) {
        const action = legacy ? ({ kind: 'wizard', from } as const) : ({ kind: 'change-plan', billingAccountType: tenant.tenant.billingAccountType } as const);
        const refused = roleGate(index, asUpn, action);
        if (refused) blockers.push(refused);
      }
      return { subscriptionId: subscription.id, planId: from.id, way: legacy ? 'legacy-wizard' : 'automatic', blockers, targets } as SubscriptionDiagnosis;
    });
}
