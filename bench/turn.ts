import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchActivity, BOT_ENTRY, PICK_IDENTITY, post, ROOT, startProcess, type Started } from './bench-process';

// Turn throughput: our full change-plan turn against a bare restify floor and botbuilder's echo bot,
// each in its own process, each under the same load from this process, alternated.

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

interface Target {
  name: 'floor' | 'echo' | 'turn';
  entry: string;
}

/** The three turns of the change-plan flow, repeated: open it, pick the subscription, pick the plan (eligibility + card). */
export const FLOW = [
  { value: { verb: 'menu.open', flow: 'change-plan' } },
  { value: { verb: 'subscription.pick', subscriptionId: 'sub-standard' } },
  { value: { verb: 'plan.pick', planId: 'm365-business-premium' } },
];

async function prepare(port: number, conversations: number): Promise<void> {
  for (let c = 0; c < conversations; c++) await post(port, benchActivity(c, PICK_IDENTITY));
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
          return { ...req, body: target === 'turn' ? benchActivity(conversation, FLOW[step]!) : benchActivity(conversation, { text: `hello ${n}` }) };
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
    { name: 'turn', entry: BOT_ENTRY },
  ];
  const running: Started[] = [];
  try {
    for (const target of targets) running.push(await startProcess(target.entry));
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
    for (const r of running) r.stop();
  }
}
