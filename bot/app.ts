import type { Server } from 'restify';
import { createAdapter } from './adapter';
import { composeBot, type BotParts } from './compose';
import type { BotConfig } from './config';
import type { DirectLineLimits } from './directline/limits';
import { mountDirectLine, type MountedDirectLine } from './directline/mount';
import type { Logger } from './logger';
import { createServer } from './server';
import { deliverUndelivered } from './switching/undelivered-notices';
import { mountWebChatPage } from './web/web-chat-page';
import { mountOnboarding } from './tenants/onboarding';

export interface App {
  server: Server;
  parts: BotParts;
  /** The local Direct Line, when configuration turns it on. */
  directLine?: MountedDirectLine;
}

/** The bot as `npm start` runs it, not yet listening: adapter, bot, HTTP server, and the web chat when enabled. */
export async function createApp(config: BotConfig, logger: Logger, options: { directLineLimits?: Partial<DirectLineLimits> } = {}): Promise<App> {
  const adapter = createAdapter(config, logger);
  let directLine: MountedDirectLine | undefined;
  const parts = await composeBot(
    config,
    logger,
    (reference, logic) => directLine?.continueConversation(reference, logic) ?? adapter.continueConversationAsync(config.auth?.appId ?? '', reference, logic),
  );
  adapter.use(deliverUndelivered(parts.undelivered, parts.stores.jobs, parts.stores.conversations, logger));
  if (config.partner) {
    const { teamsSsoDeduplication } = await import('./partner/teams-sso-deduplication');
    adapter.use(await teamsSsoDeduplication(parts.stores.storage, config.partner.connectionName));
  }
  const server = createServer(adapter, parts.bot, logger);
  mountOnboarding(server, parts, config, logger);
  if (config.directLine) {
    directLine = mountDirectLine(server, { adapter, bot: parts.bot, config, logger, limits: options.directLineLimits });
    // Before the server listens and before unfinished switches resume: their reports go to these conversations.
    await directLine.directLine.keepIn(parts.stores.storage);
    mountWebChatPage(server, { demo: config.auth === undefined });
  }
  return { server, parts, directLine };
}
