import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureWarnings, createLogger } from '../bot/logger';
import { post, startHardenedBot } from './support/hardened-bot';

// A dependency's deprecated call makes Node warn at every start: the log says so once, as a warning,
// not as an error an operator would be paged for.

describe("Node's warnings", () => {
  it('are logged once each, as warn lines, and Node no longer prints them itself', () => {
    const lines: string[] = [];
    const source = new EventEmitter();
    const printedByNode: unknown[] = [];
    source.on('warning', (warning) => printedByNode.push(warning));
    captureWarnings(createLogger('info', (line) => lines.push(line)), source as unknown as NodeJS.Process);

    const deprecation = Object.assign(new Error("Access to process.binding('http_parser') is deprecated."), { name: 'DeprecationWarning', code: 'DEP0111' });
    source.emit('warning', deprecation);
    source.emit('warning', deprecation);
    source.emit('warning', Object.assign(new Error('Possible EventEmitter memory leak detected.'), { name: 'MaxListenersExceededWarning' }));

    expect(printedByNode).toEqual([]);
    const logged = lines.map((line) => JSON.parse(line) as { level: string; event: string; code?: string; name: string });
    expect(logged.map((l) => [l.level, l.event, l.code ?? l.name])).toEqual([
      ['warn', 'node.warning', 'DEP0111'],
      ['warn', 'node.warning', 'MaxListenersExceededWarning'],
    ]);
  });
});

describe('a start of the bot', () => {
  it('prints no warning: restify is loaded without spdy, whose http-deceiver made Node warn DEP0111', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-warnings-'));
    const bot = await startHardenedBot({ DATA_DIR: dataDir });
    try {
      await bot.waitFor('"event":"bot.started"');
      const hello = await post(bot, { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', conversation: { id: 'warn-1' }, from: { id: 'u' }, locale: 'en-US', text: 'hi' });
      expect(hello.status).toBe(200);
      await bot.stop();
      expect(bot.output()).not.toMatch(/node\.warning|DeprecationWarning|"level":"(warn|error)"/);
    } finally {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
