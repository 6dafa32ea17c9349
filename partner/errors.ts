// What the Partner Center client throws: failures of a whole call, typed so the command line and the bot
// can say in the person's language what went wrong. Refusals of a transition are values, not errors.

/** Partner Center answered with an error status (after the retries the client allows for 429). */
export class PartnerRequestError extends Error {
  constructor(
    readonly method: string,
    /** The path asked for, without the query. */
    readonly path: string,
    readonly status: number,
    /** Partner Center's error code from the body (e.g. 600039, 900421), when it had one. */
    readonly code: string | undefined,
    readonly description: string | undefined,
  ) {
    super(`${method} ${path}: ${status}${code ? ` ${code}` : ''}${description ? `: ${description}` : ''}`);
    this.name = 'PartnerRequestError';
  }

  /** 401 with 900421: the agent's sign-in did not satisfy MFA, which App+User calls need. */
  get mfaRequired(): boolean {
    return this.status === 401 && this.code === '900421';
  }
}

/** Partner Center kept answering 429 past the client's patience: try again after `retryAfterSeconds`. */
export class PartnerThrottledError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly retryAfterSeconds: number,
    readonly attempts: number,
  ) {
    super(`${method} ${path}: throttled ${attempts} times; retry after ${retryAfterSeconds} s`);
    this.name = 'PartnerThrottledError';
  }
}

/** Partner Center could not be reached at all (DNS, refused connection, TLS). */
export class PartnerUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach ${url}: ${reason}`);
    this.name = 'PartnerUnreachableError';
  }
}

/** The agent's sign-in failed or was declined; the reason is Entra's error code, never a token. */
export class PartnerSignInError extends Error {
  constructor(readonly reason: string) {
    super(`Partner Center sign-in failed: ${reason}`);
    this.name = 'PartnerSignInError';
  }
}
