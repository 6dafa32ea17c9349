import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type Resource, type TFunction } from 'i18next';
import { formatNumber } from './format';
import { isLanguage, LANGUAGES, type Language } from './languages';

// One isolated i18next instance, initialised synchronously from every locales/<lng>/<namespace>.json,
// and one clone per language whose `t` is fixed to it: never changeLanguage on a shared instance.

const LOCALES_DIR = fileURLToPath(new URL('../locales/', import.meta.url));

function readResources(): { resources: Resource; namespaces: string[] } {
  const resources: Resource = {};
  const namespaces = new Set<string>();
  for (const lng of LANGUAGES) {
    const bundle: Record<string, unknown> = {};
    const dir = join(LOCALES_DIR, lng);
    const files = existsSync(dir) ? readdirSync(dir) : [];
    for (const file of files.filter((name) => name.endsWith('.json')).sort()) {
      const ns = file.slice(0, -'.json'.length);
      bundle[ns] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      namespaces.add(ns);
    }
    resources[lng] = bundle as Resource[string];
  }
  return { resources, namespaces: [...namespaces].sort() };
}

const { resources, namespaces } = readResources();

/** Every namespace found under locales/ (file names without `.json`). */
export const NAMESPACES: readonly string[] = namespaces;

/** The namespace a key without a `ns:` prefix is looked up in. */
export const DEFAULT_NAMESPACE = 'rules';

const root = i18next.createInstance();
void root.init({
  initAsync: false,
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: namespaces,
  defaultNS: DEFAULT_NAMESPACE,
  interpolation: { escapeValue: false },
  returnNull: false,
});

// `{{count, number}}` is written by the same formatter as every other figure (format.ts), and a value the
// code already formatted (a string such as "3 042") is left as it is instead of turning into "NaN".
root.services.formatter?.add('number', (value: unknown, lng: string | undefined) =>
  typeof value === 'number' && isLanguage(lng) ? formatNumber(value, lng) : String(value),
);

const cache = new Map<Language, TFunction>();

/** Answers remembered per language; the resources never change while the process runs. */
const MEMO_LIMIT = 20_000;

/**
 * The memo's key for a call, or undefined when the call cannot be remembered safely (an option that
 * is an object or a function, e.g. `returnObjects` or a nested `t`).
 */
function memoKey(key: unknown, options: unknown): string | undefined {
  if (typeof key !== 'string') return undefined;
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null) return undefined;
  let suffix = '';
  for (const [name, value] of Object.entries(options)) {
    const type = typeof value;
    if (type === 'object' || type === 'function' || type === 'symbol') return undefined;
    suffix += `\u0000${name}\u0001${type[0]}${String(value)}`;
  }
  return key + suffix;
}

/**
 * A sentence that ends with a name ending in a full stop ("Kowalski i Synowie Sp. z o.o.", "Tailspin Toys Inc.")
 * keeps one full stop, not two. An ellipsis ("...") and a path ("../x") are left alone.
 */
export function oneFullStop(text: string): string {
  return text.replace(/(?<=\p{L})\.\.(?=[\s\u201d\u00bb"]|$)(?!\.)/gu, '.');
}

/**
 * i18next's `t` for one language, remembering its answers: a card's words are asked for again and
 * again with the same figures, and i18next resolves a key (namespaces, fallbacks, interpolation,
 * nesting, plural rules) from scratch every time.
 */
function remembering(t: TFunction): TFunction {
  const answers = new Map<string, unknown>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const memoized = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    const id = rest.length === 0 ? memoKey(key, options) : undefined;
    if (id === undefined) {
      const uncached = call(key, options, ...rest);
      return typeof uncached === 'string' ? oneFullStop(uncached) : uncached;
    }
    let answer = answers.get(id);
    if (answer === undefined) {
      answer = call(key, options);
      // Only sentences are remembered: an object (returnObjects) is i18next's to hand out.
      if (typeof answer !== 'string') return answer;
      answer = oneFullStop(answer as string);
      if (answers.size >= MEMO_LIMIT) answers.clear();
      answers.set(id, answer);
    }
    return answer;
  };
  return memoized as unknown as TFunction;
}

/** The `t` of one language, built once and cached. Keys of other namespaces take a prefix: `t('cli:usage')`. */
export function translator(lng: Language): TFunction {
  let t = cache.get(lng);
  if (!t) {
    const clone = root.cloneInstance({ lng, initAsync: false });
    t = remembering(clone.t.bind(clone) as TFunction);
    cache.set(lng, t);
  }
  return t;
}
