// The botbuilder-dialogs classes the bot uses, each from its own file. The package's index loads every
// prompt and with them the Recognizers-Text suites (5 MB of source, about 17 MB of heap and 0.3 s of
// every start) that no dialog here uses. Types may still come from 'botbuilder-dialogs': they vanish
// when compiled.
export { Dialog, DialogReason, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export { OAuthPrompt } from 'botbuilder-dialogs/lib/prompts/oauthPrompt.js';
