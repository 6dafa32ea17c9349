import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { BotConfig } from '../config';
import type { Logger } from '../logger';
import type { PlanSwitchBot } from '../plan-switch-bot';
import { DirectDelivery, LoopbackDelivery } from './bot-delivery';
import { mountClientRoutes } from './client-routes';
import { mountConnectorRoutes } from './connector-routes';
import { DirectLine } from './direct-line';
import { DEFAULT_LIMITS, type DirectLineLimits } from './limits';

type Logic = (context: TurnContext) => Promise<void>;

export interface MountedDirectLine {
  directLine: DirectLine;
  /**
   * A proactive turn for a Direct Line conversation when the bot has an app id (the adapter's own path
   * would fetch a Bot Framework token to post to this very process); undefined for other conversations.
   */
  continueConversation(reference: Partial<ConversationReference>, logic: Logic): Promise<void> | undefined;
}

/** A serviceUrl of some run of this bot's local Direct Line: loopback, under /directline-connector/. */
function isLocalConnector(serviceUrl: string | undefined): boolean {
  if (!serviceUrl) return false;
  try {
    const url = new URL(serviceUrl);
    return (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]') && url.pathname.startsWith('/directline-connector/');
  } catch {
    return false;
  }
}

/** The local Direct Line on the bot's own server: the client endpoints, and the connector ones the bot answers to. */
export function mountDirectLine(
  server: Server,
  deps: { adapter: CloudAdapter; bot: PlanSwitchBot; config: BotConfig; logger: Logger; limits?: Partial<DirectLineLimits> },
): MountedDirectLine {
  const baseUrl = () => {
    const address = server.address();
    return `http://127.0.0.1:${address.port}`;
  };
  const direct = deps.config.auth ? new DirectDelivery(deps.adapter, (context) => deps.bot.run(context), deps.config.auth.appId) : undefined;
  const delivery = direct ?? new LoopbackDelivery(() => `${baseUrl()}/api/messages`);
  const directLine = new DirectLine({ ...DEFAULT_LIMITS, ...deps.limits }, delivery, baseUrl, deps.logger);
  mountClientRoutes(server, directLine);
  mountConnectorRoutes(server, directLine);
  return {
    directLine,
    continueConversation(reference, logic) {
      // A reference taken before a restart may name another port: a conversation this Direct Line keeps is answered here.
      const ours = reference.serviceUrl === directLine.serviceUrl() || (isLocalConnector(reference.serviceUrl) && reference.conversation?.id !== undefined && directLine.conversations.peek(reference.conversation.id) !== undefined);
      if (!ours) return undefined;
      const here = { ...reference, serviceUrl: directLine.serviceUrl() };
      return direct ? direct.continueConversation(here, logic) : deps.adapter.continueConversationAsync('', here, logic);
    },
  };
}
