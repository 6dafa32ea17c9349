import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findPlan } from '../../domain/catalogue';
import { getSession } from '../../bot/session';
import { backupCard } from '../../cards/backup-card';
import type { Submission } from '../../cards/submissions';
import { describeFinding } from '../../i18n/describe';
import { cardReply, textReply } from '../shared/replies';
import { askPlan, askSubscription, endFlow, pickedPlan, pickedSubscription } from '../shared/pick-steps';
import { backupView } from './backup-view';

export const BACKUP_DIALOG = 'backup';
const STEPS = 'backup.steps';

interface BackupState {
  subscriptionId?: string;
}

const stateOf = (step: WaterfallStepContext<BackupState>) => step.values as BackupState;

/** Back up before you switch: pick a subscription and a target, see what to back up for exactly the services lost. */
export class BackupDialog extends ComponentDialog {
  constructor() {
    super(BACKUP_DIALOG);
    this.addDialog(new WaterfallDialog<BackupState>(STEPS, [this.askSubscriptionStep.bind(this), this.askPlanStep.bind(this), this.backupStepsStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askSubscriptionStep(step: WaterfallStepContext<BackupState>): Promise<DialogTurnResult> {
    const { t } = getSession(step.context);
    return askSubscription(step, { title: t('backup:pickSubscription.title'), intro: t('backup:pickSubscription.intro') });
  }

  private async askPlanStep(step: WaterfallStepContext<BackupState>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const subscription = pickedSubscription(step, submission);
    if (!subscription) return endFlow(step, 'bot:errors.badSubmission');
    stateOf(step).subscriptionId = subscription.id;
    const { t } = getSession(step.context);
    const from = findPlan(subscription.planId)!;
    return askPlan(step, from, { title: t('backup:pickPlan.title'), intro: t('backup:pickPlan.intro', { plan: from.name }) });
  }

  private async backupStepsStep(step: WaterfallStepContext<BackupState>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const to = pickedPlan(submission);
    if (!to) return endFlow(step, 'bot:errors.badSubmission');
    const { t, lng, snapshot } = getSession(step.context);
    const subscription = snapshot!.subscriptions.find((s) => s.id === stateOf(step).subscriptionId)!;
    const from = findPlan(subscription.planId)!;
    if (from.id === to.id) {
      await step.context.sendActivity(textReply(describeFinding({ code: 'SAME_PLAN', planId: to.id }, lng).explanation));
      return step.endDialog();
    }
    await step.context.sendActivity(cardReply(backupCard(backupView(t, lng, snapshot!, subscription, from, to)), t('backup:card.summary')));
    return step.endDialog();
  }
}
