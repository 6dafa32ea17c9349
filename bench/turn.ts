import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

// Turn throughput: our full change-plan turn against a bare restify floor and botbuilder's echo bot,
// each in its own process, each under the same load from this process, alternated.

const ROOT = join(import.meta.dirname, '..');

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

interface Target {
  name: 'floor' | 'echo' | 'turn';
  entry: string;
  env?: Record<string, string>;
}

async function start(target: Target): Promise<{ port: number; child: ChildProcess; dataDir?: string }> {
  const dataDir = target.name === 'turn' ? mkdtempSync(join(tmpdir(), 'plan-switch-bench-')) : undefined;
  const child = spawn(process.execPath, ['--import', 'tsx', target.entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'info', ...(dataDir ? { DATA_DIR: dataDir } : {}), ...target.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /listening (\d+)|"bot\.started","port":(\d+)/.exec(out);
      if (match) resolve(Number(match[1] ?? match[2]));
    });
    child.once('exit', (code) => reject(new Error(`${target.name} exited with ${code}: ${out}`)));
  });
  return { port, child, dataDir };
}

function activity(conversation: number, extra: Record<string, unknown>): string {
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

/** The three turns of the change-plan flow, repeated: open it, pick the subscription, pick the plan (eligibility + card). */
const FLOW = [
  { value: { verb: 'menu.open', flow: 'change-plan' } },
  { value: { verb: 'subscription.pick', subscriptionId: 'sub-standard' } },
  { value: { verb: 'plan.pick', planId: 'm365-business-premium' } },
];

async function prepare(port: number, conversations: number): Promise<void> {
  for (let c = 0; c < conversations; c++) {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Bench users are plain users, so the check runs in full but no confirmation (and no job) is offered.
      body: activity(c, { value: { verb: 'identity.pick', identity: 'contoso|u-lars' } }),
    });
    if (!response.ok) throw new Error(`prepare failed: ${response.status}`);
    await response.text();
  }
}

async function load(port: number, target: Target['name'], conversations: number, seconds: number): Promise<LoadFigures> {
  let request = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: 10,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const n = request++;
          const conversation = n % conversations;
          const step = Math.floor(n / conversations) % FLOW.length;
          return { ...req, body: target === 'turn' ? activity(conversation, FLOW[step]!) : activity(conversation, { text: `hello ${n}` }) };
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export interface TurnFigures {
  turn: LoadFigures;
  echo: LoadFigures;
  floor: LoadFigures;
  ratio: number;
}

export async function benchTurns({ seconds = 10, rounds = 2, conversations = 1000 } = {}): Promise<TurnFigures> {
  const targets: Target[] = [
    { name: 'floor', entry: join(ROOT, 'bench', 'servers', 'floor.ts') },
    { name: 'echo', entry: join(ROOT, 'bench', 'servers', 'echo.ts') },
    { name: 'turn', entry: join(ROOT, 'bot', 'index.ts'), env: { SWITCH_SPEED: '1000000' } },
  ];
  const running = await Promise.all(targets.map(start));
  try {
    await prepare(running[2]!.port, conversations);
    const samples: Record<Target['name'], LoadFigures[]> = { floor: [], echo: [], turn: [] };
    for (let round = 0; round < rounds; round++) {
      for (const [i, target] of targets.entries()) samples[target.name].push(await load(running[i]!.port, target.name, conversations, seconds));
    }
    const median = (list: LoadFigures[]): LoadFigures => {
      const sorted = [...list].sort((a, b) => a.rps - b.rps);
      return sorted[Math.floor(sorted.length / 2)]!;
    };
    const figures = { turn: median(samples.turn), echo: median(samples.echo), floor: median(samples.floor) };
    return { ...figures, ratio: Math.round((figures.turn.rps / figures.echo.rps) * 100) / 100 };
  } finally {
    for (const r of running) {
      r.child.kill('SIGKILL');
      if (r.dataDir) rmSync(r.dataDir, { recursive: true, force: true });
    }
  }
}
