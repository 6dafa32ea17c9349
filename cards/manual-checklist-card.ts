import type { TFunction } from 'i18next';
import type { DescribedFinding } from '../i18n/describe';
import { renderCard, type AdaptiveCard } from './render';

export type ChecklistStatus = 'done' | 'todo' | 'blocked' | 'optional';

type Described = Pick<DescribedFinding, 'title' | 'explanation' | 'resolution' | 'details'>;

export interface ChecklistStep {
  status: ChecklistStatus;
  title: string;
  text: string;
  /** What was found in the tenant for this step just now. */
  live: readonly string[];
  blockers: readonly Described[];
  notices: readonly Described[];
  notes: readonly string[];
}

export interface ChecklistCardInput {
  title: string;
  subtitle: string;
  intro: string;
  progress: string;
  steps: readonly ChecklistStep[];
  notices: readonly Described[];
  /** Offer "Move users now" (step 3 through the move-users flow). */
  canMove: boolean;
}

const STYLES: Record<ChecklistStatus, string> = { done: 'good', todo: 'warning', blocked: 'attention', optional: 'emphasis' };
const MARKS: Record<ChecklistStatus, string> = { done: '✓', todo: '○', blocked: '✗', optional: '…' };

const described = (d: Described) => ({ title: d.title, explanation: d.explanation, resolution: d.resolution ?? '', details: d.details });

/** The four steps of a manual change, each with its status, what was found, what blocks it and how to fix it. */
export function manualChecklistCard(t: TFunction, input: ChecklistCardInput): AdaptiveCard {
  return renderCard('manual-checklist', {
    title: input.title,
    subtitle: input.subtitle,
    intro: input.intro,
    progress: input.progress,
    steps: input.steps.map((step) => ({
      style: STYLES[step.status],
      badge: `${MARKS[step.status]} ${t(`manual:checklist.status.${step.status}`)}`,
      title: step.title,
      text: step.text,
      live: step.live,
      blockers: step.blockers.map(described),
      notices: step.notices.map(described),
      notes: step.notes,
    })),
    noticesHeading: t('manual:checklist.notices'),
    notices: input.notices.map(described),
    canMove: input.canMove,
    recheck: t('manual:actions.recheck'),
    moveUsers: t('manual:actions.moveUsers'),
    done: t('manual:actions.done'),
  });
}
