import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../domain/gateways/atomic-file';
import { err, ok, type Result } from '../../domain/result';
import { BILLING_ACCOUNT_TYPES, BILLING_FREQUENCIES, PAYMENT_METHODS, SEGMENTS } from '../../domain/vocabulary';
import { formatList } from '../../i18n/format';
import { GraphAuthError, GraphRequestError, GraphTenantGateway, GraphUnreachableError, parseGraphConfig, snapshotSettingsSchema, withOverrides } from '../../graph';
import type { SnapshotSettings, SnapshotWarning } from '../../graph';
import type { SnapshotValues } from '../args';
import type { CliError } from '../errors';
import { cliWords } from '../words';
import { json, type CommandContext, type CommandResult } from './context';

// `plan-switch snapshot --graph [--out FILE]`: reads the tenant configured by the GRAPH_* variables
// through Microsoft Graph and writes its snapshot in the contract's format, to FILE (atomically) or to
// standard output. What Graph cannot tell comes from --settings FILE and the flags, with the defaults
// `plan-switch help` states. Every failure is one line on standard error, exit 2.

export interface SnapshotArgs {
  out?: string;
  settings?: string;
  values: SnapshotValues;
}

const reasonOf = (error: unknown): 'not-found' | 'not-a-file' | 'no-access' | 'other' => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not-found';
  if (code === 'EISDIR') return 'not-a-file';
  if (code === 'EACCES' || code === 'EPERM') return 'no-access';
  return 'other';
};

async function readSettings(file: string | undefined): Promise<Result<SnapshotSettings, CliError>> {
  if (file === undefined) return ok({});
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return err({ kind: 'settings-unreadable', file, reason: reasonOf(error) });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return err({ kind: 'settings-not-json', file });
  }
  const parsed = snapshotSettingsSchema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  return err({ kind: 'settings-invalid', file, path: keys.map(String).join('.') || '(file)' });
}

/** The flags' values, checked against the contract's enumerations. */
function flagOverrides(values: SnapshotValues): Result<Parameters<typeof withOverrides>[1], CliError> {
  const check = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): Result<T | undefined, CliError> =>
    value === undefined || (allowed as readonly string[]).includes(value) ? ok(value as T | undefined) : err({ kind: 'option-invalid', flag, value, values: allowed });
  const billingAccountType = check('--billing-account', values.billingAccount, BILLING_ACCOUNT_TYPES);
  if (!billingAccountType.ok) return billingAccountType;
  const paymentMethod = check('--payment-method', values.paymentMethod, PAYMENT_METHODS);
  if (!paymentMethod.ok) return paymentMethod;
  const billingFrequency = check('--billing-frequency', values.billingFrequency, BILLING_FREQUENCIES);
  if (!billingFrequency.ok) return billingFrequency;
  const segment = check('--segment', values.segment, SEGMENTS);
  if (!segment.ok) return segment;
  if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency)) return err({ kind: 'option-invalid', flag: '--currency', value: values.currency });
  const defined = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  return ok({
    ...defined('billingAccountType', billingAccountType.value),
    ...defined('paymentMethod', paymentMethod.value),
    ...defined('billingFrequency', billingFrequency.value),
    ...defined('segment', segment.value),
    ...defined('currency', values.currency),
  });
}

function graphFailure(error: unknown): CliError | undefined {
  if (error instanceof GraphAuthError) return { kind: 'graph-auth-failed', reason: error.reason };
  if (error instanceof GraphRequestError) return { kind: 'graph-request-failed', method: error.method, path: error.path, status: error.status, ...(error.code ? { code: error.code } : {}) };
  if (error instanceof GraphUnreachableError) return { kind: 'graph-unreachable', url: error.url.split('?')[0] ?? error.url, reason: error.reason };
  return undefined;
}

function warningLine(warning: SnapshotWarning, context: CommandContext): string {
  const { say } = cliWords(context.lang);
  switch (warning.code) {
    case 'UNKNOWN_SKUS':
      return say('snapshot.unknownSkus', { count: warning.skuPartNumbers.length, skus: formatList(warning.skuPartNumbers, context.lang) });
    case 'NO_PRICE_RATE':
      return say('snapshot.noPriceRate', { currency: warning.currency });
    case 'ROLES_PARTLY_READ':
      return warning.missing.map((gap) => say(gap === 'pim' ? 'snapshot.rolesPimUnread' : 'snapshot.rolesGroupsUnread')).join('\n');
  }
}

export async function snapshotCommand(args: SnapshotArgs, context: CommandContext): Promise<CommandResult> {
  const config = parseGraphConfig(context.env);
  if (!config.ok) {
    const problem = config.error;
    return err(problem.problem === 'missing' ? { kind: 'graph-settings-missing', variables: problem.variables } : { kind: 'graph-setting-invalid', variable: problem.variable, expected: problem.expected });
  }
  const overrides = flagOverrides(args.values);
  if (!overrides.ok) return overrides;
  const fileSettings = await readSettings(args.settings);
  if (!fileSettings.ok) return fileSettings;

  const gateway = new GraphTenantGateway({ config: config.value, settings: withOverrides(fileSettings.value, overrides.value) });
  let built: Awaited<ReturnType<GraphTenantGateway['readSnapshotWithWarnings']>>;
  try {
    built = await gateway.readSnapshotWithWarnings();
  } catch (error) {
    const failure = graphFailure(error);
    if (failure) return err(failure);
    throw error;
  } finally {
    gateway.close();
  }
  for (const warning of built.warnings) context.warn?.(warningLine(warning, context));

  const text = `${JSON.stringify(built.snapshot, null, 2)}\n`;
  if (args.out === undefined) return ok(text);
  try {
    await writeFileAtomic(args.out, text);
  } catch (error) {
    return err({ kind: 'out-unwritable', file: args.out, reason: (error as NodeJS.ErrnoException).code ?? 'EIO' });
  }
  const { snapshot } = built;
  if (context.json) {
    return ok(json({ file: args.out, tenantId: snapshot.tenant.id, users: snapshot.users.length, subscriptions: snapshot.subscriptions.length, warnings: built.warnings }));
  }
  return ok(`${cliWords(context.lang).say('snapshot.written', { name: snapshot.tenant.name, file: args.out, count: snapshot.users.length })}\n`);
}
