import { link, mkdir, open, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../result';
import {
  compareJobs,
  isValidJobId,
  validateJob,
  type InvalidJob,
  type JobExists,
  type JobNotFound,
  type JobStore,
  type SwitchJob,
  type VersionConflict,
} from '../switch-job';
import { errorCode, isTempFile, writeFileAtomic, writeTempFile } from './atomic-file';

/** A job file that is not JSON or not a job: thrown, because atomic writes never leave one behind. */
export class JobFileError extends Error {
  constructor(
    readonly path: string,
    readonly issues: string[],
  ) {
    super(`job file ${path} is broken: ${issues.join('; ')}`);
    this.name = 'JobFileError';
  }
}

export interface FileJobStoreOptions {
  /** How long an update waits for another writer's lock before giving up (a thrown error). */
  lockTimeoutMs?: number;
  /** A lock older than this was left by a crashed process and is taken over. */
  staleLockMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One JSON file per job (`<id>.json`) in a folder. Files are replaced atomically (temporary file + rename);
 * a new job is published with a hard link, which fails when the id exists; an update holds `<id>.lock`
 * (created exclusively) while it compares the file's version with the expected one and replaces the file,
 * so two writers, in one process or several, never both advance a job.
 */
export class FileJobStore implements JobStore {
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;

  constructor(
    readonly folder: string,
    options: FileJobStoreOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5_000;
    this.staleLockMs = options.staleLockMs ?? 30_000;
  }

  async get(id: string): Promise<SwitchJob | undefined> {
    if (!isValidJobId(id)) return undefined;
    return this.readJob(this.pathOf(id));
  }

  async create(job: SwitchJob): Promise<Result<SwitchJob, JobExists | InvalidJob>> {
    const valid = validateJob(job);
    if (!valid.ok) return err({ code: 'INVALID_JOB', jobId: job.id, issues: valid.error });
    await mkdir(this.folder, { recursive: true });
    const path = this.pathOf(job.id);
    const temp = await writeTempFile(path, serialise(valid.value));
    try {
      await link(temp, path);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return err({ code: 'JOB_EXISTS', jobId: job.id });
      throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    return ok(valid.value);
  }

  async update(job: SwitchJob, expectedVersion: number): Promise<Result<SwitchJob, VersionConflict | JobNotFound | InvalidJob>> {
    const valid = validateJob({ ...job, version: expectedVersion + 1 });
    if (!valid.ok) return err({ code: 'INVALID_JOB', jobId: job.id, issues: valid.error });
    const path = this.pathOf(job.id);
    await mkdir(this.folder, { recursive: true });
    return this.withLock(job.id, async () => {
      const stored = await this.readJob(path);
      if (!stored) return err({ code: 'JOB_NOT_FOUND', jobId: job.id });
      if (stored.version !== expectedVersion) {
        return err({ code: 'VERSION_CONFLICT', jobId: job.id, expectedVersion, actualVersion: stored.version });
      }
      await writeFileAtomic(path, serialise(valid.value));
      return ok(valid.value);
    });
  }

  async list(tenantId?: string): Promise<SwitchJob[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const jobs: SwitchJob[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || isTempFile(name)) continue;
      const job = await this.readJob(join(this.folder, name));
      if (job && (tenantId === undefined || job.tenantId === tenantId)) jobs.push(job);
    }
    return jobs.sort(compareJobs);
  }

  private pathOf(id: string): string {
    if (!isValidJobId(id)) throw new Error(`not a job id: ${JSON.stringify(id)}`);
    return join(this.folder, `${id}.json`);
  }

  private async readJob(path: string): Promise<SwitchJob | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new JobFileError(path, ['not JSON']);
    }
    const valid = validateJob(data);
    if (!valid.ok) throw new JobFileError(path, valid.error);
    return valid.value;
  }

  private async withLock<T>(id: string, task: () => Promise<T>): Promise<T> {
    const lock = join(this.folder, `${id}.lock`);
    const deadline = Date.now() + this.lockTimeoutMs;
    for (;;) {
      try {
        const handle = await open(lock, 'wx');
        await handle.close();
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > this.staleLockMs) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`job ${id} is locked by another writer`);
      await sleep(2 + Math.random() * 8);
    }
    try {
      return await task();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }
}

function serialise(job: SwitchJob): string {
  return `${JSON.stringify(job, null, 2)}\n`;
}
