import type { Server } from 'restify';
import { createAdapter } from './adapter';
import { composeBot, type BotParts } from './compose';
import type { BotConfig } from './config';
import type { DirectLineLimits } from './directline/limits';
import { mountDirectLine, type MountedDirectLine } from './directline/mount';
import type { Logger } from './logger';
import { createServer } from './server';
import { mountWebChatPage } from './web/web-chat-page';

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
  const server = createServer(adapter, parts.bot, logger);
  if (config.directLine) {
    directLine = mountDirectLine(server, { adapter, bot: parts.bot, config, logger, limits: options.directLineLimits });
    mountWebChatPage(server, { demo: config.auth === undefined });
  }
  return { server, parts, directLine };
}
