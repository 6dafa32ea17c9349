import { translator } from '../i18n/translator';
import type { Language } from '../i18n/languages';

// The command line's words: keys of the `cli` namespace (locales/<lng>/cli.json), and the few it
// borrows from `rules` (path names, manual steps).

export type Say = (key: string, vars?: Record<string, unknown>) => string;

export function cliWords(lng: Language): { say: Say; rules: Say } {
  const t = translator(lng);
  return {
    say: (key, vars) => String(t(`cli:${key}`, vars ?? {})),
    rules: (key, vars) => String(t(`rules:${key}`, vars ?? {})),
  };
}
