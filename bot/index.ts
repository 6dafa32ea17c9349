import { once } from 'node:events';
import { getHeapStatistics } from 'node:v8';
import { openAdminChannel, type AdminChannel } from './admin/admin-channel';
import { createApp } from './app';
import { parseConfig } from './config';
import { captureConsole, captureWarnings, createLogger, redactText } from './logger';

// `npm start`: the bot on its embedded defaults (demo tenants, SQLite state in .data/), with the web chat page.
async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(2);
  }
  const config = parsed.config;
  const logger = createLogger(config.logLevel);
  captureConsole(logger);
  captureWarnings(logger);
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, logger);
  } catch (error) {
    // One line for whoever starts the bot (a tenant that cannot be read, a data folder in use), no stack.
    process.stderr.write(`plan-switch-bot could not start: ${redactText(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
    process.exit(1);
  }
  const { server, parts, directLine } = app;
  server.listen(config.port, config.host);
  await once(server.server, 'listening');
  const address = server.address();
  logger.info('bot.started', {
    port: address.port,
    host: address.address,
    mode: config.auth ? 'authenticated' : 'local-development',
    storage: config.storage,
    webChat: config.directLine ? `http://localhost:${address.port}/` : 'off',
    heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024),
  });
  const resumed = await parts.switching.resumeUnfinished();
  if (resumed > 0) logger.info('switch.resumed', { jobs: resumed });
  // Partner Center transitions confirmed before a restart are followed on, and their conversations told.
  const transitions = await parts.bot.helpdesk?.resumeUnfinished();
  if (transitions) logger.info('partner.resumed', { jobs: transitions });
  // Watches of plan changes bought in the admin centre are in storage: they go on from here.
  parts.watcher.start();
  // The embedded database is this process's alone: `plan-switch tenants` asks the bot instead.
  let admin: AdminChannel | undefined;
  if (config.storage === 'sqlite') {
    admin = await openAdminChannel({ dataDir: config.dataDir, registry: parts.stores.tenants, logger }).catch((error: unknown) => {
      logger.error('admin.unavailable', { error: error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : 'unknown' });
      return undefined;
    });
  }

  const shutdown = async (signal: string) => {
    logger.info('bot.stopping', { signal });
    directLine?.directLine.close();
    server.close();
    await admin?.close();
    // No new job is picked up once stopping; running ones get a few seconds, then resume elsewhere or at the next start.
    parts.switching.stopSweeping();
    parts.watcher.stop();
    await Promise.race([parts.switching.idle(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    parts.stores.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
