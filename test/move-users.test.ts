import { describe, expect, it } from 'vitest';
import { applyMove, planMove } from '../domain/move-users';
import { subscription, tenant, users } from './support/tenant-builder';

const snapshot = (targetLicences = 5, targetPlan = 'm365-business-premium') =>
  tenant({
    subscriptions: [
      subscription({ id: 'sub-std', planId: 'm365-business-standard' }),
      subscription({ id: 'sub-prem', planId: targetPlan, purchasedLicenses: targetLicences }),
    ],
    users: [
      ...users(4, 'sub-std').map((u, i) => (i === 0 ? { ...u, licenses: [{ subscriptionId: 'sub-std', disabledServices: ['yammer' as const] }] } : u)),
      ...users(2, 'sub-prem'),
    ],
  });

const request = { fromSubscriptionId: 'sub-std', toSubscriptionId: 'sub-prem', userIds: ['u-sub-std-1', 'u-sub-std-2'] };

describe('planning a move', () => {
  it('replaces each chosen licence in one step and notes what resets', () => {
    const plan = planMove(snapshot(), { ...request, asUpn: 'licence@contoso.com' });
    expect(plan.ok && plan.value).toMatchObject({
      canApply: true,
      blockers: [],
      replacements: [
        { userId: 'u-sub-std-1', removeSubscriptionId: 'sub-std', addSubscriptionId: 'sub-prem' },
        { userId: 'u-sub-std-2', removeSubscriptionId: 'sub-std', addSubscriptionId: 'sub-prem' },
      ],
    });
    expect(plan.ok && plan.value.notices).toContainEqual({ code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET', count: 1, userIds: ['u-sub-std-1'] });
    expect(plan.ok && plan.value.notices).toContainEqual({ code: 'NO_BACKUP_NEEDED' });
  });

  it.each([
    ['global@contoso.com', true],
    ['licence@contoso.com', true],
    ['useradmin@contoso.com', true],
    ['billing@contoso.com', false],
    ['plain@contoso.com', false],
    ['helpdesk@contoso.com', false],
    ['stranger@fabrikam.com', false],
  ])('%s may assign licences: %s', (upn, allowed) => {
    const plan = planMove(snapshot(), { ...request, asUpn: upn });
    expect(plan.ok && plan.value.canApply).toBe(allowed);
  });

  it('NOT_ENOUGH_LICENSES says how many to buy', () => {
    const plan = planMove(snapshot(3), { ...request, userIds: ['u-sub-std-1', 'u-sub-std-2', 'u-sub-std-3'] });
    expect(plan.ok && plan.value.blockers).toContainEqual({ code: 'NOT_ENOUGH_LICENSES', needed: 3, available: 1, toBuy: 2, subscriptionId: 'sub-prem' });
  });

  it('BACKUP_REQUIRED when the target lacks a data-related service the users have', () => {
    const plan = planMove(snapshot(5, 'exchange-online-plan-1'), request);
    expect(plan.ok && plan.value.notices).toContainEqual({ code: 'BACKUP_REQUIRED', services: ['sharepoint', 'onedrive', 'yammer'] });
  });

  it('refuses users who do not hold the source licence and a target that is not active', () => {
    const notActive = tenant({
      subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' }), subscription({ id: 'sub-prem', planId: 'm365-business-premium', status: 'suspended' })],
      users: users(2, 'sub-std'),
    });
    const plan = planMove(notActive, { ...request, userIds: ['u-sub-std-1', 'u-plain'] });
    expect(plan.ok && plan.value.blockers.map((b) => b.code)).toEqual(['USERS_NOT_ON_SUBSCRIPTION', 'SUBSCRIPTION_NOT_ACTIVE']);
  });

  it('names bad input: unknown user, unknown or same subscription, nobody chosen', () => {
    expect(planMove(snapshot(), { ...request, userIds: ['ghost'] })).toEqual({ ok: false, error: { code: 'UNKNOWN_USER', userId: 'ghost' } });
    expect(planMove(snapshot(), { ...request, fromSubscriptionId: 'nope' })).toEqual({ ok: false, error: { code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: 'nope' } });
    // A subscription outside the tenant was bought for another organisation: an answer, not bad input.
    expect(planMove(snapshot(), { ...request, toSubscriptionId: 'nope' })).toMatchObject({ ok: true, value: { canApply: false, blockers: [{ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: 'nope' }] } });
    expect(planMove(snapshot(), { ...request, toSubscriptionId: 'sub-std' })).toEqual({ ok: false, error: { code: 'SAME_SUBSCRIPTION', subscriptionId: 'sub-std' } });
    expect(planMove(snapshot(), { ...request, userIds: [] })).toEqual({ ok: false, error: { code: 'NO_USERS_CHOSEN' } });
  });
});

describe('applying a move', () => {
  it('moves the users, resets their services and leaves everyone else untouched', () => {
    const before = snapshot();
    const applied = applyMove(before, request);
    if (!applied.ok) throw new Error(applied.error.code);
    const after = applied.value.snapshot;
    const licences = (id: string) => after.users.find((u) => u.id === id)!.licenses;
    expect(licences('u-sub-std-1')).toEqual([{ subscriptionId: 'sub-prem', disabledServices: [] }]);
    expect(licences('u-sub-std-2')).toEqual([{ subscriptionId: 'sub-prem', disabledServices: [] }]);
    expect(licences('u-sub-std-3')).toEqual([{ subscriptionId: 'sub-std', disabledServices: [] }]);
    expect(before.users.find((u) => u.id === 'u-sub-std-1')!.licenses[0]!.subscriptionId).toBe('sub-std');
  });

  it('is all or nothing: one blocker and no user moves', () => {
    const before = snapshot(2);
    const frozen = JSON.stringify(before);
    const applied = applyMove(before, { ...request, userIds: ['u-sub-std-1', 'u-sub-std-2', 'u-sub-std-3', 'u-sub-std-4'] });
    expect(applied.ok).toBe(false);
    expect(!applied.ok && applied.error.code).toBe('MOVE_BLOCKED');
    expect(JSON.stringify(before)).toBe(frozen);
  });
});
