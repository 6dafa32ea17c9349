import { chmodSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { TENANT_GUID, tenantKey, type TenantRegistry } from '../tenants/consented-tenants';
import type { Logger } from '../logger';
import { adminSocketPath } from './admin-socket-path';

// The embedded SQLite file belongs to the running bot (sqlite-database.ts locks it), so `plan-switch
// tenants list` and `tenants remove` ask the bot itself, over a Unix socket (a named pipe on Windows)
// beside its data. Nothing here is reachable from the network: the socket is not the bot's HTTP port,
// and it is created readable and writable by the bot's own OS user only, the user who can already read
// the database file.

export interface AdminChannelDeps {
  dataDir: string;
  /** The bot's own registry: with the embedded database the bot reads it at every turn, so a removal counts at once. */
  registry: TenantRegistry;
  logger: Logger;
}

export interface AdminChannel {
  path: string;
  close(): Promise<void>;
}

const TENANT_ROUTE = /^\/tenants\/([^/?#]+)$/;

function answer(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: AdminChannelDeps): Promise<void> {
  // No request here has a body; one that comes with one is drained and ignored.
  req.resume();
  const url = req.url ?? '';
  if (url === '/tenants') {
    if (req.method !== 'GET') return answer(res, 405, { error: 'method' });
    return answer(res, 200, await deps.registry.list());
  }
  const match = TENANT_ROUTE.exec(url);
  if (!match) return answer(res, 404, { error: 'route' });
  if (req.method !== 'DELETE') return answer(res, 405, { error: 'method' });
  const id = tenantKey(decodeURIComponent(match[1]!));
  if (!TENANT_GUID.test(id)) return answer(res, 400, { error: 'id' });
  if (!(await deps.registry.remove(id))) return answer(res, 404, { error: 'unknown' });
  deps.logger.audit('tenant.removed', { tenantId: id, by: 'command-line' });
  return answer(res, 200, { removed: id });
}

/** Starts answering `plan-switch tenants` for the bot's data folder; a socket left by a killed bot is replaced. */
export async function openAdminChannel(deps: AdminChannelDeps): Promise<AdminChannel> {
  const path = adminSocketPath(deps.dataDir);
  const server: Server = createServer((req, res) => {
    handle(req, res, deps).catch((error: unknown) => {
      deps.logger.error('admin.failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) answer(res, 500, { error: 'failed' });
      else res.destroy();
    });
  });
  // A named pipe (Windows) is no file: nothing to replace, restrict or remove.
  const socketFile = process.platform !== 'win32';
  if (socketFile) rmSync(path, { force: true });
  // The socket file is made by bind(), inside listen(): with this umask it never exists for a moment
  // with wider permissions than 0600. The chmod afterwards says the same for file systems that ignore it.
  const umask = socketFile ? process.umask(0o077) : undefined;
  try {
    server.listen(path);
  } finally {
    if (umask !== undefined) process.umask(umask);
  }
  await once(server, 'listening');
  if (socketFile) chmodSync(path, 0o600);
  server.unref();
  return {
    path,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (socketFile) rmSync(path, { force: true });
    },
  };
}
