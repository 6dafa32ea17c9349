// `node scripts/check-node-version.mjs`: checks `npm start` under the Node that runs this script (put
// another Node's bin/ first on PATH to check that one; docs/node-versions.md says how). Starts the bot
// on its own build folder and data folder: the first start builds, the second must reuse the build, and on
// Node 22.1+ a third start must use the module compile cache (Node's NODE_DEBUG_NATIVE=COMPILE_CACHE lines
// say which cached code V8 accepted). Each start must answer /healthz and a message, and print no warning.
// Prints one JSON object; exits 1 when a check failed. The times include npm's own start.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import module from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
mkdirSync(join(ROOT, '.build'), { recursive: true });
const buildDir = mkdtempSync(join(ROOT, '.build', 'check-node-'));
const WARNING = /Warning|node\.warning|"level":"(warn|error)"/;

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const message = (text) =>
  JSON.stringify({ type: 'message', deliveryMode: 'expectReplies', channelId: 'bench', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'check-node' }, from: { id: 'check-node-user' }, recipient: { id: 'bot' }, locale: 'sv-SE', text });

/** One `npm start`: milliseconds from spawn to the first reply, the replies, and everything it printed. */
async function start(extraEnv = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-check-node-'));
  const began = performance.now();
  // Its own process group: npm starts a shell that starts node, and stopping the group stops all three.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir, BUILD_DIR: buildDir, LOG_LEVEL: 'info', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not answer /healthz in 60 s:\n${output}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (healthy) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: message('hej') });
    const body = response.ok ? await response.json() : {};
    const ms = Math.round(performance.now() - began);
    return { ms, status: response.status, replies: body.activities?.length ?? 0, output };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await exited;
    // npm may exit before the bot: wait for the whole group, so the bot has written its compile cache.
    while (alive(-child.pid)) await new Promise((done) => setTimeout(done, 50));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const CACHE_DEBUG = /^\[compile cache\]/;
const events = (output) => output.split('\n').flatMap((line) => { try { return [JSON.parse(line).event]; } catch { return []; } });
const cacheFiles = () => { const dir = join(buildDir, 'compile-cache'); return existsSync(dir) ? readdirSync(dir, { recursive: true }).length : 0; };

const failures = [];
const report = { node: process.version, starts: [] };
try {
  const hasCompileCache = typeof module.enableCompileCache === 'function';
  const first = await start();
  const cacheAfterFirst = cacheFiles();
  const second = await start();
  for (const [name, run] of [['first', first], ['second', second]]) {
    report.starts.push({ start: name, msToFirstReply: run.ms, status: run.status, replies: run.replies });
    if (run.status !== 200 || run.replies === 0) failures.push(`${name} start: the message got ${run.status} with ${run.replies} replies`);
    const warned = run.output.split('\n').filter((line) => WARNING.test(line));
    if (warned.length) failures.push(`${name} start printed: ${warned.join(' | ')}`);
  }
  if (!events(first.output).includes('build.compiled')) failures.push('the first start did not build');
  if (events(second.output).includes('build.compiled')) failures.push('the second start built again instead of reusing the build');
  if (hasCompileCache) {
    // A third start with Node's debug lines on (kept apart, as printing them slows the start being timed).
    const third = await start({ NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });
    const accepted = third.output.split('\n').filter((line) => CACHE_DEBUG.test(line) && line.includes('was accepted')).length;
    report.compileCache = { entriesAfterFirstStart: cacheAfterFirst, acceptedByNextStart: accepted };
    if (accepted === 0) failures.push('the next start used none of the compile cache the first start left');
  } else {
    report.compileCache = 'not in this Node';
  }
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
report.failures = failures;
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exitCode = failures.length ? 1 : 0;
