import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, OAuthPrompt, WaterfallDialog } from '../shared/dialog-classes';
import type { TurnContext } from 'botbuilder';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { partnerWords } from '../../i18n/partner-describe';
import { textReply } from '../shared/replies';
import { languageOf, PartnerFlowDialog, type PartnerFlowDeps } from './partner-flow-dialog';

// The helpdesk flow: the agent signs in to Partner Center (App+User) through botbuilder's OAuthPrompt
// with the bot's OAuth connection (PARTNER_OAUTH_CONNECTION), then works in the flow. One prompt per
// language, so the sign-in card speaks the agent's language.

export const PARTNER_HELPDESK_DIALOG = 'partner.helpdesk';
const MAIN = 'partner.main';
const FLOW = 'partner.flow';
const oauthId = (lng: Language) => `partner.oauth.${lng}`;

export class PartnerHelpdeskDialog extends ComponentDialog {
  private readonly prompts: Record<Language, OAuthPrompt>;

  private readonly signedIn: PartnerFlowDeps['signedIn'];

  constructor(connectionName: string, deps: Omit<PartnerFlowDeps, 'tokenOf'>) {
    super(PARTNER_HELPDESK_DIALOG);
    this.signedIn = deps.signedIn;
    this.prompts = Object.fromEntries(
      LANGUAGES.map((lng) => {
        const say = partnerWords(lng);
        return [lng, new OAuthPrompt(oauthId(lng), { connectionName, title: say('bot.signIn.title'), text: say('bot.signIn.text'), timeout: 15 * 60_000, endOnInvalidMessage: true, showSignInLink: true })];
      }),
    ) as Record<Language, OAuthPrompt>;
    for (const prompt of Object.values(this.prompts)) this.addDialog(prompt);
    this.addDialog(new PartnerFlowDialog(FLOW, { ...deps, tokenOf: (context) => this.tokenOf(context) }));
    this.addDialog(new WaterfallDialog(MAIN, [this.signInStep.bind(this), this.startStep.bind(this)]));
    this.initialDialogId = MAIN;
  }

  /** The agent's Partner Center token from the token service, or undefined when not signed in. */
  async tokenOf(context: TurnContext): Promise<string | undefined> {
    return (await this.prompts[languageOf(context)].getUserToken(context))?.token;
  }

  private async signInStep(step: WaterfallStepContext) {
    return step.beginDialog(oauthId(languageOf(step.context)));
  }

  private async startStep(step: WaterfallStepContext) {
    if (!(step.result as { token?: string } | undefined)?.token) {
      await step.context.sendActivity(textReply(partnerWords(languageOf(step.context))('bot.signIn.failed')));
      return step.endDialog();
    }
    await this.signedIn?.(step.context, (step.result as { token: string }).token);
    return step.replaceDialog(FLOW);
  }
}
