import { afterEach, describe, expect, it } from 'vitest';
import { groupLicenceOffer } from '../domain/move-preflight';
import { planMoveUsersJob } from '../domain/switch-planning';
import { decideGroupMove, memberProgress } from '../graph/write/group-licence-decision';
import { licenceStateOf } from '../graph/write/licence-state';
import { FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
import { GROUP_MEMBER_NOT_CHOSEN, groupLicenceTenant, MIXED, SALES_GROUP, SERVICE_PLAN, SKU_PREMIUM, SKU_STANDARD, GraphTenantState } from './support/graph-server';

// Moving a group's licence (the admin's choice on the confirmation card): the decision of the one
// POST /groups/{id}/assignLicense call, and the move through the Graph gateway against the local Graph
// server, whose group licences reach the members in the background as Entra's do.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const move = (userId: string, moveGroupIds?: string[]) => ({ userId, removeSubscriptionId: SKU_STANDARD, addSubscriptionId: SKU_PREMIUM, ...(moveGroupIds ? { moveGroupIds } : {}) });
const skuPlans = (skuId: string, plans: { servicePlanId: string; servicePlanName: string }[]) => [skuId.toLowerCase(), { skuId, servicePlans: plans }] as const;
const P = SERVICE_PLAN;
const SKUS = new Map([
  skuPlans(SKU_STANDARD, [P.exchange, P.sharepoint, P.teams, P.yammer]),
  skuPlans(SKU_PREMIUM, [P.exchange, P.sharepoint, P.teams, P.yammer]),
]);

describe('the decision for a group', () => {
  it('adds the target with the group\'s switched-off plans carried over and removes the source, in one call', () => {
    expect(decideGroupMove([{ skuId: SKU_STANDARD, disabledPlans: [P.yammer.servicePlanId] }], SKU_STANDARD, SKU_PREMIUM, SKUS)).toEqual({
      kind: 'write',
      body: { addLicenses: [{ skuId: SKU_PREMIUM, disabledPlans: [P.yammer.servicePlanId] }], removeLicenses: [SKU_STANDARD] },
    });
  });

  it('is done when the group carries the target and not the source, and writes nothing for a group without the source', () => {
    expect(decideGroupMove([{ skuId: SKU_PREMIUM, disabledPlans: [] }], SKU_STANDARD, SKU_PREMIUM, SKUS)).toEqual({ kind: 'done' });
    expect(decideGroupMove([], SKU_STANDARD, SKU_PREMIUM, SKUS)).toEqual({ kind: 'not-held' });
  });

  it('reads a member as active, in error (CountViolation) or still pending from licenseAssignmentStates', () => {
    const state = (assignment: { state: string; error: string }, held: boolean) =>
      licenceStateOf({
        assignedLicenses: held ? [{ skuId: SKU_PREMIUM, disabledPlans: [] }] : [],
        licenseAssignmentStates: [{ skuId: SKU_PREMIUM, assignedByGroup: SALES_GROUP, disabledPlans: [], ...assignment }],
      }) as Extract<ReturnType<typeof licenceStateOf>, { kind: 'known' }>;
    expect(memberProgress(state({ state: 'Active', error: 'None' }, true), SKU_PREMIUM, [SALES_GROUP])).toEqual({ kind: 'active' });
    expect(memberProgress(state({ state: 'Error', error: 'CountViolation' }, false), SKU_PREMIUM, [SALES_GROUP])).toEqual({ kind: 'error', error: 'CountViolation' });
    expect(memberProgress(licenceStateOf({ assignedLicenses: [], licenseAssignmentStates: [] }) as never, SKU_PREMIUM, [SALES_GROUP])).toEqual({ kind: 'pending' });
  });
});

/** The group licence tenant as a snapshot, with the group sources the Graph mapping gives (exportSnapshot leaves them out). */
function groupSnapshot(options: { premiumSeats?: number } = {}) {
  const snapshot = new GraphTenantState(groupLicenceTenant(options)).exportSnapshot();
  for (const user of snapshot.users) {
    if ([MIXED.groupOnly, MIXED.directAndGroup, GROUP_MEMBER_NOT_CHOSEN].includes(user.id as never)) {
      user.licenses = user.licenses.map((l) => (l.subscriptionId === SKU_STANDARD ? { ...l, groupIds: [SALES_GROUP], ...(user.id === MIXED.directAndGroup ? {} : { direct: false }) } : l));
    }
  }
  return snapshot;
}

describe('the offer on the confirmation card', () => {
  it('does not start a move whose group would take more licences than are free, counting the members not chosen', () => {
    const request = { fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: [MIXED.groupOnly, MIXED.plain[0]], requestedBy: MIXED.admin };
    const context = { id: 'job-1', createdAt: '2026-11-21T10:00:00Z', batchSize: 20 };
    // Three free: Paula and the group's three members need four.
    const short = planMoveUsersJob(groupSnapshot({ premiumSeats: 3 }), { ...request, moveGroupIds: [SALES_GROUP] }, context);
    expect(short.ok ? null : short.error).toMatchObject({ code: 'NOT_ENOUGH_LICENSES', needed: 4, available: 3, toBuy: 1 });
    // Without moving the group, Greta is listed instead and Paula's one licence is enough.
    expect(planMoveUsersJob(groupSnapshot({ premiumSeats: 3 }), request, context).ok).toBe(true);
    const planned = planMoveUsersJob(groupSnapshot(), { ...request, moveGroupIds: [SALES_GROUP] }, context);
    expect(planned.ok && planned.value.replacements.find((r) => r.userId === MIXED.groupOnly)?.moveGroupIds).toEqual([SALES_GROUP]);
  });

  it('names each group the chosen users\' old licence comes from, with its members and how many were not chosen', () => {
    const snapshot = groupSnapshot();
    const offer = groupLicenceOffer(snapshot, SKU_STANDARD, SKU_PREMIUM, [MIXED.groupOnly, MIXED.directAndGroup, MIXED.plain[0]]);
    // Premium: a licence for each of the mixed tenant's nine movable users, none taken yet; the group takes three.
    expect(offer).toEqual({ groups: [{ groupId: SALES_GROUP, members: 3, notChosen: 1 }], userIds: [MIXED.groupOnly, MIXED.directAndGroup], licences: { needed: 3, free: 9 } });
    expect(groupLicenceOffer(snapshot, SKU_STANDARD, SKU_PREMIUM, [MIXED.plain[0]])).toBeUndefined();
  });
});

describe('moving a group\'s licence through Graph', () => {
  it('changes the group in one call, waits for its members, then removes a direct old licence: every member ends with the new licence only, customisation kept', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.groupOnly, [SALES_GROUP]), move(MIXED.directAndGroup, [SALES_GROUP]), move(MIXED.plain[0])]);
    expect(outcome.items).toEqual([
      { userId: MIXED.groupOnly, status: 'already-done' },
      { userId: MIXED.directAndGroup, status: 'done' },
      { userId: MIXED.plain[0], status: 'done' },
    ]);
    expect(rig.server.state.groupLicenceWrites).toEqual([{ groupId: SALES_GROUP, add: [SKU_PREMIUM], remove: [SKU_STANDARD] }]);
    const sales = rig.server.state.groups.find((g) => g.id === SALES_GROUP)!;
    expect(sales.assignedLicenses).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [P.yammer.servicePlanId] }]);
    // Entra processes the members in the background: the move read them again until the group's licence was Active.
    expect(clock.sleeps.length).toBeGreaterThan(0);
    const licences = rig.server.state.licences();
    for (const id of [MIXED.groupOnly, MIXED.directAndGroup, MIXED.plain[0]]) expect(licences.get(id), id).toEqual([SKU_PREMIUM]);
    expect(rig.server.state.licenceDetails().get(MIXED.groupOnly)).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [P.yammer.servicePlanId] }]);
  });

  it('reads the group again after a group write whose answer was lost, and does not send it twice', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    rig.server.faults.add('write', 1, { kind: 'fail', status: 504, applied: true });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.groupOnly, [SALES_GROUP])]);
    expect(outcome.items).toEqual([{ userId: MIXED.groupOnly, status: 'already-done' }]);
    expect(rig.server.state.groupLicenceWrites).toHaveLength(1);
    expect(rig.server.log.filter((l) => l.method === 'POST' && l.path === `/v1.0/groups/${SALES_GROUP}/assignLicense`)).toHaveLength(1);
  });

  it('without Group.Read.All learns the group\'s licences from a member\'s licenseAssignmentStates and still moves it', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    rig.server.denied.add(`/v1.0/groups/${SALES_GROUP}`);
    const outcome = await rig.gateway.replaceLicences([move(MIXED.groupOnly, [SALES_GROUP])]);
    expect(outcome.items).toEqual([{ userId: MIXED.groupOnly, status: 'already-done' }]);
    expect(rig.server.state.groups.find((g) => g.id === SALES_GROUP)!.assignedLicenses).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [P.yammer.servicePlanId] }]);
  });

  it('without the permission for groups refuses the group\'s users with GROUP_LICENCE_NOT_ALLOWED and still moves the others', async () => {
    rig = await graphRig({ seed: groupLicenceTenant() }, { clock: new FakeClock() });
    rig.server.denied.add(`POST /v1.0/groups/${SALES_GROUP}/assignLicense`);
    const outcome = await rig.gateway.replaceLicences([move(MIXED.groupOnly, [SALES_GROUP]), move(MIXED.plain[0])]);
    expect(outcome.items).toEqual([
      { userId: MIXED.groupOnly, status: 'refused', error: 'GROUP_LICENCE_NOT_ALLOWED', groupIds: [SALES_GROUP] },
      { userId: MIXED.plain[0], status: 'done' },
    ]);
    expect(rig.server.state.licences().get(MIXED.groupOnly)).toEqual([SKU_STANDARD]);
  });

  it('names a member the group could not give the licence to for want of licences (CountViolation); they keep their direct old licence', async () => {
    // One free Premium licence: Greta, processed first, takes it; Dorota's assignment from the group is in error.
    rig = await graphRig({ seed: groupLicenceTenant({ premiumSeats: 1 }) }, { clock: new FakeClock() });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.groupOnly, [SALES_GROUP]), move(MIXED.directAndGroup, [SALES_GROUP])]);
    expect(outcome.items).toEqual([
      { userId: MIXED.groupOnly, status: 'already-done' },
      { userId: MIXED.directAndGroup, status: 'refused', error: 'GROUP_COUNT_VIOLATION', groupIds: [SALES_GROUP] },
    ]);
    expect(rig.server.state.licences().get(MIXED.directAndGroup)).toEqual([SKU_STANDARD]);
  });

  it('reports members Entra has not processed within the bounded wait as pending, and writes nothing for them', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: groupLicenceTenant(), clock }, { clock, groupWait: { intervalMs: 5_000, reads: 1 } });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.groupOnly, [SALES_GROUP]), move(MIXED.directAndGroup, [SALES_GROUP])]);
    expect(outcome.items).toEqual([
      { userId: MIXED.groupOnly, status: 'skipped', error: 'GROUP_LICENCE_PENDING', groupIds: [SALES_GROUP] },
      // She also holds the old licence directly: once the group's arrives she holds both, which the result must say.
      { userId: MIXED.directAndGroup, status: 'skipped', error: 'GROUP_LICENCE_PENDING_DIRECT', groupIds: [SALES_GROUP] },
    ]);
    expect(rig.server.writes).toEqual([]);
  });
});
