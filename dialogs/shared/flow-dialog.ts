import { ComponentDialog } from 'botbuilder-dialogs';
import { CARD_PROMPT, CardPrompt } from './card-prompt';
import { PickSubscriptionAndPlanDialog } from './pick-subscription-and-plan';

/**
 * The base of every flow: a component with its own card prompt and the shared subscription-and-plan pick. botbuilder finds a parent's dialog
 * when a prompt begins, but not when an interruption (help, a change of language) re-prompts it.
 */
export abstract class FlowDialog extends ComponentDialog {
  protected constructor(id: string) {
    super(id);
    this.addDialog(new CardPrompt(CARD_PROMPT));
    this.addDialog(new PickSubscriptionAndPlanDialog());
  }
}
