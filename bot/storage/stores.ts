import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { InMemoryJobStore } from '../../domain/gateways/in-memory-job-store';
import type { JobStore } from '../../domain/switch-job';
import type { BotConfig } from '../config';
import type { ConfirmationStore } from '../switching/confirmation';
import { MemoryJobConversationStore, type JobConversationStore } from '../switching/job-conversations';
import { MemoryConfirmationStore } from '../switching/memory-confirmation-store';
import { SqliteConfirmationStore } from './sqlite-confirmation-store';
import { openDatabase } from './sqlite-database';
import { SqliteJobConversationStore } from './sqlite-job-conversation-store';
import { SqliteJobStore } from './sqlite-job-store';
import { SqliteStorage } from './sqlite-storage';

export interface Stores {
  storage: Storage;
  jobs: JobStore;
  confirmations: ConfirmationStore;
  conversations: JobConversationStore;
  close(): void;
}

/** Everything the bot keeps, on the embedded SQLite file by default or in memory. */
export function openStores(config: BotConfig): Stores {
  if (config.storage === 'memory') {
    return {
      storage: new MemoryStorage(),
      jobs: new InMemoryJobStore(),
      confirmations: new MemoryConfirmationStore(),
      conversations: new MemoryJobConversationStore(),
      close: () => undefined,
    };
  }
  const db = openDatabase(join(config.dataDir, 'bot.sqlite'));
  return {
    storage: new SqliteStorage(db),
    jobs: new SqliteJobStore(db),
    confirmations: new SqliteConfirmationStore(db),
    conversations: new SqliteJobConversationStore(db),
    close: () => db.close(),
  };
}
