// The parts of Microsoft Graph v1.0 resources this gateway reads, as Graph returns them
// (only the fields asked for with $select).

export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** organization */
export interface GraphOrganization {
  id: string;
  displayName: string | null;
  verifiedDomains: { name: string; isDefault?: boolean | null; isInitial?: boolean | null }[] | null;
  /** The organisation's country (two letters), offered as a missing usage location. */
  countryLetterCode?: string | null;
}

export interface GraphServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  /** "User" or "Company": a company-level plan cannot be switched off for one user. */
  appliesTo?: string | null;
}

/** subscribedSku: one licence pool of the tenant */
export interface GraphSubscribedSku {
  skuId: string;
  skuPartNumber: string;
  /** Enabled, Warning, Suspended, Deleted, LockedOut */
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended?: number; warning?: number; lockedOut?: number };
  servicePlans?: GraphServicePlanInfo[];
}

/** companySubscription (GET /directory/subscriptions): one commercial subscription behind a SKU */
export interface GraphCompanySubscription {
  id: string;
  skuId: string;
  skuPartNumber?: string;
  /** Enabled, Warning, Suspended, Deleted, LockedOut */
  status: string;
  isTrial: boolean;
  totalLicenses: number;
  createdDateTime: string | null;
  nextLifecycleDateTime: string | null;
}

export interface GraphAssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  assignedLicenses: GraphAssignedLicense[];
  /** Two-letter country; null when none is set (Graph then refuses to add a licence). */
  usageLocation?: string | null;
  /** Direct (assignedByGroup null) or inherited from a group, per SKU (licenseAssignmentState). */
  licenseAssignmentStates?: GraphLicenseAssignmentState[] | null;
}

/** licenseAssignmentState: https://learn.microsoft.com/en-us/graph/api/resources/licenseassignmentstate */
export interface GraphLicenseAssignmentState {
  skuId: string;
  disabledPlans?: string[] | null;
  assignedByGroup?: string | null;
  /** Active, ActiveWithError, Disabled, Error */
  state?: string | null;
  /** CountViolation, MutuallyExclusiveViolation, DependencyViolation, ProhibitedInUsageLocationViolation, UniquenessViolation, Other */
  error?: string | null;
}

/** A group that carries licences (group-based licensing), by the id licenseAssignmentStates names. */
export interface GraphGroup {
  id: string;
  displayName: string;
}

/** serviceHealth (GET /admin/serviceAnnouncement/healthOverviews) */
export interface GraphServiceHealth {
  id: string;
  service: string;
  status: string;
}

/** A role held by a user (directly, through a role-assignable group, or active in PIM), as unifiedRoleAssignment names it. */
export interface GraphRoleAssignment {
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
}

/** A role read left out: active PIM assignments, or the members of role-assignable groups. */
export type RoleReadGap = 'pim' | 'group-members';

/** Everything the snapshot is made from. */
export interface GraphTenantData {
  organization: GraphOrganization;
  skus: GraphSubscribedSku[];
  subscriptions: GraphCompanySubscription[];
  users: GraphUser[];
  health: GraphServiceHealth[];
  roleAssignments: GraphRoleAssignment[];
  /** The groups users' licences come from; none read: empty. */
  groups?: GraphGroup[];
  /** Role reads the app could not make: roles held that way are missing. */
  roleGaps?: RoleReadGap[];
}
