import type { GraphHttp } from '../client';
import { retryAfterMs } from '../retry-policy';
import { MAX_BATCH_REQUESTS, sendBatch } from './batch';

// What users hold right now, read before every licence write and before any write is tried again, so a
// write is built from the user's own state and one whose first answer was lost is never repeated blindly.
// GET /users/{id}?$select=usageLocation,assignedLicenses,licenseAssignmentStates, twenty to a JSON batch.
// licenseAssignmentStates (https://learn.microsoft.com/en-us/graph/api/resources/licenseassignmentstate)
// tells a direct assignment (assignedByGroup null) from one inherited through a group; assignedLicenses
// lists both kinds, one entry per SKU.

/** One SKU the user holds. */
export interface HeldLicence {
  skuId: string;
  /** The disabledPlans Graph lists for the SKU (all of its assignments together). */
  disabledPlans: string[];
  /** Assigned to the user directly: only such an assignment can be removed with assignLicense. */
  direct: boolean;
  /** The disabledPlans of the direct assignment, when there is one. */
  directDisabledPlans: string[];
  /** Groups the SKU comes from (group-based licensing). */
  groupIds: string[];
  /** A licenseAssignmentState error other than none (CountViolation, MutuallyExclusiveViolation, …). */
  errors: string[];
}

/** One licenseAssignmentState: a SKU from one source (a group, or null for direct), its state and error. */
export interface AssignmentState {
  skuId: string;
  groupId: string | null;
  disabledPlans: string[];
  /** Active, ActiveWithError, Disabled, Error; empty when Graph leaves it out. */
  state: string;
  /** None, CountViolation, MutuallyExclusiveViolation, …; empty when Graph leaves it out. */
  error: string;
}

export type LicenceState =
  | {
      kind: 'known';
      skuIds: Set<string>;
      /** By lower-case skuId. */
      licences: Map<string, HeldLicence>;
      /** ISO 3166 country, or null when none is set (Graph then refuses to add a licence). */
      usageLocation: string | null;
      /** Every licenseAssignmentState as Graph lists it, also those in error or still being processed. */
      assignments: AssignmentState[];
    }
  | { kind: 'not-found' }
  /** Graph did not say (throttled, unavailable): ask again later. */
  | { kind: 'unknown' };

export interface LicenceStates {
  states: Map<string, LicenceState>;
  /** How long Graph asked to wait before asking again (the longest Retry-After seen), if it did. */
  retryAfterMs: number | undefined;
}

interface GraphUserLicences {
  usageLocation?: string | null;
  assignedLicenses?: { skuId: string; disabledPlans?: string[] | null }[] | null;
  licenseAssignmentStates?: { skuId: string; disabledPlans?: string[] | null; assignedByGroup?: string | null; state?: string | null; error?: string | null }[] | null;
}

const NO_ERROR = new Set(['', 'none']);

/** The user's licences from Graph's answer. Without licenseAssignmentStates every licence counts as direct. */
export function licenceStateOf(body: GraphUserLicences): LicenceState {
  const licences = new Map<string, HeldLicence>();
  for (const l of body.assignedLicenses ?? []) {
    const key = l.skuId.toLowerCase();
    // Without licenseAssignmentStates every licence counts as assigned directly; with them, as they say.
    licences.set(key, { skuId: l.skuId, disabledPlans: [...(l.disabledPlans ?? [])], direct: body.licenseAssignmentStates == null, directDisabledPlans: [...(l.disabledPlans ?? [])], groupIds: [], errors: [] });
  }
  for (const s of body.licenseAssignmentStates ?? []) {
    const key = s.skuId.toLowerCase();
    // Only assignedLicenses says what the user holds: an assignment in error (a group's CountViolation, …)
    // grants nothing, so a SKU that is only in error is not held.
    const held = licences.get(key);
    if (!held) continue;
    if (s.assignedByGroup) held.groupIds.push(s.assignedByGroup);
    else {
      held.direct = true;
      held.directDisabledPlans = [...(s.disabledPlans ?? [])];
    }
    if (s.error && !NO_ERROR.has(s.error.toLowerCase())) held.errors.push(s.error);
  }
  const usageLocation = typeof body.usageLocation === 'string' && body.usageLocation.trim() !== '' ? body.usageLocation : null;
  const assignments = (body.licenseAssignmentStates ?? []).map((s) => ({ skuId: s.skuId, groupId: s.assignedByGroup || null, disabledPlans: [...(s.disabledPlans ?? [])], state: s.state ?? '', error: s.error ?? '' }));
  return { kind: 'known', skuIds: new Set(licences.keys()), licences, usageLocation, assignments };
}

export const USER_LICENCE_SELECT = 'id,usageLocation,assignedLicenses,licenseAssignmentStates';

export async function readLicenceStates(http: GraphHttp, userIds: readonly string[], now: () => number): Promise<LicenceStates> {
  const states = new Map<string, LicenceState>();
  let wait: number | undefined;
  const longer = (ms: number | undefined) => {
    if (ms !== undefined) wait = Math.max(wait ?? 0, ms);
  };
  const unique = [...new Set(userIds)];
  for (let start = 0; start < unique.length; start += MAX_BATCH_REQUESTS) {
    const chunk = unique.slice(start, start + MAX_BATCH_REQUESTS);
    const result = await sendBatch(
      http,
      chunk.map((userId, i) => ({ id: String(i + 1), method: 'GET' as const, url: `/users/${encodeURIComponent(userId)}?$select=${USER_LICENCE_SELECT}` })),
      now,
    );
    chunk.forEach((userId, i) => {
      if (result.kind !== 'answered') {
        longer(result.retryAfterMs);
        states.set(userId, { kind: 'unknown' });
        return;
      }
      const item = result.items.get(String(i + 1));
      if (item && item.status === 200) {
        states.set(userId, licenceStateOf((item.body ?? {}) as GraphUserLicences));
      } else if (item && item.status === 404) {
        states.set(userId, { kind: 'not-found' });
      } else {
        if (item) longer(retryAfterMs(item.headers['retry-after'], now()));
        states.set(userId, { kind: 'unknown' });
      }
    });
  }
  return { states, retryAfterMs: wait };
}
