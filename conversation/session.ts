import type { TFunction } from 'i18next';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import type { Language } from '../i18n/languages';
import type { KnownTenant } from './tenant-directory';
import type { Identity } from './identity';

/** What every dialog step needs to know about this turn: its language, who is asking, about which tenant. */
export interface Session {
  lng: Language;
  t: TFunction;
  identity?: Identity;
  /** The tenant the conversation is about: the person's own, or the customer a helpdesk agent guides. */
  tenant?: KnownTenant;
  snapshot?: TenantSnapshot;
}

/** Where a turn keeps what belongs to it alone: botbuilder's TurnContext (its turnState) is one. */
export interface TurnStateHolder {
  readonly turnState: Map<unknown, unknown>;
}

const SESSION = Symbol('plan-switch-session');

export function setSession(context: TurnStateHolder, session: Session): void {
  context.turnState.set(SESSION, session);
}

export function getSession(context: TurnStateHolder): Session {
  const session = context.turnState.get(SESSION) as Session | undefined;
  if (!session) throw new Error('no session on this turn');
  return session;
}
