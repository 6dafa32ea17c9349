import { z } from 'zod';

// Configuration, parsed once at start. A bad value stops the start with one line naming the variable;
// the rest of the code receives this typed object and never reads process.env.
const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    MicrosoftAppId: z.string().trim().optional().transform((s) => (s ? s : undefined)),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: z.string().optional(),
    ALLOWED_TENANTS: list.optional(),
    STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
    DATA_DIR: z.string().min(1).default('.data'),
    /** How many times faster than the articles' real durations the demo tenants run a switch. */
    SWITCH_SPEED: z.coerce.number().positive().max(1_000_000).default(3600),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** The local Direct Line and web chat page: on by default without an app id, off by default with one. */
    DIRECTLINE_ENABLED: z.enum(['true', 'false']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'required when NODE_ENV=production (the bot would accept unauthenticated requests)' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required with MicrosoftAppId' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required with MicrosoftAppType=SingleTenant' });
    }
  });

export interface BotConfig {
  environment: 'development' | 'production' | 'test';
  port: number;
  /** Without an app id the bot runs in local development mode: unauthenticated, with the demo identity picker. */
  auth?: { appId: string; appPassword?: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI'; tenantId?: string };
  /** Tenant ids allowed to talk to the bot; undefined: every tenant the bot knows. */
  allowedTenants?: string[];
  storage: 'sqlite' | 'memory';
  dataDir: string;
  switchSpeed: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Whether the bot serves the local Direct Line (/v3/directline) and the web chat page (/). */
  directLine: boolean;
}

export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; message: string };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `configuration: ${issue.path.join('.')}: ${issue.message}` };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      environment: e.NODE_ENV,
      port: e.PORT,
      auth: e.MicrosoftAppId
        ? { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId }
        : undefined,
      allowedTenants: e.ALLOWED_TENANTS,
      storage: e.STORAGE,
      dataDir: e.DATA_DIR,
      switchSpeed: e.SWITCH_SPEED,
      logLevel: e.LOG_LEVEL,
      directLine: e.DIRECTLINE_ENABLED === undefined ? !e.MicrosoftAppId : e.DIRECTLINE_ENABLED === 'true',
    },
  };
}

export function isLocalDevelopment(config: BotConfig): boolean {
  return config.auth === undefined;
}
