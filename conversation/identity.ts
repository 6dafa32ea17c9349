import type { Role } from '../domain/vocabulary';

/** Who is talking, resolved from the channel (Teams) or the local-development picker. */
export interface Identity {
  /** The person's home tenant. */
  tenantId: string;
  /** Their user id in the tenant snapshot (an AAD object id for a real tenant). */
  userId: string;
  upn: string;
  displayName: string;
  roles: Role[];
  source: 'teams' | 'dev-picker' | 'channel';
}

export function isHelpdeskAgent(identity: Identity): boolean {
  return identity.roles.includes('HelpdeskAgent');
}

/** Roles that may start a change of any kind; helpdesk agents check and explain, never execute. */
export function mayExecute(identity: Identity): boolean {
  return !isHelpdeskAgent(identity) && identity.roles.some((role) => role !== 'User');
}
