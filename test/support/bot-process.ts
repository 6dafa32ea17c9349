import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startTokenIssuer, type TokenIssuer } from './token-issuer';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BotProcess {
  port: number;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls /healthz until the bot answers; throws with its output if it exits first or takes over 30 s. */
export async function waitUntilHealthy(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited early: ${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`bot did not start: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const TEST_APP_ID = 'plan-switch-test-app';
export const TEST_APP_PASSWORD = 'Test-Only-Secret-5b7d2a';

/** The bot's settings for a channel whose tokens the loopback issuer signs (and whose connector is on loopback). */
export function channelAuthEnv(issuer: TokenIssuer): Record<string, string> {
  return {
    MicrosoftAppId: TEST_APP_ID,
    MicrosoftAppPassword: TEST_APP_PASSWORD,
    ToBotFromChannelOpenIdMetadataUrl: issuer.channelMetadataUrl,
    ToBotFromChannelTokenIssuer: issuer.issuer,
    ToBotFromEmulatorOpenIdMetadataUrl: issuer.emulatorMetadataUrl,
    ToChannelFromBotLoginUrl: issuer.loginUrl,
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: issuer.url,
    ALLOWED_SERVICE_HOSTS: '127.0.0.1',
  };
}

/** A token as the channel signs it for this bot and this serviceUrl. */
export function channelToken(issuer: TokenIssuer, serviceUrl: unknown): string {
  const now = Math.floor(Date.now() / 1000);
  return issuer.sign({ iss: issuer.issuer, aud: TEST_APP_ID, serviceurl: serviceUrl, iat: now - 60, nbf: now - 60, exp: now + 3600 });
}

// TENANT_SOURCE=graph refuses to start without an app id (it would move real licences for anyone), so
// a Graph-sourced bot gets one here with a loopback token issuer, and exchange() signs its activities.
const issuersByPort = new Map<number, TokenIssuer>();

/** `npm start`'s entry point as a real process on a free port, ready once /healthz answers. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  let issuer: TokenIssuer | undefined;
  if (env.TENANT_SOURCE === 'graph' && !env.MicrosoftAppId) {
    issuer = await startTokenIssuer();
    issuersByPort.set(port, issuer);
    env = { ...channelAuthEnv(issuer), TEST_CHANNEL_LOGIN_URL: issuer.loginUrl, ...env };
  }
  // One process, not tsx's launcher and its child, so a SIGKILL really kills the bot.
  const preloads = issuer ? ['--import', join(import.meta.dirname, 'preload', 'loopback-channel-token.ts')] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...preloads, join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitUntilHealthy(child, port, () => output);
  return {
    port,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signal);
        await exited;
      }
      if (issuer && issuersByPort.get(port) === issuer) {
        issuersByPort.delete(port);
        await issuer.close();
      }
    },
  };
}

/** A stand-in for the channel's connector: records the activities the bot posts to a conversation. */
export interface ConnectorDouble {
  serviceUrl: string;
  received: { conversationId: string; activity: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startConnectorDouble(): Promise<ConnectorDouble> {
  const received: ConnectorDouble['received'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        received.push({ conversationId: decodeURIComponent(match[1]!), activity: JSON.parse(body || '{}') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `act-${received.length}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { serviceUrl: `http://127.0.0.1:${port}/`, received, close: () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }) };
}

/** POSTs one activity with deliveryMode expectReplies and returns the replies from the response body. */
export async function exchange(port: number, activity: Record<string, unknown>): Promise<{ status: number; activities: Record<string, any>[] }> {
  const issuer = issuersByPort.get(port);
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(issuer ? { authorization: `Bearer ${channelToken(issuer, activity.serviceUrl)}` } : {}) },
    body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  return { status: response.status, activities: (body.activities ?? []) as Record<string, any>[] };
}
