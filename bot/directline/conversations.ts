import type { DirectLineLimits } from './limits';
import { randomId } from './tokens';

/** An activity as JSON, the way Direct Line hands it to the client. */
export type JsonActivity = Record<string, unknown>;

interface Kept {
  /** Position in the conversation: the watermark is the last position a client has seen. */
  seq: number;
  id: string;
  activity: JsonActivity;
  bytes: number;
}

export interface DirectLineConversation {
  readonly id: string;
  readonly userId: string;
  /** The locale the conversation was started with, if the client gave one. */
  locale?: string;
  started: boolean;
  lastSeenAt: number;
  /** The current minute's request counts, for the rate limits. */
  window: { startedAt: number; requests: number; posts: number };
  /** Turns of one conversation run one after the other. */
  queue: Promise<void>;
  readonly kept: Kept[];
  nextSeq: number;
  bytes: number;
}

/**
 * The conversations of the local Direct Line, in memory: at most `maxConversations` (least recently
 * used dropped first), each with a bounded list of activities, dropped after `idleMs` without a request.
 */
export class ConversationStore {
  private readonly byId = new Map<string, DirectLineConversation>();

  constructor(
    private readonly limits: DirectLineLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  create(): DirectLineConversation {
    this.sweep();
    while (this.byId.size >= this.limits.maxConversations) {
      const oldest = this.byId.keys().next().value as string;
      this.byId.delete(oldest);
    }
    const conversation: DirectLineConversation = {
      id: randomId(),
      userId: randomId('dl_'),
      started: false,
      lastSeenAt: this.now(),
      window: { startedAt: this.now(), requests: 0, posts: 0 },
      queue: Promise.resolve(),
      kept: [],
      nextSeq: 1,
      bytes: 0,
    };
    this.byId.set(conversation.id, conversation);
    return conversation;
  }

  /** The conversation, if it still exists; a lookup does not count as use (see touch). */
  find(id: string): DirectLineConversation | undefined {
    const conversation = this.byId.get(id);
    if (conversation && this.now() - conversation.lastSeenAt > this.limits.idleMs) {
      this.byId.delete(id);
      return undefined;
    }
    return conversation;
  }

  /** A visitor used the conversation: it becomes the most recently used. */
  touch(conversation: DirectLineConversation): void {
    conversation.lastSeenAt = this.now();
    this.byId.delete(conversation.id);
    this.byId.set(conversation.id, conversation);
  }

  /** Appends an activity under a new id (`conversationId|0000042`) and returns that id. */
  append(conversation: DirectLineConversation, activity: JsonActivity): string {
    const seq = conversation.nextSeq++;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    this.keep(conversation, seq, { ...activity, id });
    return id;
  }

  /** Replaces a kept activity (a card updated in place): it moves to the end so polling clients see it again. */
  replace(conversation: DirectLineConversation, id: string, activity: JsonActivity): boolean {
    const index = conversation.kept.findIndex((k) => k.id === id);
    if (index < 0) return false;
    const [old] = conversation.kept.splice(index, 1);
    conversation.bytes -= old!.bytes;
    this.keep(conversation, conversation.nextSeq++, { ...activity, id, timestamp: old!.activity.timestamp });
    return true;
  }

  /** The activities after a watermark, and the new watermark. */
  since(conversation: DirectLineConversation, watermark: string | undefined): { activities: JsonActivity[]; watermark?: string } {
    const after = watermark && /^\d+$/.test(watermark) ? Number(watermark) : 0;
    const activities = conversation.kept.filter((k) => k.seq > after).map((k) => k.activity);
    const last = conversation.nextSeq - 1;
    return { activities, ...(last > 0 ? { watermark: String(Math.max(last, after)) } : {}) };
  }

  /** Drops every conversation idle for longer than the limit. */
  sweep(): void {
    const now = this.now();
    for (const [id, conversation] of this.byId) if (now - conversation.lastSeenAt > this.limits.idleMs) this.byId.delete(id);
  }

  private keep(conversation: DirectLineConversation, seq: number, activity: JsonActivity): void {
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    conversation.kept.push({ seq, id: activity.id as string, activity, bytes });
    conversation.bytes += bytes;
    while (
      conversation.kept.length > 1 &&
      (conversation.kept.length > this.limits.maxActivitiesPerConversation || conversation.bytes > this.limits.maxBytesPerConversation)
    ) {
      conversation.bytes -= conversation.kept.shift()!.bytes;
    }
  }
}
