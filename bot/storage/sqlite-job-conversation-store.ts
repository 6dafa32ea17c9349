import type { Database } from 'node-sqlite3-wasm';
import type { JobConversation, JobConversationStore } from '../switching/job-conversations';

export class SqliteJobConversationStore implements JobConversationStore {
  constructor(private readonly db: Database) {
    db.exec('CREATE TABLE IF NOT EXISTS job_conversations (job_id TEXT PRIMARY KEY, value TEXT NOT NULL)');
  }

  async save(record: JobConversation): Promise<void> {
    this.db.run('INSERT INTO job_conversations (job_id, value) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET value = excluded.value', [
      record.jobId,
      JSON.stringify(record),
    ]);
  }

  async get(jobId: string): Promise<JobConversation | undefined> {
    const row = this.db.get('SELECT value FROM job_conversations WHERE job_id = ?', [jobId]);
    return row ? (JSON.parse(row.value as string) as JobConversation) : undefined;
  }
}
