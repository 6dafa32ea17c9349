import { err, ok, type Result } from '../../domain/result';
import {
  compareJobs,
  validateJob,
  type InvalidJob,
  type JobExists,
  type JobNotFound,
  type JobStore,
  type SwitchJob,
  type VersionConflict,
} from '../../domain/switch-job';
import { BLOB_PREFIX, type BlobContainer } from './blob-container';

const nameOf = (id: string) => `${BLOB_PREFIX.jobs}${id}.json`;
/** Metadata values must be ASCII: the tenant id is kept URI-encoded, so listing a tenant's jobs reads only theirs. */
const TENANT_KEY = 'tenant';

/**
 * Switch jobs as one blob each, shared by every bot instance. `create` is If-None-Match: * (two
 * instances creating the same job id: one wins, the other gets JOB_EXISTS); `update` is If-Match on
 * the eTag of the version it checked, so of two instances advancing the same version only one succeeds.
 */
export class BlobJobStore implements JobStore {
  constructor(private readonly container: BlobContainer) {}

  async get(id: string): Promise<SwitchJob | undefined> {
    return (await this.container.read<SwitchJob>(nameOf(id)))?.value;
  }

  async create(job: SwitchJob): Promise<Result<SwitchJob, JobExists | InvalidJob>> {
    const valid = validateJob(job);
    if (!valid.ok) return err({ code: 'INVALID_JOB', jobId: job.id, issues: valid.error });
    const etag = await this.container.create(nameOf(job.id), valid.value, { [TENANT_KEY]: encodeURIComponent(job.tenantId) });
    return etag === undefined ? err({ code: 'JOB_EXISTS', jobId: job.id }) : ok(valid.value);
  }

  async update(job: SwitchJob, expectedVersion: number): Promise<Result<SwitchJob, VersionConflict | JobNotFound | InvalidJob>> {
    const next = { ...job, version: expectedVersion + 1 };
    const valid = validateJob(next);
    if (!valid.ok) return err({ code: 'INVALID_JOB', jobId: job.id, issues: valid.error });
    const stored = await this.container.read<SwitchJob>(nameOf(job.id));
    if (!stored) return err({ code: 'JOB_NOT_FOUND', jobId: job.id });
    if (stored.value.version !== expectedVersion) {
      return err({ code: 'VERSION_CONFLICT', jobId: job.id, expectedVersion, actualVersion: stored.value.version });
    }
    const etag = await this.container.replace(nameOf(job.id), valid.value, stored.etag, { [TENANT_KEY]: encodeURIComponent(job.tenantId) });
    if (etag !== undefined) return ok(valid.value);
    // Someone wrote it between the read and the write: whatever they wrote is a newer version.
    const now = await this.container.read<SwitchJob>(nameOf(job.id));
    if (!now) return err({ code: 'JOB_NOT_FOUND', jobId: job.id });
    return err({ code: 'VERSION_CONFLICT', jobId: job.id, expectedVersion, actualVersion: now.value.version });
  }

  async list(tenantId?: string): Promise<SwitchJob[]> {
    const wanted = tenantId === undefined ? undefined : encodeURIComponent(tenantId);
    const names = (await this.container.list(BLOB_PREFIX.jobs)).filter((blob) => wanted === undefined || blob.metadata[TENANT_KEY] === wanted).map((blob) => blob.name);
    const jobs = await Promise.all(names.map(async (name) => (await this.container.read<SwitchJob>(name))?.value));
    return jobs.filter((job): job is SwitchJob => job !== undefined && (tenantId === undefined || job.tenantId === tenantId)).sort(compareJobs);
  }
}
