// Who runs which switch job. Several bot instances share one storage; before an instance runs a job it
// takes the job's lease, renews it while it works, and gives it back when it stops. A lease nobody
// renewed is expired, and any instance may take it: that is how a job whose instance died is picked up.

export interface JobLease {
  jobId: string;
  holder: string;
  /** ISO time the lease ends unless renewed. */
  expiresAt: string;
  /** The store's version of the lease (an eTag), for the conditional renew and release. */
  token: string;
}

export interface JobLeases {
  /** Takes the lease for `holder` unless another holder's is unexpired at `now`; undefined if it is taken. */
  acquire(jobId: string, holder: string, now: Date, ttlMs: number): Promise<JobLease | undefined>;
  /** Extends a lease still held as `lease`; undefined if it was lost (taken over after expiring, or released). */
  renew(lease: JobLease, now: Date, ttlMs: number): Promise<JobLease | undefined>;
  /** Gives the lease back if it is still `lease`. */
  release(lease: JobLease): Promise<void>;
}

const expiry = (now: Date, ttlMs: number) => new Date(now.getTime() + ttlMs).toISOString();

/** For one process (the embedded SQLite and memory stores): a map, atomic because each call runs in one JavaScript turn. */
export class MemoryJobLeases implements JobLeases {
  private readonly leases = new Map<string, JobLease>();
  private counter = 0;

  async acquire(jobId: string, holder: string, now: Date, ttlMs: number): Promise<JobLease | undefined> {
    const current = this.leases.get(jobId);
    if (current && current.holder !== holder && current.expiresAt > now.toISOString()) return undefined;
    return this.store({ jobId, holder, expiresAt: expiry(now, ttlMs), token: String(++this.counter) });
  }

  async renew(lease: JobLease, now: Date, ttlMs: number): Promise<JobLease | undefined> {
    if (this.leases.get(lease.jobId)?.token !== lease.token) return undefined;
    return this.store({ ...lease, expiresAt: expiry(now, ttlMs), token: String(++this.counter) });
  }

  async release(lease: JobLease): Promise<void> {
    if (this.leases.get(lease.jobId)?.token === lease.token) this.leases.delete(lease.jobId);
  }

  private store(lease: JobLease): JobLease {
    this.leases.set(lease.jobId, lease);
    return { ...lease };
  }
}
