import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite, { type Database } from 'node-sqlite3-wasm';

/** Opens (and creates) the embedded SQLite file that holds conversation state, preferences and switch jobs. */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new sqlite.Database(path);
  db.exec(`
    CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, etag INTEGER NOT NULL, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, version INTEGER NOT NULL, value TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS jobs_tenant ON jobs (tenant_id);
  `);
  return db;
}
