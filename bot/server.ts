import type { Request, RequestHandler, Response, Server } from 'restify';
import restify from './restify';
import type { MessagesAnswer, PlanSwitchAdapter } from './adapter';
import { answerJson } from './answer-json';
import { readJsonBody } from './json-body';
import type { Logger } from './logger';
import type { PlanSwitchBot } from './plan-switch-bot';
import { problemStatus, sendProblem } from './security/http-problems';
import { isLoopbackAddress } from './security/loopback';

export const MAX_BODY_BYTES = 256 * 1024;

const mediaType = (req: Request) => String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** Only uncompressed JSON reaches the body reader: a compressed body would inflate past any size limit. */
const onlyJson: RequestHandler = (req, res, next) => {
  const encoding = req.headers['content-encoding'];
  if ((encoding && encoding !== 'identity') || mediaType(req) !== 'application/json') {
    sendProblem(res, 415);
    return next(false);
  }
  return next();
};

function answer(res: Response, result: MessagesAnswer): void {
  if (result.status >= 400 && result.body === undefined) return sendProblem(res, problemStatus(result.status));
  if (result.body === undefined) {
    res.sendRaw(result.status, '');
    return;
  }
  res.sendRaw(result.status, answerJson(result.body), { 'content-type': 'application/json; charset=utf-8' });
}

/**
 * restify with the Bot Framework endpoint and a health check. Every response the server makes up
 * itself (a refusal, an unknown route, a body too large or not JSON, an exception) has a fixed body:
 * see security/http-problems.ts.
 */
export function createServer(adapter: PlanSwitchAdapter, bot: PlanSwitchBot, logger: Logger): Server {
  const server = restify.createServer({ name: 'plan-switch-bot', handleUncaughtExceptions: false });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  // Each route reads its own body, with its own size limit (the local Direct Line's are smaller).
  server.post('/api/messages', onlyJson, readJsonBody(MAX_BODY_BYTES), async (req, res) => {
    try {
      const authorization = req.headers.authorization;
      const reachedOnLoopback = isLoopbackAddress(req.socket.localAddress) && isLoopbackAddress(req.socket.remoteAddress);
      answer(res, await adapter.receive(req.body, typeof authorization === 'string' ? authorization : undefined, (context) => bot.run(context), reachedOnLoopback));
    } catch (error) {
      logger.error('http.messages.failed', { error });
      sendProblem(res, 500);
    }
  });

  // Errors restify makes up (404, 405), bodies refused (413, bad JSON) and anything a handler threw: logged, answered with a fixed body.
  server.on('restifyError', (req: Request, res: Response, error: unknown, callback: () => void) => {
    const status = problemStatus((error as { statusCode?: unknown } | undefined)?.statusCode);
    if (status >= 500) logger.error('http.error', { status, route: req.getRoute()?.path, error });
    else logger.warn('http.error', { status, route: req.getRoute()?.path });
    sendProblem(res, status);
    return callback();
  });
  return server;
}
