import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { TurnContext } from 'botbuilder';
import { findPlan } from '../../domain/catalogue';
import { todayUtc } from '../../domain/dates';
import { check } from '../../domain/eligibility';
import { mayExecute } from '../../bot/identity/identity';
import { getSession } from '../../bot/session';
import type { Submission } from '../../cards/submissions';
import { describeFinding } from '../../i18n/describe';
import type { FlowDeps } from '../flow-deps';
import { FlowDialog } from '../shared/flow-dialog';
import { cardReply, textReply } from '../shared/replies';
import { askPlan, askSubscription, endFlow, pickedPlan, pickedSubscription } from '../shared/pick-steps';
import { confirmChangeCard } from './confirmation';
import { eligibilityCard } from './result-card';

export const CHANGE_PLAN_DIALOG = 'change-plan';
const STEPS = 'change-plan.steps';

interface ChangePlanState {
  subscriptionId?: string;
}

/** The flow's memory between steps (botbuilder types a waterfall's values as a bare object). */
const stateOf = (step: WaterfallStepContext<ChangePlanState>) => step.values as ChangePlanState;

/** Change plan: pick a subscription and a target, see what blocks it and what it means, confirm, and it runs. */
export class ChangePlanDialog extends FlowDialog {
  constructor(private readonly deps: FlowDeps) {
    super(CHANGE_PLAN_DIALOG);
    this.addDialog(new WaterfallDialog<ChangePlanState>(STEPS, [this.askSubscriptionStep.bind(this), this.askPlanStep.bind(this), this.resultStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askSubscriptionStep(step: WaterfallStepContext<ChangePlanState>): Promise<DialogTurnResult> {
    const { t } = getSession(step.context);
    return askSubscription(step, { title: t('changePlan:pickSubscription.title'), intro: t('changePlan:pickSubscription.intro') });
  }

  private async askPlanStep(step: WaterfallStepContext<ChangePlanState>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const subscription = pickedSubscription(step, submission);
    if (!subscription) return endFlow(step, 'bot:errors.badSubmission');
    stateOf(step).subscriptionId = subscription.id;
    const { t } = getSession(step.context);
    const from = findPlan(subscription.planId)!;
    return askPlan(step, from, { title: t('changePlan:pickPlan.title'), intro: t('changePlan:pickPlan.intro', { plan: from.name }) });
  }

  private async resultStep(step: WaterfallStepContext<ChangePlanState>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const plan = pickedPlan(submission);
    if (!plan) return endFlow(step, 'bot:errors.badSubmission');
    const session = getSession(step.context);
    const { t, lng, identity, tenant, snapshot } = session;
    const today = todayUtc(this.deps.now?.() ?? new Date());
    const checked = check(snapshot!, { subscriptionId: stateOf(step).subscriptionId!, toPlan: plan.id, asUpn: identity!.upn, today });
    if (!checked.ok) {
      await step.context.sendActivity(textReply(describeFinding(checked.error, lng).explanation));
      return step.endDialog();
    }
    const result = checked.value;
    const ownTenant = identity!.tenantId === tenant!.id;
    const canRun = result.canChangeNow && ownTenant && mayExecute(identity!);
    await step.context.sendActivity(cardReply(eligibilityCard(t, lng, snapshot!, result, canRun), t('changePlan:result.summary')));
    if (result.canChangeNow && !canRun) {
      await step.context.sendActivity(textReply(t(ownTenant ? 'changePlan:notYours' : 'changePlan:helpdesk')));
    }
    if (canRun) {
      const confirmation = await this.deps.switching.offer({
        kind: 'automatic-change',
        identity: identity!,
        tenantId: tenant!.id,
        subscriptionId: result.subscriptionId,
        toPlan: result.toPlan,
        lng,
        conversation: TurnContext.getConversationReference(step.context.activity),
      });
      await step.context.sendActivity(cardReply(confirmChangeCard(t, lng, snapshot!, result, confirmation.id), t('changePlan:confirm.title')));
    }
    return step.endDialog();
  }
}
