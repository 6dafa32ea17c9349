// What the Graph gateway throws. Expected per-item outcomes of a licence move are values (BatchOutcome);
// these are the failures of a whole call, typed so the command line and the bot can say what went wrong.

/** Graph answered a request with an error status after the retries this gateway allows. */
export class GraphRequestError extends Error {
  constructor(
    readonly method: string,
    /** The path asked for, without the query (e.g. /v1.0/users). */
    readonly path: string,
    readonly status: number,
    /** Graph's error code (e.g. Authorization_RequestDenied), when the body had one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(`${method} ${path}: ${status}${code ? ` ${code}` : ''}: ${message}`);
    this.name = 'GraphRequestError';
  }
}

/** Graph could not be reached at all (DNS, refused connection, TLS). */
export class GraphUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach ${url}: ${reason}`);
    this.name = 'GraphUnreachableError';
  }
}

/** The token endpoint refused the app's credentials, or could not be reached. */
export class GraphAuthError extends Error {
  constructor(readonly reason: string) {
    super(`Microsoft Graph sign-in failed: ${reason}`);
    this.name = 'GraphAuthError';
  }
}

/**
 * Microsoft Graph has no API that buys or cancels a commercial Microsoft 365 subscription: an automatic
 * plan change is bought in the Microsoft 365 admin centre. Thrown by createSubscription and
 * cancelSubscription; a runner treats it like any failed gateway call (the job stops, nothing is half done).
 */
export class CommerceNotSupportedError extends Error {
  readonly code = 'COMMERCE_NOT_SUPPORTED_BY_GRAPH' as const;
  constructor(readonly operation: 'createSubscription' | 'cancelSubscription') {
    super(
      `${operation}: Microsoft Graph cannot buy or cancel subscriptions. Buy or cancel it in the Microsoft 365 admin centre, then move users between the existing subscriptions.`,
    );
    this.name = 'CommerceNotSupportedError';
  }
}
