import type { InputError } from '../domain/findings';
import type { SnapshotIssue } from '../domain/snapshot/parse';
import type { ArgError } from './args';

/** Bad input the command line reports as one line on standard error, exit status 2. */
export type CliError =
  | { kind: 'args'; error: ArgError }
  | { kind: 'tenant-unreadable'; file: string; reason: 'not-found' | 'not-a-file' | 'no-access' | 'other' }
  | { kind: 'tenant-invalid'; file: string; issues: SnapshotIssue[] }
  /** An id the rules turned down, named by the flag that carried it; `known` lists the ids that exist. */
  | { kind: 'input'; flag: string; value: string; error: InputError; known?: string[] }
  | { kind: 'graph-settings-missing'; variables: string[] }
  | { kind: 'graph-setting-invalid'; variable: string; expected: 'https-url' | 'tenant-id' | 'client-id' | 'one-credential' }
  | { kind: 'graph-auth-failed'; reason: string }
  | { kind: 'graph-request-failed'; method: string; path: string; status: number; code?: string }
  | { kind: 'graph-unreachable'; url: string; reason: string }
  | { kind: 'settings-unreadable'; file: string; reason: 'not-found' | 'not-a-file' | 'no-access' | 'other' }
  | { kind: 'settings-not-json'; file: string }
  | { kind: 'settings-invalid'; file: string; path: string }
  /** A flag whose value is not one of `values` (or, without values, not a currency code). */
  | { kind: 'option-invalid'; flag: string; value: string; values?: readonly string[] }
  | { kind: 'out-unwritable'; file: string; reason: string };

export const EXIT_ANSWER = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
