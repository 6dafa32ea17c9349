import type { DirectLineLimits } from './limits';
import { randomId } from './tokens';

/** An activity as JSON, the way Direct Line hands it to the client. */
export type JsonActivity = Record<string, unknown>;

export interface Kept {
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
  /**
   * Token generations: every grant (a new token, a refresh, a reconnect) is the next one; a token older
   * than the newest one used is refused, so a token replaced by a refresh stops working once the new one is.
   */
  tokens: { issued: number; used: number };
}

/** What a conversation keeps across a restart: everything but its request counts and turn queue. */
export interface StoredConversation {
  id: string;
  userId: string;
  locale?: string;
  started: boolean;
  lastSeenAt: number;
  nextSeq: number;
  kept: { seq: number; id: string; activity: JsonActivity }[];
  tokens: { issued: number; used: number };
}

/** Told when a conversation changed (to be written to storage) or was dropped. */
export interface ConversationListener {
  changed(conversation: DirectLineConversation): void;
  dropped(id: string): void;
}

export function toStored(conversation: DirectLineConversation): StoredConversation {
  return {
    id: conversation.id,
    userId: conversation.userId,
    ...(conversation.locale ? { locale: conversation.locale } : {}),
    started: conversation.started,
    lastSeenAt: conversation.lastSeenAt,
    nextSeq: conversation.nextSeq,
    kept: conversation.kept.map(({ seq, id, activity }) => ({ seq, id, activity })),
    tokens: { ...conversation.tokens },
  };
}

/** How long a visitor's last request time may lag in storage: writing it on every poll would cost a write a second. */
const SEEN_PRECISION_MS = 60_000;

/**
 * The conversations of the local Direct Line, in memory: at most `maxConversations` (least recently
 * used dropped first), each with a bounded list of activities, dropped after `idleMs` without a request.
 */
export class ConversationStore {
  private readonly byId = new Map<string, DirectLineConversation>();
  private readonly seenWritten = new WeakMap<DirectLineConversation, number>();
  /** Set once storage is attached (bot/directline/conversation-archive.ts). */
  listener: ConversationListener | undefined;

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
      this.drop(oldest);
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
      tokens: { issued: 0, used: 0 },
    };
    this.byId.set(conversation.id, conversation);
    this.changed(conversation);
    return conversation;
  }

  /** Conversations kept in storage before a restart, oldest use first; ones idle past the limit are left out. */
  restore(stored: readonly StoredConversation[]): void {
    const now = this.now();
    for (const record of [...stored].sort((a, b) => a.lastSeenAt - b.lastSeenAt)) {
      if (now - record.lastSeenAt > this.limits.idleMs) {
        this.listener?.dropped(record.id);
        continue;
      }
      const conversation: DirectLineConversation = {
        id: record.id,
        userId: record.userId,
        ...(record.locale ? { locale: record.locale } : {}),
        started: record.started,
        lastSeenAt: record.lastSeenAt,
        window: { startedAt: now, requests: 0, posts: 0 },
        queue: Promise.resolve(),
        kept: [],
        nextSeq: record.nextSeq,
        bytes: 0,
        tokens: { ...record.tokens },
      };
      for (const kept of record.kept) {
        const bytes = Buffer.byteLength(JSON.stringify(kept.activity));
        conversation.kept.push({ ...kept, bytes });
        conversation.bytes += bytes;
      }
      this.byId.set(conversation.id, conversation);
      this.seenWritten.set(conversation, conversation.lastSeenAt);
    }
  }

  /** Tells storage that the conversation changed (its started flag, locale, token generations). */
  changed(conversation: DirectLineConversation): void {
    this.seenWritten.set(conversation, conversation.lastSeenAt);
    this.listener?.changed(conversation);
  }

  /** The conversation as kept, expired or not (for writing it to storage). */
  peek(id: string): DirectLineConversation | undefined {
    return this.byId.get(id);
  }

  /** The conversation, if it still exists; a lookup does not count as use (see touch). */
  find(id: string): DirectLineConversation | undefined {
    const conversation = this.byId.get(id);
    if (conversation && this.now() - conversation.lastSeenAt > this.limits.idleMs) {
      this.drop(id);
      return undefined;
    }
    return conversation;
  }

  /** A visitor used the conversation: it becomes the most recently used. */
  touch(conversation: DirectLineConversation): void {
    conversation.lastSeenAt = this.now();
    this.byId.delete(conversation.id);
    this.byId.set(conversation.id, conversation);
    if (conversation.lastSeenAt - (this.seenWritten.get(conversation) ?? 0) >= SEEN_PRECISION_MS) this.changed(conversation);
  }

  /** Appends an activity under a new id (`conversationId|0000042`) and returns that id. */
  append(conversation: DirectLineConversation, activity: JsonActivity): string {
    const seq = conversation.nextSeq++;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    this.keep(conversation, seq, { ...activity, id });
    this.changed(conversation);
    return id;
  }

  /** Replaces a kept activity (a card updated in place): it moves to the end so polling clients see it again. */
  replace(conversation: DirectLineConversation, id: string, activity: JsonActivity): boolean {
    const index = conversation.kept.findIndex((k) => k.id === id);
    if (index < 0) return false;
    const [old] = conversation.kept.splice(index, 1);
    conversation.bytes -= old!.bytes;
    this.keep(conversation, conversation.nextSeq++, { ...activity, id, timestamp: old!.activity.timestamp });
    this.changed(conversation);
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
    for (const [id, conversation] of this.byId) if (now - conversation.lastSeenAt > this.limits.idleMs) this.drop(id);
  }

  private drop(id: string): void {
    this.byId.delete(id);
    this.listener?.dropped(id);
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
