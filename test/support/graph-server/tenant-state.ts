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
  /** The licences assigned to the user directly (group-inherited ones come from `groups`). */
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  /** ISO 3166 two-letter country; null: not set (assignLicense then refuses to add a licence). Default 'SE'. */
  usageLocation?: string | null;
}

/** A group that carries licences (group-based licensing): every member inherits them. */
export interface ServerGroup {
  id: string;
  displayName: string;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  members: string[];
  /** Members whose assignment from this group is in error (CountViolation): it grants them nothing. */
  inError?: string[];
  /**
   * After POST /groups/{id}/assignLicense: Entra processes a group's licence change in the background
   * (https://learn.microsoft.com/en-us/entra/identity/users/licensing-group-advanced), so each member
   * still shows the group's previous licences for this many more reads of that member.
   */
  pending?: Record<string, number>;
  /** The group's licences before its last change, shown to members still pending. */
  previousLicenses?: { skuId: string; disabledPlans: string[] }[];
}

/**
 * licenseAssignmentState, as GET /users/{id}?$select=licenseAssignmentStates returns it
 * (https://learn.microsoft.com/en-us/graph/api/resources/licenseassignmentstate): one per SKU and
 * source, assignedByGroup null for a direct assignment.
 */
export interface ServerLicenseAssignmentState {
  skuId: string;
  disabledPlans: string[];
  assignedByGroup: string | null;
  state: 'Active' | 'ActiveWithError' | 'Disabled' | 'Error';
  error: string | null;
  lastUpdatedDateTime: string;
}

export interface ServerRoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
}

export interface ServerTenantSeed {
  organization: { id: string; displayName: string; domains: string[]; country?: string };
  skus: ServerSku[];
  subscriptions: ServerSubscription[];
  users: ServerUser[];
  roleAssignments: ServerRoleAssignment[];
  health: { id: string; service: string; status: string }[];
  /** Groups that carry licences; none by default. */
  groups?: ServerGroup[];
}

export type AssignResult = { status: 200; body: unknown } | { status: 400 | 404; code: string; message: string };

const ROLE_BY_TEMPLATE: Readonly<Record<string, Role>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'GlobalAdmin',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'BillingAdmin',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'LicenseAdmin',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'UserAdmin',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'HelpdeskAgent',
};

/**
 * Service plans that cannot be on together for one user (Graph refuses with MutuallyExclusiveViolation,
 * https://learn.microsoft.com/en-us/entra/identity/users/licensing-group-advanced): one mailbox plan and
 * one SharePoint plan per user. A disabled plan does not count.
 */
export const EXCLUSIVE_PLAN_FAMILIES: readonly (readonly string[])[] = [
  ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_ENTERPRISE', 'EXCHANGE_S_DESKLESS'],
  ['SHAREPOINTSTANDARD', 'SHAREPOINTENTERPRISE', 'SHAREPOINTDESKLESS'],
];

type Licence = { skuId: string; disabledPlans: string[] };

export class GraphTenantState {
  readonly organization: ServerTenantSeed['organization'];
  readonly skus: ServerSku[];
  readonly subscriptions: ServerSubscription[];
  readonly users: ServerUser[];
  readonly roleAssignments: ServerRoleAssignment[];
  readonly health: ServerTenantSeed['health'];
  readonly groups: ServerGroup[];
  private readonly byId = new Map<string, ServerUser>();
  private readonly consumedBySku = new Map<string, number>();
  /** Licence assignments that changed a user, per user id. */
  readonly appliedWrites = new Map<string, number>();
  /** Group licence changes (POST /groups/{id}/assignLicense), in order. */
  readonly groupLicenceWrites: { groupId: string; add: string[]; remove: string[] }[] = [];

  constructor(seed: ServerTenantSeed) {
    const copy = structuredClone(seed);
    this.organization = copy.organization;
    this.skus = copy.skus;
    this.subscriptions = copy.subscriptions;
    this.users = copy.users;
    this.roleAssignments = copy.roleAssignments;
    this.health = copy.health;
    this.groups = copy.groups ?? [];
    for (const user of this.users) {
      if (user.usageLocation === undefined) user.usageLocation = 'SE';
      this.byId.set(user.id.toLowerCase(), user);
      for (const l of this.effective(user)) this.consumedBySku.set(l.skuId, (this.consumedBySku.get(l.skuId) ?? 0) + 1);
    }
  }

  user(idOrUpn: string): ServerUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.byId.get(key) ?? this.users.find((u) => u.userPrincipalName.toLowerCase() === key);
  }

  consumed(skuId: string): number {
    return this.consumedBySku.get(skuId) ?? 0;
  }

  /** The groups whose licences the user inherits. */
  groupsOf(user: ServerUser): ServerGroup[] {
    return this.groups.filter((g) => g.members.includes(user.id) && this.licencesOf(g, user).length > 0);
  }

  /** The group's licences as the member sees them now: the previous ones while the change is pending for them. */
  private licencesOf(group: ServerGroup, user: ServerUser): Licence[] {
    return (group.pending?.[user.id] ?? 0) > 0 ? (group.previousLicenses ?? []) : group.assignedLicenses;
  }

  /** The groups whose licences the user actually gets (not those whose assignment is in error). */
  private grantingGroupsOf(user: ServerUser): ServerGroup[] {
    return this.groupsOf(user).filter((g) => !(g.inError ?? []).includes(user.id));
  }

  /**
   * What Graph lists in the user's assignedLicenses: direct and inherited licences, one per SKU. A plan
   * is disabled only when every assignment of the SKU disables it (each assignment grants its own plans).
   */
  effective(user: ServerUser): Licence[] {
    const bySku = new Map<string, string[][]>();
    for (const l of [...user.assignedLicenses, ...this.grantingGroupsOf(user).flatMap((g) => this.licencesOf(g, user))]) {
      bySku.set(l.skuId, [...(bySku.get(l.skuId) ?? []), l.disabledPlans]);
    }
    return [...bySku].map(([skuId, lists]) => ({ skuId, disabledPlans: lists.reduce((a, b) => a.filter((p) => b.includes(p))) }));
  }

  /** licenseAssignmentStates: one per direct assignment and one per group that carries the SKU. */
  assignmentStates(user: ServerUser): ServerLicenseAssignmentState[] {
    const at = '2026-11-01T08:00:00Z';
    const direct = user.assignedLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans], assignedByGroup: null, state: 'Active' as const, error: null, lastUpdatedDateTime: at }));
    const inherited = this.groupsOf(user).flatMap((g) =>
      this.licencesOf(g, user).map((l) => {
        const failed = (g.inError ?? []).includes(user.id);
        return { skuId: l.skuId, disabledPlans: [...l.disabledPlans], assignedByGroup: g.id, state: failed ? ('Error' as const) : ('Active' as const), error: failed ? 'CountViolation' : null, lastUpdatedDateTime: at };
      }),
    );
    return [...direct, ...inherited];
  }

  /** The user as GET /users/{id} shows it: assignedLicenses with inherited ones, licenseAssignmentStates, usageLocation. */
  view(user: ServerUser): Record<string, unknown> {
    return {
      id: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      usageLocation: user.usageLocation ?? null,
      assignedLicenses: this.effective(user),
      licenseAssignmentStates: this.assignmentStates(user),
    };
  }

  /** Two enabled plans of one exclusive family, by name, or undefined. */
  private conflict(licences: readonly Licence[]): [string, string] | undefined {
    const enabled = licences.flatMap((l) => {
      const sku = this.skus.find((s) => s.skuId === l.skuId);
      return (sku?.servicePlans ?? []).filter((p) => !l.disabledPlans.includes(p.servicePlanId)).map((p) => p.servicePlanName);
    });
    for (const family of EXCLUSIVE_PLAN_FAMILIES) {
      const on = [...new Set(enabled.filter((name) => family.includes(name)))];
      if (on.length > 1) return [on[0]!, on[1]!];
    }
    return undefined;
  }

  /**
   * POST /users/{id}/assignLicense (https://learn.microsoft.com/en-us/graph/api/user-assignlicense):
   * every removal and addition, or nothing, with the messages Graph answers a refusal with.
   */
  assignLicense(userId: string, add: { skuId: string; disabledPlans?: string[] }[], remove: string[]): AssignResult {
    const user = this.user(userId);
    if (!user) return { status: 404, code: 'Request_ResourceNotFound', message: `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.` };
    const bad = (message: string): AssignResult => ({ status: 400, code: 'Request_BadRequest', message });
    for (const skuId of [...add.map((a) => a.skuId), ...remove]) {
      const sku = this.skus.find((s) => s.skuId === skuId);
      if (!sku || sku.capabilityStatus === 'Deleted') return bad(`License ${skuId} does not correspond to a valid company License.`);
    }
    const before = this.effective(user);
    for (const skuId of remove) {
      if (user.assignedLicenses.some((l) => l.skuId === skuId)) continue;
      if (before.some((l) => l.skuId === skuId)) return bad('User license is inherited from a group membership and it cannot be removed directly from the user.');
      return bad('User does not have a corresponding license.');
    }
    if (add.length > 0 && !user.usageLocation) return bad('License assignment cannot be done for user with invalid usage location.');
    for (const a of add) {
      const sku = this.skus.find((s) => s.skuId === a.skuId)!;
      const gains = !before.some((l) => l.skuId === a.skuId);
      if (gains && (sku.capabilityStatus === 'Suspended' || this.consumed(a.skuId) >= sku.prepaidEnabled)) {
        return bad(`Subscription with SKU ${a.skuId} does not have any available licenses.`);
      }
    }
    const direct = [
      ...user.assignedLicenses.filter((l) => !remove.includes(l.skuId) && !add.some((a) => a.skuId === l.skuId)),
      ...add.map((a) => ({ skuId: a.skuId, disabledPlans: [...(a.disabledPlans ?? [])] })),
    ];
    const after = this.effective({ ...user, assignedLicenses: direct });
    const clash = this.conflict(after);
    if (clash) return bad(`License assignment failed because service plans ${clash[0]},${clash[1]} are mutually exclusive.`);
    for (const l of before) this.consumedBySku.set(l.skuId, this.consumed(l.skuId) - 1);
    for (const l of after) this.consumedBySku.set(l.skuId, this.consumed(l.skuId) + 1);
    user.assignedLicenses = direct;
    this.appliedWrites.set(user.id, (this.appliedWrites.get(user.id) ?? 0) + 1);
    return { status: 200, body: { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName } };
  }

  /**
   * POST /groups/{id}/assignLicense (https://learn.microsoft.com/en-us/graph/api/group-assignlicense):
   * the group's licences change at once; its members get the change in the background, each after
   * `readsUntilProcessed` more reads of that member (processMemberRead).
   */
  assignGroupLicense(groupId: string, add: { skuId: string; disabledPlans?: string[] }[], remove: string[], readsUntilProcessed = 2): AssignResult {
    const group = this.groups.find((g) => g.id.toLowerCase() === groupId.toLowerCase());
    if (!group) return { status: 404, code: 'Request_ResourceNotFound', message: `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.` };
    const bad = (message: string): AssignResult => ({ status: 400, code: 'Request_BadRequest', message });
    for (const skuId of [...add.map((a) => a.skuId), ...remove]) {
      const sku = this.skus.find((s) => s.skuId === skuId);
      if (!sku || sku.capabilityStatus === 'Deleted') return bad(`License ${skuId} does not correspond to a valid company License.`);
    }
    for (const skuId of remove) if (!group.assignedLicenses.some((l) => l.skuId === skuId)) return bad('Group does not have a corresponding license.');
    group.previousLicenses = structuredClone(group.assignedLicenses);
    group.assignedLicenses = [
      ...group.assignedLicenses.filter((l) => !remove.includes(l.skuId) && !add.some((a) => a.skuId === l.skuId)),
      ...add.map((a) => ({ skuId: a.skuId, disabledPlans: [...(a.disabledPlans ?? [])] })),
    ];
    group.pending = Object.fromEntries(group.members.map((m) => [m, readsUntilProcessed]));
    this.groupLicenceWrites.push({ groupId: group.id, add: add.map((a) => a.skuId), remove: [...remove] });
    return { status: 200, body: { id: group.id, displayName: group.displayName } };
  }

  /** A read of the user: groups whose change is pending for them count it; at zero the change reaches them (or fails for want of licences: CountViolation). */
  processMemberRead(user: ServerUser): void {
    for (const group of this.groups) {
      const left = group.pending?.[user.id];
      if (left === undefined || left <= 0) continue;
      if (left > 1) {
        group.pending![user.id] = left - 1;
        continue;
      }
      const before = this.effective(user);
      delete group.pending![user.id];
      group.inError = (group.inError ?? []).filter((id) => id !== user.id);
      // Each SKU the user gains through the group takes a free licence; without one the group's assignment is in error.
      const gains = group.assignedLicenses.filter((l) => !before.some((b) => b.skuId === l.skuId));
      if (gains.some((l) => this.consumed(l.skuId) >= (this.skus.find((s) => s.skuId === l.skuId)?.prepaidEnabled ?? 0))) group.inError.push(user.id);
      const after = this.effective(user);
      for (const l of before) this.consumedBySku.set(l.skuId, this.consumed(l.skuId) - 1);
      for (const l of after) this.consumedBySku.set(l.skuId, this.consumed(l.skuId) + 1);
    }
  }

  /** The SKU ids each user holds (directly or through a group), by user id. */
  licences(): Map<string, string[]> {
    return new Map(this.users.map((u) => [u.id, this.effective(u).map((l) => l.skuId).sort()]));
  }

  /** Each user's licences (directly or through a group) with their disabled plans, by user id. */
  licenceDetails(): Map<string, Licence[]> {
    return new Map(this.users.map((u) => [u.id, this.effective(u)]));
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
        licenses: this.effective(u).filter((l) => knownIds.has(l.skuId)).map((l) => ({ subscriptionId: l.skuId, disabledServices: [] })),
      })),
      serviceHealth: [],
    };
  }
}
