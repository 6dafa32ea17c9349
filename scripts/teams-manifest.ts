// The Teams app package's sources in appPackage/ and their checks, shared by `npm run package:teams`
// and the tests. Schemas come from @microsoft/app-manifest, which bundles Microsoft's JSON schemas:
// validation never reaches the network.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const APP_PACKAGE_DIR = join(import.meta.dirname, '..', 'appPackage');

/** The manifest schema version appPackage/manifest.json is written for. */
export const MANIFEST_VERSION = '1.22';

/** The app and bot id the template carries until packaging fills in the real one. */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export const ICON_SIZES = { color: 192, outline: 32 } as const;

export type Json = Record<string, unknown>;
type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

const require = createRequire(import.meta.url);

/** A schema file shipped inside @microsoft/app-manifest, e.g. `MicrosoftTeams.schema.json`. */
export function bundledSchema(file: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json', version = MANIFEST_VERSION): Json {
  const path = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/${file}`);
  // The same clean-up the library applies to the published schemas: "\a" and "\v" are not JSON escapes.
  return JSON.parse(readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Json;
}

export function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** Schema errors of a manifest against the bundled schema of its version (empty when valid). */
export async function manifestErrors(manifest: Json): Promise<string[]> {
  const version = String(manifest.manifestVersion ?? '');
  if (version !== MANIFEST_VERSION) return [`manifestVersion ${version || '(none)'}: expected ${MANIFEST_VERSION}`];
  return AppManifestUtils.validateAgainstSchema(manifest as never, bundledSchema('MicrosoftTeams.schema.json') as Schema);
}

let validateLocalization: ReturnType<Ajv04['compile']> | undefined;

/**
 * Schema errors of one localization file (sv.json, nb.json, pl.json). The same draft-04 validator as
 * the library's, except for regular expressions: the localization schema has patterns such as
 * `\[\b(…)\b]` that are only valid without the `u` flag, which is how they are meant.
 */
export async function localizationErrors(localization: Json): Promise<string[]> {
  if (!validateLocalization) {
    const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats.default(ajv, ['uri', 'email', 'regex']);
    validateLocalization = ajv.compile(bundledSchema('MicrosoftTeams.Localization.schema.json'));
  }
  if (validateLocalization(localization)) return [];
  return (validateLocalization.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}. Details: ${JSON.stringify(error.params)}`);
}

/** The files the manifest names: its icons and its localization files, relative to appPackage/. */
export function packageFiles(manifest: Json): string[] {
  const icons = manifest.icons as { color: string; outline: string };
  const languages = ((manifest.localizationInfo as { additionalLanguages?: { file: string }[] } | undefined)?.additionalLanguages ?? []).map((l) => l.file);
  return [icons.color, icons.outline, ...languages];
}

/** Width and height from a PNG's header, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Problems with the icons: missing, not PNG, or not the sizes Teams requires. */
export function iconErrors(manifest: Json, dir = APP_PACKAGE_DIR): string[] {
  const icons = manifest.icons as Record<keyof typeof ICON_SIZES, string>;
  const errors: string[] = [];
  for (const [kind, size] of Object.entries(ICON_SIZES) as [keyof typeof ICON_SIZES, number][]) {
    let found: { width: number; height: number } | undefined;
    try {
      found = pngSize(readFileSync(join(dir, icons[kind])));
    } catch {
      errors.push(`icons.${kind}: ${icons[kind]} is missing`);
      continue;
    }
    if (!found) errors.push(`icons.${kind}: ${icons[kind]} is not a PNG`);
    else if (found.width !== size || found.height !== size) errors.push(`icons.${kind}: ${icons[kind]} is ${found.width}×${found.height}, Teams needs ${size}×${size}`);
  }
  return errors;
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The manifest with the bot's Microsoft App ID as the app id and the bot id. */
export function withAppId(manifest: Json, appId: string): Json {
  const bots = (manifest.bots as Json[]).map((bot) => ({ ...bot, botId: appId }));
  return { ...manifest, id: appId, bots };
}
