import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorDouble, type ConnectorDouble } from './support/bot-process';
import { fuzzActivity, fuzzAuthorization, fuzzRoute, seeded, type FuzzContext, type FuzzRequest } from './support/fuzz';
import { logLines, post, startHardenedBot, type HardenedBot } from './support/hardened-bot';
import { secretsIn } from './support/log-hygiene';
import { startTokenIssuer, type TokenIssuer } from './support/token-issuer';

// Over ten thousand malformed activities and card submissions sent over HTTP (keep-alive, 16 at a
// time) to a running bot, then other routes and forged tokens: no crash, no 500, no stack trace or
// exception text in any body, and resident memory growing by less than 50 MB.

const ACTIVITIES = 10_500;
const ROUTES = 600;
const TOKENS = 1_500;
const CONCURRENCY = 16;
const CHECKPOINT = 2_000;
const INTERNALS = /\n\s+at |\bat [\w.<>$]+ \(|node_modules|TypeError|RangeError|SyntaxError|ReferenceError|Unexpected token|in JSON at position|\.ts:\d+|\.js:\d+|DialogContextError|ECONN|Cannot read prop/;
const FAILURES = new Set(['turn.failed', 'turn.unhandled', 'http.messages.failed', 'switch.crashed']);

let connector: ConnectorDouble;
let collected = '';
const dirs: string[] = [];

beforeAll(async () => {
  connector = await startConnectorDouble();
});

afterAll(async () => {
  await connector?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  expect(secretsIn(collected)).toEqual([]);
  expect(collected).not.toContain('test.outbound-refused');
});

interface Tally {
  sent: number;
  byStatus: Record<number, number>;
  byKind: Record<string, number>;
  bad: string[];
}

/** Sends every request, CONCURRENCY at a time; each answer is checked as it arrives. */
async function fire(bot: HardenedBot, requests: FuzzRequest[], tally: Tally, allowed: (status: number) => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      let status: number;
      let text: string;
      try {
        const response = await fetch(`${bot.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
        status = response.status;
        text = await response.text();
      } catch (error) {
        // A connection the server closed (a body it refused before reading): the next request opens another.
        status = -1;
        text = String(error);
      }
      tally.sent++;
      tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
      tally.byKind[request.kind] = (tally.byKind[request.kind] ?? 0) + 1;
      if (!allowed(status) || INTERNALS.test(text)) {
        if (tally.bad.length < 20) tally.bad.push(`${request.kind} ${request.method} ${request.path} → ${status}: ${text.slice(0, 300)} ← ${String(request.body).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const newTally = (): Tally => ({ sent: 0, byStatus: {}, byKind: {}, bad: [] });

describe('fuzz', () => {
  it(`${ACTIVITIES} malformed activities and card submissions and ${ROUTES} odd requests: no crash, no 500, no internals, memory flat`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
    console.log(`fuzz seed ${seed}`);
    const rng = seeded(seed);
    const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-fuzz-'));
    dirs.push(dataDir);
    const bot = await startHardenedBot({ DATA_DIR: dataDir, SWITCH_SPEED: '1000000', LOG_LEVEL: 'warn' }, ['gc-on-signal']);
    try {
      // People who have picked a demo identity, so that card values reach the flows behind the picker.
      const identities = ['contoso|u-anna', 'contoso|u-erik', 'contoso|u-ingrid', 'contoso|u-karin', 'contoso|u-maja', 'tailspin|u-olivia', 'fabrikam|u-lena', 'kowalski|u-jan', 'nordlys|u-ola', 'woodgrove|u-amy'];
      const context: FuzzContext = { serviceUrl: connector.serviceUrl, people: [] };
      for (const [i, identity] of identities.entries()) {
        const person = { conversationId: `fuzz-conv-${i}`, userId: `fuzz-person-${i}` };
        context.people.push(person);
        const answer = await post(bot, {
          type: 'message',
          deliveryMode: 'expectReplies',
          channelId: 'emulator',
          serviceUrl: connector.serviceUrl,
          conversation: { id: person.conversationId },
          from: { id: person.userId },
          recipient: { id: 'bot' },
          value: { verb: 'identity.pick', identity },
        });
        expect(answer.status).toBe(200);
      }

      const tally = newTally();
      const started = Date.now();
      const activities = Array.from({ length: ACTIVITIES }, () => fuzzActivity(rng, context));
      const routes = Array.from({ length: ROUTES }, () => fuzzRoute(rng));
      // 501 is botbuilder's answer to an invoke the bot does not handle (Teams expects it); nothing else of 5xx.
      const allowed = (status: number) => (status >= 200 && status < 500) || status === 501;
      // Resident memory after a full collection, every CHECKPOINT requests: what stays, not what V8 has
      // not yet collected (left alone, V8 lets the heap grow to about four times the live set between major
      // collections under this allocation rate, and keeps those pages). The first checkpoint follows the warm-up
      // (caches, the JIT, SQLite's pages).
      const checkpoints: number[] = [];
      for (let from = 0; from < activities.length; from += CHECKPOINT) {
        await fire(bot, activities.slice(from, from + CHECKPOINT), tally, allowed);
        checkpoints.push(await bot.rssAfterGc());
      }
      await fire(bot, routes, tally, allowed);
      const rssNoGc = bot.rss();
      checkpoints.push(await bot.rssAfterGc());
      const rssBefore = checkpoints[0]!;
      const rssAfter = checkpoints.at(-1)!;
      const seconds = (Date.now() - started) / 1000;

      expect(bot.child.exitCode).toBeNull();
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      // Growth as the trend through every checkpoint (least squares, over the requests between the first and
      // the last), which one noisy checkpoint moves far less than a difference of two.
      const xs = checkpoints.map((_, i) => Math.min(i * CHECKPOINT, ACTIVITIES - CHECKPOINT) + (i === checkpoints.length - 1 ? ROUTES : 0));
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      const [mx, my] = [mean(xs), mean(checkpoints)];
      const slope = xs.reduce((sum, x, i) => sum + (x - mx) * (checkpoints[i]! - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
      const growthMb = (slope * (xs.at(-1)! - xs[0]!)) / 1024 / 1024;
      const endpointsMb = (rssAfter - rssBefore) / 1024 / 1024;
      console.log(
        `fuzz: ${tally.sent} requests in ${seconds.toFixed(1)} s (${(tally.sent / seconds).toFixed(0)}/s); statuses ${JSON.stringify(tally.byStatus)}; kinds ${JSON.stringify(tally.byKind)}; RSS after a full GC every ${CHECKPOINT} requests: ${checkpoints.map((b) => (b / 1048576).toFixed(0)).join(' → ')} MB (trend ${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB over the run, last minus first ${endpointsMb >= 0 ? '+' : ''}${endpointsMb.toFixed(1)} MB; ${(rssNoGc / 1048576).toFixed(0)} MB just before the last collection)`,
      );
      expect(tally.bad).toEqual([]);
      expect(tally.byStatus[500] ?? 0).toBe(0);
      expect(tally.sent).toBe(ACTIVITIES + ROUTES);
      expect(growthMb).toBeLessThan(50);
      const failures = logLines(bot.output()).filter((l) => FAILURES.has(l.event) || (l.event === 'http.error' && l.status >= 500));
      expect(failures.slice(0, 5)).toEqual([]);
    } finally {
      await bot.stop();
      collected += bot.output();
    }
  }, 300_000);

  it(`${TOKENS} forged Authorization headers against an app id: only 400, 401 or 403, never a turn`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
    const rng = seeded(seed + 1);
    const issuer: TokenIssuer = await startTokenIssuer();
    const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-fuzz-auth-'));
    dirs.push(dataDir);
    const bot = await startHardenedBot({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      MicrosoftAppId: 'plan-switch-fuzz-app',
      MicrosoftAppPassword: 'Fuzz-Only-Secret-77aa',
      ToBotFromChannelOpenIdMetadataUrl: issuer.channelMetadataUrl,
      ToBotFromChannelTokenIssuer: issuer.issuer,
      ToBotFromEmulatorOpenIdMetadataUrl: issuer.emulatorMetadataUrl,
      ToChannelFromBotLoginUrl: issuer.loginUrl,
      ALLOWED_SERVICE_HOSTS: '127.0.0.1',
    });
    try {
      const context: FuzzContext = { serviceUrl: connector.serviceUrl, people: [{ conversationId: 'fuzz-auth', userId: 'fuzz-auth-user' }] };
      const requests = Array.from({ length: TOKENS }, () => {
        const request = fuzzActivity(rng, context);
        const authorization = fuzzAuthorization(rng);
        return { ...request, headers: { ...request.headers, ...(authorization === undefined ? {} : { authorization }) } };
      });
      const tally = newTally();
      await fire(bot, requests, tally, (status) => [400, 401, 403, 413, 415].includes(status));
      console.log(`fuzz (tokens): ${tally.sent} requests; statuses ${JSON.stringify(tally.byStatus)}`);
      expect(tally.bad).toEqual([]);
      expect(bot.child.exitCode).toBeNull();
      const lines = logLines(bot.output());
      expect(lines.filter((l) => FAILURES.has(l.event))).toEqual([]);
      // No turn ran: nothing reached the connector, nothing was fetched but the loopback key set.
      expect(connector.received.filter((r) => r.conversationId === 'fuzz-auth')).toEqual([]);
      expect(issuer.requests.every((r) => r.startsWith('GET /v1/') || r.startsWith('GET /emulator/'))).toBe(true);
      expect(lines.filter((l) => l.event === 'auth.refused').length).toBe(tally.byStatus[401] ?? 0);
    } finally {
      await bot.stop();
      collected += bot.output();
      await issuer.close();
    }
  }, 120_000);
});
