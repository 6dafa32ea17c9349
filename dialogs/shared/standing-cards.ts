import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

/**
 * The cards a flow ended on that still wait for a press: a confirmation, a billing or backup card with
 * its buttons. The flow is over (the next message opens the menu), but a change of language must show
 * these cards again in the new language. So the step that sent them is kept, with what it was run with
 * and its values (the confirmation ids it was given among them), beside the dialog stack; a change of
 * language between flows runs it once more, and it sends the same cards with the same ids.
 */
export interface StandingStep {
  /** The dialog whose step sent the cards. */
  dialogId: string;
  /** That dialog's state as it was when the step ended it (botbuilder's waterfall state). */
  state: object;
}

/** What the dialog-state property holds beside botbuilder's stack. */
interface WithStanding {
  standing?: StandingStep;
}

const TURN_KEY = Symbol('standing-cards');

interface TurnStanding {
  /** The step kept before this turn. */
  before?: StandingStep;
  /** Where this turn's is kept: the dialog state read for this turn. */
  holder: WithStanding;
}

/**
 * Begins a turn of the dialogs: takes the kept step out (any turn of the dialogs but a change of
 * language leaves it behind, the cards no longer being what the conversation waits on).
 */
export async function takeStanding(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
  const holder = (await dialogState.get(context, { dialogStack: [] })) as WithStanding;
  const before = holder.standing;
  delete holder.standing;
  context.turnState.set(TURN_KEY, { before, holder } satisfies TurnStanding);
}

/** The step the conversation's standing cards came from, if any. */
export function standingBefore(context: TurnContext): StandingStep | undefined {
  return (context.turnState.get(TURN_KEY) as TurnStanding | undefined)?.before;
}

/** Keeps the step that is ending its dialog with cards left standing (outside the dialogs' turns: nothing). */
export function keepStanding(context: TurnContext, step: StandingStep): void {
  const turn = context.turnState.get(TURN_KEY) as TurnStanding | undefined;
  if (turn) turn.holder.standing = structuredClone(step);
}

/** Forgets the conversation's standing cards: a press has used them up (a confirmation card, say). */
export async function forgetStanding(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
  const holder = (await dialogState.get(context)) as WithStanding | undefined;
  if (holder) delete holder.standing;
}
