import { describe, expect, it } from 'vitest';
import { planManualChange } from '../domain/manual-change';
import { subscription, tenant, users } from './support/tenant-builder';

const base = (extra: ReturnType<typeof subscription>[] = []) =>
  tenant({ subscriptions: [subscription({ id: 'sub-std', planId: 'm365-business-standard' }), ...extra], users: users(6, 'sub-std') });

describe('the four manual steps', () => {
  it('asks to buy one licence per moving user when no subscription of the plan exists', () => {
    const plan = planManualChange(base(), { fromSubscriptionId: 'sub-std', toPlan: 'm365-e3', today: '2026-11-21' });
    if (!plan.ok) throw new Error(plan.error.code);
    expect(plan.value.licencesToBuy).toBe(6);
    expect(plan.value.steps.map((s) => s.status)).toEqual(['todo', 'todo', 'todo', 'optional']);
    // Today's plans have no "no way back": that is the older article's, for its service families.
    expect(plan.value.notices.map((n) => n.code)).not.toContain('CROSS_FAMILY_NO_RETURN');
  });

  it('verifies step 2 against the tenant: NOT_ENOUGH_LICENSES with how many to buy', () => {
    const plan = planManualChange(base([subscription({ id: 'sub-e3', planId: 'm365-e3', purchasedLicenses: 4 })]), { fromSubscriptionId: 'sub-std', toPlan: 'm365-e3' });
    if (!plan.ok) throw new Error(plan.error.code);
    expect(plan.value.steps[0]!.status).toBe('done');
    expect(plan.value.steps[1]).toMatchObject({ status: 'blocked', blockers: [{ code: 'NOT_ENOUGH_LICENSES', needed: 6, available: 4, toBuy: 2 }] });
  });

  it('passes step 2 when both are active and licences suffice', () => {
    const plan = planManualChange(base([subscription({ id: 'sub-e3', planId: 'm365-e3', purchasedLicenses: 6 })]), { fromSubscriptionId: 'sub-std', toPlan: 'm365-e3' });
    expect(plan.ok && plan.value.steps[1]).toMatchObject({ status: 'done', blockers: [] });
  });

  it('SUBSCRIPTION_OTHER_ORGANISATION for a subscription that does not show in this organisation', () => {
    const plan = planManualChange(base(), { fromSubscriptionId: 'sub-std', toPlan: 'm365-e3', toSubscriptionId: 'sub-bought-for-fabrikam' });
    expect(plan.ok && plan.value.steps[1]!.blockers).toContainEqual({ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: 'sub-bought-for-fabrikam' });
  });

  it('SUBSCRIPTION_NOT_ACTIVE when the new subscription is not active yet', () => {
    const plan = planManualChange(base([subscription({ id: 'sub-e3', planId: 'm365-e3', status: 'warning', purchasedLicenses: 10 })]), { fromSubscriptionId: 'sub-std', toPlan: 'm365-e3' });
    expect(plan.ok && plan.value.steps[1]!.blockers).toEqual([{ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: 'sub-e3', status: 'warning' }]);
  });

  it('gates buying on billing roles and moving on licence roles', () => {
    const plan = planManualChange(base(), { fromSubscriptionId: 'sub-std', toPlan: 'm365-e3', asUpn: 'licence@contoso.com' });
    if (!plan.ok) throw new Error(plan.error.code);
    expect(plan.value.steps[0]!.blockers.map((b) => b.code)).toEqual(['ADMIN_ROLE_REQUIRED']);
    expect(plan.value.steps[2]!.blockers).toEqual([]);
  });
});
