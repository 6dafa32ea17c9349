import { benchActivity, BOT_ENTRY, PICK_IDENTITY, post, residentMb, startProcess } from './bench-process';

// Memory and start-up: the bot's resident memory once 10,000 conversations are stored (each has
// picked who it is and been shown the menu card), and the time from starting the process to the
// first reply. The process is what `npm start` runs (node scripts/start.mjs), the build already made.

export interface MemoryFigures {
  /** How many conversations were stored when rss10kConversationsMb was read (10,000 but with --quick). */
  conversations: number;
  rssIdleMb: number;
  rss10kConversationsMb: number;
  coldStartMs: number;
  coldStartRunsMs: number[];
}

/** Runs `work` on `count` items, `parallel` at a time. */
async function inPool(count: number, parallel: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function coldStart(): Promise<number> {
  const began = performance.now();
  const bot = await startProcess(BOT_ENTRY);
  try {
    const reply = await post(bot.port, benchActivity(0, {}));
    if (!reply.activities?.length) throw new Error('no reply to the first message');
    return Math.round(performance.now() - began);
  } finally {
    bot.stop();
  }
}

export async function benchMemory({ conversations = 10_000, coldStarts = 3 } = {}): Promise<MemoryFigures> {
  const bot = await startProcess(BOT_ENTRY);
  let rssIdleMb: number;
  let rss10kConversationsMb: number;
  try {
    await post(bot.port, benchActivity(0, PICK_IDENTITY));
    rssIdleMb = residentMb(bot.child.pid!);
    await inPool(conversations, 10, async (c) => {
      await post(bot.port, benchActivity(c, PICK_IDENTITY));
    });
    // Let the collector settle before reading.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    rss10kConversationsMb = residentMb(bot.child.pid!);
  } finally {
    bot.stop();
  }
  const runs: number[] = [];
  for (let i = 0; i < coldStarts; i++) runs.push(await coldStart());
  const sorted = [...runs].sort((a, b) => a - b);
  return { conversations, rssIdleMb, rss10kConversationsMb, coldStartMs: sorted[Math.floor(sorted.length / 2)]!, coldStartRunsMs: runs };
}
