import { translateDisabledPlans } from '../mapping/service-plans';
import type { LicenceState } from './licence-state';
import type { AssignLicenseBody, SkuPlans } from './move-decision';

// What moving a group's licence needs (group-based licensing, the admin's choice on the confirmation
// card): the one POST /groups/{id}/assignLicense call
// (https://learn.microsoft.com/en-us/graph/api/group-assignlicense) that adds the target SKU with the
// group's switched-off plans translated service plan by service plan and removes the source SKU, and,
// after it, how far Entra's background processing has come for one member.

const lower = (id: string) => id.toLowerCase();

export type GroupMoveDecision =
  /** The group carries the target and not the source: moved already. */
  | { kind: 'done' }
  /** The group does not carry the source licence: nothing to move at the group. */
  | { kind: 'not-held' }
  | { kind: 'write'; body: AssignLicenseBody };

export function decideGroupMove(
  groupLicences: readonly { skuId: string; disabledPlans?: string[] | null }[],
  fromSkuId: string,
  toSkuId: string,
  skus: ReadonlyMap<string, SkuPlans>,
): GroupMoveDecision {
  const source = groupLicences.find((l) => lower(l.skuId) === lower(fromSkuId));
  const target = groupLicences.find((l) => lower(l.skuId) === lower(toSkuId));
  if (!source) return target ? { kind: 'done' } : { kind: 'not-held' };
  const targetSku = skus.get(lower(toSkuId));
  // Only a user-level plan can be switched off (servicePlanInfo.appliesTo); a company-level one stays on.
  const companyPlans = new Set((targetSku?.servicePlans ?? []).filter((p) => p.appliesTo?.toLowerCase() === 'company').map((p) => lower(p.servicePlanId)));
  const disabledPlans = target
    ? [...(target.disabledPlans ?? [])]
    : translateDisabledPlans(skus.get(lower(fromSkuId))?.servicePlans ?? [], targetSku?.servicePlans ?? [], source.disabledPlans ?? []).disabledPlanIds.filter((id) => !companyPlans.has(lower(id)));
  return { kind: 'write', body: { addLicenses: target ? [] : [{ skuId: toSkuId, disabledPlans }], removeLicenses: [fromSkuId] } };
}

export type MemberProgress =
  /** The target licence from the group is active for the member. */
  | { kind: 'active' }
  /** Entra could not give it (CountViolation: no licence left, MutuallyExclusiveViolation, …). */
  | { kind: 'error'; error: string }
  /** Not processed yet. */
  | { kind: 'pending' };

/** How far the group's change has reached the member, from their licenseAssignmentStates. */
export function memberProgress(state: Extract<LicenceState, { kind: 'known' }>, toSkuId: string, groupIds: readonly string[]): MemberProgress {
  const groups = new Set(groupIds.map(lower));
  const fromGroup = state.assignments.filter((a) => lower(a.skuId) === lower(toSkuId) && a.groupId !== null && groups.has(lower(a.groupId)));
  const failed = fromGroup.find((a) => a.error !== '' && lower(a.error) !== 'none');
  if (failed) return { kind: 'error', error: failed.error };
  if (fromGroup.some((a) => lower(a.state) === 'active') && state.skuIds.has(lower(toSkuId))) return { kind: 'active' };
  return { kind: 'pending' };
}

/** The reason code a member's group error is reported with. */
export function groupErrorCode(error: string): string {
  return lower(error) === 'countviolation' ? 'GROUP_COUNT_VIOLATION' : `GROUP_${error}`;
}
