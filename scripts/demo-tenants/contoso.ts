import type { TenantSnapshotInput } from '../../domain/snapshot/schema';
import { ALL_HEALTHY, person, subscription } from './build';

// A healthy MOSA small business: Business Standard → Business Premium is an automatic change.
const DOMAIN = 'contoso.com';
const EUR = { currency: 'EUR', billingFrequency: 'monthly', paymentMethod: 'credit-card' } as const;

export function contoso(): TenantSnapshotInput {
  return {
    tenant: { id: 'contoso', name: 'Contoso Ltd', domains: [DOMAIN, 'contoso.onmicrosoft.com'], billingAccountType: 'MOSA' },
    subscriptions: [
      subscription({
        id: 'sub-standard', planId: 'm365-business-standard', purchasedLicenses: 10,
        startDate: '2026-01-15', renewalDate: '2027-01-15', pricePerLicensePerMonth: 11.7, ...EUR,
      }),
      subscription({
        id: 'sub-exchange', planId: 'exchange-online-plan-1', purchasedLicenses: 4,
        startDate: '2025-06-01', renewalDate: '2027-06-01', pricePerLicensePerMonth: 3.7, ...EUR,
      }),
    ],
    users: [
      person(DOMAIN, { id: 'u-anna', name: 'Anna Lind', roles: ['GlobalAdmin'], licenses: ['sub-standard'] }),
      person(DOMAIN, { id: 'u-erik', name: 'Erik Johansson', roles: ['BillingAdmin'], licenses: ['sub-standard'] }),
      person(DOMAIN, { id: 'u-ingrid', name: 'Ingrid Berg', roles: ['LicenseAdmin'], licenses: [{ subscriptionId: 'sub-standard', disabledServices: ['yammer'] }] }),
      person(DOMAIN, { id: 'u-jonas', name: 'Jonas Nilsson', roles: ['UserAdmin'], licenses: ['sub-standard'] }),
      person(DOMAIN, { id: 'u-karin', name: 'Karin Sjöberg', roles: ['HelpdeskAgent'], licenses: ['sub-standard'] }),
      person(DOMAIN, { id: 'u-lars', name: 'Lars Eriksson', licenses: [{ subscriptionId: 'sub-standard', disabledServices: ['yammer', 'teams'] }] }),
      person(DOMAIN, { id: 'u-maja', name: 'Maja Holm', licenses: ['sub-standard'] }),
      person(DOMAIN, { id: 'u-oliver', name: 'Oliver Bennett', licenses: ['sub-standard'] }),
      person(DOMAIN, { id: 'u-sofia', name: 'Sofia Andersson', licenses: ['sub-exchange'] }),
      person(DOMAIN, { id: 'u-viktor', name: 'Viktor Strand', licenses: ['sub-exchange'] }),
      person(DOMAIN, { id: 'u-emma', name: 'Emma Wilson' }),
    ],
    serviceHealth: ALL_HEALTHY,
  };
}
