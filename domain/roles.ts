import type { Plan } from './catalogue';
import type { Blocker } from './findings';
import { findUserByUpn, type TenantIndex } from './tenant-index';
import type { BillingAccountType, Role } from './vocabulary';

// Who may do what (domain-rules.md section 6).
export type Action =
  | { kind: 'assign-licences' }
  | { kind: 'change-plan'; billingAccountType: BillingAccountType }
  | { kind: 'wizard'; from: Plan };

const LICENCE_ADMINS: Role[] = ['GlobalAdmin', 'LicenseAdmin', 'UserAdmin'];
const MOSA_BILLING: Role[] = ['GlobalAdmin', 'BillingAdmin'];
const MCA_BILLING: Role[] = ['BillingAccountOwner', 'BillingAccountContributor', 'BillingProfileOwner', 'BillingProfileContributor'];
const SMALL_BUSINESS_ADMINS: Role[] = ['GlobalAdmin', 'BillingAdmin', 'LicenseAdmin', 'UserAdmin'];

export function allowedRoles(action: Action): Role[] {
  switch (action.kind) {
    case 'assign-licences':
      return LICENCE_ADMINS;
    case 'change-plan':
      return action.billingAccountType === 'MCA' ? MCA_BILLING : MOSA_BILLING;
    case 'wizard':
      // The wizard wants a global administrator, except Small Business, where any administrator will do.
      return action.from.family === 'small-business' ? SMALL_BUSINESS_ADMINS : ['GlobalAdmin'];
  }
}

/** ADMIN_ROLE_REQUIRED when the person is outside the tenant or holds none of the allowed roles. */
export function roleGate(index: TenantIndex, upn: string, action: Action): Blocker | undefined {
  const allowed = allowedRoles(action);
  const user = findUserByUpn(index, upn);
  if (!user) return { code: 'ADMIN_ROLE_REQUIRED', reason: 'not-in-tenant', allowedRoles: allowed };
  if (user.roles.some((role) => allowed.includes(role))) return undefined;
  return { code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: allowed };
}
