import { err, ok, type Result } from '../../domain/result';
import { isLanguage, type Language } from '../../i18n/languages';

// `plan-switch partner <command> …` (contract.md "Many tenants and Partner Center"), parsed strictly like
// the other commands: an unknown flag, a flag without its value, a missing required flag or a bad
// --lang is bad input, never guessed at.

export const PARTNER_COMMANDS = ['customers', 'check', 'transition'] as const;
export type PartnerCommandName = (typeof PARTNER_COMMANDS)[number];

export type PartnerCommand =
  | { name: 'customers'; search?: string }
  | { name: 'check'; customer: string; subscription: string; to?: string; graph: boolean }
  | { name: 'transition'; customer: string; subscription: string; to: string; quantity: string; licenceTransfer: boolean; apply: boolean };

export type PartnerArgError =
  | { code: 'MISSING_SUBCOMMAND' }
  | { code: 'UNKNOWN_SUBCOMMAND'; command: string }
  | { code: 'UNKNOWN_FLAG'; flag: string; command: PartnerCommandName }
  | { code: 'MISSING_FLAG'; flag: string; command: PartnerCommandName }
  | { code: 'MISSING_VALUE'; flag: string }
  | { code: 'UNEXPECTED_VALUE'; flag: string }
  | { code: 'DUPLICATE_FLAG'; flag: string }
  | { code: 'UNEXPECTED_ARGUMENT'; argument: string }
  | { code: 'BAD_LANG'; value: string };

type Kind = 'value' | 'switch';
const COMMON: Readonly<Record<string, Kind>> = { lang: 'value', json: 'switch' };
const FLAGS: Readonly<Record<PartnerCommandName, { flags: Readonly<Record<string, Kind>>; required: readonly string[] }>> = {
  customers: { flags: { search: 'value' }, required: [] },
  check: { flags: { customer: 'value', subscription: 'value', to: 'value', graph: 'switch' }, required: ['customer', 'subscription'] },
  transition: {
    flags: { customer: 'value', subscription: 'value', to: 'value', quantity: 'value', 'licence-transfer': 'switch', 'license-transfer': 'switch', apply: 'switch' },
    required: ['customer', 'subscription', 'to', 'quantity'],
  },
};

export function partnerFlagsOf(command: PartnerCommandName): string[] {
  return [...Object.keys(FLAGS[command].flags).filter((f) => f !== 'license-transfer'), ...Object.keys(COMMON)].map((f) => `--${f}`);
}

/** Whether these arguments are a `partner` command: its word is the first that is not a flag. */
export function isPartnerInvocation(argv: readonly string[]): boolean {
  let at = 0;
  while (at < argv.length && argv[at]!.startsWith('--')) at += argv[at] === '--lang' ? 2 : 1;
  return argv[at] === 'partner';
}

export interface PartnerInvocation {
  command: PartnerCommand;
  lang: Language;
  json: boolean;
}

/** The arguments after the program name; the language is found first so every error is written in it. */
export function parsePartnerArgs(argv: readonly string[]): Result<PartnerInvocation, { error: PartnerArgError; lang: Language }> {
  let lang: Language = 'en';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (arg !== '--lang' && !arg.startsWith('--lang=')) continue;
    if (value === undefined || value.startsWith('--')) return err({ error: { code: 'MISSING_VALUE', flag: '--lang' }, lang: 'en' });
    if (!isLanguage(value)) return err({ error: { code: 'BAD_LANG', value }, lang: 'en' });
    lang = value;
  }
  const fail = (error: PartnerArgError) => err({ error, lang });
  // The words `partner` and the command come first; only --lang and --json may stand before them.
  const isCommon = (arg: string) => arg === '--json' || arg.startsWith('--lang=');
  const rest: string[] = [];
  let at = 0;
  const skipCommon = () => {
    while (at < argv.length && (argv[at] === '--lang' || isCommon(argv[at]!))) {
      if (argv[at] === '--lang') at += 2;
      else rest.push(argv[at++]!);
    }
  };
  skipCommon();
  at++; // `partner`
  skipCommon();
  const name = argv[at];
  if (name === undefined || name.startsWith('--')) return fail({ code: 'MISSING_SUBCOMMAND' });
  if (!(PARTNER_COMMANDS as readonly string[]).includes(name)) return fail({ code: 'UNKNOWN_SUBCOMMAND', command: name });
  for (let i = at + 1; i < argv.length; i++) {
    if (argv[i] === '--lang') i++;
    else rest.push(argv[i]!);
  }
  const command = name as PartnerCommandName;
  const spec = FLAGS[command];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) return fail({ code: 'UNEXPECTED_ARGUMENT', argument: arg });
    if (arg.startsWith('--lang=')) continue;
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq === -1 ? undefined : eq);
    const flag = `--${key}`;
    const kind = spec.flags[key] ?? COMMON[key];
    if (kind === undefined) return fail({ code: 'UNKNOWN_FLAG', flag, command });
    if (kind === 'switch') {
      if (eq !== -1) return fail({ code: 'UNEXPECTED_VALUE', flag });
      switches.add(key === 'license-transfer' ? 'licence-transfer' : key);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value !== undefined && value.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined || value.trim() === '') return fail({ code: 'MISSING_VALUE', flag });
    if (values.has(key)) return fail({ code: 'DUPLICATE_FLAG', flag });
    values.set(key, value.trim());
  }
  for (const key of spec.required) if (!values.has(key)) return fail({ code: 'MISSING_FLAG', flag: `--${key}`, command });
  const json = switches.has('json');
  const get = (key: string) => values.get(key)!;
  switch (command) {
    case 'customers':
      return ok({ command: { name: command, ...(values.has('search') ? { search: get('search') } : {}) }, lang, json });
    case 'check':
      return ok({ command: { name: command, customer: get('customer'), subscription: get('subscription'), ...(values.has('to') ? { to: get('to') } : {}), graph: switches.has('graph') }, lang, json });
    case 'transition':
      return ok({
        command: { name: command, customer: get('customer'), subscription: get('subscription'), to: get('to'), quantity: get('quantity'), licenceTransfer: switches.has('licence-transfer'), apply: switches.has('apply') },
        lang,
        json,
      });
  }
}
