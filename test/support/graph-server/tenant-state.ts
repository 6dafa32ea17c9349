import { PLANS } from '../../../domain/catalogue';
import type { TenantSnapshot } from '../../../domain/snapshot/schema';
import type { Role } from '../../../domain/vocabulary';

// The local Graph server's tenant, held in memory as Graph models it: licence pools (subscribedSkus),
// commercial subscriptions behind them, users with assignedLicenses, role assignments and service health.
// assignLicense behaves as Graph's does: all of a call or none of it, with Graph's error messages.

export interface ServerSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  prepaidEnabled: number;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
  /** What the test knows the SKU to be (for exportSnapshot); undefined for SKUs the catalogue lacks. */
  planId?: string;
}

export interface ServerSubscription {
  id: string;
  skuId: string;
  status: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  isTrial: boolean;
  totalLicenses: number;
  createdDateTime: string;
  nextLifecycleDateTime: string | null;
}

export interface ServerUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
}

export interface ServerRoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
}

export interface ServerTenantSeed {
  organization: { id: string; displayName: string; domains: string[] };
  skus: ServerSku[];
  subscriptions: ServerSubscription[];
  users: ServerUser[];
  roleAssignments: ServerRoleAssignment[];
  health: { id: string; service: string; status: string }[];
}

export type AssignResult = { status: 200; body: unknown } | { status: 400 | 404; code: string; message: string };

const ROLE_BY_TEMPLATE: Readonly<Record<string, Role>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'GlobalAdmin',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'BillingAdmin',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'LicenseAdmin',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'UserAdmin',
  'b5a8dcf3-09d5-43a9-a639-8e29ef291470': 'HelpdeskAgent',
};

export class GraphTenantState {
  readonly organization: ServerTenantSeed['organization'];
  readonly skus: ServerSku[];
  readonly subscriptions: ServerSubscription[];
  readonly users: ServerUser[];
  readonly roleAssignments: ServerRoleAssignment[];
  readonly health: ServerTenantSeed['health'];
  private readonly byId = new Map<string, ServerUser>();
  private readonly consumedBySku = new Map<string, number>();
  /** Licence assignments that changed a user, per user id. */
  readonly appliedWrites = new Map<string, number>();

  constructor(seed: ServerTenantSeed) {
    const copy = structuredClone(seed);
    this.organization = copy.organization;
    this.skus = copy.skus;
    this.subscriptions = copy.subscriptions;
    this.users = copy.users;
    this.roleAssignments = copy.roleAssignments;
    this.health = copy.health;
    for (const user of this.users) {
      this.byId.set(user.id.toLowerCase(), user);
      for (const l of user.assignedLicenses) this.consumedBySku.set(l.skuId, (this.consumedBySku.get(l.skuId) ?? 0) + 1);
    }
  }

  user(idOrUpn: string): ServerUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.byId.get(key) ?? this.users.find((u) => u.userPrincipalName.toLowerCase() === key);
  }

  consumed(skuId: string): number {
    return this.consumedBySku.get(skuId) ?? 0;
  }

  /** POST /users/{id}/assignLicense: every removal and addition, or nothing. */
  assignLicense(userId: string, add: { skuId: string; disabledPlans?: string[] }[], remove: string[]): AssignResult {
    const user = this.user(userId);
    if (!user) return { status: 404, code: 'Request_ResourceNotFound', message: `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.` };
    for (const skuId of [...add.map((a) => a.skuId), ...remove]) {
      const sku = this.skus.find((s) => s.skuId === skuId);
      if (!sku || sku.capabilityStatus === 'Deleted') return { status: 400, code: 'Request_BadRequest', message: `License ${skuId} does not correspond to a valid company License.` };
    }
    for (const skuId of remove) {
      if (!user.assignedLicenses.some((l) => l.skuId === skuId)) return { status: 400, code: 'Request_BadRequest', message: 'User does not have a corresponding license.' };
    }
    for (const a of add) {
      const sku = this.skus.find((s) => s.skuId === a.skuId)!;
      const gains = !user.assignedLicenses.some((l) => l.skuId === a.skuId);
      if (gains && (sku.capabilityStatus === 'Suspended' || this.consumed(a.skuId) >= sku.prepaidEnabled)) {
        return { status: 400, code: 'Request_BadRequest', message: `Subscription with SKU ${a.skuId} does not have any available licenses.` };
      }
    }
    const kept = user.assignedLicenses.filter((l) => !remove.includes(l.skuId) && !add.some((a) => a.skuId === l.skuId));
    for (const l of user.assignedLicenses) this.consumedBySku.set(l.skuId, this.consumed(l.skuId) - 1);
    for (const l of [...kept, ...add]) this.consumedBySku.set(l.skuId, this.consumed(l.skuId) + 1);
    user.assignedLicenses = [...kept, ...add.map((a) => ({ skuId: a.skuId, disabledPlans: [...(a.disabledPlans ?? [])] }))];
    this.appliedWrites.set(user.id, (this.appliedWrites.get(user.id) ?? 0) + 1);
    return { status: 200, body: { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName } };
  }

  /** The SKU ids each user holds, by user id. */
  licences(): Map<string, string[]> {
    return new Map(this.users.map((u) => [u.id, u.assignedLicenses.map((l) => l.skuId).sort()]));
  }

  /**
   * The tenant as a contract snapshot, from what the test seeded (each SKU's planId), independently of
   * the gateway's mapping: subscription ids are skuIds, billing terms the documented defaults.
   */
  exportSnapshot(today = '2026-11-21'): TenantSnapshot {
    const known = this.skus.filter((s) => s.planId !== undefined);
    const knownIds = new Set(known.map((s) => s.skuId));
    const roles = new Map<string, Role[]>();
    for (const a of this.roleAssignments) {
      const role = ROLE_BY_TEMPLATE[a.roleDefinitionId];
      if (role && a.directoryScopeId === '/') roles.set(a.principalId, [...(roles.get(a.principalId) ?? []), role]);
    }
    return {
      tenant: { id: this.organization.id, name: this.organization.displayName, domains: this.organization.domains, billingAccountType: 'MOSA' },
      subscriptions: known.map((s) => {
        const plan = PLANS.find((p) => p.id === s.planId)!;
        const subs = this.subscriptions.filter((c) => c.skuId === s.skuId);
        return {
          id: s.skuId,
          planId: plan.id,
          status: 'active',
          purchasedLicenses: s.prepaidEnabled,
          startDate: subs.map((c) => c.createdDateTime.slice(0, 10)).sort()[0] ?? today,
          renewalDate: subs.map((c) => c.nextLifecycleDateTime?.slice(0, 10) ?? '9999-12-31').sort()[0] ?? today,
          billingFrequency: 'monthly',
          paymentMethod: 'credit-card',
          pricePerLicensePerMonth: plan.listPriceUsdCents / 100,
          currency: 'USD',
          unpaidBalance: 0,
          prepaidRemainingValue: 0,
          segment: 'commercial',
          provisioned: true,
          eligibleForChange: true,
          changeInProgress: false,
          creditCheckPending: false,
          beforeServiceUpgrade: false,
          addOns: [],
        };
      }),
      users: this.users.map((u) => ({
        id: u.id,
        upn: u.userPrincipalName,
        displayName: u.displayName,
        roles: roles.get(u.id) ?? ['User'],
        licenses: u.assignedLicenses.filter((l) => knownIds.has(l.skuId)).map((l) => ({ subscriptionId: l.skuId, disabledServices: [] })),
      })),
      serviceHealth: [],
    };
  }
}
