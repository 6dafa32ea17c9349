import { isRequester, type ClaimOutcome, type Confirmation, type ConfirmationStore, type Requester } from '../switching/confirmation';
import { BLOB_PREFIX, type BlobContainer, type Versioned } from './blob-container';

interface Row {
  confirmation: Confirmation;
  state: 'open' | 'used' | 'declined';
}

const nameOf = (id: string) => `${BLOB_PREFIX.confirmations}${encodeURIComponent(id)}.json`;

/**
 * Confirmations as one blob each. A claim reads the blob, checks it, and writes it back as used with
 * If-Match on the eTag it read: of any number of presses on any number of instances, exactly one write
 * succeeds; the others find it used when they read it again.
 */
export class BlobConfirmationStore implements ConfirmationStore {
  constructor(private readonly container: BlobContainer) {}

  async save(confirmation: Confirmation): Promise<void> {
    const etag = await this.container.create(nameOf(confirmation.id), { confirmation, state: 'open' } satisfies Row);
    if (etag === undefined) throw new Error(`confirmation ${confirmation.id} exists already`);
  }

  async claim(id: string, requester: Requester, now: string): Promise<ClaimOutcome> {
    return this.close(id, requester, 'used', now);
  }

  async decline(id: string, requester: Requester): Promise<ClaimOutcome> {
    return this.close(id, requester, 'declined', undefined);
  }

  private async close(id: string, requester: Requester, state: Row['state'], now: string | undefined): Promise<ClaimOutcome> {
    const read = await this.container.read<Row>(nameOf(id));
    const refused = this.whyNot(read, requester, now);
    if (refused) return refused;
    const row = read!;
    const written = await this.container.replace(nameOf(id), { ...row.value, state } satisfies Row, row.etag);
    if (written !== undefined) return { ok: true, confirmation: row.value.confirmation };
    // Another press wrote it first: it is no longer open.
    return this.whyNot(await this.container.read<Row>(nameOf(id)), requester, now) ?? { ok: false, reason: 'already-handled' };
  }

  private whyNot(read: Versioned<Row> | undefined, requester: Requester, now: string | undefined): ClaimOutcome | undefined {
    if (!read) return { ok: false, reason: 'unknown' };
    const { confirmation, state } = read.value;
    if (state !== 'open') return { ok: false, reason: 'already-handled' };
    if (!isRequester(confirmation, requester)) return { ok: false, reason: 'not-yours' };
    if (now !== undefined && confirmation.expiresAt <= now) return { ok: false, reason: 'expired' };
    return undefined;
  }
}
