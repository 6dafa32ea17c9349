import { formatList } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { partnerWords } from '../../i18n/partner-describe';
import type { TokenCredential } from '@azure/identity';
import { GraphAuthError, GraphRequestError, GraphUnreachableError } from '../../graph';
import { agentCredential, GdapRoleMissingError, parsePartnerConfig, PartnerCenterClient, PartnerRequestError, PartnerSignInError, PartnerThrottledError, PartnerUnreachableError, type PartnerConfig } from '../../partner';
import type { CliIo } from '../io';

// What every `plan-switch partner` command shares: its words (locales/<lng>/partner.json), the
// configuration from PARTNER_* variables, the agent's device-code sign-in and the Partner Center client,
// and one line in the person's language for each way a call can fail.

export { partnerWords, type PartnerSay } from '../../i18n/partner-describe';

/** Bad input or a failed call, already written as its one line. */
export class PartnerCliError extends Error {
  constructor(readonly line: string) {
    super(line);
    this.name = 'PartnerCliError';
  }
}

export interface PartnerContext {
  lang: Language;
  json: boolean;
  env: CliIo['env'];
  /** A line on standard error that does not change the exit status (sign-in prompt, waits). */
  warn: (line: string) => void;
}

export function openClient(context: PartnerContext): PartnerCenterClient {
  return openSession(context).client;
}

/** The client, with the agent's credential and the configuration (for reading a customer's tenant too). */
export function openSession(context: PartnerContext): { client: PartnerCenterClient; credential: TokenCredential; config: PartnerConfig } {
  const say = partnerWords(context.lang);
  const config = parsePartnerConfig(context.env);
  if (!config.ok) {
    const problem = config.error;
    throw new PartnerCliError(
      problem.problem === 'missing'
        ? say('cli.errors.settingsMissing', { variables: formatList(problem.variables, context.lang) })
        : say('cli.errors.settingInvalid', { variable: problem.variable, expected: say(`cli.errors.expected.${problem.expected}`) }),
    );
  }
  const credential = agentCredential(config.value, { prompt: ({ verificationUri, userCode }) => context.warn(say('cli.signIn', { url: verificationUri, code: userCode })) });
  const client = new PartnerCenterClient({
    baseUrl: config.value.baseUrl,
    credential,
    onThrottled: ({ retryAfterSeconds }) => context.warn(say('cli.throttled', { count: retryAfterSeconds })),
  });
  return { client, credential, config: config.value };
}

/** A failed call as one line, or undefined for an error that is not Partner Center's (a bug). */
export function failureLine(error: unknown, lng: Language): string | undefined {
  const say = partnerWords(lng);
  if (error instanceof PartnerCliError) return error.line;
  if (error instanceof PartnerSignInError) return say('cli.errors.signIn', { reason: error.reason });
  if (error instanceof PartnerThrottledError) return say('cli.errors.throttled', { attempts: error.attempts, seconds: error.retryAfterSeconds });
  if (error instanceof PartnerUnreachableError) return say('cli.errors.unreachable', { url: error.url, reason: error.reason });
  if (error instanceof GdapRoleMissingError) return say('cli.errors.gdapRead', { roles: formatList([...error.roles], lng, 'disjunction') });
  if (error instanceof GraphRequestError) return say('cli.errors.graph', { status: error.status, method: error.method, path: error.path });
  if (error instanceof GraphUnreachableError) return say('cli.errors.graphUnreachable', { url: error.url.split('?')[0] ?? error.url, reason: error.reason });
  if (error instanceof GraphAuthError) return say('cli.errors.signIn', { reason: error.reason });
  if (error instanceof PartnerRequestError) {
    if (error.mfaRequired) return say('cli.errors.mfa');
    if (error.status === 403) return say('cli.errors.forbidden', { method: error.method, path: error.path });
    return say('cli.errors.request', { status: error.status, method: error.method, path: error.path, description: error.description ?? error.code ?? '' });
  }
  return undefined;
}
