import type { JobLease, JobLeases } from '../switching/job-leases';
import { BLOB_PREFIX, type BlobContainer } from './blob-container';

interface LeaseRecord {
  holder: string;
  expiresAt: string;
}

const nameOf = (jobId: string) => `${BLOB_PREFIX.leases}${jobId}.json`;
const expiry = (now: Date, ttlMs: number) => new Date(now.getTime() + ttlMs).toISOString();

/**
 * A lease blob per job: {holder, expiresAt}. Taking a free lease is If-None-Match: *, taking an expired
 * one or renewing is If-Match on the eTag read, releasing is a delete If-Match; so of instances racing
 * for a lease exactly one write succeeds. Expiry is judged by the instances' clocks, so they must agree
 * to well within the lease time (NTP does); Azure's own blob leases would not allow leases under 15 s.
 */
export class BlobJobLeases implements JobLeases {
  constructor(private readonly container: BlobContainer) {}

  async acquire(jobId: string, holder: string, now: Date, ttlMs: number): Promise<JobLease | undefined> {
    const record: LeaseRecord = { holder, expiresAt: expiry(now, ttlMs) };
    const current = await this.container.read<LeaseRecord>(nameOf(jobId));
    if (!current) {
      const token = await this.container.create(nameOf(jobId), record);
      return token === undefined ? undefined : { jobId, ...record, token };
    }
    if (current.value.holder !== holder && current.value.expiresAt > now.toISOString()) return undefined;
    const token = await this.container.replace(nameOf(jobId), record, current.etag);
    return token === undefined ? undefined : { jobId, ...record, token };
  }

  async renew(lease: JobLease, now: Date, ttlMs: number): Promise<JobLease | undefined> {
    const record: LeaseRecord = { holder: lease.holder, expiresAt: expiry(now, ttlMs) };
    const token = await this.container.replace(nameOf(lease.jobId), record, lease.token);
    return token === undefined ? undefined : { ...lease, ...record, token };
  }

  async release(lease: JobLease): Promise<void> {
    await this.container.remove(nameOf(lease.jobId), lease.token);
  }
}
