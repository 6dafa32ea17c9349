import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHardenedBot, type HardenedBot } from './support/hardened-bot';

// Secure by default: without an app id the bot accepts unauthenticated requests, so it listens on
// loopback only and nobody else on the network can reach it; with an app id it listens everywhere.

const dirs: string[] = [];
const bots: HardenedBot[] = [];

afterAll(async () => {
  for (const bot of bots) await bot.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function started(output: string): Record<string, unknown> {
  const line = output.split('\n').find((l) => l.includes('"event":"bot.started"'));
  if (!line) throw new Error(`no bot.started line in: ${output}`);
  return JSON.parse(line);
}

async function start(env: Record<string, string>): Promise<HardenedBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-bind-'));
  dirs.push(dataDir);
  const bot = await startHardenedBot({ DATA_DIR: dataDir, STORAGE: 'memory', ...env });
  bots.push(bot);
  await bot.waitFor('"event":"bot.started"');
  return bot;
}

describe('where the bot listens', () => {
  it('without an app id: on 127.0.0.1 only', async () => {
    const bot = await start({});
    expect(started(bot.output())).toMatchObject({ mode: 'local-development', host: '127.0.0.1' });
  }, 60_000);

  it('with an app id: on every interface', async () => {
    const bot = await start({ MicrosoftAppId: 'plan-switch-test-app', MicrosoftAppPassword: 'Test-Only-Secret-77aa' });
    expect(started(bot.output()).mode).toBe('authenticated');
    expect(['::', '0.0.0.0']).toContain(started(bot.output()).host);
  }, 60_000);
});
