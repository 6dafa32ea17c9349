// Everything a visitor of the local Direct Line can make grow has a ceiling. The defaults suit one
// person or a small team trying the bot; tests pass smaller ones.

export interface DirectLineLimits {
  /** Conversations kept at once; starting one more drops the least recently used. */
  maxConversations: number;
  /** Activities kept per conversation (the visitor's and the bot's); the oldest go first. */
  maxActivitiesPerConversation: number;
  /** Bytes of activities kept per conversation (as JSON); the oldest go first. */
  maxBytesPerConversation: number;
  /** The largest request body a visitor may send (413 above it). */
  maxBodyBytes: number;
  /** Requests per conversation per minute, polling included (429 above it). Web Chat polls once a second. */
  requestsPerMinute: number;
  /** Activities a visitor may post per conversation per minute (429 above it): each one runs a bot turn. */
  postsPerMinute: number;
  /** New conversations per client address per minute (429 above it), so one visitor cannot push everyone else out. */
  conversationsPerMinutePerClient: number;
  /** A conversation with no request for this long is dropped. */
  idleMs: number;
  /** How long a token lives; the client refreshes it halfway. */
  tokenLifetimeMs: number;
  /** How long the bot may take over one turn before the visitor's post fails with 504. */
  botTimeoutMs: number;
}

export const DEFAULT_LIMITS: DirectLineLimits = {
  maxConversations: 200,
  maxActivitiesPerConversation: 300,
  maxBytesPerConversation: 1024 * 1024,
  maxBodyBytes: 32 * 1024,
  requestsPerMinute: 240,
  postsPerMinute: 30,
  conversationsPerMinutePerClient: 20,
  idleMs: 30 * 60_000,
  tokenLifetimeMs: 30 * 60_000,
  botTimeoutMs: 30_000,
};
