// `npm start`: builds the bot to JavaScript when a source changed since the last build (scripts/build-bot.mjs),
// then runs the compiled bot/index.js in this same process (one process, so signals reach the bot).
import module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildDir, ensureBuilt } from './build-bot.mjs';

const dir = buildDir();
// Node 22.1+ keeps the compiled code of every module it loads on disk, so the next start skips
// compiling them; Node 20 has no such cache and starts without it.
module.enableCompileCache?.(join(dir, 'compile-cache'));

const began = performance.now();
let entry, built;
try {
  ({ entry, built } = await ensureBuilt(dir));
} catch (error) {
  process.stderr.write(`plan-switch-bot could not be built: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : error}\n`);
  process.exit(1);
}
if (built) {
  // One line in the bot's own log format, so a start that first built says so.
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'build.compiled', ms: Math.round(performance.now() - began) })}\n`);
}
// Required, not imported: the build is CommonJS, and importing it would have Node lex it for export names first.
createRequire(import.meta.url)(entry);
