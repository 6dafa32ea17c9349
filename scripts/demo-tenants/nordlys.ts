import type { TenantSnapshotInput } from '../../domain/snapshot/schema';
import { ALL_HEALTHY, person, seededRandom, staff, subscription, type UserInput } from './build';
import { NORWEGIAN_FIRST, NORWEGIAN_LAST } from './names';

// An MCA billing account in NOK, billed annually. sub-premium started 2026-11-17, inside the
// seven-day cancellation window on 2026-11-21; sub-standard is years old (window closed);
// sub-basic-prepaid was paid with a three-year product key and has 27 months (17,820 NOK) left,
// more than a year of Business Standard costs, so changing it now loses prepaid value.
const DOMAIN = 'nordlysenergi.no';
const NOK = { currency: 'NOK', billingFrequency: 'annual' } as const;

export function nordlys(): TenantSnapshotInput {
  const random = seededRandom(0x40d175);
  const taken = new Set(['sigrid', 'henrik', 'marte', 'kjetil', 'ingrid']);
  const named: UserInput[] = [
    person(DOMAIN, { id: 'u-sigrid', name: 'Sigrid Hansen', roles: ['BillingAccountOwner', 'GlobalAdmin'], licenses: ['sub-premium'] }),
    person(DOMAIN, { id: 'u-henrik', name: 'Henrik Bakke', roles: ['BillingProfileContributor'], licenses: ['sub-premium'] }),
    person(DOMAIN, { id: 'u-marte', name: 'Marte Lie', roles: ['BillingProfileOwner'], licenses: ['sub-standard'] }),
    person(DOMAIN, { id: 'u-kjetil', name: 'Kjetil Moen', roles: ['LicenseAdmin'], licenses: [{ subscriptionId: 'sub-standard', disabledServices: ['yammer'] }] }),
    person(DOMAIN, { id: 'u-ingrid', name: 'Ingrid Sæther', roles: ['User'], licenses: ['sub-basic-prepaid'] }),
  ];
  const people = staff(random, { count: 43, idPrefix: 'u-nor-', firstNames: NORWEGIAN_FIRST, lastNames: NORWEGIAN_LAST, taken });
  const generated = people.map((p, index) => {
    // 10 more on sub-premium (12), 24 more on sub-standard (26), 7 more on the prepaid basic (8); 2 unlicensed.
    const subscriptionId = index < 10 ? 'sub-premium' : index < 34 ? 'sub-standard' : index < 41 ? 'sub-basic-prepaid' : undefined;
    if (subscriptionId === undefined) return person(DOMAIN, { id: p.id, name: p.name, alias: p.alias });
    const disabledServices = subscriptionId === 'sub-standard' && index % 5 === 0 ? (['yammer', 'teams'] as const) : [];
    return person(DOMAIN, { id: p.id, name: p.name, alias: p.alias, licenses: [{ subscriptionId, disabledServices: [...disabledServices] }] });
  });
  return {
    tenant: { id: 'nordlys', name: 'Nordlys Energi AS', domains: [DOMAIN, 'nordlysenergi.onmicrosoft.com'], billingAccountType: 'MCA' },
    subscriptions: [
      subscription({
        id: 'sub-premium', planId: 'm365-business-premium', purchasedLicenses: 15,
        startDate: '2026-11-17', renewalDate: '2027-11-17', paymentMethod: 'invoice', pricePerLicensePerMonth: 242, ...NOK,
      }),
      subscription({
        id: 'sub-standard', planId: 'm365-business-standard', purchasedLicenses: 30,
        startDate: '2023-09-01', renewalDate: '2027-09-01', paymentMethod: 'invoice', pricePerLicensePerMonth: 137, ...NOK,
      }),
      subscription({
        id: 'sub-basic-prepaid', planId: 'm365-business-basic', purchasedLicenses: 10,
        startDate: '2026-03-01', renewalDate: '2029-03-01', paymentMethod: 'prepaid-product-key', pricePerLicensePerMonth: 66,
        ...NOK, prepaidRemainingValue: 17820,
      }),
    ],
    users: [...named, ...generated],
    serviceHealth: ALL_HEALTHY,
  };
}
