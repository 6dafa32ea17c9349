import type { Database } from 'node-sqlite3-wasm';
import { tenantKey, type ConsentedTenant, type ConsentStateStore, type TenantRegistry } from '../tenants/consented-tenants';

export class SqliteTenantRegistry implements TenantRegistry {
  constructor(private readonly db: Database) {
    db.exec('CREATE TABLE IF NOT EXISTS consented_tenants (tenant_id TEXT PRIMARY KEY, value TEXT NOT NULL)');
  }

  async get(tenantId: string): Promise<ConsentedTenant | undefined> {
    const row = this.db.get('SELECT value FROM consented_tenants WHERE tenant_id = ?', [tenantKey(tenantId)]);
    return row ? (JSON.parse(row.value as string) as ConsentedTenant) : undefined;
  }

  async list(): Promise<ConsentedTenant[]> {
    return this.db
      .all('SELECT value FROM consented_tenants')
      .map((row) => JSON.parse(row.value as string) as ConsentedTenant)
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  async record(entry: ConsentedTenant): Promise<void> {
    const key = tenantKey(entry.tenantId);
    this.db.run('INSERT INTO consented_tenants (tenant_id, value) VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET value = excluded.value', [
      key,
      JSON.stringify({ ...entry, tenantId: key }),
    ]);
  }

  async remove(tenantId: string): Promise<boolean> {
    return this.db.run('DELETE FROM consented_tenants WHERE tenant_id = ?', [tenantKey(tenantId)]).changes === 1;
  }
}

export class SqliteConsentStates implements ConsentStateStore {
  constructor(private readonly db: Database) {
    db.exec('CREATE TABLE IF NOT EXISTS consent_states (digest TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)');
  }

  async save(digest: string, expiresAt: number): Promise<void> {
    // States whose browser never came back go with the next one saved.
    this.db.run('DELETE FROM consent_states WHERE expires_at <= ?', [Date.now()]);
    this.db.run('INSERT INTO consent_states (digest, expires_at) VALUES (?, ?)', [digest, expiresAt]);
  }

  async take(digest: string, now: number): Promise<boolean> {
    const row = this.db.get('SELECT expires_at FROM consent_states WHERE digest = ?', [digest]);
    if (!row) return false;
    this.db.run('DELETE FROM consent_states WHERE digest = ?', [digest]);
    return (row.expires_at as number) > now;
  }
}
