// Service plans that one user cannot have switched on together: Graph refuses such an assignment
// (assignLicense answers 400, group licensing records MutuallyExclusiveViolation; see "Resolve group
// license assignment problems", https://learn.microsoft.com/en-us/entra/identity/users/licensing-groups-resolve-problems:
// "Exchange Online Plan 1 and Exchange Online Plan 2 … are mutually exclusive"). One mailbox plan and one
// SharePoint plan per user, whichever SKU carries it. A disabled plan does not count.

export const EXCLUSIVE_PLAN_FAMILIES: readonly (readonly string[])[] = [
  ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_ENTERPRISE', 'EXCHANGE_S_DESKLESS', 'EXCHANGE_S_ESSENTIALS'],
  ['SHAREPOINTSTANDARD', 'SHAREPOINTENTERPRISE', 'SHAREPOINTDESKLESS'],
];

const familyOf = (servicePlanName: string) => EXCLUSIVE_PLAN_FAMILIES.findIndex((family) => family.includes(servicePlanName.toUpperCase()));

/** Whether two sets of switched-on plans (by name) hold different plans of one exclusive family. */
export function plansConflict(a: readonly string[], b: readonly string[]): boolean {
  const families = new Map<number, Set<string>>();
  for (const name of [...a, ...b]) {
    const family = familyOf(name);
    if (family < 0) continue;
    families.set(family, (families.get(family) ?? new Set()).add(name.toUpperCase()));
  }
  return [...families.values()].some((names) => names.size > 1);
}
