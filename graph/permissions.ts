// The Microsoft Graph application permissions (with admin consent) the gateway needs.

/** For reading a snapshot. */
export const GRAPH_READ_PERMISSIONS = [
  'Organization.Read.All',
  'LicenseAssignment.Read.All',
  'User.Read.All',
  'ServiceHealth.Read.All',
  'RoleManagement.Read.Directory',
] as const;

/** For moving licences as well (assignLicense). */
export const GRAPH_WRITE_PERMISSIONS = ['LicenseAssignment.ReadWrite.All'] as const;
