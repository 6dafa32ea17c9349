import { describe, expect, it } from 'vitest';
import { findPlan } from '../domain/catalogue';
import { changeCredit, currentPeriod, currentTerm, mcaCancelWindow, newSubscriptionCost, prepaidOutcome, proratedCredit } from '../domain/billing';
import { check } from '../domain/eligibility';
import { fromDecimal, fromUsdCents } from '../domain/money';
import { subscription, tenant } from './support/tenant-builder';
import { parseSnapshot } from '../domain/snapshot/parse';
import { planManualChange } from '../domain/manual-change';

const sub = (overrides: Partial<Parameters<typeof subscription>[0]> = {}) =>
  tenant({ subscriptions: [subscription({ id: 'sub-a', planId: 'm365-business-standard', ...overrides })] }).subscriptions[0]!;
const premium = findPlan('m365-business-premium')!;

describe('money', () => {
  it('keeps decimal prices exact in minor units', () => {
    expect(fromDecimal(0.1 + 0.2, 'EUR')).toEqual({ minor: 30, currency: 'EUR' });
    expect(fromDecimal(12.345, 'EUR').minor).toBe(1235);
    expect(fromDecimal(1.005, 'SEK').minor).toBe(101);
    expect(fromUsdCents(2200, 'USD')).toEqual({ minor: 2200, currency: 'USD' });
    expect(fromUsdCents(2200, 'XXX')).toBeUndefined();
  });
});

describe('billing period', () => {
  it('runs monthly from the start date, clamping to short months', () => {
    expect(currentPeriod(sub({ startDate: '2026-01-31' }), '2026-02-28')).toEqual({ start: '2026-02-28', end: '2026-03-31', months: 1 });
    expect(currentPeriod(sub({ startDate: '2026-01-15' }), '2026-11-15')).toEqual({ start: '2026-11-15', end: '2026-12-15', months: 1 });
    expect(currentPeriod(sub({ startDate: '2026-01-15' }), '2026-11-14')).toEqual({ start: '2026-10-15', end: '2026-11-15', months: 1 });
  });

  it('runs annually from the start date', () => {
    expect(currentPeriod(sub({ startDate: '2024-03-01', billingFrequency: 'annual' }), '2026-11-21')).toEqual({ start: '2026-03-01', end: '2027-03-01', months: 12 });
  });
});

describe('prorated credit', () => {
  it('is the unused share of the period, whole on the first day and nothing on the last', () => {
    const s = sub({ startDate: '2026-11-01', purchasedLicenses: 4, pricePerLicensePerMonth: 10 });
    // 2026-11-01 .. 2026-12-01 is 30 days.
    expect(proratedCredit(s, '2026-11-01')).toEqual({ minor: 4000, currency: 'EUR' });
    expect(proratedCredit(s, '2026-11-16')).toEqual({ minor: 2000, currency: 'EUR' });
    expect(proratedCredit(s, '2026-11-30')).toEqual({ minor: 133, currency: 'EUR' });
  });

  it('for an annual term counts twelve months', () => {
    const s = sub({ startDate: '2026-01-01', billingFrequency: 'annual', purchasedLicenses: 1, pricePerLicensePerMonth: 36.5 });
    // 365 days in the term, 41 left on 2026-11-21: 438.00 × 41 / 365 = 49.20.
    expect(proratedCredit(s, '2026-11-21')).toEqual({ minor: 4920, currency: 'EUR' });
  });
});

describe('prepaid value', () => {
  it('is kept when the new total cost equals the remaining value exactly', () => {
    // Premium list 22.00 USD → 20.24 EUR; 10 licences, monthly: 202.40.
    const s = sub({ purchasedLicenses: 10, prepaidRemainingValue: 202.4, paymentMethod: 'prepaid-product-key' });
    expect(newSubscriptionCost(s, premium)).toEqual({ minor: 20240, currency: 'EUR' });
    expect(prepaidOutcome(s, premium)!.lost).toEqual({ minor: 0, currency: 'EUR' });
  });

  it('loses the difference when the new total cost is lower, and one cent is not rounded away', () => {
    const s = sub({ purchasedLicenses: 10, prepaidRemainingValue: 202.41 });
    expect(prepaidOutcome(s, premium)!.lost).toEqual({ minor: 1, currency: 'EUR' });
    const big = sub({ purchasedLicenses: 10, prepaidRemainingValue: 1000 });
    expect(prepaidOutcome(big, premium)).toEqual({
      remaining: { minor: 100000, currency: 'EUR' },
      newCost: { minor: 20240, currency: 'EUR' },
      lost: { minor: 79760, currency: 'EUR' },
    });
  });

  it('shows up in a check as PREPAID_VALUE_LOST with the amount', () => {
    const snapshot = tenant({ subscriptions: [subscription({ id: 'sub-a', planId: 'm365-business-standard', purchasedLicenses: 10, prepaidRemainingValue: 1000 })] });
    const result = check(snapshot, { subscriptionId: 'sub-a', toPlan: 'm365-business-premium', today: '2026-11-21' });
    expect(result.ok && result.value.notices).toContainEqual(expect.objectContaining({ code: 'PREPAID_VALUE_LOST', amount: { minor: 79760, currency: 'EUR' } }));
    const none = tenant({ subscriptions: [subscription({ id: 'sub-a', planId: 'm365-business-standard', prepaidRemainingValue: 0 })] });
    const clean = check(none, { subscriptionId: 'sub-a', toPlan: 'm365-business-premium', today: '2026-11-21' });
    expect(clean.ok && clean.value.notices.map((n) => n.code)).not.toContain('PREPAID_VALUE_LOST');
  });
});

describe('one calculation for the credit and the prepaid loss', () => {
  it('credit + lost = the remaining prepaid value; without prepaid value the credit is the prorated rest', () => {
    const prepaid = sub({ purchasedLicenses: 10, prepaidRemainingValue: 1000 });
    const basic = findPlan('m365-business-basic')!;
    const result = changeCredit(prepaid, basic, '2026-11-21');
    expect(result.unused).toEqual({ minor: 100000, currency: 'EUR' });
    expect(result.credit.minor + result.lost.minor).toBe(100000);
    expect(result.credit).toEqual(result.newCost);
    const plain = sub({ purchasedLicenses: 10 });
    expect(changeCredit(plain, premium, '2026-11-21')).toMatchObject({ unused: proratedCredit(plain, '2026-11-21'), lost: { minor: 0 }, credit: proratedCredit(plain, '2026-11-21') });
  });
});

describe('MCA seven-day cancellation window', () => {
  const annual = (startDate: string) => sub({ startDate, renewalDate: `${Number(startDate.slice(0, 4)) + 2}${startDate.slice(4)}`, billingFrequency: 'annual' });

  it('is open on the start day and exactly seven days after, closed on the eighth', () => {
    expect(mcaCancelWindow(annual('2026-11-14'), '2026-11-14').open).toBe(true);
    expect(mcaCancelWindow(annual('2026-11-14'), '2026-11-21')).toEqual({ periodStart: '2026-11-14', lastDay: '2026-11-21', open: true, paidUntil: '2027-11-14' });
    expect(mcaCancelWindow(annual('2026-11-13'), '2026-11-21')).toEqual({ periodStart: '2026-11-13', lastDay: '2026-11-20', open: false, paidUntil: '2027-11-13' });
  });

  it('counts from the start or last renewal of the term, which the renewal date tells for monthly billing', () => {
    // Billed monthly, renewed yearly: the window is the term's, not each monthly bill's.
    const yearly = sub({ startDate: '2025-10-19', renewalDate: '2026-10-19', billingFrequency: 'monthly' });
    expect(currentTerm(yearly, '2026-11-21')).toEqual({ start: '2026-10-19', end: '2027-10-19' });
    expect(mcaCancelWindow(yearly, '2026-11-21')).toEqual({ periodStart: '2026-10-19', lastDay: '2026-10-26', open: false, paidUntil: '2027-10-19' });
    const monthly = sub({ startDate: '2026-06-19', renewalDate: '2026-12-19', billingFrequency: 'monthly' });
    expect(mcaCancelWindow(monthly, '2026-11-21')).toEqual({ periodStart: '2026-11-19', lastDay: '2026-11-26', open: true, paidUntil: '2026-12-19' });
  });

  it('counts back from the renewal date when it is not on the start\'s anniversary', () => {
    const cotermed = sub({ startDate: '2025-06-10', renewalDate: '2027-01-01', billingFrequency: 'annual' });
    expect(currentTerm(cotermed, '2026-11-21')).toEqual({ start: '2026-01-01', end: '2027-01-01' });
    expect(currentTerm(cotermed, '2025-09-01')).toEqual({ start: '2025-06-10', end: '2026-01-01' });
  });

  it('is not closed before the subscription starts', () => {
    const later = sub({ startDate: '2026-12-01', renewalDate: '2027-12-01', billingFrequency: 'annual' });
    expect(currentTerm(later, '2026-11-21')).toBeUndefined();
    expect(mcaCancelWindow(later, '2026-11-21')).toMatchObject({ open: true, periodStart: '2026-12-01' });
  });

  it('opens again after a renewal', () => {
    expect(mcaCancelWindow(annual('2025-11-18'), '2026-11-21')).toEqual({ periodStart: '2026-11-18', lastDay: '2026-11-25', open: true, paidUntil: '2027-11-18' });
  });

  it('appears as MCA_CANCEL_WINDOW_CLOSED at the cancel step of a manual change, and not inside the window', () => {
    const mca = (startDate: string) => {
      const parsed = parseSnapshot({
        tenant: { id: 't', name: 'T', domains: ['t.com'], billingAccountType: 'MCA' },
        subscriptions: [subscription({ id: 'sub-a', planId: 'm365-business-standard', startDate, billingFrequency: 'annual' })],
        users: [],
      });
      if (!parsed.ok) throw new Error('bad test tenant');
      return planManualChange(parsed.value, { fromSubscriptionId: 'sub-a', toPlan: 'm365-apps-business', today: '2026-11-21' });
    };
    const closed = mca('2026-01-15');
    expect(closed.ok && closed.value.steps[3]!.notices).toEqual([{ code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: '2026-01-15', closedOn: '2026-01-22', paidUntil: '2027-01-15' }]);
    const open = mca('2026-11-16');
    expect(open.ok && open.value.steps[3]!.notices).toEqual([]);
  });
});
