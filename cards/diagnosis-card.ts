import type { Flow } from './submissions';
import { renderCard, type AdaptiveCard } from './render';

export interface DiagnosedSubscriptionView {
  plan: string;
  facts: readonly { label: string; value: string }[];
  verdict: string;
  verdictColor: 'good' | 'attention' | 'warning';
  blockers: readonly { title: string; explanation: string; fix: string }[];
}

/** Which subscriptions a card of several shows, and the buttons to the pages beside it (zero-based). */
export interface DiagnosisPaging {
  shown: string;
  previous?: { title: string; page: number };
  next?: { title: string; page: number };
}

export interface DiagnosisCardInput {
  title: string;
  intro: string;
  overview: string;
  overviewStyle: 'good' | 'warning' | 'attention';
  /** Lines that frame the whole list: the MCA note, the helpdesk note. */
  notes: readonly string[];
  subscriptions: readonly DiagnosedSubscriptionView[];
  /** Only when the subscriptions take more than one card. */
  paging?: DiagnosisPaging;
  actions: readonly { title: string; flow: Flow }[];
}

/** "Why can't I change plans?": one section per subscription, each with its way and every blocker with its fix. */
export function diagnosisCard(input: DiagnosisCardInput): AdaptiveCard {
  const { paging } = input;
  return renderCard('diagnosis', {
    ...input,
    hasNotes: input.notes.length > 0,
    hasPaging: paging !== undefined,
    hasPrevious: paging?.previous !== undefined,
    hasNext: paging?.next !== undefined,
  });
}
