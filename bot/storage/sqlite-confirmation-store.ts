import type { Database } from 'node-sqlite3-wasm';
import { isRequester, type ClaimOutcome, type Confirmation, type ConfirmationStore, type Requester } from '../switching/confirmation';

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

  async claim(id: string, requester: Requester, now: string): Promise<ClaimOutcome> {
    const info = this.db.run(
      "UPDATE confirmations SET state = 'used' WHERE id = ? AND state = 'open' AND requested_by = ? AND json_extract(value, '$.tenantId') = ? AND expires_at > ?",
      [id, requester.userId, requester.tenantId, now],
    );
    return info.changes === 1 ? this.found(id) : this.whyNot(id, requester, now);
  }

  async decline(id: string, requester: Requester): Promise<ClaimOutcome> {
    const info = this.db.run(
      "UPDATE confirmations SET state = 'declined' WHERE id = ? AND state = 'open' AND requested_by = ? AND json_extract(value, '$.tenantId') = ?",
      [id, requester.userId, requester.tenantId],
    );
    return info.changes === 1 ? this.found(id) : this.whyNot(id, requester, '');
  }

  private found(id: string): ClaimOutcome {
    const row = this.db.get('SELECT value FROM confirmations WHERE id = ?', [id])!;
    return { ok: true, confirmation: JSON.parse(row.value as string) as Confirmation };
  }

  private whyNot(id: string, requester: Requester, now: string): ClaimOutcome {
    const row = this.db.get('SELECT expires_at, state, value FROM confirmations WHERE id = ?', [id]);
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.state !== 'open') return { ok: false, reason: 'already-handled' };
    if (!isRequester(JSON.parse(row.value as string) as Confirmation, requester)) return { ok: false, reason: 'not-yours' };
    return { ok: false, reason: now && (row.expires_at as string) <= now ? 'expired' : 'already-handled' };
  }
}
