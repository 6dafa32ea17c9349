import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from '../shared/steps-dialog';
import { TurnContext } from 'botbuilder-core';
import { todayUtc } from '../../domain/dates';
import { check } from '../../domain/eligibility';
import { mayExecute } from '../../conversation/identity';
import { getSession } from '../../conversation/session';
import { findPlan } from '../../domain/catalogue';
import { adminCentrePurchaseCard } from '../../cards/admin-centre-card';
import type { AdaptiveCard } from '../../cards/render';
import { Remembered, rememberedKey } from '../../cards/remembered';
import { describeFinding } from '../../i18n/describe';
import type { FlowDeps } from '../flow-deps';
import { FlowDialog } from '../shared/flow-dialog';
import { cardReply, textReply } from '../shared/replies';
import { confirmChangeCard } from './confirmation';
import { eligibilityCard } from './result-card';
import { PICK_SUBSCRIPTION_AND_PLAN, type PickOptions, type Picked } from '../shared/pick-subscription-and-plan';

export const CHANGE_PLAN_DIALOG = 'change-plan';

const eligibilityCards = new Remembered<AdaptiveCard>(256);

/** Change plan: pick a subscription and a target, see what blocks it and what it means, confirm, and it runs. */
export class ChangePlanDialog extends FlowDialog {
  constructor(private readonly deps: FlowDeps) {
    super(CHANGE_PLAN_DIALOG);
    this.addSteps(this.pickStep.bind(this), this.resultStep.bind(this));
  }

  private async pickStep(step: Step): Promise<DialogTurnResult> {
    return step.beginDialog(PICK_SUBSCRIPTION_AND_PLAN, { namespace: 'changePlan' } satisfies PickOptions);
  }

  private async resultStep(step: Step): Promise<DialogTurnResult> {
    const picked = step.result as Picked | undefined;
    if (!picked) return step.endDialog();
    const session = getSession(step.context);
    const { t, lng, identity, tenant, snapshot } = session;
    const today = todayUtc(this.deps.now?.() ?? new Date());
    const request = { subscriptionId: picked.subscriptionId, toPlan: picked.planId, asUpn: identity!.upn, today };
    const checked = check(snapshot!, request);
    if (!checked.ok) {
      await step.context.sendActivity(textReply(describeFinding(checked.error, lng).explanation));
      return step.endDialog();
    }
    const result = checked.value;
    const ownTenant = identity!.tenantId === tenant!.id;
    // Microsoft Graph cannot buy a subscription: on a Graph tenant the change is bought in the admin centre.
    const viaGraph = tenant!.source === 'graph';
    const allowed = ownTenant && mayExecute(identity!);
    const canRun = result.canChangeNow && allowed && !viaGraph;
    // The check's answer follows from the snapshot and the request, so the same question asked again of
    // an unchanged tenant shows the card made the first time.
    const key = rememberedKey(request.subscriptionId, request.toPlan, request.asUpn, request.today, canRun, viaGraph);
    const card = eligibilityCards.get([snapshot!, t], key, () => eligibilityCard(t, lng, snapshot!, result, canRun, viaGraph));
    await step.context.sendActivity(cardReply(card, t('changePlan:result.summary')));
    if (result.canChangeNow && viaGraph) {
      // The admin buys it in the admin centre; the bot can watch for it and move the people when it is there.
      const watch = allowed ? [{ title: t('watch:card.watch'), data: { verb: 'watch.start' as const, subscriptionId: result.subscriptionId, planId: result.toPlan } }] : [];
      const card = adminCentrePurchaseCard({
        title: t('changePlan:adminCentre.title'),
        text: t('changePlan:adminCentre.text', { to: findPlan(result.toPlan)?.name ?? result.toPlan }),
        open: t('watch:card.open'),
        actions: [
          ...watch,
          { title: t('bot:menu.flows.move-users'), data: { verb: 'menu.open', flow: 'move-users' } },
          { title: t('changePlan:actions.manual'), data: { verb: 'menu.open', flow: 'manual' } },
        ],
      });
      await step.context.sendActivity(cardReply(card, t('changePlan:adminCentre.title')));
    }
    if (result.canChangeNow && !allowed) {
      await step.context.sendActivity(textReply(t(ownTenant ? 'changePlan:notYours' : 'changePlan:helpdesk')));
    }
    if (canRun) {
      // Shown again after a change of language, the card keeps the confirmation it was given: one press starts one switch.
      const confirmation = (step.values.confirmation as { id: string } | undefined) ?? await this.deps.switching.offer({
        kind: 'automatic-change',
        identity: identity!,
        tenantId: tenant!.id,
        subscriptionId: result.subscriptionId,
        toPlan: result.toPlan,
        lng,
        conversation: TurnContext.getConversationReference(step.context.activity),
      });
      step.values.confirmation = { id: confirmation.id };
      await step.context.sendActivity(cardReply(confirmChangeCard(t, lng, snapshot!, result, confirmation.id), t('changePlan:confirm.title')));
    }
    return step.endLeavingCards();
  }
}
