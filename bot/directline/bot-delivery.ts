import type { CloudAdapter } from 'botbuilder';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder-core';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, ConnectorFactory, MicrosoftAppCredentials, type AuthenticateRequestResult } from 'botframework-connector';
import type { JsonActivity } from './conversations';

/** Hands a visitor's activity to the bot, and runs proactive turns for Direct Line conversations. */
export interface BotDelivery {
  deliver(activity: JsonActivity, signal: AbortSignal): Promise<void>;
}

export class BotDeliveryError extends Error {
  constructor(readonly status: number) {
    super(`the bot answered ${status}`);
  }
}

/**
 * Local development (no app id): the activity is POSTed to the bot's own /api/messages over loopback,
 * the very path the Emulator and the channels use; the CloudAdapter posts the replies to the serviceUrl.
 */
export class LoopbackDelivery implements BotDelivery {
  constructor(private readonly messagesUrl: () => string) {}

  async deliver(activity: JsonActivity, signal: AbortSignal): Promise<void> {
    const response = await fetch(this.messagesUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new BotDeliveryError(response.status);
  }
}

/** Replies to the local Direct Line need no Bot Framework token: it is this process, on loopback. */
class LoopbackConnectorFactory extends ConnectorFactory {
  async create(serviceUrl: string): Promise<ConnectorClient> {
    return new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
  }
}

/**
 * With an app id, /api/messages accepts only tokens that the Bot Framework signed, which a visitor of
 * the local Direct Line does not have: the activity, already checked against its conversation's token,
 * goes straight into the CloudAdapter as the bot's own app, and the replies go back over loopback.
 */
export class DirectDelivery implements BotDelivery {
  private readonly auth: AuthenticateRequestResult;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly logic: (context: TurnContext) => Promise<void>,
    appId: string,
  ) {
    const claimsIdentity = new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: appId },
        { type: AuthenticationConstants.AppIdClaim, value: appId },
      ],
      true,
    );
    this.auth = { audience: appId, claimsIdentity, connectorFactory: new LoopbackConnectorFactory() };
  }

  async deliver(activity: JsonActivity): Promise<void> {
    await this.adapter.processActivityDirect(this.auth, activity as unknown as Activity, this.logic);
  }

  /** A proactive turn in a Direct Line conversation, the way continueConversationAsync runs one. */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true);
    await this.adapter.processActivityDirect(this.auth, activity as Activity, logic);
  }
}
