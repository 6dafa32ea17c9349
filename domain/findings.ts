import type { Money } from './money';
import type { DataService, HealthStatus, Role, Segment, Service, SubscriptionStatus } from './vocabulary';

// Every rule outcome, keyed by the stable codes of domain-rules.md. Each code is also the key
// under which locales/ explain it; the extra fields are what the explanation needs.

export type Blocker =
  | { code: 'MORE_USERS_THAN_LICENSES'; assigned: number; purchased: number; excess: number }
  | {
      code: 'SERVICE_NOT_READY';
      notProvisioned: boolean;
      services: Service[];
      /** Each service that is not healthy with its worst status: an advisory is told as an advisory, not as an incident. */
      health?: { service: Service; status: Exclude<HealthStatus, 'healthy'> }[];
    }
  | {
      code: 'CHANGE_OR_CREDIT_CHECK_PENDING';
      changeInProgress: boolean;
      creditCheckPending: boolean;
      /** The subscriptions that are changing or waiting for a credit check; it holds back every change of the tenant. */
      subscriptionIds?: string[];
      /** Whether the subscription asked about is itself one of them (else it is another one of the tenant). */
      onThisSubscription?: boolean;
      /** Credit checks take up to two business days (current plans) or two weeks (the older wizard). */
      maxWait: { amount: number; unit: 'business-days' | 'weeks' };
    }
  | { code: 'SUBSCRIPTION_NOT_ELIGIBLE'; status: SubscriptionStatus; markedIneligible: boolean }
  | { code: 'MULTIPLE_PLANS_SAME_PRODUCT'; subscriptionIds: string[] }
  | { code: 'GOVERNMENT_OR_NONPROFIT'; segment: Segment }
  | { code: 'TARGET_NOT_SUPPORTED'; reason: 'fewer-services' | 'not-offered'; services: DataService[] }
  | { code: 'ADD_ON_BLOCKS'; addOns: string[] }
  | { code: 'UNPAID_INVOICE_BALANCE'; balance: Money }
  | { code: 'ADMIN_ROLE_REQUIRED'; reason: 'not-in-tenant' | 'role'; allowedRoles: Role[] }
  | { code: 'WIZARD_TOO_MANY_USERS'; users: number; limit: number }
  | { code: 'SMALL_BUSINESS_LEGACY_25'; users: number; limit: number }
  | { code: 'PREPAID_NOT_SUPPORTED' }
  | { code: 'TRIAL_MUST_BUY_FIRST' }
  | { code: 'WIZARD_PAIR_NOT_ELIGIBLE'; eligibleTargets: string[] }
  | { code: 'NOT_ENOUGH_LICENSES'; needed: number; available: number; toBuy: number; subscriptionId: string }
  | { code: 'SUBSCRIPTION_OTHER_ORGANISATION'; subscriptionId: string }
  | { code: 'SUBSCRIPTION_NOT_ACTIVE'; subscriptionId: string; status: SubscriptionStatus }
  | { code: 'USERS_NOT_ON_SUBSCRIPTION'; userIds: string[]; subscriptionId: string };

export type Notice =
  | { code: 'BACKUP_REQUIRED'; services: DataService[]; usersLosingLicence?: number }
  | { code: 'NO_BACKUP_NEEDED' }
  | { code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET'; count: number; userIds: string[] }
  | { code: 'CROSS_FAMILY_NO_RETURN'; fromFamily: string; toFamily: string }
  | { code: 'OFFICE_REACTIVATION' }
  | { code: 'PREPAID_VALUE_LOST'; amount: Money; remaining: Money; newCost: Money }
  | { code: 'PRORATED_CREDIT'; amount: Money; invoiceWithinDays: number }
  | { code: 'MCA_CANCEL_WINDOW_CLOSED'; periodStart: string; closedOn: string; paidUntil?: string }
  | { code: 'MCA_ASSIGN_LICENSES'; licenseCount: number; users: number }
  | { code: 'PRICE_UNKNOWN'; currency: string };

export type BlockerCode = Blocker['code'];
export type NoticeCode = Notice['code'];

/** Bad input: a request the rules cannot answer. Changes nothing. */
export type InputError =
  | { code: 'UNKNOWN_SUBSCRIPTION'; subscriptionId: string }
  | { code: 'UNKNOWN_PLAN'; planId: string }
  | { code: 'UNKNOWN_USER'; userId: string }
  | { code: 'SAME_PLAN'; planId: string }
  | { code: 'SAME_SUBSCRIPTION'; subscriptionId: string }
  | { code: 'NO_USERS_CHOSEN' }
  | { code: 'INVALID_LICENSE_COUNT'; licenseCount: number; max?: number }
  | { code: 'LICENSE_COUNT_NEEDS_MCA'; licenseCount: number }
  | { code: 'SUBSCRIPTION_PLAN_MISMATCH'; subscriptionId: string; subscriptionPlan: string; planId: string };

export const BLOCKER_CODES: readonly BlockerCode[] = [
  'MORE_USERS_THAN_LICENSES',
  'SERVICE_NOT_READY',
  'CHANGE_OR_CREDIT_CHECK_PENDING',
  'SUBSCRIPTION_NOT_ELIGIBLE',
  'MULTIPLE_PLANS_SAME_PRODUCT',
  'GOVERNMENT_OR_NONPROFIT',
  'TARGET_NOT_SUPPORTED',
  'ADD_ON_BLOCKS',
  'UNPAID_INVOICE_BALANCE',
  'ADMIN_ROLE_REQUIRED',
  'WIZARD_TOO_MANY_USERS',
  'SMALL_BUSINESS_LEGACY_25',
  'PREPAID_NOT_SUPPORTED',
  'TRIAL_MUST_BUY_FIRST',
  'WIZARD_PAIR_NOT_ELIGIBLE',
  'NOT_ENOUGH_LICENSES',
  'SUBSCRIPTION_OTHER_ORGANISATION',
  'SUBSCRIPTION_NOT_ACTIVE',
  'USERS_NOT_ON_SUBSCRIPTION',
];

export const NOTICE_CODES: readonly NoticeCode[] = [
  'BACKUP_REQUIRED',
  'NO_BACKUP_NEEDED',
  'CUSTOM_SERVICE_ASSIGNMENTS_RESET',
  'CROSS_FAMILY_NO_RETURN',
  'OFFICE_REACTIVATION',
  'PREPAID_VALUE_LOST',
  'PRORATED_CREDIT',
  'MCA_CANCEL_WINDOW_CLOSED',
  'MCA_ASSIGN_LICENSES',
  'PRICE_UNKNOWN',
];

export const INPUT_ERROR_CODES: readonly InputError['code'][] = [
  'UNKNOWN_SUBSCRIPTION',
  'UNKNOWN_PLAN',
  'UNKNOWN_USER',
  'SAME_PLAN',
  'SAME_SUBSCRIPTION',
  'NO_USERS_CHOSEN',
  'INVALID_LICENSE_COUNT',
  'LICENSE_COUNT_NEEDS_MCA',
  'SUBSCRIPTION_PLAN_MISMATCH',
];

/** Blockers that only a manual change avoids: when one holds, the path is `manual`. */
export const MANUAL_ONLY_BLOCKERS: ReadonlySet<BlockerCode> = new Set<BlockerCode>([
  'SUBSCRIPTION_NOT_ELIGIBLE',
  'GOVERNMENT_OR_NONPROFIT',
  'TARGET_NOT_SUPPORTED',
  'WIZARD_TOO_MANY_USERS',
  'SMALL_BUSINESS_LEGACY_25',
  'PREPAID_NOT_SUPPORTED',
  'WIZARD_PAIR_NOT_ELIGIBLE',
]);
