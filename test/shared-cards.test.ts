import { describe, expect, it } from 'vitest';
import { renderCard } from '../cards/render';
import { withoutUniversalActions } from '../bot/teams/universal-actions';

// A rendered card is shared by every turn that shows the same words and figures: no turn, and no
// channel's version of it, may change what the next conversation is shown.

const CONFIRM = {
  confirmationId: 'c-1',
  title: 'Byt till Microsoft 365 Business Premium?',
  intro: 'Contoso, 12 användare',
  facts: [{ label: 'Användare', value: '12' }],
  happensHeading: 'Det här händer',
  happens: ['Licenserna flyttas.'],
  confirm: 'Bekräfta',
  cancel: 'Avbryt',
};

const actionTypes = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"type":"(Action\.[A-Za-z]+)"/g)].map((m) => m[1]!);

describe('a card shown to many conversations', () => {
  it('cannot be changed by one of them', () => {
    const first = renderCard('message-actions', { title: 'Klart', text: 'Bytet är klart.', actions: [] });
    expect(() => {
      (first as Record<string, unknown>).version = '0.1';
    }).toThrow(TypeError);
    const body = first.body as { text?: string }[];
    expect(() => {
      body[0]!.text = 'ändrad';
    }).toThrow(TypeError);
    const again = renderCard('message-actions', { title: 'Klart', text: 'Bytet är klart.', actions: [] });
    expect(JSON.stringify(again)).toContain('Bytet är klart.');
    expect(JSON.stringify(again)).not.toContain('ändrad');
  });

  it('keeps its Action.Execute for Teams while other channels get the fallback, in any order', () => {
    const teams = renderCard('confirm-switch', CONFIRM);
    expect(actionTypes(teams)).toContain('Action.Execute');
    const webChat = withoutUniversalActions(teams);
    expect(actionTypes(webChat)).not.toContain('Action.Execute');
    expect(actionTypes(webChat)).toContain('Action.Submit');
    // Teams again, after the web chat's copy was made: still the card it was.
    expect(actionTypes(renderCard('confirm-switch', CONFIRM))).toContain('Action.Execute');
    expect(withoutUniversalActions(teams)).toEqual(webChat);
  });
});
