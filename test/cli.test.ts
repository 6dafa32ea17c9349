import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { BufferWriter } from '../cli/io';
import { DEMO_TENANT_FILES } from '../domain/demo-tenants';
import { check } from '../domain/eligibility';
import { parseSnapshotJson } from '../domain/snapshot/parse';
import { describeFinding } from '../i18n/describe';
import { LANGUAGES } from '../i18n/languages';

const root = join(import.meta.dirname, '..');
const CONTOSO = DEMO_TENANT_FILES.contoso;
const FABRIKAM = DEMO_TENANT_FILES.fabrikam;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const stdout = new BufferWriter();
  const stderr = new BufferWriter();
  const code = await main(args, { stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The real executable, as `npx plan-switch` runs it. */
async function spawn(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'bin/plan-switch.mjs'), ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function expectBadInput(run: Run, ...mentions: string[]): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const mention of mentions) expect(run.stderr).toContain(mention);
}

function tempCopy(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-switch-cli-'));
  const file = join(dir, 'tenant.json');
  copyFileSync(source, file);
  return file;
}

function tempFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'plan-switch-cli-')), 'tenant.json');
  writeFileSync(file, text);
  return file;
}

function contosoWith(change: (raw: { subscriptions: Record<string, unknown>[] }) => void): string {
  const raw = JSON.parse(readFileSync(CONTOSO, 'utf8'));
  change(raw);
  return tempFile(JSON.stringify(raw, null, 2));
}

const checkArgs = (file: string, ...more: string[]) => ['check', '--tenant', file, '--subscription', 'sub-standard', '--to', 'm365-business-premium', ...more];

describe('the plan-switch executable', () => {
  it('answers npm start\'s check with exit 0', async () => {
    const run = await spawn(checkArgs('data/tenants/contoso-small-business.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Microsoft 365 Business Premium');
    expect(run.stderr).toBe('');
  });

  it('missing --tenant: exit 2, one line naming it', async () => {
    expectBadInput(await spawn(['check', '--subscription', 'sub-standard', '--to', 'm365-business-premium']), '--tenant');
  });

  it('a bad --lang: exit 2, one English line', async () => {
    expectBadInput(await spawn(['plans', '--lang', 'de']), '--lang', 'de', 'en, sv, nb');
  });

  it('an unknown subscription, in Swedish: exit 2, one line naming the flag and the id', async () => {
    const run = await spawn(checkArgs(CONTOSO, '--lang', 'sv').map((a) => (a === 'sub-standard' ? 'sub-nope' : a)));
    expectBadInput(run, '--subscription', 'sub-nope', 'prenumeration');
  });

  it('--help prints the usage', async () => {
    const run = await spawn(['--help', '--lang', 'pl']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('plan-switch check --tenant PLIK');
    expect(run.stdout).toContain('Polecenia:');
  });
});

describe('plans', () => {
  it('--json is the catalogue', async () => {
    const run = await cli(['plans', '--json']);
    expect(run.code).toBe(0);
    const plans = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(plans.map((p) => p.id)).toContain('m365-business-premium');
    expect(plans.find((p) => p.id === 'm365-business-premium')).toMatchObject({
      name: 'Microsoft 365 Business Premium', family: 'm365-business', generation: 'current', skuPartNumber: 'SPB', listPriceUsd: 22,
    });
    expect(Object.keys(plans[0]!)).toEqual(['id', 'name', 'family', 'generation', 'skuPartNumber', 'services', 'dataServices', 'listPriceUsd']);
  });

  it.each(LANGUAGES)('lists every plan in %s', async (lng) => {
    const run = await cli(['plans', '--lang', lng]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('o365-small-business');
    expect(run.stdout).toContain('exchange-online-kiosk');
  });

  it('help and no-command', async () => {
    expect((await cli(['help'])).stdout).toContain('Usage: plan-switch');
    expectBadInput(await cli([]), 'plans, check, move');
  });
});

describe('check', () => {
  const fabrikam = () => {
    const snapshot = parseSnapshotJson(readFileSync(FABRIKAM, 'utf8'));
    if (!snapshot.ok) throw new Error('fabrikam does not parse');
    const result = check(snapshot.value, { subscriptionId: 'sub-standard', toPlan: 'm365-business-premium', asUpn: 'lena@fabrikam.se' });
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };

  it('--json is the contract\'s object, the same in every language', async () => {
    const runs = await Promise.all(LANGUAGES.map((lng) => cli(['check', '--tenant', FABRIKAM, '--subscription', 'sub-standard', '--to', 'm365-business-premium', '--json', '--lang', lng])));
    for (const run of runs) expect(run.code).toBe(0);
    expect(new Set(runs.map((r) => r.stdout)).size).toBe(1);
    const answer = JSON.parse(runs[0]!.stdout);
    expect(answer).toMatchObject({ subscriptionId: 'sub-standard', fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium', path: 'automatic', canChangeNow: false });
    expect(Object.keys(answer).slice(0, 6)).toEqual(['subscriptionId', 'fromPlan', 'toPlan', 'path', 'blockers', 'notices']);
    expect(answer.blockers.map((b: { code: string }) => b.code)).toContain('MORE_USERS_THAN_LICENSES');
  });

  it.each(['sv', 'nb', 'pl'] as const)('human output in %s leaks no English', async (lng) => {
    const run = await cli(['check', '--tenant', FABRIKAM, '--subscription', 'sub-standard', '--to', 'm365-business-premium', '--as', 'lena@fabrikam.se', '--lang', lng]);
    expect(run.code).toBe(0);
    const { blockers, notices } = fabrikam();
    // "Organisation:" is Swedish too, so it is not on the list.
    const english = [
      ...[...blockers, ...notices].flatMap((f) => {
        const d = describeFinding(f, 'en');
        return [d.title, d.resolution ?? d.title];
      }),
      'What stands in the way', 'Good to know', 'What to do', 'Way to change', 'Automatic change', 'users have a licence', 'Not yet', 'Subscription sub-standard',
    ];
    for (const phrase of english) expect(run.stdout, phrase).not.toContain(phrase);
  });

  it('human output in English names the blockers and what to do', async () => {
    const run = await cli(checkArgs(FABRIKAM, '--as', 'lena@fabrikam.se'));
    expect(run.stdout).toContain('More users than licences');
    expect(run.stdout).toContain('What to do:');
  });

  it('--as with a plain user gives ADMIN_ROLE_REQUIRED', async () => {
    const run = await cli(checkArgs(CONTOSO, '--as', 'maja@contoso.com', '--json'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).blockers.map((b: { code: string }) => b.code)).toEqual(['ADMIN_ROLE_REQUIRED']);
  });

  it('--as with the global admin: automatic, nothing in the way', async () => {
    const answer = JSON.parse((await cli(checkArgs(CONTOSO, '--as', 'anna@contoso.com', '--json'))).stdout);
    expect(answer).toMatchObject({ path: 'automatic', blockers: [], canChangeNow: true });
  });

  it('a manual path prints the manual steps', async () => {
    const run = await cli(['check', '--tenant', DEMO_TENANT_FILES.woodgrove, '--subscription', 'sub-premium-nonprofit', '--to', 'm365-e3']);
    expect(run.stdout).toContain('Manual change');
    expect(run.stdout).toContain('Step 1');
  });
});

describe('bad input: exit 2, one line on standard error, nothing on standard output', () => {
  it('missing --tenant', async () => expectBadInput(await cli(['check', '--subscription', 'sub-standard', '--to', 'm365-business-premium', '--lang', 'nb']), '--tenant'));
  it('an unknown flag', async () => expectBadInput(await cli(checkArgs(CONTOSO, '--colour', 'red')), '--colour'));
  it('a flag without its value', async () => expectBadInput(await cli(['check', '--tenant']), '--tenant'));
  it('a bad --lang, in English', async () => expectBadInput(await cli(checkArgs(CONTOSO, '--lang', 'xx')), '--lang', 'expected'));
  it('an unknown command', async () => expectBadInput(await cli(['frobnicate']), 'frobnicate'));
  it('an unknown subscription', async () => expectBadInput(await cli(['check', '--tenant', CONTOSO, '--subscription', 'sub-x', '--to', 'm365-business-premium']), '--subscription', 'sub-x', 'sub-standard'));
  it('an unknown plan', async () => expectBadInput(await cli(['check', '--tenant', CONTOSO, '--subscription', 'sub-standard', '--to', 'm365-business-ultra', '--lang', 'pl']), '--to', 'm365-business-ultra'));
  it('a missing tenant file', async () => expectBadInput(await cli(checkArgs('/no/such/tenant.json')), '--tenant', '/no/such/tenant.json'));
  it('a file that is not JSON', async () => expectBadInput(await cli(checkArgs(tempFile('{ not json'))), '--tenant', 'JSON'));
  it('a file with an unknown field names its path', async () => {
    const file = contosoWith((raw) => (raw.subscriptions[0]!.colour = 'blue'));
    expectBadInput(await cli(checkArgs(file, '--lang', 'sv')), 'subscriptions[0].colour');
  });
  it('a file with a bad enum value names its path and the allowed values', async () => {
    const file = contosoWith((raw) => (raw.subscriptions[1]!.status = 'paused'));
    expectBadInput(await cli(checkArgs(file)), 'subscriptions[1].status', 'active');
  });
  it('the same subscription as from and to', async () => {
    expectBadInput(await cli(['move', '--tenant', CONTOSO, '--from', 'sub-standard', '--to', 'sub-standard', '--users', 'u-maja']), '--to');
  });
  it('an unknown user', async () => expectBadInput(await cli(['move', '--tenant', CONTOSO, '--from', 'sub-standard', '--to', 'sub-exchange', '--users', 'u-maja,u-ghost']), '--users', 'u-ghost'));
  it('snapshot --graph without settings names the variables', async () => {
    expectBadInput(await cli(['snapshot', '--graph', '--lang', 'sv'], {}), 'GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET');
  });
  it('snapshot --graph with a certificate path needs no secret', async () => {
    const run = await cli(['snapshot', '--graph'], { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_CERTIFICATE_PATH: '/nowhere.pem', GRAPH_BASE_URL: 'graph.example' });
    expectBadInput(run, 'GRAPH_BASE_URL', 'https://');
    expect(run.stderr).not.toContain('GRAPH_CLIENT_SECRET');
  });
  it('snapshot --graph with both a secret and a certificate names the certificate variable', async () => {
    const run = await cli(['snapshot', '--graph', '--lang', 'nb'], { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's', GRAPH_CLIENT_CERTIFICATE_PATH: '/c.pem' });
    expectBadInput(run, 'GRAPH_CLIENT_CERTIFICATE_PATH');
  });
  it('snapshot --graph with a value the contract does not know names the flag and the allowed values', async () => {
    const run = await cli(['snapshot', '--graph', '--billing-account', 'EA'], { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' });
    expectBadInput(run, '--billing-account', 'MCA', 'MOSA');
  });
  it('snapshot --graph with a settings file that is not there names it', async () => {
    const run = await cli(['snapshot', '--graph', '--settings', '/no/such/settings.json', '--lang', 'pl'], { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' });
    expectBadInput(run, '--settings', '/no/such/settings.json');
  });
});

describe('move', () => {
  const moveArgs = (file: string, users: string, ...more: string[]) => ['move', '--tenant', file, '--from', 'sub-standard', '--to', 'sub-exchange', '--users', users, ...more];

  it('plans without --apply and writes nothing', async () => {
    const file = tempCopy(CONTOSO);
    const before = readFileSync(file);
    const run = await cli(moveArgs(file, 'u-maja,u-oliver', '--json'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ canApply: true, applied: false, replacements: [{ userId: 'u-maja' }, { userId: 'u-oliver' }] });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('--apply replaces the licences in the file, atomically', async () => {
    const file = tempCopy(CONTOSO);
    const run = await cli(moveArgs(file, 'u-maja,u-oliver', '--apply', '--as', 'jonas@contoso.com', '--lang', 'sv'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Klart');
    const after = parseSnapshotJson(readFileSync(file, 'utf8'));
    if (!after.ok) throw new Error('the written file does not parse');
    const maja = after.value.users.find((u) => u.id === 'u-maja')!;
    expect(maja.licenses.map((l) => l.subscriptionId)).toEqual(['sub-exchange']);
    expect(readdirSync(join(file, '..'))).toEqual(['tenant.json']);
    expect(readFileSync(file, 'utf8')).toMatch(/^\{\n {2}"tenant"/);
  });

  it('a blocked --apply is an answer (exit 0) and leaves the file byte-identical', async () => {
    const file = tempCopy(CONTOSO);
    const before = readFileSync(file);
    const run = await cli(moveArgs(file, 'u-anna,u-erik,u-lars', '--apply', '--json'));
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ canApply: false, applied: false });
    expect(answer.blockers.map((b: { code: string }) => b.code)).toContain('NOT_ENOUGH_LICENSES');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('--as with a plain user blocks the move with ADMIN_ROLE_REQUIRED', async () => {
    const file = tempCopy(CONTOSO);
    const before = readFileSync(file);
    const run = await cli(moveArgs(file, 'u-maja', '--as', 'oliver@contoso.com', '--apply', '--json'));
    expect(JSON.parse(run.stdout).blockers.map((b: { code: string }) => b.code)).toContain('ADMIN_ROLE_REQUIRED');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each(LANGUAGES)('human output in %s', async (lng) => {
    const run = await cli(moveArgs(CONTOSO, 'u-maja', '--lang', lng));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Maja Holm (maja@contoso.com)');
  });
});

describe('locales/*/cli.json', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
  const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
  const load = (lng: string) => keys(JSON.parse(readFileSync(join(root, 'locales', lng, 'cli.json'), 'utf8')));

  it.each(['sv', 'nb', 'pl'])('%s has the same keys as en', (lng) => {
    expect([...new Set(load(lng).map(base))].sort()).toEqual([...new Set(load('en').map(base))].sort());
  });

  it('Polish plurals have one, few, many and other', () => {
    const pl = load('pl');
    for (const key of pl.filter((k) => k.endsWith('_one'))) {
      for (const form of ['few', 'many', 'other']) expect(pl).toContain(key.replace(/_one$/, `_${form}`));
    }
  });
});
