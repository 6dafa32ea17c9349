import type { TFunction } from 'i18next';
import { dataServicesLost, type Plan } from '../../domain/catalogue';
import { changeCredit, CREDIT_INVOICE_WITHIN_DAYS, currentPeriod, mcaCancelWindow, newSubscriptionCost } from '../../domain/billing';
import type { ChangePath } from '../../domain/eligibility';
import { fromDecimal, type Money } from '../../domain/money';
import type { Subscription, TenantSnapshot } from '../../domain/snapshot/schema';
import type { BillingCardInput } from '../../cards/billing-card';
import { subscriptionName } from '../../cards/subscription-name';
import { describeFinding, type Finding } from '../../i18n/describe';
import { formatDate, formatMoney } from '../../i18n/format';
import type { Language } from '../../i18n/languages';

export interface BillingViewRequest {
  snapshot: TenantSnapshot;
  subscription: Subscription;
  from: Plan;
  to: Plan;
  /** The way the change would go: its effects on service differ. */
  path: ChangePath;
  /** YYYY-MM-DD (UTC): the day the figures are for. */
  today: string;
}

type Note = BillingCardInput['notes'][number];

const AUTOMATIC_EFFECTS = ['users', 'admins', 'noReassign', 'usersAndData', 'billing', 'credit', 'creditTiming'].map((k) => `rules:effects.${k}`);
const WIZARD_EFFECTS = [
  'users',
  'wizard.admins',
  'wizard.duration',
  'wizard.licenceReassignment',
  'wizard.stillRunning',
  'noReassign',
  'usersAndData',
  'licencesAddOnly',
  'wizard.billing',
  'credit',
  'creditTiming',
].map((k) => `rules:effects.${k}`);
const MANUAL_EFFECTS = ['billing:card.manual.users', 'billing:card.manual.billing'];

const EFFECTS: Record<ChangePath, string[]> = { automatic: AUTOMATIC_EFFECTS, 'legacy-wizard': WIZARD_EFFECTS, manual: MANUAL_EFFECTS };

/** The service effects of the way a change would go, and the subscription's billing figures for today. */
export function billingView(t: TFunction, lng: Language, request: BillingViewRequest): BillingCardInput {
  const { snapshot, subscription, from, to, path, today } = request;
  const money = (m: Money) => formatMoney(m, lng);
  const date = (iso: string) => formatDate(iso, lng);
  const finding = (notice: Finding, style: Note['style']): Note => {
    const d = describeFinding(notice, lng);
    return { title: d.title, text: [d.explanation, d.resolution].filter(Boolean).join(' '), style };
  };

  const period = currentPeriod(subscription, today);
  const cost = newSubscriptionCost(subscription, to);
  // One calculation for the credit and the prepaid loss, the same as `check` gives (issue 15).
  const credit = changeCredit(subscription, to, today);
  const mcaWindow = snapshot.tenant.billingAccountType === 'MCA' ? mcaCancelWindow(subscription, today) : undefined;
  // MCA, manual: the old subscription is cancelled by hand, and past the seven days that gives no credit at all.
  const noCredit = path === 'manual' && mcaWindow !== undefined && !mcaWindow.open;
  const facts: BillingCardInput['facts'][number][] = [
    { label: t(`billing:card.facts.period.${subscription.billingFrequency}`), value: t('billing:card.facts.periodValue', { start: date(period.start), end: date(period.end) }) },
    {
      label: t('billing:card.facts.credit'),
      value: noCredit ? t('billing:card.facts.noneLost') : t('billing:card.facts.creditValue', { amount: money(credit.credit), count: CREDIT_INVOICE_WITHIN_DAYS }),
    },
    {
      label: t(`billing:card.facts.cost.${subscription.billingFrequency}`, { plan: to.name, count: subscription.purchasedLicenses }),
      value: cost ? money(cost) : t('billing:card.facts.unknown'),
    },
  ];
  const notes: Note[] = [];
  if (!cost) notes.push(finding({ code: 'PRICE_UNKNOWN', currency: subscription.currency }, 'warning'));

  if (subscription.prepaidRemainingValue > 0) {
    facts.push({ label: t('billing:card.facts.prepaidRemaining'), value: money(fromDecimal(subscription.prepaidRemainingValue, subscription.currency)) });
    const prepaid = credit.newCost ? { remaining: credit.unused, newCost: credit.newCost, lost: credit.lost } : undefined;
    if (prepaid && prepaid.lost.minor > 0) {
      facts.push({ label: t('billing:card.facts.prepaidLost'), value: money(prepaid.lost) });
      notes.push(finding({ code: 'PREPAID_VALUE_LOST', amount: prepaid.lost, remaining: prepaid.remaining, newCost: prepaid.newCost }, 'attention'));
    } else if (prepaid) {
      facts.push({ label: t('billing:card.facts.prepaidLost'), value: t('billing:card.facts.noneLost') });
      notes.push({ title: t('billing:card.prepaidKept.title'), text: t('billing:card.prepaidKept.text', { newCost: money(prepaid.newCost), remaining: money(prepaid.remaining) }), style: 'good' });
    }
  }

  if (mcaWindow) {
    const window = mcaWindow;
    // Before a period has started its window is still ahead, not closed.
    const open = today <= window.lastDay;
    facts.push({ label: t('billing:card.facts.mcaWindow'), value: t(open ? 'billing:card.facts.mcaOpen' : 'billing:card.facts.mcaClosed', { date: date(window.lastDay) }) });
    notes.push(
      open
        ? { title: t('billing:card.mcaOpen.title'), text: t('billing:card.mcaOpen.text', { periodStart: date(window.periodStart), lastDay: date(window.lastDay) }), style: 'good' }
        : finding({ code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: window.periodStart, closedOn: window.lastDay, ...(noCredit ? { paidUntil: window.paidUntil } : {}) }, 'warning'),
    );
  }

  if (subscription.unpaidBalance > 0) {
    const balance = fromDecimal(subscription.unpaidBalance, subscription.currency);
    facts.push({ label: t('billing:card.facts.unpaid'), value: money(balance) });
    notes.push(finding({ code: 'UNPAID_INVOICE_BALANCE', balance }, 'attention'));
  }

  const actions: BillingCardInput['actions'][number][] = [
    path === 'manual' ? { title: t('billing:actions.manual'), flow: 'manual' } : { title: t('billing:actions.changePlan'), flow: 'change-plan' },
  ];
  if (dataServicesLost(from, to).length > 0) actions.push({ title: t('billing:actions.backup'), flow: 'backup' });

  return {
    title: t('billing:card.title', { from: from.name, to: to.name }),
    subtitle: t('billing:card.subtitle', { id: subscriptionName(subscription, snapshot, t, lng), today: date(today) }),
    way: t('billing:card.way', { way: t(`rules:paths.${path}.title`) }),
    wayText: t(`rules:paths.${path}.description`),
    serviceHeading: t('billing:card.service'),
    effects: EFFECTS[path].map((key) => t(key)),
    billingHeading: t('billing:card.billing'),
    facts,
    notes,
    actions,
  };
}
