import type { LicenceReplacement } from '../../domain/licence-replacement';
import type { BatchItemOutcome, BatchOutcome } from '../../domain/tenant.port';
import type { GraphHttp } from '../client';
import type { Clock } from '../clock';
import type { WriteQuota } from '../quota';
import { backoffMs, retryAfterMs, TRANSIENT_STATUSES, type RetryPolicy } from '../retry-policy';
import { itemErrorMessage, MAX_BATCH_REQUESTS, sendBatch } from './batch';
import { itemErrorCode } from './item-errors';
import { readLicenceStates } from './licence-state';

// Licence replacement on Graph: one POST /users/{id}/assignLicense per user that adds the new SKU
// (all its service plans on) and removes the old one in the same call, twenty to a JSON batch, every
// write counted against the write quota first. Each item's answer is read on its own. An item that
// was throttled, hit a 5xx or got no answer is retried (after Retry-After, or a backoff), and before
// any retry the user's licences are read: one already moved counts as already-done and is not written
// again, so a retry never assigns twice.

export interface LicenceMoverDeps {
  http: GraphHttp;
  quota: WriteQuota;
  clock: Clock;
  retry: RetryPolicy;
}

interface Item {
  replacement: LicenceReplacement;
  add: string;
  remove: string;
  /** Read the user's licences before writing again. */
  verify: boolean;
  throttled: number;
  transient: number;
  /** After a refusal: the code to fail with unless the read shows the move done. */
  failUnlessDone?: string;
  outcome?: BatchItemOutcome;
}

/** Counts of what the mover did, for tests and the bench. */
export interface MoverStats {
  writesSent: number;
  readsSent: number;
  waitsMs: number[];
}

export async function moveLicences(deps: LicenceMoverDeps, batch: readonly LicenceReplacement[], stats?: MoverStats): Promise<BatchOutcome> {
  const items: BatchItemOutcome[] = [];
  for (let start = 0; start < batch.length; start += MAX_BATCH_REQUESTS) {
    items.push(...(await moveChunk(deps, batch.slice(start, start + MAX_BATCH_REQUESTS), stats)));
  }
  return { items };
}

async function moveChunk(deps: LicenceMoverDeps, chunk: readonly LicenceReplacement[], stats: MoverStats | undefined): Promise<BatchItemOutcome[]> {
  const { http, clock, retry } = deps;
  const now = () => clock.now();
  const all: Item[] = chunk.map((replacement) => ({
    replacement,
    add: replacement.addSubscriptionId.toLowerCase(),
    remove: replacement.removeSubscriptionId.toLowerCase(),
    verify: false,
    throttled: 0,
    transient: 0,
  }));
  const settle = (item: Item, status: BatchItemOutcome['status'], error?: string) => {
    item.outcome = { userId: item.replacement.userId, status, ...(error === undefined ? {} : { error }) };
  };
  for (const item of all) if (!item.add || !item.remove) settle(item, 'failed', 'SUBSCRIPTION_NOT_FOUND');

  for (;;) {
    const open = all.filter((item) => !item.outcome);
    if (open.length === 0) break;
    let wait: number | undefined;
    const waitAtLeast = (ms: number | undefined) => {
      if (ms !== undefined) wait = Math.max(wait ?? 0, ms);
    };

    // 1. Read the licences of users whose last write may or may not have happened.
    const toVerify = open.filter((item) => item.verify);
    if (toVerify.length > 0) {
      if (stats) stats.readsSent += toVerify.length;
      const { states, retryAfterMs: readWait } = await readLicenceStates(http, toVerify.map((item) => item.replacement.userId), now);
      waitAtLeast(readWait);
      for (const item of toVerify) {
        const state = states.get(item.replacement.userId) ?? { kind: 'unknown' as const };
        if (state.kind === 'not-found') settle(item, 'failed', 'USER_NOT_FOUND');
        else if (state.kind === 'unknown') {
          item.transient += 1;
          if (item.transient > retry.maxTransientRetries) settle(item, 'failed', item.failUnlessDone ?? 'GRAPH_UNAVAILABLE');
          else waitAtLeast(backoffMs(item.transient, retry));
        } else if (state.skuIds.has(item.add) && !state.skuIds.has(item.remove)) settle(item, 'already-done');
        else if (item.failUnlessDone) settle(item, 'failed', item.failUnlessDone);
        else if (!state.skuIds.has(item.remove) && !state.skuIds.has(item.add)) settle(item, 'failed', 'LICENCE_NOT_HELD');
        else item.verify = false;
      }
    }

    // 2. Write the rest in one batch, within the quota.
    const toWrite = all.filter((item) => !item.outcome && !item.verify);
    if (toWrite.length > 0) {
      const answered = await deps.quota.acquire(toWrite.length);
      if (stats) stats.writesSent += toWrite.length;
      let result: Awaited<ReturnType<typeof sendBatch>>;
      try {
        result = await sendBatch(
          http,
          toWrite.map((item, i) => ({
            id: String(i + 1),
            method: 'POST' as const,
            url: `/users/${encodeURIComponent(item.replacement.userId)}/assignLicense`,
            body: { addLicenses: [{ skuId: item.replacement.addSubscriptionId, disabledPlans: [] }], removeLicenses: [item.replacement.removeSubscriptionId] },
          })),
          now,
        );
      } finally {
        answered();
      }
      toWrite.forEach((item, i) => {
        const answer = result.kind === 'answered' ? result.items.get(String(i + 1)) : undefined;
        const status = result.kind === 'throttled' ? 429 : answer?.status;
        if (status !== undefined && status >= 200 && status < 300) return settle(item, 'done');
        item.verify = true;
        if (status === 429) {
          item.throttled += 1;
          const asked = result.kind === 'answered' ? retryAfterMs(answer?.headers['retry-after'], now()) : result.retryAfterMs;
          waitAtLeast(asked ?? retry.defaultRetryAfterMs);
          if (item.throttled > retry.maxThrottledRetries) item.failUnlessDone = 'THROTTLED';
        } else if (status === undefined || TRANSIENT_STATUSES.has(status)) {
          item.transient += 1;
          const asked = answer ? retryAfterMs(answer.headers['retry-after'], now()) : result.kind === 'answered' ? undefined : result.retryAfterMs;
          waitAtLeast(asked ?? backoffMs(item.transient, retry));
          if (item.transient > retry.maxTransientRetries) item.failUnlessDone = 'GRAPH_UNAVAILABLE';
        } else {
          // Refused (4xx): an earlier try whose answer was lost may have done it already; the read tells.
          item.failUnlessDone = answer ? itemErrorCode(status, itemErrorMessage(answer)) : `GRAPH_${status}`;
        }
      });
    }

    if (wait !== undefined && all.some((item) => !item.outcome)) {
      if (stats) stats.waitsMs.push(wait);
      await clock.sleep(wait);
    }
  }
  return all.map((item) => item.outcome!);
}
