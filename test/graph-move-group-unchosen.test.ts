import { afterEach, describe, expect, it } from 'vitest';
import { peopleOf } from '../conversation/move-result';
import { finishedText } from '../conversation/switch-messages';
import { moveResultCard } from '../bot/switching/move-result-card';
import type { SwitchJob } from '../domain/switch-job';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { switchStatusCard } from '../dialogs/status/status-card';
import { JOB_ERRORS } from '../domain/switch-errors';
import { executedWrites, FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
import { runSalesGroupMove } from './support/group-move-run';
import { stringsIn } from './support/teams-chat';
import { GROUP_MEMBER_NOT_CHOSEN, groupLicenceTenant, MIXED, SALES_GROUP, SERVICE_PLAN, SKU_PREMIUM, SKU_STANDARD } from './support/graph-server';

// Moving a group's licence changes every member's licence, also those the admin did not choose. A member
// not chosen who also holds the old licence directly would keep it beside the group's new one and pay for
// both: the move finds such members (GET /groups/{id}/members/microsoft.graph.user, paged), waits until
// the group's new licence is Active for them, then removes the direct old licence, and only then.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

// A: Greta (chosen, old licence from the group only); B: Dorota (not chosen, old licence directly and
// from the group); C: Gustaw (not chosen, old licence from the group only).
const A = MIXED.groupOnly;
const B = MIXED.directAndGroup;
const C = GROUP_MEMBER_NOT_CHOSEN;
const moveA = { userId: A, removeSubscriptionId: SKU_STANDARD, addSubscriptionId: SKU_PREMIUM, moveGroupIds: [SALES_GROUP] };
const YAMMER_OFF = [SERVICE_PLAN.yammer.servicePlanId];

/** The local server gives a group's change to a member as that member is read: read each until none is pending. */
function finishProcessing(rig: GraphRig): void {
  const { state } = rig.server;
  while (state.groups.some((g) => Object.values(g.pending ?? {}).some((left) => left > 0))) {
    for (const user of state.users) state.processMemberRead(user);
  }
}

describe('moving a group\'s licence, for members the admin did not choose', () => {
  it('removes the direct old licence of a member not chosen once the group gives them the new one: nobody ends with both', async () => {
    const clock = new FakeClock();
    // Pages of two: the group's three members come on two pages.
    rig = await graphRig({ seed: groupLicenceTenant(), clock, pageSize: 2 }, { clock });
    const outcome = await rig.gateway.replaceLicences([moveA]);
    expect(outcome.items).toEqual([{ userId: A, status: 'already-done' }]);
    // Entra goes on processing the members nobody waited for (Gustaw) in the background.
    finishProcessing(rig);
    const licences = rig.server.state.licenceDetails();
    // Everyone has the new licence from the group, with the group's switched-off plans carried over; nobody keeps the old one.
    for (const id of [A, B, C]) expect(licences.get(id), id).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: YAMMER_OFF }]);
    expect(rig.server.state.user(B)!.assignedLicenses).toEqual([]);
    // Only Dorota needed a write of her own, once, removing the old licence and adding nothing.
    expect(executedWrites(rig.server)).toEqual(new Map([[B, 1]]));
    const removal = rig.server.log.filter((l) => l.method === 'POST' && l.path === `/v1.0/users/${B}/assignLicense`);
    expect(removal).toHaveLength(1);
    // The members were listed page by page.
    expect(rig.server.log.filter((l) => l.path === `/v1.0/groups/${SALES_GROUP}/members/microsoft.graph.user`).length).toBe(2);
  });

  it('leaves a member not chosen untouched while the group\'s new licence is still on its way to them', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock, groupWait: { intervalMs: 5_000, reads: 1 } });
    await rig.gateway.replaceLicences([moveA]);
    expect(rig.server.writes).toEqual([]);
    expect(rig.server.state.user(B)!.assignedLicenses).toEqual([{ skuId: SKU_STANDARD, disabledPlans: [] }]);
  });

  it('leaves a member not chosen their direct old licence when the group could not give them the new one (CountViolation)', async () => {
    // One Premium licence free: Greta, read first, takes it; the group's assignment to Dorota and Gustaw is in error.
    rig = await graphRig({ seed: groupLicenceTenant({ premiumSeats: 1 }) }, { clock: new FakeClock() });
    const outcome = await rig.gateway.replaceLicences([moveA]);
    expect(outcome.items).toEqual([{ userId: A, status: 'already-done' }]);
    expect(rig.server.writes).toEqual([]);
    expect(rig.server.state.licences().get(B)).toEqual([SKU_STANDARD]);
  });

  it('reads a member not chosen again after a removal whose answer was lost, and does not send it twice', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock });
    // The group's write goes through; Dorota's removal runs but its answer is lost (504).
    rig.server.faults.add('write', 2, { kind: 'fail', status: 504, applied: true });
    await rig.gateway.replaceLicences([moveA]);
    expect(executedWrites(rig.server)).toEqual(new Map([[B, 1]]));
    expect(rig.server.state.licences().get(B)).toEqual([SKU_PREMIUM]);
  });

  it('waits out a throttled removal (429 with Retry-After) and sends it again only after reading the member back', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock });
    // The group's write fails before running, then runs with its answer lost (read back: done); Dorota's removal is then throttled once.
    rig.server.faults.add('write', 1, { kind: 'fail', status: 504, applied: false });
    rig.server.faults.add('write', 1, { kind: 'fail', status: 504, applied: true });
    rig.server.faults.add('write', 1, { kind: 'throttle', retryAfterSeconds: 7 });
    await rig.gateway.replaceLicences([moveA]);
    expect(rig.server.writes.filter((w) => w.userId === B).map((w) => w.result)).toEqual(['throttled', 'applied']);
    expect(clock.sleeps).toContain(7_000);
    expect(rig.server.state.licences().get(B)).toEqual([SKU_PREMIUM]);
  });

  it('on a later try of a move whose group already carries the new licence, still removes the direct old licence of a member not chosen', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    // An earlier try changed the group and stopped before anything else.
    rig.server.state.assignGroupLicense(SALES_GROUP, [{ skuId: SKU_PREMIUM, disabledPlans: YAMMER_OFF }], [SKU_STANDARD]);
    const outcome = await rig.gateway.replaceLicences([moveA]);
    expect(outcome.alsoChanged).toEqual([{ userId: B, status: 'done', groupIds: [SALES_GROUP] }]);
    expect(rig.server.state.groupLicenceWrites).toHaveLength(1);
    expect(executedWrites(rig.server)).toEqual(new Map([[B, 1]]));
  });

  it('without the permission to list the group\'s members still moves the chosen users, writes nothing else, and says which group it could not read', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    rig.server.denied.add(`/v1.0/groups/${SALES_GROUP}/members/microsoft.graph.user`);
    const outcome = await rig.gateway.replaceLicences([moveA]);
    expect(outcome.items).toEqual([{ userId: A, status: 'already-done' }]);
    expect(rig.server.writes).toEqual([]);
    // Dorota, not chosen, now holds both licences: the outcome must not read as if nobody did.
    finishProcessing(rig);
    expect(rig.server.state.licences().get(B)?.sort()).toEqual([SKU_PREMIUM, SKU_STANDARD].sort());
    expect(outcome.membersUnread).toEqual([SALES_GROUP]);
  });
});

/** The move of Greta (and `others`) with the group's licence, as the bot runs it. */
const runMoveOfA = (rig: GraphRig, others: string[] = [], beforeRun?: () => void) => runSalesGroupMove(rig, [A, ...others], beforeRun);

describe('the result of a group move for members the admin did not choose', () => {
  it('tells the admin which member not chosen also lost their direct old licence, in every language, and still counts only the chosen users as moved', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    const job = await runMoveOfA(rig);
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message.startsWith(t('bot:switch.done.move', { count: 1 })), `${lng}: ${message}`).toBe(true);
      expect(message).toContain(t('moveResult:alsoChanged.moved', { count: 1, groups: 'Sales licences', names: 'Dorota Both' }));
      expect(message).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);
    }
    expect(rig.server.state.licences().get(B)).toEqual([SKU_PREMIUM]);
  });

  it('names a member not chosen who keeps the direct old licence because the group\'s licence has not reached them, in every language', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock, groupWait: { intervalMs: 5_000, reads: 1 } });
    const job = await runMoveOfA(rig);
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message).toContain(t('moveResult:alsoChanged.kept.title', { count: 1, groups: 'Sales licences', names: 'Dorota Both' }));
      expect(message).toContain(t('moveResult:alsoChanged.kept.fix', { count: 1 }));
      expect(message).not.toContain(t('moveResult:alsoChanged.moved', { count: 1, groups: 'Sales licences', names: 'Dorota Both' }));
    }
    expect(rig.server.state.user(B)!.assignedLicenses).toEqual([{ skuId: SKU_STANDARD, disabledPlans: [] }]);
  });
});

/** What each language says when it claims that nobody ended up with both licences. */
const NOBODY_HOLDS_BOTH: Record<string, string> = {
  en: 'nobody holds both licences',
  sv: 'ingen har båda licenserna',
  nb: 'ingen har begge lisensene',
  pl: 'nikt nie ma obu licencji',
};

describe('the result of a group move whose members the app could not list', () => {
  const denyMembers = (rig: GraphRig) => rig.server.denied.add(`/v1.0/groups/${SALES_GROUP}/members/microsoft.graph.user`);

  it('says which group it could not read, that members not chosen may now hold both licences and what to do, and never that nobody holds both', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    denyMembers(rig);
    // Nils has no usage location: one user not moved, so the summary sentence with the counts is given.
    const job = await runMoveOfA(rig, [MIXED.noLocation]);
    const snapshot = await rig.gateway.readSnapshot();
    const people = peopleOf(snapshot);
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message.startsWith(t('moveResult:summaryMayHoldBoth', { moved: 1, count: 2, notMoved: 1 })), `${lng}: ${message}`).toBe(true);
      expect(message.toLowerCase()).not.toContain(NOBODY_HOLDS_BOTH[lng]);
      expect(message).toContain(t('moveResult:membersUnread.title', { count: 1, groups: 'Sales licences' }));
      expect(message).toContain(t('moveResult:membersUnread.fix'));
      expect(message).toContain('GroupMember.Read.All');
      expect(message).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);
      const card = stringsIn(switchStatusCard(t, lng, [job], snapshot)).join('\n');
      expect(card).toContain(t('moveResult:status.unreadLabel'));
      expect(card).toContain(t('moveResult:status.unread', { groups: 'Sales licences' }));
    }
    // What the message warns about is so: Dorota, not chosen, holds both.
    finishProcessing(rig);
    expect(rig.server.state.licences().get(B)?.sort()).toEqual([SKU_PREMIUM, SKU_STANDARD].sort());
  });

  it('says it on the result card too, and when every chosen user moved', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    denyMembers(rig);
    const job = await runMoveOfA(rig);
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const card = stringsIn(moveResultCard(t, job, people)).join('\n');
      expect(card).toContain(t('moveResult:membersUnread.title', { count: 1, groups: 'Sales licences' }));
      expect(card).toContain(t('moveResult:membersUnread.fix'));
      expect(card.toLowerCase()).not.toContain(NOBODY_HOLDS_BOTH[lng]);
      expect(finishedText(t, job, people)).toContain(t('moveResult:membersUnread.title', { count: 1, groups: 'Sales licences' }));
    }
  });

  it('does not claim that nobody holds both licences when the move stopped either', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    denyMembers(rig);
    const done = await runMoveOfA(rig, [MIXED.noLocation]);
    // The same move as if it had stopped at a batch Microsoft 365 kept failing.
    const stopped: SwitchJob = { ...done, step: 'failed', error: JOB_ERRORS.replacementFailed, cursor: 0, failures: [{ userId: A, error: 'GRAPH_UNAVAILABLE' }], notMoved: [] };
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, stopped, people);
      expect(message.startsWith(t('moveResult:stoppedMayHoldBoth', { failed: 1, count: 2, untried: 0, moved: 1 })), `${lng}: ${message}`).toBe(true);
      expect(message.toLowerCase()).not.toContain(NOBODY_HOLDS_BOTH[lng]);
      expect(message).toContain(t('moveResult:membersUnread.title', { count: 1, groups: 'Sales licences' }));
    }
  });

  it('does not claim that nobody holds both licences while a member not chosen keeps the old licence and the group\'s new one is on its way to them', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock, groupWait: { intervalMs: 5_000, reads: 1 } });
    const job = await runMoveOfA(rig, [MIXED.noLocation]);
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message.toLowerCase(), `${lng}: ${message}`).not.toContain(NOBODY_HOLDS_BOTH[lng]);
      expect(message).toContain(t('moveResult:alsoChanged.kept.title', { count: 1, groups: 'Sales licences', names: 'Dorota Both' }));
    }
    // Once Entra has processed the group, Dorota does hold both.
    finishProcessing(rig);
    expect(rig.server.state.licences().get(B)?.sort()).toEqual([SKU_PREMIUM, SKU_STANDARD].sort());
  });

  it('says that nobody holds both licences when a member not chosen kept the old licence only because the group could not give them the new one', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    // Another admin takes Premium licences after the confirmation: one is left, Greta (read first) takes it, and
    // the group's assignment to Dorota is in error (CountViolation); she keeps only her direct old licence.
    const job = await runMoveOfA(rig, [MIXED.noLocation], () => {
      rig!.server.state.skus.find((s) => s.skuId === SKU_PREMIUM)!.prepaidEnabled = 1;
    });
    expect(job.alsoChanged).toEqual([{ userId: B, moved: false, error: 'GROUP_COUNT_VIOLATION', groupIds: [SALES_GROUP] }]);
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      expect(finishedText(t, job, people).startsWith(t('moveResult:summary', { moved: 1, count: 2, notMoved: 1 }))).toBe(true);
    }
    expect(rig.server.state.licences().get(B)).toEqual([SKU_STANDARD]);
  });

  it('when the members were listed, still says that nobody holds both licences', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    const job = await runMoveOfA(rig, [MIXED.noLocation]);
    const people = peopleOf(await rig.gateway.readSnapshot());
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const message = finishedText(t, job, people);
      expect(message.startsWith(t('moveResult:summary', { moved: 1, count: 2, notMoved: 1 })), `${lng}: ${message}`).toBe(true);
      expect(message).not.toContain(t('moveResult:membersUnread.fix'));
    }
  });
});

describe('the status card of a group move, for members the admin did not choose', () => {
  it('counts a member not chosen who keeps the direct old licence, as the result text names them', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock, groupWait: { intervalMs: 5_000, reads: 1 } });
    const job = await runMoveOfA(rig);
    const snapshot = await rig.gateway.readSnapshot();
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const card = stringsIn(switchStatusCard(t, lng, [job], snapshot)).join('\n');
      expect(card).toContain(t('moveResult:status.alsoLabel'));
      expect(card).toContain(t('moveResult:status.reason', { reason: t('moveResult:status.alsoKept'), count: 1 }));
      expect(card).not.toContain(t('moveResult:status.alsoMoved'));
    }
  });

  it('names at most three groups it could not list, says how many more, and stays small enough for Teams with ten such moves', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    rig.server.denied.add(`/v1.0/groups/${SALES_GROUP}/members/microsoft.graph.user`);
    const done = await runMoveOfA(rig, [MIXED.noLocation]);
    // Twelve unread groups with the longest display names Entra allows (256 characters).
    const groups = Array.from({ length: 12 }, (_, i) => `group-${i}`);
    const job: SwitchJob = { ...done, membersUnread: groups };
    const snapshot = await rig.gateway.readSnapshot();
    const named = { ...snapshot, groups: groups.map((id, i) => ({ id, displayName: `${String(i).padStart(2, '0')} ${'Ł'.repeat(253)}` })) } as typeof snapshot;
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const card = stringsIn(switchStatusCard(t, lng, [job], named)).join('\n');
      expect(card).toContain(`00 ${'Ł'.repeat(253)}`);
      expect(card).toContain(`02 ${'Ł'.repeat(253)}`);
      expect(card).not.toContain(`03 ${'Ł'.repeat(253)}`);
      expect(card).toContain(t('moveResult:andMore', { names: '', count: 9 }).trim());
      const ten = switchStatusCard(t, lng, Array.from({ length: 10 }, (_, i) => ({ ...job, id: `job-${i}` })), named);
      expect(Buffer.byteLength(JSON.stringify(ten))).toBeLessThan(25_000);
    }
  });

  it('counts a member not chosen whose direct old licence was removed', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    const job = await runMoveOfA(rig);
    for (const lng of LANGUAGES) {
      const t = translator(lng);
      const card = stringsIn(switchStatusCard(t, lng, [job])).join('\n');
      expect(card).toContain(t('moveResult:status.reason', { reason: t('moveResult:status.alsoMoved'), count: 1 }));
      expect(card).not.toContain(t('moveResult:status.alsoKept'));
      expect(card).not.toContain(t('moveResult:status.unreadLabel'));
    }
  });
});
