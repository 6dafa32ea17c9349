import type { TokenCredential } from '@azure/identity';
import { todayUtc } from '../domain/dates';
import type { LicenceReplacement } from '../domain/licence-replacement';
import { parseSnapshot } from '../domain/snapshot/parse';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import type { BatchOutcome, CreateSubscriptionRequest, TenantGateway } from '../domain/tenant.port';
import { createGraphHttp, type GraphHttp } from './client';
import { realClock, type Clock } from './clock';
import type { GraphConfig } from './config';
import { graphCredential } from './credential';
import { CommerceNotSupportedError } from './errors';
import { buildSnapshot, type BuiltSnapshot } from './mapping/snapshot';
import { GRAPH_WRITE_QUOTA, WriteQuota, type QuotaLimit } from './quota';
import { withLicenceGroups } from './read/licence-groups';
import { readTenant } from './read/tenant-reader';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import type { SnapshotSettings } from './settings';
import { moveLicences, type MoverStats } from './write/licence-mover';

// The TenantGateway port on Microsoft Graph. What it can do: read a tenant into a snapshot, and move
// users' licences between subscriptions the tenant already has (the move-users path). What Graph
// cannot do: buy or cancel a commercial subscription, so createSubscription and cancelSubscription
// throw CommerceNotSupportedError and an automatic plan change is bought in the admin centre.

export interface GraphGatewayOptions {
  config: GraphConfig;
  /** What Graph cannot tell (billing, prices, add-ons); defaults in graph/settings.ts. */
  settings?: SnapshotSettings;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  /** The write quota to stay within, or one shared with other gateways of the same app and tenant. */
  quota?: (QuotaLimit & { marginMs?: number }) | WriteQuota;
  /** Instead of the client-credential sign-in built from the configuration. */
  credential?: TokenCredential;
  /** Extra CA certificates (PEM) to trust: a local test server's. */
  ca?: string;
  /** Today as YYYY-MM-DD, for dates Graph leaves empty. */
  today?: () => string;
  /** How long a moved group's members are waited for (graph/write/group-licence-mover.ts GROUP_WAIT by default). */
  groupWait?: { intervalMs: number; reads: number };
}

export class GraphTenantGateway implements TenantGateway {
  readonly quota: WriteQuota;
  readonly stats: MoverStats = { writesSent: 0, readsSent: 0, waitsMs: [] };
  private readonly http: GraphHttp;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly settings: SnapshotSettings;
  private readonly today: () => string;
  private readonly groupWait: { intervalMs: number; reads: number } | undefined;

  constructor(options: GraphGatewayOptions) {
    this.clock = options.clock ?? realClock;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.settings = options.settings ?? {};
    this.groupWait = options.groupWait;
    this.today = options.today ?? (() => todayUtc(new Date(this.clock.now())));
    this.quota = options.quota instanceof WriteQuota ? options.quota : new WriteQuota({ ...(options.quota ?? GRAPH_WRITE_QUOTA), clock: this.clock });
    const ca = options.ca === undefined ? {} : { ca: options.ca };
    this.http = createGraphHttp({
      config: options.config,
      credential: options.credential ?? graphCredential(options.config, ca),
      clock: this.clock,
      retry: this.retry,
      ...ca,
    });
  }

  /** The snapshot with what the reading had to leave out (unknown SKUs) or estimate. */
  async readSnapshotWithWarnings(): Promise<BuiltSnapshot> {
    const built = buildSnapshot(await withLicenceGroups(this.http, await readTenant(this.http)), this.settings, this.today());
    const checked = parseSnapshot(built.snapshot);
    if (!checked.ok) {
      const first = checked.error.issues[0];
      throw new Error(`the snapshot read from Graph breaks the contract at ${first?.path ?? '?'} (${first?.problem ?? '?'})`);
    }
    return { snapshot: checked.value, warnings: built.warnings };
  }

  async readSnapshot(): Promise<TenantSnapshot> {
    return (await this.readSnapshotWithWarnings()).snapshot;
  }

  async createSubscription(_request: CreateSubscriptionRequest): Promise<{ subscriptionId: string }> {
    throw new CommerceNotSupportedError('createSubscription');
  }

  async replaceLicences(batch: readonly LicenceReplacement[]): Promise<BatchOutcome> {
    return moveLicences({ http: this.http, quota: this.quota, clock: this.clock, retry: this.retry, ...(this.groupWait ? { groupWait: this.groupWait } : {}) }, batch, this.stats);
  }

  async cancelSubscription(_subscriptionId: string, _on: string): Promise<void> {
    throw new CommerceNotSupportedError('cancelSubscription');
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.http.close();
  }
}
