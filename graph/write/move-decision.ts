import type { LicenceReplacement } from '../../domain/licence-replacement';
import { translateDisabledPlans } from '../mapping/service-plans';
import type { HeldLicence, LicenceState } from './licence-state';
import { plansConflict } from './plan-conflicts';

// What one user's licence move needs, decided from what the user holds right now: nothing (done), not
// to be sent (and why), or the one assignLicense call that keeps what the user had
// (https://learn.microsoft.com/en-us/graph/api/user-assignlicense): the target SKU added with the
// source's disabledPlans translated service plan by service plan, the source and any SKU whose plans
// conflict with the target's removed in the same call, so the user is never without a licence and
// never ends with both.

/** A SKU's service plans, as GET /subscribedSkus lists them. */
export interface SkuPlans {
  skuId: string;
  servicePlans: { servicePlanId: string; servicePlanName: string; appliesTo?: string | null }[];
}

export interface AssignLicenseBody {
  addLicenses: { skuId: string; disabledPlans: string[] }[];
  removeLicenses: string[];
}

export type MoveDecision =
  | { kind: 'done' }
  /** The user has no usage location and the admin chose one for such users: set it first (PATCH /users/{id}). */
  | { kind: 'set-location'; usageLocation: string }
  | { kind: 'skip'; code: 'LICENCE_NOT_HELD' | 'LICENSED_BY_GROUP' | 'USAGE_LOCATION_MISSING' | 'CONFLICTING_SERVICE_PLANS' | 'SUBSCRIPTION_NOT_FOUND'; groupIds?: string[] }
  | { kind: 'write'; body: AssignLicenseBody; needsSeat: boolean; alsoRemoved: string[] };

const lower = (id: string) => id.toLowerCase();

function enabledPlanNames(sku: SkuPlans | undefined, disabled: readonly string[]): string[] {
  const off = new Set(disabled.map(lower));
  return (sku?.servicePlans ?? []).filter((p) => !off.has(lower(p.servicePlanId))).map((p) => p.servicePlanName);
}

export function decideMove(replacement: LicenceReplacement, state: Extract<LicenceState, { kind: 'known' }>, skus: ReadonlyMap<string, SkuPlans>): MoveDecision {
  const add = lower(replacement.addSubscriptionId);
  const remove = lower(replacement.removeSubscriptionId);
  const source = state.licences.get(remove);
  const target = state.licences.get(add);
  if (target && !source) return { kind: 'done' };
  if (!source) return { kind: 'skip', code: 'LICENCE_NOT_HELD' };
  // Only a direct assignment can be removed; one inherited from a group stays, so the user would keep it
  // (and, with the target added, hold both).
  if (!source.direct || source.groupIds.length > 0) return { kind: 'skip', code: 'LICENSED_BY_GROUP', groupIds: [...source.groupIds] };
  const targetSku = skus.get(add);
  if (!targetSku) return { kind: 'skip', code: 'SUBSCRIPTION_NOT_FOUND' };
  const needsSeat = !target;
  if (needsSeat && state.usageLocation === null) {
    return replacement.setUsageLocation ? { kind: 'set-location', usageLocation: replacement.setUsageLocation } : { kind: 'skip', code: 'USAGE_LOCATION_MISSING' };
  }

  const sourceSku = skus.get(remove);
  // Only a user-level plan can be switched off for one user (servicePlanInfo.appliesTo,
  // https://learn.microsoft.com/en-us/graph/api/resources/serviceplaninfo); a company-level one stays as it is.
  const companyPlans = new Set(targetSku.servicePlans.filter((p) => p.appliesTo?.toLowerCase() === 'company').map((p) => lower(p.servicePlanId)));
  const disabledPlans = target
    ? target.disabledPlans
    : translateDisabledPlans(sourceSku?.servicePlans ?? [], targetSku.servicePlans, source.directDisabledPlans).disabledPlanIds.filter((id) => !companyPlans.has(lower(id)));
  const targetOn = enabledPlanNames(targetSku, disabledPlans);
  const alsoRemoved: string[] = [];
  const conflictGroups: string[] = [];
  for (const [key, other] of state.licences as Map<string, HeldLicence>) {
    if (key === add || key === remove) continue;
    if (!plansConflict(targetOn, enabledPlanNames(skus.get(key), other.disabledPlans))) continue;
    if (other.groupIds.length > 0 || !other.direct) conflictGroups.push(...other.groupIds);
    else alsoRemoved.push(other.skuId);
  }
  if (conflictGroups.length > 0) return { kind: 'skip', code: 'CONFLICTING_SERVICE_PLANS', groupIds: [...new Set(conflictGroups)] };
  return {
    kind: 'write',
    needsSeat,
    alsoRemoved,
    body: {
      addLicenses: target ? [] : [{ skuId: replacement.addSubscriptionId, disabledPlans }],
      removeLicenses: [replacement.removeSubscriptionId, ...alsoRemoved],
    },
  };
}
