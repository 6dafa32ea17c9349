import type { Database } from 'node-sqlite3-wasm';
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

/** Switch jobs in the embedded SQLite file; `update` is a conditional write on the stored version. */
export class SqliteJobStore implements JobStore {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<SwitchJob | undefined> {
    const row = this.db.get('SELECT value FROM jobs WHERE id = ?', [id]);
    return row ? (JSON.parse(row.value as string) as SwitchJob) : undefined;
  }

  async create(job: SwitchJob): Promise<Result<SwitchJob, JobExists | InvalidJob>> {
    const valid = validateJob(job);
    if (!valid.ok) return err({ code: 'INVALID_JOB', jobId: job.id, issues: valid.error });
    const info = this.db.run('INSERT OR IGNORE INTO jobs (id, tenant_id, version, value) VALUES (?, ?, ?, ?)', [
      job.id,
      job.tenantId,
      valid.value.version,
      JSON.stringify(valid.value),
    ]);
    return info.changes === 1 ? ok(valid.value) : err({ code: 'JOB_EXISTS', jobId: job.id });
  }

  async update(job: SwitchJob, expectedVersion: number): Promise<Result<SwitchJob, VersionConflict | JobNotFound | InvalidJob>> {
    const next = { ...job, version: expectedVersion + 1 };
    const valid = validateJob(next);
    if (!valid.ok) return err({ code: 'INVALID_JOB', jobId: job.id, issues: valid.error });
    const info = this.db.run('UPDATE jobs SET version = ?, value = ? WHERE id = ? AND version = ?', [
      next.version,
      JSON.stringify(valid.value),
      job.id,
      expectedVersion,
    ]);
    if (info.changes === 1) return ok(valid.value);
    const row = this.db.get('SELECT version FROM jobs WHERE id = ?', [job.id]);
    if (!row) return err({ code: 'JOB_NOT_FOUND', jobId: job.id });
    return err({ code: 'VERSION_CONFLICT', jobId: job.id, expectedVersion, actualVersion: Number(row.version) });
  }

  async list(tenantId?: string): Promise<SwitchJob[]> {
    const rows = tenantId === undefined ? this.db.all('SELECT value FROM jobs') : this.db.all('SELECT value FROM jobs WHERE tenant_id = ?', [tenantId]);
    return rows.map((row) => JSON.parse(row.value as string) as SwitchJob).sort(compareJobs);
  }
}
