import { isLanguage, type Language } from '../i18n/languages';
import { err, ok, type Result } from '../domain/result';

// The command line as contract.md "Command line" defines it, parsed strictly: an unknown flag,
// a flag without its value, a missing required flag or a bad --lang is bad input, never guessed at.

export const COMMANDS = ['plans', 'check', 'move', 'snapshot', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

export type Command =
  | { name: 'help' }
  | { name: 'plans' }
  | { name: 'check'; tenant: string; subscription: string; to: string; as?: string; count?: number; toSubscription?: string }
  | { name: 'move'; tenant: string; from: string; to: string; users: string[]; as?: string; apply: boolean; count?: number }
  | { name: 'snapshot'; out?: string; settings?: string; values: SnapshotValues };

/** Flag values of `snapshot` for what Graph cannot tell; checked by the command, not here. */
export interface SnapshotValues {
  billingAccount?: string;
  paymentMethod?: string;
  billingFrequency?: string;
  currency?: string;
  segment?: string;
}

export interface Invocation {
  command: Command;
  lang: Language;
  json: boolean;
}

/** Bad input on the command line; `lang` is the language its one line is written in. */
export type ArgError =
  | { code: 'MISSING_COMMAND' }
  | { code: 'UNKNOWN_COMMAND'; command: string }
  | { code: 'UNKNOWN_FLAG'; flag: string; command: CommandName }
  | { code: 'MISSING_VALUE'; flag: string }
  | { code: 'UNEXPECTED_VALUE'; flag: string }
  | { code: 'DUPLICATE_FLAG'; flag: string }
  | { code: 'MISSING_FLAG'; flag: string; command: CommandName }
  | { code: 'UNEXPECTED_ARGUMENT'; argument: string }
  | { code: 'BAD_LANG'; value: string }
  | { code: 'BAD_USERS'; value: string }
  | { code: 'BAD_COUNT'; value: string };

export interface ArgFailure {
  error: ArgError;
  lang: Language;
}

type FlagKind = 'value' | 'switch';

const COMMON_FLAGS: Readonly<Record<string, FlagKind>> = { lang: 'value', json: 'switch', help: 'switch' };

/** Each command's own flags; the required ones are listed in the order the usage names them. */
const COMMAND_FLAGS: Readonly<Record<CommandName, { flags: Readonly<Record<string, FlagKind>>; required: readonly string[] }>> = {
  help: { flags: {}, required: [] },
  plans: { flags: {}, required: [] },
  check: {
    flags: { tenant: 'value', subscription: 'value', to: 'value', as: 'value', count: 'value', 'to-subscription': 'value' },
    required: ['tenant', 'subscription', 'to'],
  },
  move: {
    flags: { tenant: 'value', from: 'value', to: 'value', users: 'value', as: 'value', count: 'value', apply: 'switch' },
    required: ['tenant', 'from', 'to', 'users'],
  },
  snapshot: {
    flags: {
      graph: 'switch',
      out: 'value',
      settings: 'value',
      'billing-account': 'value',
      'payment-method': 'value',
      'billing-frequency': 'value',
      currency: 'value',
      segment: 'value',
    },
    required: ['graph'],
  },
};

/** Every option a command takes, its own first, as written on the command line. */
export function flagsOf(command: CommandName): string[] {
  return [...Object.keys(COMMAND_FLAGS[command].flags), ...Object.keys(COMMON_FLAGS)].map((key) => `--${key}`);
}

function isCommand(value: string): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value);
}

/**
 * The --lang value, looked for before anything else so that every other error can be written in it.
 * A missing or unsupported value is itself bad input (reported in English).
 */
function findLanguage(argv: readonly string[]): Result<Language, ArgError> {
  let lang: Language = 'en';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === '--lang') {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return err({ code: 'MISSING_VALUE', flag: '--lang' });
      i++;
    } else if (arg.startsWith('--lang=')) {
      value = arg.slice('--lang='.length);
    } else {
      continue;
    }
    if (!isLanguage(value)) return err({ code: 'BAD_LANG', value });
    lang = value;
  }
  return ok(lang);
}

/** --count: a whole number of at least 1, written in plain digits; undefined for anything else. */
function parseCount(value: string): number | undefined {
  if (!/^[0-9]+$/.test(value)) return undefined;
  const count = Number(value);
  return Number.isSafeInteger(count) && count >= 1 ? count : undefined;
}

/** "a,b , c" → ["a", "b", "c"]; undefined when an id is empty. */
function splitIds(value: string): string[] | undefined {
  const ids = value.split(',').map((id) => id.trim());
  return ids.every((id) => id.length > 0) ? ids : undefined;
}

export function parseArgs(argv: readonly string[]): Result<Invocation, ArgFailure> {
  const language = findLanguage(argv);
  if (!language.ok) return err({ error: language.error, lang: 'en' });
  const lang = language.value;
  const fail = (error: ArgError) => err({ error, lang });

  // The command is the first word that is not a flag; common flags (--lang sv, --json, --help) may come before it.
  let at = 0;
  while (at < argv.length && argv[at]!.startsWith('--')) at += argv[at] === '--lang' ? 2 : 1;
  const word = argv[at];
  const args = [...argv.slice(0, at), ...argv.slice(at + 1)];
  const name = word ?? (args.includes('--help') ? 'help' : undefined);
  if (name === undefined) return fail({ code: 'MISSING_COMMAND' });
  if (!isCommand(name)) return fail({ code: 'UNKNOWN_COMMAND', command: name });

  const spec = COMMAND_FLAGS[name];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) return fail({ code: 'UNEXPECTED_ARGUMENT', argument: arg });
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq === -1 ? undefined : eq);
    const flag = `--${key}`;
    const kind = spec.flags[key] ?? COMMON_FLAGS[key];
    if (kind === undefined) return fail({ code: 'UNKNOWN_FLAG', flag, command: name });
    if (kind === 'switch') {
      if (eq !== -1) return fail({ code: 'UNEXPECTED_VALUE', flag });
      switches.add(key);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      if (value !== undefined && value.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined || value === '') return fail({ code: 'MISSING_VALUE', flag });
    if (values.has(key)) return fail({ code: 'DUPLICATE_FLAG', flag });
    values.set(key, value);
  }

  const json = switches.has('json');
  if (switches.has('help') || name === 'help') return ok({ command: { name: 'help' }, lang, json });
  for (const key of spec.required) {
    if (!values.has(key) && !switches.has(key)) return fail({ code: 'MISSING_FLAG', flag: `--${key}`, command: name });
  }
  const get = (key: string) => values.get(key) ?? '';
  const as = values.get('as');
  const countText = values.get('count');
  const count = countText === undefined ? undefined : parseCount(countText);
  if (countText !== undefined && count === undefined) return fail({ code: 'BAD_COUNT', value: countText });
  const counted = count === undefined ? {} : { count };
  switch (name) {
    case 'plans':
      return ok({ command: { name }, lang, json });
    case 'check':
      const toSubscription = values.get('to-subscription');
      const command = { name, tenant: get('tenant'), subscription: get('subscription'), to: get('to'), ...(as ? { as } : {}), ...counted, ...(toSubscription ? { toSubscription } : {}) };
      return ok({ command, lang, json });
    case 'move': {
      const users = splitIds(get('users'));
      if (!users) return fail({ code: 'BAD_USERS', value: get('users') });
      const command = { name, tenant: get('tenant'), from: get('from'), to: get('to'), users, apply: switches.has('apply'), ...(as ? { as } : {}), ...counted };
      return ok({ command, lang, json });
    }
    case 'snapshot': {
      const out = values.get('out');
      const settings = values.get('settings');
      const pick = (key: string, as: keyof SnapshotValues) => (values.has(key) ? { [as]: values.get(key)! } : {});
      const snapshotValues: SnapshotValues = {
        ...pick('billing-account', 'billingAccount'),
        ...pick('payment-method', 'paymentMethod'),
        ...pick('billing-frequency', 'billingFrequency'),
        ...pick('currency', 'currency'),
        ...pick('segment', 'segment'),
      };
      return ok({ command: { name, ...(out ? { out } : {}), ...(settings ? { settings } : {}), values: snapshotValues }, lang, json });
    }
  }
}
