import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import type { GraphConfig } from './config';

// The app's identity: client credentials (a secret, or a certificate's PEM file holding its private key),
// signed in at GRAPH_AUTHORITY_HOST. The authority is trusted as configured (no instance discovery
// against Microsoft's public cloud), so a national cloud or a local test server works the same way.

export interface CredentialOptions {
  /** Extra CA certificates (PEM) to trust for the token endpoint: a test server's, never needed for Microsoft's. */
  ca?: string;
}

export function graphCredential(config: GraphConfig, options: CredentialOptions = {}): TokenCredential {
  const tls = options.ca === undefined ? undefined : { ca: options.ca };
  const common = {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
    ...(tls
      ? {
          additionalPolicies: [
            {
              position: 'perCall' as const,
              policy: {
                name: 'graph-extra-ca',
                sendRequest(request: { tlsSettings?: unknown }, next: (request: never) => Promise<never>) {
                  // One settings object for every request, so the HTTP client reuses one agent.
                  request.tlsSettings = tls;
                  return next(request as never);
                },
              },
            },
          ],
        }
      : {}),
  };
  return config.credentials.kind === 'secret'
    ? new ClientSecretCredential(config.tenantId, config.clientId, config.credentials.secret, common)
    : new ClientCertificateCredential(config.tenantId, config.clientId, { certificatePath: config.credentials.certificatePath }, common);
}

/** The scope of an app-only token for this Graph endpoint: its root with /.default. */
export function graphScope(baseUrl: string): string {
  return `${baseUrl}/.default`;
}
