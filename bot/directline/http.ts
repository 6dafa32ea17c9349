import type { Request, RequestHandler, Response } from 'restify';
import { readJsonBody } from '../json-body';

/** Direct Line's error shape: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  res.send(status, { error: { code, message } });
}

/** The bearer token of a request, if it has one. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function fromLoopback(req: Request): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/** Who is asking, for limits on requests that have no conversation yet. */
export function clientKey(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * A JSON body of at most `maxBytes` (413 above it). Compressed bodies are refused (415): they would
 * inflate past any limit on what was received.
 */
export function jsonBody(maxBytes: number): RequestHandler[] {
  const refuseEncoded: RequestHandler = (req, res, next) => {
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') {
      sendError(res, 415, 'UnsupportedMediaType', 'compressed bodies are not accepted');
      return next(false);
    }
    return next();
  };
  return [refuseEncoded, readJsonBody(maxBytes)];
}
