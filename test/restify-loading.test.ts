import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// restify 11 loads spdy, whose http-deceiver calls process.binding('http_parser'): Node 20 and 22 warn
// DEP0111 at every start, and Node 24 no longer has that binding, so loading restify itself throws
// "No such module: http_parser" and the bot cannot start. bot/restify.ts loads restify without spdy;
// any other file that loaded restify would bring the warning back on 20/22 and the crash on 24.

const root = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.build', '.data', 'out', '.git']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** Where a source loads the restify package itself (type-only imports load nothing). */
function loadsRestify(source: string): boolean {
  const value = /(?:^|\n)\s*import\s+(?!type\s)[^'";]*?from\s*['"]restify['"]|import\s*\(\s*['"]restify['"]\s*\)|require\(\s*['"]restify['"]\s*\)|(?:^|\n)\s*import\s+['"]restify['"]/;
  return value.test(source);
}

describe('restify is loaded only through bot/restify.ts', () => {
  it('the reader tells a load from a type import', () => {
    expect(loadsRestify(`import restify from 'restify';`)).toBe(true);
    expect(loadsRestify(`import * as restify from "restify";`)).toBe(true);
    expect(loadsRestify(`const r = await import('restify');`)).toBe(true);
    expect(loadsRestify(`const r = require('restify');`)).toBe(true);
    expect(loadsRestify(`import type { Server } from 'restify';`)).toBe(false);
    expect(loadsRestify(`import restify from '../bot/restify';`)).toBe(false);
  });

  it('no other file loads the restify package', () => {
    const files = readdirSync(root)
      .filter((name) => !SKIP.has(name) && statSync(join(root, name)).isDirectory())
      .flatMap((name) => sourceFiles(join(root, name)))
      .map((file) => relative(root, file));
    expect(files).toContain(join('bot', 'restify.ts'));
    const thisFile = relative(root, import.meta.filename); // its samples above are text, not loads
    const loaders = files.filter((file) => file !== thisFile && loadsRestify(readFileSync(join(root, file), 'utf8')));
    expect(loaders).toEqual([join('bot', 'restify.ts')]);
  });
});
