import { ConversationState, UserState, type StatePropertyAccessor, type Storage } from 'botbuilder';
import type { Language } from '../i18n/languages';

/** Remembered per user across conversations. */
export interface UserProfile {
  language?: Language;
  /** Local development only: the demo tenant and user picked on the identity card. */
  devIdentity?: { tenantId: string; userId: string };
  /** A helpdesk agent's chosen customer tenant. */
  guidingTenantId?: string;
}

export interface BotState {
  conversationState: ConversationState;
  userState: UserState;
  profile: StatePropertyAccessor<UserProfile>;
  dialogState: StatePropertyAccessor;
}

export function createBotState(storage: Storage): BotState {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  return {
    conversationState,
    userState,
    profile: userState.createProperty<UserProfile>('profile'),
    dialogState: conversationState.createProperty('dialogState'),
  };
}
