import type { TransitionType } from './resources';

// Partner Center's reasons a transition cannot be made (TransitionErrorCode 0–13 of the Partner Center
// SDK, https://learn.microsoft.com/en-us/dotnet/api/microsoft.store.partnercenter.models.subscriptions.transitionerrorcode),
// each with a stable name whose explanation is in locales/<lng>/partner.json under refusals.<NAME>.

export const REFUSAL_NAMES = [
  'OTHER',
  'DELEGATED_ADMIN_PERMISSIONS_DISABLED',
  'SUBSCRIPTION_NOT_ACTIVE',
  'CONFLICTING_SERVICES',
  'CONCURRENCY_CONFLICTS',
  'USER_CONTEXT_REQUIRED',
  'ADD_ONS_PRESENT',
  'NO_TRANSITION_PATHS',
  'TARGET_OFFER_NOT_FOUND',
  'NOT_PROVISIONED',
  'BILLING_CYCLE_NOT_SUPPORTED',
  'CONVERSIONS_NOT_FOUND',
  'USER_LICENCE_ERROR',
  'INSUFFICIENT_GDAP_ROLES',
] as const;
export type RefusalName = (typeof REFUSAL_NAMES)[number];

export interface Refusal {
  code: number;
  name: RefusalName;
  /** Partner Center's own English text, kept for the log and --json; people read the localized reason. */
  description: string;
  /** For INSUFFICIENT_GDAP_ROLES: the GDAP roles that allow this transition (transition-a-new-commerce-subscription). */
  roles?: string[];
}

/** The GDAP roles a transition needs: Directory Writers to move licences, a reader role otherwise. */
export function gdapRolesFor(type: TransitionType): string[] {
  return type === 'transition_with_license_transfer' ? ['Directory Writers'] : ['Directory Readers', 'Global Reader'];
}

export function refusalOf(code: number, description: string, type?: TransitionType): Refusal {
  const name: RefusalName = Number.isInteger(code) && code >= 0 && code < REFUSAL_NAMES.length ? REFUSAL_NAMES[code]! : 'OTHER';
  return { code, name, description, ...(name === 'INSUFFICIENT_GDAP_ROLES' && type ? { roles: gdapRolesFor(type) } : {}) };
}
