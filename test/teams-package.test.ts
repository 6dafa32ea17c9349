import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { recogniseCommand } from '../dialogs/shared/keywords';
import { flowFromText } from '../dialogs/shared/text-meanings';
import type { Language } from '../i18n/languages';
import {
  APP_PACKAGE_DIR,
  ICON_SIZES,
  MANIFEST_VERSION,
  PLACEHOLDER_ID,
  iconErrors,
  localizationErrors,
  manifestErrors,
  pngSize,
  readJson,
  type Json,
} from '../scripts/teams-manifest';

const ROOT = join(import.meta.dirname, '..');
const manifest = readJson(join(APP_PACKAGE_DIR, 'manifest.json'));
const bot = (manifest.bots as Json[])[0] as { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] };
const commands = bot.commandLists[0]!.commands;
const LOCALIZED = ['sv', 'nb', 'pl'] as const;

describe('the Teams app manifest', () => {
  it(`is valid against the bundled v${MANIFEST_VERSION} schema of @microsoft/app-manifest`, async () => {
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(await manifestErrors(manifest)).toEqual([]);
  });

  it('the validators do catch mistakes', async () => {
    expect(await manifestErrors({ ...manifest, id: 'not-a-guid' })).not.toEqual([]);
    expect(await manifestErrors({ ...manifest, accentColor: 'blue', name: { short: 'x'.repeat(31) } })).toHaveLength(2);
    const sv = readJson(join(APP_PACKAGE_DIR, 'sv.json'));
    expect(await localizationErrors({ ...sv, 'name.short': 'x'.repeat(31) })).not.toEqual([]);
    expect(await localizationErrors({ ...sv, 'bots[0].commandLists[0].commands[0].titel': 'x' })).not.toEqual([]);
  });

  it('has a bot in personal, team and group chat scopes with its commands in English', () => {
    expect((manifest.bots as Json[]).length).toBe(1);
    expect(bot.botId).toBe(PLACEHOLDER_ID);
    expect(manifest.id).toBe(PLACEHOLDER_ID);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect([...bot.commandLists[0]!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(commands.map((c) => c.title)).toEqual(["change plan", "why can't I change", 'move users', 'change manually', 'back up', 'billing', 'status', 'menu', 'help', 'cancel']);
  });

  it('is localized to sv, nb and pl, each file valid against the bundled localization schema', async () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en',
      additionalLanguages: LOCALIZED.map((lng) => ({ languageTag: lng, file: `${lng}.json` })),
    });
    for (const lng of LOCALIZED) {
      const file = readJson(join(APP_PACKAGE_DIR, `${lng}.json`));
      expect(await localizationErrors(file), lng).toEqual([]);
      expect(file.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`);
      // Every command is translated, and nothing is left in English.
      commands.forEach((command, i) => {
        expect(file[`bots[0].commandLists[0].commands[${i}].title`], `${lng} command ${i}`).toBeTypeOf('string');
        expect(file[`bots[0].commandLists[0].commands[${i}].description`], `${lng} command ${i}`).not.toBe(command.description);
      });
      expect(Object.keys(file).filter((key) => key.startsWith('bots[0]'))).toHaveLength(commands.length * 2);
      expect(file['description.full']).not.toBe((manifest.description as Json).full);
    }
  });

  it.each(['en', ...LOCALIZED] as Language[])('every %s command title is something the bot understands when typed', (lng) => {
    const titles = lng === 'en' ? commands.map((c) => c.title) : commands.map((_, i) => String(readJson(join(APP_PACKAGE_DIR, `${lng}.json`))[`bots[0].commandLists[0].commands[${i}].title`]));
    const meanings = titles.map((title) => recogniseCommand(title) ?? (flowFromText(title) as { flow?: string } | undefined)?.flow);
    expect(meanings).toEqual(['change-plan', 'diagnose', 'move-users', 'manual', 'backup', 'billing', 'status', 'menu', 'help', 'cancel']);
  });
});

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what Teams icons are). */
function rgbaPixels(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  const { width, height } = pngSize(bytes)!;
  expect([bytes[24], bytes[25], bytes[28]], 'bit depth 8, colour type RGBA, not interlaced').toEqual([8, 6, 0]);
  const chunks: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter]!;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

describe('the Teams app icons', () => {
  const icons = manifest.icons as { color: string; outline: string };

  it('are PNGs of the sizes Teams requires: colour 192×192, outline 32×32', () => {
    expect(pngSize(readFileSync(join(APP_PACKAGE_DIR, icons.color)))).toEqual({ width: ICON_SIZES.color, height: ICON_SIZES.color });
    expect(pngSize(readFileSync(join(APP_PACKAGE_DIR, icons.outline)))).toEqual({ width: ICON_SIZES.outline, height: ICON_SIZES.outline });
    expect(iconErrors(manifest)).toEqual([]);
    expect(iconErrors({ ...manifest, icons: { color: icons.outline, outline: icons.outline } })).toEqual([`icons.color: ${icons.outline} is 32×32, Teams needs 192×192`]);
  });

  it('the outline icon is white on transparent, and the colour icon is opaque', () => {
    const outline = rgbaPixels(readFileSync(join(APP_PACKAGE_DIR, icons.outline)));
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        drawn++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(drawn).toBeGreaterThan(32 * 32 * 0.1);
    const color = rgbaPixels(readFileSync(join(APP_PACKAGE_DIR, icons.color)));
    for (let i = 3; i < color.pixels.length; i += 4) expect(color.pixels[i]).toBe(255);
  });
});

/** Every entry of a zip, read back with yauzl: name → bytes. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'teams-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function packageTeams(env: Record<string, string | undefined>, out: string) {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  return spawnSync('npm', ['run', '--silent', 'package:teams', '--', '--out', out], { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: 60_000 });
}

describe('npm run package:teams', () => {
  const APP_ID = '6f1c1a52-0d5e-4d8e-9b1a-2f7c5e0b9a41';

  it('zips manifest.json, the icons and the localization files at the root, with the app id as id and botId', async () => {
    const out = join(tmp, 'nested', 'teams.zip');
    const run = packageTeams({ MicrosoftAppId: APP_ID }, out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(out);

    const entries = await readZip(out);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'nb.json', 'outline.png', 'pl.json', 'sv.json']);
    const packaged = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Json;
    expect(packaged.id).toBe(APP_ID);
    expect((packaged.bots as { botId: string }[])[0]!.botId).toBe(APP_ID);
    expect(await manifestErrors(packaged)).toEqual([]);
    expect({ ...packaged, id: manifest.id, bots: manifest.bots }).toEqual(manifest);
    for (const file of ['color.png', 'outline.png', 'sv.json', 'nb.json', 'pl.json']) expect(entries.get(file)!.equals(readFileSync(join(APP_PACKAGE_DIR, file))), file).toBe(true);
  });

  it('without MicrosoftAppId fails with exit 2 and one line naming it, and writes nothing', () => {
    const out = join(tmp, 'none.zip');
    const run = packageTeams({ MicrosoftAppId: undefined }, out);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^MicrosoftAppId /);
    expect(existsSync(out)).toBe(false);
  });

  it('with a MicrosoftAppId that is not a GUID fails the same way', () => {
    const out = join(tmp, 'bad.zip');
    const run = packageTeams({ MicrosoftAppId: 'my-bot' }, out);
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^MicrosoftAppId must be .*GUID/);
    expect(existsSync(out)).toBe(false);
  });
});
