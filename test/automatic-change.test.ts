import { describe, expect, it } from 'vitest';
import { applyAutomaticChange, newSubscriptionFrom } from '../domain/automatic-change';
import { parseSnapshot } from '../domain/snapshot/parse';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import { contoso, STANDARD_HOLDERS } from './support/switch-fixtures';

const CHANGE = {
  subscriptionId: 'sub-standard',
  toPlan: 'm365-business-premium',
  newSubscriptionId: 'sub-premium',
  completedOn: '2026-03-31',
};

const licenceIds = (snapshot: TenantSnapshot, userId: string) =>
  snapshot.users.find((u) => u.id === userId)!.licenses.map((l) => l.subscriptionId);

describe('applyAutomaticChange', () => {
  const before = contoso();
  const after = applyAutomaticChange(before, CHANGE);
  const premium = after.subscriptions.find((s) => s.id === 'sub-premium')!;
  const old = after.subscriptions.find((s) => s.id === 'sub-standard')!;

  it('gives every user of the old subscription the new licence instead, and nobody else', () => {
    for (const userId of STANDARD_HOLDERS) {
      expect(licenceIds(after, userId)).toContain('sub-premium');
      expect(licenceIds(after, userId)).not.toContain('sub-standard');
    }
    expect(licenceIds(after, 'u-hugo')).toEqual(['sub-apps']);
    expect(licenceIds(after, 'u-ines')).toEqual([]);
    expect(after.users.filter((u) => licenceIds(after, u.id).includes('sub-premium'))).toHaveLength(STANDARD_HOLDERS.length);
  });

  it('resets custom service settings of the moved licence only', () => {
    const anna = after.users.find((u) => u.id === 'u-anna')!;
    expect(anna.licenses).toEqual([{ subscriptionId: 'sub-premium', disabledServices: [] }]);
    const cecilia = after.users.find((u) => u.id === 'u-cecilia')!;
    // the multi-subscription pattern is kept: the Apps licence stays first, with its own settings
    expect(cecilia.licenses).toEqual([
      { subscriptionId: 'sub-apps', disabledServices: ['teams'] },
      { subscriptionId: 'sub-premium', disabledServices: [] },
    ]);
  });

  it('buys the new plan on the old billing terms, starting the day the change completes', () => {
    expect(premium).toMatchObject({
      planId: 'm365-business-premium',
      status: 'active',
      startDate: '2026-03-31',
      renewalDate: '2026-04-30',
      billingFrequency: 'monthly',
      paymentMethod: 'credit-card',
      currency: 'EUR',
      purchasedLicenses: 8,
      changeInProgress: false,
      addOns: [],
      unpaidBalance: 0,
      prepaidRemainingValue: 0,
    });
    // US$22.00 at the catalogue's 0.92 EUR rate
    expect(premium.pricePerLicensePerMonth).toBe(20.24);
    expect(after.subscriptions).toHaveLength(before.subscriptions.length + 1);
  });

  it('stops billing of the old subscription and leaves it otherwise as it was', () => {
    expect(old).toEqual({ ...before.subscriptions[0]!, status: 'deleted' });
  });

  it('adds licences when asked and never removes any', () => {
    expect(applyAutomaticChange(before, { ...CHANGE, addLicenses: 3 }).subscriptions.at(-1)!.purchasedLicenses).toBe(11);
    expect(applyAutomaticChange(before, { ...CHANGE, addLicenses: -5 }).subscriptions.at(-1)!.purchasedLicenses).toBe(8);
    expect(applyAutomaticChange(before, { ...CHANGE, addLicenses: 1.7 }).subscriptions.at(-1)!.purchasedLicenses).toBe(9);
  });

  it('renews an annual subscription a year later, clamping to the month end', () => {
    const annual = contoso({ standard: { billingFrequency: 'annual' } });
    const changed = applyAutomaticChange(annual, { ...CHANGE, completedOn: '2028-02-29' });
    expect(changed.subscriptions.at(-1)).toMatchObject({ startDate: '2028-02-29', renewalDate: '2029-02-28', billingFrequency: 'annual' });
  });

  it('keeps the old price when the currency has no known rate', () => {
    const odd = contoso({ standard: { currency: 'JPY', pricePerLicensePerMonth: 1800 } });
    expect(applyAutomaticChange(odd, CHANGE).subscriptions.at(-1)!.pricePerLicensePerMonth).toBe(1800);
  });

  it('is idempotent, and its result is a valid snapshot', () => {
    expect(applyAutomaticChange(after, CHANGE)).toEqual(after);
    const reparsed = parseSnapshot(JSON.parse(JSON.stringify(after)));
    expect(reparsed.ok && reparsed.value).toEqual(after);
  });

  it('does not change the snapshot it is given', () => {
    const copy = structuredClone(before);
    applyAutomaticChange(before, CHANGE);
    expect(before).toEqual(copy);
  });

  it('changes nothing for an unknown subscription or plan, or a new id equal to the old one', () => {
    expect(applyAutomaticChange(before, { ...CHANGE, subscriptionId: 'sub-nope' })).toBe(before);
    expect(applyAutomaticChange(before, { ...CHANGE, toPlan: 'no-such-plan' })).toBe(before);
    expect(applyAutomaticChange(before, { ...CHANGE, newSubscriptionId: 'sub-standard' })).toBe(before);
  });

  it('newSubscriptionFrom copies the billing fields of the old subscription', () => {
    const made = newSubscriptionFrom(before.subscriptions[2]!, { id: 'sub-e5', planId: 'o365-e5', startDate: '2026-01-31' });
    expect(made).toMatchObject({ id: 'sub-e5', billingFrequency: 'annual', renewalDate: '2027-01-31', purchasedLicenses: 4 });
  });
});
