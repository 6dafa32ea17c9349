// The Microsoft Graph application permissions (with admin consent) the gateway needs.

/** For reading a snapshot. */
export const GRAPH_READ_PERMISSIONS = [
  'Organization.Read.All',
  'LicenseAssignment.Read.All',
  'User.Read.All',
  'ServiceHealth.Read.All',
  'RoleManagement.Read.Directory',
] as const;

/**
 * For roles held through role-assignable groups and active PIM assignments; without them the snapshot
 * still reads (those people count as users) and warns (graph/read/role-reader.ts). GroupMember.Read.All
 * also lets a move of a group's licence list the group's members, to remove the direct old licence of
 * those not chosen; without it they may hold both, and the result says so (graph/write/group-licence-mover.ts).
 */
export const GRAPH_ROLE_READ_PERMISSIONS = ['GroupMember.Read.All', 'RoleAssignmentSchedule.Read.Directory'] as const;

/** For moving licences as well (assignLicense). */
export const GRAPH_WRITE_PERMISSIONS = ['LicenseAssignment.ReadWrite.All'] as const;

/**
 * To name the groups users' licences come from (GET /groups/{id}); without it a group is named by its id
 * (graph/read/licence-groups.ts) and a group's licences are read from a member's licenseAssignmentStates.
 */
export const GRAPH_GROUP_READ_PERMISSIONS = ['Group.Read.All'] as const;

/**
 * Only when the admin chooses to move a group's licence (POST /groups/{id}/assignLicense,
 * https://learn.microsoft.com/en-us/graph/api/group-assignlicense: LicenseAssignment.ReadWrite.All is the
 * least privileged, Group.ReadWrite.All or Directory.ReadWrite.All also do); a 403 refuses the group's
 * users with GROUP_LICENCE_NOT_ALLOWED.
 */
export const GRAPH_GROUP_LICENCE_PERMISSIONS = ['Group.ReadWrite.All'] as const;

/** Only when the admin chooses to give users without a usage location the organisation's country (PATCH /users/{id}). */
export const GRAPH_USAGE_LOCATION_PERMISSIONS = ['User.ReadWrite.All'] as const;
