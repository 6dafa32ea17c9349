import { ClientCertificateCredential, ClientSecretCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import type { GraphConfig } from './config';
import { extraCaOptions } from './extra-ca';

// The app's identity: client credentials (a secret, or a certificate's PEM file holding its private key),
// signed in at GRAPH_AUTHORITY_HOST. The authority is trusted as configured (no instance discovery
// against Microsoft's public cloud), so a national cloud or a local test server works the same way.

export interface CredentialOptions {
  /** Extra CA certificates (PEM) to trust for the token endpoint: a test server's, never needed for Microsoft's. */
  ca?: string;
}

export function graphCredential(config: GraphConfig, options: CredentialOptions = {}): TokenCredential {
  const common = {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
    ...extraCaOptions(options.ca),
  };
  return config.credentials.kind === 'secret'
    ? new ClientSecretCredential(config.tenantId, config.clientId, config.credentials.secret, common)
    : new ClientCertificateCredential(config.tenantId, config.clientId, { certificatePath: config.credentials.certificatePath }, common);
}

// In a file of its own so the bot can name the scope without loading @azure/identity.
export { graphScope } from './scope';

/**
 * One token request at a time: concurrent callers (a snapshot reads ten collections at once) share the
 * request in flight, and a token is reused until five minutes before it expires.
 */
export function sharedTokens(credential: TokenCredential, now: () => number = Date.now): TokenCredential {
  let cached: { scopes: string; token: AccessToken } | undefined;
  let pending: { scopes: string; promise: Promise<AccessToken | null> } | undefined;
  return {
    async getToken(scopes, options) {
      const key = [scopes].flat().join(' ');
      if (cached && cached.scopes === key && cached.token.expiresOnTimestamp - now() > 5 * 60_000) return cached.token;
      if (pending && pending.scopes === key) return pending.promise;
      const promise = credential.getToken(scopes, options).finally(() => {
        if (pending?.promise === promise) pending = undefined;
      });
      pending = { scopes: key, promise };
      const token = await promise;
      if (token) cached = { scopes: key, token };
      return token;
    },
  };
}
