// Partner Center's resources as this project uses them, read from the wire case-insensitively: the
// documentation's own examples mix `Events` and `events`, `FromCatalogItemId` and `fromCatalogItemId`.
// Shapes: test/support/partner-center-server/SHAPES.md.

export type TransitionType = 'transition_only' | 'transition_with_license_transfer';
export const TRANSITION_TYPES: readonly TransitionType[] = ['transition_only', 'transition_with_license_transfer'];

export interface PartnerCustomer {
  id: string;
  name: string;
  domain: string;
}

export interface PartnerSubscription {
  id: string;
  /** The new-commerce catalogue item, PRODUCT:SKU:AVAILABILITY. */
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  status: string;
  billingCycle: string;
  termDuration: string;
  effectiveStartDate?: string;
  commitmentEndDate?: string;
  isTrial: boolean;
  promotionId?: string;
}

export interface TransitionRefusal {
  code: number;
  description: string;
}

export interface TransitionEligibility {
  catalogItemId: string;
  title: string;
  quantity: number;
  types: { type: TransitionType; eligible: boolean; errors: TransitionRefusal[] }[];
  /** Existing subscriptions of the customer that this transition may go into. */
  targetSubscriptions: { id: string; name: string; eligible: boolean; errors: TransitionRefusal[] }[];
}

export type TransitionEventName = 'Conversion' | 'SeatReassignment';
export type TransitionEventStatus = 'InProgress' | 'Completed' | 'Failed';

export interface TransitionEvent {
  name: string;
  status: string;
  timestamp?: string;
  errors: TransitionRefusal[];
}

export interface PartnerTransition {
  operationId: string;
  fromCatalogItemId?: string;
  toCatalogItemId: string;
  toSubscriptionId?: string;
  quantity: number;
  transitionType: string;
  events: TransitionEvent[];
}

type Json = Record<string, unknown>;

/** A field whatever its casing. */
export function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const lower = name.toLowerCase();
  for (const [key, v] of Object.entries(value as Json)) if (key.toLowerCase() === lower) return v;
  return undefined;
}

const str = (value: unknown, name: string): string => {
  const v = field(value, name);
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
};
const num = (value: unknown, name: string): number => {
  const v = field(value, name);
  return typeof v === 'number' ? v : Number(v ?? NaN);
};
const list = (value: unknown, name: string): unknown[] => {
  const v = field(value, name);
  return Array.isArray(v) ? v : [];
};
const optional = (key: string, value: string) => (value ? { [key]: value } : {});

export function readCustomer(raw: unknown): PartnerCustomer {
  const profile = field(raw, 'companyProfile');
  return { id: str(raw, 'id'), name: str(profile, 'companyName'), domain: str(profile, 'domain') };
}

export function readSubscription(raw: unknown): PartnerSubscription {
  return {
    id: str(raw, 'id'),
    offerId: str(raw, 'offerId'),
    offerName: str(raw, 'offerName'),
    friendlyName: str(raw, 'friendlyName') || str(raw, 'offerName'),
    quantity: num(raw, 'quantity'),
    status: str(raw, 'status').toLowerCase(),
    billingCycle: str(raw, 'billingCycle').toLowerCase(),
    termDuration: str(raw, 'termDuration'),
    ...optional('effectiveStartDate', str(raw, 'effectiveStartDate')),
    ...optional('commitmentEndDate', str(raw, 'commitmentEndDate')),
    isTrial: field(raw, 'isTrial') === true,
    ...optional('promotionId', str(raw, 'promotionId')),
  };
}

const readRefusal = (raw: unknown): TransitionRefusal => ({ code: num(raw, 'code'), description: str(raw, 'description') });

export function readEligibility(raw: unknown): TransitionEligibility {
  return {
    catalogItemId: str(raw, 'catalogItemId'),
    title: str(raw, 'title'),
    quantity: num(raw, 'quantity'),
    types: list(raw, 'eligibilities')
      .map((e) => ({ type: str(e, 'transitionType') as TransitionType, eligible: field(e, 'isEligible') === true, errors: list(e, 'errors').map(readRefusal) }))
      .filter((e) => (TRANSITION_TYPES as readonly string[]).includes(e.type)),
    targetSubscriptions: list(raw, 'subscriptionEligibilities').map((s) => ({
      id: str(s, 'subscriptionId'),
      name: str(s, 'subscriptionFriendlyName'),
      eligible: field(s, 'isEligible') === true,
      errors: list(s, 'errors').map(readRefusal),
    })),
  };
}

export function readTransition(raw: unknown): PartnerTransition {
  return {
    operationId: str(raw, 'operationId'),
    ...optional('fromCatalogItemId', str(raw, 'fromCatalogItemId')),
    toCatalogItemId: str(raw, 'toCatalogItemId'),
    ...optional('toSubscriptionId', str(raw, 'toSubscriptionId')),
    quantity: num(raw, 'quantity'),
    transitionType: str(raw, 'transitionType'),
    events: list(raw, 'events').map((e) => ({ name: str(e, 'name'), status: str(e, 'status'), ...optional('timestamp', str(e, 'timestamp')), errors: list(e, 'errors').map(readRefusal) })),
  };
}
