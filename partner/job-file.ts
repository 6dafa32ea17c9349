import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../domain/gateways/atomic-file';
import type { TransitionJob, TransitionJobStore } from './transition-job';

// The command line's transition jobs, in one JSON file written atomically: ids, the request id and the
// events; never a token or a person's name.

export class TransitionJobFile implements TransitionJobStore {
  constructor(readonly path: string) {}

  async all(): Promise<TransitionJob[]> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as { jobs?: TransitionJob[] };
      return Array.isArray(parsed.jobs) ? parsed.jobs : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** An unfinished job for the same transition: running the same command again resumes it. */
  async unfinished(customerId: string, subscriptionId: string, toCatalogItemId: string, quantity: number, transitionType: string): Promise<TransitionJob | undefined> {
    return (await this.all()).find(
      (j) =>
        j.state !== 'completed' &&
        j.state !== 'failed' &&
        j.customerId === customerId &&
        j.subscriptionId === subscriptionId &&
        j.request.toCatalogItemId === toCatalogItemId &&
        j.request.quantity === quantity &&
        j.request.transitionType === transitionType,
    );
  }

  async save(job: TransitionJob): Promise<void> {
    const jobs = (await this.all()).filter((j) => j.id !== job.id);
    jobs.push(job);
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify({ jobs }, null, 2)}\n`);
  }
}
