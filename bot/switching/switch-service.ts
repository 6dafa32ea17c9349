import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConversationReference } from 'botbuilder';
import type { Blocker } from '../../domain/findings';
import { isFinished, type JobStore, type SwitchJob } from '../../domain/switch-job';
import type { SwitchRunner } from '../../domain/switch-runner';
import type { PaceStep } from '../../domain/demo-pace';
import { todayUtc } from '../../domain/dates';
import type { BillingAccountType } from '../../domain/vocabulary';
import type { OfferRequest, SwitchOffers } from '../../conversation/switch-offers';
import type { Language } from '../../i18n/languages';
import { mayExecute, type Identity } from '../../conversation/identity';
import type { Logger } from '../logger';
import { ChangeRequestRefused, type ChangeLimiter } from '../security/change-limits';
import type { TenantDirectory } from '../../conversation/tenant-directory';
import { blockersNow, roleRequired } from './checks-at-press';
import { runClaimedJob } from './claimed-job-run';
import type { Confirmation, ConfirmationStore } from './confirmation';
import { startedAudit } from './job-audit';
import { JobClaimer, LeaseLostError, type JobClaim } from './job-claims';
import type { JobConversationStore } from './job-conversations';
import { MemoryJobLeases, type JobLeases } from './job-leases';
import type { RetryOverrides } from './job-retry-policy';
import { DEFAULT_CONFIRMATION_TTL_MS, newConfirmation } from './new-confirmation';
import type { SwitchNotifier } from './notifier';
import { PeriodicSweep } from './periodic-sweep';
import { slotJobId, startConfirmedJob } from './start-confirmed-job';
import { tenantRunner } from './tenant-runner';

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
  retry?: RetryOverrides;
}

export type ConfirmOutcome =
  | { kind: 'started'; job: SwitchJob }
  | { kind: 'refused'; reason: 'unknown' | 'already-handled' | 'expired' | 'not-yours' }
  | { kind: 'blocked'; blockers: Blocker[] }
  | { kind: 'already-running'; jobId: string }
  | { kind: 'not-started'; code: string };

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
  private readonly sweeper: PeriodicSweep;

  constructor(private readonly deps: SwitchServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.startedAt = this.now().getTime();
    this.claims = new JobClaimer({
      leases: deps.leases ?? new MemoryJobLeases(),
      holder: deps.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      ttlMs: deps.leaseMs ?? 60_000,
      now: () => this.now(),
    });
    this.sweeper = new PeriodicSweep(() => this.sweep(), deps.logger);
  }

  /** A confirmation card for the request; throws ChangeRequestRefused when the person or organisation asked for too many lately. */
  async offer(request: OfferRequest<Partial<ConversationReference>>): Promise<Confirmation> {
    const allowed = await this.deps.limiter?.take(request.tenantId, request.identity.userId);
    if (allowed && !allowed.ok) throw new ChangeRequestRefused(allowed);
    const confirmation = newConfirmation(request, this.now(), this.deps.confirmationTtlMs ?? DEFAULT_CONFIRMATION_TTL_MS);
    await this.deps.confirmations.save(confirmation);
    return confirmation;
  }

  async decline(confirmationId: string, identity: Identity): Promise<boolean> {
    return (await this.deps.confirmations.decline(confirmationId, identity)).ok;
  }

  /** One press of a confirmation card. Roles and blockers are checked again now, not when the card was shown. */
  async confirm(
    confirmationId: string,
    identity: Identity,
    reply: { conversation: Partial<ConversationReference>; lng: Language; cardActivityId?: string },
  ): Promise<ConfirmOutcome> {
    const claimed = await this.deps.confirmations.claim(confirmationId, identity, this.now().toISOString());
    if (!claimed.ok) {
      this.deps.logger.audit('switch.confirmation.refused', { reason: claimed.reason, tenantId: identity.tenantId, userId: identity.userId });
      return { kind: 'refused', reason: claimed.reason };
    }
    const confirmation = claimed.confirmation;
    const tenant = this.deps.directory.find(confirmation.tenantId);
    const refuseRole = (billingAccountType?: BillingAccountType): ConfirmOutcome => {
      this.deps.logger.audit('switch.blocked', { tenantId: confirmation.tenantId, userId: identity.userId, codes: ['ADMIN_ROLE_REQUIRED'] });
      return { kind: 'blocked', blockers: [roleRequired(confirmation, billingAccountType)] };
    };
    if (!tenant || identity.tenantId !== confirmation.tenantId || !mayExecute(identity)) return refuseRole();
    // The person's roles as the tenant has them now, not as they were when the card was shown.
    tenant.refresh?.();
    const snapshot = await tenant.gateway.readSnapshot();
    const person = snapshot.users.find((user) => user.id === identity.userId);
    if (!person || !mayExecute({ ...identity, roles: person.roles })) return refuseRole(snapshot.tenant.billingAccountType);
    const blockers = blockersNow(snapshot, confirmation, { ...identity, upn: person.upn, roles: person.roles }, () => todayUtc(this.now()));
    if (blockers.length > 0) {
      this.deps.logger.audit('switch.blocked', { tenantId: tenant.id, userId: identity.userId, codes: blockers.map((b) => b.code) });
      return { kind: 'blocked', blockers };
    }

    const runner = this.runnerFor(tenant.id);
    const jobId = await slotJobId(this.deps.jobs, tenant.id, confirmation.subscriptionId);
    const started = await startConfirmedJob(runner, confirmation, identity.userId, jobId);
    if (!started.ok) {
      if (started.error.code === 'JOB_EXISTS' || started.error.code === 'JOB_IN_PROGRESS') return { kind: 'already-running', jobId };
      return { kind: 'not-started', code: started.error.code };
    }
    const job = started.value;
    await this.deps.conversations.save({ jobId: job.id, conversation: reply.conversation, lng: reply.lng, cardActivityId: reply.cardActivityId, reportedPercent: 0 });
    this.deps.logger.audit('switch.started', startedAudit(job, identity.userId, snapshot));
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
    this.sweeper.start(this.deps.sweepEveryMs);
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
    this.sweeper.stop();
  }

  /** Resolves when every job running in this process has stopped (for a clean shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** A runner; with a claim, it stops (LeaseLostError) before any gateway call or record once the lease is lost. */
  private runnerFor(tenantId: string, claim?: JobClaim): SwitchRunner {
    return tenantRunner({
      tenant: this.deps.directory.find(tenantId)!,
      jobs: this.deps.jobs,
      now: () => this.now(),
      pace: this.deps.pace,
      claim,
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
        await runClaimedJob(this.deps, { jobId, tenantId, tenant, runner: this.runnerFor(tenantId, claim), startedAt: this.startedAt });
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
