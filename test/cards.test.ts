import { describe, expect, it } from 'vitest';
import { customerPickerCard } from '../cards/customer-picker';
import { identityPickerCard } from '../cards/identity-picker';
import { mainMenuCard } from '../cards/main-menu';
import { pickPlanCard, pickSubscriptionCard, liveSubscriptions } from '../cards/pickers';
import { withMoreCard } from '../cards/action-overflow';
import { refilled, requiredMessage } from '../cards/refill';
import { subscriptionName } from '../cards/subscription-name';
import { formatDate } from '../i18n/format';
import { renderCard, UnboundTemplateFieldError } from '../cards/render';
import { FLOWS } from '../cards/submissions';
import { findPlan } from '../domain/catalogue';
import { loadDemoTenant } from '../domain/demo-tenants';
import { check } from '../domain/eligibility';
import type { SwitchJob } from '../domain/switch-job';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { confirmChangeCard } from '../dialogs/change-plan/confirmation';
import { eligibilityCard } from '../dialogs/change-plan/result-card';
import { switchStatusCard } from '../dialogs/status/status-card';
import { actionCapProblems, actionLists } from './support/card-actions';
import { cardSchemaErrors } from './support/card-schema';

const tenant = (id: string) => {
  const loaded = loadDemoTenant(id);
  if (!loaded.ok) throw new Error(id);
  return loaded.value;
};

const CHECKS: [string, string, string][] = [
  ['contoso', 'sub-standard', 'm365-business-premium'],
  ['contoso', 'sub-standard', 'm365-apps-business'],
  ['fabrikam', 'sub-standard', 'm365-business-premium'],
  ['nordlys', 'sub-basic-prepaid', 'm365-business-standard'],
  ['kowalski', 'sub-small-business', 'o365-e3'],
  ['kowalski', 'sub-k1', 'o365-e1'],
  ['woodgrove', 'sub-premium-nonprofit', 'm365-e3'],
];

const job = (step: SwitchJob['step'], extra: Partial<SwitchJob> = {}): SwitchJob => ({
  id: `job-${step}`, tenantId: 'contoso', kind: 'automatic-change', subscriptionId: 'sub-standard', fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium',
  requestedBy: 'u-anna', createdAt: '2026-11-21T10:00:00.000Z', step, replacements: [{ userId: 'u-1', removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-new' }],
  cursor: step === 'done' ? 1 : 0, batchSize: 20, attempts: 0, version: 3, ...extra,
});

describe.each(LANGUAGES)('every card in %s is a valid Adaptive Card 1.5 with every field bound', (lng) => {
  const t = translator(lng);
  const expectValid = (card: unknown) => {
    expect(cardSchemaErrors(card)).toEqual([]);
    expect(actionCapProblems(card)).toEqual([]);
  };

  it('the menu of an administrator (seven flows): five buttons and the rest under the overflow menu, or in a More card', () => {
    const menu = mainMenuCard(t, { tenantName: 'Contoso Ltd', userName: 'Anna Lind', roleNames: 'Global' });
    expectValid(menu);
    const flowsOf = (actions: Record<string, unknown>[]) => actions.map((a) => (a.data as { flow?: string } | undefined)?.flow);
    const [list] = actionLists(menu);
    expect(flowsOf(list!.actions)).toEqual([...FLOWS]);
    expect(list!.actions.filter((a) => a.mode !== 'secondary')).toHaveLength(5);
    // A host without an overflow menu: four flows, then "More" with the other three.
    const more = withMoreCard(menu, t('bot:cards.more'));
    expect(cardSchemaErrors(more)).toEqual([]);
    expect(actionCapProblems(more, { overflowMenu: false })).toEqual([]);
    const [outer, inner] = actionLists(more);
    expect(outer!.actions.map((a) => a.title).at(-1)).toBe(t('bot:cards.more'));
    expect(outer!.actions).toHaveLength(5);
    expect([...flowsOf(outer!.actions).slice(0, 4), ...flowsOf(inner!.actions)]).toEqual([...FLOWS]);
  });

  it('the menu, the pickers of identity, customer, subscription and plan', () => {
    expectValid(mainMenuCard(t, { tenantName: 'Contoso Ltd', userName: 'Anna Lind', roleNames: 'Global' }));
    expectValid(mainMenuCard(t, {}));
    expectValid(identityPickerCard(t, [{ tenantId: 'contoso', tenantName: 'Contoso', userId: 'u-anna', displayName: 'Anna', roleNames: 'Global', group: 'global' }]));
    expectValid(customerPickerCard(t, [{ id: 'contoso', name: 'Contoso Ltd' }]));
    const contoso = tenant('tailspin');
    expectValid(pickSubscriptionCard(t, lng, contoso, liveSubscriptions(contoso), { title: 'x' }));
    for (const plan of ['m365-business-standard', 'o365-small-business', 'exchange-online-kiosk', 'm365-e5']) expectValid(pickPlanCard(t, findPlan(plan)!, { title: 'x', intro: 'y' }));
  });

  it('subscriptions by their plan, told apart by their start date where two share a plan; ids only in the details line', () => {
    const fabrikam = tenant('fabrikam');
    const card = pickSubscriptionCard(t, lng, fabrikam, liveSubscriptions(fabrikam), { title: 'x' });
    expectValid(card);
    const choices = (JSON.stringify(card).match(/"choices":(\[[^\]]*\])/)?.[1] ?? '[]');
    const titles = (JSON.parse(choices) as { title: string }[]).map((c) => c.title);
    expect(titles.length).toBeGreaterThan(2);
    for (const title of titles) expect(title).not.toMatch(/sub-/);
    const standard = titles.filter((title) => title.startsWith('Microsoft 365 Business Standard'));
    expect(standard).toHaveLength(2);
    expect(standard[0]).not.toBe(standard[1]);
    expect(standard.join(' ')).toContain(formatDate('2024-04-01', lng));
    expect(standard.join(' ')).toContain(formatDate('2025-09-15', lng));
    const details = JSON.stringify(card);
    expect(details).toContain('sub-standard-goteborg');
    expect(details).toContain(t('bot:subscription.ids', { ids: '' }).replace(/\s*$/, ''));
    // A plan of its own in the organisation needs no more than its name.
    const contoso = tenant('contoso');
    const own = liveSubscriptions(contoso).find((s) => s.id === 'sub-standard')!;
    expect(subscriptionName(own, contoso, t, lng)).toBe('Microsoft 365 Business Standard');
  });

  it.each(CHECKS)('the eligibility and confirmation cards for %s %s → %s', (tenantId, subscriptionId, toPlan) => {
    const snapshot = tenant(tenantId);
    const result = check(snapshot, { subscriptionId, toPlan, asUpn: snapshot.users[0]!.upn, today: '2026-11-21' });
    if (!result.ok) throw new Error(result.error.code);
    expectValid(eligibilityCard(t, lng, snapshot, result.value, true));
    expectValid(eligibilityCard(t, lng, snapshot, result.value, false));
    expectValid(confirmChangeCard(t, lng, snapshot, result.value, 'c-1'));
  });

  it('the status card, empty and with jobs in every state', () => {
    expectValid(switchStatusCard(t, lng, []));
    expectValid(switchStatusCard(t, lng, [job('pending'), job('subscription-created'), job('done'), job('failed', { error: 'LICENCE_REPLACEMENT_FAILED' }),
      job('licences-replaced', { kind: 'move-users', toSubscriptionId: 'sub-exchange', fromPlan: undefined, toPlan: undefined })]));
  });

  it('the status card names subscriptions by their plan where the tenant is known', () => {
    const card = JSON.stringify(switchStatusCard(t, lng, [job('licences-replaced', { kind: 'move-users', toSubscriptionId: 'sub-exchange', fromPlan: undefined, toPlan: undefined })], tenant('contoso')));
    expect(card).toContain('Exchange Online (Plan 1)');
    expect(card).toContain('Microsoft 365 Business Standard');
    expect(card).not.toContain('sub-exchange');
    expect(card).not.toContain('"sub-standard"');
  });

  it('the status card of an organisation with years of switches: the newest ten, said so, and small enough for Teams', () => {
    const jobs = Array.from({ length: 37 }, (_, i) =>
      job('failed', { id: `job-${i}`, createdAt: new Date(Date.UTC(2023, i, 1)).toISOString(), error: 'LICENCE_REPLACEMENT_FAILED' }),
    );
    const card = switchStatusCard(t, lng, jobs);
    expectValid(card);
    const json = JSON.stringify(card);
    expect(Buffer.byteLength(json)).toBeLessThan(25_000);
    expect(json).toContain(t('status:recent', { shown: '10', count: 37, total: '37' }));
    const started = [...json.matchAll(/"title":"[^"]*","value":"([^"]*UTC)"/g)].map((m) => m[1]);
    expect(started).toHaveLength(10);
    // One a month from January 2023: the newest (January 2026) heads the card, and the ten reach back to April 2025 only.
    expect(started[0]).toContain('2026');
    expect(started[9]).toContain('2025');
    expect(started.filter((s) => s!.includes('2023') || s!.includes('2024'))).toEqual([]);
    expect(JSON.stringify(switchStatusCard(t, lng, jobs.slice(0, 10)))).not.toContain(t('status:recent', { shown: '10', count: 10, total: '10' }));
  });
});

describe('template binding', () => {
  it('throws on a field the template leaves unbound, instead of showing ${…} to a person', () => {
    expect(() => renderCard('switch-spent', { title: 'only a title' })).toThrow(UnboundTemplateFieldError);
  });

  it('lets data that happens to contain ${…} through as plain text', () => {
    const card = renderCard('switch-spent', { title: 'A ${name} in a display name', text: 'x' });
    expect(JSON.stringify(card)).toContain('A ${name} in a display name');
  });
});

describe('a card shown again after a press with its required field empty', () => {
  const card = {
    type: 'AdaptiveCard', version: '1.5',
    body: [
      { type: 'Input.Text', id: 'search', value: '' },
      { type: 'Input.ChoiceSet', id: 'planId', isRequired: true, errorMessage: 'Choose one.', choices: [{ title: 'A', value: 'a' }] },
    ],
  };

  it('holds what the person filled in, and names the empty field with its own message', () => {
    const again = refilled(card, { verb: 'plan.pick', search: 'premium', planId: '' });
    expect(again.body[0]).toEqual({ type: 'Input.Text', id: 'search', value: 'premium' });
    expect(again.body[1]).not.toHaveProperty('value');
    expect(card.body[0]!.value).toBe('');
    expect(requiredMessage(card, 'planId')).toBe('Choose one.');
  });
});
