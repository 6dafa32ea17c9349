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
 * still reads (those people count as users) and warns (graph/read/role-reader.ts).
 */
export const GRAPH_ROLE_READ_PERMISSIONS = ['GroupMember.Read.All', 'RoleAssignmentSchedule.Read.Directory'] as const;

/** For moving licences as well (assignLicense). */
export const GRAPH_WRITE_PERMISSIONS = ['LicenseAssignment.ReadWrite.All'] as const;

/**
 * To name the groups users' licences come from (GET /groups/{id}); without it a group is named by its id
 * (graph/read/licence-groups.ts). Group.ReadWrite.All and User.ReadWrite.All are never needed: the bot
 * changes neither a group's licences nor a user's usage location, it lists those users as not moved.
 */
export const GRAPH_GROUP_READ_PERMISSIONS = ['Group.Read.All'] as const;
