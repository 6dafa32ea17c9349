import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from '../shared/steps-dialog';
import { getSession } from '../../conversation/session';
import type { FlowDeps } from '../flow-deps';
import { FlowDialog } from '../shared/flow-dialog';
import { cardReply } from '../shared/replies';
import { switchStatusCard } from './status-card';

export const STATUS_DIALOG = 'status';

/** Switch status: the jobs of this tenant and their progress. */
export class StatusDialog extends FlowDialog {
  constructor(private readonly deps: FlowDeps) {
    super(STATUS_DIALOG);
    this.addSteps(this.showStep.bind(this));
  }

  private async showStep(step: Step): Promise<DialogTurnResult> {
    const { t, lng, tenant, snapshot } = getSession(step.context);
    const jobs = await this.deps.switching.listJobs(tenant!.id);
    await step.context.sendActivity(cardReply(switchStatusCard(t, lng, jobs, snapshot), t('status:title')));
    return step.endDialog();
  }
}
