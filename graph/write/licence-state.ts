import type { GraphHttp } from '../client';
import { retryAfterMs } from '../retry-policy';
import { MAX_BATCH_REQUESTS, sendBatch } from './batch';

// Which licences users hold right now (GET /users/{id}?$select=assignedLicenses, batched): read before
// any write is tried again, so a write whose first answer was lost is never repeated blindly.

export type LicenceState =
  | { kind: 'known'; skuIds: Set<string> }
  | { kind: 'not-found' }
  /** Graph did not say (throttled, unavailable): ask again later. */
  | { kind: 'unknown' };

export interface LicenceStates {
  states: Map<string, LicenceState>;
  /** How long Graph asked to wait before asking again (the longest Retry-After seen), if it did. */
  retryAfterMs: number | undefined;
}

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
      chunk.map((userId, i) => ({ id: String(i + 1), method: 'GET' as const, url: `/users/${encodeURIComponent(userId)}?$select=id,assignedLicenses` })),
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
        const licences = (item.body as { assignedLicenses?: { skuId: string }[] } | undefined)?.assignedLicenses ?? [];
        states.set(userId, { kind: 'known', skuIds: new Set(licences.map((l) => l.skuId.toLowerCase())) });
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
