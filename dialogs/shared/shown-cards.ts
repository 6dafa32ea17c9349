import { createHash } from 'node:crypto';
import type { Activity, Storage, TurnContext } from 'botbuilder';
import { RecentlyUsed } from '../../domain/recently-used';

const STORAGE_PREFIX = 'shown-cards/';
const TURN_KEY = Symbol('shown-cards');

/**
 * The cards prompts have shown, by the digest of their content. A waiting prompt keeps only the
 * digest in the conversation's state, not the card (three quarters of a stored conversation, read,
 * compared and written on every turn); it shows the card again from here when it re-prompts. Many
 * conversations see the same card (same tenant, same words), so each one is stored once, in the
 * bot's storage, where every instance and a restarted bot find it.
 */
export class ShownCards {
  private readonly remembered = new RecentlyUsed<string, string>(1_000);
  /**
   * Digests of activities around a rendered card, which is frozen and shared by every turn that shows
   * it (cards/render.ts): by the card, then by the rest of the activity (its summary, say). Showing the
   * same card again then costs neither its JSON nor its hash.
   */
  private readonly digests = new WeakMap<object, Map<string, string>>();

  constructor(private readonly storage: Storage) {}

  /** Stores the card (once) and returns its digest. */
  async keep(activity: Partial<Activity>): Promise<string> {
    const card = sharedCardOf(activity);
    const around = card && JSON.stringify({ ...activity, attachments: activity.attachments!.map((a) => ({ ...a, content: undefined })) });
    const known = card && this.digests.get(card)?.get(around!);
    if (known && this.remembered.get(known) !== undefined) return known;
    const json = JSON.stringify(activity);
    const digest = createHash('sha256').update(json).digest('base64url').slice(0, 32);
    if (!this.remembered.has(digest)) await this.storage.write({ [STORAGE_PREFIX + digest]: { json, eTag: '*' } });
    this.remembered.set(digest, json);
    if (card) {
      let byRest = this.digests.get(card);
      if (!byRest) this.digests.set(card, (byRest = new Map()));
      byRest.set(around!, digest);
    }
    return digest;
  }

  /** The card shown under `digest`, as a copy of its own, or undefined if storage no longer has it. */
  async find(digest: string): Promise<Partial<Activity> | undefined> {
    let json = this.remembered.get(digest);
    if (json === undefined) {
      const item = (await this.storage.read([STORAGE_PREFIX + digest]))[STORAGE_PREFIX + digest] as { json?: unknown } | undefined;
      if (typeof item?.json !== 'string') return undefined;
      json = item.json;
      this.remembered.set(digest, json);
    }
    return JSON.parse(json) as Partial<Activity>;
  }
}

/** The one attachment's content when it is a frozen (rendered, shared) card. */
function sharedCardOf(activity: Partial<Activity>): object | undefined {
  const content: unknown = activity.attachments?.length === 1 ? activity.attachments[0]!.content : undefined;
  return content && typeof content === 'object' && Object.isFrozen(content) ? content : undefined;
}

/** Makes `cards` the turn's card store (the root dialog does, before any prompt runs). */
export function useShownCards(context: TurnContext, cards: ShownCards): void {
  context.turnState.set(TURN_KEY, cards);
}

export function shownCardsOf(context: TurnContext): ShownCards {
  const cards = context.turnState.get(TURN_KEY) as ShownCards | undefined;
  if (!cards) throw new Error('no card store in this turn');
  return cards;
}
