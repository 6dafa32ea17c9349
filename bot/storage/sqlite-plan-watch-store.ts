import type { Database } from 'node-sqlite3-wasm';
import type { PlanWatch, PlanWatchStore, WatchState } from '../watching/plan-watch';

export class SqlitePlanWatchStore implements PlanWatchStore {
  constructor(private readonly db: Database) {
    db.exec("CREATE TABLE IF NOT EXISTS plan_watches (id TEXT PRIMARY KEY, state TEXT NOT NULL DEFAULT 'watching', value TEXT NOT NULL)");
  }

  async save(watch: PlanWatch): Promise<void> {
    this.db.run('INSERT INTO plan_watches (id, state, value) VALUES (?, ?, ?)', [watch.id, watch.state, JSON.stringify(watch)]);
  }

  async open(): Promise<PlanWatch[]> {
    return this.db.all("SELECT value FROM plan_watches WHERE state = 'watching'").map((row) => JSON.parse(row.value as string) as PlanWatch);
  }

  async close(id: string, state: Exclude<WatchState, 'watching'>): Promise<boolean> {
    return this.db.run("UPDATE plan_watches SET state = ? WHERE id = ? AND state = 'watching'", [state, id]).changes === 1;
  }
}
