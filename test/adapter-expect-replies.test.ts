import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../bot/adapter';
import { parseConfig } from '../bot/config';
import { createLogger } from '../bot/logger';

// An expectReplies turn answers in the HTTP response: the adapter builds no connector client for it
// unless the turn itself reaches the channel (updating a card), and the caller is still who the
// token says, never what the activity claims.

let server: Server;
let serviceUrl: string;
const received: { method: string; url: string; body: { text?: string } }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body: JSON.parse(body || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'updated' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function adapter() {
  const parsed = parseConfig({ STORAGE: 'memory' });
  if (!parsed.ok) throw new Error(parsed.message);
  return createAdapter(parsed.config, createLogger('error', () => undefined));
}

const activity = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  deliveryMode: 'expectReplies',
  channelId: 'webchat',
  serviceUrl,
  conversation: { id: 'conv-1' },
  from: { id: 'user-1' },
  recipient: { id: 'bot' },
  text: 'hello',
  ...extra,
});

describe('an expectReplies turn', () => {
  it('answers in the response body and sends nothing to the channel', async () => {
    const before = received.length;
    const answer = await adapter().receive(activity(), undefined, async (context) => {
      await context.sendActivity('one');
      await context.sendActivity('two');
    });
    expect(answer.status).toBe(200);
    expect((answer.body as { activities: { text: string }[] }).activities.map((a) => a.text)).toEqual(['one', 'two']);
    expect(received.length).toBe(before);
  });

  it('still reaches the channel when the turn updates a card it showed before', async () => {
    const answer = await adapter().receive(activity(), undefined, async (context: TurnContext) => {
      await context.updateActivity({ type: 'message', id: 'card-7', text: 'Handled', conversation: context.activity.conversation });
      await context.sendActivity('done');
    });
    expect(answer.status).toBe(200);
    expect(received.at(-1)).toMatchObject({ method: 'PUT', url: '/v3/conversations/conv-1/activities/card-7', body: { text: 'Handled' } });
  });

  it('does not keep a caller id the activity claims for itself', async () => {
    let callerId: string | undefined = 'unset';
    await adapter().receive(activity({ callerId: 'urn:botframework:azure' }), undefined, async (context) => {
      callerId = context.activity.callerId;
    });
    expect(callerId ?? undefined).toBeUndefined();
  });
});
