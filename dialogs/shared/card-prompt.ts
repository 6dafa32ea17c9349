import type { DialogContext, DialogInstance, DialogTurnResult, PromptOptions } from 'botbuilder-dialogs';
import { Dialog } from './dialog-classes';
import { ActivityTypes, InputHints, type Activity, type TurnContext } from 'botbuilder-core';
import { refilled, requiredMessage } from '../../cards/refill';
import { parseSubmission, type Submission, type Verb } from '../../cards/submissions';
import { getSession } from '../../conversation/session';
import { textReply } from './replies';
import { shownCardsOf } from './shown-cards';
import { recogniseText, type TextMeaning } from './text-meanings';

/** The card this turn's prompt has just kept: shown as it is, not read back. */
const JUST_KEPT = Symbol('just-kept-card');

/** What a waiting prompt keeps in the conversation's state: the card's digest instead of the card. */
interface KeptOptions extends Omit<CardPromptOptions, 'prompt' | 'retryPrompt'> {
  shown?: string;
}

export interface CardPromptOptions extends PromptOptions {
  /** The verbs this prompt accepts; any other, or a malformed value, is refused and the card shown again. */
  verbs: Verb[];
  /** What typed words mean while this card waits, e.g. "2" or a plan's name for a pick. */
  text?: TextMeaning;
}

/** What botbuilder's Prompt keeps on the stack, kept the same so stored conversations carry on. */
interface PromptState {
  options: KeptOptions;
  state: object;
}

type Recognized = { succeeded: true; value: Submission } | { succeeded: false };

/**
 * Waits for a press on the card it showed (or words that mean the same). The card's value is
 * parsed with zod at the edge; a forged or stale submission gets a clear message in the user's
 * language and changes nothing.
 *
 * A Dialog rather than botbuilder's Prompt: Prompt also recognises the message when the dialog
 * context announces it (`activityReceived`), before recognising it again to continue, so every
 * refusal was said twice and every submission parsed twice.
 */
export class CardPrompt extends Dialog<CardPromptOptions> {
  override async beginDialog(dc: DialogContext, options?: CardPromptOptions): Promise<DialogTurnResult> {
    const { prompt, retryPrompt: _retry, ...rest } = options ?? ({ verbs: [] } as CardPromptOptions);
    const card = typeof prompt === 'string' ? textReply(prompt) : prompt && { ...prompt, inputHint: prompt.inputHint ?? InputHints.ExpectingInput };
    let kept: KeptOptions = rest;
    if (card) {
      const shown = await shownCardsOf(dc.context).keep(card);
      dc.context.turnState.set(JUST_KEPT, { shown, card });
      kept = { ...rest, shown };
    }
    const state = dc.activeDialog!.state as PromptState;
    state.options = kept;
    state.state = {};
    await this.show(dc.context, kept);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const { options } = dc.activeDialog!.state as PromptState;
    const recognized = await this.recognize(dc.context, options);
    if (recognized.succeeded) return dc.endDialog(recognized.value);
    if (!dc.context.responded) await this.show(dc.context, options);
    return Dialog.EndOfTurn;
  }

  /** A dialog begun above the prompt has ended: show the card again and keep waiting. */
  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.show(context, (instance.state as PromptState).options);
  }

  /**
   * A press with the card's required field empty: the field's own message, then the same card with what
   * was filled in, which the prompt keeps waiting on.
   */
  private async askForMissing(context: TurnContext, options: KeptOptions, field: string): Promise<void> {
    const { t } = getSession(context);
    const shown = options.shown ? await shownCardsOf(context).find(options.shown) : undefined;
    const card = shown?.attachments?.[0]?.content;
    await context.sendActivity(textReply((card && requiredMessage(card, field)) ?? t('bot:pick.required')));
    if (!shown || !card) return this.show(context, options);
    const again: Partial<Activity> = { ...shown, attachments: [{ ...shown.attachments![0]!, content: refilled(card, context.activity.value as Record<string, unknown>) }] };
    options.shown = await shownCardsOf(context).keep(again);
    await context.sendActivity(again);
  }

  /** Shows the card, first (as it was just kept) or again (after help, or words that meant nothing here). */
  private async show(context: TurnContext, { shown }: KeptOptions): Promise<void> {
    if (!shown) return;
    const justKept = context.turnState.get(JUST_KEPT) as { shown: string; card: Partial<Activity> } | undefined;
    const card = justKept?.shown === shown ? justKept.card : await shownCardsOf(context).find(shown);
    if (card) await context.sendActivity(card);
    else await context.sendActivity(textReply(getSession(context).t('bot:errors.cardGone')));
  }

  private async recognize(context: TurnContext, options: KeptOptions): Promise<Recognized> {
    const { verbs, text: meaning } = options;
    const parsed = parseSubmission(context.activity.value);
    if (parsed.kind === 'valid' && verbs.includes(parsed.submission.verb)) return { succeeded: true, value: parsed.submission };
    if (parsed.kind === 'incomplete' && verbs.includes(parsed.verb)) {
      await this.askForMissing(context, options, parsed.field);
      return { succeeded: false };
    }
    if (parsed.kind !== 'none') {
      // A valid press of a card from another step is stale; anything else is forged or malformed.
      const { t } = getSession(context);
      await context.sendActivity(textReply(t(parsed.kind === 'invalid' ? 'bot:errors.badSubmission' : 'bot:errors.staleCard')));
      return { succeeded: false };
    }
    const text = context.activity.text?.trim();
    const value = text && meaning ? recogniseText(meaning, text, context) : undefined;
    return value && verbs.includes(value.verb) ? { succeeded: true, value } : { succeeded: false };
  }
}

export const CARD_PROMPT = 'cardPrompt';

/** Shows a card and waits for one of `options.verbs` (typed helper over step.prompt). */
export function promptCard(dc: { prompt(dialogId: string, options: PromptOptions): Promise<DialogTurnResult> }, options: CardPromptOptions) {
  return dc.prompt(CARD_PROMPT, options);
}
