import { todayUtc } from '../../domain/dates';
import type { PaceStep } from '../../domain/demo-pace';
import type { JobStore } from '../../domain/switch-job';
import type { ProgressEvent } from '../../domain/switch-progress';
import { SwitchRunner } from '../../domain/switch-runner';
import type { KnownTenant } from '../../conversation/tenant-directory';
import type { JobClaim } from './job-claims';

export interface TenantRunnerOptions {
  tenant: KnownTenant;
  jobs: JobStore;
  now: () => Date;
  /** The demo pace, for demo tenants. */
  pace?: ((step: PaceStep) => Promise<void>) | undefined;
  /** With a claim, the runner stops (LeaseLostError) before any gateway call or record once the lease is lost. */
  claim?: JobClaim | undefined;
  onProgress: (event: ProgressEvent) => void;
}

/** A switch runner on the tenant's gateway. */
export function tenantRunner({ tenant, jobs, now, pace, claim, onProgress }: TenantRunnerOptions): SwitchRunner {
  // The demo pace plays out the articles' durations on demo tenants; a real tenant takes its real time.
  const basePace = tenant.source === 'graph' ? undefined : pace;
  return new SwitchRunner({
    gateway: tenant.gateway,
    jobs: claim ? leaseGuardedJobs(jobs, claim) : jobs,
    today: () => todayUtc(now()),
    now: () => now().toISOString(),
    pace: claim ? leaseGuardedPace(basePace, claim) : basePace,
    onProgress,
  });
}

/** The job store, whose writes are refused once the claim's lease is lost. */
function leaseGuardedJobs(jobs: JobStore, claim: JobClaim): JobStore {
  return {
    get: (id) => jobs.get(id),
    create: (job) => jobs.create(job),
    list: (id) => jobs.list(id),
    update: async (job, expectedVersion) => {
      claim.check();
      return jobs.update(job, expectedVersion);
    },
  };
}

/** The pace, checking the claim's lease before and after each wait (a gateway call follows it). */
function leaseGuardedPace(pace: ((step: PaceStep) => Promise<void>) | undefined, claim: JobClaim): (step: PaceStep) => Promise<void> {
  return async (step: PaceStep) => {
    claim.check();
    await pace?.(step);
    claim.check();
  };
}
