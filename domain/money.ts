import { USD_RATES } from './catalogue/currencies';

/** An amount in a currency's minor units (cents, öre, grosze): integers, so sums never drift. */
export interface Money {
  minor: number;
  currency: string;
}

const MINOR_DIGITS_CACHE = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = MINOR_DIGITS_CACHE.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    MINOR_DIGITS_CACHE.set(currency, digits);
  }
  return digits;
}

/** A decimal amount as written in a snapshot (12.5) to minor units (1250), rounded half away from zero. */
export function fromDecimal(amount: number, currency: string): Money {
  const factor = 10 ** minorDigits(currency);
  const scaled = Number((Math.abs(amount) * factor).toFixed(6));
  return { minor: Math.sign(amount) * Math.round(scaled), currency };
}

export function toDecimal(money: Money): number {
  return money.minor / 10 ** minorDigits(money.currency);
}

export function money(minor: number, currency: string): Money {
  return { minor: Math.round(minor), currency };
}

/** A catalogue price (US cents) in `currency`, or undefined when no rate is known. */
export function fromUsdCents(usdCents: number, currency: string): Money | undefined {
  const rate = USD_RATES[currency.toUpperCase()];
  if (rate === undefined) return undefined;
  const minor = (usdCents / 100) * rate * 10 ** minorDigits(currency);
  return { minor: Math.round(minor), currency };
}
