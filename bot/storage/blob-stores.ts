import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { BotConfig } from '../config';
import { BlobChangeLimiter } from './blob-change-limiter';
import { BlobConfirmationStore } from './blob-confirmation-store';
import { BlobContainer } from './blob-container';
import { BlobJobConversationStore } from './blob-job-conversation-store';
import { BlobJobLeases } from './blob-job-leases';
import { BlobJobStore } from './blob-job-store';
import { BlobConsentStates, BlobTenantRegistry } from './blob-tenant-registry';
import { BlobPlanWatchStore } from './blob-plan-watch-store';
import type { Stores } from './stores.port';

/** STORAGE=blob: every store in one Azure Blob Storage container that several instances share. */
export function openBlobStores(config: BotConfig): Stores {
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
    changeLimiter: (limits) => new BlobChangeLimiter(container, limits),
    tenants: new BlobTenantRegistry(container),
    consentStates: new BlobConsentStates(container),
    watches: new BlobPlanWatchStore(container),
    close: () => undefined,
  };
}
