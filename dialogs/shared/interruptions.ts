import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { DialogTurnStatus } from './dialog-classes';
import { getSession, setSession } from '../../conversation/session';
import type { DialogsState } from '../dialogs-state';
import { translator } from '../../i18n/translator';
import { FLOWS, parseSubmission, type Flow } from '../../cards/submissions';
import { recogniseCommand, recogniseLanguage } from './keywords';
import { textReply } from './replies';
import { CARD_PROMPT } from './card-prompt';
import { StepsDialog } from './steps-dialog';
import { standingBefore } from './standing-cards';

/** The step waiting on a card prompt, run again (the prompt dropped); undefined when the top of the stack is no such step. */
async function showCurrentCardAgain(dc: DialogContext): Promise<DialogTurnResult | undefined> {
  // botbuilder's stack has the active dialog last.
  const top = dc.stack.at(-1);
  const parent = dc.stack.at(-2);
  if (!top || !parent || top.id !== CARD_PROMPT) return undefined;
  const steps = dc.findDialog(parent.id);
  if (!(steps instanceof StepsDialog)) return undefined;
  dc.stack.pop();
  if (!steps.canRerun(dc)) {
    dc.stack.push(top);
    return undefined;
  }
  // The step sees a turn with nothing in it: the language's name is no answer to its question.
  dc.context.activity.value = undefined;
  dc.context.activity.text = '';
  return steps.rerunStep(dc);
}

/**
 * The cards the last flow ended on, still waiting for a press, sent again by the step that sent them
 * (with its values: the same confirmation ids, so no second confirmation exists); undefined when there
 * are none or the conversation is in a flow.
 */
async function showStandingCardsAgain(dc: DialogContext): Promise<DialogTurnResult | undefined> {
  const standing = standingBefore(dc.context);
  if (!standing || dc.stack.length > 0) return undefined;
  const steps = dc.findDialog(standing.dialogId);
  if (!(steps instanceof StepsDialog)) return undefined;
  dc.stack.push({ id: standing.dialogId, state: structuredClone(standing.state) });
  if (!steps.canRerun(dc)) {
    dc.stack.pop();
    return undefined;
  }
  dc.context.activity.value = undefined;
  dc.context.activity.text = '';
  return steps.rerunStep(dc);
}

/** The menu, or straight into `flow` when one is given. */
export type ShowMenu = (dc: DialogContext, flow?: Flow) => Promise<DialogTurnResult>;

/**
 * Before a waiting dialog sees the message: help, cancel, start over, menu and a change of language,
 * in the words of every language in locales/. Returns undefined when the message is none of these.
 */
export async function interrupt(dc: DialogContext, state: DialogsState, showMenu: ShowMenu): Promise<DialogTurnResult | undefined> {
  const activity = dc.context.activity;
  const picked = parseSubmission(activity.value);
  const language =
    picked.kind === 'valid' && picked.submission.verb === 'language.pick'
      ? picked.submission.language
      : activity.text && !activity.value
        ? recogniseLanguage(activity.text)
        : undefined;
  if (language) {
    const profile = await state.profile.get(dc.context, {});
    profile.language = language;
    await state.profile.set(dc.context, profile);
    const session = getSession(dc.context);
    setSession(dc.context, { ...session, lng: language, t: translator(language) });
    await dc.context.sendActivity(textReply(translator(language)('bot:language.changed')));
    // The card waiting for an answer is in the old language: the step that showed it runs again, with
    // what it was given, so the flow and everything picked so far stay and every word is in the new one.
    const again = (await showCurrentCardAgain(dc)) ?? (await showStandingCardsAgain(dc));
    if (again) return again;
    // A conversation stored before steps kept their input: start the current flow again.
    const activeFlow = dc.stack.map((instance) => instance.id).find((id): id is Flow => (FLOWS as readonly string[]).includes(id));
    await dc.cancelAllDialogs();
    return showMenu(dc, activeFlow);
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
      return showMenu(dc);
    case 'startOver':
    case 'menu':
      await dc.cancelAllDialogs();
      return showMenu(dc);
    default:
      return undefined;
  }
}

/** Whether the message asks for another language (its name typed, or a language card pressed). */
export function asksForLanguage(activity: { text?: string; value?: unknown }): boolean {
  const picked = parseSubmission(activity.value);
  if (picked.kind === 'valid') return picked.submission.verb === 'language.pick';
  return !!activity.text && activity.value === undefined && recogniseLanguage(activity.text) !== undefined;
}
