import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { waitUntilHealthy } from './bot-process';

// The bot as `npm start` runs it, in a child process on loopback, with test-only preloads: the
// loopback guard always (no connection may leave the machine), and on request a shifted clock or a
// counter of the writes to the tenant files.

const ROOT = join(import.meta.dirname, '..', '..');
const PRELOAD = join(import.meta.dirname, 'preload');

export type Preload = 'clock-shift' | 'count-tenant-writes' | 'gc-on-signal';

export interface HardenedBot {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  /** The process's resident memory, in bytes (Linux /proc). */
  rss(): number;
  /** Resident memory after a full garbage collection, in bytes (needs the gc-on-signal preload). */
  rssAfterGc(): Promise<number>;
  /** Resolves once the output contains `text` (or rejects after `timeoutMs`). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startHardenedBot(env: Record<string, string>, preloads: Preload[] = []): Promise<HardenedBot> {
  const port = await freePort();
  const args = [...(preloads.includes('gc-on-signal') ? ['--expose-gc'] : []), '--import', 'tsx', '--import', join(PRELOAD, 'loopback-only.ts'), ...preloads.flatMap((p) => ['--import', join(PRELOAD, `${p}.ts`)]), join(ROOT, 'bot', 'index.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilHealthy(child, port, () => output);
  const rss = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return kb * 1024;
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    rss,
    async rssAfterGc() {
      const reports = () => output.split('"event":"test.gc"').length - 1;
      const before = reports();
      child.kill('SIGUSR2');
      const end = Date.now() + 10_000;
      while (reports() === before && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
      return rss();
    },
    async waitFor(text, timeoutMs = 30_000) {
      const found = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      const end = Date.now() + timeoutMs;
      while (!found()) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bot exited while waiting for ${text}`);
        const left = end - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${text}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 250));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** POSTs an activity to /api/messages; the replies of an expectReplies turn come back in `activities`. */
export async function post(
  bot: { url: string },
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; json: any; activities: Record<string, any>[] }> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, activities: (json?.activities ?? []) as Record<string, any>[] };
}

/** The JSON lines of a bot's output (other lines, if any, are skipped). */
export function logLines(output: string): Record<string, any>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return [];
      }
    });
}
