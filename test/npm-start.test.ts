import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitUntilHealthy } from './support/bot-process';
import { freePort, logLines, post } from './support/hardened-bot';

// `npm start` as the README gives it: it compiles the bot to JavaScript and runs that, and a second
// start runs the same build instead of compiling again. (The other tests start bot/index.ts through tsx.)

const ROOT = join(import.meta.dirname, '..');
// A build folder of this test's own, inside the checkout as every build folder (packages resolve from its node_modules/).
mkdirSync(join(ROOT, '.build'), { recursive: true });
const buildDir = mkdtempSync(join(ROOT, '.build', 'test-npm-start-'));
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

async function npmStart(env: Record<string, string> = {}): Promise<{ output: string; greeting: Record<string, any>[] }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-npm-start-'));
  // Its own process group: npm starts a shell that starts node, and stopping the group stops all three.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir, BUILD_DIR: buildDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitUntilHealthy(child, port, () => output);
    const hello = await post({ url: `http://127.0.0.1:${port}` }, { type: 'message', deliveryMode: 'expectReplies', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'npm-start' }, from: { id: 'u1' }, recipient: { id: 'bot' }, locale: 'sv-SE', text: 'hej' });
    expect(hello.status).toBe(200);
    return { output, greeting: hello.activities };
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await groupGone(child.pid!);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * npm can exit before the bot it started, and on Node 22+ the bot writes its compile cache into the build
 * folder as it exits: removing the folder before then fails (ENOTEMPTY). Waits until the group is gone.
 */
async function groupGone(pgid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const currentOutput = () => (JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as { output: string }).output;

describe('npm start', () => {
  it('compiles the bot on the first start, runs the compiled bot, and a second start reuses that build', async () => {
    const first = await npmStart();
    expect(logLines(first.output).map((l) => l.event)).toContain('build.compiled');
    const built = currentOutput();
    expect(existsSync(join(buildDir, built, 'bot', 'index.js'))).toBe(true);
    // The compiled bot reads its cards' templates and its Swedish words from the sources' folders.
    expect(JSON.stringify(first.greeting)).toContain('Vem är du?');

    const second = await npmStart();
    expect(logLines(second.output).map((l) => l.event)).not.toContain('build.compiled');
    expect(logLines(second.output).map((l) => l.event)).toContain('bot.started');
    expect(currentOutput()).toBe(built);
    expect(JSON.stringify(second.greeting)).toContain('Vem är du?');

    for (const output of [first.output, second.output]) expect(output).not.toMatch(/Warning|node\.warning|"level":"(warn|error)"/);
  }, 120_000);

  it('runs the bot with a bounded heap (1.5 GiB old generation) and a small young generation', async () => {
    const heapLimit = (output: string) => logLines(output).find((l) => l.event === 'bot.started')?.heapLimitMb as number;
    // The limit is the old generation's plus the young generation's (three 8 MiB semi-spaces).
    expect(heapLimit((await npmStart()).output)).toBe(1536 + 24);
  }, 120_000);
});
