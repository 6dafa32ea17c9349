import type { Dialog } from 'botbuilder-dialogs';
import { StepsDialog } from './steps-dialog';

/**
 * The base of every flow: a waterfall registered under the flow's name in the bot's one dialog set,
 * with the waterfalls it begins as its dependencies (`addDialog`). The card prompt and the
 * subscription-and-plan pick are registered once, beside the flows. Flows are not component dialogs:
 * botbuilder builds a dialog context, with its memory manager, for every nested component on every
 * turn, and three levels of them were a fifth of a turn's CPU.
 */
export abstract class FlowDialog<O extends object = {}> extends StepsDialog<O> {
  private readonly own: Dialog[] = [];

  protected constructor(id: string) {
    super(id);
  }

  /** A dialog of this flow's own that its steps begin or replace themselves with. */
  protected addDialog(dialog: Dialog): void {
    this.own.push(dialog);
  }

  getDependencies(): Dialog[] {
    return this.own;
  }
}
