import { findPlanBySku, type Plan } from '../../domain/catalogue';
import { USD_RATES } from '../../domain/catalogue/currencies';
import { addMonths, isValidIsoDate } from '../../domain/dates';
import type { Subscription, TenantSnapshot, User } from '../../domain/snapshot/schema';
import { ROLES, type HealthStatus, type Role, type Service } from '../../domain/vocabulary';
import type { GraphCompanySubscription, GraphSubscribedSku, GraphTenantData, RoleReadGap } from '../read/types';
import { SETTINGS_DEFAULTS, termsFor, type SnapshotSettings } from '../settings';
import { healthService, healthStatus, worse } from './health';
import { contractRoles, ROLE_TEMPLATES, TENANT_WIDE_SCOPE } from './roles';
import { disabledServicesOf, type ServicePlanRef } from './service-plans';
import { skuStatus } from './status';

// Graph's answers as one tenant snapshot in the contract's format. A snapshot subscription is one
// licence pool (a subscribed SKU): Graph assigns licences by SKU, not by commercial subscription, so
// its id is the skuId and licences move between SKUs. SKUs the catalogue does not know are left out
// (and counted in a warning), never guessed.

export type SnapshotWarning =
  | { code: 'UNKNOWN_SKUS'; skuPartNumbers: string[] }
  /** The currency has no list-price rate: prices not given in the settings are US list prices. */
  | { code: 'NO_PRICE_RATE'; currency: string }
  /** Roles held that way (active PIM assignments, role-assignable groups) could not be read: those people count as users. */
  | { code: 'ROLES_PARTLY_READ'; missing: RoleReadGap[] };

export interface BuiltSnapshot {
  snapshot: TenantSnapshot;
  warnings: SnapshotWarning[];
}

const UPN = /^[^@\s]+@[^@\s]+$/;

const dateOf = (iso: string | null | undefined): string | undefined => {
  const day = iso?.slice(0, 10);
  return day !== undefined && isValidIsoDate(day) ? day : undefined;
};

const earliest = (days: (string | undefined)[]): string | undefined => days.filter((d): d is string => d !== undefined).sort()[0];

function priceOf(plan: Plan, currency: string): number | undefined {
  const rate = USD_RATES[currency];
  return rate === undefined ? undefined : Math.round(plan.listPriceUsdCents * rate) / 100;
}

function subscriptionOf(
  sku: GraphSubscribedSku,
  plan: Plan,
  commercial: readonly GraphCompanySubscription[],
  settings: SnapshotSettings,
  today: string,
  warn: (w: SnapshotWarning) => void,
): Subscription {
  const terms = termsFor(settings, { skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, planId: plan.id });
  const billingFrequency = terms.billingFrequency ?? SETTINGS_DEFAULTS.billingFrequency;
  const currency = terms.currency ?? SETTINGS_DEFAULTS.currency;
  let price = terms.pricePerLicensePerMonth ?? priceOf(plan, currency);
  if (price === undefined) {
    warn({ code: 'NO_PRICE_RATE', currency });
    price = plan.listPriceUsdCents / 100;
  }
  const live = commercial.filter((s) => s.status.toLowerCase() !== 'deleted');
  const startDate = earliest(commercial.map((s) => dateOf(s.createdDateTime))) ?? today;
  const renewalDate = earliest(live.map((s) => dateOf(s.nextLifecycleDateTime))) ?? addMonths(today, billingFrequency === 'annual' ? 12 : 1);
  return {
    id: sku.skuId,
    planId: plan.id,
    status: skuStatus(sku.capabilityStatus, commercial),
    purchasedLicenses: Math.max(0, Math.floor(sku.prepaidUnits?.enabled ?? 0)),
    startDate,
    renewalDate: renewalDate < startDate ? startDate : renewalDate,
    billingFrequency,
    paymentMethod: terms.paymentMethod ?? SETTINGS_DEFAULTS.paymentMethod,
    pricePerLicensePerMonth: price,
    currency,
    unpaidBalance: terms.unpaidBalance ?? 0,
    prepaidRemainingValue: terms.prepaidRemainingValue ?? 0,
    segment: terms.segment ?? SETTINGS_DEFAULTS.segment,
    provisioned: true,
    eligibleForChange: terms.eligibleForChange ?? true,
    changeInProgress: terms.changeInProgress ?? false,
    creditCheckPending: terms.creditCheckPending ?? false,
    beforeServiceUpgrade: terms.beforeServiceUpgrade ?? false,
    addOns: terms.addOns ?? [],
  };
}

/** Roles per user id, from tenant-wide assignments of the roles the contract knows. */
function rolesByUser(data: GraphTenantData): Map<string, Set<Role>> {
  const roles = new Map<string, Set<Role>>();
  for (const assignment of data.roleAssignments) {
    const role = ROLE_TEMPLATES[assignment.roleDefinitionId.toLowerCase()];
    if (!role || assignment.directoryScopeId !== TENANT_WIDE_SCOPE) continue;
    const set = roles.get(assignment.principalId) ?? new Set<Role>();
    roles.set(assignment.principalId, set.add(role));
  }
  return roles;
}

/**
 * How a user holds a SKU, from licenseAssignmentStates: nothing for a direct assignment alone (the
 * contract's default); `direct: false` when it comes only from groups; the groups' ids when any.
 */
function assignedBy(user: GraphTenantData['users'][number], skuId: string): { direct?: false; groupIds?: string[] } {
  const states = (user.licenseAssignmentStates ?? []).filter((s) => s.skuId.toLowerCase() === skuId.toLowerCase());
  if (states.length === 0) return {};
  const groupIds = [...new Set(states.map((s) => s.assignedByGroup).filter((g): g is string => Boolean(g)))].sort();
  const direct = states.some((s) => !s.assignedByGroup);
  return { ...(direct ? {} : { direct: false as const }), ...(groupIds.length > 0 ? { groupIds } : {}) };
}

export function buildSnapshot(data: GraphTenantData, settings: SnapshotSettings, today: string): BuiltSnapshot {
  const warnings: SnapshotWarning[] = [];
  const warned = new Set<string>();
  const warn = (w: SnapshotWarning) => {
    const key = JSON.stringify(w);
    if (!warned.has(key)) warnings.push(w);
    warned.add(key);
  };

  const commercialBySku = new Map<string, GraphCompanySubscription[]>();
  for (const s of data.subscriptions) commercialBySku.set(s.skuId.toLowerCase(), [...(commercialBySku.get(s.skuId.toLowerCase()) ?? []), s]);

  const subscriptions: Subscription[] = [];
  const unknown: string[] = [];
  /** Per known skuId: its service plans as Graph lists them. */
  const plansBySku = new Map<string, readonly ServicePlanRef[]>();
  for (const sku of data.skus) {
    const plan = findPlanBySku(sku.skuPartNumber);
    if (!plan) {
      unknown.push(sku.skuPartNumber);
      continue;
    }
    subscriptions.push(subscriptionOf(sku, plan, commercialBySku.get(sku.skuId.toLowerCase()) ?? [], settings, today, warn));
    plansBySku.set(sku.skuId.toLowerCase(), sku.servicePlans ?? []);
  }
  if (unknown.length > 0) warnings.unshift({ code: 'UNKNOWN_SKUS', skuPartNumbers: [...new Set(unknown)].sort() });
  if (data.roleGaps && data.roleGaps.length > 0) warnings.push({ code: 'ROLES_PARTLY_READ', missing: [...data.roleGaps] });

  const roles = rolesByUser(data);
  const users: User[] = [];
  for (const u of data.users) {
    if (!UPN.test(u.userPrincipalName ?? '')) continue;
    const licenses = u.assignedLicenses
      .filter((l) => plansBySku.has(l.skuId.toLowerCase()))
      .map((l) => ({
        subscriptionId: subscriptions.find((s) => s.id.toLowerCase() === l.skuId.toLowerCase())!.id,
        disabledServices: disabledServicesOf(plansBySku.get(l.skuId.toLowerCase())!, l.disabledPlans ?? []).sort(),
        ...assignedBy(u, l.skuId),
      }));
    const own = roles.get(u.id);
    users.push({
      id: u.id,
      upn: u.userPrincipalName,
      displayName: (u.displayName ?? '').slice(0, 256),
      roles: contractRoles(own ?? [], ROLES),
      licenses,
      ...(u.usageLocation === undefined ? {} : { usageLocation: /^[A-Za-z]{2}$/.test(u.usageLocation ?? '') ? u.usageLocation!.toUpperCase() : null }),
    });
  }

  const health = new Map<Service, HealthStatus>();
  for (const h of data.health) {
    const service = healthService(h.id ?? '', h.service ?? '');
    if (!service) continue;
    health.set(service, worse(health.get(service) ?? 'healthy', healthStatus(h.status ?? '')));
  }

  const domains = [...(data.organization.verifiedDomains ?? [])].sort((a, b) => Number(Boolean(b.isDefault)) - Number(Boolean(a.isDefault))).map((d) => d.name);
  const snapshot: TenantSnapshot = {
    tenant: {
      id: data.organization.id,
      name: data.organization.displayName?.trim() || data.organization.id,
      domains: domains.length > 0 ? domains : [`${data.organization.id}.invalid`],
      billingAccountType: settings.billingAccountType ?? SETTINGS_DEFAULTS.billingAccountType,
      ...(/^[A-Za-z]{2}$/.test(data.organization.countryLetterCode ?? '') ? { country: data.organization.countryLetterCode!.toUpperCase() } : {}),
    },
    subscriptions,
    users,
    serviceHealth: [...health].map(([service, status]) => ({ service, status })),
    ...(data.groups && data.groups.length > 0 ? { groups: data.groups.map((g) => ({ id: g.id, displayName: g.displayName.slice(0, 256) })) } : {}),
  };
  return { snapshot, warnings };
}
