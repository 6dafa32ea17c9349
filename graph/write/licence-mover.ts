import type { LicenceReplacement } from '../../domain/licence-replacement';
import type { BatchItemOutcome, BatchOutcome } from '../../domain/tenant.port';
import type { GraphHttp } from '../client';
import type { Clock } from '../clock';
import type { WriteQuota } from '../quota';
import { backoffMs, retryAfterMs, type RetryPolicy } from '../retry-policy';
import { itemErrorMessage, MAX_BATCH_REQUESTS, sendBatch } from './batch';
import { moveGroupLicences } from './group-licence-mover';
import { itemErrorCode } from './item-errors';
import { readLicenceStates } from './licence-state';
import { noteUnsuccessfulWrite } from './unsuccessful-write';
import { decideMove, type AssignLicenseBody, type SkuPlans } from './move-decision';
import { readAllPages } from '../read/paging';
import { GRAPH_READS } from '../read/tenant-reader';
import type { GraphSubscribedSku } from '../read/types';

// Licence replacement on Graph, per chunk of twenty users (one JSON batch):
// 1. read the SKUs (their service plans, and how many licences are free) and the users (what each holds,
//    directly or through a group, and their usage location);
// 2. decide per user (move-decision.ts): done already, not to be sent (skipped, with why), or the one
//    assignLicense call that keeps the user's customisations; users beyond the free licences are refused
//    NOT_ENOUGH_LICENSES without a write, so nothing is half-done;
// 3. write, every write counted against the write quota first, and read each answer on its own.
// An item that was throttled, hit a 5xx or got no answer — alone or with its whole $batch (429/503,
// https://learn.microsoft.com/en-us/graph/throttling) — is read back before it is written again: one
// already moved counts as done and is not written again, so every user is written at most once per
// answer lost. A refusal (4xx) is final for that user and does not stop the others.

export interface LicenceMoverDeps {
  http: GraphHttp;
  quota: WriteQuota;
  clock: Clock;
  retry: RetryPolicy;
  /** How long a moved group's members are waited for (group-licence-mover.ts GROUP_WAIT by default). */
  groupWait?: { intervalMs: number; reads: number };
}

interface Item {
  replacement: LicenceReplacement;
  add: string;
  /** Read the user's licences (again) before writing. */
  verify: boolean;
  /** A write was sent for this user. */
  sent: boolean;
  body?: AssignLicenseBody | { usageLocation: string };
  /** The write is PATCH /users/{id} setting the usage location (then the user is read and written again). */
  settingLocation?: boolean;
  needsSeat: boolean;
  alsoRemoved: string[];
  throttled: number;
  transient: number;
  /** After a refusal: the code to be refused with unless the read shows the move done. */
  refuseUnlessDone?: string;
  /** After retries ran out: the code to fail with unless the read shows the move done. */
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
  // Groups the admin chose to move go first (group-licence-mover.ts); their members then move as any user.
  const groups = batch.some((r) => (r.moveGroupIds ?? []).length > 0) ? await moveGroupLicences(deps, batch, await readSkus(deps.http)) : undefined;
  if (stats && groups) stats.writesSent += groups.groupWrites;
  const rest = batch.filter((r) => !groups?.settled.has(r.userId));
  const byUser = new Map<string, BatchItemOutcome>(groups?.settled);
  for (let start = 0; start < rest.length; start += MAX_BATCH_REQUESTS) {
    for (const outcome of await moveChunk(deps, rest.slice(start, start + MAX_BATCH_REQUESTS), stats)) byUser.set(outcome.userId, outcome);
  }
  const items = batch.map((r) => byUser.get(r.userId) ?? { userId: r.userId, status: 'failed' as const, error: 'NO_OUTCOME' });
  return {
    items,
    ...(groups && groups.notChosen.size > 0 ? { alsoChanged: [...groups.notChosen.values()] } : {}),
    ...(groups && groups.membersUnread.length > 0 ? { membersUnread: groups.membersUnread } : {}),
  };
}

/** The tenant's SKUs by lower-case skuId, with their service plans and free licences. */
export async function readSkus(http: GraphHttp): Promise<Map<string, SkuPlans & { free: number }>> {
  const skus = await readAllPages<GraphSubscribedSku>(http, GRAPH_READS.skus);
  return new Map(
    skus.map((sku) => [
      sku.skuId.toLowerCase(),
      {
        skuId: sku.skuId,
        servicePlans: (sku.servicePlans ?? []).map((p) => ({ servicePlanId: p.servicePlanId, servicePlanName: p.servicePlanName, appliesTo: p.appliesTo ?? null })),
        free: Math.max(0, Math.floor(sku.prepaidUnits?.enabled ?? 0) - Math.floor(sku.consumedUnits ?? 0)),
      },
    ]),
  );
}

async function moveChunk(deps: LicenceMoverDeps, chunk: readonly LicenceReplacement[], stats: MoverStats | undefined): Promise<BatchItemOutcome[]> {
  const { http, clock, retry } = deps;
  const now = () => clock.now();
  const all: Item[] = chunk.map((replacement) => ({
    replacement,
    add: replacement.addSubscriptionId.toLowerCase(),
    verify: true,
    sent: false,
    needsSeat: false,
    alsoRemoved: [],
    throttled: 0,
    transient: 0,
  }));
  const settle = (item: Item, status: BatchItemOutcome['status'], extra: Omit<BatchItemOutcome, 'userId' | 'status'> = {}) => {
    item.outcome = { userId: item.replacement.userId, status, ...extra };
  };
  for (const item of all) if (!item.replacement.addSubscriptionId || !item.replacement.removeSubscriptionId) settle(item, 'refused', { error: 'SUBSCRIPTION_NOT_FOUND' });

  for (;;) {
    const open = all.filter((item) => !item.outcome);
    if (open.length === 0) break;
    let wait: number | undefined;
    const waitAtLeast = (ms: number | undefined) => {
      if (ms !== undefined) wait = Math.max(wait ?? 0, ms);
    };

    // 1. Read the users to write, or whose last write may or may not have happened.
    const toVerify = open.filter((item) => item.verify);
    if (toVerify.length > 0) {
      const skus = await readSkus(http);
      if (stats) stats.readsSent += toVerify.length;
      const { states, retryAfterMs: readWait } = await readLicenceStates(http, toVerify.map((item) => item.replacement.userId), now);
      waitAtLeast(readWait);
      const free = new Map([...skus].map(([id, sku]) => [id, sku.free]));
      for (const item of toVerify) {
        const state = states.get(item.replacement.userId) ?? { kind: 'unknown' as const };
        if (state.kind === 'not-found') {
          settle(item, 'refused', { error: 'USER_NOT_FOUND' });
          continue;
        }
        if (state.kind === 'unknown') {
          item.transient += 1;
          if (item.transient > retry.maxTransientRetries) settle(item, 'failed', { error: item.failUnlessDone ?? 'GRAPH_UNAVAILABLE' });
          else waitAtLeast(backoffMs(item.transient, retry));
          continue;
        }
        const decision = decideMove(item.replacement, state, skus);
        if (decision.kind === 'done') {
          settle(item, item.sent ? 'done' : 'already-done', item.alsoRemoved.length > 0 ? { alsoRemoved: item.alsoRemoved } : {});
        } else if (item.refuseUnlessDone) {
          settle(item, 'refused', { error: item.refuseUnlessDone });
        } else if (item.failUnlessDone) {
          settle(item, 'failed', { error: item.failUnlessDone });
        } else if (decision.kind === 'set-location') {
          item.body = { usageLocation: decision.usageLocation };
          item.settingLocation = true;
          item.verify = false;
        } else if (decision.kind === 'skip') {
          settle(item, decision.code === 'LICENCE_NOT_HELD' || decision.code === 'SUBSCRIPTION_NOT_FOUND' ? 'refused' : 'skipped', {
            error: decision.code,
            ...(decision.groupIds && decision.groupIds.length > 0 ? { groupIds: decision.groupIds } : {}),
          });
        } else if (decision.needsSeat && (free.get(item.add) ?? 0) <= 0) {
          // Not enough licences left: not sent, so nothing is half-done.
          settle(item, 'refused', { error: 'NOT_ENOUGH_LICENSES' });
        } else {
          if (decision.needsSeat) free.set(item.add, (free.get(item.add) ?? 0) - 1);
          item.body = decision.body;
          item.settingLocation = false;
          item.needsSeat = decision.needsSeat;
          item.alsoRemoved = decision.alsoRemoved;
          item.verify = false;
        }
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
          toWrite.map((item, i) =>
            item.settingLocation
              ? // https://learn.microsoft.com/en-us/graph/api/user-update: usageLocation, needs User.ReadWrite.All.
                { id: String(i + 1), method: 'PATCH' as const, url: `/users/${encodeURIComponent(item.replacement.userId)}`, body: item.body }
              : { id: String(i + 1), method: 'POST' as const, url: `/users/${encodeURIComponent(item.replacement.userId)}/assignLicense`, body: item.body },
          ),
          now,
        );
      } finally {
        answered();
      }
      toWrite.forEach((item, i) => {
        item.sent = true;
        const answer = result.kind === 'answered' ? result.items.get(String(i + 1)) : undefined;
        const status = result.kind === 'throttled' ? 429 : answer?.status;
        const location = item.settingLocation;
        if (status !== undefined && status >= 200 && status < 300) {
          // The usage location is set: read the user again, then write their licences.
          if (location) {
            item.verify = true;
            item.settingLocation = false;
            return;
          }
          return settle(item, 'done', item.alsoRemoved.length > 0 ? { alsoRemoved: item.alsoRemoved } : {});
        }
        item.verify = true;
        // Refused (4xx): an earlier try whose answer was lost may have done it already; the read tells.
        const refusal = () =>
          location && (status === 401 || status === 403) ? 'USAGE_LOCATION_NOT_ALLOWED' : answer ? itemErrorCode(status!, itemErrorMessage(answer)) : `GRAPH_${status}`;
        waitAtLeast(noteUnsuccessfulWrite(item, status, result, answer, retry, now, refusal));
      });
    }

    if (wait !== undefined && all.some((item) => !item.outcome)) {
      if (stats) stats.waitsMs.push(wait);
      await clock.sleep(wait);
    }
  }
  return all.map((item) => item.outcome!);
}
