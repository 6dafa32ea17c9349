import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { BufferWriter } from '../cli/io';
import { addDays, addMonths, todayUtc } from '../domain/dates';
import type { TenantSnapshotInput } from '../domain/snapshot/schema';
import { formatMoney } from '../i18n/format';
import { LANGUAGES } from '../i18n/languages';
import { ADMINS, subscription, users } from './support/tenant-builder';

// Each rule of issue 15, asked through the command line's --json as a script outside the project would,
// on tenants written from the seed articles. The article each expectation comes from is named beside it.

type SubscriptionInput = TenantSnapshotInput['subscriptions'][number];
type UserInput = TenantSnapshotInput['users'][number];
interface Finding {
  code: string;
  [field: string]: unknown;
}
interface CheckAnswer {
  path: string;
  blockers: Finding[];
  notices: Finding[];
  canChangeNow: boolean;
}
interface MoveAnswer {
  blockers: Finding[];
  notices: Finding[];
  canApply: boolean;
  applied: boolean;
  licenseCount?: number;
}

const TODAY = todayUtc();
const codes = (findings: Finding[]) => findings.map((f) => f.code);
const find = (findings: Finding[], code: string) => findings.find((f) => f.code === code);

function tenantFile(input: {
  billingAccountType?: 'MCA' | 'MOSA';
  subscriptions: SubscriptionInput[];
  users?: UserInput[];
  serviceHealth?: TenantSnapshotInput['serviceHealth'];
}): string {
  const snapshot = {
    tenant: { id: 'contoso', name: 'Contoso Ltd', domains: ['contoso.com', 'contoso.onmicrosoft.com'], billingAccountType: input.billingAccountType ?? 'MOSA' },
    subscriptions: input.subscriptions,
    users: [...ADMINS, ...(input.users ?? [])],
    serviceHealth: input.serviceHealth ?? [],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'plan-switch-rules-')), 'tenant.json');
  writeFileSync(file, JSON.stringify(snapshot, null, 2));
  return file;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new BufferWriter();
  const stderr = new BufferWriter();
  const code = await main(args, { stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** `check --json` in every language: the answer must not depend on --lang. */
async function check(file: string, subscriptionId: string, toPlan: string, ...more: string[]): Promise<CheckAnswer> {
  const runs = await Promise.all(LANGUAGES.map((lng) => cli(['check', '--tenant', file, '--subscription', subscriptionId, '--to', toPlan, '--json', '--lang', lng, ...more])));
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  expect(new Set(runs.map((r) => r.stdout)).size).toBe(1);
  return JSON.parse(runs[0]!.stdout) as CheckAnswer;
}

async function move(file: string, from: string, to: string, userIds: string, ...more: string[]): Promise<MoveAnswer> {
  const run = await cli(['move', '--tenant', file, '--from', from, '--to', to, '--users', userIds, '--json', ...more]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as MoveAnswer;
}

function expectBadInput(run: { code: number; stdout: string; stderr: string }, ...mentions: string[]): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const mention of mentions) expect(run.stderr).toContain(mention);
}

/** One subscription `sub-old` of the plan with five users, in a MOSA tenant unless said otherwise. */
const single = (planId: string, overrides: Partial<SubscriptionInput> = {}, billingAccountType: 'MCA' | 'MOSA' = 'MOSA', count = 5) =>
  tenantFile({ billingAccountType, subscriptions: [subscription({ id: 'sub-old', planId, ...overrides })], users: users(count, 'sub-old') });

describe('1. current plans are not target plans (sv article: same data-related services or a higher version)', () => {
  it('Office 365 E1 → Business Standard is automatic: the same data services, no Lync backup, no "no way back"', async () => {
    const answer = await check(single('o365-e1'), 'sub-old', 'm365-business-standard');
    expect(answer).toMatchObject({ path: 'automatic', blockers: [], canChangeNow: true });
    expect(codes(answer.notices)).toContain('NO_BACKUP_NEEDED');
    expect(codes(answer.notices)).not.toContain('BACKUP_REQUIRED');
    expect(codes(answer.notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
  });

  it.each([
    ['o365-e1', 'm365-business-basic'],
    ['o365-e3', 'm365-e3'],
    ['o365-e5', 'm365-e5'],
    ['o365-e3', 'o365-e5'],
    ['m365-business-premium', 'o365-e3'],
    ['m365-business-standard', 'o365-e1'],
  ])('%s → %s is automatic with nothing to back up', async (from, to) => {
    const answer = await check(single(from), 'sub-old', to);
    expect(answer).toMatchObject({ path: 'automatic', blockers: [], canChangeNow: true });
    expect(codes(answer.notices)).toContain('NO_BACKUP_NEEDED');
    expect(codes(answer.notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
  });

  it('Office 365 E3 → Business Premium asks a backup only for what is lost: Exchange and SharePoint, never Lync', async () => {
    const answer = await check(single('o365-e3'), 'sub-old', 'm365-business-premium');
    expect(answer.path).toBe('manual');
    expect(find(answer.blockers, 'TARGET_NOT_SUPPORTED')).toMatchObject({ services: ['exchange', 'sharepoint'] });
    expect(find(answer.notices, 'BACKUP_REQUIRED')).toEqual({ code: 'BACKUP_REQUIRED', services: ['exchange', 'sharepoint'] });
  });

  it('no current plan has Lync Online data', async () => {
    const plans = JSON.parse((await cli(['plans', '--json'])).stdout) as { id: string; generation: string; dataServices: Record<string, number> }[];
    for (const plan of plans.filter((p) => p.generation === 'current')) expect(plan.dataServices, plan.id).not.toHaveProperty('lync');
  });

  it('CROSS_FAMILY_NO_RETURN for the nb article\'s families: Small Business → Enterprise E3, not within a family nor from a standalone plan', async () => {
    expect(codes((await check(single('o365-small-business'), 'sub-old', 'o365-e3')).notices)).toContain('CROSS_FAMILY_NO_RETURN');
    expect(codes((await check(single('o365-small-business'), 'sub-old', 'o365-small-business-premium')).notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
    expect(codes((await check(single('lync-online-plan-2'), 'sub-old', 'o365-e1')).notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
    expect(codes((await check(single('o365-k1'), 'sub-old', 'o365-e3')).notices)).not.toContain('CROSS_FAMILY_NO_RETURN');
  });
});

describe('2. the MCA seven-day window (sv article, step 4)', () => {
  // An older plan outside the wizard's list: a manual change, so the old subscription is cancelled by hand.
  const mcaManual = (overrides: Partial<SubscriptionInput>) => single('o365-k1', { billingFrequency: 'annual', ...overrides }, 'MCA');

  it('past the seven days: MCA_CANCEL_WINDOW_CLOSED, no PRORATED_CREDIT, and what happens instead', async () => {
    const start = addDays(TODAY, -40);
    const answer = await check(mcaManual({ startDate: start, renewalDate: addMonths(start, 12) }), 'sub-old', 'm365-business-premium');
    expect(answer.path).toBe('manual');
    expect(find(answer.notices, 'MCA_CANCEL_WINDOW_CLOSED')).toEqual({
      code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: start, closedOn: addDays(start, 7), paidUntil: addMonths(start, 12),
    });
    expect(codes(answer.notices)).not.toContain('PRORATED_CREDIT');
  });

  it('inside the seven days: a prorated credit, and no closed window', async () => {
    const start = addDays(TODAY, -3);
    const answer = await check(mcaManual({ startDate: start, renewalDate: addMonths(start, 12) }), 'sub-old', 'm365-business-premium');
    expect(codes(answer.notices)).toContain('PRORATED_CREDIT');
    expect(codes(answer.notices)).not.toContain('MCA_CANCEL_WINDOW_CLOSED');
  });

  it('a subscription that starts in the future is not "window closed", and no notice carries a date after today', async () => {
    const start = addDays(TODAY, 10);
    const answer = await check(mcaManual({ startDate: start, renewalDate: addMonths(start, 12) }), 'sub-old', 'm365-business-premium');
    expect(codes(answer.notices)).not.toContain('MCA_CANCEL_WINDOW_CLOSED');
    for (const notice of answer.notices) {
      for (const key of ['periodStart', 'closedOn']) if (typeof notice[key] === 'string') expect(notice[key] as string <= TODAY).toBe(true);
    }
  });

  it('counts from the last renewal of an annual term billed monthly, not from the last monthly bill', async () => {
    // Renewed a little over a month ago; the latest monthly bill was two days ago.
    const lastRenewal = addMonths(addDays(TODAY, -2), -1);
    const file = mcaManual({ billingFrequency: 'monthly', startDate: addMonths(lastRenewal, -12), renewalDate: addMonths(lastRenewal, 12) });
    const answer = await check(file, 'sub-old', 'm365-business-premium');
    expect(find(answer.notices, 'MCA_CANCEL_WINDOW_CLOSED')).toMatchObject({ periodStart: lastRenewal, closedOn: addDays(lastRenewal, 7), paidUntil: addMonths(lastRenewal, 12) });
  });

  it('a monthly term renews every month: the window opens again after each renewal', async () => {
    const lastRenewal = addDays(TODAY, -2);
    const file = mcaManual({ billingFrequency: 'monthly', startDate: addMonths(lastRenewal, -5), renewalDate: addMonths(lastRenewal, 1) });
    expect(codes((await check(file, 'sub-old', 'm365-business-premium')).notices)).not.toContain('MCA_CANCEL_WINDOW_CLOSED');
  });
});

describe('3. the subscription\'s state', () => {
  it.each(['suspended', 'warning'] as const)('MCA: a %s subscription is blocked with SUBSCRIPTION_NOT_ACTIVE', async (status) => {
    const answer = await check(single('m365-business-standard', { status }, 'MCA'), 'sub-old', 'm365-business-premium');
    expect(answer.blockers).toContainEqual({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: 'sub-old', status });
    expect(answer.canChangeNow).toBe(false);
  });

  it('MCA: a trial asks to buy the plan first (nb article\'s note)', async () => {
    const answer = await check(single('m365-business-standard', { status: 'trial' }, 'MCA'), 'sub-old', 'm365-business-premium');
    expect(codes(answer.blockers)).toEqual(['TRIAL_MUST_BUY_FIRST']);
    expect(answer.canChangeNow).toBe(false);
  });

  it('MCA: a subscription already changing is blocked with CHANGE_OR_CREDIT_CHECK_PENDING', async () => {
    const answer = await check(single('m365-business-standard', { changeInProgress: true }, 'MCA'), 'sub-old', 'm365-business-premium');
    expect(find(answer.blockers, 'CHANGE_OR_CREDIT_CHECK_PENDING')).toMatchObject({ changeInProgress: true, onThisSubscription: true });
    expect(answer.canChangeNow).toBe(false);
  });

  it('MOSA: a trial of the current plan gets TRIAL_MUST_BUY_FIRST, not SUBSCRIPTION_NOT_ELIGIBLE', async () => {
    const answer = await check(single('m365-business-standard', { status: 'trial' }), 'sub-old', 'm365-business-premium');
    expect(codes(answer.blockers)).toContain('TRIAL_MUST_BUY_FIRST');
    expect(codes(answer.blockers)).not.toContain('SUBSCRIPTION_NOT_ELIGIBLE');
  });

  it('a move checks the source subscription\'s state too (sv article, step 2: both Active)', async () => {
    const file = tenantFile({
      subscriptions: [
        subscription({ id: 'sub-old', planId: 'm365-business-standard', status: 'suspended' }),
        subscription({ id: 'sub-new', planId: 'm365-business-premium' }),
      ],
      users: users(2, 'sub-old'),
    });
    const answer = await move(file, 'sub-old', 'sub-new', 'u-sub-old-1', '--apply');
    expect(answer.blockers).toContainEqual({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: 'sub-old', status: 'suspended' });
    expect(answer).toMatchObject({ canApply: false, applied: false });
  });
});

describe('4. the older switch-plans wizard (nb article)', () => {
  it.each([
    ['o365-e3', 'o365-e1', ['o365-e4']],
    ['exchange-online-plan-2', 'o365-e1', ['o365-e3', 'o365-e4']],
    ['sharepoint-online-plan-2', 'sharepoint-online-plan-1', ['o365-e3', 'o365-e4']],
  ])('%s → %s is not in the wizard\'s list: WIZARD_PAIR_NOT_ELIGIBLE, not TARGET_NOT_SUPPORTED', async (from, to, eligibleTargets) => {
    const answer = await check(single(from), 'sub-old', to);
    expect(answer.blockers).toContainEqual({ code: 'WIZARD_PAIR_NOT_ELIGIBLE', eligibleTargets });
    expect(codes(answer.blockers)).not.toContain('TARGET_NOT_SUPPORTED');
    expect(answer.path).toBe('manual');
  });

  it.each([
    ['office-online-sharepoint-plan-2', 'o365-education-a1'],
    ['lync-online-plan-2', 'o365-e1'],
    ['exchange-online-kiosk', 'o365-k1'],
  ])('%s → %s is an eligible pair: the wizard keeps the data, so no backup is asked', async (from, to) => {
    const answer = await check(single(from), 'sub-old', to);
    expect(answer.path).toBe('legacy-wizard');
    expect(codes(answer.notices)).toContain('NO_BACKUP_NEEDED');
    expect(codes(answer.notices)).not.toContain('BACKUP_REQUIRED');
  });

  it('the same pair switched manually (too many users for the wizard) asks for the backup of what is lost', async () => {
    const answer = await check(single('office-online-sharepoint-plan-2', { purchasedLicenses: 400 }, 'MOSA', 301), 'sub-old', 'o365-education-a1');
    expect(answer.path).toBe('manual');
    expect(find(answer.notices, 'BACKUP_REQUIRED')).toMatchObject({ services: ['sharepoint'] });
  });
});

describe('5. leaving users (sv article: a user switched to fewer services, or leaving, gets a copy of their data)', () => {
  const file = () =>
    tenantFile({
      subscriptions: [
        subscription({ id: 'sub-old', planId: 'm365-business-standard' }),
        subscription({ id: 'sub-exchange', planId: 'exchange-online-plan-1' }),
        subscription({ id: 'sub-sharepoint', planId: 'sharepoint-online-plan-1' }),
      ],
      users: [
        { id: 'u-ann', upn: 'ann@contoso.com', displayName: 'Ann', roles: ['User'], licenses: [{ subscriptionId: 'sub-old' }] },
        { id: 'u-bo', upn: 'bo@contoso.com', displayName: 'Bo', roles: ['User'], licenses: [{ subscriptionId: 'sub-old', disabledServices: ['yammer'] }, { subscriptionId: 'sub-sharepoint' }] },
        { id: 'u-cy', upn: 'cy@contoso.com', displayName: 'Cy', roles: ['User'], licenses: [{ subscriptionId: 'sub-old' }, { subscriptionId: 'sub-exchange' }] },
      ],
    });

  it('a user moved to a plan without a service they use gets that service\'s backup', async () => {
    expect(find((await move(file(), 'sub-old', 'sub-exchange', 'u-ann')).notices, 'BACKUP_REQUIRED')).toEqual({ code: 'BACKUP_REQUIRED', services: ['sharepoint', 'onedrive', 'yammer'] });
  });

  it('…but not for a service turned off for them, nor one another licence of theirs still gives', async () => {
    const answer = await move(file(), 'sub-old', 'sub-exchange', 'u-bo');
    expect(codes(answer.notices)).toContain('NO_BACKUP_NEEDED');
  });

  it('a user whose licence is only removed (they hold the new one already) gets the backup of what goes with it', async () => {
    expect(find((await move(file(), 'sub-old', 'sub-exchange', 'u-cy')).notices, 'BACKUP_REQUIRED')).toEqual({ code: 'BACKUP_REQUIRED', services: ['sharepoint', 'onedrive', 'yammer'] });
  });

  it('MCA: users left without a licence of the new plan lose every data service of the old one', async () => {
    const mca = single('m365-business-standard', {}, 'MCA', 8);
    const answer = await check(mca, 'sub-old', 'm365-business-premium', '--count', '3');
    expect(find(answer.notices, 'BACKUP_REQUIRED')).toEqual({ code: 'BACKUP_REQUIRED', services: ['exchange', 'sharepoint', 'onedrive', 'yammer'], usersLosingLicence: 5 });
    expect(answer.notices).toContainEqual({ code: 'MCA_ASSIGN_LICENSES', licenseCount: 3, users: 8 });
    const words = await cli(['check', '--tenant', mca, '--subscription', 'sub-old', '--to', 'm365-business-premium', '--count', '3']);
    expect(words.stdout).toContain('Users who get no licence of the new plan (5)');
    expect(words.stdout).not.toContain('The new plan lacks');
    const everyone = await check(mca, 'sub-old', 'm365-business-premium', '--count', '8');
    expect(codes(everyone.notices)).toContain('NO_BACKUP_NEEDED');
  });
});

describe('6. a subscription of another organisation (sv article, step 2)', () => {
  it('move to a subscription that is not in the tenant: SUBSCRIPTION_OTHER_ORGANISATION, and nothing is written', async () => {
    const file = single('m365-business-standard');
    const before = readFileSync(file);
    const answer = await move(file, 'sub-old', 'sub-bought-for-fabrikam', 'u-sub-old-1', '--apply');
    expect(answer.blockers).toContainEqual({ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: 'sub-bought-for-fabrikam' });
    expect(answer).toMatchObject({ canApply: false, applied: false });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('check --to-subscription: a subscription bought for another organisation is SUBSCRIPTION_OTHER_ORGANISATION on the manual path', async () => {
    const answer = await check(single('m365-business-standard'), 'sub-old', 'm365-business-premium', '--to-subscription', 'sub-bought-for-fabrikam');
    expect(answer.path).toBe('manual');
    expect(answer.blockers).toContainEqual({ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: 'sub-bought-for-fabrikam' });
    expect(answer.canChangeNow).toBe(false);
  });

  it('check --to-subscription in this organisation: step 2\'s checks, Active and a licence for every user', async () => {
    const file = tenantFile({
      subscriptions: [subscription({ id: 'sub-old', planId: 'm365-business-standard' }), subscription({ id: 'sub-new', planId: 'm365-business-premium', purchasedLicenses: 3, status: 'warning' })],
      users: users(5, 'sub-old'),
    });
    const answer = await check(file, 'sub-old', 'm365-business-premium', '--to-subscription', 'sub-new');
    expect(answer.path).toBe('manual');
    expect(codes(answer.blockers)).toEqual(['SUBSCRIPTION_NOT_ACTIVE', 'NOT_ENOUGH_LICENSES']);
    expect(find(answer.blockers, 'NOT_ENOUGH_LICENSES')).toMatchObject({ needed: 5, available: 3, toBuy: 2 });
    expectBadInput(await cli(['check', '--tenant', file, '--subscription', 'sub-old', '--to', 'm365-business-basic', '--to-subscription', 'sub-new', '--lang', 'sv']), '--to-subscription', 'sub-new');
  });

  it('is explained in every language', async () => {
    for (const lng of LANGUAGES) {
      const run = await cli(['move', '--tenant', single('m365-business-standard'), '--from', 'sub-old', '--to', 'sub-elsewhere', '--users', 'u-sub-old-1', '--lang', lng]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('sub-elsewhere');
    }
  });
});

describe('7. money: one calculation for the prepaid loss and the credit (pl article)', () => {
  const prepaid = () => single('m365-business-standard', { purchasedLicenses: 10, billingFrequency: 'annual', paymentMethod: 'prepaid-product-key', prepaidRemainingValue: 10000, currency: 'SEK', pricePerLicensePerMonth: 130 });

  it('the credit is what remains of the prepaid value less what is lost', async () => {
    const answer = await check(prepaid(), 'sub-old', 'm365-business-basic');
    const lost = find(answer.notices, 'PREPAID_VALUE_LOST') as unknown as { amount: { minor: number }; remaining: { minor: number }; newCost: { minor: number } };
    const credit = find(answer.notices, 'PRORATED_CREDIT') as unknown as { amount: { minor: number } };
    expect(lost.remaining.minor).toBe(1_000_000);
    expect(credit.amount.minor + lost.amount.minor).toBe(lost.remaining.minor);
    expect(credit.amount.minor).toBe(lost.newCost.minor);
  });

  it('nothing lost: the whole prepaid value is the credit', async () => {
    const answer = await check(prepaid(), 'sub-old', 'm365-business-premium');
    expect(codes(answer.notices)).not.toContain('PREPAID_VALUE_LOST');
    expect(find(answer.notices, 'PRORATED_CREDIT')).toMatchObject({ amount: { minor: 1_000_000, currency: 'SEK' } });
  });

  it.each(LANGUAGES)('the human output in %s shows the amounts formatted for the language, the same in both places', async (lng) => {
    const answer = await check(prepaid(), 'sub-old', 'm365-business-basic');
    const credit = find(answer.notices, 'PRORATED_CREDIT') as unknown as { amount: { minor: number; currency: string } };
    const run = await cli(['check', '--tenant', prepaid(), '--subscription', 'sub-old', '--to', 'm365-business-basic', '--lang', lng]);
    expect(run.stdout).toContain(formatMoney(credit.amount, lng));
    expect(run.stdout.split(formatMoney(credit.amount, lng)).length - 1).toBeGreaterThanOrEqual(2);
  });

  it('counts are formatted for the language', async () => {
    const big = single('m365-business-standard', { purchasedLicenses: 2000 }, 'MOSA', 1500);
    expect((await cli(['check', '--tenant', big, '--subscription', 'sub-old', '--to', 'm365-business-premium', '--lang', 'sv'])).stdout).toContain('1\u00a0500');
    expect((await cli(['check', '--tenant', big, '--subscription', 'sub-old', '--to', 'm365-business-premium', '--lang', 'en'])).stdout).toContain('1,500');
  });
});

describe('8. words from the rules', () => {
  it('an advisory is told as an advisory, not as an incident', async () => {
    const file = tenantFile({ subscriptions: [subscription({ id: 'sub-old', planId: 'm365-business-standard' })], users: users(2, 'sub-old'), serviceHealth: [{ service: 'exchange', status: 'advisory' }] });
    const answer = await check(file, 'sub-old', 'm365-business-premium');
    expect(find(answer.blockers, 'SERVICE_NOT_READY')).toMatchObject({ health: [{ service: 'exchange', status: 'advisory' }] });
    const run = await cli(['check', '--tenant', file, '--subscription', 'sub-old', '--to', 'm365-business-premium']);
    expect(run.stdout).toContain('advisory');
    expect(run.stdout).not.toMatch(/incident/i);
    expect((await cli(['check', '--tenant', file, '--subscription', 'sub-old', '--to', 'm365-business-premium', '--lang', 'sv'])).stdout).not.toMatch(/incident/i);
  });

  it('another change in progress says where: another subscription of the organisation, not "this subscription"', async () => {
    const file = tenantFile({
      subscriptions: [subscription({ id: 'sub-old', planId: 'm365-business-standard' }), subscription({ id: 'sub-busy', planId: 'exchange-online-plan-1', changeInProgress: true })],
      users: users(2, 'sub-old'),
    });
    const answer = await check(file, 'sub-old', 'm365-business-premium');
    expect(find(answer.blockers, 'CHANGE_OR_CREDIT_CHECK_PENDING')).toMatchObject({ subscriptionIds: ['sub-busy'], onThisSubscription: false });
    const run = await cli(['check', '--tenant', file, '--subscription', 'sub-old', '--to', 'm365-business-premium']);
    expect(run.stdout).toContain('sub-busy');
    expect(run.stdout).not.toContain('for this subscription');
  });

  it('the team-site link uses the tenant\'s .onmicrosoft.com domain', async () => {
    const run = await cli(['check', '--tenant', single('m365-business-standard'), '--subscription', 'sub-old', '--to', 'exchange-online-plan-1']);
    expect(run.stdout).toContain('https://contoso.onmicrosoft.com/_layouts/15/start.aspx#/SitePages/Home.aspx');
    expect(run.stdout).not.toContain('https://contoso.com/_layouts');
  });

  it('"24 hours to appear" only where the older article says it', async () => {
    const current = await cli(['check', '--tenant', single('m365-business-premium'), '--subscription', 'sub-old', '--to', 'exchange-online-plan-1']);
    expect(current.stdout).toContain('Step 2');
    expect(current.stdout).not.toContain('24 hours');
    const older = await cli(['check', '--tenant', single('o365-k1'), '--subscription', 'sub-old', '--to', 'm365-business-premium']);
    expect(older.stdout).toContain('24 hours');
    const notActive = tenantFile({
      subscriptions: [subscription({ id: 'sub-old', planId: 'm365-business-standard' }), subscription({ id: 'sub-new', planId: 'm365-business-premium', status: 'warning' })],
      users: users(2, 'sub-old'),
    });
    const moved = await cli(['move', '--tenant', notActive, '--from', 'sub-old', '--to', 'sub-new', '--users', 'u-sub-old-1']);
    expect(moved.stdout).toContain('sub-new');
    expect(moved.stdout).not.toContain('24 hours');
  });
});

describe('9. move --count N: an MCA licence count (sv article: enter the number of licences you want)', () => {
  const mcaTenant = () =>
    tenantFile({
      billingAccountType: 'MCA',
      subscriptions: [subscription({ id: 'sub-old', planId: 'm365-business-standard', purchasedLicenses: 10 }), subscription({ id: 'sub-new', planId: 'm365-business-premium', purchasedLicenses: 1 })],
      users: users(6, 'sub-old'),
    });

  it('the counted licences move with the users, and --apply writes both counts', async () => {
    const file = mcaTenant();
    const answer = await move(file, 'sub-old', 'sub-new', 'u-sub-old-1,u-sub-old-2,u-sub-old-3', '--count', '3', '--apply');
    expect(answer).toMatchObject({ licenseCount: 3, canApply: true, applied: true });
    const after = JSON.parse(readFileSync(file, 'utf8')) as { subscriptions: { id: string; purchasedLicenses: number }[] };
    expect(after.subscriptions.map((s) => [s.id, s.purchasedLicenses])).toEqual([['sub-old', 7], ['sub-new', 4]]);
  });

  it('too few counted licences for the users: NOT_ENOUGH_LICENSES, nothing written', async () => {
    const file = mcaTenant();
    const before = readFileSync(file);
    const answer = await move(file, 'sub-old', 'sub-new', 'u-sub-old-1,u-sub-old-2,u-sub-old-3', '--count', '1', '--apply');
    expect(answer.blockers).toContainEqual(expect.objectContaining({ code: 'NOT_ENOUGH_LICENSES', toBuy: 1 }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('human output names the licences that move', async () => {
    const run = await cli(['move', '--tenant', mcaTenant(), '--from', 'sub-old', '--to', 'sub-new', '--users', 'u-sub-old-1', '--count', '2', '--lang', 'sv']);
    expect(run.stdout).toContain('2 licenser flyttas');
  });

  it.each([
    ['abc', 'en'], ['0', 'sv'], ['-1', 'nb'], ['1.5', 'pl'], ['', 'en'],
  ])('--count "%s" is bad input (exit 2, one line naming --count, in %s), nothing written', async (value, lng) => {
    const file = mcaTenant();
    const before = readFileSync(file);
    expectBadInput(await cli(['move', '--tenant', file, '--from', 'sub-old', '--to', 'sub-new', '--users', 'u-sub-old-1', `--count=${value}`, '--apply', '--lang', lng]), '--count');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('more than the old subscription has, or a MOSA tenant: bad input naming --count', async () => {
    expectBadInput(await cli(['move', '--tenant', mcaTenant(), '--from', 'sub-old', '--to', 'sub-new', '--users', 'u-sub-old-1', '--count', '11', '--lang', 'sv']), '--count', '11', '10');
    const mosa = tenantFile({ subscriptions: [subscription({ id: 'sub-old', planId: 'm365-business-standard' }), subscription({ id: 'sub-new', planId: 'm365-business-premium' })], users: users(2, 'sub-old') });
    expectBadInput(await cli(['move', '--tenant', mosa, '--from', 'sub-old', '--to', 'sub-new', '--users', 'u-sub-old-1', '--count', '1', '--lang', 'pl']), '--count', 'MCA');
    expectBadInput(await cli(['check', '--tenant', mosa, '--subscription', 'sub-old', '--to', 'm365-business-premium', '--count', '1']), '--count', 'MCA');
  });
});
