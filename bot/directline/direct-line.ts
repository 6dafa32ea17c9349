import { randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Logger } from '../logger';
import { ConversationArchive } from './conversation-archive';
import { BotDeliveryError, type BotDelivery } from './bot-delivery';
import { ConversationStore, type DirectLineConversation, type JsonActivity } from './conversations';
import type { DirectLineLimits } from './limits';
import { allowRequest, KeyedRateLimiter } from './rate-limits';
import { TokenSigner, type TokenClaims } from './tokens';
import { forBot, readVisitorActivity, type BotAccount } from './visitor-activity';

/** A refusal, as an HTTP status and Direct Line error code. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export type Authorized = { ok: true; conversation: DirectLineConversation; claims: TokenClaims } | ({ ok: false } & Refusal);

export interface ConversationGrant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export const BOT_ACCOUNT: BotAccount = { id: 'plan-switch-bot', name: 'Plan switch assistant' };

/**
 * The local Direct Line 3.0 service, without HTTP: conversations bound to signed tokens, the visitor's
 * activities echoed and handed to the bot one turn at a time, and the bot's replies kept for polling.
 */
export class DirectLine {
  readonly conversations: ConversationStore;
  private signer = new TokenSigner();
  private archive: ConversationArchive | undefined;
  private readonly starts: KeyedRateLimiter;
  /** A path segment only this bot knows, in the serviceUrl the bot answers to (kept in its storage, so references outlive a restart). */
  connectorSecret = randomBytes(18).toString('base64url');
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly limits: DirectLineLimits,
    private readonly delivery: BotDelivery,
    /** This server's loopback address, e.g. http://127.0.0.1:3978 (known once it listens). */
    private readonly baseUrl: () => string,
    private readonly logger: Logger,
  ) {
    this.conversations = new ConversationStore(limits);
    this.starts = new KeyedRateLimiter(limits.conversationsPerMinutePerClient);
    this.sweeper = setInterval(() => {
      this.conversations.sweep();
      this.starts.sweep();
    }, 60_000);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /**
   * Keeps the conversations in the bot's storage from now on, after taking back the ones stored before
   * a restart and the keys their tokens and serviceUrl were made with. Returns how many it took back.
   */
  async keepIn(storage: Storage): Promise<number> {
    const archive = new ConversationArchive(storage, this.conversations, this.logger);
    const keys = await archive.keys(() => ({ signingKey: randomBytes(32).toString('base64url'), connectorSecret: this.connectorSecret }));
    this.signer = new TokenSigner(Buffer.from(keys.signingKey, 'base64url'));
    this.connectorSecret = keys.connectorSecret;
    const restored = await archive.restore();
    this.archive = archive;
    if (restored > 0) this.logger.info('directline.restored', { conversations: restored });
    return restored;
  }

  /** Resolves once every change is in storage (a clean shutdown, tests). */
  async flush(): Promise<void> {
    await this.archive?.flush();
  }

  /** Where the bot posts its replies to Direct Line conversations. */
  serviceUrl(): string {
    return `${this.baseUrl()}/directline-connector/${this.connectorSecret}/`;
  }

  /** A new conversation and a token for it alone; refused when one client starts too many. */
  generate(client: string): ConversationGrant | Refusal {
    if (!this.starts.allow(client)) return { status: 429, code: 'TooManyRequests', message: 'too many new conversations; wait a minute' };
    const conversation = this.conversations.create();
    this.logger.debug('directline.conversation.created', { conversations: this.conversations.size });
    return this.grant(conversation);
  }

  /** A token of the next generation: the older ones stop working once it is used. */
  refresh(conversation: DirectLineConversation): ConversationGrant {
    return this.grant(conversation);
  }

  /** A token of the generation the client already holds (starting or reconnecting is no refresh). */
  regrant(conversation: DirectLineConversation, claims: TokenClaims): ConversationGrant {
    return this.grant(conversation, claims.generation);
  }

  /**
   * Checks a request's token: it must be ours, unexpired, and for the conversation in the path (if any);
   * the conversation must still exist and be within its request budget.
   */
  authorize(token: string | undefined, pathConversationId: string | undefined, kind: 'read' | 'post'): Authorized {
    if (!token) return { ok: false, status: 401, code: 'TokenMissing', message: 'a Bearer token is required' };
    const check = this.signer.verify(token);
    if (!check.ok) {
      return check.reason === 'expired'
        ? { ok: false, status: 403, code: 'TokenExpired', message: 'the token has expired' }
        : { ok: false, status: 401, code: 'TokenInvalid', message: 'the token is not valid' };
    }
    const claims = check.claims;
    if (pathConversationId !== undefined && pathConversationId !== claims.conversationId) {
      this.logger.warn('directline.wrong-conversation', {});
      return { ok: false, status: 403, code: 'Forbidden', message: 'the token is not valid for this conversation' };
    }
    const conversation = this.conversations.find(claims.conversationId);
    if (!conversation) return { ok: false, status: 404, code: 'NotFound', message: 'the conversation has ended or expired' };
    if (claims.generation < conversation.tokens.used) return { ok: false, status: 403, code: 'TokenExpired', message: 'the token was replaced by a newer one' };
    if (claims.generation > conversation.tokens.used) {
      conversation.tokens.used = claims.generation;
      this.conversations.changed(conversation);
    }
    if (!allowRequest(conversation, this.limits, kind)) return { ok: false, status: 429, code: 'TooManyRequests', message: 'too many requests; wait a minute' };
    this.conversations.touch(conversation);
    return { ok: true, conversation, claims };
  }

  /** Starts the conversation once: the bot hears that the visitor joined, and welcomes them. */
  start(conversation: DirectLineConversation, claims: TokenClaims, locale: string | undefined): { created: boolean; grant: ConversationGrant } {
    const created = !conversation.started;
    if (created) {
      conversation.started = true;
      if (locale && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/.test(locale)) conversation.locale = locale;
      this.conversations.changed(conversation);
      const update: JsonActivity = {
        type: 'conversationUpdate',
        id: `${conversation.id}|start`,
        timestamp: new Date().toISOString(),
        channelId: 'directline',
        serviceUrl: this.serviceUrl(),
        conversation: { id: conversation.id },
        from: { id: conversation.userId, role: 'user' },
        recipient: { id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name, role: 'bot' },
        membersAdded: [{ id: conversation.userId, role: 'user' }],
        ...(conversation.locale ? { locale: conversation.locale } : {}),
      };
      this.enqueue(conversation, update).catch((error) => this.logger.warn('directline.welcome-failed', { error }));
    }
    return { created, grant: this.grant(conversation, claims.generation) };
  }

  /** The visitor's activity: kept (echoed with its clientActivityID), then handed to the bot; resolves once the bot's turn is over. */
  async post(conversation: DirectLineConversation, body: unknown): Promise<{ id: string } | Refusal> {
    const read = readVisitorActivity(body, { conversationId: conversation.id, userId: conversation.userId, bot: BOT_ACCOUNT, now: new Date() });
    if (read.kind === 'invalid') return { status: 400, code: 'BadArgument', message: read.reason };
    if (read.kind === 'ignore') return { id: `${conversation.id}|ignored` };
    // An activity without a locale speaks the language the conversation was started in.
    if (read.activity.locale === undefined && conversation.locale) read.activity.locale = conversation.locale;
    const id = this.conversations.append(conversation, read.activity);
    try {
      await this.enqueue(conversation, { ...forBot(read.activity, this.serviceUrl()), id });
      return { id };
    } catch (error) {
      this.logger.warn('directline.delivery-failed', { error });
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      // The bot refused to read the activity (its shape): the visitor's request is what is wrong, not the bot.
      if (error instanceof BotDeliveryError && error.status === 400) return { status: 400, code: 'BadArgument', message: 'the bot could not read the activity' };
      return timedOut
        ? { status: 504, code: 'BotTimeout', message: 'the bot did not answer in time' }
        : { status: 502, code: 'BotError', message: 'the bot could not take the activity' };
    }
  }

  /** A reply or proactive message from the bot (through the connector endpoints). */
  fromBot(conversationId: string, activity: JsonActivity): { id: string } | undefined {
    const conversation = this.conversations.find(conversationId);
    if (!conversation) return undefined;
    if (activity.type === 'trace') return { id: `${conversationId}|trace` };
    return { id: this.conversations.append(conversation, this.asKept(activity)) };
  }

  /** The bot replaced one of its activities (a card updated in place). */
  updateFromBot(conversationId: string, activityId: string, activity: JsonActivity): { id: string } | undefined {
    const conversation = this.conversations.find(conversationId);
    if (!conversation) return undefined;
    return this.conversations.replace(conversation, activityId, this.asKept(activity)) ? { id: activityId } : undefined;
  }

  private asKept(activity: JsonActivity): JsonActivity {
    const { serviceUrl: _serviceUrl, ...rest } = activity;
    const from = (activity.from && typeof activity.from === 'object' ? activity.from : {}) as Record<string, unknown>;
    return { ...rest, from: { ...from, id: typeof from.id === 'string' ? from.id : BOT_ACCOUNT.id, role: 'bot' }, timestamp: new Date().toISOString() };
  }

  private grant(conversation: DirectLineConversation, generation?: number): ConversationGrant {
    const expiresAt = Date.now() + this.limits.tokenLifetimeMs;
    if (generation === undefined) {
      generation = ++conversation.tokens.issued;
      this.conversations.changed(conversation);
    }
    const token = this.signer.sign({ conversationId: conversation.id, userId: conversation.userId, expiresAt, generation });
    return { conversationId: conversation.id, token, expires_in: Math.floor(this.limits.tokenLifetimeMs / 1000) };
  }

  /** Runs one turn after the conversation's previous ones, within the bot's time limit. */
  private enqueue(conversation: DirectLineConversation, activity: JsonActivity): Promise<void> {
    const turn = async () => {
      const signal = AbortSignal.timeout(this.limits.botTimeoutMs);
      await Promise.race([
        this.delivery.deliver(activity, signal),
        new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
      ]);
    };
    const run = conversation.queue.then(turn, turn);
    conversation.queue = run.catch(() => undefined);
    return run;
  }
}
