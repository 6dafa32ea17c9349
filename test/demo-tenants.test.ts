import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mcaCancelWindow } from '../domain/billing';
import { DEMO_TENANT_FILES, DEMO_TENANT_IDS, loadDemoTenant } from '../domain/demo-tenants';
import { check, type CheckResult } from '../domain/eligibility';
import type { Subscription, TenantSnapshot } from '../domain/snapshot/schema';
import { contoso } from '../scripts/demo-tenants/contoso';
import { fabrikam } from '../scripts/demo-tenants/fabrikam';
import { kowalski } from '../scripts/demo-tenants/kowalski';
import { nordlys } from '../scripts/demo-tenants/nordlys';
import { tailspin } from '../scripts/demo-tenants/tailspin';
import { woodgrove } from '../scripts/demo-tenants/woodgrove';

const TODAY = '2026-11-21';

function load(id: string): TenantSnapshot {
  const result = loadDemoTenant(id);
  if (!result.ok) throw new Error(`${id}: ${JSON.stringify(result.error)}`);
  return result.value;
}

function checked(id: string, subscriptionId: string, toPlan: string, asUpn?: string): CheckResult {
  const result = check(load(id), { subscriptionId, toPlan, today: TODAY, ...(asUpn ? { asUpn } : {}) });
  if (!result.ok) throw new Error(`${id}: ${result.error.code}`);
  return result.value;
}

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);
const sub = (snapshot: TenantSnapshot, id: string): Subscription => snapshot.subscriptions.find((s) => s.id === id)!;
const holders = (snapshot: TenantSnapshot, id: string) => snapshot.users.filter((u) => u.licenses.some((l) => l.subscriptionId === id)).length;
const rolesOf = (snapshot: TenantSnapshot) => new Set(snapshot.users.flatMap((u) => u.roles));

describe('every demo tenant', () => {
  it.each(DEMO_TENANT_IDS)('%s parses, and its tenant id is its key', (id) => {
    expect(load(id).tenant.id).toBe(id);
  });

  it('an unknown demo tenant is a coded error, not an exception', () => {
    expect(loadDemoTenant('nope')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DEMO_TENANT', tenantId: 'nope' } });
  });

  const builders = { contoso, fabrikam, nordlys, kowalski, tailspin, woodgrove };
  it.each(DEMO_TENANT_IDS)('%s is exactly what scripts/generate-demo-tenants.ts writes', (id) => {
    const written = readFileSync(DEMO_TENANT_FILES[id], 'utf8');
    const built = builders[id]();
    const text = id === 'tailspin' ? JSON.stringify(built) : JSON.stringify(built, null, 2);
    expect(written).toBe(`${text}\n`);
  });

  it.each(DEMO_TENANT_IDS)('%s: every user has id, upn, display name, roles and licences', (id) => {
    const raw = JSON.parse(readFileSync(DEMO_TENANT_FILES[id], 'utf8')) as { users: Record<string, unknown>[] };
    const fields = 'id,upn,displayName,roles,licenses';
    expect(raw.users.filter((user) => Object.keys(user).join(',') !== fields)).toEqual([]);
  });
});

describe('contoso: a healthy small business', () => {
  const snapshot = load('contoso');

  it('has sub-standard with 10 licences bought and 8 assigned, monthly by credit card in EUR', () => {
    expect(sub(snapshot, 'sub-standard')).toMatchObject({ planId: 'm365-business-standard', purchasedLicenses: 10, billingFrequency: 'monthly', paymentMethod: 'credit-card', currency: 'EUR' });
    expect(holders(snapshot, 'sub-standard')).toBe(8);
  });

  it('has every admin role a small business uses, and plain users', () => {
    for (const role of ['GlobalAdmin', 'BillingAdmin', 'LicenseAdmin', 'UserAdmin', 'HelpdeskAgent', 'User'] as const) expect(rolesOf(snapshot)).toContain(role);
    expect(snapshot.users.some((u) => u.licenses.some((l) => l.disabledServices.length > 0))).toBe(true);
    expect(snapshot.serviceHealth.every((h) => h.status === 'healthy')).toBe(true);
  });

  it('sub-standard → Business Premium is automatic with no blockers, asked by its global admin', () => {
    const result = checked('contoso', 'sub-standard', 'm365-business-premium', 'anna@contoso.com');
    expect(result).toMatchObject({ path: 'automatic', blockers: [], canChangeNow: true });
  });

  it('a plain user asking gets ADMIN_ROLE_REQUIRED', () => {
    expect(codes(checked('contoso', 'sub-standard', 'm365-business-premium', 'maja@contoso.com').blockers)).toEqual(['ADMIN_ROLE_REQUIRED']);
  });
});

describe('fabrikam: many blockers at once', () => {
  const snapshot = load('fabrikam');

  it('is in SEK throughout', () => {
    expect(new Set(snapshot.subscriptions.map((s) => s.currency))).toEqual(new Set(['SEK']));
  });

  it('sub-standard → Business Premium shows at least four distinct blockers, the expected ones among them', () => {
    const blockers = codes(checked('fabrikam', 'sub-standard', 'm365-business-premium', 'lena@fabrikam.se').blockers);
    expect(new Set(blockers).size).toBeGreaterThanOrEqual(4);
    for (const code of ['MORE_USERS_THAN_LICENSES', 'SERVICE_NOT_READY', 'MULTIPLE_PLANS_SAME_PRODUCT', 'ADD_ON_BLOCKS', 'UNPAID_INVOICE_BALANCE']) expect(blockers).toContain(code);
  });

  it('sub-basic waits for a credit check', () => {
    expect(codes(checked('fabrikam', 'sub-basic', 'm365-business-standard').blockers)).toContain('CHANGE_OR_CREDIT_CHECK_PENDING');
  });
});

describe('nordlys: an MCA billing account', () => {
  const snapshot = load('nordlys');

  it('is MCA, NOK and annual, with the MCA billing roles', () => {
    expect(snapshot.tenant.billingAccountType).toBe('MCA');
    expect(snapshot.subscriptions.every((s) => s.currency === 'NOK' && s.billingFrequency === 'annual')).toBe(true);
    expect(rolesOf(snapshot)).toContain('BillingAccountOwner');
    expect(rolesOf(snapshot)).toContain('BillingProfileContributor');
  });

  it('sub-premium started inside the seven-day cancellation window of 2026-11-21, sub-standard long before', () => {
    expect(mcaCancelWindow(sub(snapshot, 'sub-premium'), TODAY).open).toBe(true);
    expect(mcaCancelWindow(sub(snapshot, 'sub-standard'), TODAY).open).toBe(false);
  });

  it('the prepaid subscription has value left, and changing it now loses some', () => {
    expect(sub(snapshot, 'sub-basic-prepaid')).toMatchObject({ paymentMethod: 'prepaid-product-key' });
    expect(sub(snapshot, 'sub-basic-prepaid').prepaidRemainingValue).toBeGreaterThan(0);
    expect(codes(checked('nordlys', 'sub-basic-prepaid', 'm365-business-standard').notices)).toContain('PREPAID_VALUE_LOST');
  });

  it('a billing profile contributor may change plans', () => {
    expect(codes(checked('nordlys', 'sub-standard', 'm365-business-premium', 'henrik@nordlysenergi.no').blockers)).not.toContain('ADMIN_ROLE_REQUIRED');
  });
});

describe('kowalski: older Office 365 plans', () => {
  const snapshot = load('kowalski');

  it('is in PLN, with Small Business from before the service upgrade and more than 25 users', () => {
    expect(snapshot.subscriptions.every((s) => s.currency === 'PLN')).toBe(true);
    expect(sub(snapshot, 'sub-small-business')).toMatchObject({ planId: 'o365-small-business', beforeServiceUpgrade: true });
    expect(holders(snapshot, 'sub-small-business')).toBeGreaterThan(25);
  });

  it('Small Business cannot use the wizard: SMALL_BUSINESS_LEGACY_25', () => {
    expect(codes(checked('kowalski', 'sub-small-business', 'o365-e3', 'jan@kowalski.com.pl').blockers)).toContain('SMALL_BUSINESS_LEGACY_25');
  });

  it('Enterprise K1 → E1 goes through the wizard with nothing in the way', () => {
    expect(checked('kowalski', 'sub-k1', 'o365-e1', 'jan@kowalski.com.pl')).toMatchObject({ path: 'legacy-wizard', blockers: [], canChangeNow: true });
  });

  it('the trial must be bought first', () => {
    expect(sub(snapshot, 'sub-trial').status).toBe('trial');
    expect(codes(checked('kowalski', 'sub-trial', 'o365-midsize-business').blockers)).toContain('TRIAL_MUST_BUY_FIRST');
  });
});

describe('tailspin: a 5,000-user enterprise', () => {
  const snapshot = load('tailspin');

  it('has 5,000 users with unique ids and UPNs, on E3, E5, Kiosk and a Business Premium leftover, in USD', () => {
    expect(snapshot.users).toHaveLength(5000);
    expect(new Set(snapshot.users.map((u) => u.id)).size).toBe(5000);
    expect(new Set(snapshot.users.map((u) => u.upn)).size).toBe(5000);
    expect(snapshot.subscriptions.map((s) => s.planId).sort()).toEqual(['exchange-online-kiosk', 'm365-business-premium', 'm365-e5', 'o365-e3']);
    expect(snapshot.subscriptions.every((s) => s.currency === 'USD')).toBe(true);
  });

  it('some users hold licences of several subscriptions, some have services turned off, and no subscription is over-assigned', () => {
    expect(snapshot.users.filter((u) => u.licenses.length > 1).length).toBeGreaterThan(10);
    expect(snapshot.users.filter((u) => u.licenses.some((l) => l.disabledServices.length > 0)).length).toBeGreaterThan(10);
    for (const s of snapshot.subscriptions) expect(holders(snapshot, s.id)).toBeLessThanOrEqual(s.purchasedLicenses);
  });

  it('is written as compact JSON', () => {
    expect(readFileSync(DEMO_TENANT_FILES.tailspin, 'utf8').split('\n')).toHaveLength(2);
  });
});

describe('woodgrove: a nonprofit', () => {
  it('every subscription is nonprofit, so a change is manual', () => {
    expect(load('woodgrove').subscriptions.every((s) => s.segment === 'nonprofit')).toBe(true);
    const result = checked('woodgrove', 'sub-premium-nonprofit', 'm365-e3', 'catrin@woodgrovetrust.org.uk');
    expect(result.path).toBe('manual');
    expect(codes(result.blockers)).toContain('GOVERNMENT_OR_NONPROFIT');
  });
});
