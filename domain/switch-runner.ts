import { compareIds, holderReplacements } from './automatic-change';
import { licencesForGroups, takesLicence } from './move-preflight';
import { findPlan, isWizardChange } from './catalogue';
import type { InputError } from './findings';
import { isReplacementDone, type LicenceReplacement } from './licence-replacement';
import type { PaceStep, PacedWork } from './demo-pace';
import { err, ok, type Result } from './result';
import type { SubscriptionStatus } from './vocabulary';
import type { TenantSnapshot, User } from './snapshot/schema';
import {
  isFinished,
  isValidJobId,
  PENDING_SUBSCRIPTION_ID,
  progress,
  type InvalidJob,
  type JobExists,
  type JobNotFound,
  type JobStore,
  type NotMoved,
  type SwitchJob,
  type SwitchStep,
  type VersionConflict,
} from './switch-job';
import type { BatchItemOutcome, TenantGateway } from './tenant.port';

export { progress, type JobProgress } from './switch-job';

// Runs a plan switch as durable, resumable, idempotent steps. Every step first does its idempotent
// gateway call, then records its result with a conditional write; a runner that crashes anywhere
// (a thrown exception from the gateway or the store) is followed by a fresh one calling run(jobId),
// which repeats at most the call it was in the middle of and ends where an uninterrupted run ends.

export const DEFAULT_BATCH_SIZE = 20;
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface ProgressEvent {
  jobId: string;
  step: SwitchStep;
  done: number;
  total: number;
  percent: number;
}

export interface SwitchRunnerOptions {
  gateway: TenantGateway;
  jobs: JobStore;
  /** Today as YYYY-MM-DD: the new subscription's start and the old one's last day. */
  today: () => string;
  /** Now as an ISO timestamp, for createdAt and updatedAt. */
  now?: () => string;
  /** Ids for new jobs; random UUIDs by default. */
  newJobId?: () => string;
  onProgress?: (event: ProgressEvent) => void;
  /** Called before each piece of gateway work, e.g. demoPace(3600) to play out the real durations. */
  pace?: (step: PaceStep) => Promise<void>;
  /** Licence replacements per gateway call (20, Microsoft Graph's batch limit, by default). */
  batchSize?: number;
  /** Attempts at a batch with failed items before the job fails. */
  maxAttempts?: number;
}

export interface AutomaticChangeJobRequest {
  subscriptionId: string;
  toPlan: string;
  /** An opaque id of the person asking, never a UPN. */
  requestedBy: string;
  addLicenses?: number;
  jobId?: string;
}

export interface MoveUsersJobRequest {
  fromSubscriptionId: string;
  toSubscriptionId: string;
  userIds: string[];
  requestedBy: string;
  jobId?: string;
  /** The usage location (two letters) to give users who have none before their licence is moved, as the admin chose. */
  setUsageLocation?: string;
  /** Groups whose licence to move (for every member) when a chosen user's old licence comes from them, as the admin chose. */
  moveGroupIds?: string[];
}

export interface JobContext {
  id: string;
  createdAt: string;
  batchSize: number;
}

export type PlanError =
  | InputError
  | { code: 'INVALID_JOB_ID'; jobId: string }
  | { code: 'INVALID_REQUESTER' }
  | { code: 'SUBSCRIPTION_NOT_ACTIVE'; subscriptionId: string; status: SubscriptionStatus }
  | { code: 'USERS_NOT_ON_SUBSCRIPTION'; userIds: string[]; subscriptionId: string }
  | { code: 'NOT_ENOUGH_LICENSES'; needed: number; available: number; toBuy: number; subscriptionId: string };

export type JobInProgress = { code: 'JOB_IN_PROGRESS'; jobId: string; subscriptionId: string };
export type StartError = PlanError | JobExists | InvalidJob | JobInProgress;

export type JobFailed = { code: 'JOB_FAILED'; job: SwitchJob };
export type RunError = JobNotFound | VersionConflict | InvalidJob | JobFailed;
export type RetryError = RunError | { code: 'JOB_NOT_FAILED'; jobId: string; step: SwitchStep };

/** Codes a job fails with (SwitchJob.error). */
export const JOB_ERRORS = {
  subscriptionNotFound: 'SUBSCRIPTION_NOT_FOUND',
  planNotFound: 'UNKNOWN_PLAN',
  replacementFailed: 'LICENCE_REPLACEMENT_FAILED',
  oldStillAssigned: 'OLD_SUBSCRIPTION_STILL_ASSIGNED',
  /** The gateway or the job store kept throwing (a read-only disk, a storage error, a Graph 5xx past its own retries). */
  interrupted: 'INTERRUPTED',
  /** A demo tenant's working copy was deleted while the job worked on it: nothing it did can be checked or finished. */
  tenantCopyMissing: 'TENANT_COPY_MISSING',
} as const;

/** How a job rides out errors thrown by the gateway or the store: run again from its last checkpoint, with growing waits. */
export interface RetryPolicy {
  /** Runs of the job in all, the first one included, before it ends as failed. */
  attempts: number;
  /** The wait before the n-th retry (n from 1). */
  delayMs: (retry: number) => number;
  sleep: (ms: number) => Promise<void>;
  /** An error that no retry can help (e.g. another instance took the job over): rethrown at once, the job left as it is. */
  isFatal?: (error: unknown) => boolean;
  /** An error no wait will mend (the tenant's data is gone): the job fails at once with this code instead of INTERRUPTED. */
  permanent?: (error: unknown) => string | undefined;
  onRetry?: (info: { jobId: string; retry: number; delayMs: number; cause: string }) => void;
}

/** Exponential backoff with jitter: base, 2×base, 4×base… up to max, each scaled by 0.5–1 so retries of many jobs spread out. */
export function exponentialBackoff(baseMs: number, maxMs: number, random: () => number = Math.random): (retry: number) => number {
  return (retry) => Math.round(Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1)) * (0.5 + random() / 2));
}

/**
 * A short code for what went wrong, for the job record and the log: a system error's code (EROFS, EIO),
 * an HTTP status (HTTP_503), an error class's name; never the message, which may name people or paths.
 */
export function errorCause(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; statusCode?: unknown; status?: unknown; name?: unknown };
  if (typeof e.code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(e.code)) return e.code;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  if (status !== undefined && Number.isInteger(status)) return `HTTP_${status}`;
  if (typeof e.name === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(e.name) && e.name !== 'Error') return e.name;
  return 'UNKNOWN';
}

const looksLikeUpn = (value: string) => value.includes('@');
const holds = (user: User, subscriptionId: string) => user.licenses.some((l) => l.subscriptionId === subscriptionId);

function baseJob(snapshot: TenantSnapshot, context: JobContext, requestedBy: string): Result<Omit<SwitchJob, 'kind' | 'subscriptionId' | 'replacements'>, PlanError> {
  if (!isValidJobId(context.id)) return err({ code: 'INVALID_JOB_ID', jobId: context.id });
  if (requestedBy.length === 0 || looksLikeUpn(requestedBy)) return err({ code: 'INVALID_REQUESTER' });
  return ok({
    id: context.id,
    tenantId: snapshot.tenant.id,
    requestedBy,
    createdAt: context.createdAt,
    step: 'pending',
    cursor: 0,
    batchSize: Math.max(1, Math.floor(context.batchSize)),
    attempts: 0,
    version: 0,
  });
}

/**
 * The job for an automatic change of one subscription: every holder of its licence, sorted by user id,
 * moves to the subscription the job will buy. Checks only what the runner needs; whether the change is
 * allowed at all (blockers, roles) is the eligibility check's to say before a job is planned.
 */
export function planAutomaticChangeJob(snapshot: TenantSnapshot, request: AutomaticChangeJobRequest, context: JobContext): Result<SwitchJob, PlanError> {
  const base = baseJob(snapshot, context, request.requestedBy);
  if (!base.ok) return base;
  const subscription = snapshot.subscriptions.find((s) => s.id === request.subscriptionId);
  if (!subscription) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.subscriptionId });
  if (subscription.status === 'deleted') return err({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: subscription.id, status: subscription.status });
  if (!findPlan(request.toPlan)) return err({ code: 'UNKNOWN_PLAN', planId: request.toPlan });
  if (request.toPlan === subscription.planId) return err({ code: 'SAME_PLAN', planId: request.toPlan });
  const { addLicenses } = request;
  if (addLicenses !== undefined && !(Number.isInteger(addLicenses) && addLicenses >= 0)) {
    return err({ code: 'INVALID_LICENSE_COUNT', licenseCount: addLicenses });
  }
  return ok({
    ...base.value,
    kind: 'automatic-change',
    subscriptionId: subscription.id,
    fromPlan: subscription.planId,
    toPlan: request.toPlan,
    ...(addLicenses === undefined ? {} : { addLicenses }),
    replacements: holderReplacements(snapshot, subscription.id, PENDING_SUBSCRIPTION_ID),
  });
}

/** The job for moving chosen users from one subscription to another the tenant already has. */
/** The chosen groups the user's old licence comes from, for the replacement. */
function groupsToMove(user: User, fromSubscriptionId: string, chosen: readonly string[] | undefined): { moveGroupIds?: string[] } {
  if (!chosen || chosen.length === 0) return {};
  const groups = (user.licenses.find((l) => l.subscriptionId === fromSubscriptionId)?.groupIds ?? []).filter((g) => chosen.includes(g));
  return groups.length > 0 ? { moveGroupIds: groups } : {};
}

export function planMoveUsersJob(snapshot: TenantSnapshot, request: MoveUsersJobRequest, context: JobContext): Result<SwitchJob, PlanError> {
  const base = baseJob(snapshot, context, request.requestedBy);
  if (!base.ok) return base;
  const from = snapshot.subscriptions.find((s) => s.id === request.fromSubscriptionId);
  if (!from) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.fromSubscriptionId });
  const to = snapshot.subscriptions.find((s) => s.id === request.toSubscriptionId);
  if (!to) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.toSubscriptionId });
  if (from.id === to.id) return err({ code: 'SAME_SUBSCRIPTION', subscriptionId: from.id });
  if (to.status !== 'active') return err({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: to.id, status: to.status });
  const userIds = [...new Set(request.userIds)].sort(compareIds);
  if (userIds.length === 0) return err({ code: 'NO_USERS_CHOSEN' });
  const wanted = new Set(userIds);
  const users = new Map<string, User>();
  let assignedOnTarget = 0;
  for (const user of snapshot.users) {
    if (wanted.has(user.id)) users.set(user.id, user);
    if (holds(user, to.id)) assignedOnTarget += 1;
  }
  const unknown = userIds.find((id) => !users.has(id));
  if (unknown !== undefined) return err({ code: 'UNKNOWN_USER', userId: unknown });
  const setLocation = request.setUsageLocation;
  const replacements: LicenceReplacement[] = userIds.map((userId) => ({
    userId,
    removeSubscriptionId: from.id,
    addSubscriptionId: to.id,
    ...(setLocation !== undefined && users.get(userId)!.usageLocation === null ? { setUsageLocation: setLocation } : {}),
    ...groupsToMove(users.get(userId)!, from.id, request.moveGroupIds),
  }));
  // A user already moved (new licence, no old one) is fine: the replacement is done and stays so.
  const notOnSource = replacements.filter((r) => {
    const user = users.get(r.userId)!;
    return !holds(user, from.id) && !isReplacementDone(user, r);
  });
  if (notOnSource.length > 0) {
    return err({ code: 'USERS_NOT_ON_SUBSCRIPTION', userIds: notOnSource.map((r) => r.userId), subscriptionId: from.id });
  }
  // Users the move will not write (a group's licence, no usage location) take no licence; a group whose
  // licence is moved takes one for each member, chosen or not.
  const needed =
    userIds.filter((id) => takesLicence(users.get(id)!, from.id, to.id, setLocation !== undefined)).length +
    licencesForGroups(snapshot, from.id, to.id, request.moveGroupIds ?? []);
  const available = Math.max(0, to.purchasedLicenses - assignedOnTarget);
  if (needed > available) return err({ code: 'NOT_ENOUGH_LICENSES', needed, available, toBuy: needed - available, subscriptionId: to.id });
  return ok({ ...base.value, kind: 'move-users', subscriptionId: from.id, toSubscriptionId: to.id, userIds, replacements });
}

/** Whether an unfinished job works on this subscription. */
function touches(job: SwitchJob, subscriptionId: string): boolean {
  return job.subscriptionId === subscriptionId || job.toSubscriptionId === subscriptionId || job.newSubscriptionId === subscriptionId;
}

function withoutFailure(job: SwitchJob): SwitchJob {
  const { error: _error, failures: _failures, failedStep: _failedStep, cause: _cause, ...rest } = job;
  return rest;
}

type StepResult = Result<SwitchJob, RunError>;

function notMovedOf(item: BatchItemOutcome): NotMoved {
  return {
    userId: item.userId,
    status: item.status === 'skipped' ? 'skipped' : 'refused',
    error: item.error ?? 'UNKNOWN',
    ...(item.groupIds && item.groupIds.length > 0 ? { groupIds: item.groupIds } : {}),
  };
}

/** What one run has learnt: the snapshot it read, and users whose replacement the gateway confirmed. */
interface RunMemo {
  snapshot: TenantSnapshot;
  usersById: Map<string, User>;
  confirmed: Set<string>;
}

export class SwitchRunner {
  private readonly gateway: TenantGateway;
  private readonly jobs: JobStore;
  private readonly today: () => string;
  private readonly now: () => string;
  private readonly newJobId: () => string;
  private readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  private readonly pace: ((step: PaceStep) => Promise<void>) | undefined;
  private readonly batchSize: number;
  private readonly maxAttempts: number;

  constructor(options: SwitchRunnerOptions) {
    this.gateway = options.gateway;
    this.jobs = options.jobs;
    this.today = options.today;
    this.now = options.now ?? (() => new Date().toISOString());
    this.newJobId = options.newJobId ?? (() => globalThis.crypto.randomUUID());
    this.onProgress = options.onProgress;
    this.pace = options.pace;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  }

  /** Plans and stores an automatic change job (not yet run); refused while another job works on the subscription. */
  async startAutomaticChange(request: AutomaticChangeJobRequest): Promise<Result<SwitchJob, StartError>> {
    const snapshot = await this.gateway.readSnapshot();
    const planned = planAutomaticChangeJob(snapshot, request, this.context(request.jobId));
    if (!planned.ok) return planned;
    return this.store(planned.value, [request.subscriptionId]);
  }

  /** Plans and stores a job moving users between two subscriptions (not yet run). */
  async startMoveUsers(request: MoveUsersJobRequest): Promise<Result<SwitchJob, StartError>> {
    const snapshot = await this.gateway.readSnapshot();
    const planned = planMoveUsersJob(snapshot, request, this.context(request.jobId));
    if (!planned.ok) return planned;
    return this.store(planned.value, [request.fromSubscriptionId, request.toSubscriptionId]);
  }

  /**
   * Performs the job from its last recorded step to done. Expected outcomes are values: a failed job,
   * a job another runner advanced meanwhile (VERSION_CONFLICT: this runner stops, nothing applied twice).
   * An exception from the gateway or the store is a crash: it propagates, and run(jobId) resumes.
   */
  async run(jobId: string, seen?: (job: SwitchJob) => void): Promise<Result<SwitchJob, RunError>> {
    let job = await this.jobs.get(jobId);
    if (!job) return err({ code: 'JOB_NOT_FOUND', jobId });
    seen?.(job);
    if (job.step === 'done') return ok(job);
    if (job.step === 'failed') return err({ code: 'JOB_FAILED', job });
    this.emit(job);
    const snapshot = await this.gateway.readSnapshot();
    const memo: RunMemo = { snapshot, usersById: new Map(snapshot.users.map((u) => [u.id, u])), confirmed: new Set() };
    for (;;) {
      const next = await this.step(job, memo);
      if (!next.ok) return next;
      job = next.value;
      seen?.(job);
      this.emit(job);
      if (job.step === 'done') return ok(job);
      if (job.step === 'failed') return err({ code: 'JOB_FAILED', job });
    }
  }

  /**
   * run(), in the same process, until the job is done or failed: an exception from the gateway or the
   * store (a crash of this run) is followed, after a growing wait, by another run from the last recorded
   * step. Once `policy.attempts` runs have thrown, the job is recorded as failed (INTERRUPTED, with the
   * cause's code) where it stopped. If even that record cannot be written, the failed job is still
   * returned, with `recorded: false`: the job stays at its last step in the store and a later start resumes it.
   */
  async runWithRetries(jobId: string, policy: RetryPolicy): Promise<Result<SwitchJob, RunError | (JobFailed & { recorded: false })>> {
    let last: SwitchJob | undefined;
    const seen = (job: SwitchJob) => (last = job);
    for (let attempt = 1; ; attempt += 1) {
      let cause: string;
      let permanent: string | undefined;
      try {
        return await this.run(jobId, seen);
      } catch (error) {
        if (policy.isFatal?.(error)) throw error;
        cause = errorCause(error);
        permanent = policy.permanent?.(error);
      }
      if (permanent !== undefined) return this.giveUp(jobId, cause, last, permanent);
      if (attempt >= Math.max(1, policy.attempts)) return this.giveUp(jobId, cause, last);
      const delayMs = policy.delayMs(attempt);
      policy.onRetry?.({ jobId, retry: attempt, delayMs, cause });
      await policy.sleep(delayMs);
    }
  }

  /** Records a job as failed where it stopped, with `error` (INTERRUPTED unless told otherwise) and the cause's code. */
  async giveUp(jobId: string, cause: string, last?: SwitchJob, error: string = JOB_ERRORS.interrupted): Promise<Result<SwitchJob, RunError | (JobFailed & { recorded: false })>> {
    const failedCopy = (job: SwitchJob): SwitchJob => ({ ...job, step: 'failed', failedStep: job.step, error, cause, updatedAt: this.now() });
    try {
      const job = (await this.jobs.get(jobId)) ?? last;
      if (!job) return err({ code: 'JOB_NOT_FOUND', jobId });
      if (job.step === 'done') return ok(job);
      if (job.step === 'failed') return err({ code: 'JOB_FAILED', job });
      const saved = await this.save(job, { step: 'failed', failedStep: job.step, error, cause });
      if (!saved.ok) return saved;
      this.emit(saved.value);
      return err({ code: 'JOB_FAILED', job: saved.value });
    } catch {
      if (!last) throw new Error(`switch job ${jobId} could not be read`);
      return err({ code: 'JOB_FAILED', job: failedCopy(last), recorded: false });
    }
  }

  /** Runs a failed job again from the step it failed at, with fresh attempts. */
  async retry(jobId: string): Promise<Result<SwitchJob, RetryError>> {
    const job = await this.jobs.get(jobId);
    if (!job) return err({ code: 'JOB_NOT_FOUND', jobId });
    if (job.step !== 'failed') return err({ code: 'JOB_NOT_FAILED', jobId, step: job.step });
    const reset = await this.save(withoutFailure(job), { step: job.failedStep ?? 'pending', attempts: 0 }, job.version);
    if (!reset.ok) return reset;
    return this.run(jobId);
  }

  private context(jobId: string | undefined): JobContext {
    return { id: jobId ?? this.newJobId(), createdAt: this.now(), batchSize: this.batchSize };
  }

  private async store(job: SwitchJob, subscriptionIds: string[]): Promise<Result<SwitchJob, StartError>> {
    // The same id again (a start retried after a lost answer) is left to create(): JOB_EXISTS.
    const busy = (await this.jobs.list(job.tenantId)).find(
      (other) => other.id !== job.id && !isFinished(other) && subscriptionIds.some((id) => touches(other, id)),
    );
    if (busy) return err({ code: 'JOB_IN_PROGRESS', jobId: busy.id, subscriptionId: subscriptionIds.find((id) => touches(busy, id))! });
    return this.jobs.create(job);
  }

  private async step(job: SwitchJob, memo: RunMemo): Promise<StepResult> {
    switch (job.step) {
      case 'pending':
        return job.kind === 'automatic-change' ? this.createSubscription(job, memo) : this.replaceBatch(job, memo);
      case 'subscription-created':
        return this.replaceBatch(job, memo);
      case 'licences-replaced':
        return job.kind === 'automatic-change' ? this.cancelOld(job) : this.save(job, { step: 'done' });
      case 'old-cancelled':
        return this.save(job, { step: 'done' });
      case 'done':
      case 'failed':
        return ok(job);
    }
  }

  private async createSubscription(job: SwitchJob, memo: RunMemo): Promise<StepResult> {
    const old = memo.snapshot.subscriptions.find((s) => s.id === job.subscriptionId);
    if (!old) return this.fail(job, JOB_ERRORS.subscriptionNotFound);
    if (job.toPlan === undefined || !findPlan(job.toPlan)) return this.fail(job, JOB_ERRORS.planNotFound);
    await this.paced(job, 'create-subscription', 0);
    const { subscriptionId } = await this.gateway.createSubscription({
      idempotencyKey: job.id,
      basedOnSubscriptionId: job.subscriptionId,
      planId: job.toPlan,
      startDate: this.today(),
      ...(job.addLicenses === undefined ? {} : { addLicenses: job.addLicenses }),
    });
    const replacements = job.replacements.map((r) => (r.addSubscriptionId === PENDING_SUBSCRIPTION_ID ? { ...r, addSubscriptionId: subscriptionId } : r));
    return this.save(job, { step: 'subscription-created', newSubscriptionId: subscriptionId, replacements });
  }

  private async replaceBatch(job: SwitchJob, memo: RunMemo): Promise<StepResult> {
    if (job.cursor >= job.replacements.length) return this.save(job, { step: 'licences-replaced', attempts: 0 });
    const batch = job.replacements.slice(job.cursor, job.cursor + job.batchSize);
    const passed = new Set((job.notMoved ?? []).map((n) => n.userId));
    const isDone = (r: LicenceReplacement) => {
      if (memo.confirmed.has(r.userId) || passed.has(r.userId)) return true;
      const user = memo.usersById.get(r.userId);
      return user !== undefined && isReplacementDone(user, r);
    };
    const toSend = batch.filter((r) => !isDone(r));
    if (toSend.length === 0) return this.save(job, { cursor: job.cursor + batch.length, attempts: 0 });

    await this.paced(job, 'replace-licences', toSend.length);
    const outcome = await this.gateway.replaceLicences(toSend);
    const byUser = new Map(outcome.items.map((item) => [item.userId, item]));
    const failures: BatchItemOutcome[] = [];
    // Refused and skipped users are final: recorded with their reason, and the move goes on with the others.
    const notMoved = new Map((job.notMoved ?? []).map((n) => [n.userId, n]));
    for (const r of toSend) {
      const item = byUser.get(r.userId);
      if (item && (item.status === 'done' || item.status === 'already-done')) memo.confirmed.add(r.userId);
      else if (item && (item.status === 'refused' || item.status === 'skipped')) notMoved.set(r.userId, notMovedOf(item));
      else failures.push(item ?? { userId: r.userId, status: 'failed', error: 'NO_OUTCOME' });
    }
    const recorded = notMoved.size > 0 ? { notMoved: [...notMoved.values()] } : {};
    if (failures.length === 0) return this.save(job, { cursor: job.cursor + batch.length, attempts: 0, ...recorded });
    job = { ...job, ...recorded };
    const attempts = job.attempts + 1;
    if (attempts < this.maxAttempts) return this.save(job, { attempts });
    return this.fail(
      { ...job, attempts },
      JOB_ERRORS.replacementFailed,
      failures.map((f) => ({ userId: f.userId, ...(f.error === undefined ? {} : { error: f.error }) })),
    );
  }

  /** Cancels the old subscription once nobody holds its licence any more; otherwise fails, cancelling nothing. */
  private async cancelOld(job: SwitchJob): Promise<StepResult> {
    const snapshot = await this.gateway.readSnapshot();
    const planned = new Set(job.replacements.map((r) => r.userId));
    const stillOnOld = snapshot.users.filter((user) => holds(user, job.subscriptionId));
    if (stillOnOld.length > 0) {
      return this.fail(
        job,
        JOB_ERRORS.oldStillAssigned,
        stillOnOld.map((user) => ({ userId: user.id, error: planned.has(user.id) ? 'NOT_MOVED' : 'ASSIGNED_AFTER_PLANNING' })),
      );
    }
    await this.paced(job, 'cancel-subscription', 0);
    await this.gateway.cancelSubscription(job.subscriptionId, this.today());
    return this.save(job, { step: 'old-cancelled' });
  }

  private fail(job: SwitchJob, error: string, failures?: SwitchJob['failures']): Promise<StepResult> {
    return this.save(job, { step: 'failed', failedStep: job.step, error, ...(failures ? { failures } : {}) });
  }

  /** The conditional write: succeeds only while the stored job is the version this runner read. */
  private async save(job: SwitchJob, patch: Partial<SwitchJob>, expectedVersion: number = job.version): Promise<StepResult> {
    return this.jobs.update({ ...job, ...patch, updatedAt: this.now() }, expectedVersion);
  }

  private async paced(job: SwitchJob, work: PacedWork, items: number): Promise<void> {
    if (!this.pace) return;
    const from = job.fromPlan === undefined ? undefined : findPlan(job.fromPlan);
    const to = job.toPlan === undefined ? undefined : findPlan(job.toPlan);
    const viaWizard = job.kind === 'automatic-change' && from !== undefined && to !== undefined && isWizardChange(from, to);
    await this.pace({ jobId: job.id, kind: job.kind, work, viaWizard, items, total: job.replacements.length });
  }

  private emit(job: SwitchJob): void {
    if (!this.onProgress) return;
    const { done, total, percent } = progress(job);
    try {
      this.onProgress({ jobId: job.id, step: job.step, done, total, percent });
    } catch {
      // A progress listener's failure must not stop the switch.
    }
  }
}
