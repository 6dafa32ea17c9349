import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from '../shared/steps-dialog';
import { diagnoseTenant } from '../../domain/diagnosis';
import { getSession } from '../../conversation/session';
import { diagnosisCard } from '../../cards/diagnosis-card';
import type { Submission } from '../../cards/submissions';
import { promptCard } from '../shared/card-prompt';
import { cardReply, textReply } from '../shared/replies';
import { diagnosisPage } from './diagnosis-pages';
import { subscriptionsPerCard } from './diagnosis-page-size';
import { diagnosisView, NEXT_FLOWS } from './diagnosis-view';
import { FlowDialog } from '../shared/flow-dialog';

export const DIAGNOSE_DIALOG = 'diagnose';

export interface DiagnoseOptions {
  /** Zero-based page of the subscriptions to show; the first when not given. */
  page?: number;
}

/** The page the waiting card shows, so a press it did not offer shows that page again. */
interface ShownPage {
  page?: number;
}

const shownOf = (step: Step<DiagnoseOptions>) => step.values as ShownPage;

/**
 * "Why can't I change plans?": every live subscription of the tenant, each with what blocks it and
 * the fix. A tenant with more than one page of them gets one card per page, with buttons between the
 * pages, so no message outgrows what Teams accepts.
 */
export class DiagnoseDialog extends FlowDialog<DiagnoseOptions> {
  constructor() {
    super(DIAGNOSE_DIALOG);
    this.addSteps(this.showStep.bind(this), this.readStep.bind(this));
  }

  private async showStep(step: Step<DiagnoseOptions>): Promise<DialogTurnResult> {
    const { t, lng, identity, tenant, snapshot } = getSession(step.context);
    // A helpdesk agent is no member of the customer's tenant: judge the subscriptions as its own admins would.
    const guiding = identity!.tenantId !== tenant!.id;
    const diagnoses = diagnoseTenant(snapshot!, guiding ? undefined : identity!.upn);
    if (diagnoses.length === 0) {
      await step.context.sendActivity(textReply(t('bot:pick.noSubscriptions')));
      return step.endDialog();
    }
    const view = { t, lng, snapshot: snapshot!, guiding };
    const page = diagnosisPage(diagnoses, step.options?.page ?? 0, subscriptionsPerCard(view, diagnoses));
    const reply = cardReply(diagnosisCard(diagnosisView(view, diagnoses, page)), t('diagnose:card.summary'));
    if (page.pages === 1) {
      // Nothing to page through: the card's buttons open other flows from the menu.
      await step.context.sendActivity(reply);
      return step.endDialog();
    }
    shownOf(step).page = page.page;
    return promptCard(step, { prompt: reply, verbs: ['diagnose.page', 'menu.open'] });
  }

  private async readStep(step: Step<DiagnoseOptions>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'diagnose.page') return step.replaceDialog(DIAGNOSE_DIALOG, { page: submission.page } satisfies DiagnoseOptions);
    if (submission.verb === 'menu.open' && NEXT_FLOWS.some(({ flow }) => flow === submission.flow)) return step.replaceDialog(submission.flow);
    // A menu press from another card: this card did not offer it.
    const { t } = getSession(step.context);
    await step.context.sendActivity(textReply(t('bot:errors.staleCard')));
    return step.replaceDialog(DIAGNOSE_DIALOG, { page: shownOf(step).page } satisfies DiagnoseOptions);
  }
}
