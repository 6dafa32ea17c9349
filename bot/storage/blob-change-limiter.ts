import { createHash } from 'node:crypto';
import { limitWindows, refusal, type ChangeLimiter, type ChangeLimits, type LimitDecision, type LimitWindow } from '../security/change-limits';
import { BLOB_PREFIX, type BlobContainer, type Versioned } from './blob-container';

interface StoredWindow {
  startedAt: number;
  count: number;
}

/** Attempts at one window before the request is refused as if it were full (many instances writing the same window at once). */
const ATTEMPTS = 20;

/**
 * The change limits counted in the container every instance shares: one blob per window, counted up
 * with If-Match (or created with If-None-Match: *), so two instances never both take the last place.
 * A request is checked against all four windows first and counts in none if one is full; a window
 * that fills while it is being counted refuses it then (the windows counted before keep the count:
 * the limits err on the side of fewer changes).
 */
export class BlobChangeLimiter implements ChangeLimiter {
  constructor(
    private readonly container: BlobContainer,
    private readonly limits: ChangeLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async take(tenantId: string, userId: string): Promise<LimitDecision> {
    const windows = limitWindows(this.limits, tenantId, userId);
    const read = await Promise.all(windows.map((window) => this.container.read<StoredWindow>(this.blobName(window))));
    const now = this.now();
    for (const [i, window] of windows.entries()) {
      const current = live(read[i], window, now);
      if (current && current.value.count >= window.max) return refusal(window, current.value.startedAt, now);
    }
    for (const [i, window] of windows.entries()) {
      const counted = await this.count(window, read[i]);
      if (!counted.ok) return counted;
    }
    return { ok: true };
  }

  /** Counts one request in `window`, reading it again after each write another instance won. */
  private async count(window: LimitWindow, first: Versioned<StoredWindow> | undefined): Promise<LimitDecision> {
    const name = this.blobName(window);
    let stored = first;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const now = this.now();
      const current = live(stored, window, now);
      if (current && current.value.count >= window.max) return refusal(window, current.value.startedAt, now);
      const next: StoredWindow = current ? { startedAt: current.value.startedAt, count: current.value.count + 1 } : { startedAt: now, count: 1 };
      const written = stored ? await this.container.replace(name, next, stored.etag) : await this.container.create(name, next);
      if (written !== undefined) return { ok: true };
      stored = await this.container.read<StoredWindow>(name);
    }
    return { ok: false, scope: window.scope, retryAfterSeconds: 1 };
  }

  /** Tenant and user ids stay out of blob names. */
  private blobName(window: LimitWindow): string {
    return BLOB_PREFIX.limits + createHash('sha256').update(window.key).digest('hex');
  }
}

/** The stored window if it is still running; an expired one counts as absent (but keeps its eTag for the write). */
function live(stored: Versioned<StoredWindow> | undefined, window: LimitWindow, now: number): Versioned<StoredWindow> | undefined {
  if (!stored) return undefined;
  const { startedAt, count } = stored.value ?? {};
  if (typeof startedAt !== 'number' || typeof count !== 'number' || now - startedAt >= window.span || startedAt > now + window.span) return undefined;
  return stored;
}
