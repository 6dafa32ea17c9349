import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openAdminChannel, type AdminChannel } from '../bot/admin/admin-channel';
import { adminSocketPath } from '../bot/admin/admin-socket-path';
import { createLogger } from '../bot/logger';
import { MemoryTenantRegistry } from '../bot/tenants/consented-tenants';
import { openDatabase } from '../bot/storage/sqlite-database';
import { SqliteTenantRegistry } from '../bot/storage/sqlite-tenant-registry';

// The running bot's answer to `plan-switch tenants` (bot/admin/admin-channel.ts): reachable only through
// a socket its own OS user may open, and strict about what it is asked.

const ROOT = join(import.meta.dirname, '..');
const CONTOSO = '6f1a0000-0000-4000-8000-000000000001';
const FABRIKAM = '6f1a0000-0000-4000-8000-000000000002';

let channel: AdminChannel | undefined;
const folders: string[] = [];
afterEach(async () => {
  await channel?.close();
  channel = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(name = 'plan-switch-admin-'): string {
  const folder = mkdtempSync(join(tmpdir(), name));
  folders.push(folder);
  return folder;
}

async function registryWithTwo() {
  const registry = new MemoryTenantRegistry();
  await registry.record({ tenantId: CONTOSO, name: 'Contoso Ltd', at: '2026-12-01T10:00:00Z', result: 'granted' });
  await registry.record({ tenantId: FABRIKAM, name: 'Fabrikam', at: '2026-12-02T10:00:00Z', result: 'granted' });
  return registry;
}

function ask(path: string, method: string, route: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, method, path: route }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const quiet = () => createLogger('error', () => undefined);

describe('the admin socket', () => {
  it('is open to the bot’s own OS user only', async () => {
    const dataDir = dataFolder();
    channel = await openAdminChannel({ dataDir, registry: await registryWithTwo(), logger: quiet() });
    expect(channel.path).toBe(join(dataDir, 'admin.sock'));
    expect(statSync(channel.path).mode & 0o777).toBe(0o600);
  });

  it('lists and removes, audits the removal, and refuses what it does not know without changing anything', async () => {
    const registry = await registryWithTwo();
    const lines: string[] = [];
    channel = await openAdminChannel({ dataDir: dataFolder(), registry, logger: createLogger('info', (line) => lines.push(line)) });
    const listed = await ask(channel.path, 'GET', '/tenants');
    expect(listed.status).toBe(200);
    expect((listed.body as { tenantId: string }[]).map((t) => t.tenantId)).toEqual([CONTOSO, FABRIKAM]);

    for (const [method, route, status] of [
      ['DELETE', '/tenants/fabrikam.example', 400],
      ['DELETE', '/tenants/..%2F..%2Fbot.sqlite', 400],
      ['DELETE', `/tenants/${FABRIKAM}/x`, 404],
      ['POST', '/tenants', 405],
      ['GET', `/tenants/${FABRIKAM}`, 405],
      ['GET', '/jobs', 404],
      ['DELETE', '/tenants/6f1a0000-0000-4000-8000-0000000000ff', 404],
    ] as const) {
      expect((await ask(channel.path, method, route)).status, `${method} ${route}`).toBe(status);
    }
    expect((await registry.list()).map((t) => t.tenantId)).toEqual([CONTOSO, FABRIKAM]);
    expect(lines.some((line) => line.includes('"tenant.removed"'))).toBe(false);

    const gone = await ask(channel.path, 'DELETE', `/tenants/${FABRIKAM.toUpperCase()}`);
    expect(gone).toEqual({ status: 200, body: { removed: FABRIKAM } });
    expect((await registry.list()).map((t) => t.tenantId)).toEqual([CONTOSO]);
    expect(lines.some((line) => line.includes('"tenant.removed"') && line.includes(FABRIKAM))).toBe(true);
  });

  it('takes the place of a socket left by a bot that was killed, and removes its own when it closes', async () => {
    const dataDir = dataFolder();
    writeFileSync(join(dataDir, 'admin.sock'), 'left over');
    channel = await openAdminChannel({ dataDir, registry: await registryWithTwo(), logger: quiet() });
    expect((await ask(channel.path, 'GET', '/tenants')).status).toBe(200);
    await channel.close();
    channel = undefined;
    expect(() => statSync(join(dataDir, 'admin.sock'))).toThrow();
  });

  it('uses the temp folder for a data folder whose path is too long for a socket', async () => {
    const dataDir = join(dataFolder(), 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(dataDir, { recursive: true });
    channel = await openAdminChannel({ dataDir, registry: await registryWithTwo(), logger: quiet() });
    expect(channel.path.startsWith(tmpdir())).toBe(true);
    expect(channel.path).toBe(adminSocketPath(dataDir));
    expect((await ask(channel.path, 'GET', '/tenants')).status).toBe(200);
  });
});

describe('plan-switch tenants beside a running bot that does not answer', () => {
  it('says the database is in use, in the asked language, and changes nothing', async () => {
    const dataDir = dataFolder();
    const db = openDatabase(join(dataDir, 'bot.sqlite'));
    await new SqliteTenantRegistry(db).record({ tenantId: CONTOSO, name: 'Contoso Ltd', at: '2026-12-01T10:00:00Z', result: 'granted' });
    db.close();
    // Owned by a living process (this test's) that has no admin socket: a bot of an older version, or one still starting.
    writeFileSync(join(dataDir, 'bot.sqlite.owner'), String(process.pid));
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [join(ROOT, 'bin/plan-switch.mjs'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, STORAGE: 'sqlite', DATA_DIR: dataDir } }).then(
        ({ stdout }) => ({ code: 0, stderr: '', stdout }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr, stdout: '' }),
      );
    const english = await run(['tenants', 'list']);
    expect(english.code).toBe(1);
    expect(english.stderr).toMatch(new RegExp(`^DATA_DIR: the bot's database is in use by a running bot \\(process ${process.pid}\\) that did not answer`));
    const polish = await run(['tenants', 'remove', CONTOSO, '--lang', 'pl']);
    expect(polish.code).toBe(1);
    expect(polish.stderr).toContain('nie odpowiedział');
    // Once nobody holds the database, the command reads it itself: Contoso is still there.
    rmSync(join(dataDir, 'bot.sqlite.owner'));
    const listed = await run(['tenants', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { tenantId: string }[]).map((t) => t.tenantId)).toEqual([CONTOSO]);
  });
});
