import type { LicenceReplacement } from '../../domain/licence-replacement';
import type { BatchItemOutcome } from '../../domain/tenant.port';
import type { Clock } from '../clock';
import type { WriteQuota } from '../quota';
import type { GraphHttp } from '../client';
import { backoffMs, type RetryPolicy } from '../retry-policy';
import { sendBatch, type BatchResult } from './batch';
import { GraphRequestError } from '../errors';
import { readAllPages } from '../read/paging';
import { removeDirectLeftovers, type DirectLeftover } from './group-direct-leftovers';
import { decideGroupMove, groupErrorCode, memberProgress } from './group-licence-decision';
import { licenceStateOf, readLicenceStates, type LicenceState } from './licence-state';
import type { SkuPlans } from './move-decision';

// The groups' part of a move, before the users' own writes: for each group the admin chose to move
// (replacement.moveGroupIds), read its licences, change them in one POST /groups/{id}/assignLicense
// (https://learn.microsoft.com/en-us/graph/api/group-assignlicense answers 202 Accepted: Entra processes
// the members in the background), then read the chosen members' licenseAssignmentStates until the
// group's target licence is Active for each, for a bounded time. A member whose licence is active goes on
// to the ordinary per-user move (which then only removes a direct old licence, if any); one in error or
// still pending is reported with why. The group's members the admin did not choose are listed
// (GET /groups/{id}/members/microsoft.graph.user, https://learn.microsoft.com/en-us/graph/api/group-list-members,
// GroupMember.Read.All): one who also holds the old licence directly is waited for the same way, then
// that direct licence is removed (group-direct-leftovers.ts), so no member keeps both. A group whose
// members the app may not list (401/403: no GroupMember.Read.All, Group.Read.All or Directory.Read.All)
// is named in membersUnread: its members not chosen may now hold both licences, and the result must say so.
// A 403 on the group's write means the app lacks LicenseAssignment.ReadWrite.All (or
// Group.ReadWrite.All / Directory.ReadWrite.All) for groups: GROUP_LICENCE_NOT_ALLOWED.

export interface GroupMoverDeps {
  http: GraphHttp;
  quota: WriteQuota;
  clock: Clock;
  retry: RetryPolicy;
  /** How long to wait between reads of members still being processed, and how many reads at most. */
  groupWait?: { intervalMs: number; reads: number };
}

/** Entra usually processes a small group within seconds to a few minutes; the move waits this long at most. */
export const GROUP_WAIT = { intervalMs: 2_000, reads: 30 };

export interface GroupMoveResult {
  /** Outcomes of users the group part settled (refused, or skipped as still pending). */
  settled: Map<string, BatchItemOutcome>;
  /** Members not chosen whose direct old licence the group part removed, or left (in error, still pending), with why. */
  notChosen: Map<string, BatchItemOutcome>;
  /** Writes sent: the groups' licence writes and the removals of members not chosen. */
  groupWrites: number;
  /** Groups (ids) that carry the new licence now but whose members the app was not allowed to list. */
  membersUnread: string[];
}

async function once(deps: GroupMoverDeps, request: Parameters<typeof sendBatch>[1][number]): Promise<{ status: number | undefined; body: unknown }> {
  const now = () => deps.clock.now();
  for (let attempt = 1; ; attempt += 1) {
    const result: BatchResult = await sendBatch(deps.http, [request], now);
    const item = result.kind === 'answered' ? result.items.get(request.id) : undefined;
    const status = result.kind === 'throttled' ? 429 : item?.status;
    if (status !== undefined && status !== 429 && status < 500) return { status, body: item?.body };
    if (attempt > deps.retry.maxTransientRetries) return { status, body: undefined };
    await deps.clock.sleep(result.kind !== 'answered' && result.retryAfterMs !== undefined ? result.retryAfterMs : backoffMs(attempt, deps.retry));
  }
}

/**
 * The group's licences (GET /groups/{id}, Group.Read.All); an app without that permission learns them
 * from a member's licenseAssignmentStates, which list each SKU the group gives with its disabledPlans.
 * A string: the code the group's users are refused with.
 */
async function groupLicences(deps: GroupMoverDeps, groupId: string, memberId: string): Promise<{ skuId: string; disabledPlans?: string[] | null }[] | string> {
  const read = await once(deps, { id: '1', method: 'GET', url: `/groups/${encodeURIComponent(groupId)}?$select=id,assignedLicenses` });
  if (read.status === 200) return ((read.body ?? {}) as { assignedLicenses?: { skuId: string; disabledPlans?: string[] | null }[] | null }).assignedLicenses ?? [];
  if (read.status !== 403 && read.status !== 401) return read.status === undefined ? 'GRAPH_UNAVAILABLE' : `GRAPH_${read.status}`;
  const state = (await readLicenceStates(deps.http, [memberId], () => deps.clock.now())).states.get(memberId);
  if (!state || state.kind === 'unknown') return 'GRAPH_UNAVAILABLE';
  if (state.kind === 'not-found') return 'USER_NOT_FOUND';
  return state.assignments.filter((a) => a.groupId?.toLowerCase() === groupId.toLowerCase()).map((a) => ({ skuId: a.skuId, disabledPlans: a.disabledPlans }));
}

/**
 * One group's change: read, decide, write once. A write throttled or without an answer is not sent again
 * blindly: the group is read again first, and a change that did happen counts as done.
 */
async function moveOneGroup(
  deps: GroupMoverDeps,
  groupId: string,
  member: LicenceReplacement,
  skus: ReadonlyMap<string, SkuPlans>,
): Promise<{ kind: 'moved' | 'not-held' | 'refused'; code: string; writes: number }> {
  let writes = 0;
  for (let attempt = 1; ; attempt += 1) {
    const licences = await groupLicences(deps, groupId, member.userId);
    if (typeof licences === 'string') return { kind: 'refused', code: licences, writes };
    const decision = decideGroupMove(licences, member.removeSubscriptionId, member.addSubscriptionId, skus);
    if (decision.kind === 'done') return { kind: 'moved', code: '', writes };
    if (decision.kind === 'not-held') return { kind: 'not-held', code: '', writes };
    const answered = await deps.quota.acquire(1);
    let result: BatchResult;
    try {
      result = await sendBatch(deps.http, [{ id: '1', method: 'POST', url: `/groups/${encodeURIComponent(groupId)}/assignLicense`, body: decision.body }], () => deps.clock.now());
    } finally {
      answered();
    }
    writes += 1;
    const item = result.kind === 'answered' ? result.items.get('1') : undefined;
    const status = result.kind === 'throttled' ? 429 : item?.status;
    if (status !== undefined && status >= 200 && status < 300) return { kind: 'moved', code: '', writes };
    if (status === 403 || status === 401) return { kind: 'refused', code: 'GROUP_LICENCE_NOT_ALLOWED', writes };
    if (status !== undefined && status !== 429 && status < 500) return { kind: 'refused', code: `GRAPH_${status}`, writes };
    if (attempt > deps.retry.maxTransientRetries) return { kind: 'refused', code: status === 429 ? 'THROTTLED' : 'GRAPH_UNAVAILABLE', writes };
    await deps.clock.sleep(result.kind !== 'answered' && result.retryAfterMs !== undefined ? result.retryAfterMs : backoffMs(attempt, deps.retry));
  }
}

export async function moveGroupLicences(deps: GroupMoverDeps, batch: readonly LicenceReplacement[], skus: ReadonlyMap<string, SkuPlans>): Promise<GroupMoveResult> {
  const settled = new Map<string, BatchItemOutcome>();
  const notChosen = new Map<string, BatchItemOutcome>();
  let groupWrites = 0;
  const withGroups = batch.filter((r) => (r.moveGroupIds ?? []).length > 0 && r.addSubscriptionId && r.removeSubscriptionId);
  if (withGroups.length === 0) return { settled, notChosen, groupWrites, membersUnread: [] };

  // 1. Each chosen group once, for each (source, target) pair the move has.
  const moved = new Map<string, boolean>();
  const refusedGroups = new Map<string, string>();
  for (const r of withGroups) {
    for (const groupId of r.moveGroupIds!) {
      const key = `${groupId.toLowerCase()}|${r.removeSubscriptionId.toLowerCase()}|${r.addSubscriptionId.toLowerCase()}`;
      if (moved.has(key) || refusedGroups.has(key)) continue;
      const result = await moveOneGroup(deps, groupId, r, skus);
      groupWrites += result.writes;
      if (result.kind === 'refused') refusedGroups.set(key, result.code);
      else moved.set(key, result.kind === 'moved');
    }
  }

  // 2. Which members wait for which groups; a member of a refused group is refused with it.
  const waiting = new Map<string, { replacement: LicenceReplacement; groupIds: string[] }>();
  for (const r of withGroups) {
    const keyOf = (g: string) => `${g.toLowerCase()}|${r.removeSubscriptionId.toLowerCase()}|${r.addSubscriptionId.toLowerCase()}`;
    const refused = r.moveGroupIds!.map(keyOf).map((k) => refusedGroups.get(k)).find((code) => code !== undefined);
    if (refused) {
      settled.set(r.userId, { userId: r.userId, status: 'refused', error: refused, groupIds: [...r.moveGroupIds!] });
      continue;
    }
    const groups = r.moveGroupIds!.filter((g) => moved.get(keyOf(g)));
    if (groups.length > 0) waiting.set(r.userId, { replacement: r, groupIds: groups });
  }
  // Members not chosen who hold the old licence directly, of every group that carries the new one now
  // (moved by this call or by an earlier try of the move).
  const { found: others, unread: membersUnread } = await directLeftovers(deps, withGroups, new Set(batch.map((r) => r.userId.toLowerCase())), moved);

  // 3. Read the members until each has the target from the group, or an error, within the bounded wait.
  const wait = deps.groupWait ?? GROUP_WAIT;
  const othersActive: DirectLeftover[] = [];
  /** Chosen members still waiting for the group's licence who also hold the old one directly, as last read. */
  const holdsOldDirectly = new Set<string>();
  for (let read = 1; waiting.size > 0 || others.size > 0; read += 1) {
    const { states } = await readLicenceStates(deps.http, [...waiting.keys(), ...others.keys()], () => deps.clock.now());
    for (const [userId, leftover] of others) {
      const state = states.get(userId);
      if (!state || state.kind === 'unknown') continue;
      const progress = state.kind === 'known' ? memberProgress(state, leftover.addSkuId, leftover.groupIds) : undefined;
      if (progress?.kind === 'pending') continue;
      if (progress?.kind === 'active') othersActive.push(leftover);
      else notChosen.set(userId, { userId, status: 'refused', error: progress ? groupErrorCode(progress.error) : 'USER_NOT_FOUND', groupIds: leftover.groupIds });
      others.delete(userId);
    }
    for (const [userId, { replacement, groupIds }] of waiting) {
      const state = states.get(userId);
      if (!state || state.kind === 'unknown') continue;
      if (state.kind === 'not-found') {
        settled.set(userId, { userId, status: 'refused', error: 'USER_NOT_FOUND' });
        waiting.delete(userId);
        continue;
      }
      const progress = memberProgress(state, replacement.addSubscriptionId, groupIds);
      if (progress.kind === 'pending') {
        if (state.licences.get(replacement.removeSubscriptionId.toLowerCase())?.direct) holdsOldDirectly.add(userId);
        else holdsOldDirectly.delete(userId);
        continue;
      }
      if (progress.kind === 'error') settled.set(userId, { userId, status: 'refused', error: groupErrorCode(progress.error), groupIds });
      waiting.delete(userId);
    }
    if ((waiting.size === 0 && others.size === 0) || read >= wait.reads) break;
    await deps.clock.sleep(wait.intervalMs);
  }
  // Still pending: one who also holds the old licence directly will hold both once the group's arrives.
  for (const [userId, { groupIds }] of waiting) {
    settled.set(userId, { userId, status: 'skipped', error: holdsOldDirectly.has(userId) ? 'GROUP_LICENCE_PENDING_DIRECT' : 'GROUP_LICENCE_PENDING', groupIds });
  }
  // Still pending: left as they are (their direct old licence keeps them licensed), reported as chosen members are.
  for (const [userId, { groupIds }] of others) notChosen.set(userId, { userId, status: 'skipped', error: 'GROUP_LICENCE_PENDING', groupIds });

  // 4. Remove the direct old licence of those who have the new one from the group.
  if (othersActive.length > 0) {
    const removed = await removeDirectLeftovers(deps, othersActive);
    groupWrites += removed.writes;
    for (const [userId, outcome] of removed.outcomes) notChosen.set(userId, outcome);
  }
  return { settled, notChosen, groupWrites, membersUnread };
}

/**
 * The members of the groups that carry the new licence now who were not chosen (not in this batch) and
 * hold the old licence directly, from GET /groups/{id}/members/microsoft.graph.user with @odata.nextLink
 * paging. Without the permission to list members (401/403) the chosen users still move, and the group
 * is returned in `unread`: its members not chosen were not looked at.
 */
async function directLeftovers(
  deps: GroupMoverDeps,
  withGroups: readonly LicenceReplacement[],
  chosen: ReadonlySet<string>,
  moved: ReadonlyMap<string, boolean>,
): Promise<{ found: Map<string, DirectLeftover>; unread: string[] }> {
  const found = new Map<string, DirectLeftover>();
  const unread = new Map<string, string>();
  const listed = new Set<string>();
  for (const r of withGroups) {
    for (const groupId of r.moveGroupIds!) {
      const key = `${groupId.toLowerCase()}|${r.removeSubscriptionId.toLowerCase()}|${r.addSubscriptionId.toLowerCase()}`;
      if (!moved.get(key) || listed.has(key)) continue;
      listed.add(key);
      const members = await groupMembers(deps, groupId);
      if (members === 'not-allowed') {
        if (!unread.has(groupId.toLowerCase())) unread.set(groupId.toLowerCase(), groupId);
        continue;
      }
      for (const { id, state } of members) {
        if (chosen.has(id.toLowerCase()) || state.kind !== 'known') continue;
        if (!state.licences.get(r.removeSubscriptionId.toLowerCase())?.direct) continue;
        const known = found.get(id);
        if (!known) found.set(id, { userId: id, removeSkuId: r.removeSubscriptionId, addSkuId: r.addSubscriptionId, groupIds: [groupId] });
        else if (known.removeSkuId.toLowerCase() === r.removeSubscriptionId.toLowerCase() && known.addSkuId.toLowerCase() === r.addSubscriptionId.toLowerCase()) known.groupIds.push(groupId);
      }
    }
  }
  return { found, unread: [...unread.values()] };
}

async function groupMembers(deps: GroupMoverDeps, groupId: string): Promise<{ id: string; state: LicenceState }[] | 'not-allowed'> {
  try {
    const members = await readAllPages<Parameters<typeof licenceStateOf>[0] & { id: string }>(
      deps.http,
      `/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user?$select=id,assignedLicenses,licenseAssignmentStates`,
    );
    return members.map((m) => ({ id: m.id, state: licenceStateOf(m) }));
  } catch (error) {
    if (error instanceof GraphRequestError && (error.status === 401 || error.status === 403)) return 'not-allowed';
    throw error;
  }
}
