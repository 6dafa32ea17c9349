import { z } from 'zod';
import type { Result } from './result';

// A plan switch as a durable job: everything a fresh runner needs to resume it after a crash,
// stored through the JobStore port with a version for conditional writes.

export const SWITCH_JOB_KINDS = ['automatic-change', 'move-users'] as const;
export type SwitchJobKind = (typeof SWITCH_JOB_KINDS)[number];

/**
 * pending → (automatic change) subscription-created → licences-replaced → old-cancelled → done;
 * pending → (move users) licences-replaced → done. Any step may end in failed.
 * Licences are replaced while the step is `subscription-created` (automatic change) or `pending` (move users).
 */
export const SWITCH_STEPS = ['pending', 'subscription-created', 'licences-replaced', 'old-cancelled', 'done', 'failed'] as const;
export type SwitchStep = (typeof SWITCH_STEPS)[number];

/** Stands for the new subscription in an automatic change's replacements until the subscription exists. */
export const PENDING_SUBSCRIPTION_ID = '';

/** Job ids become file names: letters, digits, dot, dash and underscore, starting with a letter or digit. */
const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isValidJobId(id: string): boolean {
  return JOB_ID.test(id);
}

const id = z.string().min(1).max(200);

const replacementSchema = z.strictObject({
  userId: id,
  removeSubscriptionId: id,
  addSubscriptionId: z.string().max(200),
  /** The usage location (two-letter country) to give the user first if they have none, as the admin chose. */
  setUsageLocation: z.string().regex(/^[A-Z]{2}$/).optional(),
  /** The groups whose licence the admin chose to move, when the user's old licence comes from them. */
  moveGroupIds: z.array(id).max(100).optional(),
});

export const switchJobSchema = z.strictObject({
  id: z.string().regex(JOB_ID),
  tenantId: id,
  kind: z.enum(SWITCH_JOB_KINDS),
  /** The subscription users move from (the one an automatic change replaces). */
  subscriptionId: id,
  /** Automatic change: the old subscription's plan, kept for display and pacing. */
  fromPlan: id.optional(),
  toPlan: id.optional(),
  /** Move users: the subscription they move to. */
  toSubscriptionId: id.optional(),
  userIds: z.array(id).optional(),
  /** Automatic change: licences bought on top of the old subscription's count (never fewer). */
  addLicenses: z.number().int().nonnegative().optional(),
  /** Who asked: an opaque id (an AAD object id, a hash), never a UPN or e-mail address. */
  requestedBy: id.refine((value) => !value.includes('@'), { message: 'an opaque id, not a user principal name' }),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1).optional(),
  step: z.enum(SWITCH_STEPS),
  newSubscriptionId: id.optional(),
  /** Fixed when the job is planned, sorted by user id; `cursor` of them are confirmed done. */
  replacements: z.array(replacementSchema),
  cursor: z.number().int().nonnegative(),
  batchSize: z.number().int().positive(),
  /** Failed attempts of the batch at `cursor`; reset when the cursor moves. */
  attempts: z.number().int().nonnegative(),
  /** A failed job's code, e.g. LICENCE_REPLACEMENT_FAILED. */
  error: z.string().optional(),
  /** The step a failed job stopped at, so it can be retried from there. */
  failedStep: z.enum(SWITCH_STEPS).optional(),
  /** Why an interrupted job could not go on: an error code such as EROFS or HTTP_503, never an error's text. */
  cause: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional(),
  /** The items that made a job fail, with the gateway's error code. */
  failures: z.array(z.strictObject({ userId: id, error: z.string().optional() })).optional(),
  /**
   * Users the job went past without moving them, each with the tenant's reason: refused (the tenant said
   * no: NOT_ENOUGH_LICENSES, …) or skipped (not sent: LICENSED_BY_GROUP, USAGE_LOCATION_MISSING, …).
   * Everyone else in `replacements` up to `cursor` holds the new licence.
   */
  notMoved: z
    .array(z.strictObject({ userId: id, status: z.enum(['refused', 'skipped']), error: z.string().min(1).max(100), groupIds: z.array(id).optional() }))
    .optional(),
  /**
   * Members of a moved group nobody chose who also held the old licence directly: moved (that licence
   * removed) or kept it, with the reason (GROUP_LICENCE_PENDING, GROUP_COUNT_VIOLATION, …).
   */
  alsoChanged: z
    .array(z.strictObject({ userId: id, moved: z.boolean(), error: z.string().min(1).max(100).optional(), groupIds: z.array(id).optional() }))
    .optional(),
  /**
   * Moved groups whose members the app was not allowed to list (ids): members nobody chose who also held
   * the old licence directly may hold both licences now, so the result must not say nobody does.
   */
  membersUnread: z.array(id).optional(),
  /**
   * A finished job past the retention time (STATE_RETENTION_DAYS) keeps only this: how many users it was
   * for and how many it moved; its lists of users are gone (see summarizeJob).
   */
  summary: z.strictObject({ users: z.number().int().nonnegative(), moved: z.number().int().nonnegative() }).optional(),
  version: z.number().int().nonnegative(),
});

export type SwitchJob = z.output<typeof switchJobSchema>;
export type NotMoved = NonNullable<SwitchJob['notMoved']>[number];

export type JobExists = { code: 'JOB_EXISTS'; jobId: string };
export type JobNotFound = { code: 'JOB_NOT_FOUND'; jobId: string };
export type VersionConflict = { code: 'VERSION_CONFLICT'; jobId: string; expectedVersion: number; actualVersion: number };
export type InvalidJob = { code: 'INVALID_JOB'; jobId: string; issues: string[] };

/** Where jobs live. `update` is a conditional write: it succeeds only while the stored version is `expectedVersion`. */
export interface JobStore {
  get(id: string): Promise<SwitchJob | undefined>;
  /** Stores a new job as given; an existing id is an error value and leaves the stored job alone. */
  create(job: SwitchJob): Promise<Result<SwitchJob, JobExists | InvalidJob>>;
  /** Stores `job` with version `expectedVersion + 1` and returns it, unless the stored version differs. */
  update(job: SwitchJob, expectedVersion: number): Promise<Result<SwitchJob, VersionConflict | JobNotFound | InvalidJob>>;
  /** Jobs, oldest first; only the tenant's when `tenantId` is given. */
  list(tenantId?: string): Promise<SwitchJob[]>;
}

/** Checks a job against the schema; the issues name the fields. */
export function validateJob(job: unknown): Result<SwitchJob, string[]> {
  const parsed = switchJobSchema.safeParse(job);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(job)'}: ${issue.message}`) };
}

export function isFinished(job: SwitchJob): boolean {
  return job.step === 'done' || job.step === 'failed';
}

export function compareJobs(a: SwitchJob, b: SwitchJob): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface JobProgress {
  done: number;
  total: number;
  /** 0–100, whole numbers; 100 only once the job is done. */
  percent: number;
}

/** The users a finished (or running) job has moved so far: past the cursor and not left behind. */
export function movedCount(job: SwitchJob): number {
  if (job.summary) return job.summary.moved;
  const passed = job.step === 'done' ? job.replacements.length : Math.min(job.cursor, job.replacements.length);
  return Math.max(0, passed - (job.notMoved?.length ?? 0));
}

/** How far a job is: licence replacements confirmed out of all of them. */
export function progress(job: SwitchJob): JobProgress {
  if (job.summary) {
    const { users, moved } = job.summary;
    return job.step === 'done' ? { done: users, total: users, percent: 100 } : { done: moved, total: users, percent: users === 0 ? 0 : Math.min(99, Math.floor((moved * 100) / users)) };
  }
  const total = job.replacements.length;
  const done = Math.min(job.cursor, total);
  if (job.step === 'done') return { done: total, total, percent: 100 };
  const percent = total === 0 ? 0 : Math.min(99, Math.floor((done * 100) / total));
  return { done, total, percent };
}

/** How many users a job is for, also once it is only a summary. */
export function jobUsers(job: SwitchJob): number {
  return job.summary?.users ?? job.replacements.length;
}

/**
 * What is kept of a finished job past the retention time: what it was (kind, plans, subscriptions, who
 * asked, when, how it ended) and its counts, without the users it listed.
 */
export function summarizeJob(job: SwitchJob): SwitchJob {
  if (job.summary) return job;
  const { userIds: _userIds, failures: _failures, notMoved: _notMoved, alsoChanged: _alsoChanged, ...rest } = job;
  return { ...rest, replacements: [], cursor: 0, summary: { users: job.replacements.length, moved: movedCount(job) } };
}
