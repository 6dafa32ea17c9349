// botbuilder's index loads its streaming, Teams, skills and SharePoint parts too; only CloudAdapter is used.
import { CloudAdapter } from 'botbuilder/lib/cloudAdapter.js';
import {
  BotCallbackHandlerKey,
  CallerIdConstants,
  DeliveryModes,
  TurnContext,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
} from 'botbuilder-core';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
} from 'botframework-connector';
import type { AuthEndpoints, BotConfig } from './config';
import type { Logger } from './logger';
import { isTenantAllowed, teamsTenantId } from './identity/resolve-identity';
import { LazyUserTokenClient } from './lazy-user-token-client';
import { TokenClientAuthentication } from './token-client-authentication';
import { classifyAuthError, normalizedAuthorization, precheckAuthorization } from './security/inbound-auth';
import { readInboundActivity } from './security/inbound-activity';
import { serviceHostPolicy, type ServiceHostPolicy } from './security/service-hosts';

export type Logic = (context: TurnContext) => Promise<void>;

/** What /api/messages answers: a status, and for invokes and expectReplies a body. */
export interface MessagesAnswer {
  status: number;
  body?: unknown;
}

/** A proactive message to a host outside ALLOWED_SERVICE_HOSTS, refused before any token is fetched. */
export class ServiceHostRefused extends Error {
  constructor() {
    super('the conversation reference points at a host that is not allowed');
    this.name = 'ServiceHostRefused';
  }
}

/** Only the host of a URL, for logs (never the path: the local Direct Line's holds a secret). */
function hostOf(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    return new URL(url).host.slice(0, 255);
  } catch {
    return '[unparseable]';
  }
}

const short = (value: unknown) => (typeof value === 'string' ? value.slice(0, 64) : undefined);

/**
 * botbuilder's CloudAdapter with the bot's own front door. `receive` takes one parsed POST to
 * /api/messages: the activity's shape is checked, then its token (with an app id), then the host
 * its replies would go to, and only then does a turn run. Every refusal is a status without text and
 * an audit line; nothing botbuilder throws reaches the caller. Proactive messages go only to allowed hosts.
 */
export class PlanSwitchAdapter extends CloudAdapter {
  constructor(
    private readonly authentication: BotFrameworkAuthentication,
    private readonly security: { logger: Logger; hosts: ServiceHostPolicy; requireToken: boolean; tenantAllowed?: (tenantId: string) => boolean },
  ) {
    super(authentication);
  }

  /** `reachedOnLoopback`: whether the HTTP request came from and to a loopback address (undefined in process; see security/service-hosts.ts). */
  async receive(body: unknown, rawAuthorization: string | undefined, logic: Logic, reachedOnLoopback?: boolean): Promise<MessagesAnswer> {
    const { logger, hosts, requireToken } = this.security;
    const authorization = normalizedAuthorization(rawAuthorization);
    const read = readInboundActivity(body);
    if (!read.ok) {
      logger.warn('http.messages.invalid', { reason: read.reason });
      return { status: 400 };
    }
    const activity = read.activity;
    const who = { channelId: short(activity.channelId), activityType: short(activity.type) };

    let authenticated: AuthenticateRequestResult;
    if (requireToken) {
      const early = precheckAuthorization(authorization, activity);
      if (early) {
        logger.audit('auth.refused', { reason: early, ...who });
        return { status: 401 };
      }
    }
    try {
      authenticated = await this.authentication.authenticateRequest(activity, requireToken ? authorization! : '');
    } catch (error) {
      const reason = classifyAuthError(error);
      logger.audit('auth.refused', { reason, ...who });
      return { status: reason === 'metadata-unavailable' ? 503 : 401 };
    }

    // The replies go to the activity's serviceUrl (which a channel's token vouches for): only to allowed hosts.
    if (!hosts.allows(activity.serviceUrl, reachedOnLoopback)) {
      logger.audit('service-host.refused', { direction: 'inbound', host: hostOf(activity.serviceUrl), ...who });
      return { status: 403 };
    }

    // A tenant that may not use the bot is refused before its turn: 403, and nothing is stored for it.
    const tenantId = teamsTenantId(activity);
    if (tenantId !== undefined && this.security.tenantAllowed && !this.security.tenantAllowed(tenantId)) {
      logger.audit('access.refused', { reason: 'tenant-not-allowed', tenantId: short(tenantId), ...who });
      return { status: 403 };
    }

    try {
      const invokeResponse = await this.processActivity(authenticated, activity, logic);
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (error) {
      logger.error('turn.unhandled', { error, ...who });
      return { status: 500 };
    }
  }

  /**
   * An `expectReplies` turn answers in the HTTP response, so it needs neither the connector client nor
   * the user-token client that CloudAdapter builds for every turn (a fifth of the stock echo bot's CPU):
   * the connector client is built only if the turn updates or deletes an activity, the user-token client
   * on its first use (a sign-in). Other turns go through CloudAdapter unchanged.
   */
  override async processActivity(
    authOrResult: string | AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined> {
    if (typeof authOrResult === 'string') return super.processActivity(authOrResult, activity, logic);
    if (activity.deliveryMode !== DeliveryModes.ExpectReplies) return super.processActivity(authOrResult, activity, logic);
    // As CloudAdapter does: the caller is who the token says, never what the activity claims.
    (activity as { callerId?: string }).callerId = authOrResult.callerId;
    const context = new TurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, authOrResult.claimsIdentity);
    context.turnState.set(BotCallbackHandlerKey, logic);
    context.turnState.set(this.ConnectorFactoryKey, authOrResult.connectorFactory);
    context.turnState.set(this.OAuthScopeKey, authOrResult.audience);
    context.turnState.set(this.UserTokenClientKey, new LazyUserTokenClient(() => this.botFrameworkAuthentication.createUserTokenClient(authOrResult.claimsIdentity)));
    await this.runMiddleware(context, logic);
    return { status: 200, body: { activities: context.bufferedReplyActivities } };
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    await this.ensureConnectorClient(context);
    return super.updateActivity(context, activity);
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    await this.ensureConnectorClient(context);
    return super.deleteActivity(context, reference);
  }

  private async ensureConnectorClient(context: TurnContext): Promise<void> {
    if (context.turnState.get(this.ConnectorClientKey)) return;
    const factory = context.turnState.get<ConnectorFactory | undefined>(this.ConnectorFactoryKey);
    const serviceUrl = context.activity.serviceUrl;
    if (!factory || !serviceUrl) return;
    const client: ConnectorClient = await factory.create(serviceUrl, context.turnState.get(this.OAuthScopeKey));
    context.turnState.set(this.ConnectorClientKey, client);
  }

  /** A proactive turn, only towards an allowed host. */
  override async continueConversationAsync(
    botAppIdOrClaimsIdentity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic,
  ): Promise<void> {
    if (!this.security.hosts.allows(reference.serviceUrl)) {
      this.security.logger.audit('service-host.refused', { direction: 'proactive', host: hostOf(reference.serviceUrl), channelId: short(reference.channelId) });
      throw new ServiceHostRefused();
    }
    return super.continueConversationAsync(botAppIdOrClaimsIdentity, reference, logicOrAudience, maybeLogic);
  }
}

/**
 * botbuilder's authentication settings. Unset endpoints are Microsoft's public cloud; once any one is
 * set, botbuilder takes all of them as given (ParameterizedBotFrameworkAuthentication), so the unset
 * ones are filled with the public cloud's values rather than left empty.
 */
export function authenticationSettings(endpoints: AuthEndpoints = {}): Record<string, string> {
  if (Object.values(endpoints).every((value) => value === undefined)) return {};
  return {
    ToBotFromChannelOpenIdMetadataUrl: endpoints.ToBotFromChannelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: endpoints.ToBotFromChannelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: endpoints.ToBotFromEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: endpoints.ToChannelFromBotLoginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: endpoints.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: endpoints.OAuthUrl ?? AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * botbuilder's CloudAdapter. Without an app id (local development) it accepts unauthenticated
 * requests; with one, only requests carrying a valid Bot Framework token.
 */
export function createAdapter(config: BotConfig, logger: Logger): PlanSwitchAdapter {
  const auth = config.auth;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: auth?.appId,
    MicrosoftAppPassword: auth?.appPassword,
    MicrosoftAppType: auth?.appType,
    MicrosoftAppTenantId: auth?.tenantId,
  });
  const authentication = new TokenClientAuthentication(authenticationSettings(config.authEndpoints), credentials);
  const hosts = serviceHostPolicy(config.allowedServiceHosts, auth === undefined);
  const adapter = new PlanSwitchAdapter(authentication, {
    logger,
    hosts,
    requireToken: auth !== undefined,
    ...(config.allowedTenants ? { tenantAllowed: (tenantId: string) => isTenantAllowed(config, tenantId) } : {}),
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('turn.failed', { error, activityType: context.activity.type, channelId: context.activity.channelId });
    // The Emulator shows this trace; a channel that cannot be reached must not turn a handled error into a failed request.
    await context.sendActivity({ type: 'trace', name: 'TurnError', label: 'TurnError', value: 'error' } satisfies Partial<Activity>).catch(() => undefined);
  };
  return adapter;
}
