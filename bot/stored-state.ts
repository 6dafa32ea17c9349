import type { StatePropertyAccessor, Storage, TurnContext } from 'botbuilder';

type Item = Record<string, unknown> & { eTag?: string };

interface Loaded {
  item: Item;
  /** The item as it was read (JSON without its eTag); the turn writes only if this changed. */
  read: string;
}

/** An item's JSON without its eTag: what decides whether the turn changed it. */
function fingerprint(item: Item): string {
  if (!Object.hasOwn(item, 'eTag')) return JSON.stringify(item);
  const { eTag: _eTag, ...rest } = item;
  return JSON.stringify(rest);
}

/**
 * A storage that hands over an item as the JSON it keeps (the embedded SQLite does): the state is then
 * parsed once, compared with that JSON, and written as the JSON it was compared as, instead of each of
 * those being another copy or stringify of the item.
 */
export interface JsonStorage {
  readJson(key: string): Promise<string | undefined>;
  writeJson(key: string, json: string): Promise<void>;
}

const keepsJson = (storage: Storage): storage is Storage & JsonStorage =>
  typeof (storage as Partial<JsonStorage>).readJson === 'function' && typeof (storage as Partial<JsonStorage>).writeJson === 'function';

/**
 * One stored item per conversation (or per user), loaded once per turn and written back at its end
 * only if it changed: what botbuilder's ConversationState and UserState do, under the same storage
 * keys, but comparing the item's JSON instead of hashing it with SHA-256 through a replacer that is
 * called for every value (three times a turn, the largest single cost of a turn's state).
 */
export class StoredState {
  private readonly turnKey = Symbol('stored-state');

  constructor(
    private readonly storage: Storage,
    private readonly keyOf: (context: TurnContext) => string,
  ) {}

  async load(context: TurnContext): Promise<Item> {
    const cached = context.turnState.get<Loaded | undefined>(this.turnKey);
    if (cached) return cached.item;
    const key = this.keyOf(context);
    let loaded: Loaded;
    if (keepsJson(this.storage)) {
      const json = await this.storage.readJson(key);
      loaded = json === undefined ? { item: {}, read: '{}' } : { item: JSON.parse(json) as Item, read: json };
    } else {
      const item = ((await this.storage.read([key]))[key] ?? {}) as Item;
      loaded = { item, read: fingerprint(item) };
    }
    context.turnState.set(this.turnKey, loaded);
    return loaded.item;
  }

  /** Writes the item if this turn changed it; like botbuilder's, the last writer wins (eTag '*'). */
  async saveChanges(context: TurnContext): Promise<void> {
    const cached = context.turnState.get<Loaded | undefined>(this.turnKey);
    if (!cached) return;
    const now = fingerprint(cached.item);
    if (now === cached.read) return;
    if (keepsJson(this.storage)) {
      await this.storage.writeJson(this.keyOf(context), now);
    } else {
      cached.item.eTag = '*';
      await this.storage.write({ [this.keyOf(context)]: cached.item });
    }
    cached.read = now;
  }

  /** Forgets the item, stored and cached. */
  async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.turnKey);
    await this.storage.delete([this.keyOf(context)]);
  }

  createProperty<T>(name: string): StatePropertyAccessor<T> {
    return {
      get: async (context: TurnContext, defaultValue?: T) => {
        const item = await this.load(context);
        if (!Object.hasOwn(item, name) && defaultValue !== undefined) {
          item[name] = typeof defaultValue === 'object' ? structuredClone(defaultValue) : defaultValue;
        }
        return item[name] as T;
      },
      set: async (context: TurnContext, value: T) => {
        (await this.load(context))[name] = value;
      },
      delete: async (context: TurnContext) => {
        delete (await this.load(context))[name];
      },
    } as StatePropertyAccessor<T>;
  }
}

/** botbuilder's ConversationState key, so state written before this class existed is still found. */
export function conversationKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  if (!channelId || !conversation?.id) throw new Error('stored state: the activity has no channelId or conversation.id');
  return `${channelId}/conversations/${conversation.id}/`;
}

/** botbuilder's UserState key. */
export function userKey(context: TurnContext): string {
  const { channelId, from } = context.activity;
  if (!channelId || !from?.id) throw new Error('stored state: the activity has no channelId or from.id');
  return `${channelId}/users/${from.id}/`;
}
