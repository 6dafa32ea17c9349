import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import type { Language } from '../i18n/languages';
import type { KnownTenant } from './tenants/tenant-directory';
import type { Identity } from './identity/identity';

/** What every dialog step needs to know about this turn: its language, who is asking, about which tenant. */
export interface Session {
  lng: Language;
  t: TFunction;
  identity?: Identity;
  /** The tenant the conversation is about: the person's own, or the customer a helpdesk agent guides. */
  tenant?: KnownTenant;
  snapshot?: TenantSnapshot;
}

const SESSION = Symbol('plan-switch-session');

export function setSession(context: TurnContext, session: Session): void {
  context.turnState.set(SESSION, session);
}

export function getSession(context: TurnContext): Session {
  const session = context.turnState.get(SESSION) as Session | undefined;
  if (!session) throw new Error('no session on this turn');
  return session;
}
