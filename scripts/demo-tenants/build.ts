import type { TenantSnapshotInput } from '../../domain/snapshot/schema';
import type { Role, Service } from '../../domain/vocabulary';

// Helpers shared by the demo-tenant builders: a seeded random source, UPN slugs, and
// record builders that write fields in the contract's order so the files read like the spec.

export type SubscriptionInput = TenantSnapshotInput['subscriptions'][number];
export type UserInput = TenantSnapshotInput['users'][number];
export type LicenseInput = UserInput['licenses'][number];

/** mulberry32: a tiny deterministic generator, so the same seed always writes the same file. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const SPECIAL_LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', ł: 'l', ß: 'ss', đ: 'd' };

/** "Małgorzata Żółć" → "malgorzata.zolc": ASCII for the user principal name. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæłßđ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export interface PersonSpec {
  id: string;
  name: string;
  roles?: Role[];
  licenses?: (string | { subscriptionId: string; disabledServices: Service[] })[];
  /** The part before @; defaults to the first name. */
  alias?: string;
}

export function person(domain: string, spec: PersonSpec): UserInput {
  const alias = spec.alias ?? slug(spec.name.split(' ')[0] ?? spec.name);
  return {
    id: spec.id,
    upn: `${alias}@${domain}`,
    displayName: spec.name,
    roles: spec.roles ?? ['User'],
    licenses: (spec.licenses ?? []).map(license),
  };
}

export function license(spec: string | { subscriptionId: string; disabledServices: Service[] }): LicenseInput {
  if (typeof spec === 'string') return { subscriptionId: spec };
  return spec.disabledServices.length > 0 ? { subscriptionId: spec.subscriptionId, disabledServices: spec.disabledServices } : { subscriptionId: spec.subscriptionId };
}

type Required = Pick<
  SubscriptionInput,
  'id' | 'planId' | 'purchasedLicenses' | 'startDate' | 'renewalDate' | 'billingFrequency' | 'paymentMethod' | 'pricePerLicensePerMonth' | 'currency'
>;

/** A subscription with every field written out, the contract's defaults unless overridden. */
export function subscription(fields: Required & Partial<SubscriptionInput>): SubscriptionInput {
  return {
    id: fields.id,
    planId: fields.planId,
    status: fields.status ?? 'active',
    purchasedLicenses: fields.purchasedLicenses,
    startDate: fields.startDate,
    renewalDate: fields.renewalDate,
    billingFrequency: fields.billingFrequency,
    paymentMethod: fields.paymentMethod,
    pricePerLicensePerMonth: fields.pricePerLicensePerMonth,
    currency: fields.currency,
    unpaidBalance: fields.unpaidBalance ?? 0,
    prepaidRemainingValue: fields.prepaidRemainingValue ?? 0,
    segment: fields.segment ?? 'commercial',
    provisioned: fields.provisioned ?? true,
    eligibleForChange: fields.eligibleForChange ?? true,
    changeInProgress: fields.changeInProgress ?? false,
    creditCheckPending: fields.creditCheckPending ?? false,
    beforeServiceUpgrade: fields.beforeServiceUpgrade ?? false,
    addOns: fields.addOns ?? [],
  };
}

/** Generated staff: `count` people with names drawn from the lists, UPNs made unique with a number. */
export function staff(
  random: () => number,
  options: {
    count: number;
    idPrefix: string;
    firstNames: readonly string[];
    lastNames: readonly string[];
    taken: Set<string>;
    /** Adapts the family name to the given name, e.g. Polish Kowalski → Kowalska for women. */
    familyName?: (first: string, last: string) => string;
  },
): { id: string; name: string; alias: string }[] {
  const out: { id: string; name: string; alias: string }[] = [];
  for (let n = 1; n <= options.count; n++) {
    const first = pick(random, options.firstNames);
    const last = pick(random, options.lastNames);
    const name = `${first} ${options.familyName ? options.familyName(first, last) : last}`;
    const base = slug(name);
    let alias = base;
    for (let suffix = 2; options.taken.has(alias); suffix++) alias = `${base}${suffix}`;
    options.taken.add(alias);
    out.push({ id: `${options.idPrefix}${String(n).padStart(options.count >= 1000 ? 5 : 3, '0')}`, name, alias });
  }
  return out;
}

export const ALL_HEALTHY: TenantSnapshotInput['serviceHealth'] = [
  { service: 'exchange', status: 'healthy' },
  { service: 'sharepoint', status: 'healthy' },
  { service: 'onedrive', status: 'healthy' },
  { service: 'teams', status: 'healthy' },
];
