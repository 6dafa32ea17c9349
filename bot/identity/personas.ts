import type { TenantSnapshot, User } from '../../domain/snapshot/schema';
import type { Role } from '../../domain/vocabulary';

/** The roles the demo identity picker offers, one person each where the tenant has one. */
const PERSONA_ROLES: Role[][] = [
  ['GlobalAdmin'],
  ['BillingAdmin', 'BillingAccountOwner', 'BillingProfileOwner', 'BillingAccountContributor', 'BillingProfileContributor'],
  ['LicenseAdmin', 'UserAdmin'],
  ['User'],
  ['HelpdeskAgent'],
];

export function demoPersonas(snapshot: TenantSnapshot): User[] {
  const chosen: User[] = [];
  for (const roles of PERSONA_ROLES) {
    const user = snapshot.users.find((u) => roles.some((r) => u.roles.includes(r)) && !chosen.includes(u) && (roles[0] !== 'User' || u.roles.every((r) => r === 'User')));
    if (user) chosen.push(user);
  }
  return chosen;
}
