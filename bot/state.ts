import type { StatePropertyAccessor, Storage } from 'botbuilder';
import type { Language } from '../i18n/languages';
import { ShownCards } from '../dialogs/shared/shown-cards';
import { conversationKey, StoredState, userKey } from './stored-state';

/** Remembered per user across conversations. */
export interface UserProfile {
  language?: Language;
  /** Local development only: the demo tenant and user picked on the identity card. */
  devIdentity?: { tenantId: string; userId: string };
  /** A helpdesk agent's chosen customer tenant. */
  guidingTenantId?: string;
}

export interface BotState {
  conversationState: StoredState;
  userState: StoredState;
  profile: StatePropertyAccessor<UserProfile>;
  dialogState: StatePropertyAccessor;
  /** The cards waiting prompts show again, kept once each beside the conversations. */
  shownCards: ShownCards;
}

export function createBotState(storage: Storage): BotState {
  const conversationState = new StoredState(storage, conversationKey);
  const userState = new StoredState(storage, userKey);
  return {
    conversationState,
    userState,
    profile: userState.createProperty<UserProfile>('profile'),
    dialogState: conversationState.createProperty('dialogState'),
    shownCards: new ShownCards(storage),
  };
}
