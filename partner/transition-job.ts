import { randomUUID } from 'node:crypto';
import type { PartnerCenterClient, TransitionRequest } from './client';
import { PartnerRequestError } from './errors';
import { refusalOf, type Refusal } from './refusals';
import type { PartnerTransition, TransitionEvent } from './resources';

// A confirmed transition, posted to Partner Center at most once and followed to its end. The job keeps
// the request id it posts with (MS-RequestId: Partner Center runs a repeated request once) and the
// transitions that existed before it; after a crash between posting and saving the answer, it reads
// the subscription's transitions and adopts its own instead of posting again.

/** The failure's event when Partner Center refused the transition itself (no event ever ran). */
export const REFUSED_AT_POST = 'post';

export type JobState = 'new' | 'posting' | 'running' | 'completed' | 'failed';

export interface TransitionJob {
  id: string;
  customerId: string;
  subscriptionId: string;
  fromCatalogItemId?: string;
  request: TransitionRequest;
  /** The target's title, to name it when the job is resumed. */
  toTitle?: string;
  /** MS-RequestId of the post, the same on every attempt. */
  requestId: string;
  /** Operation ids of the subscription's transitions before this job: never mistaken for its own. */
  knownBefore: string[];
  state: JobState;
  operationId?: string;
  events: TransitionEvent[];
  failure?: { event: string; refusals: Refusal[] };
  createdAt: string;
}

/** Where jobs are kept between runs (a file for the command line, the bot's storage for a conversation). */
export interface TransitionJobStore {
  save(job: TransitionJob): Promise<void>;
}

export interface RunOptions {
  /** Told after each read of the events (the progress card, a line on the command line). */
  onProgress?: (job: TransitionJob) => void | Promise<void>;
  /** Wait between two reads of the events. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Reads before the watch stops with the job still running (it can be resumed). */
  maxPolls?: number;
}

export async function newTransitionJob(
  client: PartnerCenterClient,
  customerId: string,
  subscriptionId: string,
  request: TransitionRequest,
  fromCatalogItemId?: string,
  toTitle?: string,
): Promise<TransitionJob> {
  const before = await client.transitions(customerId, subscriptionId);
  return {
    id: randomUUID(),
    customerId,
    subscriptionId,
    ...(fromCatalogItemId ? { fromCatalogItemId } : {}),
    request,
    ...(toTitle ? { toTitle } : {}),
    requestId: randomUUID(),
    knownBefore: before.map((t) => t.operationId),
    state: 'new',
    events: [],
    createdAt: new Date().toISOString(),
  };
}

const isOwn = (job: TransitionJob) => (t: PartnerTransition) =>
  !job.knownBefore.includes(t.operationId) &&
  t.toCatalogItemId.toLowerCase() === job.request.toCatalogItemId.toLowerCase() &&
  t.quantity === job.request.quantity &&
  t.transitionType === job.request.transitionType;

/** What the events say: done when every event the type needs completed, failed when one failed. */
export function outcomeOf(job: Pick<TransitionJob, 'request'>, events: readonly TransitionEvent[]): { state: 'running' | 'completed' | 'failed'; failed?: TransitionEvent } {
  const latest = new Map<string, TransitionEvent>();
  for (const event of events) latest.set(event.name.toLowerCase(), { ...event, status: event.status.trim() });
  const failed = [...latest.values()].find((e) => e.status.toLowerCase() === 'failed');
  if (failed) return { state: 'failed', failed };
  const needed = job.request.transitionType === 'transition_with_license_transfer' ? ['conversion', 'seatreassignment'] : ['conversion'];
  return needed.every((name) => latest.get(name)?.status.toLowerCase() === 'completed') ? { state: 'completed' } : { state: 'running' };
}

/** Posts (once) and watches the job until its events complete or fail, or maxPolls reads have passed. */
export async function runTransitionJob(client: PartnerCenterClient, store: TransitionJobStore, job: TransitionJob, options: RunOptions = {}): Promise<TransitionJob> {
  if (job.state === 'completed' || job.state === 'failed') return job;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (!job.operationId) {
    if (job.state === 'posting') {
      // A run before this one may have posted and died before saving the answer.
      const own = (await client.transitions(job.customerId, job.subscriptionId)).find(isOwn(job));
      if (own) job.operationId = own.operationId;
    }
    if (!job.operationId) {
      job.state = 'posting';
      await store.save(job);
      let posted;
      try {
        posted = await client.postTransition(job.customerId, job.subscriptionId, { ...job.request, ...(job.fromCatalogItemId ? { fromCatalogItemId: job.fromCatalogItemId } : {}) }, job.requestId);
      } catch (error) {
        // Refused (400, 409): nothing was made, so the job ends with the reason instead of being sent again forever.
        if (!(error instanceof PartnerRequestError) || (error.status !== 400 && error.status !== 409)) throw error;
        const code = Number(error.code);
        job.state = 'failed';
        job.failure = { event: REFUSED_AT_POST, refusals: [refusalOf(Number.isInteger(code) && code >= 0 && code <= 13 ? code : 0, error.description ?? '', job.request.transitionType)] };
        await store.save(job);
        await options.onProgress?.(job);
        return job;
      }
      job.operationId = posted.operationId;
      job.events = posted.events;
    }
    job.state = 'running';
    await store.save(job);
    await options.onProgress?.(job);
  }
  for (let polls = 0; options.maxPolls === undefined || polls < options.maxPolls; polls++) {
    const mine = (await client.transitions(job.customerId, job.subscriptionId)).find((t) => t.operationId === job.operationId);
    if (mine) job.events = mine.events;
    const outcome = outcomeOf(job, job.events);
    if (outcome.state !== 'running') {
      job.state = outcome.state;
      if (outcome.failed) {
        const refusals = outcome.failed.errors.map((e) => refusalOf(e.code, e.description, job.request.transitionType));
        job.failure = { event: outcome.failed.name, refusals: refusals.length > 0 ? refusals : [refusalOf(0, '')] };
      }
      await store.save(job);
      await options.onProgress?.(job);
      return job;
    }
    await store.save(job);
    await options.onProgress?.(job);
    await sleep(options.pollMs ?? 15_000);
  }
  return job;
}
