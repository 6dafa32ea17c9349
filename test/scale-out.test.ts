import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../bot/config';
import { BlobContainer, BLOB_PREFIX } from '../bot/storage/blob-container';
import { BlobJobStore } from '../bot/storage/blob-job-store';
import type { SwitchJob } from '../domain/switch-job';
import { startAzurite, type Azurite } from './support/azurite';
import { submitData, visibleText } from './support/bot-harness';
import { exchange, startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './support/bot-process';

// Two bot instances, each `npm start`'s entry point as a real process, on one Azure Blob Storage
// container (Azurite) and one folder of demo tenants: the conditional writes decide which press of a
// confirmation card starts the switch, and which instance runs it; a killed instance's job is finished
// by the other once its lease expires.

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => azurite?.stop());

let bots: BotProcess[] = [];
let connector: ConnectorDouble | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  for (const bot of bots) await bot.stop('SIGKILL');
  bots = [];
  await connector?.close();
  connector = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

interface Rig {
  a: BotProcess;
  b: BotProcess;
  jobs: BlobJobStore;
  container: BlobContainer;
  say(bot: BotProcess, who: 'anna' | 'erik', extra: Record<string, unknown>): ReturnType<typeof exchange>;
}

async function twoInstances(env: Record<string, string>): Promise<Rig> {
  const name = azurite.newContainer();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-scale-'));
  connector = await startConnectorDouble();
  // Both share DATA_DIR (their tenant files): with STORAGE=blob no SQLite file is opened, so neither claims the folder.
  const shared = {
    STORAGE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: name,
    DATA_DIR: dataDir,
    JOB_LEASE_SECONDS: '2',
    LOG_LEVEL: 'info',
    ...env,
  };
  const a = await startBotProcess(shared);
  bots.push(a);
  const b = await startBotProcess(shared);
  bots.push(b);
  const container = new BlobContainer(azurite.connectionString, name);
  const serviceUrl = connector.serviceUrl;
  return {
    a,
    b,
    container,
    jobs: new BlobJobStore(container),
    say: (bot, who, extra) =>
      exchange(bot.port, {
        type: 'message',
        id: `a-${Math.random().toString(36).slice(2)}`,
        channelId: 'emulator',
        serviceUrl,
        conversation: { id: `conv-${who}` },
        from: { id: `user-${who}`, name: who },
        recipient: { id: 'bot', name: 'Bot' },
        locale: 'en-US',
        text: '',
        ...extra,
      }),
  };
}

/** Picks the demo identity on one instance and walks to the confirmation card on the other (state is shared). */
async function confirmationCard(rig: Rig, who: 'anna' | 'erik', pickOn: BotProcess, confirmOn: BotProcess): Promise<Record<string, unknown>> {
  await rig.say(pickOn, who, { text: 'hello' });
  await rig.say(pickOn, who, { value: { verb: 'identity.pick', identity: `contoso|u-${who}` } });
  await rig.say(confirmOn, who, { value: { verb: 'menu.open', flow: 'change-plan' } });
  await rig.say(pickOn, who, { value: { verb: 'subscription.pick', subscriptionId: 'sub-standard' } });
  const result = await rig.say(confirmOn, who, { value: { verb: 'plan.pick', planId: 'm365-business-premium' } });
  const confirm = submitData(result.activities, 'switch.confirm');
  if (!confirm) throw new Error(`no confirmation card: ${visibleText(result.activities)}`);
  return confirm;
}

async function until<T>(what: () => Promise<T | undefined>, timeoutMs: number, label: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface TenantFile {
  subscriptions: { id: string; planId: string; status: string }[];
  users: { id: string; licenses: { subscriptionId: string }[] }[];
}
const tenantFile = (): TenantFile => JSON.parse(readFileSync(join(dataDir!, 'tenants', 'contoso-small-business.json'), 'utf8')) as TenantFile;

/** Every user who held Business Standard holds exactly one licence of the one new Premium subscription, and nobody Standard. */
function expectEveryoneMovedOnce(before: TenantFile): void {
  const after = tenantFile();
  const premium = after.subscriptions.filter((s) => s.planId === 'm365-business-premium');
  expect(premium).toHaveLength(1);
  expect(after.subscriptions.find((s) => s.id === 'sub-standard')?.status).toBe('deleted');
  const movers = before.users.filter((u) => u.licenses.some((l) => l.subscriptionId === 'sub-standard')).map((u) => u.id);
  expect(movers.length).toBeGreaterThan(0);
  for (const id of movers) {
    const user = after.users.find((u) => u.id === id)!;
    expect(user.licenses.filter((l) => l.subscriptionId === premium[0]!.id), id).toHaveLength(1);
  }
  expect(after.users.some((u) => u.licenses.some((l) => l.subscriptionId === 'sub-standard'))).toBe(false);
}

describe('configuration of the scale-out storage', () => {
  it.each([
    [{ STORAGE: 'blob' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, 'AZURE_STORAGE_CONTAINER'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'Bad_Name' }, 'AZURE_STORAGE_CONTAINER'],
    [{ JOB_LEASE_SECONDS: '0' }, 'JOB_LEASE_SECONDS'],
    [{ TENANT_SOURCE: 'ldap' }, 'TENANT_SOURCE'],
  ])('stops on a bad value with one line naming the variable: %j', (env, variable) => {
    const parsed = parseConfig(env);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(variable);
    expect(!parsed.ok && parsed.message.split('\n')).toHaveLength(1);
  });

  it('keeps SQLite the default and reads the blob settings and the shared tenants folder', () => {
    const defaults = parseConfig({});
    expect(defaults.ok && defaults.config).toMatchObject({ storage: 'sqlite', tenantsDir: join('.data', 'tenants'), jobLeaseMs: 60_000, tenantSource: { kind: 'demo' } });
    const blob = parseConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'plan-switch', TENANTS_DIR: '/srv/tenants' });
    expect(blob.ok && blob.config).toMatchObject({ storage: 'blob', blob: { connectionString: 'UseDevelopmentStorage=true', container: 'plan-switch' }, tenantsDir: '/srv/tenants' });
  });
});

describe('two bot instances on one Blob Storage container', () => {
  it('twenty concurrent presses of the same switch, on both instances by the same person and by two admins, start exactly one job', async () => {
    const rig = await twoInstances({ SWITCH_SPEED: '4000' });
    const before = tenantFile();
    const annas = await confirmationCard(rig, 'anna', rig.a, rig.b);
    const eriks = await confirmationCard(rig, 'erik', rig.b, rig.a);
    const presses = Array.from({ length: 20 }, (_, i) => {
      const who = i % 2 === 0 ? 'anna' : 'erik';
      const bot = i % 4 < 2 ? rig.a : rig.b;
      return rig.say(bot, who, { value: who === 'anna' ? annas : eriks });
    });
    const replies = (await Promise.all(presses)).map((reply) => visibleText(reply.activities));
    expect(replies.filter((text) => text.includes('Confirmed'))).toHaveLength(1);
    expect(replies.filter((text) => /already been handled|already running/.test(text))).toHaveLength(19);

    const jobs = await rig.jobs.list('contoso');
    expect(jobs).toHaveLength(1);
    const done = await until(async () => {
      const job = await rig.jobs.get(jobs[0]!.id);
      return job?.step === 'done' ? job : undefined;
    }, 30_000, 'the job to finish');
    expect(done.requestedBy).toMatch(/^u-(anna|erik)$/);
    expectEveryoneMovedOnce(before);
    expect(await rig.jobs.list('contoso')).toHaveLength(1);
  }, 120_000);

  it('an instance killed mid-job leaves it to the other, which finishes it after the lease expires', async () => {
    const rig = await twoInstances({ SWITCH_SPEED: '400' });
    const before = tenantFile();
    const confirm = await confirmationCard(rig, 'anna', rig.a, rig.a);
    expect(visibleText((await rig.say(rig.a, 'anna', { value: confirm })).activities)).toContain('Confirmed');

    // Whichever instance holds the job's lease runs it: wait until it is past buying the new subscription, then kill that one.
    const job = await until(async () => {
      const [found] = await rig.jobs.list('contoso');
      return found && found.step === 'subscription-created' ? found : undefined;
    }, 30_000, 'the job to buy the new subscription');
    const lease = await rig.container.read<{ holder: string }>(`${BLOB_PREFIX.leases}${job.id}.json`);
    const holderPid = Number(lease!.value.holder.split(':')[1]);
    const [running, other] = rig.a.child.pid === holderPid ? [rig.a, rig.b] : [rig.b, rig.a];
    expect(running.child.pid).toBe(holderPid);
    await running.stop('SIGKILL');
    const killedAt = Date.now();
    const midway = (await rig.jobs.get(job.id))!;
    expect(midway.step).not.toBe('done');

    const finished = await until(async () => {
      const now = await rig.jobs.get(job.id);
      return now?.step === 'done' ? now : undefined;
    }, 60_000, 'the other instance to finish the job');
    expect(finished.step).toBe('done');
    // Not before the dead instance's lease ran out (2 s, renewed every 0.67 s).
    expect(other.output()).toContain('switch.resumed');
    expect(Date.now() - killedAt).toBeGreaterThan(1_000);
    expectEveryoneMovedOnce(before);
    const done = await until(async () => (connector!.received.some((r) => String(r.activity.text ?? '').startsWith('Done:')) ? true : undefined), 10_000, 'the Done message');
    expect(done).toBe(true);
    const jobs: SwitchJob[] = await rig.jobs.list('contoso');
    expect(jobs).toHaveLength(1);
  }, 120_000);
});
