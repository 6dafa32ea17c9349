import type { SnapshotIssue } from '../domain/snapshot/parse';
import type { Language } from './languages';
import { translator } from './translator';

// One snapshot problem as a line that names the field: "subscriptions[0].status: not allowed; …".

const TYPES = new Set(['string', 'number', 'int', 'boolean', 'array', 'object']);

/** The schema's format messages (contract words, in English) to the `snapshot.formats.*` key saying the same. */
const FORMATS: Readonly<Record<string, string>> = {
  'a date as YYYY-MM-DD': 'date',
  'a three-letter ISO 4217 code': 'currency',
  'a user principal name like anna@contoso.com': 'upn',
};

const BOUND_SYMBOLS: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

/** `Too small: expected number to be >=0` to `≥ 0`: the bound without the English around it. */
function bound(message: string | undefined): string | undefined {
  const match = message?.match(/(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)/);
  return match ? `${BOUND_SYMBOLS[match[1]!]} ${match[2]}` : undefined;
}

export function describeSnapshotIssue(issue: SnapshotIssue, lng: Language): string {
  const t = translator(lng);
  const tr = (key: string, vars: Record<string, unknown> = {}) => String(t(key, vars));
  const path = issue.path || tr('snapshot.root');
  switch (issue.problem) {
    case 'wrong-type': {
      const expected = issue.expected && TYPES.has(issue.expected) ? tr(`snapshot.types.${issue.expected}`) : (issue.expected ?? '');
      return tr('snapshot.wrong-type', { path, expected });
    }
    case 'bad-format': {
      const format = issue.expected ? FORMATS[issue.expected] : undefined;
      return format ? tr('snapshot.wrong-type', { path, expected: tr(`snapshot.formats.${format}`) }) : tr('snapshot.bad-format', { path });
    }
    case 'out-of-range': {
      const limit = bound(issue.expected);
      return limit ? `${tr('snapshot.out-of-range', { path })} (${limit})` : tr('snapshot.out-of-range', { path });
    }
    case 'not-allowed':
      return tr('snapshot.not-allowed', { path, expected: issue.expected ?? '' });
    default:
      return tr(`snapshot.${issue.problem}`, { path });
  }
}
