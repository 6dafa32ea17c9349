import { describe, expect, it } from 'vitest';
import { parseSnapshot, parseSnapshotJson } from '../domain/snapshot/parse';

const contractExample = () => ({
  tenant: { id: 'contoso', name: 'Contoso Ltd', domains: ['contoso.com', 'contoso.onmicrosoft.com'], billingAccountType: 'MOSA' },
  subscriptions: [
    {
      id: 'sub-standard', planId: 'm365-business-standard', status: 'active', purchasedLicenses: 10,
      startDate: '2026-01-15', renewalDate: '2027-01-15', billingFrequency: 'monthly', paymentMethod: 'credit-card',
      pricePerLicensePerMonth: 12.5, currency: 'EUR', unpaidBalance: 0, prepaidRemainingValue: 0, segment: 'commercial',
      provisioned: true, eligibleForChange: true, changeInProgress: false, creditCheckPending: false, beforeServiceUpgrade: false,
      addOns: [{ name: 'Exchange Online Archiving', blocksChange: true }],
    },
  ],
  users: [
    { id: 'u-anna', upn: 'anna@contoso.com', displayName: 'Anna Lind', roles: ['GlobalAdmin'], licenses: [{ subscriptionId: 'sub-standard', disabledServices: ['yammer'] }] },
  ],
  serviceHealth: [{ service: 'exchange', status: 'degraded' }],
});

describe('the tenant snapshot', () => {
  it("accepts the contract's own example", () => {
    expect(parseSnapshot(contractExample()).ok).toBe(true);
  });

  it('applies the contract defaults to optional fields', () => {
    const input = contractExample() as Record<string, any>;
    const sub = input.subscriptions[0];
    for (const key of ['unpaidBalance', 'prepaidRemainingValue', 'segment', 'provisioned', 'eligibleForChange', 'changeInProgress', 'creditCheckPending', 'beforeServiceUpgrade', 'addOns']) delete sub[key];
    delete input.users[0].roles;
    delete input.users[0].licenses[0].disabledServices;
    delete input.serviceHealth;
    const parsed = parseSnapshot(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.subscriptions[0]).toMatchObject({ unpaidBalance: 0, prepaidRemainingValue: 0, segment: 'commercial', provisioned: true, eligibleForChange: true, changeInProgress: false, creditCheckPending: false, beforeServiceUpgrade: false, addOns: [] });
    expect(parsed.value.users[0]).toMatchObject({ roles: ['User'], licenses: [{ subscriptionId: 'sub-standard', disabledServices: [] }] });
    expect(parsed.value.serviceHealth).toEqual([]);
  });

  it('rejects an unknown field with its path', () => {
    const input = contractExample() as Record<string, any>;
    input.subscriptions[0].colour = 'blue';
    input.users[0].licenses[0].extra = 1;
    expect(parseSnapshot(input)).toEqual({
      ok: false,
      error: { code: 'INVALID_SNAPSHOT', issues: [
        { path: 'subscriptions[0].colour', problem: 'unknown-field' },
        { path: 'users[0].licenses[0].extra', problem: 'unknown-field' },
      ] },
    });
  });

  it.each([
    ['subscriptions[0].status', (i: any) => (i.subscriptions[0].status = 'paused'), 'not-allowed'],
    ['subscriptions[0].planId', (i: any) => (i.subscriptions[0].planId = 'm365-e9'), 'not-allowed'],
    ['subscriptions[0].purchasedLicenses', (i: any) => (i.subscriptions[0].purchasedLicenses = -1), 'out-of-range'],
    ['subscriptions[0].startDate', (i: any) => (i.subscriptions[0].startDate = '2026-02-30'), 'bad-format'],
    ['subscriptions[0].currency', (i: any) => (i.subscriptions[0].currency = 'euro'), 'bad-format'],
    ['tenant.billingAccountType', (i: any) => delete i.tenant.billingAccountType, 'required'],
    ['users[0].roles[0]', (i: any) => (i.users[0].roles = ['Wizard']), 'not-allowed'],
    ['serviceHealth[0].status', (i: any) => (i.serviceHealth[0].status = 'on-fire'), 'not-allowed'],
    ['subscriptions[0].pricePerLicensePerMonth', (i: any) => (i.subscriptions[0].pricePerLicensePerMonth = '12.5'), 'wrong-type'],
  ])('rejects a bad %s', (path, spoil, problem) => {
    const input = contractExample();
    spoil(input);
    const parsed = parseSnapshot(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.issues[0]).toMatchObject({ path, problem });
  });

  it('names the allowed values for an enumeration', () => {
    const input = contractExample() as any;
    input.subscriptions[0].billingFrequency = 'weekly';
    const parsed = parseSnapshot(input);
    expect(!parsed.ok && parsed.error.issues[0]!.expected).toBe('monthly, annual');
  });

  it('reports consistency problems: a licence of a missing subscription, duplicate ids', () => {
    const input = contractExample() as any;
    input.users.push({ ...input.users[0], upn: 'anna2@contoso.com', licenses: [{ subscriptionId: 'sub-missing' }] });
    input.subscriptions.push({ ...input.subscriptions[0] });
    const parsed = parseSnapshot(input);
    expect(!parsed.ok && parsed.error.issues).toEqual([
      { path: 'subscriptions[1].id', problem: 'duplicate-id', expected: 'sub-standard' },
      { path: 'users[1].id', problem: 'duplicate-id', expected: 'u-anna' },
      { path: 'users[1].licenses[0].subscriptionId', problem: 'missing-reference', expected: 'the id of a subscription in this snapshot' },
    ]);
  });

  it('says when the text is not JSON at all', () => {
    expect(parseSnapshotJson('{ not json')).toEqual({ ok: false, error: { code: 'INVALID_SNAPSHOT', issues: [{ path: '', problem: 'not-json' }] } });
  });
});
