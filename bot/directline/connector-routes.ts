import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { MAX_BODY_BYTES } from '../server';
import type { JsonActivity } from './conversations';
import type { DirectLine } from './direct-line';
import { fromLoopback, jsonBody, sendError } from './http';

const BASE = '/directline-connector/:secret/v3/conversations/:conversationId/activities';

const param = (req: Request, name: string): string => String((req.params as Record<string, unknown>)[name] ?? '');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The Bot Connector endpoints the CloudAdapter posts replies and proactive messages to, at the
 * serviceUrl the local Direct Line gives the bot. Only the bot itself may post here: a request must come
 * over loopback, carry this process's random path secret, and name a conversation that exists.
 */
export function mountConnectorRoutes(server: Server, directLine: DirectLine): void {
  const body = jsonBody(MAX_BODY_BYTES);

  const fromTheBot = (req: Request, res: Response): boolean => {
    if (!fromLoopback(req) || !sameSecret(param(req, 'secret'), directLine.connectorSecret)) {
      sendError(res, 403, 'Forbidden', 'only the bot may post here');
      return false;
    }
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      sendError(res, 400, 'BadArgument', 'an activity must be a JSON object');
      return false;
    }
    return true;
  };

  const send = async (req: Request, res: Response) => {
    if (!fromTheBot(req, res)) return;
    const stored = directLine.fromBot(param(req, 'conversationId'), req.body as JsonActivity);
    if (!stored) return sendError(res, 404, 'NotFound', 'no such conversation');
    res.send(200, stored);
  };

  server.post(BASE, body, send);
  server.post(`${BASE}/:replyToId`, body, send);
  server.put(`${BASE}/:activityId`, body, async (req: Request, res: Response) => {
    if (!fromTheBot(req, res)) return;
    const updated = directLine.updateFromBot(param(req, 'conversationId'), param(req, 'activityId'), req.body as JsonActivity);
    if (!updated) return sendError(res, 404, 'NotFound', 'no such conversation or activity');
    res.send(200, updated);
  });
}
