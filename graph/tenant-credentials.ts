import type { TokenCredential } from '@azure/identity';
import type { GraphConfig } from './config';
import { graphCredential, graphScope, sharedTokens, type CredentialOptions } from './credential';

// One app registration (multi-tenant), signed in to each consented tenant on its own: client credentials
// against that tenant's authority ({GRAPH_AUTHORITY_HOST}/{tenant}), so each token carries that tenant's
// `tid` and only reaches its data. A certificate (GRAPH_CLIENT_CERTIFICATE_PATH) is preferred to a secret.

export interface TenantCredentialOptions extends CredentialOptions {
  /** Milliseconds now, for the tokens' expiry; Date.now by default. */
  now?: () => number;
  /** Instead of @azure/identity's ClientSecretCredential/ClientCertificateCredential (tests). */
  create?: (tenantId: string) => TokenCredential;
}

export class TenantCredentials {
  private readonly byTenant = new Map<string, TokenCredential>();

  constructor(
    private readonly app: GraphConfig,
    private readonly options: TenantCredentialOptions = {},
  ) {}

  /**
   * The tenant's credential: one token in flight at a time, reused until five minutes before it expires,
   * then renewed. Tokens of different tenants never share a cache entry.
   */
  forTenant(tenantId: string): TokenCredential {
    const key = tenantId.toLowerCase();
    let credential = this.byTenant.get(key);
    if (!credential) {
      const inner = this.options.create?.(key) ?? graphCredential({ ...this.app, tenantId: key }, this.options.ca === undefined ? {} : { ca: this.options.ca });
      credential = sharedTokens(inner, this.options.now);
      this.byTenant.set(key, credential);
    }
    return credential;
  }

  /** Whether the app can sign in to the tenant now, that is, whether its administrator's consent took effect. */
  async canSignIn(tenantId: string): Promise<boolean> {
    try {
      return (await this.forTenant(tenantId).getToken(graphScope(this.app.baseUrl))) !== null;
    } catch {
      // Entra answers AADSTS700016 (the app is not in that directory) until the consent is given.
      this.byTenant.delete(tenantId.toLowerCase());
      return false;
    }
  }
}
