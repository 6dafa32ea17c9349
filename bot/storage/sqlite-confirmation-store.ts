import type { Database } from 'node-sqlite3-wasm';
import type { ClaimOutcome, Confirmation, ConfirmationStore } from '../switching/confirmation';

export class SqliteConfirmationStore implements ConfirmationStore {
  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS confirmations (
      id TEXT PRIMARY KEY, requested_by TEXT NOT NULL, expires_at TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'open', value TEXT NOT NULL)`);
  }

  async save(confirmation: Confirmation): Promise<void> {
    this.db.run('INSERT INTO confirmations (id, requested_by, expires_at, value) VALUES (?, ?, ?, ?)', [
      confirmation.id,
      confirmation.requestedBy,
      confirmation.expiresAt,
      JSON.stringify(confirmation),
    ]);
  }

  async claim(id: string, userId: string, now: string): Promise<ClaimOutcome> {
    const info = this.db.run("UPDATE confirmations SET state = 'used' WHERE id = ? AND state = 'open' AND requested_by = ? AND expires_at > ?", [id, userId, now]);
    return info.changes === 1 ? this.found(id) : this.whyNot(id, userId, now);
  }

  async decline(id: string, userId: string): Promise<ClaimOutcome> {
    const info = this.db.run("UPDATE confirmations SET state = 'declined' WHERE id = ? AND state = 'open' AND requested_by = ?", [id, userId]);
    return info.changes === 1 ? this.found(id) : this.whyNot(id, userId, '');
  }

  private found(id: string): ClaimOutcome {
    const row = this.db.get('SELECT value FROM confirmations WHERE id = ?', [id])!;
    return { ok: true, confirmation: JSON.parse(row.value as string) as Confirmation };
  }

  private whyNot(id: string, userId: string, now: string): ClaimOutcome {
    const row = this.db.get('SELECT requested_by, expires_at, state FROM confirmations WHERE id = ?', [id]);
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.state !== 'open') return { ok: false, reason: 'already-handled' };
    if (row.requested_by !== userId) return { ok: false, reason: 'not-yours' };
    return { ok: false, reason: now && (row.expires_at as string) <= now ? 'expired' : 'already-handled' };
  }
}
