import type { TFunction } from 'i18next';
import { movedCount, type NotMoved, type SwitchJob } from '../domain/switch-job';
import type { TenantSnapshot } from '../domain/snapshot/schema';

// The result of a move, per user, in the admin's language: how many moved of how many, and for everyone
// not moved the reason (Graph's refusal turned into words) and what to do, with their names.

/** Reasons in the order the message gives them; any other code is told as "refused by Microsoft 365 (code)". */
const KNOWN_REASONS = [
  'ACCESS_DENIED',
  'THROTTLED',
  'GRAPH_UNAVAILABLE',
  'NOT_ENOUGH_LICENSES',
  'LICENSED_BY_GROUP',
  'GROUP_LICENCE_NOT_ALLOWED',
  'GROUP_COUNT_VIOLATION',
  'GROUP_LICENCE_PENDING',
  'GROUP_LICENCE_PENDING_DIRECT',
  'USAGE_LOCATION_MISSING',
  'USAGE_LOCATION_NOT_ALLOWED',
  'CONFLICTING_SERVICE_PLANS',
  'DEPENDENT_SERVICE_PLANS',
  'PROHIBITED_IN_USAGE_LOCATION',
  'LICENCE_NOT_HELD',
  'USER_NOT_FOUND',
] as const;

/** How many names a line of the message spells out; the full list is on the result card. */
export const NAMES_IN_TEXT = 20;

/** Who the ids are: user display names and the names of groups that carry licences. */
export interface MovePeople {
  userName(userId: string): string;
  groupName(groupId: string): string;
}

export function peopleOf(snapshot: TenantSnapshot | undefined): MovePeople {
  const users = new Map((snapshot?.users ?? []).map((u) => [u.id, u.displayName || u.upn]));
  const groups = new Map((snapshot?.groups ?? []).map((g) => [g.id, g.displayName]));
  return { userName: (id) => users.get(id) ?? id, groupName: (id) => groups.get(id) ?? id };
}

export interface ReasonPart {
  code: string;
  title: string;
  fix: string;
  names: string[];
}

export interface MoveResult {
  summary: string;
  reasons: ReasonPart[];
}

function listNames(t: TFunction, names: readonly string[], limit: number): string {
  if (names.length <= limit) return names.join(', ');
  return t('moveResult:andMore', { names: names.slice(0, limit).join(', '), count: names.length - limit });
}

export function moveResult(t: TFunction, job: SwitchJob, people: MovePeople, namesPerLine = NAMES_IN_TEXT): MoveResult {
  const total = job.replacements.length;
  const { moved, notMoved, failed, untried } = moveCounts(job);
  const unread = membersUnreadPart(t, job, people, namesPerLine);
  // Then the summary must not say that nobody holds both licences.
  const mayHoldBoth =
    unread !== undefined ||
    notMoved.some((n) => n.error === 'GROUP_LICENCE_PENDING_DIRECT') ||
    (job.alsoChanged ?? []).some((a) => !a.moved && mayHoldBothLicences(a.error));
  const summary =
    job.step === 'failed'
      ? t(mayHoldBoth ? 'moveResult:stoppedMayHoldBoth' : 'moveResult:stopped', { failed: failed.length, count: total, untried, moved })
      : notMoved.length === 0
        ? t('bot:switch.done.move', { count: total })
        : t(mayHoldBoth ? 'moveResult:summaryMayHoldBoth' : 'moveResult:summary', { moved, count: total, notMoved: notMoved.length });
  const also = alsoChangedParts(t, job, people, namesPerLine);
  const byReason = new Map<string, NotMoved[]>();
  for (const n of notMoved) {
    const key = (KNOWN_REASONS as readonly string[]).includes(n.error) ? n.error : `other:${n.error}`;
    byReason.set(key, [...(byReason.get(key) ?? []), n]);
  }
  const order = (key: string) => {
    const i = (KNOWN_REASONS as readonly string[]).indexOf(key);
    return i < 0 ? KNOWN_REASONS.length : i;
  };
  const reasons = [...byReason.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([key, users]): ReasonPart => {
      const names = users.map((u) => people.userName(u.userId));
      const count = users.length;
      const known = !key.startsWith('other:');
      const code = known ? key : key.slice('other:'.length);
      const groups = [...new Set(users.flatMap((u) => u.groupIds ?? []))].map((g) => people.groupName(g)).join(', ');
      const base = known ? `moveResult:reasons.${code}` : 'moveResult:reasons.other';
      return { code, names, title: t(`${base}.title`, { count, names: listNames(t, names, namesPerLine), groups, code }), fix: t(`${base}.fix`, { count }) };
    });
  return { summary: also.moved ? `${summary} ${also.moved}` : summary, reasons: [...reasons, ...(also.kept ? [also.kept] : []), ...(unread ? [unread] : [])] };
}

/**
 * Whether a group member nobody chose who kept the direct old licence (for `error`) may hold the group's new
 * one as well: yes while the group's licence is still on its way to them, or when the new licence had
 * reached them but the removal did not go through; no when the group could not give it to them
 * (GROUP_COUNT_VIOLATION and Entra's other GROUP_ errors) or the user is gone.
 */
function mayHoldBothLicences(error: string | undefined): boolean {
  if (error === 'GROUP_LICENCE_PENDING') return true;
  return error === undefined || !(error.startsWith('GROUP_') || error === 'USER_NOT_FOUND');
}

/**
 * Moved groups whose members the app was not allowed to list (job.membersUnread): which groups, that
 * members nobody chose may now hold both licences, and how to find them or let the app do it.
 */
function membersUnreadPart(t: TFunction, job: SwitchJob, people: MovePeople, namesPerLine: number): ReasonPart | undefined {
  const groups = (job.membersUnread ?? []).map((g) => people.groupName(g));
  if (groups.length === 0) return undefined;
  return {
    code: 'MEMBERS_UNREAD',
    names: groups,
    title: t('moveResult:membersUnread.title', { count: groups.length, groups: listNames(t, groups, namesPerLine) }),
    fix: t('moveResult:membersUnread.fix'),
  };
}

/**
 * Group members nobody chose who also held the old licence directly (job.alsoChanged): a sentence after
 * the summary for those whose direct old licence was removed, and a reason for those who kept it.
 */
function alsoChangedParts(t: TFunction, job: SwitchJob, people: MovePeople, namesPerLine: number): { moved?: string; kept?: ReasonPart } {
  const list = job.alsoChanged ?? [];
  const groupsOf = (items: typeof list) => [...new Set(items.flatMap((a) => a.groupIds ?? []))].map((g) => people.groupName(g)).join(', ');
  const movedOnes = list.filter((a) => a.moved);
  const keptOnes = list.filter((a) => !a.moved);
  const movedNames = movedOnes.map((a) => people.userName(a.userId));
  const keptNames = keptOnes.map((a) => people.userName(a.userId));
  return {
    ...(movedOnes.length > 0 ? { moved: t('moveResult:alsoChanged.moved', { count: movedOnes.length, groups: groupsOf(movedOnes), names: listNames(t, movedNames, namesPerLine) }) } : {}),
    ...(keptOnes.length > 0
      ? {
          kept: {
            code: 'ALSO_CHANGED_KEPT_OLD',
            names: keptNames,
            title: t('moveResult:alsoChanged.kept.title', { count: keptOnes.length, groups: groupsOf(keptOnes), names: listNames(t, keptNames, namesPerLine) }),
            fix: t('moveResult:alsoChanged.kept.fix', { count: keptOnes.length }),
          },
        }
      : {}),
  };
}

/**
 * Who a move moved and who not: the users it went past (job.notMoved) and, for a move that stopped, the
 * users of the batch it stopped at that failed (job.failures) and those after it, not tried.
 */
export function moveCounts(job: SwitchJob): { moved: number; notMoved: NotMoved[]; failed: NotMoved[]; untried: number } {
  // A job past the retention time keeps its counts, not its users.
  if (job.summary) return { moved: job.summary.moved, notMoved: [], failed: [], untried: 0 };
  const total = job.replacements.length;
  const failed: NotMoved[] = job.step === 'failed' ? (job.failures ?? []).map((f) => ({ userId: f.userId, status: 'refused', error: f.error ?? 'UNKNOWN' })) : [];
  const notMoved = [...(job.notMoved ?? []), ...failed];
  if (job.step !== 'failed') return { moved: movedCount(job), notMoved, failed, untried: 0 };
  // The batch it stopped at: its users not failed and not gone past moved; those after it were not tried.
  const reached = job.replacements.slice(0, Math.min(job.cursor + job.batchSize, total)).map((r) => r.userId);
  const notDone = new Set(notMoved.map((n) => n.userId));
  return { moved: reached.filter((id) => !notDone.has(id)).length, notMoved, failed, untried: total - reached.length };
}

/** The result as one chat message: the summary, then each reason with its names and what to do. */
export function moveResultText(t: TFunction, job: SwitchJob, people: MovePeople): string {
  const { summary, reasons } = moveResult(t, job, people);
  return [summary, ...reasons.map((r) => `${r.title} ${r.fix}`)].join('\n\n');
}

/** For the status card: each reason's short name and how many users it kept back, in the message's order. */
export function notMovedSummary(t: TFunction, job: SwitchJob): string {
  const counts = new Map<string, number>();
  for (const n of moveCounts(job).notMoved) {
    const key = (KNOWN_REASONS as readonly string[]).includes(n.error) ? n.error : 'other';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = (key: string) => ((KNOWN_REASONS as readonly string[]).includes(key) ? (KNOWN_REASONS as readonly string[]).indexOf(key) : KNOWN_REASONS.length);
  return [...counts.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([key, count]) => t('moveResult:status.reason', { reason: t(`moveResult:short.${key}`), count }))
    .join('; ');
}

/** For the status card: the group members nobody chose whom the result names, as removed or still holding the old licence, with counts. */
export function alsoChangedSummary(t: TFunction, job: SwitchJob): string {
  const list = job.alsoChanged ?? [];
  const moved = list.filter((a) => a.moved).length;
  const kept = list.length - moved;
  return [
    ...(moved > 0 ? [t('moveResult:status.reason', { reason: t('moveResult:status.alsoMoved'), count: moved })] : []),
    ...(kept > 0 ? [t('moveResult:status.reason', { reason: t('moveResult:status.alsoKept'), count: kept })] : []),
  ].join('; ');
}

/** Groups the status card names per move; it shows up to ten moves and Teams refuses a message over about 28 KB. */
const GROUPS_ON_STATUS = 3;

/** For the status card: the groups whose members could not be listed (the first three, and how many more), or '' when there are none. */
export function membersUnreadSummary(t: TFunction, job: SwitchJob, people: MovePeople): string {
  const groups = (job.membersUnread ?? []).map((g) => people.groupName(g));
  return groups.length === 0 ? '' : t('moveResult:status.unread', { groups: listNames(t, groups, GROUPS_ON_STATUS) });
}

/** Whether some reason keeps back more users than a line of the message names. */
export function hasLongNameList(job: SwitchJob): boolean {
  const counts = new Map<string, number>();
  for (const n of job.notMoved ?? []) counts.set(n.error, (counts.get(n.error) ?? 0) + 1);
  return [...counts.values()].some((count) => count > NAMES_IN_TEXT);
}
