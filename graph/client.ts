import type { TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, GraphError } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { Clock } from './clock';
import type { GraphConfig } from './config';
import { graphScope, sharedTokens } from './credential';
import { GraphAuthError, GraphRequestError, GraphUnreachableError } from './errors';
import { HttpsHandler } from './http/https-handler';
import { ReadRetryHandler } from './http/retry-handler';
import type { RetryPolicy } from './retry-policy';

// The Microsoft Graph SDK client with this gateway's middleware chain: the SDK's AuthenticationHandler
// (bearer tokens from @azure/identity), reads retried on 429/5xx without the SDK's 180-second cap,
// and node:https with kept-alive connections. The SDK's own RetryHandler is left out on purpose.

export interface GraphHttp {
  /** GET a path under /v1.0 (or a full @odata.nextLink) and return its JSON body; errors after retries throw GraphRequestError. */
  get<T>(pathOrUrl: string): Promise<T>;
  /** POST JSON once (no retry); the status and body are returned whatever the status. */
  postRaw(path: string, body: unknown): Promise<{ status: number; headers: Headers; body: unknown }>;
  close(): void;
}

export interface GraphHttpOptions {
  config: GraphConfig;
  credential: TokenCredential;
  clock: Clock;
  retry: RetryPolicy;
  /** Extra CA certificates (PEM) to trust: a local test server's. */
  ca?: string;
}

const VERSION = 'v1.0';

export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const { config } = options;
  const authProvider = new TokenCredentialAuthenticationProvider(sharedTokens(options.credential), { scopes: [graphScope(config.baseUrl)] });
  const auth = new AuthenticationHandler(authProvider);
  const retry = new ReadRetryHandler(options.clock, options.retry);
  const https = new HttpsHandler(options.ca === undefined ? {} : { ca: options.ca });
  auth.setNext(retry);
  retry.setNext(https);
  const client = Client.initWithMiddleware({
    middleware: auth,
    baseUrl: config.baseUrl,
    defaultVersion: VERSION,
    customHosts: new Set([new URL(config.baseUrl).hostname]),
  });
  const absolute = (pathOrUrl: string) => (/^https:\/\//i.test(pathOrUrl) ? pathOrUrl : `${config.baseUrl}/${VERSION}${pathOrUrl}`);

  return {
    async get<T>(pathOrUrl: string): Promise<T> {
      try {
        return (await client.api(absolute(pathOrUrl)).get()) as T;
      } catch (error) {
        throw translate(error, 'GET', absolute(pathOrUrl));
      }
    },
    async postRaw(path, body) {
      try {
        const response = (await client.api(absolute(path)).responseType('raw' as never).post(body)) as Response;
        const text = await response.text();
        let parsed: unknown = undefined;
        if (text) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
        }
        return { status: response.status, headers: response.headers, body: parsed };
      } catch (error) {
        throw translate(error, 'POST', absolute(path));
      }
    },
    close: () => https.close(),
  };
}

function pathOnly(pathOrUrl: string): string {
  try {
    return new URL(pathOrUrl, 'https://graph.invalid').pathname;
  } catch {
    return pathOrUrl.split('?')[0] ?? pathOrUrl;
  }
}

/** The SDK's and the identity library's errors as this gateway's typed errors. */
export function translate(error: unknown, method: string, pathOrUrl: string): Error {
  if (error instanceof GraphUnreachableError || error instanceof GraphRequestError || error instanceof GraphAuthError) return error;
  if (error instanceof GraphError) {
    // -1: no answer from Graph; the SDK keeps the original error's name as the code.
    if (error.statusCode === -1) {
      if (error.code && AUTH_ERRORS.test(error.code)) return new GraphAuthError(firstLine(error.message));
      return new GraphUnreachableError(pathOrUrl, firstLine(error.message));
    }
    return new GraphRequestError(method, pathOnly(pathOrUrl), error.statusCode, error.code ?? undefined, firstLine(error.message));
  }
  if (error instanceof Error && AUTH_ERRORS.test(error.name)) {
    return new GraphAuthError(firstLine(error.message));
  }
  return error instanceof Error ? error : new Error(String(error));
}

const AUTH_ERRORS = /AuthenticationError|CredentialUnavailableError|AuthenticationRequiredError/;

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? text).trim().slice(0, 300);
}
