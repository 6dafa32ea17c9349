import type { ConversationReference } from 'botbuilder';
import type { Language } from '../../i18n/languages';

/** Where and in which language to report on a job: kept beside the job, outside the domain's record. */
export interface JobConversation {
  jobId: string;
  conversation: Partial<ConversationReference>;
  lng: Language;
  /** The confirmation card's activity id, so channels that allow it can have the card replaced. */
  cardActivityId?: string;
  /** The progress card's activity id, where the channel updates it in place. */
  progressActivityId?: string;
  /** What the switch is from and to, by name (read from the tenant once, when it starts). */
  subscriptionNames?: { from: string; to: string };
  /** The last progress percentage reported, so a resumed job does not repeat itself. */
  reportedPercent: number;
}

export interface JobConversationStore {
  save(record: JobConversation): Promise<void>;
  get(jobId: string): Promise<JobConversation | undefined>;
}

export class MemoryJobConversationStore implements JobConversationStore {
  private readonly records = new Map<string, JobConversation>();
  async save(record: JobConversation): Promise<void> {
    this.records.set(record.jobId, { ...record });
  }
  async get(jobId: string): Promise<JobConversation | undefined> {
    const record = this.records.get(jobId);
    return record && { ...record };
  }
}
