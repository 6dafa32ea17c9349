import { isRequester, type ClaimOutcome, type Confirmation, type ConfirmationStore, type Requester } from './confirmation';

/** For STORAGE=memory; the claim is atomic because it runs in one JavaScript turn. */
export class MemoryConfirmationStore implements ConfirmationStore {
  private readonly rows = new Map<string, { confirmation: Confirmation; state: 'open' | 'used' | 'declined' }>();

  async save(confirmation: Confirmation): Promise<void> {
    this.rows.set(confirmation.id, { confirmation, state: 'open' });
  }

  async claim(id: string, requester: Requester, now: string): Promise<ClaimOutcome> {
    const row = this.rows.get(id);
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.state !== 'open') return { ok: false, reason: 'already-handled' };
    if (!isRequester(row.confirmation, requester)) return { ok: false, reason: 'not-yours' };
    if (row.confirmation.expiresAt <= now) return { ok: false, reason: 'expired' };
    row.state = 'used';
    return { ok: true, confirmation: row.confirmation };
  }

  async decline(id: string, requester: Requester): Promise<ClaimOutcome> {
    const row = this.rows.get(id);
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.state !== 'open') return { ok: false, reason: 'already-handled' };
    if (!isRequester(row.confirmation, requester)) return { ok: false, reason: 'not-yours' };
    row.state = 'declined';
    return { ok: true, confirmation: row.confirmation };
  }
}
