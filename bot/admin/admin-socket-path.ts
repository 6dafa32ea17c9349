import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Unix socket paths are cut at 108 bytes on Linux (104 on macOS): a longer data folder gets a socket in the temp folder instead. */
const MAX_SOCKET_PATH = 100;

/**
 * Where the running bot answers `plan-switch tenants` for its own data folder: a Unix socket in the data
 * folder (a named pipe on Windows). Only the bot's own OS user may connect to it (admin-channel.ts).
 */
export function adminSocketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const folder = resolve(dataDir);
  const digest = createHash('sha256').update(folder).digest('hex').slice(0, 16);
  if (platform === 'win32') return `\\\\.\\pipe\\plan-switch-${digest}`;
  const inFolder = join(folder, 'admin.sock');
  return Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH ? inFolder : join(tmpdir(), `plan-switch-${digest}.sock`);
}
