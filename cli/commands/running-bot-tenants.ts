import { request } from 'node:http';
import { adminSocketPath } from '../../bot/admin/admin-socket-path';
import type { ConsentedTenant } from '../../bot/tenants/consented-tenants';

// The consented tenants as the running bot answers for them over its admin socket
// (bot/admin/admin-channel.ts), for when its embedded database is in use.

const TIMEOUT_MS = 10_000;

/** The running bot did not answer (no socket: a bot of an older version, or one that is still starting). */
export class BotNotAnsweringError extends Error {}

function call(path: string, method: 'GET' | 'DELETE', route: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, method, path: route, timeout: TIMEOUT_MS }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch {
          reject(new BotNotAnsweringError('the running bot gave an answer that is not JSON'));
        }
      });
    });
    req.on('timeout', () => req.destroy(new BotNotAnsweringError('the running bot did not answer in time')));
    req.on('error', (error) => reject(error instanceof BotNotAnsweringError ? error : new BotNotAnsweringError(error.message)));
    req.end();
  });
}

export class RunningBotTenants {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = adminSocketPath(dataDir);
  }

  async list(): Promise<ConsentedTenant[]> {
    const { status, body } = await call(this.path, 'GET', '/tenants');
    if (status !== 200 || !Array.isArray(body)) throw new BotNotAnsweringError(`the running bot answered ${status}`);
    return body as ConsentedTenant[];
  }

  /** True if there was an entry. */
  async remove(tenantId: string): Promise<boolean> {
    const { status } = await call(this.path, 'DELETE', `/tenants/${encodeURIComponent(tenantId)}`);
    if (status === 200) return true;
    if (status === 404) return false;
    throw new BotNotAnsweringError(`the running bot answered ${status}`);
  }
}
