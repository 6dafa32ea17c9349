import type { ConversationReference, TurnContext } from 'botbuilder';
import type { SwitchJob } from '../../domain/switch-job';
import type { ProgressEvent } from '../../domain/switch-runner';
import { translator } from '../../i18n/translator';
import type { Logger } from '../logger';
import type { JobConversationStore } from './job-conversations';
import type { SwitchNotifier } from './notifier';
import type { MovePeople } from './move-result';
import { finishedText, progressText, startedText } from './switch-messages';

export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** Progress is reported at these percentages, not at every batch, so a large move does not flood the chat. */
const MILESTONES = [25, 50, 75];

/** Proactive messages to the conversation that started a job: progress at milestones, then the outcome. */
export class ProactiveNotifier implements SwitchNotifier {
  constructor(
    private readonly conversations: JobConversationStore,
    private readonly continueConversation: ContinueConversation,
    private readonly logger: Logger,
  ) {}

  async started(job: SwitchJob): Promise<void> {
    await this.send(job, (t) => startedText(t, job));
  }

  async progress(job: SwitchJob, event: ProgressEvent): Promise<void> {
    const record = await this.conversations.get(job.id);
    // With every user moved the outcome follows at once; a "100 % but still working" line would only confuse.
    if (!record || event.done >= event.total) return;
    const milestone = MILESTONES.filter((m) => event.percent >= m).pop();
    if (milestone === undefined || milestone <= record.reportedPercent) return;
    await this.conversations.save({ ...record, reportedPercent: milestone });
    await this.send(job, (t) => progressText(t, job, event));
  }

  async finished(job: SwitchJob, people?: MovePeople): Promise<void> {
    const record = await this.conversations.get(job.id);
    if (!record || record.reportedPercent >= 100) return;
    await this.conversations.save({ ...record, reportedPercent: 100 });
    await this.send(job, (t) => finishedText(t, job, people));
  }

  private async send(job: SwitchJob, text: (t: ReturnType<typeof translator>) => string): Promise<void> {
    const record = await this.conversations.get(job.id);
    if (!record) return;
    const t = translator(record.lng);
    try {
      await this.continueConversation(record.conversation, async (context) => {
        await context.sendActivity(text(t));
      });
    } catch (error) {
      this.logger.warn('switch.notify-failed', { jobId: job.id, error });
    }
  }
}
