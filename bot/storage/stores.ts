import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { InMemoryJobStore } from '../../domain/gateways/in-memory-job-store';
import type { JobStore } from '../../domain/switch-job';
import type { BotConfig } from '../config';
import type { Logger } from '../logger';
import { ChangeRequestLimiter, type ChangeLimiter, type ChangeLimits } from '../security/change-limits';
import type { ConfirmationStore } from '../switching/confirmation';
import { MemoryJobConversationStore, type JobConversationStore } from '../switching/job-conversations';
import { MemoryJobLeases, type JobLeases } from '../switching/job-leases';
import { MemoryConfirmationStore } from '../switching/memory-confirmation-store';
import { MemoryConsentStates, MemoryTenantRegistry, type ConsentStateStore, type TenantRegistry } from '../tenants/consented-tenants';
import { SqliteConfirmationStore } from './sqlite-confirmation-store';
import { openDatabase } from './sqlite-database';
import { SqliteJobConversationStore } from './sqlite-job-conversation-store';
import { SqliteJobStore } from './sqlite-job-store';
import { pruneSqlite } from './retention';
import { SqliteStorage } from './sqlite-storage';
import { SqliteConsentStates, SqliteTenantRegistry } from './sqlite-tenant-registry';
import { SqlitePlanWatchStore } from './sqlite-plan-watch-store';
import { MemoryPlanWatchStore, type PlanWatchStore } from '../watching/plan-watch';

export interface Stores {
  storage: Storage;
  jobs: JobStore;
  confirmations: ConfirmationStore;
  conversations: JobConversationStore;
  /** Who runs which switch job: in-process for the embedded stores, lease blobs shared by every instance for blob storage. */
  leases: JobLeases;
  /** True when several bot instances may share these stores (so jobs need leases and a sweep for dead instances' jobs). */
  shared: boolean;
  /** Counts change requests against the limits: where every instance sharing these stores sees the count. */
  changeLimiter(limits: ChangeLimits): ChangeLimiter;
  /** The tenants whose administrator consented (TENANT_SOURCE=graph serving many tenants). */
  tenants: TenantRegistry;
  /** Admin consents in progress: their `state` digests until the browser comes back. */
  consentStates: ConsentStateStore;
  /** Plan changes bought in the admin centre that the bot watches until they are done. */
  watches: PlanWatchStore;
  close(): void;
}

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
    return openBlobStores(config);
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
