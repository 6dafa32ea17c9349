import type { TenantSnapshotInput } from '../../domain/snapshot/schema';
import { ALL_HEALTHY, person, seededRandom, staff, subscription, type UserInput } from './build';
import { BRITISH_FIRST, BRITISH_LAST } from './names';

// A charity on nonprofit plans (GBP): any automatic change is GOVERNMENT_OR_NONPROFIT, so the
// answer is the manual path. sub-basic-grant is the donated Business Basic grant.
const DOMAIN = 'woodgrovetrust.org.uk';
const GBP = { currency: 'GBP', billingFrequency: 'monthly', segment: 'nonprofit' } as const;

export function woodgrove(): TenantSnapshotInput {
  const random = seededRandom(0x900d);
  const taken = new Set(['catrin', 'duncan']);
  const named: UserInput[] = [
    person(DOMAIN, { id: 'u-catrin', name: 'Catrin Jones', roles: ['GlobalAdmin'], licenses: ['sub-premium-nonprofit'] }),
    person(DOMAIN, { id: 'u-duncan', name: 'Duncan Fraser', roles: ['BillingAdmin'], licenses: ['sub-premium-nonprofit'] }),
  ];
  const people = staff(random, { count: 16, idPrefix: 'u-wg-', firstNames: BRITISH_FIRST, lastNames: BRITISH_LAST, taken });
  const generated = people.map((p, index) => {
    // 9 more on Business Premium (11), 7 volunteers on the donated Business Basic.
    const subscriptionId = index < 9 ? 'sub-premium-nonprofit' : 'sub-basic-grant';
    return person(DOMAIN, { id: p.id, name: p.name, alias: p.alias, licenses: [subscriptionId] });
  });
  return {
    tenant: { id: 'woodgrove', name: 'Woodgrove Community Trust', domains: [DOMAIN, 'woodgrovetrust.onmicrosoft.com'], billingAccountType: 'MOSA' },
    subscriptions: [
      subscription({
        id: 'sub-premium-nonprofit', planId: 'm365-business-premium', purchasedLicenses: 15,
        startDate: '2025-02-01', renewalDate: '2027-02-01', paymentMethod: 'credit-card', pricePerLicensePerMonth: 4.5, ...GBP,
      }),
      subscription({
        id: 'sub-basic-grant', planId: 'm365-business-basic', purchasedLicenses: 10,
        startDate: '2025-02-01', renewalDate: '2027-02-01', paymentMethod: 'credit-card', pricePerLicensePerMonth: 0, ...GBP,
      }),
    ],
    users: [...named, ...generated],
    serviceHealth: ALL_HEALTHY,
  };
}
