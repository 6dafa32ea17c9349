import { err, ok, type Result } from '../result';
import {
  compareJobs,
  validateJob,
  type InvalidJob,
  type JobExists,
  type JobNotFound,
  type JobStore,
  type SwitchJob,
  type VersionConflict,
} from '../switch-job';

/** A copy that shares nothing mutable at the top level; replacement items are never changed in place. */
export function copyJob(job: SwitchJob): SwitchJob {
  return {
    ...job,
    replacements: job.replacements.slice(),
    ...(job.userIds ? { userIds: job.userIds.slice() } : {}),
    ...(job.failures ? { failures: job.failures.map((f) => ({ ...f })) } : {}),
    ...(job.notMoved ? { notMoved: job.notMoved.map((n) => ({ ...n })) } : {}),
  };
}

/** Jobs in a Map: for tests and the demo. The conditional write is atomic because JavaScript runs it in one turn. */
export class InMemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, SwitchJob>();

  async get(id: string): Promise<SwitchJob | undefined> {
    const job = this.jobs.get(id);
    return job && copyJob(job);
  }

  async create(job: SwitchJob): Promise<Result<SwitchJob, JobExists | InvalidJob>> {
    const valid = validateJob(job);
    if (!valid.ok) return err({ code: 'INVALID_JOB', jobId: job.id, issues: valid.error });
    if (this.jobs.has(job.id)) return err({ code: 'JOB_EXISTS', jobId: job.id });
    this.jobs.set(job.id, copyJob(valid.value));
    return ok(copyJob(valid.value));
  }

  async update(job: SwitchJob, expectedVersion: number): Promise<Result<SwitchJob, VersionConflict | JobNotFound | InvalidJob>> {
    const stored = this.jobs.get(job.id);
    if (!stored) return err({ code: 'JOB_NOT_FOUND', jobId: job.id });
    if (stored.version !== expectedVersion) {
      return err({ code: 'VERSION_CONFLICT', jobId: job.id, expectedVersion, actualVersion: stored.version });
    }
    const next = copyJob({ ...job, version: expectedVersion + 1 });
    this.jobs.set(job.id, next);
    return ok(copyJob(next));
  }

  async list(tenantId?: string): Promise<SwitchJob[]> {
    return [...this.jobs.values()]
      .filter((job) => tenantId === undefined || job.tenantId === tenantId)
      .sort(compareJobs)
      .map(copyJob);
  }
}
