import { randomUUID, createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConversationReference } from 'botbuilder';
import { check } from '../../domain/eligibility';
import type { Blocker } from '../../domain/findings';
import { planMove } from '../../domain/move-users';
import { isFinished, type JobStore, type SwitchJob } from '../../domain/switch-job';
import { SnapshotFileGatewayError } from '../../domain/gateways/file-gateway';
import { JOB_ERRORS } from '../../domain/switch-errors';
import { exponentialBackoff, type RetryPolicy } from '../../domain/switch-retry-policy';
import { SwitchRunner } from '../../domain/switch-runner';
import type { PaceStep } from '../../domain/demo-pace';
import { todayUtc } from '../../domain/dates';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { allowedRoles, type Action } from '../../domain/roles';
import type { BillingAccountType } from '../../domain/vocabulary';
import type { OfferRequest as Offer, SwitchOffers } from '../../conversation/switch-offers';
import type { Language } from '../../i18n/languages';
import { mayExecute, type Identity } from '../../conversation/identity';
import type { Logger } from '../logger';
import { ChangeRequestRefused, type ChangeLimiter } from '../security/change-limits';
import type { TenantDirectory } from '../../conversation/tenant-directory';
import type { Confirmation, ConfirmationStore } from './confirmation';
import { JobClaimer, LeaseLostError, type JobClaim } from './job-claims';
import type { JobConversationStore } from './job-conversations';
import { MemoryJobLeases, type JobLeases } from './job-leases';
import { peopleOf } from '../../conversation/move-result';
import type { SwitchNotifier } from './notifier';

export interface SwitchServiceDeps {
  directory: TenantDirectory;
  jobs: JobStore;
  confirmations: ConfirmationStore;
  conversations: JobConversationStore;
  notifier: SwitchNotifier;
  logger: Logger;
  now?: () => Date;
  pace?: (step: PaceStep) => Promise<void>;
  /** How long a confirmation card can be pressed. */
  confirmationTtlMs?: number;
  /** Switch and move requests per person and per organisation; none: unlimited. */
  limiter?: ChangeLimiter;
  /** Job leases: of several instances sharing one storage, only the lease holder runs a job. In-process by default. */
  leases?: JobLeases;
  /** How long a job lease lasts unrenewed (60 s by default); its holder renews it every third of that. */
  leaseMs?: number;
  /** This instance's name in the leases (host, process id and a random part by default). */
  instanceId?: string;
  /** With several instances: how often to look for unfinished jobs nobody holds (a dead instance's), from resumeUnfinished on. */
  sweepEveryMs?: number;
  /** How a job rides out a failing disk, store or tenant in this process; by default 6 runs, 1 s to 30 s apart. */
  retry?: Partial<Pick<RetryPolicy, 'attempts' | 'delayMs' | 'sleep'>>;
}

const DEFAULT_RETRY = { attempts: 6, delayMs: exponentialBackoff(1_000, 30_000), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

export type OfferRequest = Offer<Partial<ConversationReference>>;

export type ConfirmOutcome =
  | { kind: 'started'; job: SwitchJob }
  | { kind: 'refused'; reason: 'unknown' | 'already-handled' | 'expired' | 'not-yours' }
  | { kind: 'blocked'; blockers: Blocker[] }
  | { kind: 'already-running'; jobId: string }
  | { kind: 'not-started'; code: string };

const DEFAULT_TTL_MS = 15 * 60_000;

/**
 * Turns a pressed confirmation into exactly one switch job and runs it in the background,
 * outside the HTTP request, reporting progress to the conversation that started it.
 */
export class SwitchService implements SwitchOffers {
  private readonly now: () => Date;
  private readonly running = new Map<string, Promise<void>>();
  /** When this service started: a job older than that was left by an earlier run of the bot. */
  private readonly startedAt: number;
  private readonly claims: JobClaimer;
  private stopSweep: (() => void) | undefined;
  private sweeping = false;

  constructor(private readonly deps: SwitchServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.startedAt = this.now().getTime();
    this.claims = new JobClaimer({
      leases: deps.leases ?? new MemoryJobLeases(),
      holder: deps.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      ttlMs: deps.leaseMs ?? 60_000,
      now: () => this.now(),
    });
  }

  /** A confirmation card for the request; throws ChangeRequestRefused when the person or organisation asked for too many lately. */
  async offer(request: OfferRequest): Promise<Confirmation> {
    const allowed = await this.deps.limiter?.take(request.tenantId, request.identity.userId);
    if (allowed && !allowed.ok) throw new ChangeRequestRefused(allowed);
    const created = this.now();
    const confirmation: Confirmation = {
      id: randomUUID(),
      tenantId: request.tenantId,
      kind: request.kind,
      subscriptionId: request.subscriptionId,
      ...(request.kind === 'automatic-change'
        ? { toPlan: request.toPlan }
        : { toSubscriptionId: request.toSubscriptionId, userIds: request.userIds, ...(request.setUsageLocation ? { setUsageLocation: request.setUsageLocation } : {}), ...(request.moveGroupIds?.length ? { moveGroupIds: request.moveGroupIds } : {}) }),
      requestedBy: request.identity.userId,
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + (this.deps.confirmationTtlMs ?? DEFAULT_TTL_MS)).toISOString(),
      lng: request.lng,
      conversation: request.conversation,
    };
    await this.deps.confirmations.save(confirmation);
    return confirmation;
  }

  async decline(confirmationId: string, identity: Identity): Promise<boolean> {
    return (await this.deps.confirmations.decline(confirmationId, identity.userId)).ok;
  }

  /** One press of a confirmation card. Roles and blockers are checked again now, not when the card was shown. */
  async confirm(
    confirmationId: string,
    identity: Identity,
    reply: { conversation: Partial<ConversationReference>; lng: Language; cardActivityId?: string },
  ): Promise<ConfirmOutcome> {
    const claimed = await this.deps.confirmations.claim(confirmationId, identity.userId, this.now().toISOString());
    if (!claimed.ok) {
      this.deps.logger.audit('switch.confirmation.refused', { reason: claimed.reason, tenantId: identity.tenantId, userId: identity.userId });
      return { kind: 'refused', reason: claimed.reason };
    }
    const confirmation = claimed.confirmation;
    const tenant = this.deps.directory.find(confirmation.tenantId);
    // The refusal names the roles that may do what the card was for.
    const refuseRole = (billingAccountType: BillingAccountType = 'MOSA'): ConfirmOutcome => {
      this.deps.logger.audit('switch.blocked', { tenantId: confirmation.tenantId, userId: identity.userId, codes: ['ADMIN_ROLE_REQUIRED'] });
      const action: Action = confirmation.kind === 'move-users' ? { kind: 'assign-licences' } : { kind: 'change-plan', billingAccountType };
      return { kind: 'blocked', blockers: [{ code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: allowedRoles(action) }] };
    };
    if (!tenant || identity.tenantId !== confirmation.tenantId || !mayExecute(identity)) return refuseRole();
    // The person's roles as the tenant has them now, not as they were when the card was shown.
    tenant.refresh?.();
    const snapshot = await tenant.gateway.readSnapshot();
    const person = snapshot.users.find((user) => user.id === identity.userId);
    if (!person || !mayExecute({ ...identity, roles: person.roles })) return refuseRole(snapshot.tenant.billingAccountType);
    const blockers = this.blockersNow(snapshot, confirmation, { ...identity, upn: person.upn, roles: person.roles });
    if (blockers.length > 0) {
      this.deps.logger.audit('switch.blocked', { tenantId: tenant.id, userId: identity.userId, codes: blockers.map((b) => b.code) });
      return { kind: 'blocked', blockers };
    }

    const runner = this.runnerFor(tenant.id);
    const jobId = await this.slotJobId(tenant.id, confirmation.subscriptionId);
    const started =
      confirmation.kind === 'automatic-change'
        ? await runner.startAutomaticChange({ subscriptionId: confirmation.subscriptionId, toPlan: confirmation.toPlan!, requestedBy: identity.userId, jobId })
        : await runner.startMoveUsers({
            fromSubscriptionId: confirmation.subscriptionId,
            toSubscriptionId: confirmation.toSubscriptionId!,
            userIds: confirmation.userIds!,
            requestedBy: identity.userId,
            jobId,
            ...(confirmation.setUsageLocation ? { setUsageLocation: confirmation.setUsageLocation } : {}),
            ...(confirmation.moveGroupIds?.length ? { moveGroupIds: confirmation.moveGroupIds } : {}),
          });
    if (!started.ok) {
      if (started.error.code === 'JOB_EXISTS' || started.error.code === 'JOB_IN_PROGRESS') return { kind: 'already-running', jobId };
      return { kind: 'not-started', code: started.error.code };
    }
    const job = started.value;
    await this.deps.conversations.save({ jobId: job.id, conversation: reply.conversation, lng: reply.lng, cardActivityId: reply.cardActivityId, reportedPercent: 0 });
    this.deps.logger.audit('switch.started', {
      tenantId: job.tenantId,
      userId: identity.userId,
      jobId: job.id,
      kind: job.kind,
      subscriptionId: job.subscriptionId,
      fromPlan: job.fromPlan,
      toPlan: job.toPlan,
      toSubscriptionId: job.toSubscriptionId,
      licencesBefore: snapshot.subscriptions.find((s) => s.id === job.subscriptionId)?.purchasedLicenses,
      licenceCountsBefore: licenceCounts(snapshot, [job.subscriptionId, job.toSubscriptionId]),
      users: job.replacements.length,
    });
    // Announced from the background, so the person first hears that their press was taken.
    void this.runInBackground(job.id, tenant.id, job);
    return { kind: 'started', job };
  }

  async listJobs(tenantId: string): Promise<SwitchJob[]> {
    return this.deps.jobs.list(tenantId);
  }

  /**
   * After a restart: every unfinished job that no other instance holds runs on from its last recorded
   * step here. With `sweepEveryMs`, the same look is taken periodically from now on, so a job whose
   * instance died is picked up once its lease expires. Returns how many jobs this instance took.
   */
  async resumeUnfinished(): Promise<number> {
    const resumed = await this.sweep();
    this.startSweeping();
    return resumed;
  }

  /** One look for unfinished jobs: each one whose lease this instance takes runs here. Returns how many it took. */
  async sweep(): Promise<number> {
    const unfinished = (await this.deps.jobs.list()).filter((job) => !isFinished(job) && !this.running.has(job.id));
    const taken = await Promise.all(unfinished.map((job) => this.runInBackground(job.id, job.tenantId)));
    return taken.filter(Boolean).length;
  }

  /** Stops the periodic sweep (a clean shutdown, tests). */
  stopSweeping(): void {
    this.stopSweep?.();
    this.stopSweep = undefined;
  }

  private startSweeping(): void {
    const every = this.deps.sweepEveryMs;
    if (!every || this.stopSweep) return;
    const timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = true;
      this.sweep()
        .then((taken) => taken > 0 && this.deps.logger.info('switch.resumed', { jobs: taken }))
        .catch((error: unknown) => this.deps.logger.warn('switch.sweep-failed', { error }))
        .finally(() => (this.sweeping = false));
    }, every);
    timer.unref();
    this.stopSweep = () => clearInterval(timer);
  }

  /** Resolves when every job running in this process has stopped (for a clean shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private blockersNow(snapshot: Parameters<typeof check>[0], confirmation: Confirmation, identity: Identity): Blocker[] {
    if (confirmation.kind === 'automatic-change') {
      const result = check(snapshot, { subscriptionId: confirmation.subscriptionId, toPlan: confirmation.toPlan!, asUpn: identity.upn, today: todayUtc(this.now()) });
      if (!result.ok) return [{ code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: 'deleted', markedIneligible: true }];
      return result.value.path === 'manual' ? result.value.blockers : result.value.blockers;
    }
    const plan = planMove(snapshot, { fromSubscriptionId: confirmation.subscriptionId, toSubscriptionId: confirmation.toSubscriptionId!, userIds: confirmation.userIds!, asUpn: identity.upn });
    return plan.ok ? plan.value.blockers : [{ code: 'USERS_NOT_ON_SUBSCRIPTION', userIds: confirmation.userIds!, subscriptionId: confirmation.subscriptionId }];
  }

  /** One job id per subscription and generation: two presses at once compute the same id, so only one job is created. */
  private async slotJobId(tenantId: string, subscriptionId: string): Promise<string> {
    const generation = (await this.deps.jobs.list(tenantId)).filter((job) => job.subscriptionId === subscriptionId).length + 1;
    const hash = createHash('sha256').update(`${tenantId}\u0000${subscriptionId}`).digest('hex').slice(0, 16);
    return `sw-${hash}-${generation}`;
  }

  /** A runner; with a claim, it stops (LeaseLostError) before any gateway call or record once the lease is lost. */
  private runnerFor(tenantId: string, claim?: JobClaim): SwitchRunner {
    const tenant = this.deps.directory.find(tenantId)!;
    // The demo pace plays out the articles' durations on demo tenants; a real tenant takes its real time.
    const basePace = tenant.source === 'graph' ? undefined : this.deps.pace;
    const jobs: JobStore = claim
      ? {
          get: (id) => this.deps.jobs.get(id),
          create: (job) => this.deps.jobs.create(job),
          list: (id) => this.deps.jobs.list(id),
          update: async (job, expectedVersion) => {
            claim.check();
            return this.deps.jobs.update(job, expectedVersion);
          },
        }
      : this.deps.jobs;
    const pace = claim
      ? async (step: PaceStep) => {
          claim.check();
          await basePace?.(step);
          claim.check();
        }
      : basePace;
    return new SwitchRunner({
      gateway: tenant.gateway,
      jobs,
      today: () => todayUtc(this.now()),
      now: () => this.now().toISOString(),
      pace,
      onProgress: (event) => {
        void this.deps.jobs.get(event.jobId).then((job) => job && this.deps.notifier.progress(job, event)).catch((error: unknown) => {
          this.deps.logger.warn('switch.progress.notify-failed', { jobId: event.jobId, error });
        });
      },
    });
  }

  /** Runs the job here if this instance takes its lease; resolves, once that is decided, to whether it did. */
  private runInBackground(jobId: string, tenantId: string, announce?: SwitchJob): Promise<boolean> {
    const tenant = this.deps.directory.find(tenantId);
    if (this.running.has(jobId) || !tenant) return Promise.resolve(false);
    let decided: (taken: boolean) => void = () => undefined;
    const taken = new Promise<boolean>((resolve) => (decided = resolve));
    const work = (async () => {
      let claim: JobClaim | undefined;
      try {
        if (announce) await this.deps.notifier.started(announce);
        claim = await this.claims.claim(jobId);
        decided(claim !== undefined);
        if (!claim) return;
        // Another instance may have changed the tenant since this one read it.
        tenant.refresh?.();
        const runner = this.runnerFor(tenantId, claim);
        const policy: RetryPolicy = {
          ...DEFAULT_RETRY,
          ...this.deps.retry,
          // Another instance holds the job now: it goes on there, not here.
          isFatal: (error) => error instanceof LeaseLostError,
          // A working copy deleted under a running job does not come back by waiting.
          permanent: (error) => (error instanceof SnapshotFileGatewayError && error.problem.code === 'SNAPSHOT_FILE_NOT_FOUND' ? JOB_ERRORS.tenantCopyMissing : undefined),
          onRetry: ({ retry, delayMs, cause }) => {
            this.deps.logger.warn('switch.retrying', { jobId, retry, delayMs, cause });
            // The tenant may have changed under a failed write (a working copy restored, a Graph write that went through).
            tenant.refresh?.();
          },
        };
        const stored = await this.deps.jobs.get(jobId);
        // The demo tenant's working copy was gone at start and was copied afresh: the job's work was on the lost copy.
        const result =
          tenant.freshCopy && stored && !isFinished(stored) && Date.parse(stored.createdAt) < this.startedAt
            ? await runner.giveUp(jobId, 'SNAPSHOT_FILE_NOT_FOUND', stored, JOB_ERRORS.tenantCopyMissing)
            : await runner.runWithRetries(jobId, policy);
        const job = result.ok ? result.value : result.error.code === 'JOB_FAILED' ? result.error.job : await this.deps.jobs.get(jobId);
        if (job?.step === 'failed') {
          // The admin hears it in their conversation, the status card says the same, and the log names the job, not the people.
          this.deps.logger.error('switch.failed', {
            jobId,
            tenantId,
            kind: job.kind,
            error: job.error,
            cause: job.cause,
            failedStep: job.failedStep,
            usersMoved: Math.min(job.cursor, job.replacements.length),
            users: job.replacements.length,
            newSubscriptionId: job.newSubscriptionId,
            recorded: !(!result.ok && 'recorded' in result.error && result.error.recorded === false),
          });
        }
        if (job && isFinished(job)) {
          const after = await tenant.gateway.readSnapshot().catch(() => undefined);
          this.deps.logger.audit('switch.finished', {
            tenantId,
            userId: job.requestedBy,
            jobId,
            kind: job.kind,
            step: job.step,
            error: job.error,
            subscriptionId: job.subscriptionId,
            fromPlan: job.fromPlan,
            toPlan: job.toPlan,
            toSubscriptionId: job.toSubscriptionId,
            newSubscriptionId: job.newSubscriptionId,
            users: job.replacements.length,
            licenceCountsAfter: after && licenceCounts(after, [job.subscriptionId, job.toSubscriptionId, job.newSubscriptionId]),
          });
          await this.deps.notifier.finished(job, peopleOf(after));
        }
      } catch (error) {
        decided(false);
        // A crash mid-job leaves it at its last recorded step; the next start (or another instance's sweep) resumes it.
        if (error instanceof LeaseLostError) this.deps.logger.warn('switch.lease-lost', { jobId });
        else this.deps.logger.error('switch.crashed', { jobId, error });
      } finally {
        await claim?.release().catch(() => undefined);
        this.running.delete(jobId);
      }
    })();
    this.running.set(jobId, work);
    return taken;
  }
}

/** For the audit: each subscription's purchased licences and how many users hold one. */
function licenceCounts(snapshot: TenantSnapshot, subscriptionIds: (string | undefined)[]): Record<string, { purchased: number; assigned: number }> {
  const counts: Record<string, { purchased: number; assigned: number }> = {};
  for (const id of subscriptionIds) {
    const subscription = id === undefined ? undefined : snapshot.subscriptions.find((s) => s.id === id);
    if (!subscription) continue;
    counts[subscription.id] = { purchased: subscription.purchasedLicenses, assigned: snapshot.users.filter((u) => u.licenses.some((l) => l.subscriptionId === subscription.id)).length };
  }
  return counts;
}
