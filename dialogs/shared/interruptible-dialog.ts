import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { getSession, setSession } from '../../bot/session';
import type { BotState } from '../../bot/state';
import { translator } from '../../i18n/translator';
import { FLOWS, parseSubmission, type Flow } from '../../cards/submissions';
import { recogniseCommand, recogniseLanguage } from './keywords';
import { textReply } from './replies';

/**
 * The base of the root dialog: before any step runs it catches help, cancel, start over, menu and
 * a change of language, in the words of every language in locales/.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  constructor(id: string, protected readonly state: BotState) {
    super(id);
  }

  /** The menu, or straight into `flow` when one is given. */
  protected abstract showMenu(dc: DialogContext, flow?: Flow): Promise<DialogTurnResult>;

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = dc.context.activity;
    const picked = parseSubmission(activity.value);
    const language =
      picked.kind === 'valid' && picked.submission.verb === 'language.pick'
        ? picked.submission.language
        : activity.text && !activity.value
          ? recogniseLanguage(activity.text)
          : undefined;
    if (language) {
      const profile = await this.state.profile.get(dc.context, {});
      profile.language = language;
      await this.state.profile.set(dc.context, profile);
      const session = getSession(dc.context);
      setSession(dc.context, { ...session, lng: language, t: translator(language) });
      await dc.context.sendActivity(textReply(translator(language)('bot:language.changed')));
      // Cards already shown are in the old language: start the current flow again so every word is in the new one.
      const activeFlow = dc.stack.map((instance) => instance.id).find((id): id is Flow => (FLOWS as readonly string[]).includes(id));
      await dc.cancelAllDialogs();
      return this.showMenu(dc, activeFlow);
    }
    if (!activity.text || activity.value) return undefined;
    const { t } = getSession(dc.context);
    switch (recogniseCommand(activity.text)) {
      case 'help':
        await dc.context.sendActivity(textReply(t('bot:help')));
        await dc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'cancel':
        await dc.cancelAllDialogs();
        await dc.context.sendActivity(textReply(t('bot:cancelled')));
        return this.showMenu(dc);
      case 'startOver':
      case 'menu':
        await dc.cancelAllDialogs();
        return this.showMenu(dc);
      default:
        return undefined;
    }
  }
}
