import { describe, expect, it } from 'vitest';
import { check, type CheckRequest, type CheckResult } from '../domain/eligibility';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import { subscription, tenant, users } from './support/tenant-builder';

const TODAY = '2026-11-21';

function run(snapshot: TenantSnapshot, request: Partial<CheckRequest> = {}): CheckResult {
  const result = check(snapshot, { subscriptionId: 'sub-std', toPlan: 'm365-business-premium', today: TODAY, ...request });
  if (!result.ok) throw new Error(`unexpected input error ${result.error.code}`);
  return result.value;
}

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

const healthy = () =>
  tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' })], users: users(8, 'sub-std') });

describe('a healthy MOSA subscription', () => {
  it('changes automatically with no blockers', () => {
    const result = run(healthy(), { asUpn: 'global@contoso.com' });
    expect(result).toMatchObject({ path: 'automatic', blockers: [], canChangeNow: true, fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium' });
    expect(codes(result.notices)).toContain('NO_BACKUP_NEEDED');
    expect(codes(result.notices)).not.toContain('BACKUP_REQUIRED');
  });
});

describe('blockers of an automatic change, each holding and not holding', () => {
  it('MORE_USERS_THAN_LICENSES when assigned exceed purchased, not when equal', () => {
    const over = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', purchasedLicenses: 10 })], users: users(12, 'sub-std') });
    expect(run(over).blockers).toContainEqual({ code: 'MORE_USERS_THAN_LICENSES', assigned: 12, purchased: 10, excess: 2 });
    expect(run(over).path).toBe('automatic');
    const equal = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', purchasedLicenses: 10 })], users: users(10, 'sub-std') });
    expect(codes(run(equal).blockers)).not.toContain('MORE_USERS_THAN_LICENSES');
  });

  it('SERVICE_NOT_READY for an unprovisioned subscription or an unhealthy service of its plan only', () => {
    const unprovisioned = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', provisioned: false })] });
    expect(run(unprovisioned).blockers).toContainEqual({ code: 'SERVICE_NOT_READY', notProvisioned: true, services: [], health: [] });
    const incident = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' })], serviceHealth: [{ service: 'exchange', status: 'degraded' }, { service: 'teams', status: 'healthy' }] });
    expect(run(incident).blockers).toContainEqual(expect.objectContaining({ code: 'SERVICE_NOT_READY', notProvisioned: false, services: ['exchange'] }));
    const otherService = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'exchange-online-plan-1' })], serviceHealth: [{ service: 'sharepoint', status: 'incident' }] });
    expect(codes(run(otherService, { toPlan: 'exchange-online-plan-2' }).blockers)).not.toContain('SERVICE_NOT_READY');
  });

  it('CHANGE_OR_CREDIT_CHECK_PENDING for a change in progress or a pending credit check anywhere in the tenant', () => {
    const credit = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' }), subscription({ id: 'sub-x', planId: 'exchange-online-plan-1', creditCheckPending: true })] });
    expect(run(credit).blockers).toContainEqual(expect.objectContaining({ code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: false, creditCheckPending: true, maxWait: { amount: 2, unit: 'business-days' } }));
    const changing = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', changeInProgress: true })] });
    expect(run(changing).blockers).toContainEqual(expect.objectContaining({ code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: true }));
    expect(codes(run(healthy()).blockers)).not.toContain('CHANGE_OR_CREDIT_CHECK_PENDING');
  });

  it('SUBSCRIPTION_NOT_ELIGIBLE sends the change down the manual path', () => {
    const ineligible = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', eligibleForChange: false })] });
    const result = run(ineligible);
    expect(result.blockers).toContainEqual({ code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: 'active', markedIneligible: true });
    expect(result.path).toBe('manual');
    expect(result.canChangeNow).toBe(false);
    const suspended = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', status: 'suspended' })] });
    expect(run(suspended).blockers).toContainEqual({ code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: 'suspended', markedIneligible: false });
  });

  it('MULTIPLE_PLANS_SAME_PRODUCT when two live subscriptions share a plan, not when the other is deleted', () => {
    const two = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' }), subscription({ id: 'sub-std-2', planId: 'm365-business-standard' })] });
    expect(run(two).blockers).toContainEqual({ code: 'MULTIPLE_PLANS_SAME_PRODUCT', subscriptionIds: ['sub-std', 'sub-std-2'] });
    const deleted = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' }), subscription({ id: 'sub-std-2', planId: 'm365-business-standard', status: 'deleted' })] });
    expect(codes(run(deleted).blockers)).not.toContain('MULTIPLE_PLANS_SAME_PRODUCT');
  });

  it.each(['government', 'nonprofit'] as const)('GOVERNMENT_OR_NONPROFIT for a %s plan, which changes manually', (segment) => {
    const result = run(tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', segment })] }));
    expect(result.blockers).toContainEqual({ code: 'GOVERNMENT_OR_NONPROFIT', segment });
    expect(result.path).toBe('manual');
  });

  it('TARGET_NOT_SUPPORTED when the target has fewer data-related services, naming them', () => {
    const result = run(healthy(), { toPlan: 'm365-apps-business' });
    expect(result.blockers).toContainEqual({ code: 'TARGET_NOT_SUPPORTED', reason: 'fewer-services', services: ['exchange', 'sharepoint', 'yammer'] });
    expect(result.path).toBe('manual');
    expect(result.notices).toContainEqual({ code: 'BACKUP_REQUIRED', services: ['exchange', 'sharepoint', 'yammer'] });
  });

  it('TARGET_NOT_SUPPORTED when a service drops to a lower version (Exchange Plan 2 to Plan 1)', () => {
    const e3 = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-e3' })] });
    expect(run(e3, { toPlan: 'm365-business-premium' }).blockers).toContainEqual(expect.objectContaining({ code: 'TARGET_NOT_SUPPORTED', services: ['exchange', 'sharepoint'] }));
    expect(codes(run(e3, { toPlan: 'o365-e3' }).blockers)).not.toContain('TARGET_NOT_SUPPORTED');
  });

  it('between two plans of the wizard article (Office 365 E3 → E1) its list decides: WIZARD_PAIR_NOT_ELIGIBLE', () => {
    const e3 = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'o365-e3' })] });
    const result = run(e3, { toPlan: 'o365-e1' });
    expect(result.blockers).toContainEqual({ code: 'WIZARD_PAIR_NOT_ELIGIBLE', eligibleTargets: ['o365-e4'] });
    expect(codes(result.blockers)).not.toContain('TARGET_NOT_SUPPORTED');
    expect(result.notices).toContainEqual({ code: 'BACKUP_REQUIRED', services: ['exchange', 'sharepoint'] });
  });

  it('ADD_ON_BLOCKS only for add-ons that block the change', () => {
    const addOns = [{ name: 'Exchange Online Archiving', blocksChange: true }, { name: 'Audio Conferencing', blocksChange: false }];
    const result = run(tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', addOns })] }));
    expect(result.blockers).toContainEqual({ code: 'ADD_ON_BLOCKS', addOns: ['Exchange Online Archiving'] });
    expect(result.path).toBe('automatic');
    const harmless = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', addOns: [addOns[1]!] })] });
    expect(codes(run(harmless).blockers)).not.toContain('ADD_ON_BLOCKS');
  });

  it('UNPAID_INVOICE_BALANCE only when paid by invoice with a balance', () => {
    const unpaid = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', paymentMethod: 'invoice', unpaidBalance: 310.2, currency: 'SEK' })] });
    expect(run(unpaid).blockers).toContainEqual({ code: 'UNPAID_INVOICE_BALANCE', balance: { minor: 31020, currency: 'SEK' } });
    const card = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', paymentMethod: 'credit-card', unpaidBalance: 310.2 })] });
    expect(codes(run(card).blockers)).not.toContain('UNPAID_INVOICE_BALANCE');
  });

  it('returns every blocker that holds at once, not just the first', () => {
    const many = tenant({
      subscriptions: [
        subscription({ id: 'sub-std', planId: 'm365-business-standard', purchasedLicenses: 5, paymentMethod: 'invoice', unpaidBalance: 10, addOns: [{ name: 'X', blocksChange: true }], creditCheckPending: true }),
        subscription({ id: 'sub-std-2', planId: 'm365-business-standard' }),
      ],
      users: users(6, 'sub-std'),
      serviceHealth: [{ service: 'sharepoint', status: 'incident' }],
    });
    expect(codes(run(many, { asUpn: 'plain@contoso.com' }).blockers).sort()).toEqual(
      ['ADD_ON_BLOCKS', 'ADMIN_ROLE_REQUIRED', 'CHANGE_OR_CREDIT_CHECK_PENDING', 'MORE_USERS_THAN_LICENSES', 'MULTIPLE_PLANS_SAME_PRODUCT', 'SERVICE_NOT_READY', 'UNPAID_INVOICE_BALANCE'].sort(),
    );
  });
});

describe('who may change plans', () => {
  it.each([
    ['global@contoso.com', true],
    ['billing@contoso.com', true],
    ['licence@contoso.com', false],
    ['useradmin@contoso.com', false],
    ['plain@contoso.com', false],
    ['helpdesk@contoso.com', false],
  ])('MOSA: %s may change: %s', (upn, allowed) => {
    const blockers = run(healthy(), { asUpn: upn }).blockers;
    expect(codes(blockers).includes('ADMIN_ROLE_REQUIRED')).toBe(!allowed);
  });

  it.each([
    ['owner@contoso.com', true],
    ['profile@contoso.com', true],
    ['global@contoso.com', false],
    ['billing@contoso.com', false],
  ])('MCA: %s may change: %s', (upn, allowed) => {
    const mca = tenant({ billingAccountType: 'MCA', subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' })] });
    expect(codes(run(mca, { asUpn: upn }).blockers).includes('ADMIN_ROLE_REQUIRED')).toBe(!allowed);
  });

  it('refuses someone outside the tenant, whatever the upper or lower case of a member', () => {
    expect(run(healthy(), { asUpn: 'mallory@evil.example' }).blockers).toContainEqual(expect.objectContaining({ code: 'ADMIN_ROLE_REQUIRED', reason: 'not-in-tenant' }));
    expect(codes(run(healthy(), { asUpn: 'GLOBAL@Contoso.com' }).blockers)).not.toContain('ADMIN_ROLE_REQUIRED');
  });
});

describe('MCA billing accounts', () => {
  it('skip the MOSA-only blockers table and may take a licence count', () => {
    const mca = tenant({
      billingAccountType: 'MCA',
      subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', purchasedLicenses: 5, addOns: [{ name: 'X', blocksChange: true }] })],
      users: users(8, 'sub-std'),
    });
    const result = run(mca, { licenseCount: 3 });
    expect(result.blockers).toEqual([]);
    expect(result.path).toBe('automatic');
    expect(result.notices).toContainEqual({ code: 'MCA_ASSIGN_LICENSES', licenseCount: 3, users: 8 });
  });
});

describe('notices', () => {
  it('CUSTOM_SERVICE_ASSIGNMENTS_RESET counts the users with services turned off', () => {
    const custom = tenant({
      subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' })],
      users: users(3, 'sub-std').map((u, i) => (i < 2 ? { ...u, licenses: [{ subscriptionId: 'sub-std', disabledServices: ['yammer' as const] }] } : u)),
    });
    expect(run(custom).notices).toContainEqual({ code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET', count: 2, userIds: ['u-sub-std-1', 'u-sub-std-2'] });
    expect(codes(run(healthy()).notices)).not.toContain('CUSTOM_SERVICE_ASSIGNMENTS_RESET');
  });

  it('CROSS_FAMILY_NO_RETURN only when an older plan leaves a service family the nb article names', () => {
    expect(codes(run(healthy(), { toPlan: 'm365-e3' }).notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
    expect(codes(run(healthy()).notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
    const older = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'o365-small-business' })] });
    expect(run(older, { toPlan: 'o365-e3' }).notices).toContainEqual({ code: 'CROSS_FAMILY_NO_RETURN', fromFamily: 'small-business', toFamily: 'enterprise' });
  });

  it('OFFICE_REACTIVATION when Office desktop apps carry over, not when they are new', () => {
    expect(codes(run(healthy()).notices)).toContain('OFFICE_REACTIVATION');
    const basic = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-basic' })] });
    expect(codes(run(basic).notices)).not.toContain('OFFICE_REACTIVATION');
  });

  it('PRORATED_CREDIT for the unused part of the period, with the 30-day invoice', () => {
    // Monthly from the 15th: 2026-11-15 to 2026-12-15 is 30 days, 24 unused on the 21st; 10 × 12.50 × 24/30 = 100.00.
    expect(run(healthy()).notices).toContainEqual({ code: 'PRORATED_CREDIT', amount: { minor: 10000, currency: 'EUR' }, invoiceWithinDays: 30 });
  });

  it('PRICE_UNKNOWN when the catalogue has no rate for the currency', () => {
    const yen = tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard', currency: 'JPY', pricePerLicensePerMonth: 1800 })] });
    expect(run(yen).notices).toContainEqual({ code: 'PRICE_UNKNOWN', currency: 'JPY' });
    expect(codes(run(healthy()).notices)).not.toContain('PRICE_UNKNOWN');
  });
});

describe('bad input', () => {
  it('names the unknown subscription, the unknown plan and the same plan', () => {
    const snapshot = healthy();
    expect(check(snapshot, { subscriptionId: 'nope', toPlan: 'm365-e3' })).toEqual({ ok: false, error: { code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: 'nope' } });
    expect(check(snapshot, { subscriptionId: 'sub-std', toPlan: 'm365-e9' })).toEqual({ ok: false, error: { code: 'UNKNOWN_PLAN', planId: 'm365-e9' } });
    expect(check(snapshot, { subscriptionId: 'sub-std', toPlan: 'm365-business-standard' })).toEqual({ ok: false, error: { code: 'SAME_PLAN', planId: 'm365-business-standard' } });
    expect(check(snapshot, { subscriptionId: 'sub-std', toPlan: 'm365-e3', licenseCount: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_LICENSE_COUNT' } });
  });
});
