import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../bot/config';
import type { ConsentedTenant, TenantRegistry } from '../../bot/tenants/consented-tenants';
import { TENANT_GUID } from '../../bot/tenants/consented-tenants';
import { isLanguage, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { EXIT_ANSWER, EXIT_BAD_INPUT, EXIT_FAILURE } from '../errors';
import type { CliIo } from '../io';

// `plan-switch tenants list` and `plan-switch tenants remove ID`: the organisations that gave admin
// consent (TENANT_SOURCE=graph serving many tenants), read from the bot's own storage as the bot is
// configured (STORAGE, DATA_DIR, AZURE_STORAGE_*). The embedded SQLite file belongs to one process at a
// time: while the bot runs on it, the bot itself answers (its admin socket); blob storage is shared.

export type TenantsAction = { action: 'list' } | { action: 'remove'; id: string };

type Parsed = { ok: true; value: TenantsAction; lang: Language; json: boolean } | { ok: false; lang: Language; key: string; vars?: Record<string, string> };

/** The words after `tenants`, or undefined when the command is not `tenants` (the other commands parse their own). */
export function parseTenantsArgs(argv: readonly string[]): Parsed | undefined {
  let lang: Language = 'en';
  let json = false;
  const words: string[] = [];
  const fail = (key: string, vars?: Record<string, string>): Parsed => ({ ok: false, lang, key, vars });
  let badFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
      if (isLanguage(value)) lang = value;
      else badFlag ??= arg;
    } else if (arg === '--json') json = true;
    else if (arg.startsWith('--')) badFlag ??= arg;
    else words.push(arg);
  }
  if (words[0] !== 'tenants') return undefined;
  if (badFlag !== undefined) return fail('unknownFlag', { flag: badFlag });
  const [, action, id, ...rest] = words;
  if (action === undefined) return fail('missingAction');
  if (action === 'list') {
    if (id !== undefined) return fail('unexpectedArgument', { argument: id });
    return { ok: true, value: { action }, lang, json };
  }
  if (action !== 'remove') return fail('unknownAction', { action });
  if (id === undefined) return fail('missingId');
  if (!TENANT_GUID.test(id)) return fail('badId', { id });
  if (rest.length > 0) return fail('unexpectedArgument', { argument: rest[0]! });
  return { ok: true, value: { action, id }, lang, json };
}

type Registry = Pick<TenantRegistry, 'list' | 'remove'>;

type Opened = { ok: true; registry: Registry; close(): void; whenNotAnswering?: string } | { ok: false; status: number; line: string };

async function openRegistry(env: CliIo['env'], say: (key: string, vars?: Record<string, unknown>) => string): Promise<Opened> {
  const parsed = parseConfig({ ...env });
  if (!parsed.ok) return { ok: false, status: EXIT_BAD_INPUT, line: parsed.message };
  const config = parsed.config;
  if (config.storage === 'memory') return { ok: false, status: EXIT_BAD_INPUT, line: say('errors.memory') };
  if (config.storage === 'blob') {
    const { BlobContainer } = await import('../../bot/storage/blob-container');
    const { BlobTenantRegistry } = await import('../../bot/storage/blob-tenant-registry');
    return { ok: true, registry: new BlobTenantRegistry(new BlobContainer(config.blob!.connectionString, config.blob!.container)), close: () => undefined };
  }
  const file = join(config.dataDir, 'bot.sqlite');
  if (!existsSync(file)) {
    const { MemoryTenantRegistry } = await import('../../bot/tenants/consented-tenants');
    return { ok: true, registry: new MemoryTenantRegistry(), close: () => undefined };
  }
  const { DatabaseInUseError, openDatabase } = await import('../../bot/storage/sqlite-database');
  const { SqliteTenantRegistry } = await import('../../bot/storage/sqlite-tenant-registry');
  try {
    const db = openDatabase(file);
    return { ok: true, registry: new SqliteTenantRegistry(db), close: () => db.close() };
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      const { RunningBotTenants } = await import('./running-bot-tenants');
      const pid = /process (\d+)/.exec(error.message)?.[1] ?? '?';
      return { ok: true, registry: new RunningBotTenants(config.dataDir), close: () => undefined, whenNotAnswering: say('errors.inUse', { pid }) };
    }
    throw error;
  }
}

function listText(entries: ConsentedTenant[], say: (key: string, vars?: Record<string, unknown>) => string): string {
  if (entries.length === 0) return `${say('none')}\n`;
  const rows = entries.map((entry) =>
    say('row', {
      id: entry.tenantId,
      name: entry.name ?? '-',
      result: say(`result.${entry.result}`, { code: entry.error ?? '' }),
      at: entry.at.slice(0, 16).replace('T', ' '),
    }),
  );
  return `${say('heading')}\n\n${rows.map((row) => `  ${row}`).join('\n')}\n`;
}

/** Runs `tenants`; writes its answer or its one line, and returns the exit status. */
export async function runTenants(parsed: Parsed, io: CliIo): Promise<number> {
  const t = translator(parsed.lang);
  const say = (key: string, vars?: Record<string, unknown>) => String(t(`tenants:cli.${key}`, vars ?? {}));
  if (!parsed.ok) {
    io.stderr.write(`${say(`errors.${parsed.key}`, parsed.vars)}\n`);
    return EXIT_BAD_INPUT;
  }
  const opened = await openRegistry(io.env, say);
  if (!opened.ok) {
    io.stderr.write(`${opened.line}\n`);
    return opened.status;
  }
  try {
    return await answer(parsed.value, parsed.json, opened.registry, io, say);
  } catch (error) {
    // The database is in use and the bot that holds it did not answer (one of an older version, or one still starting).
    const { BotNotAnsweringError } = await import('./running-bot-tenants');
    if (!(error instanceof BotNotAnsweringError) || opened.whenNotAnswering === undefined) throw error;
    io.stderr.write(`${opened.whenNotAnswering}\n`);
    return EXIT_FAILURE;
  } finally {
    opened.close();
  }
}

async function answer(value: TenantsAction, json: boolean, registry: Registry, io: CliIo, say: (key: string, vars?: Record<string, unknown>) => string): Promise<number> {
  if (value.action === 'list') {
    const entries = await registry.list();
    io.stdout.write(json ? `${JSON.stringify(entries, null, 2)}\n` : listText(entries, say));
    return EXIT_ANSWER;
  }
  if (!(await registry.remove(value.id))) {
    io.stderr.write(`${say('errors.unknownId', { id: value.id })}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stdout.write(json ? `${JSON.stringify({ removed: value.id.toLowerCase() })}\n` : `${say('removed', { id: value.id.toLowerCase() })}\n`);
  return EXIT_ANSWER;
}

/** The two synopses for `plan-switch help`, in its layout. */
export function tenantsUsage(lng: Language): string[] {
  const t = translator(lng);
  return [
    '  plan-switch tenants list',
    `      ${String(t('tenants:cli.usage.list'))}`,
    '  plan-switch tenants remove ID',
    `      ${String(t('tenants:cli.usage.remove'))}`,
  ];
}
