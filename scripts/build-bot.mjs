// The bot compiled to JavaScript, so `npm start` runs plain JavaScript and not TypeScript through tsx's
// loader. esbuild bundles our own modules into one CommonJS file (packages stay in node_modules). What
// the bot imports only when configured (Graph, identity, Blob storage, Partner Center) stays lazy: each
// such module runs, and requires its packages, on its first import. CommonJS rather than ES modules
// because an ES module importing a CommonJS package has Node lex that package's source, and every file
// it re-exports, for its export names, before the package is loaded the usual way: a tenth of the
// start (1,187 → 1,045 ms to the first reply, medians of 7 alternated starts).
// `ensureBuilt()` builds only when a file the last build read has changed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = 'bot/index.ts';
const MANIFEST = 'manifest.json';
const BUILD_SCRIPT = fileURLToPath(import.meta.url);

/** Where builds go: `BUILD_DIR`, else `.build/`; inside the checkout, so the build finds the packages in its node_modules/. */
export function buildDir(env = process.env) {
  return resolve(ROOT, env.BUILD_DIR || '.build');
}

function stamp(path) {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The last build's entry file if nothing it was built from has changed since (and it is still there). */
export function currentBuild(dir = buildDir()) {
  const manifest = readManifest(dir);
  if (!manifest || manifest.root !== ROOT) return undefined;
  for (const [path, was] of Object.entries(manifest.inputs)) if (stamp(join(ROOT, path)) !== was) return undefined;
  const entry = join(dir, manifest.output, 'bot', 'index.js');
  return stamp(entry) === 'missing' ? undefined : entry;
}

// Each module keeps its own place: import.meta.url and .dirname are what they were in the source file, so
// the files read next to the sources (locales/, cards/templates/, data/tenants/, public/) are read there.
const sourcePlace = {
  name: 'source-place',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.')) {
        contents = contents
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path));
      }
      return { contents, loader: 'ts' };
    });
  },
};

/** Builds the bot into a new folder under `dir` and makes it the current build; returns its entry file. */
export async function build(dir = buildDir()) {
  const { build: esbuild, version } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  // A folder of its own per build: a bot still running from the previous build keeps its chunks.
  const output = `app-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: { 'bot/index': join(ROOT, ENTRY) },
    outdir: join(dir, output),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    // A missing export fails the build, as it would fail the start under tsx, rather than run a bot that cannot work.
    logOverride: { 'import-is-undefined': 'error' },
    tsconfig: join(ROOT, 'tsconfig.json'),
    plugins: [sourcePlace],
  });
  // The checkout's package.json says "type": "module"; this folder's files are CommonJS.
  writeFileSync(join(dir, output, 'package.json'), '{ "type": "commonjs" }\n');
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), 'tsconfig.json', 'package.json', relative(ROOT, BUILD_SCRIPT)]) {
    inputs[path] = stamp(join(ROOT, path));
  }
  const manifest = { root: ROOT, esbuild: version, output, builtAt: new Date().toISOString(), inputs };
  // Written whole, then renamed: a start running at the same moment reads either build, never half of one.
  const partial = join(dir, `${MANIFEST}.${output}`);
  writeFileSync(partial, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(partial, join(dir, MANIFEST));
  removeOldBuilds(dir, output);
  return join(dir, output, 'bot', 'index.js');
}

/** Keeps this build and the one before it (a bot started from that one may still read its chunks). */
function removeOldBuilds(dir, keep) {
  const builds = readdirSync(dir)
    .filter((name) => name.startsWith('app-') && name !== keep)
    .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(1)) rmSync(join(dir, old.name), { recursive: true, force: true });
}

/** The current build's entry file, building first if a source changed; `built` says whether it did. */
export async function ensureBuilt(dir = buildDir()) {
  const current = currentBuild(dir);
  if (current) return { entry: current, built: false };
  return { entry: await build(dir), built: true };
}

// `npm run build`: builds if a source changed (`--force`: always).
if (process.argv[1] === BUILD_SCRIPT) {
  const began = performance.now();
  const { entry, built } = process.argv.includes('--force') ? { entry: await build(), built: true } : await ensureBuilt();
  process.stdout.write(built ? `built ${relative(ROOT, entry)} in ${Math.round(performance.now() - began)} ms\n` : `up to date: ${relative(ROOT, entry)}\n`);
}
