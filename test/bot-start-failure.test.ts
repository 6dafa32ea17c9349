import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A bot that cannot start says why in one line, with no stack trace and no secret, and exits 1.

const ROOT = join(import.meta.dirname, '..');

describe('a bot that cannot start', () => {
  it('says so in one line when the Graph tenant cannot be read', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'start-failure-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PORT: '0',
          DATA_DIR: dataDir,
          TENANT_SOURCE: 'graph',
          MicrosoftAppId: 'plan-switch-test-app',
          MicrosoftAppPassword: 'not-a-real-password-1a2b3c',
          GRAPH_TENANT_ID: '11111111-1111-1111-1111-111111111111',
          GRAPH_CLIENT_ID: '22222222-2222-2222-2222-222222222222',
          GRAPH_CLIENT_SECRET: 'not-a-real-secret-9f8e7d',
          // Nothing listens on port 9: sign-in fails at once.
          GRAPH_BASE_URL: 'https://127.0.0.1:9',
          GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:9',
        },
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.includes('DeprecationWarning') && !line.includes('--trace-deprecation'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^plan-switch-bot could not start: the Microsoft Graph tenant 11111111-1111-1111-1111-111111111111 could not be read/);
      expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
      expect(run.stderr + run.stdout).not.toContain('not-a-real-secret-9f8e7d');
      expect(run.stderr + run.stdout).not.toContain('not-a-real-password-1a2b3c');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
