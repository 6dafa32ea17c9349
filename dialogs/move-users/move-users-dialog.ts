import type { DialogTurnResult } from 'botbuilder-dialogs';
import { StepsDialog, type Step } from '../shared/steps-dialog';
import { TurnContext } from 'botbuilder-core';
import { planMove } from '../../domain/move-users';
import type { Subscription } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import { mayExecute } from '../../conversation/identity';
import { getSession } from '../../conversation/session';
import { messageCard } from '../../cards/message-card';
import { liveSubscriptions } from '../../cards/pickers';
import type { Submission } from '../../cards/submissions';
import { describeFinding } from '../../i18n/describe';
import type { FlowDeps } from '../flow-deps';
import { promptCard } from '../shared/card-prompt';
import { cardReply, textReply } from '../shared/replies';
import { askSubscription, endFlow, pickedSubscription } from '../shared/pick-steps';
import { confirmMoveCard } from './confirmation';
import { groupLicenceCard, groupOfferFor, groupOfferTitle } from './group-card';
import { usageLocationCard, usageLocationOffer } from './location-card';
import { movePlanCard, planName } from './plan-card';
import { subscriptionName, subscriptionNameById } from '../../cards/subscription-name';
import { usersCard } from './users-card';
import { applyTicks, holdersPage, ticksOf } from './users-page';
import { FlowDialog } from '../shared/flow-dialog';

export const MOVE_USERS_DIALOG = 'move-users';
const PICK_USERS = 'move-users.pick-users';

/** Another flow (the manual checklist) can start this one with both subscriptions already known. */
export interface MoveUsersOptions {
  fromSubscriptionId?: string;
  toSubscriptionId?: string;
}

interface MoveUsersState {
  fromSubscriptionId?: string;
  toSubscriptionId?: string;
}

/** The user picker's memory, carried from one page to the next: the whole choice so far. */
interface PickUsersOptions {
  fromSubscriptionId: string;
  toSubscriptionId: string;
  selected: string[];
  search: string;
  page: number;
}

/** What the picker's current card shows, so a press is read against exactly that page. */
interface PickUsersPage {
  shown?: string[];
  page?: number;
}

interface PickedUsers {
  userIds: string[];
}

const stateOf = (step: Step<MoveUsersOptions>) => step.values as MoveUsersState;
const pageOf = (step: Step<PickUsersOptions>) => step.values as PickUsersPage;

/** Subscriptions users can move from: live ones that someone holds a licence of. */
function sources(step: Step): Subscription[] {
  const { snapshot } = getSession(step.context);
  const index = indexTenant(snapshot!);
  return liveSubscriptions(snapshot!).filter((s) => index.holders(s.id).length > 0);
}

function targets(step: Step, fromSubscriptionId: string): Subscription[] {
  const { snapshot } = getSession(step.context);
  return liveSubscriptions(snapshot!).filter((s) => s.id !== fromSubscriptionId);
}

/**
 * Move users to another subscription: pick where from and where to, tick who moves (searchable and
 * paged, so a 5,000-user tenant stays usable), see what blocks it, confirm, and it runs.
 */
export class MoveUsersDialog extends FlowDialog<MoveUsersOptions> {
  constructor(private readonly deps: FlowDeps) {
    super(MOVE_USERS_DIALOG);
    this.addSteps(this.askSourceStep.bind(this), this.askTargetStep.bind(this), this.askUsersStep.bind(this), this.planStep.bind(this));
    this.addDialog(new StepsDialog<PickUsersOptions>(PICK_USERS, [this.showUsersStep.bind(this), this.readUsersStep.bind(this)]));
  }

  private async askSourceStep(step: Step<MoveUsersOptions>): Promise<DialogTurnResult> {
    const { t } = getSession(step.context);
    const candidates = sources(step);
    const preset = step.options?.fromSubscriptionId;
    if (preset && candidates.some((s) => s.id === preset)) return step.next({ verb: 'subscription.pick', subscriptionId: preset } satisfies Submission);
    const ids = new Set(candidates.map((s) => s.id));
    return askSubscription(step, { title: t('moveUsers:pickSource.title'), intro: t('moveUsers:pickSource.intro') }, (s) => ids.has(s.id));
  }

  private async askTargetStep(step: Step<MoveUsersOptions>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const from = pickedSubscription(step, submission);
    if (!from || !sources(step).some((s) => s.id === from.id)) return endFlow(step, 'bot:errors.badSubmission');
    stateOf(step).fromSubscriptionId = from.id;
    const { t, lng, snapshot } = getSession(step.context);
    const fromName = subscriptionName(from, snapshot!, t, lng);
    const candidates = targets(step, from.id);
    if (candidates.length === 0) {
      const card = messageCard({
        title: t('moveUsers:noTarget.title'),
        text: t('moveUsers:noTarget.text', { from: fromName }),
        actions: [{ title: t('moveUsers:noTarget.manual'), data: { verb: 'menu.open', flow: 'manual' } }],
      });
      await step.context.sendActivity(cardReply(card, t('moveUsers:noTarget.title')));
      return step.endDialog();
    }
    const preset = step.options?.toSubscriptionId;
    if (preset && candidates.some((s) => s.id === preset)) return step.next({ verb: 'subscription.pick', subscriptionId: preset } satisfies Submission);
    return askSubscription(step, { title: t('moveUsers:pickTarget.title'), intro: t('moveUsers:pickTarget.intro', { from: fromName }) }, (s) => s.id !== from.id);
  }

  private async askUsersStep(step: Step<MoveUsersOptions>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const state = stateOf(step);
    const to = pickedSubscription(step, submission);
    if (!to || to.id === state.fromSubscriptionId) return endFlow(step, 'bot:errors.badSubmission');
    state.toSubscriptionId = to.id;
    const options: PickUsersOptions = { fromSubscriptionId: state.fromSubscriptionId!, toSubscriptionId: to.id, selected: [], search: '', page: 0 };
    return step.beginDialog(PICK_USERS, options);
  }

  /** One page of the source subscription's licence holders; the whole choice so far stays ticked. */
  private async showUsersStep(step: Step<PickUsersOptions>): Promise<DialogTurnResult> {
    const { t, lng, snapshot } = getSession(step.context);
    const options = step.options;
    const index = indexTenant(snapshot!);
    const name = (id: string) => subscriptionNameById(id, snapshot!, t, lng);
    const view = holdersPage(snapshot!, options.fromSubscriptionId, options.search, options.page, lng);
    const page = pageOf(step);
    page.shown = view.users.map((u) => u.id);
    page.page = view.page;
    const card = usersCard(t, lng, snapshot!, view, {
      from: name(options.fromSubscriptionId),
      to: name(options.toSubscriptionId),
      search: options.search,
      selected: options.selected,
    });
    return promptCard(step, {
      prompt: cardReply(card, t('moveUsers:pickUsers.title')),
      verbs: ['users.pick', 'users.page', 'users.search', 'flow.cancel'],
      // Typed words search the list.
      text: { kind: 'users-search' },
    });
  }

  /** A press keeps this page's ticks, then searches, turns the page, or ends the choice. */
  private async readUsersStep(step: Step<PickUsersOptions>): Promise<DialogTurnResult> {
    const submission = step.result as Submission;
    if (submission.verb === 'flow.cancel') return endFlow(step, 'bot:cancelled');
    const { t } = getSession(step.context);
    const options = step.options;
    const { shown = [], page = 0 } = pageOf(step);
    const ticks = ticksOf(step.context.activity.value, shown);
    if (ticks.kind === 'invalid') {
      await step.context.sendActivity(textReply(t(ticks.reason === 'not-on-list' ? 'moveUsers:pickUsers.notOnList' : 'bot:errors.badSubmission')));
      return step.replaceDialog(PICK_USERS, { ...options, page });
    }
    const selected = ticks.kind === 'ticked' ? applyTicks(options.selected, shown, ticks.userIds) : options.selected;
    const kept: PickUsersOptions = { ...options, selected, page };
    switch (submission.verb) {
      case 'users.search':
        return step.replaceDialog(PICK_USERS, { ...kept, search: (submission.search ?? '').trim(), page: 0 });
      case 'users.page': {
        // A search typed but not yet sent applies too, from its first page.
        const search = submission.search === undefined ? options.search : submission.search.trim();
        return step.replaceDialog(PICK_USERS, { ...kept, search, page: search === options.search ? submission.page : 0 });
      }
      case 'users.pick':
        if (selected.length === 0) {
          await step.context.sendActivity(textReply(t('moveUsers:pickUsers.noneTicked')));
          return step.replaceDialog(PICK_USERS, kept);
        }
        return step.endDialog({ userIds: selected } satisfies PickedUsers);
      default:
        return step.replaceDialog(PICK_USERS, kept);
    }
  }

  private async planStep(step: Step<MoveUsersOptions>): Promise<DialogTurnResult> {
    const picked = step.result as PickedUsers | undefined;
    if (!picked) return step.endDialog();
    const { t, lng, identity, tenant, snapshot } = getSession(step.context);
    const state = stateOf(step);
    const planned = planMove(snapshot!, {
      fromSubscriptionId: state.fromSubscriptionId!,
      toSubscriptionId: state.toSubscriptionId!,
      userIds: picked.userIds,
      asUpn: identity!.upn,
    });
    if (!planned.ok) {
      await step.context.sendActivity(textReply(describeFinding(planned.error, lng).explanation));
      return step.endDialog();
    }
    const plan = planned.value;
    const ownTenant = identity!.tenantId === tenant!.id;
    const canRun = plan.canApply && ownTenant && mayExecute(identity!);
    await step.context.sendActivity(cardReply(movePlanCard(t, lng, snapshot!, plan, canRun), t('moveUsers:result.summary')));
    if (plan.canApply && !canRun) await step.context.sendActivity(textReply(t('moveUsers:notYours')));
    if (canRun) {
      // One confirmation per card, kept with the step: a card shown again after a change of language keeps
      // its confirmation, so one press starts one move.
      const offerOnce = async (key: string, extra: { setUsageLocation?: string; moveGroupIds?: string[] } = {}): Promise<string> => {
        const kept = step.values[key] as { id: string } | undefined;
        const confirmation = kept ?? await this.deps.switching.offer({
          kind: 'move-users',
          identity: identity!,
          tenantId: tenant!.id,
          subscriptionId: plan.fromSubscriptionId,
          toSubscriptionId: plan.toSubscriptionId,
          userIds: plan.replacements.map((r) => r.userId),
          ...extra,
          lng,
          conversation: TurnContext.getConversationReference(step.context.activity),
        });
        step.values[key] = { id: confirmation.id };
        return confirmation.id;
      };
      const confirmationId = await offerOnce('confirmation');
      // A tenant read through Graph moves at its write quota's pace: the card says how long that takes.
      const estimate = tenant!.estimateMoveSeconds?.(plan.replacements.length);
      await step.context.sendActivity(cardReply(confirmMoveCard(t, lng, snapshot!, plan, confirmationId, estimate), t('moveUsers:confirm.title')));
      // Users without a usage location: a second card offers to set the organisation's country for them and move everyone.
      const location = usageLocationOffer(snapshot!, plan);
      if (location) {
        const withLocation = await offerOnce('locationConfirmation', { setUsageLocation: location.country });
        await step.context.sendActivity(cardReply(usageLocationCard(t, lng, snapshot!, location, withLocation), t('moveResult:location.title')));
      }
      // Users whose old licence comes from a group: a second card offers to move the group's licence (every member's).
      const groups = groupOfferFor(snapshot!, plan);
      if (groups) {
        const withGroups = await offerOnce('groupConfirmation', { moveGroupIds: groups.groups.map((g) => g.groupId) });
        await step.context.sendActivity(cardReply(groupLicenceCard(t, snapshot!, groups, withGroups), groupOfferTitle(t, snapshot!, groups)));
      }
    }
    return step.endLeavingCards();
  }
}
