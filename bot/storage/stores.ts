import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder-core';
import { InMemoryJobStore } from '../../domain/gateways/in-memory-job-store';
import type { BotConfig } from '../config';
import type { Logger } from '../logger';
import { ChangeRequestLimiter } from '../security/change-limits';
import { MemoryJobConversationStore } from '../switching/job-conversations';
import { MemoryJobLeases } from '../switching/job-leases';
import { MemoryConfirmationStore } from '../switching/memory-confirmation-store';
import { MemoryConsentStates, MemoryTenantRegistry } from '../tenants/consented-tenants';
import { SqliteConfirmationStore } from './sqlite-confirmation-store';
import { openDatabase } from './sqlite-database';
import { SqliteJobConversationStore } from './sqlite-job-conversation-store';
import { SqliteJobStore } from './sqlite-job-store';
import { pruneSqlite } from './retention';
import { SqliteStorage } from './sqlite-storage';
import { SqliteConsentStates, SqliteTenantRegistry } from './sqlite-tenant-registry';
import { SqlitePlanWatchStore } from './sqlite-plan-watch-store';
import { MemoryPlanWatchStore } from '../watching/plan-watch';
import type { Stores } from './stores.port';

export type { Stores };

/** Everything the bot keeps: on the embedded SQLite file by default, in memory, or in an Azure Blob Storage container. */
export async function openStores(config: BotConfig, logger?: Logger): Promise<Stores> {
  if (config.storage === 'memory') {
    return {
      storage: new MemoryStorage(),
      jobs: new InMemoryJobStore(),
      confirmations: new MemoryConfirmationStore(),
      conversations: new MemoryJobConversationStore(),
      leases: new MemoryJobLeases(),
      shared: false,
      changeLimiter: (limits) => new ChangeRequestLimiter(limits),
      tenants: new MemoryTenantRegistry(),
      consentStates: new MemoryConsentStates(),
      watches: new MemoryPlanWatchStore(),
      close: () => undefined,
    };
  }
  if (config.storage === 'blob') {
    // Loaded only when asked for: the Azure SDK is a large part of the bot's memory and start-up.
    const { openBlobStores } = await import('./blob-stores');
    return openBlobStores(config, logger);
  }
  const db = openDatabase(join(config.dataDir, 'bot.sqlite'), {
    startEmpty: config.stateStartEmpty,
    movedAside: (aside, reason) => logger?.warn('state.moved-aside', { file: aside, reason }),
  });
  const storage = new SqliteStorage(db);
  // STATE_RETENTION_DAYS: now, and once a day while the bot runs.
  const prune = () => {
    try {
      const pruned = pruneSqlite(db, storage, config.stateRetentionDays);
      if (pruned.stateItems + pruned.jobsSummarized + pruned.confirmations > 0) logger?.info('state.pruned', { retentionDays: config.stateRetentionDays, ...pruned });
    } catch (error) {
      logger?.warn('state.prune-failed', { error });
    }
  };
  const stores: Stores = {
    storage,
    jobs: new SqliteJobStore(db),
    confirmations: new SqliteConfirmationStore(db),
    conversations: new SqliteJobConversationStore(db),
    leases: new MemoryJobLeases(),
    shared: false,
    changeLimiter: (limits) => new ChangeRequestLimiter(limits),
    tenants: new SqliteTenantRegistry(db),
    consentStates: new SqliteConsentStates(db),
    watches: new SqlitePlanWatchStore(db),
    close: () => {
      clearInterval(pruning);
      storage.close();
      db.close();
    },
  };
  prune();
  const pruning = setInterval(prune, 24 * 60 * 60_000);
  pruning.unref();
  return stores;
}
