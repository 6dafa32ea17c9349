declare module 'node-sqlite3-wasm' {
  type Values = Record<string, unknown> | unknown[] | unknown;
  export interface RunInfo {
    changes: number;
    lastInsertRowid: number | bigint;
  }
  export class Database {
    constructor(path?: string, options?: { fileMustExist?: boolean; readOnly?: boolean });
    exec(sql: string): void;
    run(sql: string, values?: Values): RunInfo;
    get(sql: string, values?: Values): Record<string, unknown> | null;
    all(sql: string, values?: Values): Record<string, unknown>[];
    close(): void;
    readonly isOpen: boolean;
    readonly inTransaction: boolean;
  }
}
