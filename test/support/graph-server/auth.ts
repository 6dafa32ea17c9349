import { createPublicKey, createVerify, constants, verify, randomBytes, type KeyObject } from 'node:crypto';

// The token endpoint of the local Graph server: the OAuth 2.0 client-credentials grant as Microsoft
// Entra ID answers it (POST {authority}/{tenant}/oauth2/v2.0/token), with a client secret or a client
// assertion signed by the app's certificate, and the OpenID metadata MSAL reads first.

export interface AppRegistration {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The app certificate's public part (PEM), for client assertions. */
  certificatePem?: string;
}

export class TokenIssuer {
  readonly tokens = new Set<string>();
  issued = 0;
  private readonly certificateKey: KeyObject | undefined;

  constructor(private readonly app: AppRegistration) {
    this.certificateKey = app.certificatePem ? createPublicKey(app.certificatePem) : undefined;
  }

  openIdConfiguration(authority: string, tenant: string): unknown {
    const base = `${authority}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${authority}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${authority}/${tenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${authority}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    };
  }

  /** The answer to a token request: 200 with a bearer token, or Entra's error shape. */
  token(tenant: string, form: URLSearchParams): { status: number; body: unknown } {
    const fail = (status: number, error: string, code: number, text: string) => ({
      status,
      body: { error, error_description: `AADSTS${code}: ${text}`, error_codes: [code], timestamp: new Date().toISOString() },
    });
    if (tenant.toLowerCase() !== this.app.tenantId.toLowerCase()) return fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    if (form.get('grant_type') !== 'client_credentials') return fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (form.get('client_id') !== this.app.clientId) return fail(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id')}' was not found.`);
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    const valid = secret !== null ? secret === this.app.clientSecret : assertion !== null && this.validAssertion(assertion);
    if (!valid) return fail(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    const token = randomBytes(24).toString('base64url');
    this.tokens.add(token);
    this.issued += 1;
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
  }

  isValid(authorization: string | undefined): boolean {
    const match = authorization?.match(/^Bearer (.+)$/);
    return match !== null && match !== undefined && this.tokens.has(match[1]!);
  }

  private validAssertion(jwt: string): boolean {
    if (!this.certificateKey) return false;
    const [header, payload, signature] = jwt.split('.');
    if (!header || !payload || !signature) return false;
    const alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string }).alg;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; sub?: string };
    if (claims.iss !== this.app.clientId || claims.sub !== this.app.clientId) return false;
    const data = Buffer.from(`${header}.${payload}`);
    const sig = Buffer.from(signature, 'base64url');
    if (alg === 'RS256') return createVerify('RSA-SHA256').update(data).verify(this.certificateKey, sig);
    if (alg === 'PS256') return verify('sha256', data, { key: this.certificateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig);
    return false;
  }
}
