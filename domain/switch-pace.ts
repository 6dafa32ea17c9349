import { findPlan, isWizardChange } from './catalogue';
import type { PacedWork, PaceStep } from './demo-pace';
import type { SwitchJob } from './switch-job';

/** The piece of gateway work a job is about to do, as the pace (e.g. demoPace) sees it. */
export function paceStepFor(job: SwitchJob, work: PacedWork, items: number): PaceStep {
  const from = job.fromPlan === undefined ? undefined : findPlan(job.fromPlan);
  const to = job.toPlan === undefined ? undefined : findPlan(job.toPlan);
  const viaWizard = job.kind === 'automatic-change' && from !== undefined && to !== undefined && isWizardChange(from, to);
  return { jobId: job.id, kind: job.kind, work, viaWizard, items, total: job.replacements.length };
}
