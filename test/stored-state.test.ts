import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState, type Storage, type StoreItems } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationKey, StoredState, userKey } from '../bot/stored-state';
import { openDatabase } from '../bot/storage/sqlite-database';
import { SqliteStorage } from '../bot/storage/sqlite-storage';

/** A storage that counts its writes. */
class CountingStorage extends MemoryStorage implements Storage {
  writes = 0;
  override async write(changes: StoreItems): Promise<void> {
    this.writes++;
    return super.write(changes);
  }
}

const contextFor = (conversation = 'c-1', user = 'u-1') =>
  new TurnContext(new TestAdapter(), { type: 'message', channelId: 'msteams', conversation: { id: conversation } as never, from: { id: user, name: '' } });

describe('stored conversation and user state', () => {
  it('finds what botbuilder’s ConversationState and UserState stored, under the same keys', async () => {
    const storage = new MemoryStorage();
    const before = contextFor();
    const oldConversation = new ConversationState(storage);
    await oldConversation.createProperty('dialogState').set(before, { dialogStack: [{ id: 'menu' }] });
    await oldConversation.saveChanges(before);
    const oldUser = new UserState(storage);
    await oldUser.createProperty('profile').set(before, { language: 'pl' });
    await oldUser.saveChanges(before);

    const after = contextFor();
    expect(await new StoredState(storage, conversationKey).createProperty('dialogState').get(after)).toEqual({ dialogStack: [{ id: 'menu' }] });
    expect(await new StoredState(storage, userKey).createProperty('profile').get(after)).toEqual({ language: 'pl' });
  });

  it('writes at the end of a turn only when the turn changed something', async () => {
    const storage = new CountingStorage();
    const state = new StoredState(storage, conversationKey);
    const flow = state.createProperty<{ step: number }>('flow');

    const first = contextFor();
    (await flow.get(first, { step: 0 })).step = 1;
    await state.saveChanges(first);
    expect(storage.writes).toBe(1);

    const readOnly = contextFor();
    expect(await flow.get(readOnly)).toEqual({ step: 1 });
    await state.saveChanges(readOnly);
    expect(storage.writes).toBe(1);

    const changed = contextFor();
    (await flow.get(changed))!.step = 2;
    await state.saveChanges(changed);
    await state.saveChanges(changed);
    expect(storage.writes).toBe(2);
    expect(await flow.get(contextFor())).toEqual({ step: 2 });
  });

  it('keeps conversations and people apart, and forgets a deleted conversation', async () => {
    const storage = new MemoryStorage();
    const conversations = new StoredState(storage, conversationKey);
    const people = new StoredState(storage, userKey);
    const a = contextFor('c-a', 'u-same');
    await conversations.createProperty('x').set(a, 'A');
    await people.createProperty('lang').set(a, 'sv');
    await conversations.saveChanges(a);
    await people.saveChanges(a);

    const b = contextFor('c-b', 'u-same');
    expect(await conversations.createProperty('x').get(b)).toBeUndefined();
    expect(await people.createProperty('lang').get(b)).toBe('sv');

    await conversations.delete(contextFor('c-a'));
    expect(await conversations.createProperty('x').get(contextFor('c-a'))).toBeUndefined();
  });

  it('gives each turn its own copy of a default value', async () => {
    const state = new StoredState(new MemoryStorage(), conversationKey);
    const list = state.createProperty<string[]>('list');
    const shared: string[] = [];
    (await list.get(contextFor('c-1'), shared))!.push('changed');
    expect(shared).toEqual([]);
  });

  it('refuses an activity without a conversation or a sender, as botbuilder does', async () => {
    const state = new StoredState(new MemoryStorage(), conversationKey);
    const context = new TurnContext(new TestAdapter(), { type: 'message', channelId: 'msteams' });
    await expect(state.load(context)).rejects.toThrow(/conversation/);
  });
});

describe('stored state on the embedded SQLite, which hands over the JSON it keeps', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function sqlite() {
    const dir = mkdtempSync(join(tmpdir(), 'stored-state-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'state.db'));
    const storage = new SqliteStorage(db);
    let writes = 0;
    const writeJson = storage.writeJson.bind(storage);
    storage.writeJson = async (key, json) => {
      writes++;
      return writeJson(key, json);
    };
    return {
      storage,
      writes: () => writes,
      close: () => {
        storage.close();
        db.close();
      },
    };
  }

  it('reads what botbuilder stored there, and botbuilder reads what it writes', async () => {
    const { storage, close } = sqlite();
    const before = contextFor();
    const oldConversation = new ConversationState(storage);
    await oldConversation.createProperty('dialogState').set(before, { dialogStack: [{ id: 'menu' }] });
    await oldConversation.saveChanges(before);

    const state = new StoredState(storage, conversationKey);
    const turn = contextFor();
    const dialogState = (await state.createProperty<{ dialogStack: { id: string }[] }>('dialogState').get(turn))!;
    expect(dialogState).toEqual({ dialogStack: [{ id: 'menu' }] });
    dialogState.dialogStack.push({ id: 'change-plan' });
    await state.saveChanges(turn);

    const later = contextFor();
    expect(await new ConversationState(storage).createProperty('dialogState').get(later)).toEqual({ dialogStack: [{ id: 'menu' }, { id: 'change-plan' }] });
    close();
  });

  it('writes only when a turn changed something, and never its eTag into the item', async () => {
    const { storage, writes, close } = sqlite();
    const state = new StoredState(storage, userKey);
    const profile = state.createProperty<{ language?: string }>('profile');

    const first = contextFor();
    (await profile.get(first, {}))!.language = 'nb';
    await state.saveChanges(first);
    const readOnly = contextFor();
    expect(await profile.get(readOnly)).toEqual({ language: 'nb' });
    await state.saveChanges(readOnly);
    expect(writes()).toBe(1);

    const changed = contextFor();
    (await profile.get(changed))!.language = 'pl';
    await state.saveChanges(changed);
    expect(writes()).toBe(2);
    expect(await storage.readJson('msteams/users/u-1/')).toBe('{"profile":{"language":"pl"}}');
    close();
  });
});
