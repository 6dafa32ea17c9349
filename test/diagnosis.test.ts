import { describe, expect, it } from 'vitest';
import { diagnoseTenant } from '../domain/diagnosis';
import { subscription, tenant, users } from './support/tenant-builder';

describe("why can't I change plans", () => {
  it('diagnoses every live subscription at once', () => {
    const snapshot = tenant({
      subscriptions: [
        subscription({ id: 'sub-std', planId: 'm365-business-standard', purchasedLicenses: 2 }),
        subscription({ id: 'sub-exo', planId: 'exchange-online-plan-1', paymentMethod: 'invoice', unpaidBalance: 40 }),
        subscription({ id: 'sub-sb', planId: 'o365-small-business', status: 'trial' }),
        subscription({ id: 'sub-gone', planId: 'o365-e1', status: 'deleted' }),
      ],
      users: users(3, 'sub-std'),
    });
    const diagnosis = diagnoseTenant(snapshot);
    expect(diagnosis.map((d) => d.subscriptionId)).toEqual(['sub-std', 'sub-exo', 'sub-sb']);
    expect(diagnosis[0]!.blockers.map((b) => b.code)).toEqual(['MORE_USERS_THAN_LICENSES']);
    expect(diagnosis[0]!.targets).toContain('m365-business-premium');
    expect(diagnosis[0]!.targets).not.toContain('m365-apps-business');
    expect(diagnosis[1]!.blockers.map((b) => b.code)).toEqual(['UNPAID_INVOICE_BALANCE']);
    expect(diagnosis[2]).toMatchObject({ way: 'legacy-wizard', blockers: [{ code: 'TRIAL_MUST_BUY_FIRST' }] });
  });
});
