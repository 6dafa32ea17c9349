// How many switches and moves one person, and one organisation, may ask for in a minute and in an
// hour. Each request writes a confirmation and, once pressed, a job that changes the tenant; a
// runaway client or a stolen session cannot start more than this. Counted in memory when one process
// owns the storage; in the shared container when several instances do (bot/storage/blob-change-limiter.ts).

export interface ChangeLimits {
  perUserPerMinute: number;
  perUserPerHour: number;
  perTenantPerMinute: number;
  perTenantPerHour: number;
}

export const DEFAULT_CHANGE_LIMITS: ChangeLimits = { perUserPerMinute: 10, perUserPerHour: 60, perTenantPerMinute: 30, perTenantPerHour: 300 };

export type LimitDecision = { ok: true } | { ok: false; scope: 'user' | 'tenant'; retryAfterSeconds: number };

/** A request refused by the limits: the turn that asked is answered with a localized refusal. */
export class ChangeRequestRefused extends Error {
  constructor(readonly decision: Extract<LimitDecision, { ok: false }>) {
    super(`change request limit reached (${decision.scope})`);
    this.name = 'ChangeRequestRefused';
  }
}

/** Counts requests against the limits: in memory, or shared by every instance. */
export interface ChangeLimiter {
  take(tenantId: string, userId: string): LimitDecision | Promise<LimitDecision>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One counting window a request falls in: per user or per tenant, per minute or per hour. */
export interface LimitWindow {
  key: string;
  span: number;
  max: number;
  scope: 'user' | 'tenant';
}

/** The four windows a request by `userId` of `tenantId` is counted in, in the order they are checked. */
export function limitWindows(limits: ChangeLimits, tenantId: string, userId: string): LimitWindow[] {
  return [
    { key: `u\u0000${tenantId}\u0000${userId}\u0000m`, span: MINUTE, max: limits.perUserPerMinute, scope: 'user' },
    { key: `u\u0000${tenantId}\u0000${userId}\u0000h`, span: HOUR, max: limits.perUserPerHour, scope: 'user' },
    { key: `t\u0000${tenantId}\u0000m`, span: MINUTE, max: limits.perTenantPerMinute, scope: 'tenant' },
    { key: `t\u0000${tenantId}\u0000h`, span: HOUR, max: limits.perTenantPerHour, scope: 'tenant' },
  ];
}

/** The refusal for a full window that started at `startedAt`. */
export function refusal(window: LimitWindow, startedAt: number, now: number): Extract<LimitDecision, { ok: false }> {
  return { ok: false, scope: window.scope, retryAfterSeconds: Math.max(1, Math.ceil((startedAt + window.span - now) / 1000)) };
}
/** Windows kept at most; expired ones are swept first, then the oldest go. */
const MAX_KEYS = 50_000;

interface Window {
  startedAt: number;
  count: number;
}

export class ChangeRequestLimiter implements ChangeLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: ChangeLimits = DEFAULT_CHANGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request by `userId` of `tenantId` if every window has room; otherwise counts nothing and says which limit and for how long. */
  take(tenantId: string, userId: string): LimitDecision {
    const now = this.now();
    const checks = limitWindows(this.limits, tenantId, userId);
    const windows = checks.map((check) => {
      const window = this.windows.get(check.key);
      return window && now - window.startedAt < check.span ? window : { startedAt: now, count: 0 };
    });
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i]!;
      const window = windows[i]!;
      if (window.count >= check.max) return refusal(check, window.startedAt, now);
    }
    if (this.windows.size + checks.length > MAX_KEYS) this.sweep(now);
    for (let i = 0; i < checks.length; i++) {
      const window = windows[i]!;
      window.count += 1;
      this.windows.set(checks[i]!.key, window);
    }
    return { ok: true };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= (key.endsWith('\u0000m') ? MINUTE : HOUR)) this.windows.delete(key);
    while (this.windows.size > MAX_KEYS - 8) this.windows.delete(this.windows.keys().next().value as string);
  }
}
