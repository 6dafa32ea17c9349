import type { Blocker, InputError, Notice } from '../domain/findings';
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

export function describeFinding(finding: Finding, lng: Language, context?: DescribeContext): DescribedFinding {
  const describer = DESCRIBERS[finding.code];
  if (!describer) throw new Error(`No description for finding code ${finding.code}`);
  const words = wordsFor(lng, context);
  const spec = describer(finding, words);
  const key = (sub: string) => `${finding.code}.${sub}`;
  const described: DescribedFinding = {
    code: finding.code,
    title: words.t(key('title'), spec.vars),
    explanation: spec.explanation.map((sub) => words.t(key(sub), spec.vars)).join(' '),
    details: spec.details ?? [],
  };
  if (spec.resolution) described.resolution = words.t(key(spec.resolution), spec.vars);
  return described;
}
