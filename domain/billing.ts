import type { Plan } from './catalogue';
import { addDays, addMonths, daysBetween } from './dates';
import { fromDecimal, fromUsdCents, money, type Money } from './money';
import type { Subscription } from './snapshot/schema';

// What a change costs and returns (domain-rules.md section 5), from the snapshot's prices and dates.

export const CREDIT_INVOICE_WITHIN_DAYS = 30;
export const MCA_CANCEL_WINDOW_DAYS = 7;

export interface BillingPeriod {
  start: string;
  end: string;
  months: number;
}

/** The billing period that contains `today`: monthly periods and annual terms both run from the start date. */
export function currentPeriod(subscription: Subscription, today: string): BillingPeriod {
  const months = subscription.billingFrequency === 'annual' ? 12 : 1;
  const start = subscription.startDate;
  if (today < start) return { start, end: addMonths(start, months), months };
  let k = Math.max(0, Math.floor(monthsBetween(start, today) / months) - 1);
  while (addMonths(start, (k + 1) * months) <= today) k += 1;
  return { start: addMonths(start, k * months), end: addMonths(start, (k + 1) * months), months };
}

function monthsBetween(fromIso: string, toIso: string): number {
  const years = Number(toIso.slice(0, 4)) - Number(fromIso.slice(0, 4));
  return years * 12 + Number(toIso.slice(5, 7)) - Number(fromIso.slice(5, 7));
}

/** The subscription's own cost for one billing period. */
export function periodCost(subscription: Subscription): Money {
  const price = fromDecimal(subscription.pricePerLicensePerMonth, subscription.currency);
  const months = subscription.billingFrequency === 'annual' ? 12 : 1;
  return money(price.minor * subscription.purchasedLicenses * months, subscription.currency);
}

/** Credit for the unused rest of the current period, prorated by days; it appears on an invoice within 30 days. */
export function proratedCredit(subscription: Subscription, today: string): Money {
  const period = currentPeriod(subscription, today);
  const total = daysBetween(period.start, period.end);
  const unused = Math.min(total, Math.max(0, daysBetween(today, period.end)));
  const cost = periodCost(subscription);
  return money((cost.minor * unused) / total, subscription.currency);
}

/** The target plan's cost for the same licences and term, in the subscription's currency (undefined: no rate). */
export function newSubscriptionCost(subscription: Subscription, target: Plan, licences = subscription.purchasedLicenses): Money | undefined {
  const price = fromUsdCents(target.listPriceUsdCents, subscription.currency);
  if (!price) return undefined;
  const months = subscription.billingFrequency === 'annual' ? 12 : 1;
  return money(price.minor * licences * months, subscription.currency);
}

export interface PrepaidOutcome {
  remaining: Money;
  newCost: Money;
  lost: Money;
}

/**
 * Prepaid time is kept when the new subscription's total cost is at least the remaining prepaid value;
 * otherwise the difference is lost. Undefined when nothing is prepaid or the price is unknown.
 */
export function prepaidOutcome(subscription: Subscription, target: Plan, licences?: number): PrepaidOutcome | undefined {
  if (subscription.prepaidRemainingValue <= 0) return undefined;
  const newCost = newSubscriptionCost(subscription, target, licences);
  if (!newCost) return undefined;
  const remaining = fromDecimal(subscription.prepaidRemainingValue, subscription.currency);
  return { remaining, newCost, lost: money(Math.max(0, remaining.minor - newCost.minor), subscription.currency) };
}

/**
 * How long one term runs, in months: a year when billed yearly, and also when billed monthly but renewed
 * yearly (the renewal date a whole number of years after the start); else a month.
 */
export function termMonths(subscription: Subscription): number {
  if (subscription.billingFrequency === 'annual') return 12;
  const months = monthsBetween(subscription.startDate, subscription.renewalDate);
  return months >= 12 && months % 12 === 0 ? 12 : 1;
}

/**
 * The term that contains `today`, from the start or the latest renewal; undefined before the start date.
 * Terms are counted back from the renewal date (the next renewal), so a subscription whose renewal is not
 * on its start's anniversary (co-termed, or read from Graph) still gets the right last renewal.
 */
export function currentTerm(subscription: Subscription, today: string): { start: string; end: string } | undefined {
  const start = subscription.startDate;
  if (today < start) return undefined;
  const months = termMonths(subscription);
  const anchor = subscription.renewalDate > start ? subscription.renewalDate : start;
  let k = Math.floor(monthsBetween(anchor, today) / months) + 1;
  while (addMonths(anchor, k * months) > today) k -= 1;
  while (addMonths(anchor, (k + 1) * months) <= today) k += 1;
  const termStart = addMonths(anchor, k * months);
  return { start: termStart < start ? start : termStart, end: addMonths(anchor, (k + 1) * months) };
}

export interface McaCancelWindow {
  /** The start or latest renewal the seven days count from (the start date before the subscription starts). */
  periodStart: string;
  /** The last day a cancellation still gives a prorated credit or refund. */
  lastDay: string;
  /** Cancelling now still gives a prorated credit or refund; also true before the subscription starts. */
  open: boolean;
  /** Outside the window the subscription stays paid until the end of its term (its next renewal). */
  paidUntil: string;
}

/** MCA: cancelling gives a prorated credit or refund only within seven days of the start or latest renewal. */
export function mcaCancelWindow(subscription: Subscription, today: string): McaCancelWindow {
  const term = currentTerm(subscription, today);
  if (!term) {
    const start = subscription.startDate;
    return { periodStart: start, lastDay: addDays(start, MCA_CANCEL_WINDOW_DAYS), open: true, paidUntil: addMonths(start, termMonths(subscription)) };
  }
  const lastDay = addDays(term.start, MCA_CANCEL_WINDOW_DAYS);
  return { periodStart: term.start, lastDay, open: today <= lastDay, paidUntil: term.end };
}

export interface ChangeCredit {
  /** The value of the old subscription's unused service: the remaining prepaid value, else the prorated rest of the period. */
  unused: Money;
  /** The new subscription's cost for one term; undefined when no price is known in the currency. */
  newCost?: Money;
  /** Prepaid value lost because the new subscription costs less than what remains (0 unless prepaid). */
  lost: Money;
  /** What the change credits: the unused value less what is lost. */
  credit: Money;
}

/**
 * One calculation for the credit and the prepaid loss of a change, so that the two always agree:
 * credit + lost = unused (the pl article: prepaid time is kept when the new subscription costs at least the
 * remaining prepaid value, otherwise the difference is lost).
 */
export function changeCredit(subscription: Subscription, target: Plan, today: string, licences = subscription.purchasedLicenses): ChangeCredit {
  const currency = subscription.currency;
  const newCost = newSubscriptionCost(subscription, target, licences);
  const prepaid = subscription.prepaidRemainingValue > 0;
  const unused = prepaid ? fromDecimal(subscription.prepaidRemainingValue, currency) : proratedCredit(subscription, today);
  const lost = money(prepaid && newCost ? Math.max(0, unused.minor - newCost.minor) : 0, currency);
  return { unused, ...(newCost ? { newCost } : {}), lost, credit: money(unused.minor - lost.minor, currency) };
}
