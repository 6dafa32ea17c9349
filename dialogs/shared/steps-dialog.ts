import { randomUUID } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import type { DialogContext, DialogTurnResult, PromptOptions } from 'botbuilder-dialogs';
import { Dialog, DialogReason } from './dialog-classes';
import { keepStanding } from './standing-cards';

/** What a step sees and may do: the part of botbuilder's WaterfallStepContext that the flows use. */
export interface Step<O extends object = {}> {
  readonly context: TurnContext;
  /** What the dialog was begun with. */
  readonly options: O;
  /** What the previous step passed on, or what the dialog or prompt it began ended with. */
  readonly result: unknown;
  /** Kept in the conversation's state for the dialog's lifetime. */
  readonly values: Record<string, unknown>;
  /** Goes straight to the next step with `result`. */
  next(result?: unknown): Promise<DialogTurnResult>;
  endDialog(result?: unknown): Promise<DialogTurnResult>;
  /**
   * Ends the dialog leaving the cards this step sent waiting for a press (a confirmation, a card with
   * buttons): a change of language before the next flow runs this step again, with its values, to send
   * them in the new language (standing-cards.ts).
   */
  endLeavingCards(): Promise<DialogTurnResult>;
  beginDialog(dialogId: string, options?: object): Promise<DialogTurnResult>;
  replaceDialog(dialogId: string, options?: object): Promise<DialogTurnResult>;
  prompt(dialogId: string, options: PromptOptions): Promise<DialogTurnResult>;
}

export type StepFunction<O extends object = {}> = (step: Step<O>) => Promise<DialogTurnResult>;

/** Exactly what botbuilder's WaterfallDialog keeps, so a conversation stored by either continues in the other. */
interface StepsState {
  options: object;
  values: Record<string, unknown>;
  stepIndex: number;
  /** What the current step was run with (wrapped, so an undefined result is kept too): it can be run again. */
  stepInput?: { result?: unknown };
}

/**
 * A waterfall: botbuilder's WaterfallDialog without its per-step dialog context. botbuilder builds a
 * new DialogContext for every step it runs (with a memory manager and a component registration each),
 * a third of what a turn spent in botbuilder-dialogs; here a step is a small object over the turn's
 * one dialog context, whose stack it shares. The state it stores is the waterfall's own.
 */
export class StepsDialog<O extends object = {}> extends Dialog<O> {
  private readonly steps: StepFunction<O>[] = [];

  constructor(dialogId: string, steps: readonly StepFunction<O>[] = []) {
    super(dialogId);
    this.steps.push(...steps);
  }

  /** Steps after those it has, in order. */
  protected addSteps(...steps: StepFunction<O>[]): void {
    this.steps.push(...steps);
  }

  override async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as StepsState;
    state.options = options ?? {};
    state.values = { instanceId: randomUUID() };
    return this.runStep(dc, 0, undefined);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    return this.resumeDialog(dc, DialogReason.continueCalled, dc.context.activity.text);
  }

  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as StepsState;
    return this.runStep(dc, state.stepIndex + 1, result);
  }

  /**
   * Runs the current step again with what it was run with, e.g. to show its card in another language;
   * false (nothing run) for a state stored before steps kept their input.
   */
  canRerun(dc: DialogContext): boolean {
    return (dc.activeDialog?.state as StepsState | undefined)?.stepInput !== undefined;
  }

  rerunStep(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as StepsState;
    return this.runStep(dc, state.stepIndex, state.stepInput?.result);
  }

  /** Runs step `index` with `result`; past the last step, the dialog ends with it. */
  runStep(dc: DialogContext, index: number, result: unknown): Promise<DialogTurnResult> {
    const run = this.steps[index];
    if (!run) return dc.endDialog(result);
    const state = dc.activeDialog!.state as StepsState;
    state.stepIndex = index;
    state.stepInput = { result };
    return run(new RunningStep<O>(this, dc, index, state, result));
  }
}

/** A class, not an object of closures: tsx names every closure it creates, a call per closure per step. */
class RunningStep<O extends object> implements Step<O> {
  private nextCalled = false;

  constructor(
    private readonly dialog: StepsDialog<O>,
    private readonly dc: DialogContext,
    private readonly index: number,
    private readonly state: StepsState,
    readonly result: unknown,
  ) {}

  get context(): TurnContext {
    return this.dc.context;
  }

  get options(): O {
    return this.state.options as O;
  }

  get values(): Record<string, unknown> {
    return this.state.values;
  }

  next(result?: unknown): Promise<DialogTurnResult> {
    if (this.nextCalled) throw new Error(`step ${this.index} of dialog '${this.dialog.id}' called next() twice`);
    this.nextCalled = true;
    return this.dialog.runStep(this.dc, this.index + 1, result);
  }

  endDialog(result?: unknown): Promise<DialogTurnResult> {
    return this.dc.endDialog(result);
  }

  endLeavingCards(): Promise<DialogTurnResult> {
    keepStanding(this.dc.context, { dialogId: this.dialog.id, state: this.state });
    return this.dc.endDialog();
  }

  beginDialog(dialogId: string, options?: object): Promise<DialogTurnResult> {
    return this.dc.beginDialog(dialogId, options);
  }

  replaceDialog(dialogId: string, options?: object): Promise<DialogTurnResult> {
    return this.dc.replaceDialog(dialogId, options);
  }

  prompt(dialogId: string, options: PromptOptions): Promise<DialogTurnResult> {
    return this.dc.beginDialog(dialogId, options);
  }
}
