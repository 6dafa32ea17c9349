import { z } from 'zod';

// The Graph gateway's settings, read from the environment once and checked with zod. A bad or missing
// value is one line that names the variable (GraphConfigError), never a stack trace.

export const GRAPH_DEFAULT_BASE_URL = 'https://graph.microsoft.com';
export const GRAPH_DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export const GRAPH_VARIABLES = [
  'GRAPH_TENANT_ID',
  'GRAPH_CLIENT_ID',
  'GRAPH_CLIENT_SECRET',
  'GRAPH_CLIENT_CERTIFICATE_PATH',
  'GRAPH_BASE_URL',
  'GRAPH_AUTHORITY_HOST',
] as const;
export type GraphVariable = (typeof GRAPH_VARIABLES)[number];

export type GraphCredentials = { kind: 'secret'; secret: string } | { kind: 'certificate'; certificatePath: string };

export interface GraphConfig {
  tenantId: string;
  clientId: string;
  credentials: GraphCredentials;
  /** Without a trailing slash, e.g. https://graph.microsoft.com or https://graph.microsoft.us. */
  baseUrl: string;
  authorityHost: string;
}

/** What is wrong: a variable that is missing, or one whose value is not what `expected` names. */
export type GraphConfigProblem =
  | { problem: 'missing'; variables: GraphVariable[] }
  | { problem: 'invalid'; variable: GraphVariable; expected: 'https-url' | 'tenant-id' | 'client-id' | 'one-credential' };

export class GraphConfigError extends Error {
  constructor(readonly detail: GraphConfigProblem) {
    super(
      detail.problem === 'missing'
        ? `Microsoft Graph is not configured: set ${detail.variables.join(', ')}`
        : `${detail.variable}: expected ${EXPECTED_TEXT[detail.expected]}`,
    );
    this.name = 'GraphConfigError';
  }
}

const EXPECTED_TEXT = {
  'https-url': 'an https:// URL',
  'tenant-id': 'a tenant id (GUID) or domain name',
  'client-id': 'an application (client) id',
  'one-credential': 'either GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH, not both',
} as const;

const trimmed = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const httpsUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  })
  .transform((value) => value.replace(/\/+$/, ''));

const envSchema = z.object({
  GRAPH_TENANT_ID: trimmed.pipe(z.string().regex(/^[A-Za-z0-9.-]{1,256}$/).optional()),
  GRAPH_CLIENT_ID: trimmed.pipe(z.string().regex(/^[A-Za-z0-9-]{1,128}$/).optional()),
  GRAPH_CLIENT_SECRET: trimmed,
  GRAPH_CLIENT_CERTIFICATE_PATH: trimmed,
  GRAPH_BASE_URL: trimmed.pipe(httpsUrl.optional()),
  GRAPH_AUTHORITY_HOST: trimmed.pipe(httpsUrl.optional()),
});

const EXPECTED_BY_VARIABLE: Partial<Record<GraphVariable, GraphConfigProblem & { problem: 'invalid' }>> = {
  GRAPH_TENANT_ID: { problem: 'invalid', variable: 'GRAPH_TENANT_ID', expected: 'tenant-id' },
  GRAPH_CLIENT_ID: { problem: 'invalid', variable: 'GRAPH_CLIENT_ID', expected: 'client-id' },
  GRAPH_BASE_URL: { problem: 'invalid', variable: 'GRAPH_BASE_URL', expected: 'https-url' },
  GRAPH_AUTHORITY_HOST: { problem: 'invalid', variable: 'GRAPH_AUTHORITY_HOST', expected: 'https-url' },
};

/** GRAPH_TENANT_ID for an app that serves every tenant whose administrator consented (the bot only). */
export const MANY_TENANTS = 'organizations';

/** Entra's authority aliases that name no one tenant: an app-only token needs a real tenant. */
const NOT_ONE_TENANT = new Set(['organizations', 'common', 'consumers']);

/**
 * The configuration, or a GraphConfigProblem naming the first variable that is wrong (missing ones all together).
 * With `manyTenants`, GRAPH_TENANT_ID may be unset or `organizations`, and the tenant id is MANY_TENANTS:
 * each consented tenant is signed in to on its own (graph/tenant-credentials.ts).
 */
export function parseGraphConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: { manyTenants?: boolean } = {},
): { ok: true; value: GraphConfig } | { ok: false; error: GraphConfigProblem } {
  if (options.manyTenants) env = { ...env, GRAPH_TENANT_ID: MANY_TENANTS };
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const variable = parsed.error.issues[0]?.path[0] as GraphVariable;
    return { ok: false, error: EXPECTED_BY_VARIABLE[variable] ?? { problem: 'invalid', variable, expected: 'https-url' } };
  }
  const v = parsed.data;
  const missing: GraphVariable[] = [];
  if (!v.GRAPH_TENANT_ID) missing.push('GRAPH_TENANT_ID');
  if (!v.GRAPH_CLIENT_ID) missing.push('GRAPH_CLIENT_ID');
  if (!v.GRAPH_CLIENT_SECRET && !v.GRAPH_CLIENT_CERTIFICATE_PATH) missing.push('GRAPH_CLIENT_SECRET');
  if (missing.length > 0 || !v.GRAPH_TENANT_ID || !v.GRAPH_CLIENT_ID) return { ok: false, error: { problem: 'missing', variables: missing } };
  if (!options.manyTenants && NOT_ONE_TENANT.has(v.GRAPH_TENANT_ID.toLowerCase())) {
    return { ok: false, error: { problem: 'invalid', variable: 'GRAPH_TENANT_ID', expected: 'tenant-id' } };
  }
  if (v.GRAPH_CLIENT_SECRET && v.GRAPH_CLIENT_CERTIFICATE_PATH) {
    return { ok: false, error: { problem: 'invalid', variable: 'GRAPH_CLIENT_CERTIFICATE_PATH', expected: 'one-credential' } };
  }
  const credentials: GraphCredentials = v.GRAPH_CLIENT_SECRET
    ? { kind: 'secret', secret: v.GRAPH_CLIENT_SECRET }
    : { kind: 'certificate', certificatePath: v.GRAPH_CLIENT_CERTIFICATE_PATH! };
  return {
    ok: true,
    value: {
      tenantId: v.GRAPH_TENANT_ID,
      clientId: v.GRAPH_CLIENT_ID,
      credentials,
      baseUrl: v.GRAPH_BASE_URL ?? GRAPH_DEFAULT_BASE_URL,
      authorityHost: v.GRAPH_AUTHORITY_HOST ?? GRAPH_DEFAULT_AUTHORITY_HOST,
    },
  };
}

/** parseGraphConfig for callers that want an exception: a GraphConfigError with one line naming the variable. */
export function loadGraphConfig(env: Readonly<Record<string, string | undefined>> = process.env): GraphConfig {
  const result = parseGraphConfig(env);
  if (!result.ok) throw new GraphConfigError(result.error);
  return result.value;
}
