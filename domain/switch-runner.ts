import type { PaceStep, PacedWork } from './demo-pace';
import { err, ok, type Result } from './result';
import { JOB_ERRORS, type JobFailed, type RetryError, type RunError, type StartError } from './switch-errors';
import { isFinished, type JobStore, type SwitchJob } from './switch-job';
import { paceStepFor } from './switch-pace';
import { planAutomaticChangeJob, planMoveUsersJob, type AutomaticChangeJobRequest, type JobContext, type MoveUsersJobRequest } from './switch-planning';
import { progressEventOf, type ProgressEvent } from './switch-progress';
import { errorCause, type RetryPolicy } from './switch-retry-policy';
import type { RunMemo, StepContext, StepResult } from './switch-step-context';
import { nextStep } from './switch-steps';
import type { TenantGateway } from './tenant.port';

// Runs a plan switch as durable, resumable, idempotent steps. Every step first does its idempotent
// gateway call, then records its result with a conditional write; a runner that crashes anywhere
// (a thrown exception from the gateway or the store) is followed by a fresh one calling run(jobId),
// which repeats at most the call it was in the middle of and ends where an uninterrupted run ends.
// What the jobs are is planned in switch-planning.ts, the steps are in switch-steps.ts; this file
// starts, runs, retries and gives up on jobs, and records each step.

export const DEFAULT_BATCH_SIZE = 20;
export const DEFAULT_MAX_ATTEMPTS = 3;

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

/** Whether an unfinished job works on this subscription. */
function touches(job: SwitchJob, subscriptionId: string): boolean {
  return job.subscriptionId === subscriptionId || job.toSubscriptionId === subscriptionId || job.newSubscriptionId === subscriptionId;
}

function withoutFailure(job: SwitchJob): SwitchJob {
  const { error: _error, failures: _failures, failedStep: _failedStep, cause: _cause, ...rest } = job;
  return rest;
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
  private readonly steps: StepContext;

  constructor(options: SwitchRunnerOptions) {
    this.gateway = options.gateway;
    this.jobs = options.jobs;
    this.today = options.today;
    this.now = options.now ?? (() => new Date().toISOString());
    this.newJobId = options.newJobId ?? (() => globalThis.crypto.randomUUID());
    this.onProgress = options.onProgress;
    this.pace = options.pace;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    this.steps = {
      gateway: this.gateway,
      today: () => this.today(),
      maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
      save: (job, patch) => this.save(job, patch),
      fail: (job, error, failures) => this.fail(job, error, failures),
      paced: (job, work, items) => this.paced(job, work, items),
    };
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
      const next = await nextStep(job, memo, this.steps);
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

  private fail(job: SwitchJob, error: string, failures?: SwitchJob['failures']): Promise<StepResult> {
    return this.save(job, { step: 'failed', failedStep: job.step, error, ...(failures ? { failures } : {}) });
  }

  /** The conditional write: succeeds only while the stored job is the version this runner read. */
  private async save(job: SwitchJob, patch: Partial<SwitchJob>, expectedVersion: number = job.version): Promise<StepResult> {
    return this.jobs.update({ ...job, ...patch, updatedAt: this.now() }, expectedVersion);
  }

  private async paced(job: SwitchJob, work: PacedWork, items: number): Promise<void> {
    if (!this.pace) return;
    await this.pace(paceStepFor(job, work, items));
  }

  private emit(job: SwitchJob): void {
    if (!this.onProgress) return;
    const event = progressEventOf(job);
    try {
      this.onProgress(event);
    } catch {
      // A progress listener's failure must not stop the switch.
    }
  }
}
