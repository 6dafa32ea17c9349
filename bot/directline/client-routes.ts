import type { Request, Response, Server } from 'restify';
import type { DirectLine, Refusal } from './direct-line';
import { bearerToken, clientKey, jsonBody, sendError } from './http';

const BASE = '/v3/directline';

const refuse = (res: Response, refusal: Refusal) =>
  sendError(res, refusal.status, refusal.code, refusal.message, refusal.status === 429 ? { 'retry-after': '60' } : {});

const param = (req: Request, name: string): string => String((req.params as Record<string, unknown>)[name] ?? '');

/**
 * The Direct Line 3.0 endpoints that botframework-directlinejs uses in polling mode (Web Chat with
 * webSocket: false): tokens, starting a conversation, posting an activity, reading activities since a
 * watermark. No streamUrl is ever handed out, so clients poll.
 */
export function mountClientRoutes(server: Server, directLine: DirectLine): void {
  const body = jsonBody(directLine.limits.maxBodyBytes);
  const noStore = (res: Response) => res.header('cache-control', 'no-store');

  // A token bound to a new conversation (the page asks for one before it starts Web Chat).
  server.post(`${BASE}/tokens/generate`, body, async (req: Request, res: Response) => {
    noStore(res);
    const result = directLine.generate(clientKey(req));
    if ('status' in result) return refuse(res, result);
    res.send(200, result);
  });

  server.post(`${BASE}/tokens/refresh`, body, async (req: Request, res: Response) => {
    noStore(res);
    const auth = directLine.authorize(bearerToken(req), undefined, 'read');
    if (!auth.ok) return refuse(res, auth);
    res.send(200, directLine.refresh(auth.conversation));
  });

  // Start: the token's conversation (a token is always bound to one); the bot hears the visitor join.
  server.post(`${BASE}/conversations`, body, async (req: Request, res: Response) => {
    noStore(res);
    const auth = directLine.authorize(bearerToken(req), undefined, 'post');
    if (!auth.ok) return refuse(res, auth);
    const locale = (req.body as { locale?: unknown } | undefined)?.locale;
    const { created, grant } = directLine.start(auth.conversation, auth.claims, typeof locale === 'string' ? locale : undefined);
    res.send(created ? 201 : 200, grant);
  });

  // Reconnect to a started conversation (also after the bot restarted: conversations are kept in its storage).
  server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    noStore(res);
    const auth = directLine.authorize(bearerToken(req), param(req, 'conversationId'), 'read');
    if (!auth.ok) return refuse(res, auth);
    res.send(200, directLine.regrant(auth.conversation, auth.claims));
  });

  server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    noStore(res);
    const auth = directLine.authorize(bearerToken(req), param(req, 'conversationId'), 'read');
    if (!auth.ok) return refuse(res, auth);
    const watermark = new URL(req.url ?? '', 'http://local').searchParams.get('watermark') ?? undefined;
    res.send(200, directLine.conversations.since(auth.conversation, watermark));
  });

  server.post(`${BASE}/conversations/:conversationId/activities`, body, async (req: Request, res: Response) => {
    noStore(res);
    const auth = directLine.authorize(bearerToken(req), param(req, 'conversationId'), 'post');
    if (!auth.ok) return refuse(res, auth);
    const result = await directLine.post(auth.conversation, req.body);
    if ('status' in result) return refuse(res, result);
    res.send(200, result);
  });
}
