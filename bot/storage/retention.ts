import type { Database } from 'node-sqlite3-wasm';
import { isFinished, summarizeJob, type SwitchJob } from '../../domain/switch-job';
import type { SqliteStorage } from './sqlite-storage';

// STATE_RETENTION_DAYS on the embedded SQLite file: conversation state, preferences and the rest of the
// bot's items untouched for that long go; a finished switch job that old keeps a summary (what it was,
// how it ended, its counts) without the users it listed, and where it reported to goes with its users;
// spent confirmation cards go. Unfinished jobs stay whatever their age: they are still to be resumed.

const DAY_MS = 24 * 60 * 60_000;

/** Items that are the bot's own machinery, rewritten whenever they change, never a person's state. */
export const KEEP = ['local-directline/keys', 'local-directline/index', 'switching/'];

export interface Pruned {
  stateItems: number;
  jobsSummarized: number;
  confirmations: number;
}

export function pruneSqlite(db: Database, storage: SqliteStorage, retentionDays: number, now: number = Date.now()): Pruned {
  const cutoff = now - retentionDays * DAY_MS;
  const stateItems = storage.prune(cutoff, KEEP);

  let jobsSummarized = 0;
  for (const row of db.all('SELECT id, version, value FROM jobs')) {
    const job = JSON.parse(row.value as string) as SwitchJob;
    if (!isFinished(job) || job.summary || Date.parse(job.updatedAt ?? job.createdAt) >= cutoff) continue;
    const summary = { ...summarizeJob(job), version: Number(row.version) + 1 };
    const info = db.run('UPDATE jobs SET version = ?, value = ? WHERE id = ? AND version = ?', [summary.version, JSON.stringify(summary), job.id, Number(row.version)]);
    if (info.changes !== 1) continue;
    jobsSummarized += 1;
    db.run('DELETE FROM job_conversations WHERE job_id = ?', [job.id]);
  }

  const confirmations = db.run('DELETE FROM confirmations WHERE expires_at < ?', [new Date(cutoff).toISOString()]).changes;
  return { stateItems, jobsSummarized, confirmations };
}
