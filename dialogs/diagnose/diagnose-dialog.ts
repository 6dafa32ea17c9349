import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { diagnoseTenant } from '../../domain/diagnosis';
import { getSession } from '../../bot/session';
import { diagnosisCard } from '../../cards/diagnosis-card';
import { cardReply, textReply } from '../shared/replies';
import { diagnosisView } from './diagnosis-view';
import { FlowDialog } from '../shared/flow-dialog';

export const DIAGNOSE_DIALOG = 'diagnose';

/** "Why can't I change plans?": every live subscription of the tenant at once, each with what blocks it and the fix. */
export class DiagnoseDialog extends FlowDialog {
  constructor() {
    super(DIAGNOSE_DIALOG);
    this.addSteps(this.diagnoseStep.bind(this));
  }

  private async diagnoseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, lng, identity, tenant, snapshot } = getSession(step.context);
    // A helpdesk agent is no member of the customer's tenant: judge the subscriptions as its own admins would.
    const guiding = identity!.tenantId !== tenant!.id;
    const diagnoses = diagnoseTenant(snapshot!, guiding ? undefined : identity!.upn);
    if (diagnoses.length === 0) {
      await step.context.sendActivity(textReply(t('bot:pick.noSubscriptions')));
      return step.endDialog();
    }
    const card = diagnosisCard(diagnosisView({ t, lng, snapshot: snapshot!, guiding }, diagnoses));
    await step.context.sendActivity(cardReply(card, t('diagnose:card.summary')));
    return step.endDialog();
  }
}
