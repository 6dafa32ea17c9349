import type { z } from 'zod';
import { tenantSnapshotSchema, type TenantSnapshot } from './schema';
import { err, ok, type Result } from '../result';

export type SnapshotProblem =
  | 'unknown-field'
  | 'required'
  | 'wrong-type'
  | 'not-allowed'
  | 'out-of-range'
  | 'bad-format'
  | 'duplicate-id'
  | 'missing-reference'
  | 'not-json';

/** One thing wrong with a snapshot, at a path such as `subscriptions[0].status`. */
export interface SnapshotIssue {
  path: string;
  problem: SnapshotProblem;
  /** What was expected, in contract words: a type, a list of allowed values, a format. */
  expected?: string;
}

export interface InvalidSnapshot {
  code: 'INVALID_SNAPSHOT';
  issues: SnapshotIssue[];
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function fromZodIssue(issue: z.core.$ZodIssue): SnapshotIssue[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), problem: 'unknown-field' as const }));
    case 'invalid_type':
      return [{ path, problem: issue.input === undefined ? 'required' : 'wrong-type', expected: issue.expected }];
    case 'invalid_value':
      return [{ path, problem: issue.input === undefined ? 'required' : 'not-allowed', expected: issue.values.map(String).join(', ') }];
    case 'too_small':
    case 'too_big':
      return [{ path, problem: 'out-of-range', expected: issue.message }];
    default:
      return [{ path, problem: 'bad-format', expected: issue.message }];
  }
}

/** Cross-record checks the schema cannot express: unique ids, licences naming real subscriptions. */
function consistencyIssues(snapshot: TenantSnapshot): SnapshotIssue[] {
  const issues: SnapshotIssue[] = [];
  const subscriptionIds = new Set<string>();
  snapshot.subscriptions.forEach((subscription, index) => {
    if (subscriptionIds.has(subscription.id)) issues.push({ path: `subscriptions[${index}].id`, problem: 'duplicate-id', expected: subscription.id });
    subscriptionIds.add(subscription.id);
  });
  const userIds = new Set<string>();
  const upns = new Set<string>();
  snapshot.users.forEach((user, index) => {
    if (userIds.has(user.id)) issues.push({ path: `users[${index}].id`, problem: 'duplicate-id', expected: user.id });
    userIds.add(user.id);
    const upn = user.upn.toLowerCase();
    if (upns.has(upn)) issues.push({ path: `users[${index}].upn`, problem: 'duplicate-id' });
    upns.add(upn);
    const licensed = new Set<string>();
    user.licenses.forEach((license, licenseIndex) => {
      const path = `users[${index}].licenses[${licenseIndex}].subscriptionId`;
      if (!subscriptionIds.has(license.subscriptionId)) issues.push({ path, problem: 'missing-reference', expected: 'the id of a subscription in this snapshot' });
      if (licensed.has(license.subscriptionId)) issues.push({ path, problem: 'duplicate-id', expected: license.subscriptionId });
      licensed.add(license.subscriptionId);
    });
  });
  return issues;
}

export function parseSnapshot(input: unknown): Result<TenantSnapshot, InvalidSnapshot> {
  const parsed = tenantSnapshotSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return err({ code: 'INVALID_SNAPSHOT', issues: parsed.error.issues.flatMap(fromZodIssue) });
  const issues = consistencyIssues(parsed.data);
  if (issues.length > 0) return err({ code: 'INVALID_SNAPSHOT', issues });
  return ok(parsed.data);
}

export function parseSnapshotJson(text: string): Result<TenantSnapshot, InvalidSnapshot> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return err({ code: 'INVALID_SNAPSHOT', issues: [{ path: '', problem: 'not-json' }] });
  }
  return parseSnapshot(input);
}
