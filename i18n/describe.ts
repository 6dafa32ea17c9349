import type { Blocker, InputError, Notice } from '../domain/findings';
import { RecentlyUsed } from '../domain/recently-used';
import { BLOCKER_DESCRIBERS } from './describe-blockers';
import { INPUT_ERROR_DESCRIBERS } from './describe-input-errors';
import { NOTICE_DESCRIBERS } from './describe-notices';
import type { Describer } from './describer';
import type { Language } from './languages';
import { wordsFor, type DescribeContext } from './words';

export type { DescribeContext } from './words';
export { describeSnapshotIssue } from './describe-snapshot';

export type Finding = Blocker | Notice | InputError;

/** A finding in words: what it is, why, what to do, and any per-item lines (one backup step per service). */
export interface DescribedFinding {
  code: Finding['code'];
  title: string;
  explanation: string;
  resolution?: string;
  details: string[];
}

const DESCRIBERS: Record<string, Describer<Finding>> = {
  ...(BLOCKER_DESCRIBERS as Record<string, Describer<Finding>>),
  ...(NOTICE_DESCRIBERS as Record<string, Describer<Finding>>),
  ...(INPUT_ERROR_DESCRIBERS as Record<string, Describer<Finding>>),
};

/**
 * Descriptions already made, by language, organisation domain and finding. Describing takes a dozen
 * i18next calls (about 0.2 ms); the same finding is described on every turn that shows it. Only
 * descriptions whose context is plain data are kept (a custom name function could answer differently).
 */
const described = new RecentlyUsed<string, DescribedFinding>(2_000);

export function describeFinding(finding: Finding, lng: Language, context?: DescribeContext): DescribedFinding {
  const cacheable = !context?.planName && !context?.userName && !context?.subscriptionName;
  const key = cacheable ? `${lng}\u0000${context?.orgDomain ?? ''}\u0000${JSON.stringify(finding)}` : undefined;
  const hit = key === undefined ? undefined : described.get(key);
  if (hit) return { ...hit, details: [...hit.details] };
  const fresh = describeAfresh(finding, lng, context);
  if (key !== undefined) described.set(key, fresh);
  return { ...fresh, details: [...fresh.details] };
}

function describeAfresh(finding: Finding, lng: Language, context?: DescribeContext): DescribedFinding {
  const describer = DESCRIBERS[finding.code];
  if (!describer) throw new Error(`No description for finding code ${finding.code}`);
  const words = wordsFor(lng, context);
  const spec = describer(finding, words);
  const key = (sub: string) => `${finding.code}.${sub}`;
  const result: DescribedFinding = {
    code: finding.code,
    title: words.t(key('title'), spec.vars),
    explanation: spec.explanation.map((sub) => words.t(key(sub), spec.vars)).join(' '),
    details: spec.details ?? [],
  };
  if (spec.resolution) result.resolution = words.t(key(spec.resolution), spec.vars);
  return result;
}
