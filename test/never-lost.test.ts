import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_FILES } from '../domain/demo-tenants';
import { parseSnapshotJson } from '../domain/snapshot/parse';
import { cardOf, submitData, visibleText } from './support/bot-harness';
import { startConnectorDouble, type ConnectorDouble } from './support/bot-process';
import { logLines, post, startHardenedBot, type HardenedBot } from './support/hardened-bot';
import { secretsIn } from './support/log-hygiene';

// A 1,000-user move on the Tailspin demo tenant, with the bot killed (SIGKILL, no warning) at random
// points ten times in a row and then left to finish: the job resumes each time and completes, every
// chosen user ends on the target licence (none without one, none with both), nobody else changes, and
// the writes to the tenant stay within 1.1 × the users moved.

interface User {
  id: string;
  roles: string[];
  licenses: { subscriptionId: string }[];
}
interface Tenant {
  users: User[];
  subscriptions: { id: string; purchasedLicenses: number }[];
}

const FROM = 'sub-o365-e3';
const TO = 'sub-m365-e5';
const MOVE = 1_000;
const KILLS = 10;

let connector: ConnectorDouble;
let dataDir: string;
let collected = '';

beforeAll(async () => {
  connector = await startConnectorDouble();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-never-lost-'));
});

afterAll(async () => {
  await connector?.close();
  rmSync(dataDir, { recursive: true, force: true });
  expect(secretsIn(collected)).toEqual([]);
});

/** A small seeded generator, so a failing run can be replayed (the seed is in the test's output). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const holds = (user: User, subscriptionId: string) => user.licenses.some((l) => l.subscriptionId === subscriptionId);

/** The user ids a pick-users card shows on its page. */
function shownUsers(activities: Record<string, any>[]): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const object = node as { type?: string; id?: string; choices?: { value: string }[] };
    if (object.type === 'Input.ChoiceSet' && object.id === 'userIds') ids.push(...(object.choices ?? []).map((c) => c.value));
    else Object.values(object).forEach(walk);
  };
  activities.forEach((a) => walk(cardOf(a)));
  return ids;
}

describe('never lost', () => {
  it(`a ${MOVE}-user move killed at ${KILLS} random points resumes and completes, with every user moved exactly once`, async () => {
    const seed = Number(process.env.NEVER_LOST_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    console.log(`never-lost seed ${seed}`);
    const started = Date.now();

    // Tailspin, with enough E5 licences for the move: the working copy the bot would make, made first.
    const tenantFile = join(dataDir, 'tenants', 'tailspin-enterprise.json');
    mkdirSync(join(dataDir, 'tenants'), { recursive: true });
    const initial = JSON.parse(readFileSync(DEMO_TENANT_FILES.tailspin, 'utf8')) as Tenant;
    initial.subscriptions.find((s) => s.id === TO)!.purchasedLicenses = 2_100;
    writeFileSync(tenantFile, JSON.stringify(initial, null, 2));
    const eligible = new Set(initial.users.filter((u) => holds(u, FROM) && !holds(u, TO)).map((u) => u.id));

    const writeLog = join(dataDir, 'tenant-writes.log');
    // The move's licence replacement takes a minute for real (domain/demo-pace.ts): at speed 4, 15 s of the
    // bot running, longer than the ten kills can leave it alive (at most 10 × 1 s), so every kill lands mid-job.
    const env = { DATA_DIR: dataDir, SWITCH_SPEED: '4', TEST_WRITE_LOG: writeLog };
    const boot = () => startHardenedBot(env, ['count-tenant-writes']);
    let bot: HardenedBot = await boot();
    const say = async (extra: Record<string, unknown>) => {
      const answer = await post(bot, {
        type: 'message',
        deliveryMode: 'expectReplies',
        channelId: 'emulator',
        serviceUrl: connector.serviceUrl,
        conversation: { id: 'conv-move' },
        from: { id: 'user-olivia' },
        recipient: { id: 'bot' },
        locale: 'en-US',
        text: '',
        ...extra,
      });
      expect(answer.status).toBe(200);
      return answer.activities;
    };

    // Olivia, a global administrator, ticks 1,000 users page by page (25 a page), and confirms.
    await say({ value: { verb: 'identity.pick', identity: 'tailspin|u-olivia' } });
    await say({ value: { verb: 'menu.open', flow: 'move-users' } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: FROM } });
    let page = await say({ value: { verb: 'subscription.pick', subscriptionId: TO } });
    const chosen: string[] = [];
    let confirm: Record<string, unknown> | undefined;
    for (let n = 0; n < 200 && !confirm; n++) {
      const shown = shownUsers(page);
      expect(shown.length).toBeGreaterThan(0);
      const ticks = shown.filter((id) => eligible.has(id)).slice(0, MOVE - chosen.length);
      chosen.push(...ticks);
      page =
        chosen.length < MOVE
          ? await say({ value: { verb: 'users.page', page: n + 1, userIds: ticks.join(',') } })
          : await say({ value: { verb: 'users.pick', userIds: ticks.join(',') } });
      if (chosen.length >= MOVE) confirm = submitData(page, 'switch.confirm');
    }
    expect(chosen).toHaveLength(MOVE);
    expect(confirm, visibleText(page)).toBeDefined();
    expect(visibleText(await say({ value: confirm }))).toContain('Confirmed');
    await bot.waitFor('"switch.started"');

    // Ten kills, each at a random moment while the job runs, each followed by a restart that resumes it.
    const kills: { afterMs: number; movedBefore: number }[] = [];
    for (let k = 0; k < KILLS; k++) {
      const afterMs = Math.round(100 + next() * 900);
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      expect(bot.output(), `the job finished before kill ${k + 1}: lower SWITCH_SPEED`).not.toContain('"switch.finished"');
      await bot.stop('SIGKILL');
      collected += bot.output();
      const now = JSON.parse(readFileSync(tenantFile, 'utf8')) as Tenant;
      kills.push({ afterMs, movedBefore: now.users.filter((u) => chosen.includes(u.id) && holds(u, TO)).length });
      bot = await boot();
      await bot.waitFor('"switch.resumed"');
    }
    await bot.waitFor('"switch.finished"', 120_000);
    const finished = logLines(bot.output()).find((l) => l.event === 'switch.finished')!;
    expect(finished).toMatchObject({ level: 'audit', step: 'done', tenantId: 'tailspin', userId: 'u-olivia', kind: 'move-users', users: MOVE });
    await bot.stop();
    collected += bot.output();

    // Every chosen user on the target licence, none on both, none without a licence; nobody else touched.
    const after = JSON.parse(readFileSync(tenantFile, 'utf8')) as Tenant;
    const byId = new Map(after.users.map((u) => [u.id, u]));
    const moved = chosen.map((id) => byId.get(id)!);
    expect(moved.filter((u) => holds(u, TO) && !holds(u, FROM))).toHaveLength(MOVE);
    expect(moved.filter((u) => u.licenses.length === 0)).toEqual([]);
    // (Compared as the snapshot parser reads them: a write spells out defaults, such as empty disabledServices.)
    const normalized = parseSnapshotJson(JSON.stringify(initial));
    if (!normalized.ok) throw new Error('the generated tenant is not a valid snapshot');
    const chosenSet = new Set(chosen);
    const before = new Map(normalized.value.users.map((u) => [u.id, JSON.stringify(u)]));
    const changed = after.users.filter((u) => !chosenSet.has(u.id) && JSON.stringify(u) !== before.get(u.id));
    expect(changed.map((u) => u.id)).toEqual([]);
    expect(after.subscriptions).toEqual(normalized.value.subscriptions);
    expect(finished.licenceCountsAfter).toEqual({
      [FROM]: { purchased: 3_100, assigned: initial.users.filter((u) => holds(u, FROM)).length - MOVE },
      [TO]: { purchased: 2_100, assigned: initial.users.filter((u) => holds(u, TO)).length + MOVE },
    });

    // Writes: each licence replacement the tenant took (landed), and each one sent (attempted, counted before
    // the call, so one a kill cut short counts too).
    const writes = existsSync(writeLog) ? readFileSync(writeLog, 'utf8').trim().split('\n').filter(Boolean) : [];
    const attempted = writes.filter((w) => w.startsWith('replace '));
    const landed = writes.filter((w) => w.startsWith('landed '));
    const written = landed.filter((w) => w.startsWith('landed done ')).map((w) => w.slice('landed done '.length));
    expect(landed.filter((w) => w.startsWith('landed failed '))).toEqual([]);
    // No user was written twice, and no one outside the choice at all.
    expect(new Set(written).size).toBe(written.length);
    expect(written.every((id) => chosenSet.has(id))).toBe(true);
    expect(new Set(attempted.map((w) => w.slice('replace '.length)))).toEqual(chosenSet);
    expect(landed.length).toBeLessThanOrEqual(1.1 * MOVE);
    // A kill repeats at most the one batch (20 replacements) it cut short.
    expect(attempted.length).toBeLessThanOrEqual(MOVE + KILLS * 20);
    expect(writes.filter((w) => !w.startsWith('replace ') && !w.startsWith('landed '))).toEqual([]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`never-lost: ${MOVE} users, ${KILLS} kills at ${kills.map((k) => `${k.afterMs}ms/${k.movedBefore}`).join(', ')}; ${landed.length} licence writes landed (${(landed.length / MOVE).toFixed(3)} × users), ${attempted.length} sent (${(attempted.length / MOVE).toFixed(3)} ×); ${seconds} s`);
    // The person heard the outcome, once.
    const done = connector.received.filter((r) => r.conversationId === 'conv-move' && String(r.activity.text ?? '').startsWith('Done'));
    expect(done).toHaveLength(1);
  }, 240_000);
});
