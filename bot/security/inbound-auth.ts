import type { Activity } from 'botbuilder';
import { AuthenticationConstants, SkillValidation } from 'botframework-connector';

// The checks in front of botbuilder's token validation, and what its failures mean.
//
// botbuilder validates a channel's token completely (signature against the OpenID key set, issuer,
// audience, lifetime with five minutes of clock skew, the serviceUrl claim, the key's endorsements),
// but it answers some failures with 500 and its error text, and it logs with console.error. So a
// request is first checked here for what needs no key at all (the header's form, the algorithm, a
// token shape this bot never accepts), then handed to botbuilder, and every failure of either becomes
// one 401 with a fixed body and one audit line naming the reason.

export type AuthRefusal =
  | 'no-header'
  | 'bad-scheme'
  | 'malformed-token'
  | 'algorithm'
  | 'skill-token'
  | 'unsupported-channel'
  | 'expired'
  | 'no-expiry'
  | 'not-yet-valid'
  | 'signature'
  | 'unknown-key'
  | 'issuer'
  | 'audience'
  | 'service-url'
  | 'endorsement'
  | 'rejected'
  | 'metadata-unavailable';

const ALGORITHMS: readonly string[] = AuthenticationConstants.AllowedSigningAlgorithms;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const MAX_HEADER = 16 * 1024;

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The token of a `Bearer` header; the scheme is case-insensitive (RFC 6750, section 2.1, after RFC 7235). */
export function bearerCredentials(header: string): string | undefined {
  const match = /^bearer +(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * The header as botbuilder reads it: it compares the scheme with 'Bearer' exactly, so `bearer x` is
 * handed on as `Bearer x`. Anything else is left as it is (and refused by precheckAuthorization).
 */
export function normalizedAuthorization(header: string | undefined): string | undefined {
  const token = header === undefined ? undefined : bearerCredentials(header);
  return token === undefined ? header : `Bearer ${token}`;
}

/**
 * What is wrong with a request's Authorization header before any key is fetched, or undefined when it
 * is a well-formed RS256/384/512 JWT that botbuilder should now validate.
 */
export function precheckAuthorization(header: string | undefined, activity: Pick<Activity, 'channelId'>): AuthRefusal | undefined {
  if (!header || header.trim() === '') return 'no-header';
  if (header.length > MAX_HEADER) return 'malformed-token';
  const token = bearerCredentials(header);
  if (token === undefined) return 'bad-scheme';
  const parts = token.split('.');
  if (parts.length !== 3 || !SEGMENT.test(parts[0]!) || !SEGMENT.test(parts[1]!)) return 'malformed-token';
  const head = decodeSegment(parts[0]!);
  const payload = decodeSegment(parts[1]!);
  if (!head || !payload) return 'malformed-token';
  // alg=none, HS256 (with the public key as the secret), ES256…: only the RSA algorithms the Bot Framework signs with.
  if (typeof head.alg !== 'string' || !ALGORITHMS.includes(head.alg)) return 'algorithm';
  if (!parts[2] || !SEGMENT.test(parts[2])) return 'algorithm';
  if (typeof head.kid !== 'string' || head.kid.length === 0 || head.kid.length > 256) return 'unknown-key';
  if (typeof payload.iss !== 'string') return 'issuer';
  // jsonwebtoken checks a lifetime only when the token states one: without `exp` a token would be good forever.
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return 'no-expiry';
  // This bot is no skill: a token from another bot would only make botbuilder fetch another key set first.
  if (SkillValidation.isSkillToken(header)) return 'skill-token';
  // The App Service Environment channel validates against a fixed Microsoft address whatever the configuration says.
  if (activity.channelId === 'AseChannel') return 'unsupported-channel';
  return undefined;
}

/** The reason botbuilder (or jsonwebtoken under it) refused a token, read from its error. */
export function classifyAuthError(error: unknown): AuthRefusal {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (name === 'TokenExpiredError' || /expired/i.test(message)) return 'expired';
  if (name === 'NotBeforeError' || /not active/i.test(message)) return 'not-yet-valid';
  if (/signature/i.test(message)) return 'signature';
  if (/algorithm/i.test(message)) return 'algorithm';
  if (/malformed/i.test(message)) return 'malformed-token';
  if (/Signing Key could not be retrieved/i.test(message)) return 'unknown-key';
  if (/endorsement/i.test(message)) return 'endorsement';
  if (/ServiceUrl/i.test(message)) return 'service-url';
  if (/AppId|audience/i.test(message)) return 'audience';
  if (/Issuer|No valid identity/i.test(message)) return 'issuer';
  if (status === 500 || /Failed to load|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|fetch failed|FetchError/i.test(`${name} ${message}`)) return 'metadata-unavailable';
  return 'rejected';
}
