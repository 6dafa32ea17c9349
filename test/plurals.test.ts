import { describe, expect, it } from 'vitest';
import { describeFinding } from '../i18n/describe';

// Real plural forms: Polish has one (1), few (2–4, 22–24, …) and many (0, 5–21, 25–31, 112, …).

const moreUsers = (excess: number) => ({ code: 'MORE_USERS_THAN_LICENSES', assigned: 10 + excess, purchased: 10, excess }) as const;
const explanation = (excess: number, lng: 'en' | 'sv' | 'nb' | 'pl') => describeFinding(moreUsers(excess), lng).explanation;

describe('Polish plurals', () => {
  it('agrees with the CLDR categories the test table assumes', () => {
    const rules = new Intl.PluralRules('pl');
    expect([1].map((n) => rules.select(n))).toEqual(['one']);
    expect([2, 4, 22].map((n) => rules.select(n))).toEqual(['few', 'few', 'few']);
    expect([0, 5, 12, 21, 25, 112].map((n) => rules.select(n))).toEqual(['many', 'many', 'many', 'many', 'many', 'many']);
  });

  it.each([
    [0, 'przypisanych jest 0 licencji'],
    [1, 'przypisana jest 1 licencja'],
    [2, 'przypisane są 2 licencje'],
    [4, 'przypisane są 4 licencje'],
    [5, 'przypisanych jest 5 licencji'],
    [12, 'przypisanych jest 12 licencji'],
    [21, 'przypisanych jest 21 licencji'],
    [22, 'przypisane są 22 licencje'],
    [25, 'przypisanych jest 25 licencji'],
    [112, 'przypisanych jest 112 licencji'],
  ])('MORE_USERS_THAN_LICENSES with %i excess says "%s"', (count, phrase) => {
    expect(explanation(count, 'pl')).toContain(phrase);
  });

  it.each([
    [1, '1 licencję'],
    [2, '2 licencje'],
    [4, '4 licencje'],
    [5, '5 licencji'],
    [21, '21 licencji'],
    [22, '22 licencje'],
    [112, '112 licencji'],
  ])('NOT_ENOUGH_LICENSES asks to buy %i: "%s"', (toBuy, phrase) => {
    const described = describeFinding({ code: 'NOT_ENOUGH_LICENSES', needed: toBuy, available: 0, toBuy, subscriptionId: 'sub-premium' }, 'pl');
    expect(described.resolution).toContain(`Kup jeszcze ${phrase} dla subskrypcji sub-premium`);
  });

  it.each([
    [1, 'U 1 użytkownika'],
    [2, 'U 2 użytkowników'],
    [5, 'U 5 użytkowników'],
    [22, 'U 22 użytkowników'],
  ])('CUSTOM_SERVICE_ASSIGNMENTS_RESET with %i users says "%s"', (count, phrase) => {
    const described = describeFinding({ code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET', count, userIds: [] }, 'pl');
    expect(described.explanation).toContain(phrase);
  });

  it.each([
    [1, 'do 1 dnia roboczego'],
    [2, 'do 2 dni roboczych'],
    [5, 'do 5 dni roboczych'],
  ])('a credit check of %i business days says "%s"', (amount, phrase) => {
    const described = describeFinding(
      { code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress: false, creditCheckPending: true, maxWait: { amount, unit: 'business-days' } },
      'pl',
    );
    expect(described.resolution).toContain(phrase);
  });
});

describe('English, Swedish and Norwegian plurals', () => {
  it.each([
    [0, '0 users need'],
    [1, '1 user needs'],
    [2, '2 users need'],
    [21, '21 users need'],
  ])('en: %i → "%s"', (count, phrase) => {
    expect(explanation(count, 'en')).toContain(phrase);
  });

  it.each([
    [0, '0 licenser för mycket är tilldelade'],
    [1, '1 licens för mycket är tilldelad'],
    [2, '2 licenser för mycket är tilldelade'],
    [21, '21 licenser för mycket är tilldelade'],
  ])('sv: %i → "%s"', (count, phrase) => {
    expect(explanation(count, 'sv')).toContain(phrase);
  });

  it.each([
    [0, '0 brukere trenger gyldige lisenser'],
    [1, '1 bruker trenger en gyldig lisens'],
    [2, '2 brukere trenger gyldige lisenser'],
    [21, '21 brukere trenger gyldige lisenser'],
  ])('nb: %i → "%s"', (count, phrase) => {
    expect(explanation(count, 'nb')).toContain(phrase);
  });

  it('uses the singular for one service and the plural for several', () => {
    const notReady = (services: ('exchange' | 'teams')[]) => ({ code: 'SERVICE_NOT_READY', notProvisioned: false, services }) as const;
    // Each service with its own health status: an advisory is not called an incident (issue 15).
    expect(describeFinding(notReady(['exchange']), 'en').explanation).toContain('Exchange Online (mailboxes) is not healthy');
    expect(describeFinding(notReady(['exchange', 'teams']), 'en').explanation).toContain('These services are not healthy: Exchange Online (mailboxes)');
    expect(describeFinding(notReady(['exchange']), 'sv').explanation).toContain('är inte felfri (');
    expect(describeFinding(notReady(['exchange', 'teams']), 'nb').explanation).toContain('Disse tjenestene er ikke uten problemer');
    expect(describeFinding(notReady(['exchange']), 'pl').explanation).toContain('Usługa Exchange Online (skrzynki pocztowe) nie działa');
    expect(describeFinding(notReady(['exchange', 'teams']), 'pl').explanation).toContain('Te usługi');
  });

  it('formats large counts with the language’s grouping', () => {
    expect(describeFinding({ code: 'WIZARD_TOO_MANY_USERS', users: 1500, limit: 300 }, 'en').explanation).toContain('this one has 1,500 users');
  });
});
