import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { BotConfig } from './config';
import type { Logger } from './logger';

/**
 * botbuilder's CloudAdapter. Without an app id (local development) it accepts unauthenticated
 * requests; with one, only requests carrying a valid Bot Framework token.
 */
export function createAdapter(config: BotConfig, logger: Logger): CloudAdapter {
  const auth = config.auth;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: auth?.appId,
    MicrosoftAppPassword: auth?.appPassword,
    MicrosoftAppType: auth?.appType,
    MicrosoftAppTenantId: auth?.tenantId,
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('turn.failed', { error, activityType: context.activity.type, channelId: context.activity.channelId });
    await context.sendActivity({ type: 'trace', name: 'TurnError', label: 'TurnError', value: 'error' });
  };
  return adapter;
}
