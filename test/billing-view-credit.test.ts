import { describe, expect, it } from 'vitest';
import { findPlan } from '../domain/catalogue';
import { billingView } from '../dialogs/billing/billing-view';
import { formatDate } from '../i18n/format';
import { translator } from '../i18n/translator';
import { subscription, tenant, users } from './support/tenant-builder';

// The bot's billing card says what `check` says (issue 15, rules 2 and 7): a manual MCA change past the
// seven days promises no credit, and names until when the old subscription stays paid.

const TODAY = '2026-11-21';
const mca = tenant({
  billingAccountType: 'MCA',
  subscriptions: [subscription({ id: 'sub-old', planId: 'm365-business-standard', startDate: '2026-01-15', renewalDate: '2027-01-15', billingFrequency: 'annual' })],
  users: users(3, 'sub-old'),
});
const from = findPlan('m365-business-standard')!;
const to = findPlan('m365-apps-business')!;

describe('the billing card of an MCA change', () => {
  it.each(['en', 'sv', 'nb', 'pl'] as const)('manual, past the seven days, in %s: no credit, and paid until the end of the term', (lng) => {
    const t = translator(lng);
    const card = billingView(t, lng, { snapshot: mca, subscription: mca.subscriptions[0]!, from, to, path: 'manual', today: TODAY });
    const credit = card.facts.find((f) => f.label === t('billing:card.facts.credit'))!;
    expect(credit.value).toBe(t('billing:card.facts.noneLost'));
    expect(card.notes.map((n) => n.text).join(' ')).toContain(t('rules:MCA_CANCEL_WINDOW_CLOSED.instead', { paidUntil: formatDate('2027-01-15', lng) }));
  });

  it('automatic: the credit of the change is shown', () => {
    const t = translator('en');
    const card = billingView(t, 'en', { snapshot: mca, subscription: mca.subscriptions[0]!, from, to: findPlan('m365-business-premium')!, path: 'automatic', today: TODAY });
    const credit = card.facts.find((f) => f.label === t('billing:card.facts.credit'))!;
    expect(credit.value).not.toBe(t('billing:card.facts.noneLost'));
    expect(credit.value).toMatch(/€/);
  });
});
