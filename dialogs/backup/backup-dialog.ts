import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from '../shared/steps-dialog';
import { findPlan } from '../../domain/catalogue';
import { getSession } from '../../conversation/session';
import { backupCard } from '../../cards/backup-card';
import { cardReply } from '../shared/replies';
import { backupView } from './backup-view';
import { FlowDialog } from '../shared/flow-dialog';
import { PICK_SUBSCRIPTION_AND_PLAN, type PickOptions, type Picked } from '../shared/pick-subscription-and-plan';

export const BACKUP_DIALOG = 'backup';


/** Back up before you switch: pick a subscription and a target, see what to back up for exactly the services lost. */
export class BackupDialog extends FlowDialog {
  constructor() {
    super(BACKUP_DIALOG);
    this.addSteps(this.pickStep.bind(this), this.backupStepsStep.bind(this));
  }

  private async pickStep(step: Step): Promise<DialogTurnResult> {
    return step.beginDialog(PICK_SUBSCRIPTION_AND_PLAN, { namespace: 'backup' } satisfies PickOptions);
  }

  private async backupStepsStep(step: Step): Promise<DialogTurnResult> {
    const picked = step.result as Picked | undefined;
    if (!picked) return step.endDialog();
    const { t, lng, snapshot } = getSession(step.context);
    const subscription = snapshot!.subscriptions.find((s) => s.id === picked.subscriptionId)!;
    const from = findPlan(subscription.planId)!;
    const to = findPlan(picked.planId)!;
    await step.context.sendActivity(cardReply(backupCard(backupView(t, lng, snapshot!, subscription, from, to)), t('backup:card.summary')));
    return step.endLeavingCards();
  }
}
