import type { Response } from 'restify';

// Every refusal the bot's HTTP server answers has one of these fixed bodies: the status says what
// went wrong, the body never carries an exception's text, a stack trace or anything the caller sent.

const PROBLEMS = {
  400: ['BadRequest', 'The request could not be read.'],
  401: ['Unauthorized', 'The request is not authorized.'],
  403: ['Forbidden', 'The request is not allowed.'],
  404: ['NotFound', 'There is nothing here.'],
  405: ['MethodNotAllowed', 'That method is not allowed here.'],
  413: ['PayloadTooLarge', 'The request body is too large.'],
  415: ['UnsupportedMediaType', 'The request body must be JSON.'],
  429: ['TooManyRequests', 'Too many requests.'],
  500: ['InternalError', 'Something went wrong.'],
  501: ['NotImplemented', 'The bot does not handle that.'],
  502: ['BadGateway', 'An upstream service failed.'],
  503: ['ServiceUnavailable', 'The service is unavailable; try again later.'],
} as const satisfies Record<number, readonly [string, string]>;

export type ProblemStatus = keyof typeof PROBLEMS;

export interface ProblemBody {
  error: { code: string; message: string };
}

/** The fixed status for any status code: known ones as they are, other 4xx as 400, everything else as 500. */
export function problemStatus(status: unknown): ProblemStatus {
  if (typeof status === 'number' && status in PROBLEMS) return status as ProblemStatus;
  return typeof status === 'number' && status >= 400 && status < 500 ? 400 : 500;
}

export function problemBody(status: ProblemStatus): ProblemBody {
  const [code, message] = PROBLEMS[status];
  return { error: { code, message } };
}

/** Sends a fixed JSON body, whatever the request's Accept header asks for (no formatter ever sees an Error). */
export function sendProblem(res: Response, status: ProblemStatus, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.sendRaw(status, JSON.stringify(problemBody(status)), { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
}
