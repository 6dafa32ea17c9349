import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshotJson } from '../domain/snapshot/parse';
import { SKU_PREMIUM, SKU_STANDARD, startGraphServer, syntheticGraphTenant, type GraphTestServer } from './support/graph-server';

// `plan-switch snapshot --graph` end to end: the real executable, configured by GRAPH_* variables,
// reading the local Graph server (trusted through NODE_EXTRA_CA_CERTS, as a proxy's CA would be).

const ROOT = join(import.meta.dirname, '..');
const CA_FILE = join(ROOT, 'test', 'support', 'graph-server', 'tls', 'server-cert.pem');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let server: GraphTestServer;
beforeAll(async () => {
  server = await startGraphServer({ seed: syntheticGraphTenant({ users: 30, yammerOffEvery: 3, powerBiEvery: 4 }), pageSize: 8 });
});
afterAll(async () => server.close());

async function planSwitch(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/plan-switch.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...server.env(), NODE_EXTRA_CA_CERTS: CA_FILE, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const oneLine = (run: Run) => {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
};

describe('plan-switch snapshot --graph against the local Graph server', () => {
  it('writes a snapshot that passes the contract to --out, atomically, and warns about the unknown SKU', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-cli-'));
    const out = join(dir, 'contoso.json');
    const settings = join(dir, 'settings.json');
    writeFileSync(settings, JSON.stringify({ defaults: { currency: 'SEK' }, subscriptions: { SPB: { pricePerLicensePerMonth: 230 } } }));
    const run = await planSwitch(['snapshot', '--graph', '--out', out, '--settings', settings, '--billing-account', 'MCA', '--lang', 'sv']);
    expect(run.stderr).toContain('POWER_BI_STANDARD');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(out);
    expect(readdirSync(dir).sort()).toEqual(['contoso.json', 'settings.json']);
    const parsed = parseSnapshotJson(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.issues));
    const snapshot = parsed.value;
    expect(snapshot.tenant.billingAccountType).toBe('MCA');
    expect(snapshot.users).toHaveLength(30);
    expect(snapshot.subscriptions.map((s) => [s.id, s.currency, s.pricePerLicensePerMonth])).toEqual([
      [SKU_STANDARD, 'SEK', 132.5],
      [SKU_PREMIUM, 'SEK', 230],
    ]);
    const expected = server.state.exportSnapshot();
    expect(snapshot.users.map((u) => [u.id, u.roles, u.licenses.map((l) => l.subscriptionId)])).toEqual(expected.users.map((u) => [u.id, u.roles, u.licenses.map((l) => l.subscriptionId)]));
  });

  it('prints the snapshot on standard output without --out', async () => {
    const run = await planSwitch(['snapshot', '--graph']);
    expect(run.code).toBe(0);
    expect(parseSnapshotJson(run.stdout).ok).toBe(true);
    expect(run.stderr).toContain('Warning: 1 licence (SKU)');
  });

  it('a wrong secret: one line, exit 2, nothing written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'graph-cli-')), 'never.json');
    const run = await planSwitch(['snapshot', '--graph', '--out', out, '--lang', 'pl'], { GRAPH_CLIENT_SECRET: 'wrong' });
    oneLine(run);
    expect(run.stderr).toContain('Microsoft Graph');
    expect(run.stderr).toContain('AADSTS7000215');
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('a permission the app lacks: one line naming the request and the permissions to grant', async () => {
    server.denied.add('/v1.0/admin/serviceAnnouncement/healthOverviews');
    try {
      const run = await planSwitch(['snapshot', '--graph', '--lang', 'nb']);
      oneLine(run);
      expect(run.stderr).toContain('/v1.0/admin/serviceAnnouncement/healthOverviews');
      expect(run.stderr).toContain('403');
      expect(run.stderr).toContain('ServiceHealth.Read.All');
    } finally {
      server.denied.clear();
    }
  });

  it('a tenant id the token endpoint does not know: one line, exit 2', async () => {
    const run = await planSwitch(['snapshot', '--graph'], { GRAPH_TENANT_ID: 'fabrikam.example' });
    oneLine(run);
    expect(run.stderr).toContain('AADSTS90002');
  });
});
