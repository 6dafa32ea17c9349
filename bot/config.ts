import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GraphConfigError, MANY_TENANTS, parseGraphConfig, type GraphConfig } from '../graph/config';
import { snapshotSettingsSchema, type SnapshotSettings } from '../graph/settings';
import { DEFAULT_CHANGE_LIMITS, type ChangeLimits } from './security/change-limits';
import { isLoopbackAddress } from './security/loopback';
import { partnerBotSettings, type PartnerBotSettings } from './partner/partner-config';

// Configuration, parsed once at start. A bad value stops the start with one line naming the variable;
// the rest of the code receives this typed object and never reads process.env.
const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const httpUrl = z.string().trim().url().refine((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL');
/** An https address without query or fragment (http only on loopback, for local development); no trailing slash. */
const publicBaseUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      const local = url.protocol === 'http:' && isLoopbackAddress(url.hostname.replace(/^\[|\]$/g, ''));
      return (url.protocol === 'https:' || local) && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an https:// address without query or fragment (http:// only on loopback)')
  .transform((value) => value.replace(/\/+$/, ''));
const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** The address to listen on; unset: loopback without an app id, every interface with one. */
    HOST: z.string().trim().min(1).optional(),
    MicrosoftAppId: z.string().trim().optional().transform((s) => (s ? s : undefined)),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: z.string().optional(),
    ALLOWED_TENANTS: list.optional(),
    STORAGE: z.enum(['sqlite', 'memory', 'blob']).default('sqlite'),
    DATA_DIR: z.string().min(1).default('.data'),
    /** true: a state file that cannot be read (emptied, damaged, from a newer version) is moved aside and the bot starts with no history. */
    STATE_START_EMPTY: z.enum(['true', 'false']).default('false'),
    /** Conversations, preferences and switch jobs untouched for this many days are pruned (finished jobs keep a summary). */
    STATE_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
    /** STORAGE=blob: the storage account (UseDevelopmentStorage=true for a local Azurite) and the container, shared by every instance. */
    AZURE_STORAGE_CONNECTION_STRING: z.string().trim().optional().transform((s) => (s ? s : undefined)),
    AZURE_STORAGE_CONTAINER: z
      .string()
      .regex(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'a container name: 3-63 lowercase letters, digits and single hyphens' })
      .optional(),
    /** Where the demo tenants' working copies live (DATA_DIR/tenants by default); instances sharing one storage share it. */
    TENANTS_DIR: z.string().min(1).optional(),
    /** demo: the demo tenants; graph: the tenant the GRAPH_* variables name, read through Microsoft Graph. */
    TENANT_SOURCE: z.enum(['demo', 'graph']).default('demo'),
    /** TENANT_SOURCE=graph: what Graph cannot tell (billing, prices, add-ons), as for `plan-switch snapshot --graph --settings`. */
    GRAPH_SETTINGS_FILE: z.string().min(1).optional(),
    /** The bot's own address as browsers reach it (https://bot.example.com): Entra sends a consenting administrator back to PUBLIC_BASE_URL/admin-consent/callback. */
    PUBLIC_BASE_URL: publicBaseUrl.optional(),
    /** A plan change bought in the admin centre: how often the bot looks for the new plan, and after how long it gives up. */
    PLAN_WATCH_POLL_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
    PLAN_WATCH_GIVE_UP_HOURS: z.coerce.number().positive().max(24 * 90).default(72),
    /** How long a switch job's lease lasts unrenewed; an instance that died leaves its job to another after this. */
    JOB_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    /** How many times faster than the articles' real durations the demo tenants run a switch. */
    SWITCH_SPEED: z.coerce.number().positive().max(1_000_000).default(3600),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** The local Direct Line and web chat page: on by default without an app id, off by default with one. */
    DIRECTLINE_ENABLED: z.enum(['true', 'false']).optional(),
    /** Hosts the bot may send activities to (incoming serviceUrls and proactive messages); unset: Microsoft's channel hosts, plus loopback in local development. */
    ALLOWED_SERVICE_HOSTS: list.optional(),
    /** botbuilder's authentication endpoints (ConfigurationBotFrameworkAuthentication keys); unset: Microsoft's public cloud. */
    ToBotFromChannelOpenIdMetadataUrl: httpUrl.optional(),
    ToBotFromChannelTokenIssuer: z.string().trim().min(1).optional(),
    ToBotFromEmulatorOpenIdMetadataUrl: httpUrl.optional(),
    ToChannelFromBotLoginUrl: httpUrl.optional(),
    ToChannelFromBotOAuthScope: z.string().trim().min(1).optional(),
    OAuthUrl: httpUrl.optional(),
    /** Switch and move requests (confirmation cards offered) per person and per organisation. */
    CHANGE_LIMIT_USER_PER_MINUTE: limit(DEFAULT_CHANGE_LIMITS.perUserPerMinute),
    CHANGE_LIMIT_USER_PER_HOUR: limit(DEFAULT_CHANGE_LIMITS.perUserPerHour),
    CHANGE_LIMIT_TENANT_PER_MINUTE: limit(DEFAULT_CHANGE_LIMITS.perTenantPerMinute),
    CHANGE_LIMIT_TENANT_PER_HOUR: limit(DEFAULT_CHANGE_LIMITS.perTenantPerHour),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'required when NODE_ENV=production (the bot would accept unauthenticated requests)' });
    }
    if (env.TENANT_SOURCE === 'graph' && !env.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'required with TENANT_SOURCE=graph (without it anyone who reaches the bot could move the tenant\'s real licences)' });
    }
    if (!env.MicrosoftAppId && env.HOST !== undefined && !isLoopbackAddress(env.HOST)) {
      ctx.addIssue({ code: 'custom', path: ['HOST'], message: 'must be a loopback address (127.0.0.1, ::1, localhost) without MicrosoftAppId: the bot would accept unauthenticated requests from the network' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required with MicrosoftAppId' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required with MicrosoftAppType=SingleTenant' });
    }
    if (env.STORAGE === 'blob' && !env.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'required with STORAGE=blob' });
    }
    if (env.STORAGE === 'blob' && !env.AZURE_STORAGE_CONTAINER) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONTAINER'], message: 'required with STORAGE=blob' });
    }
  });

/**
 * TENANT_SOURCE=graph: the GRAPH_* variables (checked by graph/) and the settings file, or one line saying what is wrong.
 * GRAPH_TENANT_ID unset or `organizations`: every tenant whose administrator consented, which needs PUBLIC_BASE_URL.
 */
function graphSource(env: Record<string, string | undefined>, settingsFile: string | undefined, publicBase: string | undefined): { ok: true; value: TenantSource } | { ok: false; message: string } {
  const named = env.GRAPH_TENANT_ID?.trim();
  const manyTenants = !named || named.toLowerCase() === MANY_TENANTS;
  const graph = parseGraphConfig(env, { manyTenants });
  if (!graph.ok) {
    const problem = graph.error;
    return {
      ok: false,
      message:
        problem.problem === 'missing'
          ? `configuration: ${problem.variables.join(', ')}: required with TENANT_SOURCE=graph`
          : `configuration: ${new GraphConfigError(problem).message}`,
    };
  }
  if (manyTenants && publicBase === undefined) {
    return { ok: false, message: 'configuration: PUBLIC_BASE_URL: required with TENANT_SOURCE=graph and GRAPH_TENANT_ID unset or organizations (the address Entra sends a consenting administrator back to)' };
  }
  const many = manyTenants ? { many: { publicBaseUrl: publicBase! } } : {};
  if (settingsFile === undefined) return { ok: true, value: { kind: 'graph', graph: graph.value, settings: {}, ...many } };
  let data: unknown;
  try {
    const text = readFileSync(settingsFile, 'utf8');
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not JSON' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    return { ok: false, message: `configuration: GRAPH_SETTINGS_FILE: ${settingsFile}: ${reason}` };
  }
  const parsed = snapshotSettingsSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    return { ok: false, message: `configuration: GRAPH_SETTINGS_FILE: ${settingsFile}: ${path.map(String).join('.') || '(file)'}: ${issue.message}` };
  }
  return { ok: true, value: { kind: 'graph', graph: graph.value, settings: parsed.data, ...many } };
}

/** Where the bot's tenants come from. */
export type TenantSource =
  | { kind: 'demo' }
  /** With `many`, graph.tenantId is `organizations` and the tenants are those whose administrator consented. */
  | { kind: 'graph'; graph: GraphConfig; settings: SnapshotSettings; many?: { publicBaseUrl: string } };

export interface BotConfig {
  environment: 'development' | 'production' | 'test';
  port: number;
  /** The address the server listens on: loopback without an app id; undefined: every interface. */
  host?: string;
  /** Without an app id the bot runs in local development mode: unauthenticated, with the demo identity picker. */
  auth?: { appId: string; appPassword?: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI'; tenantId?: string };
  /** Tenant ids allowed to talk to the bot; undefined: every tenant the bot knows. */
  allowedTenants?: string[];
  storage: 'sqlite' | 'memory' | 'blob';
  /** STORAGE=blob: the container every instance shares. */
  blob?: { connectionString: string; container: string };
  dataDir: string;
  /** Whether an unreadable state file is moved aside (STATE_START_EMPTY=true) instead of stopping the start. */
  stateStartEmpty: boolean;
  /** How long unused state is kept, in days (STATE_RETENTION_DAYS). */
  stateRetentionDays: number;
  /** The demo tenants' working copies. */
  tenantsDir: string;
  tenantSource: TenantSource;
  /** How long a switch job's lease lasts unrenewed, in milliseconds. */
  jobLeaseMs: number;
  /** Plan changes bought in the admin centre: how often the bot looks, and how long before it gives up (milliseconds). */
  planWatch?: { pollMs: number; giveUpMs: number };
  switchSpeed: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Whether the bot serves the local Direct Line (/v3/directline) and the web chat page (/). */
  directLine: boolean;
  /** Host patterns the bot may send activities to; undefined: the defaults (see bot/security/service-hosts.ts). */
  allowedServiceHosts?: string[];
  /** Overrides of botbuilder's authentication endpoints, by their ConfigurationBotFrameworkAuthentication names. */
  authEndpoints?: AuthEndpoints;
  changeLimits?: ChangeLimits;
  /** The CSP helpdesk on Partner Center, when PARTNER_OAUTH_CONNECTION is set. */
  partner?: PartnerBotSettings;
}

/** botbuilder's own configuration keys; each one unset means Microsoft's public cloud value. */
export interface AuthEndpoints {
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  ToChannelFromBotLoginUrl?: string;
  ToChannelFromBotOAuthScope?: string;
  OAuthUrl?: string;
}

export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; message: string };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `configuration: ${issue.path.join('.')}: ${issue.message}` };
  }
  const e = parsed.data;
  const source = e.TENANT_SOURCE === 'graph' ? graphSource(env, e.GRAPH_SETTINGS_FILE, e.PUBLIC_BASE_URL) : { ok: true as const, value: { kind: 'demo' } as TenantSource };
  if (!source.ok) return source;
  const partner = partnerBotSettings(env);
  if (!partner.ok) return partner;
  return {
    ok: true,
    config: {
      environment: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST ?? (e.MicrosoftAppId ? undefined : '127.0.0.1'),
      auth: e.MicrosoftAppId
        ? { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId }
        : undefined,
      allowedTenants: e.ALLOWED_TENANTS,
      storage: e.STORAGE,
      ...(e.STORAGE === 'blob' ? { blob: { connectionString: e.AZURE_STORAGE_CONNECTION_STRING!, container: e.AZURE_STORAGE_CONTAINER! } } : {}),
      dataDir: e.DATA_DIR,
      stateStartEmpty: e.STATE_START_EMPTY === 'true',
      stateRetentionDays: e.STATE_RETENTION_DAYS,
      tenantsDir: e.TENANTS_DIR ?? join(e.DATA_DIR, 'tenants'),
      tenantSource: source.value,
      jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
      planWatch: { pollMs: e.PLAN_WATCH_POLL_SECONDS * 1000, giveUpMs: e.PLAN_WATCH_GIVE_UP_HOURS * 3_600_000 },
      switchSpeed: e.SWITCH_SPEED,
      logLevel: e.LOG_LEVEL,
      directLine: e.DIRECTLINE_ENABLED === undefined ? !e.MicrosoftAppId : e.DIRECTLINE_ENABLED === 'true',
      allowedServiceHosts: e.ALLOWED_SERVICE_HOSTS,
      authEndpoints: Object.fromEntries(
        (['ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer', 'ToBotFromEmulatorOpenIdMetadataUrl', 'ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'OAuthUrl'] as const)
          .filter((key) => e[key] !== undefined)
          .map((key) => [key, e[key]]),
      ) as AuthEndpoints,
      changeLimits: {
        perUserPerMinute: e.CHANGE_LIMIT_USER_PER_MINUTE,
        perUserPerHour: e.CHANGE_LIMIT_USER_PER_HOUR,
        perTenantPerMinute: e.CHANGE_LIMIT_TENANT_PER_MINUTE,
        perTenantPerHour: e.CHANGE_LIMIT_TENANT_PER_HOUR,
      },
      ...(partner.value ? { partner: partner.value } : {}),
    },
  };
}

export function isLocalDevelopment(config: BotConfig): boolean {
  return config.auth === undefined;
}
