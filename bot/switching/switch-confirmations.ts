import { TurnContext, type Activity } from 'botbuilder';
import { describeFinding } from '../../i18n/describe';
import { renderCard } from '../../cards/render';
import type { SubmissionOf } from '../../cards/submissions';
import { cardReply, textReply } from '../../dialogs/shared/replies';
import { getSession } from '../session';
import type { SwitchService } from './switch-service';

/**
 * Presses on confirmation cards, whenever they come: in the flow, later, twice, or from someone
 * else. Only the first press by the person it was shown to starts anything.
 */
export class SwitchConfirmations {
  constructor(private readonly switching: SwitchService) {}

  async handle(context: TurnContext, submission: SubmissionOf<'switch.confirm'> | SubmissionOf<'switch.decline'>): Promise<void> {
    const { t, lng, identity } = getSession(context);
    if (!identity) return;
    if (submission.verb === 'switch.decline') {
      const declined = await this.switching.decline(submission.confirmationId, identity);
      await this.spendCard(context, t(declined ? 'bot:switch.declined' : 'bot:switch.alreadyHandled'));
      return;
    }
    const reference = TurnContext.getConversationReference(context.activity);
    const outcome = await this.switching.confirm(submission.confirmationId, identity, {
      conversation: reference,
      lng,
      cardActivityId: context.activity.replyToId,
    });
    switch (outcome.kind) {
      case 'started':
        await this.spendCard(context, t('bot:switch.confirmed'));
        return;
      case 'refused':
        await context.sendActivity(textReply(t(outcome.reason === 'expired' ? 'bot:switch.expired' : 'bot:switch.alreadyHandled')));
        return;
      case 'already-running':
        await context.sendActivity(textReply(t('bot:switch.alreadyRunning')));
        return;
      case 'blocked': {
        const lines = outcome.blockers.map((b) => `• ${describeFinding(b, lng).title}`);
        await context.sendActivity(textReply([t('bot:switch.blockedNow'), ...lines].join('\n\n')));
        return;
      }
      case 'not-started':
        await context.sendActivity(textReply(t('bot:switch.notStarted')));
    }
  }

  /** Teams can replace the pressed card so it cannot be pressed again; elsewhere a message says what happened. */
  private async spendCard(context: TurnContext, text: string): Promise<void> {
    const { t } = getSession(context);
    const replyToId = context.activity.replyToId;
    if (context.activity.channelId === 'msteams' && replyToId) {
      const card = renderCard('switch-spent', { title: t('bot:switch.spentTitle'), text });
      const update: Partial<Activity> = { ...cardReply(card), id: replyToId, type: 'message' };
      try {
        await context.updateActivity(update);
        return;
      } catch {
        // Fall back to a message below.
      }
    }
    await context.sendActivity(textReply(text));
  }
}
