import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token carries: the one conversation and user it is good for, and until when. */
export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** The conversation's token generation: a refresh makes the next one, and older ones stop once a newer one is used. */
  generation: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const ISSUER = 'plan-switch-bot/directline';

/**
 * Tokens bound to one conversation, as JWTs signed with HMAC-SHA256 by a key kept in the bot's storage
 * beside the conversations (conversation-archive.ts), so both outlive a restart. Like the Bot Framework's
 * Direct Line, the user id is in the token's `user` claim, where Web Chat reads it, so a page cannot
 * speak as anyone else.
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  sign(claims: TokenClaims): string {
    const payload = Buffer.from(
      JSON.stringify({ iss: ISSUER, conv: claims.conversationId, user: claims.userId, gen: claims.generation, exp: claims.expiresAt / 1000, jti: randomBytes(9).toString('base64url') }),
    ).toString('base64url');
    return `${HEADER}.${payload}.${this.mac(`${HEADER}.${payload}`)}`;
  }

  verify(token: string, now = Date.now()): TokenCheck {
    const [header, payload, signature, extra] = token.split('.');
    if (header !== HEADER || !payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
    let body: { iss?: unknown; conv?: unknown; user?: unknown; gen?: unknown; exp?: unknown };
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (body.iss !== ISSUER || typeof body.conv !== 'string' || typeof body.user !== 'string' || typeof body.exp !== 'number' || !Number.isSafeInteger(body.gen)) {
      return { ok: false, reason: 'malformed' };
    }
    if (body.exp * 1000 <= now) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { conversationId: body.conv, userId: body.user, expiresAt: body.exp * 1000, generation: body.gen as number } };
  }

  private mac(signed: string): string {
    return createHmac('sha256', this.key).update(signed).digest('base64url');
  }
}

/** An identifier nobody can guess: 144 random bits. */
export function randomId(prefix = ''): string {
  return `${prefix}${randomBytes(18).toString('base64url')}`;
}
