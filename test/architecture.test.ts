import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function imports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return found;
}

const FORBIDDEN = /^(botbuilder|botframework|i18next|restify|adaptivecards)/;

describe('the domain stays pure', () => {
  const files = sourceFiles(join(root, 'domain'));

  it('finds the domain files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports no bot, botbuilder, i18next or presentation code', (_, file) => {
    for (const specifier of imports(readFileSync(file, 'utf8'))) {
      expect(specifier, `${file} imports ${specifier}`).not.toMatch(FORBIDDEN);
      if (specifier.startsWith('.')) {
        const target = relative(root, join(file, '..', specifier));
        expect(target, `${file} imports ${specifier}`).toMatch(/^domain\//);
      }
    }
  });

  it('the import reader catches the forms it must catch', () => {
    expect(imports(`import { X } from 'botbuilder';\nexport * from "../bot/x";\nconst y = await import('i18next');\nimport type { T } from '../cards/t';`)).toEqual(['botbuilder', '../bot/x', 'i18next', '../cards/t']);
  });
});
