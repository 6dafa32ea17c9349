import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCKER_CODES, INPUT_ERROR_CODES, NOTICE_CODES } from '../domain/findings';
import type { SnapshotProblem } from '../domain/snapshot/parse';
import { DATA_SERVICES, ROLES, SERVICES, SUBSCRIPTION_STATUSES } from '../domain/vocabulary';
import { describeFinding, describeSnapshotIssue, type Finding } from '../i18n/describe';
import { LANGUAGES, type Language } from '../i18n/languages';
import { NAMESPACES, translator } from '../i18n/translator';

// The words every language must have, and that describing any finding leaves no placeholder behind.

const LOCALES = join(import.meta.dirname, '..', 'locales');
const OTHERS = LANGUAGES.filter((lng) => lng !== 'en');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Json = string | { [key: string]: Json };

const fileOf = (lng: Language, ns: string) => join(LOCALES, lng, `${ns}.json`);

/** A namespace file's tree; a missing file reads as empty, so its keys are reported missing. */
function load(lng: Language, ns: string): Record<string, Json> {
  const file = fileOf(lng, ns);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Json>) : {};
}

/** Leaf keys as dotted paths, with their text. */
function leaves(tree: Json, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') return out.set(prefix, tree);
  for (const [key, value] of Object.entries(tree)) {
    for (const [path, text] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
  }
  return out;
}

const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
const baseKeys = (keys: Iterable<string>) => new Set([...keys].map(base));
const variables = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!));

function pluralForms(keys: Iterable<string>): Map<string, Set<string>> {
  const forms = new Map<string, Set<string>>();
  for (const key of keys) {
    const match = key.match(PLURAL_SUFFIX);
    if (!match) continue;
    const set = forms.get(base(key)) ?? new Set<string>();
    forms.set(base(key), set.add(match[1]!));
  }
  return forms;
}

const namespaceFiles = readdirSync(join(LOCALES, 'en')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

describe('locale files', () => {
  it('the translator loads every namespace file', () => {
    expect(namespaceFiles).toContain('rules');
    for (const ns of namespaceFiles) expect(NAMESPACES).toContain(ns);
  });

  describe.each(namespaceFiles)('namespace %s', (ns) => {
    const en = leaves(load('en', ns));

    it.each(OTHERS)('%s has exactly the keys of en (modulo plural forms)', (lng) => {
      expect(existsSync(fileOf(lng, ns)), `locales/${lng}/${ns}.json exists`).toBe(true);
      const other = leaves(load(lng, ns));
      const missing = [...baseKeys(en.keys())].filter((key) => !baseKeys(other.keys()).has(key));
      const extra = [...baseKeys(other.keys())].filter((key) => !baseKeys(en.keys()).has(key));
      expect(missing, `missing in ${lng}/${ns}.json`).toEqual([]);
      expect(extra, `not in en/${ns}.json`).toEqual([]);
    });

    it('en has both _one and _other wherever it has plural forms', () => {
      for (const [key, forms] of pluralForms(en.keys())) expect([...forms].sort(), key).toEqual(['one', 'other']);
    });

    it.each(OTHERS)('%s has every plural form its language needs wherever en has plurals', (lng) => {
      const needed = lng === 'pl' ? ['few', 'many', 'one', 'other'] : ['one', 'other'];
      const other = pluralForms(leaves(load(lng, ns)).keys());
      for (const key of pluralForms(en.keys()).keys()) expect([...(other.get(key) ?? [])].sort(), `${lng}: ${key}`).toEqual(needed);
      for (const key of other.keys()) expect(pluralForms(en.keys()).has(key), `${lng}: ${key} has plurals that en lacks`).toBe(true);
    });

    it.each(OTHERS)('%s uses the same placeholders as en', (lng) => {
      const other = leaves(load(lng, ns));
      const byBase = (map: Map<string, string>) => {
        const out = new Map<string, Set<string>>();
        for (const [key, text] of map) out.set(base(key), new Set([...(out.get(base(key)) ?? []), ...variables(text)]));
        return out;
      };
      const enVars = byBase(en);
      for (const [key, vars] of byBase(other)) expect([...vars].sort(), `${lng}: ${key}`).toEqual([...(enVars.get(key) ?? [])].sort());
    });
  });
});

describe('rules namespace', () => {
  const trees = Object.fromEntries(LANGUAGES.map((lng) => [lng, leaves(load(lng, 'rules'))])) as Record<Language, Map<string, string>>;
  const has = (lng: Language, key: string) => [...trees[lng].keys()].some((k) => k === key || base(k) === key || k.startsWith(`${key}.`));

  it.each(LANGUAGES)('%s explains every blocker and notice with a title, explanation and resolution', (lng) => {
    for (const code of [...BLOCKER_CODES, ...NOTICE_CODES]) {
      for (const part of ['title', 'explanation', 'resolution']) expect(has(lng, `${code}.${part}`), `${lng}: ${code}.${part}`).toBe(true);
    }
  });

  it.each(LANGUAGES)('%s explains every input error with a title and explanation', (lng) => {
    for (const code of INPUT_ERROR_CODES) {
      for (const part of ['title', 'explanation']) expect(has(lng, `${code}.${part}`), `${lng}: ${code}.${part}`).toBe(true);
    }
  });

  it.each(LANGUAGES)('%s names every service, data service backup, role and status', (lng) => {
    for (const service of SERVICES) expect(trees[lng].has(`services.${service}`), service).toBe(true);
    for (const service of DATA_SERVICES) expect(trees[lng].has(`backup.${service}`), service).toBe(true);
    for (const role of ROLES) expect(trees[lng].has(`roles.${role}`), role).toBe(true);
    for (const status of SUBSCRIPTION_STATUSES) expect(trees[lng].has(`statuses.${status}`), status).toBe(true);
    for (const path of ['automatic', 'manual', 'legacy-wizard', 'move-users']) {
      expect(trees[lng].has(`paths.${path}.title`) && trees[lng].has(`paths.${path}.description`), path).toBe(true);
    }
    for (const step of [1, 2, 3, 4]) expect(trees[lng].has(`manualSteps.step${step}.title`) && trees[lng].has(`manualSteps.step${step}.text`)).toBe(true);
  });

  it('keeps the SharePoint team-site address in every language', () => {
    for (const lng of LANGUAGES) expect(trees[lng].get('backup.sharepoint')).toContain('https://{{orgDomain}}/_layouts/15/start.aspx#/SitePages/Home.aspx');
  });

  /** Product names that are the same in every language. */
  const PROPER_NOUNS = new Set([
    'SharePoint Online',
    'Microsoft Teams',
    'Yammer (Viva Engage)',
    'Microsoft 365 Apps',
    'Office 365 Small Business',
    'Office 365 Midsize Business',
    'Office 365 Education',
  ]);
  const PRODUCT_NAMES = /Microsoft 365 (Apps|Business Premium)|Office 365 (Small|Midsize) Business( Premium)?|Office 365 Education|Office Professional Plus|Outlook on the web|\{\{[^}]*\}\}/g;
  const ENGLISH_WORDS = /\b(the|you|your|with|this|that|are|is|not|licences?|licenses?|subscriptions?|users?|change|choose|before|after|only|must|cannot)\b/i;

  it.each(OTHERS)('%s has no English left in it', (lng) => {
    for (const [key, text] of trees[lng]) {
      const english = trees.en.get(key);
      if (english !== undefined && !PROPER_NOUNS.has(text)) expect(text, `${lng}: ${key} is the English text`).not.toBe(english);
      expect(text.replace(PRODUCT_NAMES, ''), `${lng}: ${key}`).not.toMatch(ENGLISH_WORDS);
    }
  });
});

// One realistic finding per code (and per variant): the compiler insists on every code.
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const EXAMPLES: { [C in Finding['code']]: Extract<Finding, { code: C }>[] } = {
  MORE_USERS_THAN_LICENSES: [{ code: 'MORE_USERS_THAN_LICENSES', assigned: 12, purchased: 10, excess: 2 }],
  SERVICE_NOT_READY: [
    { code: 'SERVICE_NOT_READY', notProvisioned: true, services: [] },
    { code: 'SERVICE_NOT_READY', notProvisioned: false, services: ['exchange'] },
    { code: 'SERVICE_NOT_READY', notProvisioned: true, services: ['exchange', 'teams'] },
    { code: 'SERVICE_NOT_READY', notProvisioned: false, services: ['exchange', 'teams'], health: [{ service: 'exchange', status: 'advisory' }, { service: 'teams', status: 'incident' }] },
  ],
  CHANGE_OR_CREDIT_CHECK_PENDING: [
    { code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: true, creditCheckPending: false, maxWait: { amount: 2, unit: 'business-days' } },
    { code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: false, creditCheckPending: true, maxWait: { amount: 2, unit: 'business-days' } },
    { code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: true, creditCheckPending: true, maxWait: { amount: 2, unit: 'weeks' } },
    { code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: true, creditCheckPending: false, subscriptionIds: ['sub-basic'], onThisSubscription: false, maxWait: { amount: 2, unit: 'business-days' } },
  ],
  SUBSCRIPTION_NOT_ELIGIBLE: [
    { code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: 'active', markedIneligible: true },
    { code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: 'suspended', markedIneligible: false },
  ],
  MULTIPLE_PLANS_SAME_PRODUCT: [{ code: 'MULTIPLE_PLANS_SAME_PRODUCT', subscriptionIds: ['sub-standard', 'sub-standard-2'] }],
  GOVERNMENT_OR_NONPROFIT: [
    { code: 'GOVERNMENT_OR_NONPROFIT', segment: 'government' },
    { code: 'GOVERNMENT_OR_NONPROFIT', segment: 'nonprofit' },
  ],
  TARGET_NOT_SUPPORTED: [
    { code: 'TARGET_NOT_SUPPORTED', reason: 'fewer-services', services: ['exchange', 'sharepoint'] },
    { code: 'TARGET_NOT_SUPPORTED', reason: 'fewer-services', services: ['yammer'] },
    { code: 'TARGET_NOT_SUPPORTED', reason: 'not-offered', services: [] },
  ],
  ADD_ON_BLOCKS: [
    { code: 'ADD_ON_BLOCKS', addOns: ['Exchange Online Archiving'] },
    { code: 'ADD_ON_BLOCKS', addOns: ['Exchange Online Archiving', 'Audio Conferencing'] },
  ],
  UNPAID_INVOICE_BALANCE: [{ code: 'UNPAID_INVOICE_BALANCE', balance: eur(12550) }],
  ADMIN_ROLE_REQUIRED: [
    { code: 'ADMIN_ROLE_REQUIRED', reason: 'not-in-tenant', allowedRoles: ['GlobalAdmin', 'BillingAdmin'] },
    { code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: ['GlobalAdmin'] },
    { code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: ['BillingAccountOwner', 'BillingAccountContributor', 'BillingProfileOwner'] },
  ],
  WIZARD_TOO_MANY_USERS: [{ code: 'WIZARD_TOO_MANY_USERS', users: 301, limit: 300 }],
  SMALL_BUSINESS_LEGACY_25: [{ code: 'SMALL_BUSINESS_LEGACY_25', users: 26, limit: 25 }],
  PREPAID_NOT_SUPPORTED: [{ code: 'PREPAID_NOT_SUPPORTED' }],
  TRIAL_MUST_BUY_FIRST: [{ code: 'TRIAL_MUST_BUY_FIRST' }],
  WIZARD_PAIR_NOT_ELIGIBLE: [
    { code: 'WIZARD_PAIR_NOT_ELIGIBLE', eligibleTargets: ['o365-e1', 'o365-e3', 'o365-e4'] },
    { code: 'WIZARD_PAIR_NOT_ELIGIBLE', eligibleTargets: [] },
  ],
  NOT_ENOUGH_LICENSES: [{ code: 'NOT_ENOUGH_LICENSES', needed: 10, available: 7, toBuy: 3, subscriptionId: 'sub-premium' }],
  SUBSCRIPTION_OTHER_ORGANISATION: [{ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: 'sub-fabrikam' }],
  SUBSCRIPTION_NOT_ACTIVE: [{ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: 'sub-premium', status: 'trial' }],
  USERS_NOT_ON_SUBSCRIPTION: [{ code: 'USERS_NOT_ON_SUBSCRIPTION', userIds: ['u-anna', 'u-bo'], subscriptionId: 'sub-standard' }],
  BACKUP_REQUIRED: [{ code: 'BACKUP_REQUIRED', services: [...DATA_SERVICES] }, { code: 'BACKUP_REQUIRED', services: ['exchange', 'onedrive'], usersLosingLicence: 5 }],
  NO_BACKUP_NEEDED: [{ code: 'NO_BACKUP_NEEDED' }],
  CUSTOM_SERVICE_ASSIGNMENTS_RESET: [{ code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET', count: 5, userIds: ['u-1', 'u-2', 'u-3', 'u-4', 'u-5'] }],
  CROSS_FAMILY_NO_RETURN: [{ code: 'CROSS_FAMILY_NO_RETURN', fromFamily: 'small-business', toFamily: 'enterprise' }],
  OFFICE_REACTIVATION: [{ code: 'OFFICE_REACTIVATION' }],
  PREPAID_VALUE_LOST: [{ code: 'PREPAID_VALUE_LOST', amount: eur(4000), remaining: eur(30000), newCost: eur(26000) }],
  PRORATED_CREDIT: [{ code: 'PRORATED_CREDIT', amount: eur(6250), invoiceWithinDays: 30 }],
  MCA_CANCEL_WINDOW_CLOSED: [
    { code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: '2026-01-15', closedOn: '2026-01-22' },
    { code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: '2026-01-15', closedOn: '2026-01-22', paidUntil: '2027-01-15' },
  ],
  MCA_ASSIGN_LICENSES: [{ code: 'MCA_ASSIGN_LICENSES', licenseCount: 4, users: 10 }],
  PRICE_UNKNOWN: [{ code: 'PRICE_UNKNOWN', currency: 'ISK' }],
  UNKNOWN_SUBSCRIPTION: [{ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: 'sub-nope' }],
  UNKNOWN_PLAN: [{ code: 'UNKNOWN_PLAN', planId: 'm365-business-ultra' }],
  UNKNOWN_USER: [{ code: 'UNKNOWN_USER', userId: 'u-nobody' }],
  SAME_PLAN: [{ code: 'SAME_PLAN', planId: 'm365-business-standard' }],
  SAME_SUBSCRIPTION: [{ code: 'SAME_SUBSCRIPTION', subscriptionId: 'sub-standard' }],
  NO_USERS_CHOSEN: [{ code: 'NO_USERS_CHOSEN' }],
  INVALID_LICENSE_COUNT: [{ code: 'INVALID_LICENSE_COUNT', licenseCount: 0 }, { code: 'INVALID_LICENSE_COUNT', licenseCount: 2500, max: 1200 }],
  LICENSE_COUNT_NEEDS_MCA: [{ code: 'LICENSE_COUNT_NEEDS_MCA', licenseCount: 3 }],
  SUBSCRIPTION_PLAN_MISMATCH: [{ code: 'SUBSCRIPTION_PLAN_MISMATCH', subscriptionId: 'sub-exchange', subscriptionPlan: 'exchange-online-plan-1', planId: 'm365-business-premium' }],
};

const allExamples: Finding[] = Object.values(EXAMPLES).flat();
const texts = (d: ReturnType<typeof describeFinding>) => [d.title, d.explanation, ...(d.resolution ? [d.resolution] : []), ...d.details];

describe('describing findings', () => {
  it('has an example for every code', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...BLOCKER_CODES, ...NOTICE_CODES, ...INPUT_ERROR_CODES].sort());
  });

  describe.each(LANGUAGES)('in %s', (lng) => {
    it.each(allExamples.map((f) => [f.code, f] as const))('%s leaves no placeholder or key behind', (code, finding) => {
      const described = describeFinding(finding, lng, { orgDomain: 'contoso.onmicrosoft.com' });
      expect(described.code).toBe(code);
      expect(described.title.length).toBeGreaterThan(0);
      expect(described.explanation.length).toBeGreaterThan(0);
      const isInputError = (INPUT_ERROR_CODES as readonly string[]).includes(code);
      expect(described.resolution === undefined).toBe(isInputError);
      for (const text of texts(described)) {
        expect(text).not.toContain('{{');
        expect(text).not.toContain('undefined');
        expect(text).not.toContain('[object');
        expect(text).not.toContain(code);
      }
    });
  });

  it.each(OTHERS)('%s never falls back to the English words', (lng) => {
    for (const finding of allExamples) {
      const en = describeFinding(finding, 'en');
      const other = describeFinding(finding, lng);
      expect(other.title, finding.code).not.toBe(en.title);
      expect(other.explanation, finding.code).not.toBe(en.explanation);
    }
  });

  it('lists one backup step per lost data service, with the team-site address', () => {
    for (const lng of LANGUAGES) {
      const described = describeFinding({ code: 'BACKUP_REQUIRED', services: ['exchange', 'sharepoint'] }, lng, { orgDomain: 'contoso.onmicrosoft.com' });
      expect(described.details).toHaveLength(2);
      expect(described.details[0]).toContain('.pst');
      expect(described.details[1]).toContain('https://contoso.onmicrosoft.com/_layouts/15/start.aspx#/SitePages/Home.aspx');
    }
    const withoutDomain = describeFinding({ code: 'BACKUP_REQUIRED', services: ['sharepoint'] }, 'sv');
    expect(withoutDomain.details[0]).toContain('https://<organisationens domän>/_layouts/15/');
  });

  it('names services, roles, plans and money in the language', () => {
    expect(describeFinding({ code: 'TARGET_NOT_SUPPORTED', reason: 'fewer-services', services: ['exchange', 'onedrive'] }, 'sv').explanation).toContain(
      'Exchange Online (postlådor) och OneDrive för företag',
    );
    expect(describeFinding({ code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: ['GlobalAdmin', 'BillingAdmin'] }, 'pl').resolution).toContain(
      'administrator globalny lub administrator rozliczeń',
    );
    expect(describeFinding({ code: 'SAME_PLAN', planId: 'm365-business-premium' }, 'nb').explanation).toContain('Microsoft 365 Business Premium');
    expect(describeFinding({ code: 'SAME_PLAN', planId: 'x' }, 'en', { planName: () => 'Plan X' }).explanation).toContain('Plan X');
    expect(describeFinding({ code: 'UNPAID_INVOICE_BALANCE', balance: { minor: 123450, currency: 'PLN' } }, 'pl').explanation.replace(/\s/g, ' ')).toContain('1234,50 zł');
    expect(describeFinding({ code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: '2026-01-15', closedOn: '2026-01-22' }, 'sv').explanation).toContain('22 januari 2026');
  });

  it('says "up to two business days" for current plans and "up to two weeks" for the older wizard', () => {
    const pending = (unit: 'business-days' | 'weeks') =>
      ({ code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: false, creditCheckPending: true, maxWait: { amount: 2, unit } }) as const;
    expect(describeFinding(pending('business-days'), 'en').resolution).toContain('up to 2 business days');
    expect(describeFinding(pending('weeks'), 'en').resolution).toContain('up to 2 weeks');
    expect(describeFinding(pending('business-days'), 'sv').resolution).toContain('upp till 2 arbetsdagar');
    expect(describeFinding(pending('weeks'), 'nb').resolution).toContain('opptil 2 uker');
    expect(describeFinding(pending('business-days'), 'pl').resolution).toContain('do 2 dni roboczych');
    expect(describeFinding(pending('weeks'), 'pl').resolution).toContain('do 2 tygodni');
  });
});

describe('describing snapshot issues', () => {
  const PROBLEMS: Record<SnapshotProblem, { expected?: string }> = {
    'unknown-field': {},
    required: { expected: 'string' },
    'wrong-type': { expected: 'int' },
    'not-allowed': { expected: 'MCA, MOSA' },
    'out-of-range': { expected: 'Too small: expected number to be >=0' },
    'bad-format': { expected: 'a date as YYYY-MM-DD' },
    'duplicate-id': { expected: 'sub-standard' },
    'missing-reference': { expected: 'the id of a subscription in this snapshot' },
    'not-json': {},
  };

  it.each(LANGUAGES)('names the field and the problem in %s', (lng) => {
    for (const [problem, { expected }] of Object.entries(PROBLEMS) as [SnapshotProblem, { expected?: string }][]) {
      const path = problem === 'not-json' ? '' : 'subscriptions[0].status';
      const text = describeSnapshotIssue({ path, problem, ...(expected ? { expected } : {}) }, lng);
      expect(text, problem).not.toContain('{{');
      if (path) expect(text, problem).toContain(path);
      if (lng !== 'en') expect(text, problem).not.toBe(describeSnapshotIssue({ path, problem, ...(expected ? { expected } : {}) }, 'en'));
    }
  });

  it('keeps allowed values and bounds, and translates types and formats', () => {
    expect(describeSnapshotIssue({ path: 'tenant.billingAccountType', problem: 'not-allowed', expected: 'MCA, MOSA' }, 'sv')).toContain('MCA, MOSA');
    expect(describeSnapshotIssue({ path: 'a', problem: 'out-of-range', expected: 'Too small: expected number to be >=0' }, 'pl')).toContain('(≥ 0)');
    expect(describeSnapshotIssue({ path: 'a', problem: 'wrong-type', expected: 'int' }, 'nb')).toBe('a: forventet et heltall');
    expect(describeSnapshotIssue({ path: 'a', problem: 'bad-format', expected: 'a date as YYYY-MM-DD' }, 'sv')).toBe('a: förväntade ett datum som ÅÅÅÅ-MM-DD');
    expect(describeSnapshotIssue({ path: 'a', problem: 'bad-format', expected: 'something new' }, 'en')).toBe('a: wrong format');
    expect(describeSnapshotIssue({ path: 'a', problem: 'unknown-field' }, 'en')).toBe('a: unknown field');
  });
});

describe('translator', () => {
  it('returns one cached t per language, fixed to it', () => {
    expect(translator('sv')).toBe(translator('sv'));
    expect(translator('sv')('paths.manual.title')).toBe('Manuell ändring');
    expect(translator('pl')('paths.manual.title')).toBe('Przełączenie ręczne');
    expect(translator('en')('paths.manual.title')).toBe('Manual change');
    expect(translator('sv')('rules:paths.automatic.title')).toBe('Automatisk ändring');
  });
});
