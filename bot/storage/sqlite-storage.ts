import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from 'node-sqlite3-wasm';

/**
 * botbuilder's Storage on SQLite with real eTags: a write whose eTag is neither '*' nor the stored
 * one fails, exactly as botbuilder's own MemoryStorage and BlobsStorage do.
 */
export class SqliteStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.db.get('SELECT etag, value FROM state WHERE key = ?', [key]);
      if (row) items[key] = { ...JSON.parse(row.value as string), eTag: String(row.etag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string };
      const json = JSON.stringify(value);
      if (eTag === undefined || eTag === '*' || eTag === '') {
        this.db.run(
          'INSERT INTO state (key, etag, value) VALUES (?, 1, ?) ON CONFLICT(key) DO UPDATE SET etag = etag + 1, value = excluded.value',
          [key, json],
        );
        continue;
      }
      const info = this.db.run('UPDATE state SET etag = etag + 1, value = ? WHERE key = ? AND etag = ?', [json, key, Number(eTag)]);
      if (info.changes > 0) continue;
      // Like MemoryStorage: an item that no longer exists is written afresh; a changed one is a conflict.
      const exists = this.db.get('SELECT 1 AS found FROM state WHERE key = ?', [key]);
      if (exists) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      this.db.run('INSERT INTO state (key, etag, value) VALUES (?, 1, ?)', [key, json]);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.db.run('DELETE FROM state WHERE key = ?', [key]);
  }
}
