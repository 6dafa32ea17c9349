// The languages the assistant speaks, and how a BCP-47 tag (an activity's locale, a --lang flag) maps onto them.

export const LANGUAGES = ['en', 'sv', 'nb', 'pl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Primary language subtags that map onto a supported language; Norwegian (no, nn) is answered in Bokmål. */
const BY_PRIMARY_TAG: Readonly<Record<string, Language>> = {
  en: 'en',
  sv: 'sv',
  nb: 'nb',
  no: 'nb',
  nn: 'nb',
  pl: 'pl',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `sv-FI`, `nn_NO`, `PL` and the like to a supported language; anything else (or nothing) to English. */
export function resolveLanguage(locale?: string | null): Language {
  if (!locale) return 'en';
  const primary = locale.trim().toLowerCase().split(/[-_]/, 1)[0] ?? '';
  // An own key only: a locale such as `constructor` or `valueOf` must not find Object.prototype's.
  return Object.hasOwn(BY_PRIMARY_TAG, primary) ? BY_PRIMARY_TAG[primary]! : 'en';
}
