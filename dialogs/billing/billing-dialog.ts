import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findPlan } from '../../domain/catalogue';
import { todayUtc } from '../../domain/dates';
import { check } from '../../domain/eligibility';
import { getSession } from '../../bot/session';
import { billingCard } from '../../cards/billing-card';
import type { Submission } from '../../cards/submissions';
import { describeFinding } from '../../i18n/describe';
import type { FlowDeps } from '../flow-deps';
import { cardReply, textReply } from '../shared/replies';
import { askPlan, askSubscription, endFlow, pickedPlan, pickedSubscription } from '../shared/pick-steps';
import { billingView } from './billing-view';

export const BILLING_DIALOG = 'billing';
const STEPS = 'billing.steps';

interface BillingState {
  subscriptionId?: string;
}

const stateOf = (step: WaterfallStepContext<BillingState>) => step.values as BillingState;

/** What switching means for service and billing: the effects of the way the change would go, and this subscription's figures today. */
export class BillingDialog extends ComponentDialog {
  constructor(private readonly deps: Pick<FlowDeps, 'now'>) {
    super(BILLING_DIALOG);
    this.addDialog(new WaterfallDialog<BillingState>(STEPS, [this.askSubscriptionStep.bind(this), this.askPlanStep.bind(this), this.summaryStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askSubscriptionStep(step: WaterfallStepContext<BillingState>): Promise<DialogTurnResult> {
    const { t } = getSession(step.context);
    return askSubscription(step, { title: t('billing:pickSubscription.title'), intro: t('billing:pickSubscription.intro') });
  }

  private async askPlanStep(step: WaterfallStepContext<BillingState>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const subscription = pickedSubscription(step, submission);
    if (!subscription) return endFlow(step, 'bot:errors.badSubmission');
    stateOf(step).subscriptionId = subscription.id;
    const { t } = getSession(step.context);
    const from = findPlan(subscription.planId)!;
    return askPlan(step, from, { title: t('billing:pickPlan.title'), intro: t('billing:pickPlan.intro', { plan: from.name }) });
  }

  private async summaryStep(step: WaterfallStepContext<BillingState>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const to = pickedPlan(submission);
    if (!to) return endFlow(step, 'bot:errors.badSubmission');
    const { t, lng, snapshot } = getSession(step.context);
    const today = todayUtc(this.deps.now?.() ?? new Date());
    // The way the change would go decides its effects on service; who asks does not change them.
    const checked = check(snapshot!, { subscriptionId: stateOf(step).subscriptionId!, toPlan: to.id, today });
    if (!checked.ok) {
      await step.context.sendActivity(textReply(describeFinding(checked.error, lng).explanation));
      return step.endDialog();
    }
    const subscription = snapshot!.subscriptions.find((s) => s.id === checked.value.subscriptionId)!;
    const from = findPlan(checked.value.fromPlan)!;
    const view = billingView(t, lng, { snapshot: snapshot!, subscription, from, to, path: checked.value.path, today });
    await step.context.sendActivity(cardReply(billingCard(view), t('billing:card.summary')));
    return step.endDialog();
  }
}
