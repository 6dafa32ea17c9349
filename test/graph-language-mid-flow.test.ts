import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { visibleText } from './support/bot-harness';
import { englishLeaks } from './support/english-leak';
import { startGraphBot, type GraphBot } from './support/graph-bot';
import { groupLicenceTenant, MIXED, mixedGraphTenant, SKU_PREMIUM, SKU_STANDARD } from './support/graph-server';
import { actionData, type Node, TEAMS_LOCALES } from './support/teams-chat';

// Issue 16, item 6, on the cards only a tenant read through Graph shows: a move ends on two
// confirmation cards when users hold the old licence from a group (the move, and the move of the
// group's licence) or have no usage location (the move, and the move with the organisation's country
// set first). A change of language shows both again in the new language with the same confirmations,
// so a press on the redrawn card and one on the old card are one decision: declined on the new one,
// the old one is answered as already handled and nothing is written to Graph.

const PAIRS = LANGUAGES.map((from, i): [Language, Language] => [from, LANGUAGES[(i + 1) % LANGUAGES.length]!]);

/** The second confirmation card's case: the tenant, the users chosen, what the card says. */
const CASES = [
  {
    name: 'the group licence card',
    seed: groupLicenceTenant,
    chosen: [MIXED.groupOnly, MIXED.directAndGroup, MIXED.plain[0]],
    says: (t: ReturnType<typeof translator>) => [t('moveUsers:groupOffer.title', { count: 1, groups: 'Sales licences' }), t('moveUsers:groupOffer.members', { count: 3, notChosen: 1 })],
  },
  {
    name: 'the usage location card',
    seed: mixedGraphTenant,
    chosen: [MIXED.noLocation, MIXED.plain[0], MIXED.plain[1]],
    says: (t: ReturnType<typeof translator>, lng: Language) => [
      t('moveResult:location.intro', { count: 1, names: 'Nils Nowhere', country: `${new Intl.DisplayNames([lng], { type: 'region' }).of('PL')} (PL)` }),
    ],
  },
] as const;

describe.each(CASES)('$name', ({ seed, chosen, says }) => {
  let graph: GraphBot;

  beforeAll(async () => {
    graph = await startGraphBot({ server: { seed: seed() } });
  }, 60_000);

  afterAll(async () => {
    await graph?.close();
  });

  it.each(PAIRS)('from %s to %s: comes again in the new language with the same confirmations; declined on the new card, the old card starts nothing', async (from, to) => {
    const before = translator(from);
    const after = translator(to);
    const say = async (extra: Record<string, unknown>) =>
      (await graph.send({ conversationId: `conv-language-${from}`, aadObjectId: MIXED.admin, name: 'Ada Admin', locale: TEAMS_LOCALES[from], extra })).activities as Node[];

    await say({ text: 'hello' });
    await say({ value: { verb: 'menu.open', flow: 'move-users' } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_STANDARD } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_PREMIUM } });
    const shown = await say({ value: { verb: 'users.pick', userIds: chosen.join(','), page: 0 } });
    for (const line of says(before, from)) expect(visibleText(shown as never)).toContain(line);
    const oldConfirms = actionData(shown, 'switch.confirm');
    expect(oldConfirms).toHaveLength(2);

    const changed = await say({ value: { verb: 'language.pick', language: to } });
    const text = visibleText(changed as never);
    expect(text).toContain(after('bot:language.changed'));
    expect(text).toContain(after('moveUsers:confirm.title'));
    for (const line of says(after, to)) expect(text).toContain(line);
    expect(englishLeaks(text, to)).toEqual([]);
    // The same two confirmations: none was offered again.
    expect(actionData(changed, 'switch.confirm')).toEqual(oldConfirms);

    const secondCard = oldConfirms[1]!.confirmationId;
    expect(visibleText((await say({ value: { verb: 'switch.decline', confirmationId: secondCard } })) as never)).toContain(after('bot:switch.declined'));
    expect(visibleText((await say({ value: { verb: 'switch.confirm', confirmationId: secondCard } })) as never)).toContain(after('bot:switch.alreadyHandled'));
    expect(graph.server.state.groupLicenceWrites).toEqual([]);
    for (const id of chosen) expect(graph.server.state.licences().get(id), id).toContain(SKU_STANDARD);
  }, 90_000);
});
