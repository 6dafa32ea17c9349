// Where the bot may send activities: the serviceUrl of an incoming activity must be on an allowed host
// before its turn runs (the replies go there), and a proactive message goes only to an allowed host.
// botbuilder itself trusts every serviceUrl and would hand the bot's token to any of them.

import { isLoopbackAddress as isLoopbackHost } from './loopback';

/** Microsoft's channel hosts: the Bot Framework's (Direct Line, Web Chat, the other channels) and Teams' in every cloud. */
export const MICROSOFT_SERVICE_HOSTS: readonly string[] = [
  '*.botframework.com',
  // Teams, public cloud: regions are paths on this one host (/amer/, /emea/, /apac/, /teams/ …).
  'smba.trafficmanager.net',
  // Teams in GCC, GCC High and DoD.
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  // The Bot Framework in the US Government cloud.
  '*.botframework.azure.us',
];

/** This machine, in local development (the Emulator, the Agents Playground, the local Direct Line). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export interface ServiceHostPolicy {
  /**
   * Whether a serviceUrl may receive the bot's activities. `reachedOnLoopback` is whether the request
   * that named it came over loopback (undefined for a proactive message, whose reference a turn checked).
   */
  allows(serviceUrl: string | undefined, reachedOnLoopback?: boolean): boolean;
  readonly patterns: readonly string[];
}

function matches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
  return host === p;
}

/**
 * The allowed hosts: the configured list, else Microsoft's channel hosts, plus loopback in local
 * development. Other hosts need https; loopback may use http. Loopback allowed only by the local
 * development default also needs the request itself to have come over loopback: a caller from
 * elsewhere must not make the bot post to this machine's own ports.
 */
export function serviceHostPolicy(configured: readonly string[] | undefined, localDevelopment: boolean): ServiceHostPolicy {
  const explicit = configured !== undefined && configured.length > 0;
  const patterns = explicit ? [...configured] : [...MICROSOFT_SERVICE_HOSTS, ...(localDevelopment ? LOOPBACK_HOSTS : [])];
  // Any loopback pattern allows every loopback address, on any port.
  const loopbackAllowed = patterns.some((pattern) => isLoopbackHost(pattern.toLowerCase()));
  return {
    patterns,
    allows(serviceUrl, reachedOnLoopback) {
      if (typeof serviceUrl !== 'string' || serviceUrl.length > 2048) return false;
      let url: URL;
      try {
        url = new URL(serviceUrl);
      } catch {
        return false;
      }
      if (url.username || url.password) return false;
      const host = url.hostname.toLowerCase();
      if (isLoopbackHost(host)) {
        if (!explicit && reachedOnLoopback === false) return false;
        return loopbackAllowed && (url.protocol === 'http:' || url.protocol === 'https:');
      }
      return url.protocol === 'https:' && patterns.some((pattern) => matches(host, pattern));
    },
  };
}
