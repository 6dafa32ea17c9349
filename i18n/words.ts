import type { TFunction } from 'i18next';
import { findPlan } from '../domain/catalogue';
import type { Money } from '../domain/money';
import type { Role, Service } from '../domain/vocabulary';
import { formatDate, formatList, formatMoney } from './format';
import type { Language } from './languages';
import { translator } from './translator';

// Everything a finding's description needs in one language: its `t` (namespace `rules`), and names
// for services, roles, plans and users, money and dates, formatted for that language.

export interface DescribeContext {
  /** The organisation's domain, for the SharePoint team-site address (contoso.onmicrosoft.com). */
  orgDomain?: string;
  /** A plan's display name; by default the catalogue's name, else the id. */
  planName?: (planId: string) => string;
  /** A user's display name; by default the id. */
  userName?: (userId: string) => string;
  /** A subscription as a person names it (its plan, and what tells it apart); by default the id. */
  subscriptionName?: (subscriptionId: string) => string;
}

export type Vars = Record<string, unknown>;

export interface Words {
  lng: Language;
  t: (key: string, vars?: Vars) => string;
  orgDomain: string;
  money(money: Money): string;
  date(iso: string): string;
  services(services: readonly Service[]): string;
  /** Roles as alternatives: "Global administrator or Billing administrator". */
  roles(roles: readonly Role[]): string;
  /** Plans as alternatives, by name. */
  plans(planIds: readonly string[]): string;
  plan(planId: string): string;
  users(userIds: readonly string[]): string;
  subscription(subscriptionId: string): string;
  subscriptions(subscriptionIds: readonly string[]): string;
  list(items: readonly string[]): string;
}

function plainT(t: TFunction): (key: string, vars?: Vars) => string {
  return (key, vars) => String(t(key, vars ?? {}));
}

export function wordsFor(lng: Language, context: DescribeContext = {}): Words {
  const t = plainT(translator(lng));
  const plan = (id: string) => context.planName?.(id) ?? findPlan(id)?.name ?? id;
  const user = (id: string) => context.userName?.(id) ?? id;
  const subscription = (id: string) => context.subscriptionName?.(id) ?? id;
  return {
    lng,
    t,
    orgDomain: context.orgDomain ?? t('backup.orgDomainPlaceholder'),
    money: (money) => formatMoney(money, lng),
    date: (iso) => formatDate(iso, lng),
    services: (services) => formatList(services.map((s) => t(`services.${s}`)), lng),
    roles: (roles) => formatList(roles.map((r) => t(`roles.${r}`)), lng, 'disjunction'),
    plans: (ids) => formatList(ids.map(plan), lng, 'disjunction'),
    plan,
    users: (ids) => formatList(ids.map(user), lng),
    subscription,
    subscriptions: (ids) => formatList(ids.map(subscription), lng),
    list: (items) => formatList(items, lng),
  };
}
