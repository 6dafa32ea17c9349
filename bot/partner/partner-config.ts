import { readFileSync } from 'node:fs';
import { GRAPH_DEFAULT_BASE_URL } from '../../graph/config';
import { parsePartnerConfig, type PartnerConfig } from '../../partner/config';

// The CSP helpdesk in the bot is on when PARTNER_OAUTH_CONNECTION names the bot's OAuth connection;
// the rest of the PARTNER_* variables are then checked like the command line's (one problem, named).

export interface PartnerBotSettings {
  connectionName: string;
  baseUrl: string;
  /** PARTNER_CENTER_CA_FILE: extra CA certificates (PEM) to trust for Partner Center (a proxy's, or a local test server's). */
  ca?: string;
  /** PLAN_SWITCH_PARTNER_POLL_SECONDS: how often a transition's events are read (default 15 s). */
  pollMs: number;
  config: PartnerConfig;
  /** GRAPH_BASE_URL: where a customer's tenant is read (Microsoft Graph unless a test points elsewhere). */
  graphBaseUrl: string;
}

export function partnerBotSettings(env: Readonly<Record<string, string | undefined>>): { ok: true; value?: PartnerBotSettings } | { ok: false; message: string } {
  if (!env.PARTNER_OAUTH_CONNECTION?.trim()) return { ok: true };
  const parsed = parsePartnerConfig(env);
  if (!parsed.ok) {
    const e = parsed.error;
    return { ok: false, message: e.problem === 'missing' ? `configuration: ${e.variables.join(', ')}: required with PARTNER_OAUTH_CONNECTION` : `configuration: ${e.variable}: expected ${e.expected}` };
  }
  const caFile = env.PARTNER_CENTER_CA_FILE?.trim();
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch {
      return { ok: false, message: `configuration: PARTNER_CENTER_CA_FILE: cannot read ${caFile}` };
    }
  }
  const poll = Number(env.PLAN_SWITCH_PARTNER_POLL_SECONDS?.trim() || 15);
  if (!Number.isFinite(poll) || poll < 0 || poll > 3600) return { ok: false, message: 'configuration: PLAN_SWITCH_PARTNER_POLL_SECONDS: expected seconds from 0 to 3600' };
  return { ok: true, value: { connectionName: parsed.value.oauthConnection!, baseUrl: parsed.value.baseUrl, ...(ca ? { ca } : {}), pollMs: poll * 1000, config: parsed.value, graphBaseUrl: (env.GRAPH_BASE_URL?.trim() || GRAPH_DEFAULT_BASE_URL).replace(/\/+$/, '') } };
}
