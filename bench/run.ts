import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildBot } from './bench-process';
import { benchEligibility } from './eligibility';
import { benchLicenceMove } from './licence-move';
import { benchMemory } from './memory';
import { benchTurns } from './turn';

// `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object. Both write out/bench.json.
const asJson = process.argv.includes('--json');

// Where the figures were measured: they mean little without the Node version and the CPUs they had
// (and how busy the machine already was when the bench began).
const machine = {
  node: process.versions.node,
  v8: process.versions.v8,
  platform: `${process.platform} ${process.arch}`,
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
};
buildBot();

const eligibility = benchEligibility();
const move = await benchLicenceMove();
const quick = process.argv.includes('--quick');
const turns = await benchTurns(quick ? { seconds: 3, rounds: 1, conversations: 200 } : {});
const memory = await benchMemory(quick ? { conversations: 1_000, coldStarts: 1 } : {});
const report = {
  turn: turns.turn,
  echo: turns.echo,
  floor: turns.floor,
  ratio: turns.ratio,
  eligibility100kMs: eligibility.ms100k,
  eligibilityBySize: eligibility.bySize,
  move10k: { quotaFraction: move.quotaFraction, lost: move.lost, duplicated: move.duplicated, writesPerSecond: move.writesPerSecond },
  memory: {
    rss10kConversationsMb: memory.rss10kConversationsMb,
    coldStartMs: memory.coldStartMs,
    conversations: memory.conversations,
    rssIdleMb: memory.rssIdleMb,
    coldStartRunsMs: memory.coldStartRunsMs,
  },
  machine,
};

const outDir = join(import.meta.dirname, '..', 'out');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);

if (asJson) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  console.log(`measured on Node ${machine.node}, ${machine.platform}, ${machine.cpus} CPUs (${machine.cpuModel}), load average ${machine.loadAverage1m} when the bench began`);
  console.log('Eligibility check (median of 15 runs, index built each run, 50 subscriptions)');
  console.table(eligibility.bySize.map((row) => ({ users: row.users, 'ms per check': row.ms, 'ms per 10k users': row.msPer10kUsers })));
  console.log(`eligibility on 100,000 users: ${eligibility.ms100k} ms (goal: well under 50 ms)`);
  console.log(
    `licence move of 10,000 users through Graph (local server, quota ${move.limit} writes per ${move.windowMs / 1000} s): ` +
      `${move.writesPerSecond} writes/s in ${move.seconds} s, ${Math.round(move.quotaFraction * 100)} % of the quota's ceiling (goal ≥ 95 %), ` +
      `${move.lost} lost, ${move.duplicated} duplicated (goal 0 and 0)`,
  );
  console.log('Turn throughput (10 connections, 1,000 conversations, median of the alternated rounds; our turn: the change-plan flow in Swedish)');
  console.table({ 'our turn': turns.turn, 'echo bot': turns.echo, 'bare restify': turns.floor });
  console.log(`our turn / echo bot: ${turns.ratio} (goal ≥ 1.5; p99 ≤ 1.0 × the echo bot's)`);
  console.log(
    `memory: ${memory.rss10kConversationsMb} MiB resident with ${memory.conversations.toLocaleString('en')} stored conversations (${memory.rssIdleMb} MiB after the first); ` +
      `cold start (node scripts/start.mjs, built) to the first reply ${memory.coldStartMs} ms (median of ${memory.coldStartRunsMs.join(', ')} ms; goals: ≤ 1,000 ms, ≤ 160 MiB idle, ≤ 220 MiB with 10,000)`,
  );
  console.log(`written: ${join('out', 'bench.json')}`);
}
