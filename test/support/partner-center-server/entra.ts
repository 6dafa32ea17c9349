import { randomBytes, randomUUID } from 'node:crypto';

// The local Microsoft Entra ID for a helpdesk agent's sign-in (App+User): the OAuth 2.0 device
// authorization grant as Entra answers it. Shapes from
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-device-code (devicecode request and
// answer, then token polling: `authorization_pending` until the person has signed in, then the tokens) and
// the OpenID metadata MSAL reads first (same pattern as test/support/graph-server/auth.ts).

export interface AgentAccount {
  /** The partner tenant the agent belongs to (PARTNER_TENANT_ID). */
  tenantId: string;
  /** The app registration allowed to ask (PARTNER_CLIENT_ID), with "Allow public client flows". */
  clientId: string;
  upn: string;
  objectId: string;
  /** Whether the agent's sign-in satisfied MFA (the token's amr claim carries "mfa"). */
  mfa: boolean;
}

interface DeviceCode {
  deviceCode: string;
  userCode: string;
  scope: string;
  /** Polls answered `authorization_pending` before the agent "signs in" in the browser. */
  pendingPollsLeft: number;
  approved: boolean;
  declined: boolean;
}

export interface IssuedToken {
  upn: string;
  mfa: boolean;
  scope: string;
  /** The tenant the token was issued in: the partner's, or a customer's through GDAP. */
  tenant: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class DeviceCodeIssuer {
  readonly tokens = new Map<string, IssuedToken>();
  readonly codes = new Map<string, DeviceCode>();
  /** How many polls answer `authorization_pending` before the code is approved on its own (a test may approve by hand). */
  pendingPolls = 1;
  /** When set, the person declines the sign-in (Entra: authorization_declined). */
  declineNext = false;
  polls = 0;
  /** Customer tenants the agent holds a GDAP relationship with: tokens for them are issued too. */
  readonly gdapTenants = new Set<string>();
  /** Told of every access token issued (a test hands Graph tokens to the local Graph server). */
  onIssued: ((token: string, issued: IssuedToken) => void) | undefined;
  private readonly refreshTokens = new Set<string>();
  /** The app's client secret, for the confidential client's on-behalf-of grant (the bot). */
  readonly clientSecret = 'Test-Only-Partner-Secret-8c1e';

  constructor(readonly account: AgentAccount) {}

  private knowsTenant(tenant: string): boolean {
    return tenant.toLowerCase() === this.account.tenantId.toLowerCase() || this.gdapTenants.has(tenant.toLowerCase());
  }

  openIdConfiguration(authority: string, tenant: string): unknown {
    const base = `${authority}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${authority}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'amr'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    };
  }

  private fail(status: number, error: string, code: number, text: string) {
    return { status, body: { error, error_description: `AADSTS${code}: ${text}`, error_codes: [code], timestamp: new Date().toISOString() } };
  }

  /** POST {authority}/{tenant}/oauth2/v2.0/devicecode */
  deviceCode(tenant: string, form: URLSearchParams, verificationUri: string): { status: number; body: unknown } {
    if (!this.knowsTenant(tenant)) return this.fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    if (form.get('client_id') !== this.account.clientId) return this.fail(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id')}' was not found.`);
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    const deviceCode = randomBytes(32).toString('base64url');
    this.codes.set(deviceCode, { deviceCode, userCode, scope: form.get('scope') ?? '', pendingPollsLeft: this.pendingPolls, approved: false, declined: this.declineNext });
    this.declineNext = false;
    return {
      status: 200,
      body: {
        user_code: userCode,
        device_code: deviceCode,
        verification_uri: verificationUri,
        expires_in: 900,
        // Entra answers 5 seconds; the local one lets MSAL poll again at once, so tests never wait on a clock.
        interval: 0,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      },
    };
  }

  /** The agent opens the page and enters the code (what a test does by hand when pendingPolls is large). */
  approve(userCode: string): boolean {
    for (const code of this.codes.values()) {
      if (code.userCode === userCode) {
        code.approved = true;
        return true;
      }
    }
    return false;
  }

  /** POST {authority}/{tenant}/oauth2/v2.0/token with the device-code grant, or a refresh token (also for a GDAP customer's tenant). */
  token(tenant: string, form: URLSearchParams): { status: number; body: unknown } {
    if (!this.knowsTenant(tenant)) return this.fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    if (form.get('client_id') !== this.account.clientId) return this.fail(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id')}' was not found.`);
    const grant = form.get('grant_type');
    if (grant === 'refresh_token') {
      if (!this.refreshTokens.has(form.get('refresh_token') ?? '')) return this.fail(400, 'invalid_grant', 9002313, 'Invalid request. The refresh token is malformed or not valid.');
      return this.issue(tenant, form.get('scope') ?? '');
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') return this.onBehalfOf(tenant, form);
    // The documented value, and the short one MSAL sends (Entra takes both).
    if (grant !== 'urn:ietf:params:oauth:grant-type:device_code' && grant !== 'device_code') return this.fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    this.polls += 1;
    const code = this.codes.get(form.get('device_code') ?? '');
    if (!code) return this.fail(400, 'expired_token', 70020, 'The provided value for the input parameter device_code is not valid.');
    if (code.declined) return this.fail(400, 'authorization_declined', 70000, 'The user declined the sign-in.');
    if (!code.approved) {
      if (code.pendingPollsLeft > 0) {
        code.pendingPollsLeft -= 1;
        return this.fail(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      }
      code.approved = true;
    }
    this.codes.delete(code.deviceCode);
    return this.issue(tenant, code.scope);
  }

  /** The bot's own API, which the bot's OAuth connection signs the agent in to (the on-behalf-of assertion's audience). */
  appScope(): string {
    return `api://${this.account.clientId}/access_as_user`;
  }

  /**
   * The on-behalf-of grant (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow):
   * a confidential client sends the user's token for itself and gets one for another API, in the user's
   * tenant or, through GDAP, a customer's. An assertion for another audience is AADSTS50013.
   */
  private onBehalfOf(tenant: string, form: URLSearchParams): { status: number; body: unknown } {
    if (form.get('client_secret') !== this.clientSecret) return this.fail(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    if (form.get('requested_token_use') !== 'on_behalf_of') return this.fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'requested_token_use'.");
    const assertion = this.tokens.get(form.get('assertion') ?? '');
    if (!assertion || !assertion.scope.split(' ').includes(this.appScope())) return this.fail(400, 'invalid_grant', 50013, 'Assertion failed signature validation or its audience is not this application.');
    return this.issue(tenant, form.get('scope') ?? '');
  }

  private issue(tenant: string, scope: string): { status: number; body: unknown } {
    const accessToken = randomBytes(24).toString('base64url');
    const issued: IssuedToken = { upn: this.account.upn, mfa: this.account.mfa, scope, tenant };
    this.tokens.set(accessToken, issued);
    this.onIssued?.(accessToken, issued);
    const refreshToken = randomBytes(24).toString('base64url');
    this.refreshTokens.add(refreshToken);
    const now = Math.floor(Date.now() / 1000);
    const idToken = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
      aud: this.account.clientId,
      iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      oid: this.account.objectId,
      sub: this.account.objectId,
      tid: tenant,
      preferred_username: this.account.upn,
      name: this.account.upn,
      ver: '2.0',
    })}.`;
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        scope: scope.split(' ').filter((s) => s !== 'openid' && s !== 'profile' && s !== 'offline_access').join(' '),
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: accessToken,
        refresh_token: refreshToken,
        id_token: idToken,
        client_info: b64({ uid: this.account.objectId, utid: this.account.tenantId }),
      },
    };
  }

  /** The signed-in agent behind a bearer token, or undefined. */
  tokenOf(authorization: string | undefined): IssuedToken | undefined {
    const match = authorization?.match(/^Bearer (.+)$/i);
    return match ? this.tokens.get(match[1]!) : undefined;
  }

  /** A token for the bot's OAuth connection in tests (the token service hands the bot this, after the same sign-in). */
  issueDirect(scope: string): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { upn: this.account.upn, mfa: this.account.mfa, scope, tenant: this.account.tenantId });
    return token;
  }
}

export function newAgentAccount(overrides: Partial<AgentAccount> = {}): AgentAccount {
  return {
    tenantId: 'f1e2d3c4-b5a6-4798-8a7b-6c5d4e3f2a10',
    clientId: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901',
    upn: 'agent@fabrikam-partner.onmicrosoft.com',
    objectId: randomUUID(),
    mfa: true,
    ...overrides,
  };
}
