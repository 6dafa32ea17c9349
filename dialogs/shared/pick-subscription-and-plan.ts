import type { DialogTurnResult } from 'botbuilder-dialogs';
import { StepsDialog, type Step } from './steps-dialog';
import { findPlan } from '../../domain/catalogue';
import { getSession } from '../../conversation/session';
import type { Submission } from '../../cards/submissions';
import { describeFinding } from '../../i18n/describe';
import { askPlan, askSubscription, endFlow, pickedPlan, pickedSubscription } from './pick-steps';
import { textReply } from './replies';

export const PICK_SUBSCRIPTION_AND_PLAN = 'pickSubscriptionAndPlan';

/** The words of the two pick cards come from the flow's own namespace: `<namespace>:pickSubscription.*`, `<namespace>:pickPlan.*`. */
export interface PickOptions {
  namespace: string;
}

/** What the flow gets back; undefined when the person cancelled or the pick named nothing real (already said). */
export interface Picked {
  subscriptionId: string;
  planId: string;
}

interface PickState {
  subscriptionId?: string;
}

const stateOf = (step: Step<PickOptions>) => step.values as PickState;

/** Pick a subscription, then the plan to change it to: the first two steps of several flows. */
export class PickSubscriptionAndPlanDialog extends StepsDialog<PickOptions> {
  constructor() {
    super(PICK_SUBSCRIPTION_AND_PLAN);
    this.addSteps(this.askSubscriptionStep.bind(this), this.askPlanStep.bind(this), this.finishStep.bind(this));
  }

  private async askSubscriptionStep(step: Step<PickOptions>): Promise<DialogTurnResult> {
    const { t } = getSession(step.context);
    const ns = step.options.namespace;
    return askSubscription(step, { title: t(`${ns}:pickSubscription.title`), intro: t(`${ns}:pickSubscription.intro`) });
  }

  private async askPlanStep(step: Step<PickOptions>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const subscription = pickedSubscription(step, submission);
    if (!subscription) return endFlow(step, 'bot:errors.badSubmission');
    stateOf(step).subscriptionId = subscription.id;
    const { t } = getSession(step.context);
    const ns = step.options.namespace;
    const from = findPlan(subscription.planId)!;
    return askPlan(step, from, { title: t(`${ns}:pickPlan.title`), intro: t(`${ns}:pickPlan.intro`, { plan: from.name }) });
  }

  private async finishStep(step: Step<PickOptions>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const plan = pickedPlan(submission);
    if (!plan) return endFlow(step, 'bot:errors.badSubmission');
    const subscriptionId = stateOf(step).subscriptionId!;
    const { lng, snapshot } = getSession(step.context);
    if (snapshot!.subscriptions.find((s) => s.id === subscriptionId)?.planId === plan.id) {
      await step.context.sendActivity(textReply(describeFinding({ code: 'SAME_PLAN', planId: plan.id }, lng).explanation));
      return step.endDialog();
    }
    return step.endDialog({ subscriptionId, planId: plan.id } satisfies Picked);
  }
}
