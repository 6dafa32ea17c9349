import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { InMemoryJobStore } from '../../domain/gateways/in-memory-job-store';
import type { JobStore } from '../../domain/switch-job';
import type { BotConfig } from '../config';
import type { ConfirmationStore } from '../switching/confirmation';
import { MemoryJobConversationStore, type JobConversationStore } from '../switching/job-conversations';
import { MemoryJobLeases, type JobLeases } from '../switching/job-leases';
import { MemoryConfirmationStore } from '../switching/memory-confirmation-store';
import { BlobConfirmationStore } from './blob-confirmation-store';
import { BlobContainer } from './blob-container';
import { BlobJobConversationStore } from './blob-job-conversation-store';
import { BlobJobLeases } from './blob-job-leases';
import { BlobJobStore } from './blob-job-store';
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
  /** Who runs which switch job: in-process for the embedded stores, lease blobs shared by every instance for blob storage. */
  leases: JobLeases;
  /** True when several bot instances may share these stores (so jobs need leases and a sweep for dead instances' jobs). */
  shared: boolean;
  close(): void;
}

/** Everything the bot keeps: on the embedded SQLite file by default, in memory, or in an Azure Blob Storage container. */
export function openStores(config: BotConfig): Stores {
  if (config.storage === 'memory') {
    return {
      storage: new MemoryStorage(),
      jobs: new InMemoryJobStore(),
      confirmations: new MemoryConfirmationStore(),
      conversations: new MemoryJobConversationStore(),
      leases: new MemoryJobLeases(),
      shared: false,
      close: () => undefined,
    };
  }
  if (config.storage === 'blob') {
    // No SQLite file is opened, so instances may share DATA_DIR.
    const { connectionString, container: name } = config.blob!;
    const container = new BlobContainer(connectionString, name);
    return {
      storage: new BlobsStorage(connectionString, name),
      jobs: new BlobJobStore(container),
      confirmations: new BlobConfirmationStore(container),
      conversations: new BlobJobConversationStore(container),
      leases: new BlobJobLeases(container),
      shared: true,
      close: () => undefined,
    };
  }
  const db = openDatabase(join(config.dataDir, 'bot.sqlite'));
  return {
    storage: new SqliteStorage(db),
    jobs: new SqliteJobStore(db),
    confirmations: new SqliteConfirmationStore(db),
    conversations: new SqliteJobConversationStore(db),
    leases: new MemoryJobLeases(),
    shared: false,
    close: () => db.close(),
  };
}
