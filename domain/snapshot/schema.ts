import { z } from 'zod';
import { isValidIsoDate } from '../dates';
import {
  BILLING_ACCOUNT_TYPES,
  BILLING_FREQUENCIES,
  HEALTH_STATUSES,
  PAYMENT_METHODS,
  ROLES,
  SEGMENTS,
  SERVICES,
  SUBSCRIPTION_STATUSES,
} from '../vocabulary';
import { PLAN_IDS } from '../catalogue';

// The tenant snapshot exactly as contract.md describes it: strict objects, so an unknown
// field is an error with its path, and the contract's defaults applied.
const isoDate = z.string().refine(isValidIsoDate, { message: 'a date as YYYY-MM-DD' });
const id = z.string().min(1).max(200);
const amount = z.number().finite().nonnegative();

const addOnSchema = z.strictObject({
  name: z.string().min(1).max(200),
  blocksChange: z.boolean(),
});

const subscriptionSchema = z.strictObject({
  id,
  planId: z.enum(PLAN_IDS as [string, ...string[]]),
  status: z.enum(SUBSCRIPTION_STATUSES),
  purchasedLicenses: z.number().int().nonnegative(),
  startDate: isoDate,
  renewalDate: isoDate,
  billingFrequency: z.enum(BILLING_FREQUENCIES),
  paymentMethod: z.enum(PAYMENT_METHODS),
  pricePerLicensePerMonth: amount,
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'a three-letter ISO 4217 code' }),
  unpaidBalance: amount.default(0),
  prepaidRemainingValue: amount.default(0),
  segment: z.enum(SEGMENTS).default('commercial'),
  provisioned: z.boolean().default(true),
  eligibleForChange: z.boolean().default(true),
  changeInProgress: z.boolean().default(false),
  creditCheckPending: z.boolean().default(false),
  beforeServiceUpgrade: z.boolean().default(false),
  addOns: z.array(addOnSchema).default([]),
});

const licenseSchema = z.strictObject({
  subscriptionId: id,
  disabledServices: z.array(z.enum(SERVICES)).default([]),
  /** Optional (a tenant read through Graph): false when the licence comes only from groups. Absent: assigned directly. */
  direct: z.boolean().optional(),
  /** Optional: the groups the licence also comes from (group-based licensing), by group id. */
  groupIds: z.array(id).optional(),
});

const userSchema = z.strictObject({
  id,
  upn: z.string().min(3).max(320).regex(/^[^@\s]+@[^@\s]+$/, { message: 'a user principal name like anna@contoso.com' }),
  displayName: z.string().max(256),
  roles: z.array(z.enum(ROLES)).default(['User']),
  licenses: z.array(licenseSchema),
  /** Optional (a tenant read through Graph): the user's usage location, a two-letter country; null when none is set. Absent: not known. */
  usageLocation: z.string().regex(/^[A-Z]{2}$/, { message: 'a two-letter country code like SE' }).nullable().optional(),
});

const serviceHealthSchema = z.strictObject({
  service: z.enum(SERVICES),
  status: z.enum(HEALTH_STATUSES),
});

export const tenantSnapshotSchema = z.strictObject({
  tenant: z.strictObject({
    id,
    name: z.string().min(1).max(256),
    domains: z.array(z.string().min(1).max(253)).min(1),
    billingAccountType: z.enum(BILLING_ACCOUNT_TYPES),
    /** Optional (a tenant read through Graph): the organisation's country, two letters, offered as a missing usage location. */
    country: z.string().regex(/^[A-Z]{2}$/, { message: 'a two-letter country code like SE' }).optional(),
  }),
  subscriptions: z.array(subscriptionSchema),
  users: z.array(userSchema),
  serviceHealth: z.array(serviceHealthSchema).default([]),
  /** Optional (a tenant read through Graph): the groups that carry licences, for their names. */
  groups: z.array(z.strictObject({ id, displayName: z.string().max(256) })).optional(),
});

export type TenantSnapshot = z.output<typeof tenantSnapshotSchema>;
export type TenantSnapshotInput = z.input<typeof tenantSnapshotSchema>;
export type Subscription = TenantSnapshot['subscriptions'][number];
export type User = TenantSnapshot['users'][number];
export type License = User['licenses'][number];
export type AddOn = Subscription['addOns'][number];
