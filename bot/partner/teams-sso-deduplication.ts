import type { Middleware, Storage } from 'botbuilder-core';

/**
 * Teams sends the same `signin/tokenExchange` from every client the agent has open (desktop, web,
 * phone) at once. botbuilder's TeamsSSOTokenExchangeMiddleware answers each of them and lets one only
 * through to the OAuth prompt, by writing the exchange's id to storage with an eTag that only the first
 * write can match; without it the prompt would sign the agent in, and answer, once per client.
 * Loaded from its own file: botbuilder's index would load the whole Teams and streaming stack.
 */
export async function teamsSsoDeduplication(storage: Storage, connectionName: string): Promise<Middleware> {
  const { TeamsSSOTokenExchangeMiddleware } = await import('botbuilder/lib/teams/teamsSSOTokenExchangeMiddleware.js');
  return new TeamsSSOTokenExchangeMiddleware(storage, connectionName);
}
