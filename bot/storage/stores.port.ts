import type { Storage } from 'botbuilder';
import type { JobStore } from '../../domain/switch-job';
import type { ChangeLimiter, ChangeLimits } from '../security/change-limits';
import type { ConfirmationStore } from '../switching/confirmation';
import type { JobConversationStore } from '../switching/job-conversations';
import type { JobLeases } from '../switching/job-leases';
import type { ConsentStateStore, TenantRegistry } from '../tenants/consented-tenants';
import type { PlanWatchStore } from '../watching/plan-watch';

// What every kind of storage gives the bot: stores.ts opens the embedded ones, blob-stores.ts the Azure
// Blob Storage ones, and both import this file (not each other).

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
