import { LANGUAGES, resolveLanguage, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';

// The small page an administrator sees when Entra sends them back from the admin consent: one sentence
// in their browser's language, and a link to start again. Nothing in it comes from the request except
// the organisation's name (as Graph gave it) and Entra's error code, both HTML-escaped.

export type ConsentPageKind = 'granted' | 'denied' | 'unconfirmed' | 'invalid' | 'busy';

/** The first language of an Accept-Language header the bot speaks (by q order); English otherwise. */
export function browserLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  const tags = acceptLanguage
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    const primary = tag.toLowerCase().split(/[-_]/, 1)[0] ?? '';
    const lng = resolveLanguage(tag);
    if (lng !== 'en' || primary === 'en') return lng;
  }
  return 'en';
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function consentPage(lng: Language, kind: ConsentPageKind, values: { name?: string; code?: string } = {}): string {
  const t = translator(lng);
  const sentence = String(t(`tenants:page.${kind}`, { name: values.name ?? '', code: values.code ?? '' }));
  const again = kind === 'granted' ? '' : `<p><a href="/admin-consent">${escapeHtml(String(t('tenants:page.again')))}</a></p>`;
  // Interpolation is not escaped by i18next (escapeValue: false): the whole sentence is escaped here.
  return `<!doctype html>
<html lang="${LANGUAGES.includes(lng) ? lng : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(String(t('tenants:page.title')))}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.3rem">${escapeHtml(String(t('tenants:page.title')))}</h1>
<p>${escapeHtml(sentence)}</p>
${again}
</body>
</html>
`;
}
