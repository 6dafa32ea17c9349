import type { StatePropertyAccessor } from 'botbuilder';
import type { UserProfile } from '../conversation/user-profile';
import type { ShownCards } from './shared/shown-cards';

/** The state the dialogs read and write; bot/state.ts makes it on the bot's storage. */
export interface DialogsState {
  profile: StatePropertyAccessor<UserProfile>;
  dialogState: StatePropertyAccessor;
  /** The cards waiting prompts show again, kept once each beside the conversations. */
  shownCards: ShownCards;
}
