import type { Service } from '../../domain/vocabulary';

// Which contract service a licence's service plan belongs to, by the start of its servicePlanName.
// Data, in order: the first matching prefix wins, and `null` means "none of the contract's services".
// A service counts as disabled for a user when any of its service plans is in the licence's disabledPlans.

export const SERVICE_PLAN_PREFIXES: readonly { prefix: string; service: Service | null }[] = [
  // Office for the web (Word, Excel, PowerPoint in the browser): not OneDrive, not the desktop apps.
  { prefix: 'SHAREPOINTWAC', service: null },
  { prefix: 'SHAREPOINT', service: 'sharepoint' },
  { prefix: 'ONEDRIVE', service: 'onedrive' },
  { prefix: 'EXCHANGE_', service: 'exchange' },
  { prefix: 'TEAMS', service: 'teams' },
  { prefix: 'YAMMER', service: 'yammer' },
  // Skype for Business Online and its add-ons (MCOSTANDARD, MCOEV, MCOMEETADV, …).
  { prefix: 'MCO', service: 'lync' },
  { prefix: 'OFFICESUBSCRIPTION', service: 'office-apps' },
];

export function serviceOfPlan(servicePlanName: string): Service | undefined {
  const name = servicePlanName.toUpperCase();
  const row = SERVICE_PLAN_PREFIXES.find((r) => name.startsWith(r.prefix));
  return row?.service ?? undefined;
}
