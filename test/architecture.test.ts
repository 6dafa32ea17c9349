import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The files `file`'s relative imports name (extensionless specifiers, as the sources write them). */
function relativeImports(file: string): string[] {
  return imports(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => join(file, '..', specifier))
    .map((target) => [`${target}.ts`, join(target, 'index.ts'), target].find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? target);
}

/** Every import cycle among `files` (each as the list of files around it, the first repeated at the end). */
function cycles(files: string[]): string[][] {
  const inSet = new Set(files);
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) return void found.push([...path.slice(at), file].map((f) => relative(root, f)));
    if (done.has(file)) return;
    for (const next of relativeImports(file)) if (inSet.has(next)) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return found;
}

describe('bot/storage', () => {
  const files = sourceFiles(join(root, 'bot', 'storage'));

  it('has no import cycle between its files (blob-stores.ts and stores.ts both import stores.port.ts)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(cycles(files)).toEqual([]);
  });

  it('the cycle finder finds a cycle where there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'architecture-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
      writeFileSync(join(dir, 'b.ts'), "export type B = string;\nexport async function a() { return import('./a'); }\n");
      expect(cycles([join(dir, 'a.ts'), join(dir, 'b.ts')]).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The arrows go one way: bot → dialogs → domain, with conversation/ (the session, the person's identity,
// the tenants and the switch service as the dialogs see them) below both, and cards used by both.
const LAYERS: [folder: string, mayNotImport: string[]][] = [
  ['dialogs', ['bot']],
  ['cards', ['bot', 'dialogs']],
  ['conversation', ['bot', 'dialogs', 'cards']],
];

describe.each(LAYERS)('%s/', (folder, mayNotImport) => {
  const files = sourceFiles(join(root, folder));

  it.each(files.map((f) => [relative(root, f), f]))(`%s imports nothing from ${mayNotImport.join('/, ')}/`, (_, file) => {
    for (const target of relativeImports(file)) {
      const top = relative(root, target).split('/')[0]!;
      expect(mayNotImport, `${relative(root, file)} imports ${relative(root, target)}`).not.toContain(top);
    }
  });
});

// botbuilder 4 is past its support end; a move to its successor should touch bot/ and dialogs/ only
// (docs/agents-sdk-move.md).
const BOT_FRAMEWORK = /^(botbuilder|botframework)/;
const NOT_SOURCES = new Set(['node_modules', 'out', 'test', 'bench', 'scripts', 'bot', 'dialogs']);

describe('the Bot Framework SDK', () => {
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_SOURCES.has(entry.name))
    .map((entry) => entry.name);
  const files = folders.flatMap((folder) => sourceFiles(join(root, folder)));

  it('finds the other source folders', () => {
    expect(folders).toEqual(expect.arrayContaining(['cards', 'domain', 'graph', 'i18n', 'cli', 'partner']));
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports no botbuilder or botframework package: they stay in bot/ and dialogs/', (_, file) => {
    for (const specifier of imports(readFileSync(file, 'utf8'))) expect(specifier, `${file} imports ${specifier}`).not.toMatch(BOT_FRAMEWORK);
  });
});

// What `npm start` loads before its first reply on the demo tenants: the modules its entry imports
// statically, as the build (scripts/build-bot.mjs) sees them. Graph, identity, Partner Center and Blob
// storage code is imported dynamically, where the configuration asks for it.
interface StartLoad {
  modules: string[];
  packages: string[];
  lazy: string[];
}
let startLoad: Promise<StartLoad> | undefined;
/** Built once for every test that asks. */
const loadedAtStart = (): Promise<StartLoad> => (startLoad ??= buildStartLoad());

async function buildStartLoad(): Promise<StartLoad> {
  const { build } = await import('esbuild');
  const result = await build({ absWorkingDir: root, entryPoints: ['bot/index.ts'], bundle: true, splitting: true, format: 'esm', platform: 'node', packages: 'external', metafile: true, write: false, outdir: 'out/architecture', logLevel: 'silent' });
  const inputs = result.metafile.inputs;
  const modules = new Set(['bot/index.ts']);
  const packages = new Set<string>();
  const lazy = new Set<string>();
  const queue = ['bot/index.ts'];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const imported of inputs[file]!.imports) {
      if (imported.kind === 'dynamic-import') lazy.add(imported.path);
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else if (!modules.has(imported.path)) {
        modules.add(imported.path);
        queue.push(imported.path);
      }
    }
  }
  return { modules: [...modules], packages: [...packages], lazy: [...lazy] };
}

describe('a start on the demo tenants', () => {
  it('loads no Graph, identity, Partner Center or Blob storage code: that is imported only when configured', async () => {
    const { modules, packages, lazy } = await loadedAtStart();
    expect(packages).toContain('botbuilder-core');
    expect(modules).toContain('dialogs/main-dialog.ts');
    expect(packages.filter((p) => /^@azure\/|^@microsoft\/microsoft-graph-client|^botbuilder-azure-blobs/.test(p))).toEqual([]);
    // Graph's configuration is read at every start; its client, reader and writer are not.
    expect(modules.filter((m) => /^graph\//.test(m) && !/^graph\/(config|settings|scope)\.ts$/.test(m))).toEqual([]);
    expect(modules.filter((m) => /^partner\//.test(m) && m !== 'partner/config.ts')).toEqual([]);
    expect(modules.filter((m) => /^bot\/(storage\/blob-|tenants\/(graph-directory|many-tenant-directory)|partner\/partner-helpdesk)/.test(m))).toEqual([]);
    expect(lazy).toEqual(expect.arrayContaining(['bot/storage/blob-stores.ts', 'bot/tenants/graph-directory.ts', 'bot/partner/partner-helpdesk.ts']));
  });

  it("loads botbuilder-dialogs' classes and CloudAdapter from their own files, never the indexes that load every prompt, recogniser, Teams and streaming part", async () => {
    const { packages } = await loadedAtStart();
    expect(packages).toContain('botbuilder/lib/cloudAdapter.js');
    expect(packages).not.toContain('botbuilder');
    expect(packages.filter((p) => p.startsWith('botbuilder-dialogs/lib/'))).toContain('botbuilder-dialogs/lib/dialogSet.js');
    expect(packages.filter((p) => p === 'botbuilder-dialogs' || p.includes('recognizers-text'))).toEqual([]);
  });
});
