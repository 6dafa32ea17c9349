import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobContainer, BLOB_PREFIX } from '../bot/storage/blob-container';
import { BlobJobStore } from '../bot/storage/blob-job-store';
import { startAzurite, type Azurite } from './support/azurite';
import { visibleText } from './support/bot-harness';
import { exchange, startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './support/bot-process';
import { executedWrites } from './support/graph-fixtures';
import { SKU_PREMIUM, SKU_STANDARD, startGraphServer, syntheticGraphTenant, userId, type GraphTestServer } from './support/graph-server';
import { findAll, type Node } from './support/teams-chat';

// Two bot instances on one Blob Storage container, both serving one tenant read through the local
// Graph server, whose write quota is scaled down so a move of twenty users takes several seconds.
// The instance running the move is SIGKILLed in the middle of it; the other takes the move over once
// the lease expires. The Graph server's own records show every user written to exactly once.

const CA_FILE = join(import.meta.dirname, 'support', 'graph-server', 'tls', 'server-cert.pem');
const MOVERS = 20;

let azurite: Azurite;
let server: GraphTestServer;
let connector: ConnectorDouble;
let dataDir: string;
const bots: BotProcess[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
  const seed = syntheticGraphTenant({ users: 24 });
  // At most 3 licence writes a second: the move of twenty users takes about seven seconds.
  server = await startGraphServer({ seed, writeQuota: { limit: 3, windowMs: 1_000 } });
  connector = await startConnectorDouble();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-graph-scale-'));
}, 60_000);

afterAll(async () => {
  for (const bot of bots) await bot.stop('SIGKILL');
  await connector?.close();
  await server?.close();
  await azurite?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: () => Promise<T | undefined> | T | undefined, timeoutMs: number, label: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two bot instances on one Graph tenant', () => {
  it('a move whose instance is killed mid-way is finished by the other, every user written to once', async () => {
    const container = azurite.newContainer();
    const env = {
      ...server.env(),
      TENANT_SOURCE: 'graph',
      NODE_EXTRA_CA_CERTS: CA_FILE,
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: container,
      DATA_DIR: dataDir,
      JOB_LEASE_SECONDS: '2',
      LOG_LEVEL: 'info',
    };
    const a = await startBotProcess(env);
    bots.push(a);
    const b = await startBotProcess(env);
    bots.push(b);
    let counter = 0;
    const teams = (bot: BotProcess, extra: Record<string, unknown>) =>
      exchange(bot.port, {
        type: 'message',
        id: `g-${++counter}`,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        conversation: { id: 'conv-graph-move', conversationType: 'personal', tenantId: server.tenantId },
        channelData: { tenant: { id: server.tenantId } },
        from: { id: '29:license-admin', name: 'User 1', aadObjectId: userId(1) },
        recipient: { id: '28:bot', name: 'Plan Switch' },
        locale: 'en-US',
        text: '',
        ...extra,
      });

    // The conversation moves between the instances, as behind a load balancer.
    await teams(a, { text: 'hello' });
    let reply = (await teams(b, { value: { verb: 'menu.open', flow: 'move-users' } })).activities as Node[];
    const userChoices = (activities: Node[]) => findAll(activities, (n) => n.type === 'Input.ChoiceSet' && n.id === 'userIds')[0]?.choices as { value: string }[] | undefined;
    for (const pick of [SKU_STANDARD, SKU_PREMIUM]) {
      if (userChoices(reply)) break;
      reply = (await teams(a, { value: { verb: 'subscription.pick', subscriptionId: pick } })).activities as Node[];
    }
    const chosen = userChoices(reply)!.slice(0, MOVERS).map((c) => c.value);
    expect(chosen).toHaveLength(MOVERS);
    const plan = (await teams(a, { value: { verb: 'users.pick', userIds: chosen.join(','), page: 0 } })).activities as Node[];
    expect(visibleText(plan)).toContain('Estimated time');
    const confirm = findAll(plan, (n) => (n.data as Node | undefined)?.verb === 'switch.confirm')[0]?.data as Node;
    expect(visibleText((await teams(b, { value: { verb: 'switch.confirm', confirmationId: confirm.confirmationId } })).activities as Node[])).toContain('Confirmed');

    // Some users moved, not all: kill whichever instance holds the move's lease.
    const applied = () => server.writes.filter((w) => w.result === 'applied').length;
    await until(() => (applied() >= 5 ? true : undefined), 30_000, 'the first writes');
    const blobs = new BlobContainer(azurite.connectionString, container);
    const [job] = await new BlobJobStore(blobs).list();
    const lease = await blobs.read<{ holder: string }>(`${BLOB_PREFIX.leases}${job!.id}.json`);
    const holderPid = Number(lease!.value.holder.split(':')[1]);
    const [running, other] = a.child.pid === holderPid ? [a, b] : [b, a];
    expect(running.child.pid).toBe(holderPid);
    await running.stop('SIGKILL');
    const atKill = applied();
    expect(atKill).toBeLessThan(MOVERS);

    const done = await until(async () => {
      const now = await new BlobJobStore(blobs).get(job!.id);
      return now?.step === 'done' || now?.step === 'failed' ? now : undefined;
    }, 60_000, 'the other instance to finish the move');
    expect(done.step, other.output()).toBe('done');
    expect(other.output()).toContain('switch.resumed');

    const licences = server.state.licences();
    for (const id of chosen) expect(licences.get(id), id).toEqual([SKU_PREMIUM]);
    const writes = executedWrites(server);
    expect([...writes.keys()].sort()).toEqual([...chosen].sort());
    for (const id of chosen) expect(writes.get(id), id).toBe(1);
    await until(() => (connector.received.some((r) => /^Done/.test(String(r.activity.text ?? ''))) ? true : undefined), 10_000, 'the Done message');
  }, 120_000);
});
