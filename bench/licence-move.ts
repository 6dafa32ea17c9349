import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import { SwitchRunner } from '../domain/switch-runner';
import { GraphTenantGateway, loadGraphConfig } from '../graph';
import { SKU_PREMIUM, SKU_STANDARD, startGraphServer, syntheticGraphTenant, TEST_CA, userId } from '../test/support/graph-server';

// A 10,000-user licence move through the switch runner and the Graph gateway against the local Graph
// server, which enforces a scaled-down write quota with 429s and fails a few writes with 503/504 (some
// after applying them). The gateway paces itself with the same quota; the figure that matters is how
// close it runs to the quota's ceiling, with no user lost or written twice.

export interface LicenceMoveFigures {
  /** Writes per second achieved as a share of the most the quota allows for this many writes; goal ≥ 0.95. */
  quotaFraction: number;
  /** Chosen users not on the target licence alone at the end (unlicensed, still on the old one, or on both). */
  lost: number;
  /** Users whose licences were changed more than once, or who hold both licences. */
  duplicated: number;
  /** All writes over the time from the first to the last. */
  writesPerSecond: number;
}

export interface LicenceMoveOptions {
  users?: number;
  /** The scaled-down quota: Graph's is 3,000 per 150 s; the default, 600 per 2.5 s, is a fifth of it 60 times faster. */
  limit?: number;
  windowMs?: number;
}

export async function benchLicenceMove(options: LicenceMoveOptions = {}): Promise<LicenceMoveFigures & { seconds: number; limit: number; windowMs: number; serverThrottled: number }> {
  const users = options.users ?? 10_000;
  const limit = options.limit ?? 600;
  const windowMs = options.windowMs ?? 2_500;
  const server = await startGraphServer({ seed: syntheticGraphTenant({ users }), writeQuota: { limit, windowMs } });
  server.faults.setRandom({ failRate: 0.001, appliedShare: 0.5, seed: 2026 });
  const gateway = new GraphTenantGateway({
    config: loadGraphConfig(server.env()),
    ca: TEST_CA,
    // A margin of 10 ms (under 1 % of the window) against the server seeing two windows' writes in one.
    quota: { limit, windowMs, marginMs: 10 },
    retry: { baseBackoffMs: 200, maxBackoffMs: 2_000 },
  });
  try {
    const runner = new SwitchRunner({ gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21' });
    const chosen = Array.from({ length: users }, (_, n) => userId(n));
    const started = await runner.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: chosen, requestedBy: 'bench' });
    if (!started.ok) throw new Error(`bench move not started: ${started.error.code}`);
    const result = await runner.run(started.value.id);
    if (!result.ok) throw new Error(`bench move failed: ${JSON.stringify(result.error).slice(0, 300)}`);

    const licences = server.state.licences();
    let lost = 0;
    let duplicated = 0;
    for (const id of chosen) {
      const skus = licences.get(id) ?? [];
      if (skus.length !== 1 || skus[0] !== SKU_PREMIUM) lost += 1;
      if ((server.state.appliedWrites.get(id) ?? 0) > 1 || (skus.includes(SKU_PREMIUM) && skus.includes(SKU_STANDARD))) duplicated += 1;
    }
    const executed = server.writes.filter((w) => w.result === 'applied' || w.result === 'lost' || w.result === 'refused');
    const first = executed[0]!.at;
    const last = executed[executed.length - 1]!.at;
    const seconds = Math.max(0.001, (last - first) / 1000);
    // The quota's ceiling for this many writes from a cold start: the first `limit` at once, each further
    // `limit` one window later. quotaFraction is that least possible time over the time taken, which is
    // the writes per second achieved as a share of the most the quota allows.
    const idealSeconds = (Math.ceil(executed.length / limit) - 1) * (windowMs / 1000);
    return {
      quotaFraction: idealSeconds > 0 ? round(idealSeconds / seconds) : 1,
      lost,
      duplicated,
      writesPerSecond: round(executed.length / seconds),
      seconds: round(seconds),
      limit,
      windowMs,
      serverThrottled: server.writes.filter((w) => w.result === 'throttled').length,
    };
  } finally {
    gateway.close();
    await server.close();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
