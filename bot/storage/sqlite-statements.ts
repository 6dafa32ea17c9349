import type { Database, Statement } from 'node-sqlite3-wasm';

/**
 * Prepared statements, kept for the life of the database: preparing one costs more than running it
 * (the WASM SQLite copies the SQL into its heap and compiles it every time `db.get`/`db.run` is called).
 */
export class PreparedStatements {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Before the database closes. */
  finalize(): void {
    for (const statement of this.statements.values()) if (!statement.isFinalized) statement.finalize();
    this.statements.clear();
  }
}
