import type { TFunction } from 'i18next';
import type { AdaptiveCard } from '../../cards/render';
import type { SwitchJob } from '../../domain/switch-job';
import { moveResult, type MovePeople } from '../../conversation/move-result';

// The result of a move as a card: the summary, and per reason its line (the first names), what to do,
// and the whole list of names behind a "show or hide the names" button (Action.ToggleVisibility), so a
// long list stays out of the way until it is wanted.

/** Characters of names per reason the card carries: Teams refuses a message over about 28 KB. */
const NAME_CHARS = 4_000;

function namesWithin(t: TFunction, names: readonly string[]): string {
  let length = 0;
  let shown = 0;
  while (shown < names.length && length + names[shown]!.length + 2 <= NAME_CHARS) length += names[shown++]!.length + 2;
  const list = names.slice(0, shown).join(', ');
  return shown === names.length ? list : t('moveResult:andMore', { names: list, count: names.length - shown });
}

export function moveResultCard(t: TFunction, job: SwitchJob, people: MovePeople): AdaptiveCard {
  const { summary, reasons } = moveResult(t, job, people);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t('moveResult:title'), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: summary, wrap: true },
      ...reasons.flatMap((reason, i) => [
        { type: 'TextBlock', text: reason.title, wrap: true, weight: 'Bolder', spacing: 'Medium' },
        { type: 'TextBlock', text: reason.fix, wrap: true, spacing: 'Small' },
        {
          type: 'ActionSet',
          actions: [{ type: 'Action.ToggleVisibility', title: t('moveResult:toggle'), targetElements: [`names-${i}`] }],
        },
        { type: 'Container', id: `names-${i}`, isVisible: false, items: [{ type: 'TextBlock', text: namesWithin(t, reason.names), wrap: true, size: 'Small' }] },
      ]),
    ],
  };
}
