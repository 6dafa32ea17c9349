import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import { SwitchRunner } from '../domain/switch-runner';
import { CommerceNotSupportedError, WriteQuota } from '../graph';
import { executedWrites, FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
import { SKU_PREMIUM, SKU_STANDARD, syntheticGraphTenant, userId, type GraphTestServer } from './support/graph-server';

// Licence moves through the switch runner against the local Graph server: throttling storms, 503s and
// lost answers, a Retry-After far past the SDK's 180-second cap, and the write quota in every window.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function runner(gateway: GraphRig['gateway']): SwitchRunner {
  return new SwitchRunner({ gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21' });
}

/** Every chosen user on Premium and not on Standard; nobody unlicensed; every other user untouched. */
function expectMoved(server: GraphTestServer, chosen: readonly string[]): void {
  const licences = server.state.licences();
  const moved = new Set(chosen);
  for (const [id, skus] of licences) {
    expect(skus.length, `${id} has a licence`).toBeGreaterThan(0);
    if (moved.has(id)) expect(skus, id).toEqual([SKU_PREMIUM]);
    else expect(skus, id).toEqual([SKU_STANDARD]);
  }
}

describe('moving licences through Microsoft Graph', () => {
  it('moves every chosen user through throttling storms, 503s, 504s and lost answers, writing each once', async () => {
    const clock = new FakeClock();
    const users = 300;
    rig = await graphRig({ seed: syntheticGraphTenant({ users: users + 20 }), pageSize: 100, clock }, { clock, quota: { limit: 3_000, windowMs: 150_000 } });
    const { server } = rig;
    server.faults.setRandom({ throttleRate: 0.08, retryAfterSeconds: 7, failRate: 0.06, appliedShare: 0.5, batchFailRate: 0.05, seed: 42 });
    server.faults.add('write', 45, { kind: 'throttle', retryAfterSeconds: 30 });
    server.faults.add('read', 3, { kind: 'fail', status: 503, applied: false });
    const chosen = Array.from({ length: users }, (_, n) => userId(n));

    const switches = runner(rig.gateway);
    const started = await switches.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: chosen, requestedBy: 'admin-object-id' });
    if (!started.ok) throw new Error(started.error.code);
    const result = await switches.run(started.value.id);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.step).toBe('done');

    expectMoved(server, chosen);
    const written = executedWrites(server);
    // Each user's licences changed exactly once: lost answers were read back, never written again.
    for (const id of chosen) expect(server.state.appliedWrites.get(id), id).toBe(1);
    expect([...written.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(users * 1.1);
    // The storms really happened.
    expect(server.writes.filter((w) => w.result === 'throttled').length).toBeGreaterThanOrEqual(45);
    expect(server.writes.filter((w) => w.result === 'lost').length).toBeGreaterThan(0);
    expect(server.writes.filter((w) => w.result === 'failed').length).toBeGreaterThan(0);
    expect(clock.sleeps).toContain(30_000);
  });

  it('waits a Retry-After of ten minutes, past the SDK’s 180-second cap, and writes only after it', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 5 }), clock }, { clock });
    const start = clock.now();
    rig.server.faults.stormUntil = start + 600_000;
    const outcome = await rig.gateway.replaceLicences([{ userId: userId(0), removeSubscriptionId: SKU_STANDARD, addSubscriptionId: SKU_PREMIUM }]);
    expect(outcome.items).toEqual([{ userId: userId(0), status: 'done' }]);
    expect(clock.sleeps).toEqual([600_000]);
    const [throttled, applied] = rig.server.writes;
    expect(throttled).toMatchObject({ result: 'throttled', status: 429, at: start });
    expect(applied).toMatchObject({ result: 'applied' });
    expect(applied!.at - start).toBeGreaterThanOrEqual(600_000);
    // The user's licences were read before the first write and again before it was tried again.
    expect(rig.gateway.stats.readsSent).toBe(2);
  });

  it('reports an item already done as already-done, a refused one with its code, and counts nothing twice', async () => {
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 4, premiumSeats: 2 }) });
    const move = (n: number) => ({ userId: userId(n), removeSubscriptionId: SKU_STANDARD, addSubscriptionId: SKU_PREMIUM });
    expect((await rig.gateway.replaceLicences([move(0)])).items).toEqual([{ userId: userId(0), status: 'done' }]);
    const outcome = await rig.gateway.replaceLicences([move(0), move(1), move(2), { userId: 'no-such-user', removeSubscriptionId: SKU_STANDARD, addSubscriptionId: SKU_PREMIUM }]);
    expect(outcome.items).toEqual([
      { userId: userId(0), status: 'already-done' },
      { userId: userId(1), status: 'done' },
      { userId: userId(2), status: 'refused', error: 'NOT_ENOUGH_LICENSES' },
      { userId: 'no-such-user', status: 'refused', error: 'USER_NOT_FOUND' },
    ]);
    expect(rig.server.state.appliedWrites.get(userId(0))).toBe(1);
  });

  it('keeps every window of the (scaled-down) write quota within its limit, with the server enforcing it too', async () => {
    const limit = 40;
    const windowMs = 1_000;
    const users = 200;
    rig = await graphRig({ seed: syntheticGraphTenant({ users }), writeQuota: { limit, windowMs } }, { quota: { limit, windowMs } });
    const chosen = Array.from({ length: users }, (_, n) => userId(n));
    const switches = runner(rig.gateway);
    const started = await switches.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: chosen, requestedBy: 'admin-object-id' });
    if (!started.ok) throw new Error(started.error.code);
    const began = Date.now();
    expect((await switches.run(started.value.id)).ok).toBe(true);
    const elapsed = Date.now() - began;
    expectMoved(rig.server, chosen);
    // The server never had to refuse a write for the quota…
    expect(rig.server.writes.filter((w) => w.result === 'throttled')).toEqual([]);
    // …and no window of its length ever held more than the limit.
    const times = rig.server.writes.map((w) => w.at).sort((a, b) => a - b);
    let from = 0;
    for (let to = 0; to < times.length; to++) {
      while (times[to]! - times[from]! >= windowMs) from += 1;
      expect(to - from + 1).toBeLessThanOrEqual(limit);
    }
    // 200 writes at 40 a second: the last 160 wait for four windows to pass.
    expect(elapsed).toBeGreaterThanOrEqual(4 * windowMs);
  });

  it('the sliding window admits a burst, then one write per freed slot', async () => {
    const clock = new FakeClock(0);
    const quota = new WriteQuota({ limit: 10, windowMs: 1_000, marginMs: 0, clock });
    for (let i = 0; i < 5; i++) (await quota.acquire(2))();
    expect(clock.now()).toBe(0);
    (await quota.acquire(3))();
    expect(clock.now()).toBe(1_000);
    expect(quota.used()).toBe(3);
    await expect(quota.acquire(11)).rejects.toThrow(/exceed/);
  });

  it('dates writes by their answer: a full window waits for writes still in flight, then a whole window', async () => {
    const clock = new FakeClock(0);
    const quota = new WriteQuota({ limit: 4, windowMs: 1_000, marginMs: 0, clock });
    const first = await quota.acquire(4);
    let second = false;
    const waiting = quota.acquire(1).then((answered) => {
      second = true;
      return answered;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    clock.t = 250;
    first();
    (await waiting)();
    expect(clock.now()).toBe(1_250);
  });

  it('cannot buy or cancel subscriptions: an honest typed error, and an automatic change moves nobody', async () => {
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 3 }) });
    await expect(rig.gateway.cancelSubscription(SKU_STANDARD, '2026-11-21')).rejects.toBeInstanceOf(CommerceNotSupportedError);
    const switches = runner(rig.gateway);
    const started = await switches.startAutomaticChange({ subscriptionId: SKU_STANDARD, toPlan: 'm365-business-premium', requestedBy: 'admin-object-id' });
    if (!started.ok) throw new Error(started.error.code);
    await expect(switches.run(started.value.id)).rejects.toMatchObject({ code: 'COMMERCE_NOT_SUPPORTED_BY_GRAPH' });
    expect(rig.server.writes).toEqual([]);
  });
});
