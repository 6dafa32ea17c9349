import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type Resource, type TFunction } from 'i18next';
import { LANGUAGES, type Language } from './languages';

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

const cache = new Map<Language, TFunction>();

/** The `t` of one language, built once and cached. Keys of other namespaces take a prefix: `t('cli:usage')`. */
export function translator(lng: Language): TFunction {
  let t = cache.get(lng);
  if (!t) {
    const clone = root.cloneInstance({ lng, initAsync: false });
    t = clone.t.bind(clone) as TFunction;
    cache.set(lng, t);
  }
  return t;
}
