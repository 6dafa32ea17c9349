import type { Role } from '../../domain/vocabulary';

// Microsoft Entra built-in roles by role template id (a built-in role's roleDefinitionId is its template
// id), and the contract role each one makes a person (domain-rules.md section 6). Only tenant-wide
// assignments (directory scope "/") count: an administrator of one administrative unit is not the
// organisation's administrator.

export const ENTRA_ROLES_SOURCE = {
  title: 'Microsoft Entra built-in roles',
  url: 'https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference',
  taken: '2026-12-04',
} as const;

export interface EntraRoleRow {
  templateId: string;
  /** The role's name on the source page. */
  name: string;
  role: Role;
}

export const ENTRA_ROLES: readonly EntraRoleRow[] = [
  { templateId: '62e90394-69f5-4237-9190-012177145e10', name: 'Global Administrator', role: 'GlobalAdmin' },
  { templateId: 'b0f54661-2d74-4c50-afa3-1ec803f12efe', name: 'Billing Administrator', role: 'BillingAdmin' },
  { templateId: '4d6ac14f-3453-41d0-bef9-a3e0c569773a', name: 'License Administrator', role: 'LicenseAdmin' },
  { templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator', role: 'UserAdmin' },
  // The helpdesk: people who support users (passwords, support requests), check and explain, never change plans.
  { templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', name: 'Helpdesk Administrator', role: 'HelpdeskAgent' },
  { templateId: '966707d0-3269-4727-9be2-8c3a10f19b9d', name: 'Password Administrator', role: 'HelpdeskAgent' },
  { templateId: 'f023fd81-a637-4b56-95fd-791ac0226033', name: 'Service Support Administrator', role: 'HelpdeskAgent' },
  // Read everything, change nothing: what the rules allow anyone in the organisation.
  { templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: 'Global Reader', role: 'User' },
  // Knowledge and learning features, not the helpdesk (it was once read as one).
  { templateId: 'b5a8dcf3-09d5-43a9-a639-8e29ef291470', name: 'Knowledge Administrator', role: 'User' },
];

/** Contract role by template id (lower case). */
export const ROLE_TEMPLATES: Readonly<Record<string, Role>> = Object.fromEntries(ENTRA_ROLES.map((r) => [r.templateId, r.role]));

/** The template ids whose assignments are read: those that make a person more than a plain user. */
export const ROLE_TEMPLATE_IDS: readonly string[] = ENTRA_ROLES.filter((r) => r.role !== 'User').map((r) => r.templateId);

export const TENANT_WIDE_SCOPE = '/';

const ADMIN_ROLES: readonly Role[] = ['GlobalAdmin', 'BillingAdmin', 'LicenseAdmin', 'UserAdmin'];

/**
 * A person's contract roles from the roles they hold tenant-wide. A helpdesk role beside an administrator
 * role adds nothing the administrator lacks, and the bot lets a helpdesk agent only check and explain:
 * such a person is the administrator alone.
 */
export function contractRoles(held: Iterable<Role>, order: readonly Role[]): Role[] {
  const roles = new Set(held);
  roles.delete('User');
  if (ADMIN_ROLES.some((r) => roles.has(r))) roles.delete('HelpdeskAgent');
  return roles.size === 0 ? ['User'] : order.filter((r) => roles.has(r));
}
