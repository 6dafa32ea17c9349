import { parseSnapshot } from '../../domain/snapshot/parse';
import type { TenantSnapshot, TenantSnapshotInput } from '../../domain/snapshot/schema';

type SubscriptionInput = TenantSnapshotInput['subscriptions'][number];

function sub(id: string, planId: string, extra: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    id,
    planId,
    status: 'active',
    purchasedLicenses: 10,
    startDate: '2026-01-15',
    renewalDate: '2027-01-15',
    billingFrequency: 'monthly',
    paymentMethod: 'credit-card',
    pricePerLicensePerMonth: 11.5,
    currency: 'EUR',
    ...extra,
  };
}

export function parsed(input: TenantSnapshotInput): TenantSnapshot {
  const result = parseSnapshot(input);
  if (!result.ok) throw new Error(`fixture is not a valid snapshot: ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

/**
 * Contoso: seven users on Business Standard (two with services turned off, one also on Apps for business,
 * the standard licence second in her list), one user only on Apps, and an Office 365 E3 subscription.
 */
export function contoso(overrides: { standard?: Partial<SubscriptionInput> } = {}): TenantSnapshot {
  return parsed({
    tenant: { id: 'contoso', name: 'Contoso Ltd', domains: ['contoso.com'], billingAccountType: 'MOSA' },
    subscriptions: [
      sub('sub-standard', 'm365-business-standard', { purchasedLicenses: 8, addOns: [{ name: 'Extra storage', blocksChange: false }], ...overrides.standard }),
      sub('sub-apps', 'm365-apps-business', { purchasedLicenses: 5 }),
      sub('sub-e3', 'o365-e3', { purchasedLicenses: 4, billingFrequency: 'annual' }),
    ],
    users: [
      { id: 'u-anna', upn: 'anna@contoso.com', displayName: 'Anna', roles: ['GlobalAdmin'], licenses: [{ subscriptionId: 'sub-standard', disabledServices: ['yammer'] }] },
      { id: 'u-bo', upn: 'bo@contoso.com', displayName: 'Bo', licenses: [{ subscriptionId: 'sub-standard' }] },
      {
        id: 'u-cecilia',
        upn: 'cecilia@contoso.com',
        displayName: 'Cecilia',
        licenses: [
          { subscriptionId: 'sub-apps', disabledServices: ['teams'] },
          { subscriptionId: 'sub-standard', disabledServices: ['sharepoint', 'onedrive'] },
        ],
      },
      { id: 'u-dag', upn: 'dag@contoso.com', displayName: 'Dag', licenses: [{ subscriptionId: 'sub-standard' }] },
      { id: 'u-eva', upn: 'eva@contoso.com', displayName: 'Eva', licenses: [{ subscriptionId: 'sub-standard' }] },
      { id: 'u-filip', upn: 'filip@contoso.com', displayName: 'Filip', licenses: [{ subscriptionId: 'sub-standard' }] },
      { id: 'u-greta', upn: 'greta@contoso.com', displayName: 'Greta', licenses: [{ subscriptionId: 'sub-standard' }] },
      { id: 'u-hugo', upn: 'hugo@contoso.com', displayName: 'Hugo', licenses: [{ subscriptionId: 'sub-apps' }] },
      { id: 'u-ines', upn: 'ines@contoso.com', displayName: 'Ines', licenses: [] },
    ],
  });
}

export const STANDARD_HOLDERS = ['u-anna', 'u-bo', 'u-cecilia', 'u-dag', 'u-eva', 'u-filip', 'u-greta'];
