import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from '../logger';
import { toStored, type ConversationListener, type ConversationStore, type DirectLineConversation, type StoredConversation } from './conversations';

// The local Direct Line's conversations in the bot's own storage (the embedded SQLite by default), so a
// restarted bot continues them: the same ids, watermarks, the activities a client has not read yet, and
// the tokens it handed out (signed with a key kept here too). Writes are coalesced: the changes of one
// tick go out as one write, in order.

const KEYS = 'local-directline/keys';
const INDEX = 'local-directline/index';
const itemKey = (id: string) => `local-directline/conversations/${id}`;

/** The secrets a restarted bot must keep for its visitors' tokens and its own serviceUrl to stay valid. */
export interface DirectLineKeys {
  /** The tokens' HMAC key, base64url. */
  signingKey: string;
  /** The random path segment of the connector endpoints. */
  connectorSecret: string;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A stored conversation as this version writes it; anything else (a hand-edited or foreign item) is left out. */
function readStored(value: unknown): StoredConversation | undefined {
  const v = value as Partial<StoredConversation> | undefined;
  if (!v || !isString(v.id) || !isString(v.userId) || typeof v.started !== 'boolean' || !isCount(v.lastSeenAt) || !isCount(v.nextSeq)) return undefined;
  if (!v.tokens || !isCount(v.tokens.issued) || !isCount(v.tokens.used) || !Array.isArray(v.kept)) return undefined;
  const kept = v.kept.filter((k) => k && isCount(k.seq) && isString(k.id) && k.activity && typeof k.activity === 'object');
  return { id: v.id, userId: v.userId, ...(isString(v.locale) ? { locale: v.locale } : {}), started: v.started, lastSeenAt: v.lastSeenAt, nextSeq: v.nextSeq, kept, tokens: v.tokens };
}

export class ConversationArchive implements ConversationListener {
  private readonly dirty = new Set<string>();
  private readonly gone = new Set<string>();
  private ids = new Set<string>();
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly store: ConversationStore,
    private readonly logger: Logger,
  ) {}

  /** The stored keys, or `fresh` ones stored now (the first start on this storage). */
  async keys(fresh: () => DirectLineKeys): Promise<DirectLineKeys> {
    const stored = (await this.storage.read([KEYS]))[KEYS] as Partial<DirectLineKeys> | undefined;
    if (stored && isString(stored.signingKey) && isString(stored.connectorSecret)) return { signingKey: stored.signingKey, connectorSecret: stored.connectorSecret };
    const keys = fresh();
    await this.storage.write({ [KEYS]: { ...keys, eTag: '*' } });
    return keys;
  }

  /** Puts the stored conversations back into the store, and from now on writes every change. */
  async restore(): Promise<number> {
    const index = (await this.storage.read([INDEX]))[INDEX] as { ids?: unknown } | undefined;
    const ids = Array.isArray(index?.ids) ? index.ids.filter(isString) : [];
    const items = ids.length > 0 ? await this.storage.read(ids.map(itemKey)) : {};
    const stored = ids.map((id) => readStored(items[itemKey(id)])).filter((c): c is StoredConversation => c !== undefined);
    this.ids = new Set(stored.map((c) => c.id));
    this.store.listener = this;
    this.store.restore(stored);
    return this.store.size;
  }

  changed(conversation: DirectLineConversation): void {
    this.gone.delete(conversation.id);
    this.dirty.add(conversation.id);
    this.schedule();
  }

  dropped(id: string): void {
    this.dirty.delete(id);
    this.gone.add(id);
    this.schedule();
  }

  /** Resolves once every change so far is written. */
  async flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    await this.writing;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writing = this.writing.then(() => this.write());
    });
  }

  private async write(): Promise<void> {
    if (this.dirty.size === 0 && this.gone.size === 0) return;
    const dirty = [...this.dirty];
    const gone = [...this.gone];
    this.dirty.clear();
    this.gone.clear();
    const changes: StoreItems = {};
    for (const id of dirty) {
      const conversation = this.store.peek(id);
      if (!conversation) continue;
      changes[itemKey(id)] = { ...toStored(conversation), eTag: '*' };
      this.ids.add(id);
    }
    for (const id of gone) this.ids.delete(id);
    changes[INDEX] = { ids: [...this.ids], eTag: '*' };
    try {
      await this.storage.write(changes);
      if (gone.length > 0) await this.storage.delete(gone.map(itemKey));
    } catch (error) {
      // Kept in memory all the same; the next change writes these again.
      for (const id of dirty) this.dirty.add(id);
      for (const id of gone) this.gone.add(id);
      this.logger.warn('directline.persist-failed', { error, conversations: dirty.length + gone.length });
    }
  }
}
