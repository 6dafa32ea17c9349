import { z } from 'zod';

// The Partner Center settings (contract.md "Many tenants and Partner Center"), read from the environment
// once and checked with zod. A bad or missing value is one problem that names the variable.

export const PARTNER_DEFAULT_BASE_URL = 'https://api.partnercenter.microsoft.com';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export const PARTNER_VARIABLES = [
  'PARTNER_CENTER_BASE_URL',
  'PARTNER_TENANT_ID',
  'PARTNER_CLIENT_ID',
  'PARTNER_CLIENT_SECRET',
  'PARTNER_CLIENT_CERTIFICATE_PATH',
  'PARTNER_OAUTH_CONNECTION',
  'GRAPH_AUTHORITY_HOST',
] as const;
export type PartnerVariable = (typeof PARTNER_VARIABLES)[number];

export interface PartnerConfig {
  /** Without a trailing slash. */
  baseUrl: string;
  tenantId: string;
  clientId: string;
  /**
   * The web app's credential for the bot's sign-in (the OAuth connection holds it on Azure); the command
   * line signs the agent in as a public client (device code) and needs none.
   */
  credential?: { kind: 'secret'; secret: string } | { kind: 'certificate'; certificatePath: string };
  /** The bot's OAuth connection name (botbuilder OAuthPrompt). */
  oauthConnection?: string;
  authorityHost: string;
}

export type PartnerConfigProblem =
  | { problem: 'missing'; variables: PartnerVariable[] }
  | { problem: 'invalid'; variable: PartnerVariable; expected: 'https-url' | 'tenant-id' | 'client-id' | 'one-credential' | 'connection-name' };

const trimmed = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const isHttpsUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
};

const CHECKS: { variable: PartnerVariable; test: (v: string) => boolean; expected: Extract<PartnerConfigProblem, { problem: 'invalid' }>['expected'] }[] = [
  { variable: 'PARTNER_CENTER_BASE_URL', test: isHttpsUrl, expected: 'https-url' },
  { variable: 'GRAPH_AUTHORITY_HOST', test: isHttpsUrl, expected: 'https-url' },
  { variable: 'PARTNER_TENANT_ID', test: (v) => /^[A-Za-z0-9.-]{1,256}$/.test(v), expected: 'tenant-id' },
  { variable: 'PARTNER_CLIENT_ID', test: (v) => /^[A-Za-z0-9-]{1,128}$/.test(v), expected: 'client-id' },
  { variable: 'PARTNER_OAUTH_CONNECTION', test: (v) => /^[\w .-]{1,128}$/.test(v), expected: 'connection-name' },
];

/** The configuration, or the first problem (missing variables all together). */
export function parsePartnerConfig(env: Readonly<Record<string, string | undefined>>): { ok: true; value: PartnerConfig } | { ok: false; error: PartnerConfigProblem } {
  const value = (name: PartnerVariable) => trimmed.parse(env[name]);
  for (const check of CHECKS) {
    const v = value(check.variable);
    if (v !== undefined && !check.test(v)) return { ok: false, error: { problem: 'invalid', variable: check.variable, expected: check.expected } };
  }
  const tenantId = value('PARTNER_TENANT_ID');
  const clientId = value('PARTNER_CLIENT_ID');
  const missing: PartnerVariable[] = [];
  if (!tenantId) missing.push('PARTNER_TENANT_ID');
  if (!clientId) missing.push('PARTNER_CLIENT_ID');
  if (!tenantId || !clientId) return { ok: false, error: { problem: 'missing', variables: missing } };
  const secret = value('PARTNER_CLIENT_SECRET');
  const certificatePath = value('PARTNER_CLIENT_CERTIFICATE_PATH');
  if (secret && certificatePath) return { ok: false, error: { problem: 'invalid', variable: 'PARTNER_CLIENT_CERTIFICATE_PATH', expected: 'one-credential' } };
  const oauthConnection = value('PARTNER_OAUTH_CONNECTION');
  return {
    ok: true,
    value: {
      baseUrl: (value('PARTNER_CENTER_BASE_URL') ?? PARTNER_DEFAULT_BASE_URL).replace(/\/+$/, ''),
      tenantId,
      clientId,
      ...(secret ? { credential: { kind: 'secret' as const, secret } } : certificatePath ? { credential: { kind: 'certificate' as const, certificatePath } } : {}),
      ...(oauthConnection ? { oauthConnection } : {}),
      authorityHost: (value('GRAPH_AUTHORITY_HOST') ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, ''),
    },
  };
}
