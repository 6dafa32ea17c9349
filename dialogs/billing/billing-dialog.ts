import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from '../shared/steps-dialog';
import { findPlan } from '../../domain/catalogue';
import { todayUtc } from '../../domain/dates';
import { check } from '../../domain/eligibility';
import { getSession } from '../../conversation/session';
import { billingCard } from '../../cards/billing-card';
import { describeFinding } from '../../i18n/describe';
import type { FlowDeps } from '../flow-deps';
import { cardReply, textReply } from '../shared/replies';
import { billingView } from './billing-view';
import { FlowDialog } from '../shared/flow-dialog';
import { PICK_SUBSCRIPTION_AND_PLAN, type PickOptions, type Picked } from '../shared/pick-subscription-and-plan';

export const BILLING_DIALOG = 'billing';


/** What switching means for service and billing: the effects of the way the change would go, and this subscription's figures today. */
export class BillingDialog extends FlowDialog {
  constructor(private readonly deps: Pick<FlowDeps, 'now'>) {
    super(BILLING_DIALOG);
    this.addSteps(this.pickStep.bind(this), this.summaryStep.bind(this));
  }

  private async pickStep(step: Step): Promise<DialogTurnResult> {
    return step.beginDialog(PICK_SUBSCRIPTION_AND_PLAN, { namespace: 'billing' } satisfies PickOptions);
  }

  private async summaryStep(step: Step): Promise<DialogTurnResult> {
    const picked = step.result as Picked | undefined;
    if (!picked) return step.endDialog();
    const to = findPlan(picked.planId)!;
    const { t, lng, snapshot } = getSession(step.context);
    const today = todayUtc(this.deps.now?.() ?? new Date());
    // The way the change would go decides its effects on service; who asks does not change them.
    const checked = check(snapshot!, { subscriptionId: picked.subscriptionId, toPlan: to.id, today });
    if (!checked.ok) {
      await step.context.sendActivity(textReply(describeFinding(checked.error, lng).explanation));
      return step.endDialog();
    }
    const subscription = snapshot!.subscriptions.find((s) => s.id === checked.value.subscriptionId)!;
    const from = findPlan(checked.value.fromPlan)!;
    const view = billingView(t, lng, { snapshot: snapshot!, subscription, from, to, path: checked.value.path, today });
    await step.context.sendActivity(cardReply(billingCard(view), t('billing:card.summary')));
    return step.endLeavingCards();
  }
}
