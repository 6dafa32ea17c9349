import { afterEach, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../domain/snapshot/parse';
import { graphRig, type GraphRig } from './support/graph-fixtures';
import { MIXED, mixedGraphTenant, SALES_GROUP, SKU_KIOSK, SKU_PREMIUM, SKU_STANDARD } from './support/graph-server';

// Reading what decides a licence move from Graph into the snapshot: usage location, licences that come
// from groups (licenseAssignmentStates) with the groups' names, and customised licences.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('a tenant with group licences and customisations read through Graph', () => {
  it('gives each licence its disabled services, who holds it through a group, and each user’s usage location', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const snapshot = await rig.gateway.readSnapshot();
    const user = (id: string) => snapshot.users.find((u) => u.id === id)!;
    expect(user(MIXED.customised).licenses).toEqual([{ subscriptionId: SKU_STANDARD, disabledServices: ['yammer'] }]);
    expect(user(MIXED.kiosk).licenses).toEqual([
      { subscriptionId: SKU_STANDARD, disabledServices: ['exchange'] },
      { subscriptionId: SKU_KIOSK, disabledServices: [] },
    ]);
    expect(user(MIXED.groupOnly).licenses).toEqual([{ subscriptionId: SKU_STANDARD, disabledServices: [], direct: false, groupIds: [SALES_GROUP] }]);
    expect(user(MIXED.directAndGroup).licenses).toEqual([{ subscriptionId: SKU_STANDARD, disabledServices: [], groupIds: [SALES_GROUP] }]);
    expect(user(MIXED.noLocation).usageLocation).toBeNull();
    expect(user(MIXED.plain[0]).usageLocation).toBe('PL');
    expect(snapshot.groups).toEqual([{ id: SALES_GROUP, displayName: 'Sales licences' }]);
    expect(snapshot.subscriptions.map((s) => s.id)).toEqual(expect.arrayContaining([SKU_STANDARD, SKU_PREMIUM, SKU_KIOSK]));
    // The snapshot is still the contract's: it parses as a file would.
    expect(parseSnapshot(JSON.parse(JSON.stringify(snapshot))).ok).toBe(true);
  });

  it('names a group by its id when the app may not read groups', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    rig.server.denied.add(`/v1.0/groups/${SALES_GROUP}`);
    const snapshot = await rig.gateway.readSnapshot();
    expect(snapshot.groups).toEqual([{ id: SALES_GROUP, displayName: SALES_GROUP }]);
  });
});
