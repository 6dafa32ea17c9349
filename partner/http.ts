import { randomUUID } from 'node:crypto';
import { Agent, request as httpsRequest } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import { PartnerRequestError, PartnerSignInError, PartnerThrottledError, PartnerUnreachableError } from './errors';

// One Partner Center call: the agent's bearer token, Partner Center's REST headers (MS-RequestId,
// MS-CorrelationId, https://learn.microsoft.com/en-us/partner-center/developer/headers), and 429 answered
// by waiting Retry-After seconds before the same request goes again with the same MS-RequestId
// (https://learn.microsoft.com/en-us/partner-center/developer/api-throttling-guidance).

/** The App+User scope of Partner Center: the resource, whatever the base URL. */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

export interface PartnerHttpOptions {
  baseUrl: string;
  credential: TokenCredential;
  /** Extra CA certificates (PEM) to trust: a local test server's. */
  ca?: string;
  /** How a wait is spent; a test hands in one that records it. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per request while Partner Center answers 429 (the first included). */
  maxAttempts?: number;
  /** Longest Retry-After the client waits out; a longer one is a PartnerThrottledError at once. */
  maxWaitSeconds?: number;
  /** Told before each wait, so a person sees why nothing happens. */
  onThrottled?: (info: { path: string; retryAfterSeconds: number; attempt: number }) => void;
}

export interface PartnerResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** MS-RequestId: the same id for a repeated call makes Partner Center run it once. */
  requestId?: string;
  headers?: Record<string, string>;
}

const DEFAULT_RETRY_AFTER_SECONDS = 5;

export function retryAfterSeconds(value: string | undefined, now = Date.now()): number {
  if (value === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(0, Math.ceil((date - now) / 1000));
}

export class PartnerHttp {
  private readonly agent: Agent;
  private readonly correlationId = randomUUID();
  private token: { value: string; expiresOn: number } | undefined;
  private pendingToken: Promise<string> | undefined;

  constructor(private readonly options: PartnerHttpOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 4, ...(options.ca === undefined ? {} : { ca: options.ca }) });
  }

  async call(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<PartnerResponse> {
    const requestId = options.requestId ?? randomUUID();
    const maxAttempts = this.options.maxAttempts ?? 5;
    const pathOnly = path.split('?')[0]!;
    for (let attempt = 1; ; attempt++) {
      const response = await this.send(method, path, requestId, options);
      if (response.status === 429) {
        const wait = retryAfterSeconds(response.headers['retry-after']);
        if (attempt >= maxAttempts || wait > (this.options.maxWaitSeconds ?? 120)) throw new PartnerThrottledError(method, pathOnly, wait, attempt);
        this.options.onThrottled?.({ path: pathOnly, retryAfterSeconds: wait, attempt });
        await (this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(wait * 1000);
        continue;
      }
      if (response.status >= 400) {
        const body = (response.body ?? {}) as { code?: unknown; description?: unknown };
        throw new PartnerRequestError(method, pathOnly, response.status, body.code === undefined ? undefined : String(body.code), typeof body.description === 'string' ? body.description : undefined);
      }
      return response;
    }
  }

  close(): void {
    this.agent.destroy();
  }

  /** One sign-in for concurrent callers; the token is reused until five minutes before it expires. */
  private async bearer(): Promise<string> {
    if (this.token && this.token.expiresOn - Date.now() > 5 * 60_000) return this.token.value;
    this.pendingToken ??= (async () => {
      try {
        const token = await this.options.credential.getToken(PARTNER_CENTER_SCOPE);
        if (!token) throw new PartnerSignInError('no_token');
        this.token = { value: token.token, expiresOn: token.expiresOnTimestamp };
        return token.token;
      } catch (error) {
        if (error instanceof PartnerSignInError) throw error;
        // Only Entra's error name, never a message that could carry a token or a user's name.
        const name = error instanceof Error ? (error.message.match(/\b(authorization_declined|expired_token|invalid_client|unauthorized_client|invalid_request|access_denied|AADSTS\d+)\b/)?.[1] ?? error.name) : 'unknown';
        throw new PartnerSignInError(name);
      } finally {
        this.pendingToken = undefined;
      }
    })();
    return this.pendingToken;
  }

  private async send(method: string, path: string, requestId: string, options: CallOptions): Promise<PartnerResponse> {
    const url = `${this.options.baseUrl}${path}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.bearer()}`,
      accept: 'application/json',
      'ms-requestid': requestId,
      'ms-correlationid': this.correlationId,
      'x-locale': 'en-US',
      ...options.headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
    };
    return new Promise<PartnerResponse>((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new PartnerUnreachableError(url.split('?')[0]!, error.message)));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
          let parsed: unknown;
          try {
            parsed = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: out, body: parsed });
        });
      });
      req.on('error', (error) => reject(new PartnerUnreachableError(url.split('?')[0]!, error.message)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}
