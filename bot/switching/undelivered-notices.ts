import type { ConversationReference, Middleware, Storage, TurnContext } from 'botbuilder';
import type { JobStore } from '../../domain/switch-job';
import { translator } from '../../i18n/translator';
import type { Logger } from '../logger';
import type { JobConversationStore } from './job-conversations';
import { finishedText } from '../../conversation/switch-messages';

// A switch's outcome that could not be delivered (the chat was unreachable, a web visitor's conversation
// was gone for a moment) is remembered by conversation and delivered at the next turn there: when the
// person is back. Kept in the bot's storage, so a restart does not lose it.

const KEY = 'switching/undelivered-notices';

/** The conversation a reference or a turn is in, as one key. */
export function conversationKeyOf(reference: Partial<ConversationReference>): string | undefined {
  const id = reference.conversation?.id;
  return reference.channelId && id ? `${reference.channelId}/${id}` : undefined;
}

export class UndeliveredNotices {
  /** Conversation key → ids of the jobs whose outcome it has not heard. */
  private entries = new Map<string, string[]>();

  constructor(private readonly storage: Storage) {}

  async load(): Promise<void> {
    const stored = (await this.storage.read([KEY]))[KEY] as { entries?: Record<string, unknown> } | undefined;
    this.entries = new Map(
      Object.entries(stored?.entries ?? {}).flatMap(([key, ids]) => (Array.isArray(ids) ? [[key, ids.filter((id): id is string => typeof id === 'string')] as [string, string[]]] : [])),
    );
  }

  async record(reference: Partial<ConversationReference>, jobId: string): Promise<void> {
    const key = conversationKeyOf(reference);
    if (!key) return;
    const ids = this.entries.get(key) ?? [];
    if (!ids.includes(jobId)) this.entries.set(key, [...ids, jobId]);
    await this.save();
  }

  /** Cheap, for every turn: whether this conversation has anything waiting. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The waiting job ids of a conversation, forgotten (they are about to be delivered). */
  async take(key: string): Promise<string[]> {
    const ids = this.entries.get(key) ?? [];
    if (ids.length === 0) return ids;
    this.entries.delete(key);
    await this.save();
    return ids;
  }

  private async save(): Promise<void> {
    await this.storage.write({ [KEY]: { entries: Object.fromEntries(this.entries), eTag: '*' } });
  }
}

/** After each turn: outcomes that could not be delivered to this conversation before, in the language the switch was started in. */
export function deliverUndelivered(notices: UndeliveredNotices, jobs: JobStore, conversations: JobConversationStore, logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      await next();
      const key = conversationKeyOf({ channelId: context.activity.channelId, conversation: context.activity.conversation });
      if (!key || !notices.has(key)) return;
      for (const jobId of await notices.take(key)) {
        const [job, record] = await Promise.all([jobs.get(jobId), conversations.get(jobId)]);
        if (!job || !record) continue;
        await context.sendActivity(finishedText(translator(record.lng), job));
        logger.info('switch.notice-delivered', { jobId, late: true });
      }
    },
  };
}
