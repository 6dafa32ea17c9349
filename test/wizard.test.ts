import { describe, expect, it } from 'vitest';
import { PLANS, findPlan } from '../domain/catalogue';
import { WIZARD_PAIRS } from '../domain/catalogue/wizard-pairs';
import { check, type CheckResult } from '../domain/eligibility';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import { subscription, tenant, users } from './support/tenant-builder';

const TODAY = '2026-11-21';
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

function run(snapshot: TenantSnapshot, toPlan: string, asUpn?: string): CheckResult {
  const result = check(snapshot, { subscriptionId: 'sub-old', toPlan, today: TODAY, asUpn });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const legacy = (planId: string, overrides: Parameters<typeof subscription>[0] extends infer T ? Partial<T> : never = {}, count = 5) =>
  tenant({ subscriptions: [subscription({ id: 'sub-old', planId, ...overrides })], users: users(count, 'sub-old') });

// The nb article's table, written out pair by pair as a reader of the article would.
const ARTICLE_PAIRS: [string, string][] = [
  ...['o365-small-business-premium', 'o365-midsize-business', 'o365-e1', 'o365-e3', 'o365-e4'].map((to) => ['o365-small-business', to] as [string, string]),
  ...['o365-midsize-business', 'o365-e1', 'o365-e3', 'o365-e4'].map((to) => ['o365-small-business-premium', to] as [string, string]),
  ...['o365-midsize-business', 'o365-k1', 'o365-k2', 'lync-online-plan-1', 'lync-online-plan-2', 'sharepoint-online-plan-1', 'exchange-online-plan-1'].flatMap((from) =>
    ['o365-e1', 'o365-e3', 'o365-e4'].map((to) => [from, to] as [string, string]),
  ),
  ['o365-e1', 'o365-e3'], ['o365-e1', 'o365-e4'], ['o365-e3', 'o365-e4'],
  ['lync-online-plan-3', 'o365-e4'],
  ['sharepoint-online-plan-2', 'o365-e3'], ['sharepoint-online-plan-2', 'o365-e4'],
  ['exchange-online-plan-2', 'o365-e3'], ['exchange-online-plan-2', 'o365-e4'],
  ['o365-education-a1', 'o365-education-a2'], ['o365-education-a1', 'o365-education-a3'], ['o365-education-a2', 'o365-education-a3'],
  ...['office-online-sharepoint-plan-1', 'office-online-sharepoint-plan-2'].flatMap((from) =>
    ['o365-education-a1', 'o365-education-a2', 'o365-education-a3', 'o365-education-a4'].map((to) => [from, to] as [string, string]),
  ),
  ...['o365-e1', 'o365-e3', 'o365-e4', 'o365-k1', 'exchange-online-plan-1', 'exchange-online-plan-2'].map((to) => ['exchange-online-kiosk', to] as [string, string]),
];

describe('the switch-plans wizard table', () => {
  it('holds exactly the article pairs', () => {
    const table = Object.entries(WIZARD_PAIRS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)).sort();
    expect(table).toEqual(ARTICLE_PAIRS.map(([f, t]) => `${f}>${t}`).sort());
  });

  it.each(ARTICLE_PAIRS.filter(([from, to]) => findPlan(from)!.generation === 'legacy' || findPlan(to)!.generation === 'legacy'))(
    '%s → %s goes through the wizard with no pair blocker',
    (from, to) => {
      const result = run(legacy(from), to);
      expect(codes(result.blockers)).not.toContain('WIZARD_PAIR_NOT_ELIGIBLE');
      expect(result.path).toBe('legacy-wizard');
    },
  );

  it.each([
    ['o365-small-business', 'o365-k1'],
    ['o365-e4', 'o365-e3'],
    ['o365-midsize-business', 'o365-small-business'],
    ['lync-online-plan-3', 'o365-e1'],
    ['o365-education-a3', 'o365-education-a1'],
    ['o365-k1', 'o365-k2'],
    ['o365-small-business', 'm365-business-premium'],
  ])('%s → %s is not a wizard pair: switch manually', (from, to) => {
    const result = run(legacy(from), to);
    expect(result.blockers).toContainEqual(expect.objectContaining({ code: 'WIZARD_PAIR_NOT_ELIGIBLE' }));
    expect(result.path).toBe('manual');
  });

  it('lists the eligible targets when a pair is not eligible', () => {
    expect(run(legacy('o365-e3'), 'o365-k1').blockers).toContainEqual({ code: 'WIZARD_PAIR_NOT_ELIGIBLE', eligibleTargets: ['o365-e4'] });
  });

  it('every plan named in the table is in the catalogue', () => {
    for (const [from, tos] of Object.entries(WIZARD_PAIRS)) {
      expect(findPlan(from), from).toBeDefined();
      for (const to of tos) expect(findPlan(to), to).toBeDefined();
    }
    expect(PLANS.filter((p) => p.generation === 'legacy').every((p) => p.id in WIZARD_PAIRS || Object.values(WIZARD_PAIRS).some((t) => t.includes(p.id)))).toBe(true);
  });
});

describe('wizard blockers', () => {
  it('WIZARD_TOO_MANY_USERS above 300 users, not at 300', () => {
    expect(run(legacy('o365-midsize-business', { purchasedLicenses: 400 }, 301), 'o365-e3').blockers).toContainEqual({ code: 'WIZARD_TOO_MANY_USERS', users: 301, limit: 300 });
    expect(codes(run(legacy('o365-midsize-business', { purchasedLicenses: 400 }, 300), 'o365-e3').blockers)).not.toContain('WIZARD_TOO_MANY_USERS');
  });

  it('SMALL_BUSINESS_LEGACY_25 for Small Business from before the service upgrade with more than 25 users', () => {
    const before = legacy('o365-small-business', { purchasedLicenses: 30, beforeServiceUpgrade: true }, 26);
    const result = run(before, 'o365-small-business-premium');
    expect(result.blockers).toContainEqual({ code: 'SMALL_BUSINESS_LEGACY_25', users: 26, limit: 25 });
    expect(result.path).toBe('manual');
    expect(codes(run(legacy('o365-small-business', { purchasedLicenses: 30, beforeServiceUpgrade: true }, 25), 'o365-e1').blockers)).not.toContain('SMALL_BUSINESS_LEGACY_25');
    expect(codes(run(legacy('o365-small-business', { purchasedLicenses: 30, beforeServiceUpgrade: false }, 26), 'o365-e1').blockers)).not.toContain('SMALL_BUSINESS_LEGACY_25');
  });

  it('PREPAID_NOT_SUPPORTED for a plan bought with a prepaid card or product key', () => {
    expect(codes(run(legacy('o365-k1', { paymentMethod: 'prepaid-product-key' }), 'o365-e1').blockers)).toContain('PREPAID_NOT_SUPPORTED');
    expect(codes(run(legacy('o365-k1', { paymentMethod: 'invoice' }), 'o365-e1').blockers)).not.toContain('PREPAID_NOT_SUPPORTED');
  });

  it('TRIAL_MUST_BUY_FIRST for a trial', () => {
    const result = run(legacy('o365-midsize-business', { status: 'trial' }), 'o365-e3');
    expect(codes(result.blockers)).toContain('TRIAL_MUST_BUY_FIRST');
    expect(codes(run(legacy('o365-midsize-business'), 'o365-e3').blockers)).not.toContain('TRIAL_MUST_BUY_FIRST');
  });

  it('licence conflict, service health and a credit check of up to two weeks apply to the wizard too', () => {
    const snapshot = tenant({
      subscriptions: [subscription({ id: 'sub-old', planId: 'o365-midsize-business', purchasedLicenses: 3, creditCheckPending: true })],
      users: users(4, 'sub-old'),
      serviceHealth: [{ service: 'lync', status: 'incident' }],
    });
    const result = run(snapshot, 'o365-e3');
    expect(codes(result.blockers).sort()).toEqual(['CHANGE_OR_CREDIT_CHECK_PENDING', 'MORE_USERS_THAN_LICENSES', 'SERVICE_NOT_READY']);
    expect(result.blockers).toContainEqual(expect.objectContaining({ maxWait: { amount: 2, unit: 'weeks' } }));
    expect(result.path).toBe('legacy-wizard');
  });

  it('needs a global administrator, but any administrator for Small Business', () => {
    expect(codes(run(legacy('o365-midsize-business'), 'o365-e3', 'billing@contoso.com').blockers)).toContain('ADMIN_ROLE_REQUIRED');
    expect(codes(run(legacy('o365-midsize-business'), 'o365-e3', 'global@contoso.com').blockers)).not.toContain('ADMIN_ROLE_REQUIRED');
    expect(codes(run(legacy('o365-small-business'), 'o365-e3', 'licence@contoso.com').blockers)).not.toContain('ADMIN_ROLE_REQUIRED');
    expect(codes(run(legacy('o365-small-business'), 'o365-e3', 'plain@contoso.com').blockers)).toContain('ADMIN_ROLE_REQUIRED');
  });

  it('warns that a move to another service family has no way back; a standalone plan is not a family', () => {
    // The nb article lists "from a standalone solution" apart from "to another service family".
    const result = run(legacy('lync-online-plan-3'), 'o365-e4');
    expect(codes(result.notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
    expect(codes(result.notices)).toContain('NO_BACKUP_NEEDED');
    const toE1 = run(legacy('o365-small-business'), 'o365-e1');
    expect(codes(toE1.notices)).toContain('CROSS_FAMILY_NO_RETURN');
    expect(codes(run(legacy('o365-small-business'), 'o365-small-business-premium').notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
  });
});
