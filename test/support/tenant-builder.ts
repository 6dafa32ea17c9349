import { parseSnapshot } from '../../domain/snapshot/parse';
import type { TenantSnapshot, TenantSnapshotInput } from '../../domain/snapshot/schema';

type SubscriptionInput = TenantSnapshotInput['subscriptions'][number];
type UserInput = TenantSnapshotInput['users'][number];

export function subscription(overrides: Partial<SubscriptionInput> & { id: string; planId: string }): SubscriptionInput {
  return {
    status: 'active',
    purchasedLicenses: 10,
    startDate: '2026-01-15',
    renewalDate: '2027-01-15',
    billingFrequency: 'monthly',
    paymentMethod: 'credit-card',
    pricePerLicensePerMonth: 12.5,
    currency: 'EUR',
    ...overrides,
  };
}

/** `count` users licensed on `subscriptionId`, ids u-<prefix>-1 … */
export function users(count: number, subscriptionId: string, prefix = subscriptionId): UserInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `u-${prefix}-${i + 1}`,
    upn: `${prefix}.${i + 1}@contoso.com`,
    displayName: `User ${i + 1}`,
    roles: ['User'],
    licenses: [{ subscriptionId }],
  }));
}

export const ADMINS: UserInput[] = [
  { id: 'u-global', upn: 'global@contoso.com', displayName: 'Global Admin', roles: ['GlobalAdmin'], licenses: [] },
  { id: 'u-billing', upn: 'billing@contoso.com', displayName: 'Billing Admin', roles: ['BillingAdmin'], licenses: [] },
  { id: 'u-licence', upn: 'licence@contoso.com', displayName: 'License Admin', roles: ['LicenseAdmin'], licenses: [] },
  { id: 'u-useradmin', upn: 'useradmin@contoso.com', displayName: 'User Admin', roles: ['UserAdmin'], licenses: [] },
  { id: 'u-plain', upn: 'plain@contoso.com', displayName: 'Plain User', roles: ['User'], licenses: [] },
  { id: 'u-helpdesk', upn: 'helpdesk@contoso.com', displayName: 'Helpdesk', roles: ['HelpdeskAgent'], licenses: [] },
  { id: 'u-mca-owner', upn: 'owner@contoso.com', displayName: 'Billing Account Owner', roles: ['BillingAccountOwner'], licenses: [] },
  { id: 'u-mca-profile', upn: 'profile@contoso.com', displayName: 'Billing Profile Contributor', roles: ['BillingProfileContributor'], licenses: [] },
];

export function tenant(input: {
  billingAccountType?: 'MCA' | 'MOSA';
  subscriptions: SubscriptionInput[];
  users?: UserInput[];
  serviceHealth?: TenantSnapshotInput['serviceHealth'];
}): TenantSnapshot {
  const parsed = parseSnapshot({
    tenant: { id: 'contoso', name: 'Contoso Ltd', domains: ['contoso.com', 'contoso.onmicrosoft.com'], billingAccountType: input.billingAccountType ?? 'MOSA' },
    subscriptions: input.subscriptions,
    users: [...ADMINS, ...(input.users ?? [])],
    serviceHealth: input.serviceHealth ?? [],
  });
  if (!parsed.ok) throw new Error(`test tenant is invalid: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.value;
}
