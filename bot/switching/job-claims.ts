import type { JobLease, JobLeases } from './job-leases';

/** Thrown by a claim's check once its lease is lost: the runner stops before its next gateway call or record. */
export class LeaseLostError extends Error {
  readonly code = 'LEASE_LOST' as const;
  constructor(readonly jobId: string) {
    super(`the lease on job ${jobId} was lost`);
    this.name = 'LeaseLostError';
  }
}

/** A job this instance holds the lease of, renewed in the background until released. */
export interface JobClaim {
  jobId: string;
  /** Throws LeaseLostError once the lease was lost, or is about to run out without a renewal. */
  check(): void;
  /** Stops renewing and gives the lease back. */
  release(): Promise<void>;
}

export interface JobClaimerOptions {
  leases: JobLeases;
  /** This instance's name in the leases. */
  holder: string;
  /** How long a lease lasts unrenewed; the holder renews it every third of that. */
  ttlMs: number;
  now: () => Date;
  /** Calls `task` every `ms` until the returned function is called (setInterval, unref'd, by default). */
  every?: (task: () => void, ms: number) => () => void;
}

const intervalEvery = (task: () => void, ms: number) => {
  const timer = setInterval(task, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** Takes job leases for this instance and keeps them while it works. */
export class JobClaimer {
  private readonly every: (task: () => void, ms: number) => () => void;

  constructor(private readonly options: JobClaimerOptions) {
    this.every = options.every ?? intervalEvery;
  }

  get ttlMs(): number {
    return this.options.ttlMs;
  }

  /** The job's claim, or undefined while another instance holds an unexpired lease on it. */
  async claim(jobId: string): Promise<JobClaim | undefined> {
    const { leases, holder, ttlMs, now } = this.options;
    const first = await leases.acquire(jobId, holder, now(), ttlMs);
    if (!first) return undefined;
    let lease: JobLease = first;
    let lost = false;
    let renewing: Promise<void> | undefined;
    // The holder gives up a fifth of the lease early, so clocks a little apart never see two holders.
    const margin = ttlMs / 5;
    const stop = this.every(() => {
      if (lost || renewing) return;
      renewing = leases
        .renew(lease, now(), ttlMs)
        .then((next) => {
          if (next) lease = next;
          else lost = true;
        })
        // A failed renewal is tried again at the next tick; check() fails once the lease runs out.
        .catch(() => undefined)
        .finally(() => (renewing = undefined));
    }, ttlMs / 3);
    return {
      jobId,
      check() {
        if (lost || Date.parse(lease.expiresAt) - margin <= now().getTime()) throw new LeaseLostError(jobId);
      },
      async release() {
        stop();
        await renewing;
        if (!lost) await leases.release(lease).catch(() => undefined);
      },
    };
  }
}
