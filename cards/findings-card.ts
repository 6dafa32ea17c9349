import type { Blocker, Notice } from '../domain/findings';
import { describeFinding, type DescribeContext } from '../i18n/describe';
import type { Language } from '../i18n/languages';
import type { Submission } from './submissions';
import { renderCard, type AdaptiveCard } from './render';

export interface FindingsCardInput {
  lng: Language;
  title: string;
  subtitle?: string;
  verdict: string;
  verdictText: string;
  verdictStyle: 'good' | 'warning' | 'attention' | 'emphasis';
  blockersHeading: string;
  noticesHeading: string;
  blockers: readonly Blocker[];
  notices: readonly Notice[];
  actions?: readonly { title: string; data: Submission }[];
  context?: DescribeContext;
}

/** A verdict, then every blocker with its fix and every notice with its details: the shape every check result takes. */
export function findingsCard(input: FindingsCardInput): AdaptiveCard {
  const describe = (finding: Blocker | Notice) => {
    const d = describeFinding(finding, input.lng, input.context);
    return { title: d.title, explanation: d.explanation, resolution: d.resolution ?? '', details: d.details };
  };
  return renderCard('findings', {
    title: input.title,
    subtitle: input.subtitle ?? '',
    verdict: input.verdict,
    verdictText: input.verdictText,
    verdictStyle: input.verdictStyle,
    blockersHeading: input.blockersHeading,
    noticesHeading: input.noticesHeading,
    blockers: input.blockers.map(describe),
    notices: input.notices.map(describe),
    actions: input.actions ?? [],
  });
}
