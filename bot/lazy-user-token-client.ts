import { UserTokenClient } from 'botframework-connector';
import type { Activity, SignInUrlResponse, TokenExchangeRequest, TokenResponse, TokenStatus } from 'botbuilder-core';

/**
 * The user-token client of an `expectReplies` turn, built on its first use: most turns never sign
 * anyone in, and building it for every turn was a fifth of the stock echo bot's CPU. The OAuth prompt
 * (the CSP helpdesk's sign-in) finds it where CloudAdapter puts its own.
 */
export class LazyUserTokenClient extends UserTokenClient {
  private client: Promise<UserTokenClient> | undefined;

  constructor(private readonly create: () => Promise<UserTokenClient>) {
    super();
  }

  private real(): Promise<UserTokenClient> {
    this.client ??= this.create();
    return this.client;
  }

  async getUserToken(userId: string, connectionName: string, channelId: string, magicCode: string): Promise<TokenResponse> {
    return (await this.real()).getUserToken(userId, connectionName, channelId, magicCode);
  }

  async getSignInResource(connectionName: string, activity: Activity, finalRedirect: string): Promise<SignInUrlResponse> {
    return (await this.real()).getSignInResource(connectionName, activity, finalRedirect);
  }

  async signOutUser(userId: string, connectionName: string, channelId: string): Promise<void> {
    return (await this.real()).signOutUser(userId, connectionName, channelId);
  }

  async getTokenStatus(userId: string, channelId: string, includeFilter: string): Promise<TokenStatus[]> {
    return (await this.real()).getTokenStatus(userId, channelId, includeFilter);
  }

  async getAadTokens(userId: string, connectionName: string, resourceUrls: string[], channelId: string): Promise<Record<string, TokenResponse>> {
    return (await this.real()).getAadTokens(userId, connectionName, resourceUrls, channelId);
  }

  async exchangeToken(userId: string, connectionName: string, channelId: string, exchangeRequest: TokenExchangeRequest): Promise<TokenResponse> {
    return (await this.real()).exchangeToken(userId, connectionName, channelId, exchangeRequest);
  }
}
