import type { GraphHttp } from '../client';
import { GraphRequestError, GraphUnreachableError } from '../errors';
import { retryAfterMs, TRANSIENT_STATUSES } from '../retry-policy';

// JSON batching (POST /v1.0/$batch): up to 20 requests in one call. Graph answers 200 with one
// response per request, in any order and each with its own status, so every item is read on its own.

export const MAX_BATCH_REQUESTS = 20;

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Relative to the version root, e.g. /users/{id}/assignLicense. */
  url: string;
  body?: unknown;
}

export interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type BatchResult =
  /** Graph answered: one response per request id it answered (a missing id is an unknown outcome). */
  | { kind: 'answered'; items: Map<string, BatchItemResponse> }
  /** The whole batch was throttled: nothing in it ran. */
  | { kind: 'throttled'; retryAfterMs: number | undefined }
  /** 5xx or no answer: each request may or may not have run. */
  | { kind: 'unknown'; retryAfterMs: number | undefined };

function lowerKeys(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

export async function sendBatch(http: GraphHttp, requests: readonly BatchRequest[], now: () => number): Promise<BatchResult> {
  if (requests.length === 0) return { kind: 'answered', items: new Map() };
  if (requests.length > MAX_BATCH_REQUESTS) throw new Error(`a JSON batch holds at most ${MAX_BATCH_REQUESTS} requests, not ${requests.length}`);
  const payload = {
    requests: requests.map((r) => ({
      id: r.id,
      method: r.method,
      url: r.url,
      ...(r.body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: r.body }),
    })),
  };
  let answer: Awaited<ReturnType<GraphHttp['postRaw']>>;
  try {
    answer = await http.postRaw('/$batch', payload);
  } catch (error) {
    if (error instanceof GraphUnreachableError) return { kind: 'unknown', retryAfterMs: undefined };
    throw error;
  }
  const retryAfter = retryAfterMs(answer.headers.get('retry-after'), now());
  if (answer.status === 429) return { kind: 'throttled', retryAfterMs: retryAfter };
  if (TRANSIENT_STATUSES.has(answer.status)) return { kind: 'unknown', retryAfterMs: retryAfter };
  if (answer.status < 200 || answer.status >= 300) {
    const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new GraphRequestError('POST', '/v1.0/$batch', answer.status, error?.code, error?.message ?? 'the batch was refused');
  }
  const responses = (answer.body as { responses?: unknown[] } | undefined)?.responses ?? [];
  const items = new Map<string, BatchItemResponse>();
  for (const raw of responses) {
    const r = raw as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
    if (typeof r.id !== 'string' || typeof r.status !== 'number') continue;
    items.set(r.id, { id: r.id, status: r.status, headers: lowerKeys(r.headers), body: r.body });
  }
  return { kind: 'answered', items };
}

/** Graph's error message of one batch item, for mapping to a code. */
export function itemErrorMessage(item: BatchItemResponse): string {
  const error = (item.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return `${error?.code ?? ''} ${error?.message ?? ''}`.trim();
}
