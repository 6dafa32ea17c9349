import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from 'node-sqlite3-wasm';
import { RecentlyUsed } from '../../domain/recently-used';
import { PreparedStatements } from './sqlite-statements';

interface Stored {
  etag: number;
  json: string;
}

/** Recently used items kept in memory: reading one back from the WASM SQLite costs more than the turn's dialog work. */
const REMEMBERED_ITEMS = 4_096;

/**
 * botbuilder's Storage on SQLite with real eTags: a write whose eTag is neither '*' nor the stored
 * one fails, exactly as botbuilder's own MemoryStorage and BlobsStorage do. The database has one
 * owning process (see sqlite-database.ts), so the items it wrote last can be read back from memory.
 */
export class SqliteStorage implements Storage {
  private readonly statements: PreparedStatements;
  private readonly remembered = new RecentlyUsed<string, Stored>(REMEMBERED_ITEMS);

  constructor(
    db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = new PreparedStatements(db);
  }

  close(): void {
    this.statements.finalize();
    this.remembered.clear();
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = this.stored(key);
      if (stored) items[key] = { ...JSON.parse(stored.json), eTag: String(stored.etag) };
    }
    return items;
  }

  /** The item's JSON as stored, without its eTag: for a caller that parses and compares it itself (bot/stored-state.ts). */
  async readJson(key: string): Promise<string | undefined> {
    return this.stored(key)?.json;
  }

  /** Writes the item's JSON as given, the last writer winning (eTag '*'). */
  async writeJson(key: string, json: string): Promise<void> {
    this.put(key, json, (this.stored(key)?.etag ?? 0) + 1);
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string };
      const json = JSON.stringify(value);
      const current = this.stored(key);
      // Like MemoryStorage: '*' (or no eTag) overwrites, an item that no longer exists is written
      // afresh, and a changed one is a conflict.
      if (current && eTag !== undefined && eTag !== '*' && eTag !== '' && Number(eTag) !== current.etag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      this.put(key, json, (current?.etag ?? 0) + 1);
    }
  }

  private put(key: string, json: string, etag: number): void {
    this.run(
      'INSERT INTO state (key, etag, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at',
      [key, etag, json, this.now()],
    );
    this.remembered.set(key, { etag, json });
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.run('DELETE FROM state WHERE key = ?', [key]);
      this.remembered.delete(key);
    }
  }

  /**
   * Deletes the items last written before `before` (milliseconds since the epoch), except those whose key
   * starts with one of `keep`; returns how many went.
   */
  prune(before: number, keep: readonly string[]): number {
    const old = this.statements
      .get('SELECT key FROM state WHERE updated_at < ?')
      .all([before])
      .map((row) => String(row.key))
      .filter((key) => !keep.some((prefix) => key.startsWith(prefix)));
    for (const key of old) {
      this.run('DELETE FROM state WHERE key = ?', [key]);
      this.remembered.delete(key);
    }
    return old.length;
  }

  private stored(key: string): Stored | undefined {
    const hit = this.remembered.get(key);
    if (hit) return hit;
    // Run to completion (`all`), so no read stays open across the turn's writes.
    const row = this.statements.get('SELECT etag, value FROM state WHERE key = ?').all([key])[0];
    if (!row) return undefined;
    const stored = { etag: Number(row.etag), json: row.value as string };
    this.remembered.set(key, stored);
    return stored;
  }

  private run(sql: string, values: (string | number)[]) {
    return this.statements.get(sql).run(values);
  }
}
