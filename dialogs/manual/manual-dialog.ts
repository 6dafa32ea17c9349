import type { DialogTurnResult } from 'botbuilder-dialogs';
import { StepsDialog, type Step } from '../shared/steps-dialog';
import { todayUtc } from '../../domain/dates';
import { planManualChange } from '../../domain/manual-change';
import { isHelpdeskAgent, mayExecute } from '../../conversation/identity';
import { getSession, setSession } from '../../conversation/session';
import type { Submission } from '../../cards/submissions';
import { describeFinding } from '../../i18n/describe';
import type { FlowDeps } from '../flow-deps';
import { MOVE_USERS_DIALOG, type MoveUsersOptions } from '../move-users/move-users-dialog';
import { promptCard } from '../shared/card-prompt';
import { cardReply, textReply } from '../shared/replies';
import { checklistCard } from './checklist';
import { FlowDialog } from '../shared/flow-dialog';
import { PICK_SUBSCRIPTION_AND_PLAN, type PickOptions, type Picked } from '../shared/pick-subscription-and-plan';

export const MANUAL_DIALOG = 'manual';
const CHECKLIST = 'manual.checklist';

interface ChecklistOptions {
  subscriptionId: string;
  toPlan: string;
  /** Read the tenant again before showing the checklist ("Check again"). */
  recheck?: boolean;
}

/** What the checklist card on screen offered, so its "Move users now" starts the move with both subscriptions known. */
interface ChecklistShown {
  move?: MoveUsersOptions;
}

const shownOf = (step: Step<ChecklistOptions>) => step.values as ChecklistShown;

/**
 * Change plans manually: pick the subscription and the plan, then a checklist of the four steps, each
 * checked against the tenant as it is now; "Check again" reads the tenant anew, and step 3 can be
 * done right here through the move-users flow.
 */
export class ManualDialog extends FlowDialog {
  constructor(private readonly deps: FlowDeps) {
    super(MANUAL_DIALOG);
    this.addSteps(this.pickStep.bind(this), this.checklistStep.bind(this));
    this.addDialog(new StepsDialog<ChecklistOptions>(CHECKLIST, [this.showChecklistStep.bind(this), this.readChecklistStep.bind(this)]));
  }

  private async pickStep(step: Step): Promise<DialogTurnResult> {
    return step.beginDialog(PICK_SUBSCRIPTION_AND_PLAN, { namespace: 'manual' } satisfies PickOptions);
  }

  private async checklistStep(step: Step): Promise<DialogTurnResult> {
    const picked = step.result as Picked | undefined;
    if (!picked) return step.endDialog();
    return step.beginDialog(CHECKLIST, { subscriptionId: picked.subscriptionId, toPlan: picked.planId } satisfies ChecklistOptions);
  }

  /** The four steps against the tenant as it is now; after "Check again" the tenant is read anew. */
  private async showChecklistStep(step: Step<ChecklistOptions>): Promise<DialogTurnResult> {
    const session = getSession(step.context);
    const { t, lng, identity, tenant } = session;
    const options = step.options;
    let snapshot = session.snapshot!;
    if (options.recheck) {
      snapshot = await tenant!.gateway.readSnapshot();
      setSession(step.context, { ...session, snapshot });
      await step.context.sendActivity(textReply(t('manual:checklist.rechecked')));
    }
    const today = todayUtc(this.deps.now?.() ?? new Date());
    const planned = planManualChange(snapshot, { fromSubscriptionId: options.subscriptionId, toPlan: options.toPlan, asUpn: identity!.upn, today });
    if (!planned.ok) {
      await step.context.sendActivity(textReply(describeFinding(planned.error, lng).explanation));
      return step.endDialog();
    }
    const plan = planned.value;
    // Step 3 can be done here, through the move-users flow, by someone who may assign licences, once
    // there is a subscription to move to.
    const step3 = plan.steps[2]!;
    const mayMove = !isHelpdeskAgent(identity!) && mayExecute(identity!) && identity!.tenantId === tenant!.id && step3.blockers.length === 0;
    const move: MoveUsersOptions | undefined =
      mayMove && plan.toSubscriptionId && step3.status !== 'done'
        ? { fromSubscriptionId: plan.fromSubscriptionId, toSubscriptionId: plan.toSubscriptionId }
        : undefined;
    shownOf(step).move = move;
    return promptCard(step, {
      prompt: cardReply(checklistCard(t, lng, snapshot, plan, move !== undefined), t('manual:checklist.summary')),
      verbs: ['flow.next', 'menu.open', 'flow.cancel'],
    });
  }

  private async readChecklistStep(step: Step<ChecklistOptions>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    const { t } = getSession(step.context);
    const again = { subscriptionId: step.options.subscriptionId, toPlan: step.options.toPlan } satisfies ChecklistOptions;
    switch (submission.verb) {
      case 'flow.cancel':
        await step.context.sendActivity(textReply(t('manual:done')));
        return step.endDialog();
      case 'flow.next':
        if (submission.next === 'recheck') return step.replaceDialog(CHECKLIST, { ...again, recheck: true } satisfies ChecklistOptions);
        break;
      case 'menu.open': {
        const move = shownOf(step).move;
        if (submission.flow === 'move-users' && move) return step.replaceDialog(MOVE_USERS_DIALOG, move);
        break;
      }
    }
    // A press that this checklist did not offer.
    await step.context.sendActivity(textReply(t('bot:errors.staleCard')));
    return step.replaceDialog(CHECKLIST, again);
  }
}
