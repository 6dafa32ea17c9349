import type { DirectLineConversation } from './conversations';
import type { DirectLineLimits } from './limits';

const MINUTE = 60_000;

/** Counts one request to a conversation; false when its minute's budget is spent. Posts have a budget of their own too. */
export function allowRequest(conversation: DirectLineConversation, limits: DirectLineLimits, kind: 'read' | 'post', now = Date.now()): boolean {
  const window = conversation.window;
  if (now - window.startedAt >= MINUTE) {
    window.startedAt = now;
    window.requests = 0;
    window.posts = 0;
  }
  if (window.requests >= limits.requestsPerMinute) return false;
  if (kind === 'post' && window.posts >= limits.postsPerMinute) return false;
  window.requests++;
  if (kind === 'post') window.posts++;
  return true;
}

/** Requests per key (a client address) per minute, for the requests that have no conversation yet. */
export class KeyedRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 10_000,
  ) {}

  allow(key: string, now = Date.now()): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= MINUTE) {
      if (!window && this.windows.size >= this.maxKeys) this.sweep(now);
      if (!window && this.windows.size >= this.maxKeys) return false;
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.perMinute) return false;
    window.count++;
    return true;
  }

  sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= MINUTE) this.windows.delete(key);
  }
}
