import { describe, expect, it } from 'vitest';
import { preflightMove } from '../domain/move-preflight';
import { planMove } from '../domain/move-users';
import { planMoveUsersJob } from '../domain/switch-planning';
import type { TenantSnapshot } from '../domain/snapshot/schema';

// The pre-flight the confirmation card shows: what each user's move will do, from the snapshot alone.

const sub = (id: string, planId: string, purchasedLicenses: number) => ({
  id, planId, status: 'active' as const, purchasedLicenses, startDate: '2026-01-01', renewalDate: '2027-01-01', billingFrequency: 'monthly' as const,
  paymentMethod: 'invoice' as const, pricePerLicensePerMonth: 10, currency: 'EUR', unpaidBalance: 0, prepaidRemainingValue: 0, segment: 'commercial' as const,
  provisioned: true, eligibleForChange: true, changeInProgress: false, creditCheckPending: false, beforeServiceUpgrade: false, addOns: [],
});
const user = (id: string, licenses: TenantSnapshot['users'][number]['licenses'], usageLocation?: string | null) => ({
  id, upn: `${id}@fabrikam.example`, displayName: id, roles: ['User' as const], licenses, ...(usageLocation === undefined ? {} : { usageLocation }),
});

function tenant(premiumSeats: number): TenantSnapshot {
  return {
    tenant: { id: 'fabrikam', name: 'Fabrikam', domains: ['fabrikam.example'], billingAccountType: 'MOSA' },
    subscriptions: [sub('apps', 'm365-apps-business', 10), sub('standard', 'm365-business-standard', premiumSeats), sub('kiosk', 'exchange-online-kiosk', 10)],
    users: [
      user('custom', [{ subscriptionId: 'apps', disabledServices: ['office-apps'] }], 'SE'),
      user('group', [{ subscriptionId: 'apps', disabledServices: [], direct: false, groupIds: ['g-sales'] }], 'SE'),
      user('nowhere', [{ subscriptionId: 'apps', disabledServices: [] }], null),
      user('kiosk', [{ subscriptionId: 'apps', disabledServices: [] }, { subscriptionId: 'kiosk', disabledServices: [] }], 'SE'),
      user('kiosk-group', [{ subscriptionId: 'apps', disabledServices: [] }, { subscriptionId: 'kiosk', disabledServices: [], direct: false, groupIds: ['g-field'] }], 'SE'),
      user('demo', [{ subscriptionId: 'apps', disabledServices: [] }]),
    ],
    serviceHealth: [],
  };
}

describe('the move pre-flight', () => {
  it('tells per user: moves (with what is carried over and removed), licence from a group, no usage location, clash from a group, no licence left', () => {
    const ids = ['custom', 'group', 'nowhere', 'kiosk', 'kiosk-group', 'demo'];
    expect(preflightMove(tenant(2), 'apps', 'standard', ids)).toEqual({
      users: [
        { userId: 'custom', kind: 'moves', carried: ['office-apps'], alsoRemoved: [] },
        { userId: 'group', kind: 'licensed-by-group', groupIds: ['g-sales'] },
        { userId: 'nowhere', kind: 'no-usage-location' },
        { userId: 'kiosk', kind: 'moves', carried: [], alsoRemoved: ['kiosk'] },
        { userId: 'kiosk-group', kind: 'conflict-from-group', groupIds: ['g-field'] },
        // A snapshot without a usage location (a demo tenant) does not hold the user back.
        { userId: 'demo', kind: 'no-licence-left' },
      ],
      toBuy: 1,
    });
  });

  it('counts only the users the move will write against the new subscription\'s free licences', () => {
    // One free licence; of the three chosen, only one will be written (a group licence, no usage location).
    const snapshot = tenant(1);
    const request = { fromSubscriptionId: 'apps', toSubscriptionId: 'standard', userIds: ['custom', 'group', 'nowhere'] };
    const plan = planMove(snapshot, request);
    expect(plan.ok && plan.value.blockers.map((b) => b.code)).toEqual([]);
    const job = planMoveUsersJob(snapshot, { ...request, requestedBy: 'admin-object-id' }, { id: 'job-1', createdAt: '2026-11-21T10:00:00Z', batchSize: 20 });
    expect(job.ok).toBe(true);
    // Two that would both be written need two.
    const short = planMove(snapshot, { ...request, userIds: ['custom', 'kiosk'] });
    expect(short.ok && short.value.blockers.map((b) => b.code)).toEqual(['NOT_ENOUGH_LICENSES']);
  });
});

