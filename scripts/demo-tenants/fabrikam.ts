import type { TenantSnapshotInput } from '../../domain/snapshot/schema';
import { person, seededRandom, staff, subscription, type UserInput } from './build';
import { SWEDISH_FIRST, SWEDISH_LAST } from './names';

// A MOSA tenant where an automatic change of sub-standard hits five blockers at once:
// 23 users on 20 licences, Exchange degraded, a blocking add-on, an unpaid invoice, and a
// second Business Standard subscription (Göteborg office). sub-basic waits for a credit check.
const DOMAIN = 'fabrikam.se';
const SEK = { currency: 'SEK' } as const;

export function fabrikam(): TenantSnapshotInput {
  const random = seededRandom(0xfab41c);
  const taken = new Set(['lena', 'mikael', 'annika', 'johan']);
  const named: UserInput[] = [
    person(DOMAIN, { id: 'u-lena', name: 'Lena Forsberg', roles: ['GlobalAdmin'], licenses: ['sub-standard'] }),
    person(DOMAIN, { id: 'u-mikael', name: 'Mikael Persson', roles: ['BillingAdmin'], licenses: ['sub-standard'] }),
    person(DOMAIN, { id: 'u-annika', name: 'Annika Bergström', roles: ['LicenseAdmin', 'UserAdmin'], licenses: ['sub-standard'] }),
    person(DOMAIN, { id: 'u-johan', name: 'Johan Lindqvist', licenses: ['sub-standard'] }),
  ];
  const people = staff(random, { count: 29, idPrefix: 'u-fab-', firstNames: SWEDISH_FIRST, lastNames: SWEDISH_LAST, taken });
  const generated = people.map((p, index) => {
    // 19 more on sub-standard (23 in all), 4 in Göteborg, 6 on Business Basic.
    const subscriptionId = index < 19 ? 'sub-standard' : index < 23 ? 'sub-standard-goteborg' : 'sub-basic';
    const disabledServices = index % 7 === 3 ? (['yammer'] as const) : [];
    return person(DOMAIN, { id: p.id, name: p.name, alias: p.alias, licenses: [{ subscriptionId, disabledServices: [...disabledServices] }] });
  });
  return {
    tenant: { id: 'fabrikam', name: 'Fabrikam Sverige AB', domains: [DOMAIN, 'fabrikamsverige.onmicrosoft.com'], billingAccountType: 'MOSA' },
    subscriptions: [
      subscription({
        id: 'sub-standard', planId: 'm365-business-standard', purchasedLicenses: 20,
        startDate: '2024-04-01', renewalDate: '2027-04-01', billingFrequency: 'annual', paymentMethod: 'invoice',
        pricePerLicensePerMonth: 135, ...SEK, unpaidBalance: 4218.75,
        addOns: [
          { name: 'Exchange Online Archiving', blocksChange: true },
          { name: 'Microsoft Teams Phone Standard', blocksChange: false },
        ],
      }),
      subscription({
        id: 'sub-standard-goteborg', planId: 'm365-business-standard', purchasedLicenses: 5,
        startDate: '2025-09-15', renewalDate: '2026-12-15', billingFrequency: 'monthly', paymentMethod: 'credit-card',
        pricePerLicensePerMonth: 135, ...SEK,
      }),
      subscription({
        id: 'sub-basic', planId: 'm365-business-basic', purchasedLicenses: 10,
        startDate: '2026-11-02', renewalDate: '2027-11-02', billingFrequency: 'annual', paymentMethod: 'invoice',
        pricePerLicensePerMonth: 64, ...SEK, creditCheckPending: true,
      }),
    ],
    users: [...named, ...generated],
    serviceHealth: [
      { service: 'exchange', status: 'degraded' },
      { service: 'sharepoint', status: 'healthy' },
      { service: 'onedrive', status: 'healthy' },
      { service: 'teams', status: 'healthy' },
    ],
  };
}
