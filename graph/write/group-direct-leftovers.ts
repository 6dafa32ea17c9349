import type { BatchItemOutcome } from '../../domain/tenant.port';
import type { Clock } from '../clock';
import type { GraphHttp } from '../client';
import type { WriteQuota } from '../quota';
import { backoffMs, retryAfterMs, type RetryPolicy } from '../retry-policy';
import { itemErrorMessage, MAX_BATCH_REQUESTS, sendBatch, type BatchResult } from './batch';
import { groupErrorCode, memberProgress } from './group-licence-decision';
import { itemErrorCode } from './item-errors';
import { readLicenceStates } from './licence-state';
import { noteUnsuccessfulWrite } from './unsuccessful-write';

// After a group's licence moved, a member the admin did not choose who also holds the old licence
// directly would keep it beside the group's new one (and pay for both). This removes that direct old
// licence with POST /users/{id}/assignLicense and removeLicenses only
// (https://learn.microsoft.com/en-us/graph/api/user-assignlicense), and only while the member's
// licenseAssignmentStates show the group's new licence Active: nobody is left without a licence. As in
// licence-mover.ts, every write counts against the write quota first, and a write throttled, failed
// with 5xx or without an answer is read back before it is sent again: each member is written at most
// once per answer lost.

export interface LeftoverDeps {
  http: GraphHttp;
  quota: WriteQuota;
  clock: Clock;
  retry: RetryPolicy;
}

/** A member not chosen whose group now gives the new licence and who holds the old one directly. */
export interface DirectLeftover {
  userId: string;
  /** The old SKU, to be removed. */
  removeSkuId: string;
  /** The new SKU, which the member must have from one of `groupIds`, Active. */
  addSkuId: string;
  groupIds: string[];
}

interface Item {
  leftover: DirectLeftover;
  sent: boolean;
  throttled: number;
  transient: number;
  refuseUnlessDone?: string;
  failUnlessDone?: string;
  outcome?: BatchItemOutcome;
}

export async function removeDirectLeftovers(deps: LeftoverDeps, leftovers: readonly DirectLeftover[]): Promise<{ outcomes: Map<string, BatchItemOutcome>; writes: number }> {
  const { http, clock, retry } = deps;
  const now = () => clock.now();
  const items: Item[] = leftovers.map((leftover) => ({ leftover, sent: false, throttled: 0, transient: 0 }));
  const settle = (item: Item, status: BatchItemOutcome['status'], error?: string) => {
    item.outcome = { userId: item.leftover.userId, status, ...(error ? { error } : {}), groupIds: [...item.leftover.groupIds] };
  };
  let writes = 0;
  for (;;) {
    const open = items.filter((item) => !item.outcome);
    if (open.length === 0) break;
    let wait: number | undefined;
    const waitAtLeast = (ms: number | undefined) => {
      if (ms !== undefined) wait = Math.max(wait ?? 0, ms);
    };

    // 1. Read each member (again): what they hold now decides whether the removal is (still) to be sent.
    const { states, retryAfterMs: readWait } = await readLicenceStates(http, open.map((item) => item.leftover.userId), now);
    waitAtLeast(readWait);
    const toWrite: Item[] = [];
    for (const item of open) {
      const state = states.get(item.leftover.userId) ?? { kind: 'unknown' as const };
      if (state.kind === 'not-found') {
        settle(item, 'refused', 'USER_NOT_FOUND');
        continue;
      }
      if (state.kind === 'unknown') {
        item.transient += 1;
        if (item.transient > retry.maxTransientRetries) settle(item, 'failed', item.failUnlessDone ?? 'GRAPH_UNAVAILABLE');
        else waitAtLeast(backoffMs(item.transient, retry));
        continue;
      }
      const old = state.licences.get(item.leftover.removeSkuId.toLowerCase());
      if (!old || !old.direct) {
        settle(item, item.sent ? 'done' : 'already-done');
        continue;
      }
      if (item.refuseUnlessDone) settle(item, 'refused', item.refuseUnlessDone);
      else if (item.failUnlessDone) settle(item, 'failed', item.failUnlessDone);
      else {
        const progress = memberProgress(state, item.leftover.addSkuId, item.leftover.groupIds);
        if (progress.kind === 'active') toWrite.push(item);
        else if (progress.kind === 'error') settle(item, 'refused', groupErrorCode(progress.error));
        else settle(item, 'skipped', 'GROUP_LICENCE_PENDING');
      }
    }

    // 2. Write, twenty to a batch, within the quota.
    for (let start = 0; start < toWrite.length; start += MAX_BATCH_REQUESTS) {
      const chunk = toWrite.slice(start, start + MAX_BATCH_REQUESTS);
      const answered = await deps.quota.acquire(chunk.length);
      writes += chunk.length;
      let result: BatchResult;
      try {
        result = await sendBatch(
          http,
          chunk.map((item, i) => ({
            id: String(i + 1),
            method: 'POST' as const,
            url: `/users/${encodeURIComponent(item.leftover.userId)}/assignLicense`,
            body: { addLicenses: [], removeLicenses: [item.leftover.removeSkuId] },
          })),
          now,
        );
      } finally {
        answered();
      }
      chunk.forEach((item, i) => {
        item.sent = true;
        const answer = result.kind === 'answered' ? result.items.get(String(i + 1)) : undefined;
        const status = result.kind === 'throttled' ? 429 : answer?.status;
        if (status !== undefined && status >= 200 && status < 300) return settle(item, 'done');
        // Refused (4xx): an earlier try whose answer was lost may have done it already; the read tells.
        waitAtLeast(noteUnsuccessfulWrite(item, status, result, answer, retry, now, () => (answer ? itemErrorCode(status!, itemErrorMessage(answer)) : `GRAPH_${status}`)));
      });
    }

    if (wait !== undefined && items.some((item) => !item.outcome)) await clock.sleep(wait);
  }
  return { outcomes: new Map(items.map((item) => [item.leftover.userId, item.outcome!])), writes };
}
