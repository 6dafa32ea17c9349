import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { err, ok, type Result } from '../domain/result';
import { parseSnapshotJson } from '../domain/snapshot/parse';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import type { CliError } from './errors';

// The tenant snapshot file of --tenant: read and checked against the contract, and written back
// atomically (a temporary file beside it, then a rename) so a crash never leaves half a file.

export interface TenantFile {
  path: string;
  snapshot: TenantSnapshot;
  /** Written as it was read: indented JSON stays indented, one-line JSON stays one line. */
  pretty: boolean;
}

function unreadableReason(error: unknown): 'not-found' | 'not-a-file' | 'no-access' | 'other' {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not-found';
  if (code === 'EISDIR') return 'not-a-file';
  if (code === 'EACCES' || code === 'EPERM') return 'no-access';
  return 'other';
}

export function readTenantFile(path: string): Result<TenantFile, CliError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return err({ kind: 'tenant-unreadable', file: path, reason: unreadableReason(error) });
  }
  const parsed = parseSnapshotJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) return err({ kind: 'tenant-invalid', file: path, issues: parsed.error.issues });
  return ok({ path, snapshot: parsed.value, pretty: /^\{\s*\n/.test(text) });
}

export function writeTenantFile(file: TenantFile, snapshot: TenantSnapshot): void {
  const text = file.pretty ? JSON.stringify(snapshot, null, 2) : JSON.stringify(snapshot);
  const temp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, `${text}\n`, { flag: 'wx' });
    renameSync(temp, file.path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
