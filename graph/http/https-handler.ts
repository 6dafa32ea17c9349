import { Agent, request as httpsRequest } from 'node:https';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { GraphUnreachableError } from '../errors';

// The last middleware of the Graph client's chain: sends the request over node:https with a keep-alive
// agent (a move sends thousands of batches) and, for tests, extra trusted CA certificates.

export interface HttpsHandlerOptions {
  /** Extra CA certificates (PEM) to trust: a local test server's. */
  ca?: string;
  /** Connections kept open to Graph. */
  maxSockets?: number;
}

type HeaderBag = Record<string, string>;

function headersOf(init: RequestInit | undefined): HeaderBag {
  const out: HeaderBag = {};
  const headers = init?.headers;
  if (!headers) return out;
  if (headers instanceof Headers) headers.forEach((value, key) => (out[key] = value));
  else if (Array.isArray(headers)) for (const [key, value] of headers) out[key!] = value!;
  else Object.assign(out, headers);
  return out;
}

export class HttpsHandler implements Middleware {
  private readonly agent: Agent;

  constructor(options: HttpsHandlerOptions = {}) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8, ...(options.ca === undefined ? {} : { ca: options.ca }) });
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const init = context.options;
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = headersOf(init);
    const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    context.response = await new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new GraphUnreachableError(url, error.message)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(key, v);
          }
          const payload = status === 204 || status === 304 || chunks.length === 0 ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, headers: responseHeaders }));
        });
      });
      req.on('error', (error) => reject(new GraphUnreachableError(url, error.message)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  /** Closes the kept-alive connections (tests and the command line end cleanly). */
  close(): void {
    this.agent.destroy();
  }
}
