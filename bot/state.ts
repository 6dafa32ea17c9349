import type { Storage } from 'botbuilder';
import type { UserProfile } from '../conversation/user-profile';
import type { DialogsState } from '../dialogs/dialogs-state';
import { ShownCards } from '../dialogs/shared/shown-cards';
import { conversationKey, StoredState, userKey } from './stored-state';

/** The dialogs' state, and the two stored states behind it. */
export interface BotState extends DialogsState {
  conversationState: StoredState;
  userState: StoredState;
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
