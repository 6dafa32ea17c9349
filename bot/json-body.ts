import type { RequestHandler } from 'restify';

/** A body the route refuses; the server's `restifyError` listener answers it with a fixed body. */
class BodyRefused extends Error {
  constructor(readonly statusCode: 400 | 413) {
    super(statusCode === 413 ? 'the request body is too large' : 'the request body is not JSON');
    this.name = 'BodyRefused';
  }
}

/**
 * Reads a JSON body of at most `maxBytes` into `req.body`: 413 above it, 400 when it is not JSON,
 * nothing when it is empty. It does the part of restify's bodyParser these routes use; restify's
 * calls the deprecated `Buffer()` constructor for every request, and Node then captures a stack to
 * decide whether to warn, 1.5 % of a turn's CPU. The caller refuses compressed bodies first.
 */
export function readJsonBody(maxBytes: number): RequestHandler {
  return (req, _res, next) => {
    // Refused before reading; Node drops the rest of the body once the response is sent.
    if (Number(req.headers['content-length']) > maxBytes) return next(new BodyRefused(413));
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (refused?: BodyRefused) => {
      if (finished) return;
      finished = true;
      next(refused);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) chunks.push(chunk);
    });
    req.once('end', () => {
      if (received > maxBytes) return finish(new BodyRefused(413));
      if (received === 0) return finish();
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
      try {
        req.body = JSON.parse(text);
      } catch {
        return finish(new BodyRefused(400));
      }
      finish();
    });
    req.once('aborted', () => finish(new BodyRefused(400)));
    req.once('error', () => finish(new BodyRefused(400)));
  };
}
