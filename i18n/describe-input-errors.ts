import type { InputError } from '../domain/findings';
import type { DescriberTable } from './describer';

// Requests the rules cannot answer: a title and an explanation, no resolution.

export const INPUT_ERROR_DESCRIBERS: DescriberTable<InputError> = {
  UNKNOWN_SUBSCRIPTION: (f) => ({ vars: { subscriptionId: f.subscriptionId }, explanation: ['explanation'] }),
  UNKNOWN_PLAN: (f) => ({ vars: { planId: f.planId }, explanation: ['explanation'] }),
  UNKNOWN_USER: (f) => ({ vars: { userId: f.userId }, explanation: ['explanation'] }),
  SAME_PLAN: (f, w) => ({ vars: { plan: w.plan(f.planId) }, explanation: ['explanation'] }),
  SAME_SUBSCRIPTION: (f) => ({ vars: { subscriptionId: f.subscriptionId }, explanation: ['explanation'] }),
  NO_USERS_CHOSEN: () => ({ vars: {}, explanation: ['explanation'] }),
  INVALID_LICENSE_COUNT: (f) =>
    f.max === undefined
      ? { vars: { licenseCount: String(f.licenseCount) }, explanation: ['explanation'] }
      : { vars: { licenseCount: f.licenseCount, highest: f.max }, explanation: ['tooMany'] },
  LICENSE_COUNT_NEEDS_MCA: (f) => ({ vars: { licenseCount: f.licenseCount }, explanation: ['explanation'] }),
  SUBSCRIPTION_PLAN_MISMATCH: (f, w) => ({
    vars: { subscriptionId: f.subscriptionId, subscriptionPlan: w.plan(f.subscriptionPlan), plan: w.plan(f.planId) },
    explanation: ['explanation'],
  }),
};
