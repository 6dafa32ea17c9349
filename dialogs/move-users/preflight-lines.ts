import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import type { Preflight, PreflightUser } from '../../domain/move-preflight';
import type { TenantSnapshot } from '../../domain/snapshot/schema';

// The pre-flight on the confirmation card, in the admin's words: who will not move and why (with what to
// do first), which switched-off services are carried over, and which clashing licences go in the same step.

/** Names a line spells out before "and N more". */
const NAMES_PER_LINE = 20;

export interface PreflightLines {
  /** How many of the chosen users will move. */
  moving: number;
  /** User ids that will move, in the chosen order. */
  movingIds: string[];
  lines: string[];
}

export function preflightLines(t: TFunction, snapshot: TenantSnapshot, preflight: Preflight): PreflightLines {
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  const groups = new Map((snapshot.groups ?? []).map((g) => [g.id, g.displayName]));
  const subscriptions = new Map(snapshot.subscriptions.map((s) => [s.id, s]));
  const name = (id: string) => users.get(id)?.displayName || users.get(id)?.upn || id;
  const names = (list: readonly PreflightUser[]) => {
    const all = list.map((u) => name(u.userId));
    return all.length <= NAMES_PER_LINE ? all.join(', ') : t('moveResult:andMore', { names: all.slice(0, NAMES_PER_LINE).join(', '), count: all.length - NAMES_PER_LINE });
  };
  const groupNames = (list: readonly PreflightUser[]) =>
    [...new Set(list.flatMap((u) => ('groupIds' in u ? u.groupIds : [])))].map((g) => groups.get(g) ?? g).join(', ');
  const of = <K extends PreflightUser['kind']>(kind: K) => preflight.users.filter((u): u is Extract<PreflightUser, { kind: K }> => u.kind === kind);

  const moving = of('moves');
  const lines: string[] = [];
  const carried = moving.filter((u) => u.carried.length > 0).map((u) => `${name(u.userId)} (${u.carried.map((s) => t(`rules:services.${s}`)).join(', ')})`);
  if (carried.length > 0) lines.push(t('moveResult:preflight.carried', { list: carried.join('; ') }));
  const removed = moving
    .filter((u) => u.alsoRemoved.length > 0)
    .map((u) => `${name(u.userId)} (${u.alsoRemoved.map((id) => findPlan(subscriptions.get(id)?.planId ?? '')?.name ?? id).join(', ')})`);
  if (removed.length > 0) lines.push(t('moveResult:preflight.alsoRemoved', { list: removed.join('; ') }));
  const group = of('licensed-by-group');
  if (group.length > 0) lines.push(t('moveResult:preflight.group', { count: group.length, groups: groupNames(group), names: names(group) }));
  const noLocation = of('no-usage-location');
  if (noLocation.length > 0) lines.push(t('moveResult:preflight.noLocation', { count: noLocation.length, names: names(noLocation) }));
  const clash = of('conflict-from-group');
  if (clash.length > 0) lines.push(t('moveResult:preflight.conflictGroup', { count: clash.length, groups: groupNames(clash), names: names(clash) }));
  const noLicence = of('no-licence-left');
  if (noLicence.length > 0) lines.push(t('moveResult:preflight.noLicence', { count: noLicence.length, names: names(noLicence) }));
  return { moving: moving.length, movingIds: moving.map((u) => u.userId), lines };
}
