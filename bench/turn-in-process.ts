import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TurnContext } from 'botbuilder';
import { createAdapter } from '../bot/adapter';
import { createApp } from '../bot/app';
import { parseConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { benchActivity, PICK_IDENTITY } from './bench-process';
import { FLOW } from './turn';

// The bench's turn without HTTP, for profiling: `npx tsx bench/turn-in-process.ts`, or with
// `node --cpu-prof --import tsx bench/turn-in-process.ts` for a profile of nothing but turns. The same
// adapter path as /api/messages (its checks, authentication, middleware, the bot), 1,000 conversations
// each taken through the change-plan flow's three steps in Swedish, in rounds; prints the CPU per turn.

const CONVERSATIONS = 1_000;
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-turns-'));
const parsed = parseConfig({ DATA_DIR: dataDir, SWITCH_SPEED: '1000000', LOG_LEVEL: 'info', PORT: '0' });
if (!parsed.ok) throw new Error(parsed.message);
const logger = createLogger('info', () => {});
const { parts } = await createApp(parsed.config, logger);
const adapter = createAdapter(parsed.config, logger);
const logic = (context: TurnContext) => parts.bot.run(context);

async function turn(conversation: number, extra: Record<string, unknown>): Promise<void> {
  // Parsed from the same JSON the HTTP bench posts, as the server's body parser would.
  const answer = await adapter.receive(JSON.parse(benchActivity(conversation, extra)), undefined, logic);
  if (answer.status !== 200) throw new Error(`a turn answered ${answer.status}`);
}

for (let c = 0; c < CONVERSATIONS; c++) await turn(c, PICK_IDENTITY);
let best = Infinity;
for (let round = 1; round <= ROUNDS; round++) {
  const perStep = [];
  for (const step of FLOW) {
    const before = process.cpuUsage();
    for (let c = 0; c < CONVERSATIONS; c++) await turn(c, step);
    const used = process.cpuUsage(before);
    perStep.push((used.user + used.system) / CONVERSATIONS);
  }
  const mean = perStep.reduce((a, b) => a + b, 0) / perStep.length;
  best = Math.min(best, mean);
  console.log(`round ${round}: ${perStep.map((us) => us.toFixed(0)).join(' / ')} µs of CPU per turn (menu / subscription / plan), mean ${mean.toFixed(0)}`);
}
console.log(`best mean: ${best.toFixed(0)} µs of CPU per turn`);
parts.stores.close();
rmSync(dataDir, { recursive: true, force: true });
