import type { Role } from '../../domain/vocabulary';

// Microsoft Entra built-in roles by role template id (also their roleDefinitionId), and the contract
// role each one is. Only tenant-wide assignments (directory scope "/") make a person that role.

export const ROLE_TEMPLATES: Readonly<Record<string, Role>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'GlobalAdmin',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'BillingAdmin',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'LicenseAdmin',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'UserAdmin',
  'b5a8dcf3-09d5-43a9-a639-8e29ef291470': 'HelpdeskAgent',
};

export const ROLE_TEMPLATE_IDS: readonly string[] = Object.keys(ROLE_TEMPLATES);

export const TENANT_WIDE_SCOPE = '/';
