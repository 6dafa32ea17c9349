import type { ConversationReference, TurnContext } from 'botbuilder';
import type { SwitchJob } from '../../domain/switch-job';
import type { ProgressEvent } from '../../domain/switch-progress';
import { translator } from '../../i18n/translator';
import type { Logger } from '../logger';
import type { JobConversation, JobConversationStore } from './job-conversations';
import type { SwitchNotifier } from './notifier';
import { hasLongNameList, type MovePeople } from '../../conversation/move-result';
import { moveResultCard } from './move-result-card';
import type { UndeliveredNotices } from './undelivered-notices';
import { finishedText, progressText, startedText } from '../../conversation/switch-messages';
import { changedText, namesOf, progressCard, updatesInPlace, type SwitchNames } from './progress-notice';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { AdaptiveCard } from '../../cards/render';
import { cardReply } from '../../dialogs/shared/replies';

export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** Progress is reported at these percentages, not at every batch, so a large move does not flood the chat. */
const MILESTONES = [25, 50, 75];

/** Proactive messages to the conversation that started a job: progress at milestones, then the outcome. */
export class ProactiveNotifier implements SwitchNotifier {
  constructor(
    private readonly conversations: JobConversationStore,
    private readonly continueConversation: ContinueConversation,
    private readonly logger: Logger,
    /** Where an outcome that could not be delivered waits for the person's next turn in that conversation. */
    private readonly undelivered?: UndeliveredNotices,
    /** The tenant as it is now, to name subscriptions by their plan. */
    private readonly snapshotOf: (tenantId: string) => Promise<TenantSnapshot | undefined> = async () => undefined,
  ) {}

  async started(job: SwitchJob): Promise<void> {
    // Where the channel updates a message in place, the switch is one card that follows it to the end.
    const record = await this.conversations.get(job.id);
    if (!record) return;
    // The names are read from the tenant once, here, and kept with the record for the notices after.
    const names = await this.namesOf(job, record);
    await this.conversations.save({ ...record, subscriptionNames: names });
    if (updatesInPlace(record.conversation.channelId)) {
      const activityId = await this.showCard(job, (t) => progressCard(t, job, { kind: 'started' }, names));
      if (activityId) {
        await this.conversations.save({ ...record, subscriptionNames: names, progressActivityId: activityId });
        return;
      }
    }
    await this.send(job, (t) => startedText(t, job));
  }

  async progress(job: SwitchJob, event: ProgressEvent): Promise<void> {
    const record = await this.conversations.get(job.id);
    // With every user moved the outcome follows at once; a "100 % but still working" line would only confuse.
    if (!record || event.done >= event.total) return;
    const milestone = MILESTONES.filter((m) => event.percent >= m).pop();
    if (milestone === undefined || milestone <= record.reportedPercent) return;
    await this.conversations.save({ ...record, reportedPercent: milestone });
    if (record.progressActivityId) {
      const names = await this.namesOf(job, record);
      if (await this.showCard(job, (t) => progressCard(t, job, { kind: 'running', event }, names), record.progressActivityId)) return;
    }
    await this.send(job, (t) => progressText(t, job, event));
  }

  async finished(job: SwitchJob, people?: MovePeople): Promise<void> {
    const record = await this.conversations.get(job.id);
    if (!record || record.reportedPercent >= 100) return;
    await this.conversations.save({ ...record, reportedPercent: 100 });
    const names = await this.namesOf(job, record);
    // The outcome is a new message, so it is noticed (and sent first: it matters more than the card);
    // the card then shows the end state in its place.
    const delivered = await this.send(job, (t) => (job.step === 'done' ? `${finishedText(t, job, people)}\n\n${changedText(t, job, names)}` : finishedText(t, job, people)));
    if (record.progressActivityId) await this.showCard(job, (t) => progressCard(t, job, { kind: 'finished' }, names), record.progressActivityId);
    if (!delivered) await this.undelivered?.record(record.conversation, job.id).catch((error: unknown) => this.logger.warn('switch.notice-not-kept', { jobId: job.id, error }));
    // A move with more names per reason than the message spells out: every name on a card, behind a show-or-hide button.
    else if (people && hasLongNameList(job)) await this.showCard(job, (t) => moveResultCard(t, job, people), undefined, 'moveResult:title');
  }

  /** The names kept with the record, else read now (a move's subscriptions need the tenant; a plan change has its plans). */
  private async namesOf(job: SwitchJob, record: JobConversation): Promise<SwitchNames> {
    if (record.subscriptionNames) return record.subscriptionNames;
    if (job.kind === 'automatic-change') return namesOf(job);
    const snapshot = await this.snapshotOf(job.tenantId).catch(() => undefined);
    return namesOf(job, (subscriptionId) => snapshot?.subscriptions.find((s) => s.id === subscriptionId)?.planId);
  }

  /**
   * Sends the progress card, or replaces the one sent before (`replacing`, its activity id); returns the
   * card's activity id, or undefined when it could not be delivered (the caller falls back to words).
   */
  private async showCard(job: SwitchJob, card: (t: ReturnType<typeof translator>) => AdaptiveCard, replacing?: string, summaryKey = 'bot:switch.card.title.running'): Promise<string | undefined> {
    const record = await this.conversations.get(job.id);
    if (!record) return undefined;
    const t = translator(record.lng);
    const activity = { ...cardReply(card(t), t(summaryKey)) };
    try {
      let id: string | undefined;
      let failure: unknown;
      await this.continueConversation(record.conversation, async (context) => {
        try {
          if (replacing) {
            await context.updateActivity({ ...activity, id: replacing, conversation: context.activity.conversation });
            id = replacing;
          } else {
            id = (await context.sendActivity(activity))?.id;
          }
        } catch (error) {
          failure = error ?? new Error('send failed');
        }
      });
      if (failure !== undefined) throw failure;
      return id;
    } catch (error) {
      this.logger.warn('switch.progress-card-failed', { jobId: job.id, channelId: record.conversation.channelId, error });
      return undefined;
    }
  }

  /** Whether the message reached the conversation. */
  private async send(job: SwitchJob, text: (t: ReturnType<typeof translator>) => string): Promise<boolean> {
    const record = await this.conversations.get(job.id);
    if (!record) return false;
    const t = translator(record.lng);
    try {
      // The adapter hands an error inside a proactive turn to its onTurnError (a bare turn.failed): keep it here instead.
      let failure: unknown;
      await this.continueConversation(record.conversation, async (context) => {
        try {
          await context.sendActivity(text(t));
        } catch (error) {
          failure = error ?? new Error('send failed');
        }
      });
      if (failure !== undefined) throw failure;
      return true;
    } catch (error) {
      this.logger.warn('switch.notify-failed', { jobId: job.id, channelId: record.conversation.channelId, error });
      return false;
    }
  }
}
