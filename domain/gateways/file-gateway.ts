import { readFile } from 'node:fs/promises';
import type { LicenceReplacement } from '../licence-replacement';
import { err, ok, type Result } from '../result';
import { parseSnapshotJson, type SnapshotIssue } from '../snapshot/parse';
import type { TenantSnapshot } from '../snapshot/schema';
import type { BatchOutcome, CreateSubscriptionRequest, TenantGateway } from '../tenant.port';
import { errorCode, writeFileAtomic } from './atomic-file';
import { TenantLedger } from './tenant-ledger';

export type SnapshotFileError =
  | { code: 'SNAPSHOT_FILE_NOT_FOUND'; path: string }
  | { code: 'SNAPSHOT_FILE_UNREADABLE'; path: string; reason: string }
  | { code: 'INVALID_SNAPSHOT'; path: string; issues: SnapshotIssue[] };

/** What `readSnapshot` and the writes throw when the file broke after the gateway was opened. */
export class SnapshotFileGatewayError extends Error {
  /** The problem's code (SNAPSHOT_FILE_NOT_FOUND, …), where a job's failure reads its cause. */
  readonly code: SnapshotFileError['code'];

  constructor(readonly problem: SnapshotFileError) {
    super(`${problem.code}: ${problem.path}`);
    this.name = 'SnapshotFileGatewayError';
    this.code = problem.code;
  }
}

/**
 * A tenant kept in a snapshot JSON file (the contract's format). Every write reads the file, applies the
 * change and replaces the file atomically (temporary file + rename). Writes through one gateway are
 * serialised; two processes writing the same file at once are not guarded against.
 */
export class FileTenantGateway implements TenantGateway {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /** A gateway over `path` once the file holds a valid snapshot; a missing or broken file is an error value. */
  static async open(path: string): Promise<Result<FileTenantGateway, SnapshotFileError>> {
    const gateway = new FileTenantGateway(path);
    const read = await gateway.read();
    return read.ok ? ok(gateway) : read;
  }

  /** The snapshot in the file, or what is wrong with the file. */
  async read(): Promise<Result<TenantSnapshot, SnapshotFileError>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return err({ code: 'SNAPSHOT_FILE_NOT_FOUND', path: this.path });
      return err({ code: 'SNAPSHOT_FILE_UNREADABLE', path: this.path, reason: errorCode(error) ?? String(error) });
    }
    const parsed = parseSnapshotJson(text);
    if (!parsed.ok) return err({ code: 'INVALID_SNAPSHOT', path: this.path, issues: parsed.error.issues });
    return parsed;
  }

  async readSnapshot(): Promise<TenantSnapshot> {
    return this.exclusive(() => this.readOrThrow());
  }

  async createSubscription(request: CreateSubscriptionRequest): Promise<{ subscriptionId: string }> {
    return this.change((ledger) => {
      const { subscriptionId, created } = ledger.createSubscription(request);
      return { result: { subscriptionId }, changed: created };
    });
  }

  async replaceLicences(batch: readonly LicenceReplacement[]): Promise<BatchOutcome> {
    return this.change((ledger) => {
      const { outcome, written } = ledger.replaceLicences(batch);
      return { result: outcome, changed: written > 0 };
    });
  }

  async cancelSubscription(subscriptionId: string, _on: string): Promise<void> {
    return this.change((ledger) => ({ result: undefined, changed: ledger.cancelSubscription(subscriptionId) }));
  }

  private async change<T>(apply: (ledger: TenantLedger) => { result: T; changed: boolean }): Promise<T> {
    return this.exclusive(async () => {
      const ledger = new TenantLedger(await this.readOrThrow());
      const { result, changed } = apply(ledger);
      if (changed) await writeFileAtomic(this.path, `${JSON.stringify(ledger.snapshot(), null, 2)}\n`);
      return result;
    });
  }

  private async readOrThrow(): Promise<TenantSnapshot> {
    const read = await this.read();
    if (!read.ok) throw new SnapshotFileGatewayError(read.error);
    return read.value;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
