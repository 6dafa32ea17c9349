import { Prompt, type DialogContext, type DialogTurnResult, type PromptOptions, type PromptRecognizerResult, type PromptValidator } from 'botbuilder-dialogs';
import { InputHints, type Activity, type TurnContext } from 'botbuilder';
import { parseSubmission, type Submission, type Verb } from '../../cards/submissions';
import { getSession } from '../../bot/session';
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

/**
 * Waits for a press on the card it showed (or words that mean the same). The card's value is
 * parsed with zod at the edge; a forged or stale submission gets a clear message in the user's
 * language and changes nothing.
 */
export class CardPrompt extends Prompt<Submission> {
  constructor(dialogId: string, validator?: PromptValidator<Submission>) {
    super(dialogId, validator);
  }

  override async beginDialog(dc: DialogContext, options: PromptOptions): Promise<DialogTurnResult> {
    const { prompt, retryPrompt: _retry, ...rest } = options as CardPromptOptions;
    const card = typeof prompt === 'string' ? textReply(prompt) : prompt && { ...prompt, inputHint: prompt.inputHint ?? InputHints.ExpectingInput };
    let kept: KeptOptions = rest;
    if (card) {
      const shown = await shownCardsOf(dc.context).keep(card);
      dc.context.turnState.set(JUST_KEPT, { shown, card });
      kept = { ...rest, shown };
    }
    return super.beginDialog(dc, kept as PromptOptions);
  }

  /** Shows the card, first (as it was just kept) or again (after help, or words that meant nothing here). */
  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions): Promise<void> {
    const { shown } = options as KeptOptions;
    if (!shown) return;
    const justKept = context.turnState.get(JUST_KEPT) as { shown: string; card: Partial<Activity> } | undefined;
    const card = justKept?.shown === shown ? justKept.card : await shownCardsOf(context).find(shown);
    if (card) await context.sendActivity(card);
    else await context.sendActivity(textReply(getSession(context).t('bot:errors.cardGone')));
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<Submission>> {
    const { verbs, text: meaning } = options as CardPromptOptions;
    const parsed = parseSubmission(context.activity.value);
    if (parsed.kind === 'valid' && verbs.includes(parsed.submission.verb)) return { succeeded: true, value: parsed.submission };
    if (parsed.kind !== 'none') {
      // A valid press of a card from another step is stale; anything else is forged or malformed.
      const { t } = getSession(context);
      await context.sendActivity(textReply(t(parsed.kind === 'valid' ? 'bot:errors.staleCard' : 'bot:errors.badSubmission')));
      return { succeeded: false };
    }
    const text = context.activity.text?.trim();
    const value = text && meaning ? recogniseText(meaning, text, context) : undefined;
    return value && verbs.includes(value.verb) ? { succeeded: true, value } : { succeeded: false };
  }
}

export const CARD_PROMPT = 'cardPrompt';

/** Shows a card and waits for one of `options.verbs` (typed helper over step.prompt). */
export function promptCard(dc: { prompt(dialogId: string, options: PromptOptions): Promise<import('botbuilder-dialogs').DialogTurnResult> }, options: CardPromptOptions) {
  return dc.prompt(CARD_PROMPT, options);
}
