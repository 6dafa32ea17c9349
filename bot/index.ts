import { once } from 'node:events';
import { createAdapter } from './adapter';
import { parseConfig } from './config';
import { composeBot } from './compose';
import { createLogger } from './logger';
import { createServer } from './server';

// `npm start`: the bot on its embedded defaults (demo tenants, SQLite state in .data/).
async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(2);
  }
  const config = parsed.config;
  const logger = createLogger(config.logLevel);
  const adapter = createAdapter(config, logger);
  const parts = await composeBot(config, logger, (reference, logic) => adapter.continueConversationAsync(config.auth?.appId ?? '', reference, logic));
  const server = createServer(adapter, parts.bot, logger);
  server.listen(config.port);
  await once(server.server, 'listening');
  const address = server.address();
  logger.info('bot.started', { port: address.port, mode: config.auth ? 'authenticated' : 'local-development', storage: config.storage });
  const resumed = await parts.switching.resumeUnfinished();
  if (resumed > 0) logger.info('switch.resumed', { jobs: resumed });

  const shutdown = async (signal: string) => {
    logger.info('bot.stopping', { signal });
    server.close();
    await Promise.race([parts.switching.idle(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    parts.stores.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
