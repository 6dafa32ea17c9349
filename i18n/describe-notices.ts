import type { Notice } from '../domain/findings';
import type { DescriberTable } from './describer';

// Notices that accompany a change (domain-rules.md sections 3 and 5).

export const NOTICE_DESCRIBERS: DescriberTable<Notice> = {
  BACKUP_REQUIRED: (f, w) => ({
    vars: { count: f.services.length, services: w.services(f.services), users: f.usersLosingLicence ?? 0 },
    // Users left without a licence lose every service of the old plan, whatever the new plan has: say that alone.
    explanation: f.usersLosingLicence ? ['leaving'] : ['explanation'],
    resolution: 'resolution',
    details: f.services.map((s) => `${w.t(`services.${s}`)}: ${w.t(`backup.${s}`, { orgDomain: w.orgDomain })}`),
  }),
  NO_BACKUP_NEEDED: () => ({ vars: {}, explanation: ['explanation'], resolution: 'resolution' }),
  CUSTOM_SERVICE_ASSIGNMENTS_RESET: (f) => ({
    vars: { count: f.count },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  CROSS_FAMILY_NO_RETURN: (f, w) => ({
    vars: {
      fromFamily: w.t(`families.${f.fromFamily}`, { defaultValue: f.fromFamily }),
      toFamily: w.t(`families.${f.toFamily}`, { defaultValue: f.toFamily }),
    },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  OFFICE_REACTIVATION: () => ({ vars: {}, explanation: ['explanation'], resolution: 'resolution' }),
  PREPAID_VALUE_LOST: (f, w) => ({
    vars: { amount: w.money(f.amount), remaining: w.money(f.remaining), newCost: w.money(f.newCost) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  PRORATED_CREDIT: (f, w) => ({
    vars: { count: f.invoiceWithinDays, amount: w.money(f.amount) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  MCA_CANCEL_WINDOW_CLOSED: (f, w) => ({
    vars: { periodStart: w.date(f.periodStart), closedOn: w.date(f.closedOn), paidUntil: f.paidUntil ? w.date(f.paidUntil) : '' },
    // What happens instead of a credit: the old subscription is paid to the end of its term.
    explanation: f.paidUntil ? ['explanation', 'instead'] : ['explanation'],
    resolution: 'resolution',
  }),
  MCA_ASSIGN_LICENSES: (f) => ({
    vars: { count: f.licenseCount, users: f.users },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  PRICE_UNKNOWN: (f) => ({
    vars: { currency: f.currency },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
};
