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
