import { ConfigurationBotFrameworkAuthentication } from 'botbuilder-core';
import type { ClaimsIdentity, UserTokenClient } from 'botframework-connector';

/**
 * botbuilder's authentication, with user-token clients that can sign someone in without an app id.
 * Local development runs without one, so the client botframework-connector builds has none, and it then
 * refuses to build a sign-in state; with '' the token service OAuthUrl names (a local one) signs the
 * person in. With an app id nothing changes.
 */
export class TokenClientAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const client = (await super.createUserTokenClient(claimsIdentity)) as UserTokenClient & { appId?: string };
    if (client.appId === undefined) client.appId = '';
    return client;
  }
}
