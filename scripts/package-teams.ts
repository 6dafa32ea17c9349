// npm run package:teams [-- --out FILE]
//
// Builds the Teams app package to upload (Teams admin centre, or "Upload a custom app" in Teams):
// appPackage/manifest.json with the bot's Microsoft App ID from the MicrosoftAppId environment
// variable as its app id and bot id, validated offline against the bundled manifest schema, zipped
// with its icons and localization files at the root. Exit 0 with the zip's path; 2 for missing or bad
// configuration, with one line naming the variable; 1 when appPackage/ itself is invalid.

import { mkdirSync, createWriteStream, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ZipFile } from 'yazl';
import { APP_PACKAGE_DIR, iconErrors, isGuid, localizationErrors, manifestErrors, packageFiles, readJson, withAppId, type Json } from './teams-manifest';

const DEFAULT_OUT = join(import.meta.dirname, '..', 'out', 'plan-switch-bot-teams.zip');
// Fixed timestamps: the same inputs always give the same zip.
const MTIME = new Date('2026-01-01T00:00:00Z');

function fail(code: 1 | 2, line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(code);
}

function outPath(argv: string[]): string {
  const at = argv.indexOf('--out');
  if (at === -1) return DEFAULT_OUT;
  const value = argv[at + 1];
  if (!value || value.startsWith('--')) fail(2, '--out needs a file name, e.g. --out out/plan-switch-bot-teams.zip');
  return resolve(value);
}

async function writeZip(file: string, entries: [name: string, content: Buffer][]): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const zip = new ZipFile();
  for (const [name, content] of entries) zip.addBuffer(content, name, { mtime: MTIME, mode: 0o100644 });
  zip.end();
  await new Promise<void>((done, failed) => {
    zip.outputStream.pipe(createWriteStream(file)).on('close', done).on('error', failed);
    zip.outputStream.on('error', failed);
  });
}

async function main(): Promise<void> {
  const out = outPath(process.argv.slice(2));
  const appId = process.env.MicrosoftAppId?.trim();
  if (!appId) fail(2, 'MicrosoftAppId is not set: set it to the Microsoft App ID of your Azure Bot (a GUID) to build the Teams package');
  if (!isGuid(appId)) fail(2, 'MicrosoftAppId must be the Microsoft App ID of your Azure Bot, a GUID like 6f1c1a52-0d5e-4d8e-9b1a-2f7c5e0b9a41');

  const manifest = withAppId(readJson(join(APP_PACKAGE_DIR, 'manifest.json')), appId);
  const problems = [...(await manifestErrors(manifest)).map((e) => `manifest.json${e}`), ...iconErrors(manifest)];
  const files = packageFiles(manifest);
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    problems.push(...(await localizationErrors(readJson(join(APP_PACKAGE_DIR, file)) as Json)).map((e) => `${file}${e}`));
  }
  if (problems.length > 0) fail(1, `appPackage/ is not a valid Teams app: ${problems.join('; ')}`);

  await writeZip(out, [
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
    ...files.map((file): [string, Buffer] => [file, readFileSync(join(APP_PACKAGE_DIR, file))]),
  ]);
  process.stdout.write(`${out}\n`);
}

await main();
