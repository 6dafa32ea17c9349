import { afterEach, describe, expect, it } from 'vitest';
import { peopleOf } from '../conversation/move-result';
import { finishedText } from '../conversation/switch-messages';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import type { SwitchJob } from '../domain/switch-job';
import { SwitchRunner } from '../domain/switch-runner';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { executedWrites, FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
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

  it('without the permission to list the group\'s members still moves the chosen users and writes nothing else', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    rig.server.denied.add(`/v1.0/groups/${SALES_GROUP}/members/microsoft.graph.user`);
    const outcome = await rig.gateway.replaceLicences([moveA]);
    expect(outcome.items).toEqual([{ userId: A, status: 'already-done' }]);
    expect(rig.server.writes).toEqual([]);
  });
});

/** The move of Greta alone with the group's licence, as the bot runs it. */
async function runMoveOfA(rig: GraphRig): Promise<SwitchJob> {
  const runner = new SwitchRunner({ gateway: rig.gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21' });
  const started = await runner.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: [A], moveGroupIds: [SALES_GROUP], requestedBy: MIXED.admin });
  if (!started.ok) throw new Error(started.error.code);
  const result = await runner.run(started.value.id);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  expect(result.value.step).toBe('done');
  return result.value;
}

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
