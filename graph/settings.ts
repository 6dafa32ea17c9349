import { z } from 'zod';
import { BILLING_ACCOUNT_TYPES, BILLING_FREQUENCIES, PAYMENT_METHODS, SEGMENTS } from '../domain/vocabulary';

// What Microsoft Graph cannot tell about a tenant's subscriptions: billing account type, payment method,
// billing frequency, prices, currency, segment, add-ons, credit checks and balances. They come from a
// small JSON settings file (and command-line flags that override its defaults); anything not given
// takes the default stated here and in `plan-switch help`.

const amount = z.number().finite().nonnegative();

const subscriptionTerms = z.strictObject({
  billingFrequency: z.enum(BILLING_FREQUENCIES).optional(),
  paymentMethod: z.enum(PAYMENT_METHODS).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'a three-letter ISO 4217 code' })
    .optional(),
  segment: z.enum(SEGMENTS).optional(),
  /** Per licence per month, in the currency; default: the catalogue's list price converted at its fixed rate. */
  pricePerLicensePerMonth: amount.optional(),
  unpaidBalance: amount.optional(),
  prepaidRemainingValue: amount.optional(),
  creditCheckPending: z.boolean().optional(),
  eligibleForChange: z.boolean().optional(),
  changeInProgress: z.boolean().optional(),
  beforeServiceUpgrade: z.boolean().optional(),
  addOns: z.array(z.strictObject({ name: z.string().min(1).max(200), blocksChange: z.boolean() })).optional(),
});

export const snapshotSettingsSchema = z.strictObject({
  billingAccountType: z.enum(BILLING_ACCOUNT_TYPES).optional(),
  /** Terms of every subscription unless it has its own below. */
  defaults: subscriptionTerms.optional(),
  /** Per subscription, keyed by plan id (m365-business-standard), skuPartNumber (O365_BUSINESS_PREMIUM) or skuId. */
  subscriptions: z.record(z.string().min(1), subscriptionTerms).optional(),
});

export type SnapshotSettings = z.output<typeof snapshotSettingsSchema>;
export type SubscriptionTerms = z.output<typeof subscriptionTerms>;

/** The defaults a field takes when neither the settings file nor a flag gives it. */
export const SETTINGS_DEFAULTS = {
  billingAccountType: 'MOSA',
  billingFrequency: 'monthly',
  paymentMethod: 'credit-card',
  currency: 'USD',
  segment: 'commercial',
} as const;

/** The settings with command-line values laid over the file's: flags win. */
export function withOverrides(settings: SnapshotSettings, overrides: { billingAccountType?: SnapshotSettings['billingAccountType'] } & SubscriptionTerms): SnapshotSettings {
  const { billingAccountType, ...terms } = overrides;
  const defined = Object.fromEntries(Object.entries(terms).filter(([, value]) => value !== undefined)) as SubscriptionTerms;
  return {
    ...settings,
    ...(billingAccountType === undefined ? {} : { billingAccountType }),
    defaults: { ...settings.defaults, ...defined },
  };
}

/** One subscription's terms: its own entry (by skuId, skuPartNumber or plan id), then the defaults. */
export function termsFor(settings: SnapshotSettings, keys: { skuId: string; skuPartNumber: string; planId: string }): SubscriptionTerms {
  const own = settings.subscriptions ?? {};
  const entry = own[keys.skuId] ?? own[keys.skuPartNumber] ?? own[keys.skuPartNumber.toUpperCase()] ?? own[keys.planId] ?? {};
  return { ...settings.defaults, ...entry };
}
