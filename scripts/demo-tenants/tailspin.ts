import type { TenantSnapshotInput } from '../../domain/snapshot/schema';
import type { Service } from '../../domain/vocabulary';
import { ALL_HEALTHY, person, seededRandom, staff, subscription, type PersonSpec, type UserInput } from './build';
import { ENGLISH_FIRST, ENGLISH_LAST } from './names';

// A 5,000-user enterprise in USD: Office 365 E3 for office staff, Microsoft 365 E5 for
// engineering and security (40 of whom keep an E3 licence too), Exchange Online Kiosk for
// store staff, and a Business Premium subscription left over from an acquired studio.
const DOMAIN = 'tailspintoys.com';
const USD = { currency: 'USD', billingFrequency: 'annual', paymentMethod: 'invoice' } as const;
export const TAILSPIN_USERS = 5000;

type LicenceSpec = NonNullable<PersonSpec['licenses']>[number];

const NAMED: PersonSpec[] = [
  { id: 'u-olivia', name: 'Olivia Carter', roles: ['GlobalAdmin'], licenses: ['sub-m365-e5'] },
  { id: 'u-marcus', name: 'Marcus Reed', roles: ['BillingAdmin'], licenses: ['sub-o365-e3'] },
  { id: 'u-priya', name: 'Priya Raman', roles: ['LicenseAdmin'], licenses: ['sub-m365-e5', 'sub-o365-e3'] },
  { id: 'u-daniel', name: 'Daniel Okafor', roles: ['UserAdmin'], licenses: ['sub-o365-e3'] },
  { id: 'u-grace', name: 'Grace Liu', roles: ['HelpdeskAgent'], licenses: [{ subscriptionId: 'sub-o365-e3', disabledServices: ['yammer'] }] },
  { id: 'u-tom', name: 'Tom Hadley', roles: ['User'], licenses: ['sub-business-premium', 'sub-kiosk'] },
];

/** Which licences generated user number `index` holds; the bands add up to the purchased counts. */
function licencesFor(index: number): LicenceSpec[] {
  const yammerOff = (subscriptionId: string, services: Service[] = ['yammer']) => ({ subscriptionId, disabledServices: services });
  if (index < 3000) {
    if (index % 50 === 7) return [yammerOff('sub-o365-e3')];
    if (index % 97 === 11) return [yammerOff('sub-o365-e3', ['yammer', 'teams'])];
    return ['sub-o365-e3'];
  }
  if (index < 3958) return index < 3038 ? ['sub-m365-e5', 'sub-o365-e3'] : ['sub-m365-e5'];
  if (index < 4907) return index % 40 === 0 ? [yammerOff('sub-kiosk', ['exchange'])] : ['sub-kiosk'];
  if (index < 4931) return index < 4910 ? ['sub-business-premium', 'sub-kiosk'] : ['sub-business-premium'];
  return []; // service accounts, contractors and leavers without a licence
}

export function tailspin(): TenantSnapshotInput {
  const random = seededRandom(0x7a115b1);
  const named: UserInput[] = NAMED.map((spec) => person(DOMAIN, { ...spec, alias: spec.name.toLowerCase().replace(' ', '.') }));
  const taken = new Set(named.map((user) => user.upn.split('@')[0] ?? ''));
  const people = staff(random, { count: TAILSPIN_USERS - NAMED.length, idPrefix: 'u-', firstNames: ENGLISH_FIRST, lastNames: ENGLISH_LAST, taken });
  const generated = people.map((p, index) => person(DOMAIN, { id: p.id, name: p.name, alias: p.alias, licenses: licencesFor(index) }));
  return {
    tenant: { id: 'tailspin', name: 'Tailspin Toys Inc.', domains: [DOMAIN, 'tailspintoys.onmicrosoft.com'], billingAccountType: 'MOSA' },
    subscriptions: [
      subscription({ id: 'sub-o365-e3', planId: 'o365-e3', purchasedLicenses: 3100, startDate: '2021-07-01', renewalDate: '2027-07-01', pricePerLicensePerMonth: 23, ...USD }),
      subscription({ id: 'sub-m365-e5', planId: 'm365-e5', purchasedLicenses: 1000, startDate: '2023-07-01', renewalDate: '2027-07-01', pricePerLicensePerMonth: 57, ...USD }),
      subscription({ id: 'sub-kiosk', planId: 'exchange-online-kiosk', purchasedLicenses: 1000, startDate: '2022-02-01', renewalDate: '2027-02-01', pricePerLicensePerMonth: 2, ...USD }),
      subscription({
        id: 'sub-business-premium', planId: 'm365-business-premium', purchasedLicenses: 50, startDate: '2025-05-12', renewalDate: '2026-12-12',
        billingFrequency: 'monthly', paymentMethod: 'credit-card', pricePerLicensePerMonth: 22, currency: 'USD',
      }),
    ],
    users: [...named, ...generated],
    serviceHealth: ALL_HEALTHY,
  };
}
