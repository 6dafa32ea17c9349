import { PLANS } from '../domain/catalogue';
import { parseSnapshot } from '../domain/snapshot/parse';
import type { TenantSnapshot } from '../domain/snapshot/schema';

/** A large, valid MOSA tenant: `userCount` users spread over `subscriptionCount` subscriptions, some on two. */
export function syntheticTenant(userCount: number, subscriptionCount: number): TenantSnapshot {
  const current = PLANS.filter((p) => p.generation === 'current');
  const subscriptions = Array.from({ length: subscriptionCount }, (_, i) => ({
    id: `sub-${i}`,
    planId: current[i % current.length]!.id,
    status: 'active' as const,
    purchasedLicenses: Math.ceil((userCount * 1.3) / subscriptionCount) + 10,
    startDate: '2026-01-15',
    renewalDate: '2027-01-15',
    billingFrequency: 'annual' as const,
    paymentMethod: 'invoice' as const,
    pricePerLicensePerMonth: 20,
    currency: 'USD',
  }));
  const users = Array.from({ length: userCount }, (_, i) => ({
    id: `u-${i}`,
    upn: `user${i}@tailspin.example`,
    displayName: `User ${i}`,
    roles: i === 0 ? (['GlobalAdmin'] as const) : (['User'] as const),
    licenses: [
      { subscriptionId: `sub-${i % subscriptionCount}`, disabledServices: i % 7 === 0 ? (['yammer'] as const) : ([] as const) },
      ...(i % 5 === 0 ? [{ subscriptionId: `sub-${(i + 1) % subscriptionCount}` }] : []),
    ].map((l) => ({ ...l, disabledServices: [...(l.disabledServices ?? [])] })),
  }));
  const parsed = parseSnapshot({
    tenant: { id: 'tailspin', name: 'Tailspin Toys', domains: ['tailspin.example'], billingAccountType: 'MOSA' },
    subscriptions,
    users: users.map((u) => ({ ...u, roles: [...u.roles] })),
    serviceHealth: [{ service: 'yammer', status: 'advisory' }],
  });
  if (!parsed.ok) throw new Error(`synthetic tenant invalid: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  return parsed.value;
}
