import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { BotConfig } from '../config';
import type { Logger } from '../logger';
import { BlobChangeLimiter } from './blob-change-limiter';
import { BlobConfirmationStore } from './blob-confirmation-store';
import { BlobContainer } from './blob-container';
import { BlobJobConversationStore } from './blob-job-conversation-store';
import { BlobJobLeases } from './blob-job-leases';
import { BlobJobStore } from './blob-job-store';
import { BlobConsentStates, BlobTenantRegistry } from './blob-tenant-registry';
import { BlobPlanWatchStore } from './blob-plan-watch-store';
import { pruneBlobs } from './blob-retention';
import type { Stores } from './stores.port';

/** STORAGE=blob: every store in one Azure Blob Storage container that several instances share. */
export function openBlobStores(config: BotConfig, logger?: Logger, now: () => number = Date.now): Stores {
  // No SQLite file is opened, so instances may share DATA_DIR.
  const { connectionString, container: name } = config.blob!;
  const container = new BlobContainer(connectionString, name);
  // STATE_RETENTION_DAYS: now, and once a day while the bot runs; in the background, the container being
  // remote. Each instance does it; their conditional deletes and writes keep them from undoing each other.
  const prune = async () => {
    try {
      const pruned = await pruneBlobs(container, config.stateRetentionDays, now());
      if (Object.values(pruned).some((count) => count > 0)) logger?.info('state.pruned', { retentionDays: config.stateRetentionDays, ...pruned });
    } catch (error) {
      logger?.warn('state.prune-failed', { error });
    }
  };
  void prune();
  const pruning = setInterval(() => void prune(), 24 * 60 * 60_000);
  pruning.unref();
  return {
    storage: new BlobsStorage(connectionString, name),
    jobs: new BlobJobStore(container),
    confirmations: new BlobConfirmationStore(container),
    conversations: new BlobJobConversationStore(container),
    leases: new BlobJobLeases(container),
    shared: true,
    changeLimiter: (limits) => new BlobChangeLimiter(container, limits),
    tenants: new BlobTenantRegistry(container),
    consentStates: new BlobConsentStates(container),
    watches: new BlobPlanWatchStore(container),
    close: () => clearInterval(pruning),
  };
}
