import { PLANS } from '../../domain/catalogue';
import { SERVICES } from '../../domain/vocabulary';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { subscription, tenant, users } from './tenant-builder';

/** A License administrator: may not change plans, so the diagnosis this person sees adds that blocker to every subscription. */
export const LICENCE_ADMIN = 'licence@contoso.com';

/** Every status but active (and deleted, which the diagnosis leaves out): neighbours differ, so each is explained. */
const STATUSES = ['suspended', 'warning', 'trial'] as const;

/**
 * The longest diagnosis we can build: every subscription held back by every blocker of an
 * automatic change that can hold at once (more users than licences, not provisioned with every
 * service in an incident, a change and a credit check pending, not active and marked ineligible, a
 * government or nonprofit plan, other subscriptions of the same product, three blocking add-ons, an
 * unpaid invoice), each named by a Graph-style GUID, and neighbours as unlike as they can be, so a
 * page explains as much as it can. Seen by LICENCE_ADMIN, each also lacks the role.
 */
export function blockedTenant(count: number): TenantSnapshot {
  const current = PLANS.filter((p) => p.generation === 'current');
  const subscriptions = Array.from({ length: count }, (_, i) =>
    subscription({
      id: `${String(i).padStart(8, '0')}-4f2b-4c1e-9a3d-5e6f7a8b9c0d`,
      planId: current[i % current.length]!.id,
      status: STATUSES[i % STATUSES.length]!,
      eligibleForChange: false,
      provisioned: false,
      changeInProgress: true,
      creditCheckPending: true,
      segment: i % 2 === 0 ? 'government' : 'nonprofit',
      paymentMethod: 'invoice',
      unpaidBalance: 123_456.78 + i,
      purchasedLicenses: 1,
      addOns: [
        { name: 'Microsoft Teams Phone Standard', blocksChange: true },
        { name: 'Microsoft 365 Audio Conferencing', blocksChange: true },
        { name: `Microsoft Defender for Office 365 (Plan 2) ${i + 1}`, blocksChange: true },
      ],
    }),
  );
  return tenant({
    subscriptions,
    users: subscriptions.flatMap((s, i) => users(2, s.id, `s${i}`)),
    serviceHealth: SERVICES.map((service) => ({ service, status: 'incident' as const })),
  });
}
