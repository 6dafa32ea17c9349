import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from './logger';
import type { PlanSwitchBot } from './plan-switch-bot';

export const MAX_BODY_BYTES = 256 * 1024;

/** restify with the Bot Framework endpoint and a health check. */
export function createServer(adapter: CloudAdapter, bot: PlanSwitchBot, logger: Logger): restify.Server {
  const server = restify.createServer({ name: 'plan-switch-bot', handleUncaughtExceptions: false });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  // Each route reads its own body, with its own size limit (the local Direct Line's are smaller).
  server.post('/api/messages', restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }), async (req, res) => {
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      logger.error('http.messages.failed', { error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.on('restifyError', (req, res, error, callback) => {
    logger.warn('http.error', { status: (error as { statusCode?: number }).statusCode, route: req.getRoute()?.path });
    return callback();
  });
  return server;
}
