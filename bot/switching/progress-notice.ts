import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import { movedCount, progress, type SwitchJob } from '../../domain/switch-job';
import type { ProgressEvent } from '../../domain/switch-progress';
import { switchProgressCard, type SwitchProgressCardInput } from '../../cards/switch-progress-card';
import type { AdaptiveCard } from '../../cards/render';
import { startedText } from '../../conversation/switch-messages';

// A running switch as one card that is replaced in place as it goes (Teams and Direct Line let a bot
// update its message), and the words of the final "done", which name what changed.

/** Channels whose clients show an updated message in its place (Bot Connector PUT …/activities/{id}). */
export function updatesInPlace(channelId: string | undefined): boolean {
  return channelId === 'msteams' || channelId === 'directline' || channelId === 'webchat' || channelId === 'emulator';
}

const planName = (id?: string) => (id ? (findPlan(id)?.name ?? id) : '');

/** The plan of a subscription, as the tenant's snapshot knows it. */
export type PlanOf = (subscriptionId: string) => string | undefined;

/** What the switch is from and to, as people name it: plans, or the subscriptions by their plan. */
export interface SwitchNames {
  from: string;
  to: string;
}

/** The names of a job's two sides; only a move needs the snapshot (`planOf`). */
export function namesOf(job: SwitchJob, planOf: PlanOf = () => undefined): SwitchNames {
  if (job.kind === 'automatic-change') return { from: planName(job.fromPlan), to: planName(job.toPlan) };
  return { from: planName(planOf(job.subscriptionId)) || job.subscriptionId, to: planName(job.toSubscriptionId && planOf(job.toSubscriptionId)) || (job.toSubscriptionId ?? '') };
}

type Phase = { kind: 'started' } | { kind: 'running'; event: ProgressEvent } | { kind: 'finished' };

/** The card for where the job is: started, at a milestone, or finished (done or stopped). */
export function progressCard(t: TFunction, job: SwitchJob, phase: Phase, names: SwitchNames = namesOf(job)): AdaptiveCard {
  const { from, to } = names;
  const total = job.replacements.length;
  const done = phase.kind === 'running' ? phase.event.done : phase.kind === 'finished' ? movedCount(job) : 0;
  const percent = phase.kind === 'running' ? phase.event.percent : phase.kind === 'finished' ? progress(job).percent : 0;
  const step = phase.kind === 'running' ? phase.event.step : phase.kind === 'finished' ? job.step : 'pending';
  const failed = job.step === 'failed';
  const state = phase.kind !== 'finished' ? 'running' : failed ? 'failed' : 'done';
  const input: SwitchProgressCardInput = {
    title: t(`bot:switch.card.title.${state}`),
    progress: t('bot:switch.card.progress', { done, count: total, percent }),
    // Finished, the message after the card says what changed; the card only shows the end state.
    text: phase.kind === 'finished' ? (failed ? t('bot:switch.card.stopped') : '') : startedText(t, job),
    facts: [
      job.kind === 'automatic-change'
        ? { label: t('bot:switch.card.facts.plan'), value: `${from} → ${to}` }
        : { label: t('bot:switch.card.facts.subscriptions'), value: `${from} → ${to}` },
      { label: t('bot:switch.card.facts.step'), value: t(`bot:switch.steps.${step}`) },
    ],
    details: t('bot:switch.card.details', { id: job.id }),
    style: state === 'running' ? 'emphasis' : failed ? 'attention' : 'good',
  };
  return switchProgressCard(input);
}

/** What a finished switch changed: plans, subscriptions and how many users, in one sentence. */
export function changedText(t: TFunction, job: SwitchJob, names: SwitchNames = namesOf(job)): string {
  const { from, to } = names;
  const count = job.replacements.length;
  const moved = movedCount(job);
  return job.kind === 'automatic-change'
    ? t('bot:switch.changed.automatic', { from, to, done: moved, count })
    : t('bot:switch.changed.move', { from, to, done: moved, count });
}
