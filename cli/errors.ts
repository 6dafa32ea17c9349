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
  | { kind: 'graph-unavailable' };

export const EXIT_ANSWER = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
