import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The processes the bench measures: each server in its own process, the bot started the way `npm start`
// starts it (the compiled bot, through scripts/start.mjs), the bench's own servers through tsx.

export const ROOT = join(import.meta.dirname, '..');
export const BOT_ENTRY = join(ROOT, 'scripts', 'start.mjs');

/** The Node flags `npm start` gives the bot (package.json's start script), so that the bench measures the bot as it runs and not as a bare `node` would run it. */
export function npmStartNodeFlags(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = script.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'scripts/start.mjs') throw new Error(`unexpected start script: ${script}`);
  return words.slice(1, -1);
}

/** Builds the bot if a source changed, so that no measured start includes a build. */
export function buildBot(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-bot.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('the bot could not be built (npm run build)');
}

export interface Started {
  port: number;
  child: ChildProcess;
  /** Stops the process and removes its data folder. */
  stop(): void;
}

/** Starts `entry` (TypeScript through tsx, the bot with `npm start`'s Node flags, other JavaScript as it is) on a free port (with a fresh data folder of its own) and resolves once it listens. */
export async function startProcess(entry: string, env: Record<string, string> = {}): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-bench-'));
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : entry === BOT_ENTRY ? [...npmStartNodeFlags(), entry] : [entry];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir, SWITCH_SPEED: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk;
      const match = /listening (\d+)|"bot\.started","port":(\d+)/.exec(out);
      if (!match) return;
      // Stop reading once it listens: the bench must not spend its own CPU on the server's output.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve(Number(match[1] ?? match[2]));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out}`)));
  });
  return { port, child, stop };
}

/** One activity of bench conversation `conversation`, answered in the HTTP response (expectReplies). */
export function benchActivity(conversation: number, extra: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'message',
    deliveryMode: 'expectReplies',
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: `bench-${conversation}` },
    from: { id: `bench-user-${conversation}` },
    recipient: { id: 'bot' },
    locale: 'sv-SE',
    text: '',
    ...extra,
  });
}

/** Bench users are plain users: the change-plan check runs in full but no confirmation (and no job) is offered. */
export const PICK_IDENTITY = { value: { verb: 'identity.pick', identity: 'contoso|u-lars' } };

/** Posts one activity and returns the replies; a status other than 200 is an error. */
export async function post(port: number, body: string): Promise<{ activities?: unknown[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!response.ok) throw new Error(`the bot answered ${response.status}`);
  return (await response.json()) as { activities?: unknown[] };
}

/** A process's resident memory, in MiB (Linux). */
export function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error('no VmRSS in /proc/<pid>/status');
  return Math.round((Number(line.split(/\s+/)[1]) / 1024) * 10) / 10;
}
