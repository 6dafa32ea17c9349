import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { BufferWriter } from '../cli/io';
import { DEMO_TENANT_FILES } from '../domain/demo-tenants';
import { mailDomain } from '../i18n/mail-domain';
import { LANGUAGES, type Language } from '../i18n/languages';
import { translator } from '../i18n/translator';

// Two details a reader notices at once: a company name that ends in a full stop ("Sp. z o.o.") at the
// end of a sentence, and an example that names another company's domain.

const LOCALES = join(import.meta.dirname, '..', 'locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Json = string | { [key: string]: Json };
const leaves = (tree: Json, prefix = ''): [string, string][] =>
  typeof tree === 'string' ? [[prefix, tree]] : Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));

/** Every string (per language) that ends a sentence with an interpolated value: `… {{tenant}}.` */
function endingWithAValue(lng: Language): { key: string; name: string; text: string }[] {
  return readdirSync(join(LOCALES, lng))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) =>
      leaves(JSON.parse(readFileSync(join(LOCALES, lng, file), 'utf8')) as Json).flatMap(([key, text]) =>
        [...text.matchAll(/\{\{\s*(\w+)\s*\}\}\./g)].map((m) => ({ key: `${file.slice(0, -5)}:${key.replace(PLURAL_SUFFIX, '')}`, name: m[1]!, text })),
      ),
    );
}

const COMPANY = 'Kowalski i Synowie Sp. z o.o.';

describe('a name that ends in a full stop', () => {
  it('ends the sign-in sentence with one full stop', () => {
    expect(translator('pl')('bot:identity.picked', { name: 'Jan Kowalski', tenant: COMPANY })).toBe(
      'Występujesz jako Jan Kowalski w organizacji Kowalski i Synowie Sp. z o.o.',
    );
    expect(translator('en')('bot:identity.picked', { name: 'Olivia Carter', tenant: 'Tailspin Toys Inc.' })).toMatch(/Tailspin Toys Inc\.$/);
  });

  it.each(LANGUAGES)('never doubles the full stop in %s, wherever a value ends a sentence', (lng) => {
    const t = translator(lng);
    const cases = endingWithAValue(lng);
    expect(cases.length).toBeGreaterThan(10);
    for (const { key, name, text } of cases) {
      const vars = Object.fromEntries([...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => [m[1]!, 'X']));
      const said = t(key, { ...vars, count: 2, [name]: COMPANY });
      expect(said, key).toContain('Sp. z o.o.');
      expect(said, key).not.toContain('o.o..');
    }
  });

  it('keeps an ellipsis and a relative path', () => {
    const t = translator('en');
    expect(t('cli:snapshot.written', { name: 'A', file: '../tenant..json', count: 1 })).toContain('../tenant..json');
  });
});

describe("examples use the tenant's own domain", () => {
  it('takes the first custom domain, else the .onmicrosoft.com one', () => {
    expect(mailDomain(['fabrikam.se', 'fabrikamsverige.onmicrosoft.com'])).toBe('fabrikam.se');
    expect(mailDomain(['fabrikamsverige.onmicrosoft.com', 'fabrikam.se'])).toBe('fabrikam.se');
    expect(mailDomain(['nordlys.onmicrosoft.com'])).toBe('nordlys.onmicrosoft.com');
  });

  it.each(['en', 'sv', 'nb', 'pl'] as const)('the manual steps of `check` in %s name woodgrovetrust.org.uk, not contoso.com', async (lng) => {
    const stdout = new BufferWriter();
    const stderr = new BufferWriter();
    const code = await main(['check', '--tenant', DEMO_TENANT_FILES.woodgrove, '--subscription', 'sub-premium-nonprofit', '--to', 'm365-e3', '--lang', lng], {
      stdout,
      stderr,
      env: {},
    });
    expect(code, stderr.text).toBe(0);
    expect(stdout.text).toContain('@woodgrovetrust.org.uk');
    expect(stdout.text).not.toContain('contoso');
  });
});
