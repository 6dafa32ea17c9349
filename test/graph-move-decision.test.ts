import { describe, expect, it } from 'vitest';
import { licenceStateOf } from '../graph/write/licence-state';
import { decideMove } from '../graph/write/move-decision';

// One user's licence write, decided from what Graph says the user holds (pure: no server).

const SOURCE = 'aaaaaaaa-0000-4000-8000-000000000001';
const TARGET = 'aaaaaaaa-0000-4000-8000-000000000002';
const plan = (n: number, name: string, appliesTo = 'User') => ({ servicePlanId: `bbbbbbbb-0000-4000-8000-00000000000${n}`, servicePlanName: name, appliesTo });
const YAMMER = plan(1, 'YAMMER_ENTERPRISE');
const TEAMS = plan(2, 'TEAMS1');
const skus = new Map([
  [SOURCE, { skuId: SOURCE, servicePlans: [YAMMER, TEAMS] }],
  // The target's Yammer plan applies to the whole organisation: it cannot be switched off for one user.
  [TARGET, { skuId: TARGET, servicePlans: [{ ...YAMMER, appliesTo: 'Company' }, TEAMS] }],
]);
const move = { userId: 'u-1', removeSubscriptionId: SOURCE, addSubscriptionId: TARGET };

describe('deciding one user’s licence write', () => {
  it('switches off in the target only user-level plans', () => {
    const state = licenceStateOf({ usageLocation: 'SE', assignedLicenses: [{ skuId: SOURCE, disabledPlans: [YAMMER.servicePlanId, TEAMS.servicePlanId] }] });
    const decision = decideMove(move, state as Extract<typeof state, { kind: 'known' }>, skus);
    expect(decision).toEqual({
      kind: 'write',
      needsSeat: true,
      alsoRemoved: [],
      body: { addLicenses: [{ skuId: TARGET, disabledPlans: [TEAMS.servicePlanId] }], removeLicenses: [SOURCE] },
    });
  });

  it('without licenseAssignmentStates every licence counts as direct; with them a group-only licence is not written', () => {
    const direct = licenceStateOf({ usageLocation: 'SE', assignedLicenses: [{ skuId: SOURCE, disabledPlans: [] }] });
    expect(decideMove(move, direct as Extract<typeof direct, { kind: 'known' }>, skus).kind).toBe('write');
    const fromGroup = licenceStateOf({
      usageLocation: 'SE',
      assignedLicenses: [{ skuId: SOURCE, disabledPlans: [] }],
      licenseAssignmentStates: [{ skuId: SOURCE, assignedByGroup: 'g-1', state: 'Active', error: 'None' }],
    });
    expect(decideMove(move, fromGroup as Extract<typeof fromGroup, { kind: 'known' }>, skus)).toEqual({ kind: 'skip', code: 'LICENSED_BY_GROUP', groupIds: ['g-1'] });
  });
});
