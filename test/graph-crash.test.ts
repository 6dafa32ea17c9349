import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { executedWrites } from './support/graph-fixtures';
import { SKU_PREMIUM, SKU_STANDARD, startGraphServer, syntheticGraphTenant, userId, type GraphTestServer } from './support/graph-server';

// A licence move killed with SIGKILL in the middle and started again (a new process, the same file job
// store) ends where an uninterrupted move ends: every chosen user on the new licence, none without one
// or on both, and at most one batch written twice.

const ROOT = join(import.meta.dirname, '..');
const CHILD = join(ROOT, 'test', 'support', 'graph-move-child.ts');
const CA_FILE = join(ROOT, 'test', 'support', 'graph-server', 'tls', 'server-cert.pem');

let server: GraphTestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

interface Child {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(): void;
}

function startChild(env: Record<string, string>): Child {
  // `node --import tsx`, not the tsx command: that runs the script in a grandchild a SIGKILL would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))),
    kill: () => child.kill('SIGKILL'),
  };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a licence move killed mid-way', () => {
  it('resumes in a new process and ends with every user moved once, writes ≤ 1.1 × users', { timeout: 60_000 }, async () => {
    const users = 400;
    server = await startGraphServer({ seed: syntheticGraphTenant({ users: users + 10 }), pageSize: 250 });
    server.faults.setRandom({ failRate: 0.01, appliedShare: 0.5, throttleRate: 0.01, retryAfterSeconds: 1, seed: 7 });
    dir = mkdtempSync(join(tmpdir(), 'graph-move-'));
    const chosen = Array.from({ length: users }, (_, n) => userId(n));
    const env = {
      ...server.env(),
      NODE_EXTRA_CA_CERTS: CA_FILE,
      JOB_DIR: dir,
      FROM_SUBSCRIPTION: SKU_STANDARD,
      TO_SUBSCRIPTION: SKU_PREMIUM,
      USER_IDS: chosen.join(','),
      // 80 writes a second: the move takes about five seconds, long enough to kill it in the middle.
      QUOTA_LIMIT: '40',
      QUOTA_WINDOW_MS: '500',
    };
    const applied = () => server!.writes.filter((w) => w.result === 'applied' || w.result === 'lost').length;

    const first = startChild(env);
    await until(() => applied() >= 150, 40_000);
    first.kill();
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = applied();
    expect(atKill).toBeLessThan(users);

    const second = await startChild(env).exited;
    expect(second.stderr).toBe('');
    expect(second.stdout).toContain("done");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ step: 'done', cursor: users });

    const licences = server.state.licences();
    const moved = new Set(chosen);
    for (const [id, skus] of licences) expect(skus, id).toEqual(moved.has(id) ? [SKU_PREMIUM] : [SKU_STANDARD]);
    for (const id of chosen) expect(server.state.appliedWrites.get(id), id).toBe(1);
    const writes = [...executedWrites(server).values()].reduce((a, b) => a + b, 0);
    expect(writes).toBeLessThanOrEqual(users * 1.1);
  });
});
