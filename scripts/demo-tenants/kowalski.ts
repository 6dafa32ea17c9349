import type { TenantSnapshotInput } from '../../domain/snapshot/schema';
import { ALL_HEALTHY, person, seededRandom, staff, subscription, type UserInput } from './build';
import { POLISH_FIRST, POLISH_LAST, polishFamilyName } from './names';

// An older Office 365 tenant in PLN. sub-small-business is Office 365 Small Business from before
// the service upgrade with 32 users (SMALL_BUSINESS_LEGACY_25); sub-k1 (Enterprise K1, warehouse
// staff) can go through the switch-plans wizard to Enterprise E1/E3/E4; sub-trial is a trial of
// Small Business Premium that three office users are trying.
const DOMAIN = 'kowalski.com.pl';
const PLN = { currency: 'PLN' } as const;

export function kowalski(): TenantSnapshotInput {
  const random = seededRandom(0x0c0a1e);
  const taken = new Set(['jan', 'malgorzata', 'tomasz', 'ewa']);
  const named: UserInput[] = [
    person(DOMAIN, { id: 'u-jan', name: 'Jan Kowalski', roles: ['GlobalAdmin'], licenses: ['sub-small-business', 'sub-trial'] }),
    person(DOMAIN, { id: 'u-malgorzata', name: 'Małgorzata Kowalska', roles: ['BillingAdmin'], licenses: ['sub-small-business', 'sub-trial'] }),
    person(DOMAIN, { id: 'u-tomasz', name: 'Tomasz Nowak', roles: ['UserAdmin', 'LicenseAdmin'], licenses: ['sub-small-business', 'sub-trial'] }),
    person(DOMAIN, { id: 'u-ewa', name: 'Ewa Wiśniewska', roles: ['User'], licenses: [{ subscriptionId: 'sub-small-business', disabledServices: ['lync'] }] }),
  ];
  const people = staff(random, { count: 38, idPrefix: 'u-kow-', firstNames: POLISH_FIRST, lastNames: POLISH_LAST, taken, familyName: polishFamilyName });
  const generated = people.map((p, index) => {
    // 28 more office staff on Small Business (32 in all), 10 warehouse staff on K1.
    const subscriptionId = index < 28 ? 'sub-small-business' : 'sub-k1';
    const disabledServices = subscriptionId === 'sub-small-business' && index % 6 === 2 ? (['lync'] as const) : [];
    return person(DOMAIN, { id: p.id, name: p.name, alias: p.alias, licenses: [{ subscriptionId, disabledServices: [...disabledServices] }] });
  });
  return {
    tenant: { id: 'kowalski', name: 'Kowalski i Synowie Sp. z o.o.', domains: [DOMAIN, 'kowalskiisynowie.onmicrosoft.com'], billingAccountType: 'MOSA' },
    subscriptions: [
      subscription({
        id: 'sub-small-business', planId: 'o365-small-business', purchasedLicenses: 35,
        startDate: '2014-03-10', renewalDate: '2027-03-10', billingFrequency: 'annual', paymentMethod: 'invoice',
        pricePerLicensePerMonth: 22.5, ...PLN, beforeServiceUpgrade: true,
      }),
      subscription({
        id: 'sub-k1', planId: 'o365-k1', purchasedLicenses: 12,
        startDate: '2015-06-01', renewalDate: '2027-06-01', billingFrequency: 'monthly', paymentMethod: 'credit-card',
        pricePerLicensePerMonth: 15.8, ...PLN,
      }),
      subscription({
        id: 'sub-trial', planId: 'o365-small-business-premium', status: 'trial', purchasedLicenses: 25,
        startDate: '2026-11-10', renewalDate: '2026-12-10', billingFrequency: 'monthly', paymentMethod: 'credit-card',
        pricePerLicensePerMonth: 0, ...PLN,
      }),
    ],
    users: [...named, ...generated],
    serviceHealth: ALL_HEALTHY,
  };
}
