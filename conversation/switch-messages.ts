import type { TFunction } from 'i18next';
import { findPlan } from '../domain/catalogue/index';
import { movedCount, type SwitchJob } from '../domain/switch-job';
import { JOB_ERRORS } from '../domain/switch-errors';
import type { ProgressEvent } from '../domain/switch-progress';
import { moveResultText, peopleOf, type MovePeople } from './move-result';

// The words of a running switch, in the language of the conversation that started it.

const planName = (id?: string) => (id ? (findPlan(id)?.name ?? id) : '');

export function startedText(t: TFunction, job: SwitchJob): string {
  const count = job.replacements.length;
  return job.kind === 'automatic-change'
    ? t('bot:switch.started.automatic', { from: planName(job.fromPlan), to: planName(job.toPlan), count })
    : t('bot:switch.started.move', { count });
}

export function progressText(t: TFunction, job: SwitchJob, event: ProgressEvent): string {
  return t('bot:switch.progress', { percent: event.percent, done: event.done, count: event.total, step: t(`bot:switch.steps.${event.step}`) });
}

/**
 * What an interrupted switch did and did not do, one sentence each: the chat's final message and the
 * status card say the same.
 */
export function interruptedLines(t: TFunction, job: SwitchJob): string[] {
  const total = job.replacements.length;
  // Users the job went past without moving them (a group's licence, …) are not counted as moved.
  const moved = movedCount(job);
  const lines: string[] = [];
  if (job.kind === 'automatic-change') {
    lines.push(job.newSubscriptionId ? t('bot:switch.interrupted.bought', { to: planName(job.toPlan) }) : t('bot:switch.interrupted.notBought'));
  }
  lines.push(t('bot:switch.interrupted.moved', { done: moved, count: total }));
  if (moved < total) lines.push(t('bot:switch.interrupted.notMoved', { count: total - moved }));
  if (job.kind === 'automatic-change') {
    lines.push(job.failedStep === 'old-cancelled' ? t('bot:switch.interrupted.cancelled') : t('bot:switch.interrupted.notCancelled'));
  }
  return lines;
}

/** The outcome; a move tells who was not moved and why, with names from `people` (ids without it). */
export function finishedText(t: TFunction, job: SwitchJob, people: MovePeople = peopleOf(undefined)): string {
  if (job.step === 'failed' && job.error === JOB_ERRORS.interrupted) {
    return [t('bot:switch.interrupted.intro', { cause: job.cause ?? 'UNKNOWN' }), ...interruptedLines(t, job), t('bot:switch.interrupted.next')].join('\n\n');
  }
  if (job.step === 'failed' && job.error === JOB_ERRORS.tenantCopyMissing) {
    return [t('bot:switch.interrupted.copyMissing'), ...interruptedLines(t, job)].join('\n\n');
  }
  // A move that stopped on users Microsoft 365 kept refusing or did not answer for: who, why, and the counts.
  if (job.step === 'failed' && job.kind === 'move-users' && job.error === JOB_ERRORS.replacementFailed) return moveResultText(t, job, people);
  if (job.step === 'failed') return t('bot:switch.failed', { code: job.error ?? 'UNKNOWN', count: job.failures?.length ?? 0 });
  return job.kind === 'automatic-change'
    ? t('bot:switch.done.automatic', { to: planName(job.toPlan), count: job.replacements.length })
    : moveResultText(t, job, people);
}
