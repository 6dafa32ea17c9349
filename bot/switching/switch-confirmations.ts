import { TurnContext, type Activity } from 'botbuilder-core';
import { describeFinding } from '../../i18n/describe';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import type { SubmissionOf } from '../../cards/submissions';
import { cardReply, textReply } from '../../dialogs/shared/replies';
import { getSession } from '../../conversation/session';
import type { SwitchService } from './switch-service';

export type ConfirmationPress = SubmissionOf<'switch.confirm'> | SubmissionOf<'switch.decline'>;

/**
 * What one press of a confirmation card came to. `closed`: this press used the card up (a switch
 * started, was declined, or could not start), so it is spent for everyone; otherwise the press was
 * refused (someone else's card, already used, expired) and only the presser is told.
 */
export interface ConfirmationAnswer {
  closed: boolean;
  /** Which teams:card title names the outcome. */
  outcome: 'started' | 'declined' | 'stopped' | 'refused';
  text: string;
}

/**
 * Presses on confirmation cards, whenever they come: in the flow, later, twice, or from someone
 * else. Only the first press by the person it was shown to starts anything. One decision, two ways
 * to answer: a message turn (Action.Submit) and a Teams invoke (Action.Execute).
 */
export class SwitchConfirmations {
  /**
   * `closed`: told when a press used a card up, so the conversation stops counting it among the cards
   * it waits on (a change of language then shows no spent card again).
   */
  constructor(
    private readonly switching: SwitchService,
    private readonly closed: (context: TurnContext) => Promise<void> = async () => undefined,
  ) {}

  /** The message path: the card is replaced in Teams when the press closed it, otherwise a message says what happened. */
  async handle(context: TurnContext, submission: ConfirmationPress): Promise<void> {
    const answer = await this.decide(context, submission);
    if (!answer) return;
    if (answer.closed) await this.closed(context);
    if (answer.closed) await this.spendCard(context, answer);
    else await context.sendActivity(textReply(answer.text));
  }

  /** The invoke path: the card that replaces the pressed one for the presser, and for everyone when the press closed it. */
  async answerCard(context: TurnContext, submission: ConfirmationPress): Promise<AdaptiveCard | undefined> {
    const answer = await this.decide(context, submission);
    if (!answer) return undefined;
    if (answer.closed) await this.closed(context);
    const card = this.spentCard(context, answer);
    const replyToId = context.activity.replyToId;
    if (answer.closed && replyToId) {
      // The invoke response replaces the card only for whoever pressed it; in a group chat or channel the others must not keep a live button.
      await context.updateActivity({ ...cardReply(card), id: replyToId, type: 'message' }).catch(() => undefined);
    }
    return card;
  }

  /** The one decision both paths share. */
  async decide(context: TurnContext, submission: ConfirmationPress): Promise<ConfirmationAnswer | undefined> {
    const { t, lng, identity } = getSession(context);
    if (!identity) return undefined;
    if (submission.verb === 'switch.decline') {
      const declined = await this.switching.decline(submission.confirmationId, identity);
      return declined
        ? { closed: true, outcome: 'declined', text: t('bot:switch.declined') }
        : { closed: false, outcome: 'refused', text: t('bot:switch.alreadyHandled') };
    }
    const reference = TurnContext.getConversationReference(context.activity);
    const outcome = await this.switching.confirm(submission.confirmationId, identity, {
      conversation: reference,
      lng,
      cardActivityId: context.activity.replyToId,
    });
    switch (outcome.kind) {
      case 'started':
        return { closed: true, outcome: 'started', text: t('bot:switch.confirmed') };
      case 'refused':
        return { closed: false, outcome: 'refused', text: t(outcome.reason === 'expired' ? 'bot:switch.expired' : 'bot:switch.alreadyHandled') };
      case 'already-running':
        return { closed: true, outcome: 'stopped', text: t('bot:switch.alreadyRunning') };
      case 'blocked': {
        // Each blocker with what to do about it: a role refusal names the roles that may go on.
        const lines = outcome.blockers.map((b) => describeFinding(b, lng)).map((d) => `• ${[d.title, d.resolution].filter(Boolean).join('. ')}`);
        return { closed: true, outcome: 'stopped', text: [t('bot:switch.blockedNow'), ...lines].join('\n\n') };
      }
      case 'not-started':
        return { closed: true, outcome: 'stopped', text: t('bot:switch.notStarted') };
    }
  }

  private spentCard(context: TurnContext, answer: ConfirmationAnswer): AdaptiveCard {
    const { t } = getSession(context);
    return renderCard('switch-spent', { title: t(`teams:card.${answer.outcome}`), text: answer.text });
  }

  /** Teams can replace the pressed card so it cannot be pressed again; elsewhere a message says what happened. */
  private async spendCard(context: TurnContext, answer: ConfirmationAnswer): Promise<void> {
    const replyToId = context.activity.replyToId;
    if (context.activity.channelId === 'msteams' && replyToId) {
      const update: Partial<Activity> = { ...cardReply(this.spentCard(context, answer)), id: replyToId, type: 'message' };
      try {
        await context.updateActivity(update);
        return;
      } catch {
        // Fall back to a message below.
      }
    }
    await context.sendActivity(textReply(answer.text));
  }
}
