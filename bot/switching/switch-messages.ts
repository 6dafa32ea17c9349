import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import type { SwitchJob } from '../../domain/switch-job';
import type { ProgressEvent } from '../../domain/switch-runner';

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

export function finishedText(t: TFunction, job: SwitchJob): string {
  if (job.step === 'failed') return t('bot:switch.failed', { code: job.error ?? 'UNKNOWN', count: job.failures?.length ?? 0 });
  return job.kind === 'automatic-change'
    ? t('bot:switch.done.automatic', { to: planName(job.toPlan), count: job.replacements.length })
    : t('bot:switch.done.move', { count: job.replacements.length });
}
