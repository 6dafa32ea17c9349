import { afterEach, describe, expect, it } from 'vitest';
import { peopleOf } from '../conversation/move-result';
import { finishedText } from '../conversation/switch-messages';
import { switchStatusCard } from '../dialogs/status/status-card';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
import { groupLicenceTenant, MIXED, SKU_PREMIUM, SKU_STANDARD } from './support/graph-server';
import { runSalesGroupMove } from './support/group-move-run';
import { stringsIn } from './support/teams-chat';

// The result of a move that changed a group's licence, when Entra's background processing did not give
// every chosen member the new licence: one in error for want of licences (CountViolation), or members
// still pending when the bounded wait ended. The message and the status card count only those who have
// it as moved and name the others with the group and what to do, in every language.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});


const runGroupMove = (rig: GraphRig, beforeRun?: () => void) => runSalesGroupMove(rig, [MIXED.groupOnly, MIXED.directAndGroup], beforeRun);

describe('the result of a move that changed a group\'s licence', () => {
  it('names a member the group could not give the licence to (CountViolation), in every language, on the message and the status card', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    // Another admin takes Premium licences between the confirmation and the move: one is left.
    const job = await runGroupMove(rig, () => {
      rig!.server.state.skus.find((s) => s.skuId === SKU_PREMIUM)!.prepaidEnabled = 1;
    });
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message.startsWith(t('moveResult:summary', { moved: 1, count: 2, notMoved: 1 })), `${lng}: ${message}`).toBe(true);
      expect(message).toContain(t('moveResult:reasons.GROUP_COUNT_VIOLATION.title', { count: 1, names: 'Dorota Both', groups: 'Sales licences' }));
      expect(message).toContain(t('moveResult:reasons.GROUP_COUNT_VIOLATION.fix', { count: 1 }));
      expect(message).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);
      const card = stringsIn(switchStatusCard(t, lng, [job])).join('\n');
      expect(card).toContain(t('moveResult:status.moved', { moved: 1, count: 2 }));
      expect(card).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.GROUP_COUNT_VIOLATION'), count: 1 }));
    }
    // Dorota keeps her direct Standard licence: nobody is left without one.
    expect(rig.server.state.licences().get(MIXED.directAndGroup)).toEqual([SKU_STANDARD]);
  });

  it('names members still waiting for the group\'s licence when the wait ends, and which of them will hold both licences, in every language', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock, groupWait: { intervalMs: 5_000, reads: 1 } });
    const job = await runGroupMove(rig);
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      // Dorota also holds Standard directly: once the group's Premium reaches her she holds both, so the
      // summary must not say that nobody does.
      expect(message.startsWith(t('moveResult:summaryMayHoldBoth', { moved: 0, count: 2, notMoved: 2 })), `${lng}: ${message}`).toBe(true);
      expect(message).toContain(t('moveResult:reasons.GROUP_LICENCE_PENDING.title', { count: 1, names: 'Greta Group', groups: 'Sales licences' }));
      expect(message).toContain(t('moveResult:reasons.GROUP_LICENCE_PENDING_DIRECT.title', { count: 1, names: 'Dorota Both', groups: 'Sales licences' }));
      const card = stringsIn(switchStatusCard(t, lng, [job])).join('\n');
      expect(card).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.GROUP_LICENCE_PENDING'), count: 1 }));
      expect(card).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.GROUP_LICENCE_PENDING_DIRECT'), count: 1 }));
    }
    // Dorota still has her direct Standard licence: nobody is left without one meanwhile.
    expect(rig.server.state.licences().get(MIXED.directAndGroup)).toContain(SKU_STANDARD);
    const pl = finishedText(translator('pl'), job, people);
    expect(pl).toContain('1 użytkownikowi, który ma też starą licencję');
  });
});
