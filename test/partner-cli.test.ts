import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTOSO,
  CONTOSO_STANDARD,
  ITEM_M365_E3,
  ITEM_O365_E3,
  ITEM_PREMIUM,
  LODZ,
  partnerCustomers,
  PARTNER_TEST_CA_PATH,
  startPartnerCenterServer,
  type PartnerCenterTestServer,
} from './support/partner-center-server';
import { startGraphServer, syntheticGraphTenant } from './support/graph-server';

// `plan-switch partner …` end to end: the real executable, configured by PARTNER_* variables, signing the
// agent in with the device code at the local Entra endpoint and working against the local Partner Center
// (trusted through NODE_EXTRA_CA_CERTS, as a proxy's CA would be).

const ROOT = join(import.meta.dirname, '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function planSwitch(target: PartnerCenterTestServer, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const jobs = join(mkdtempSync(join(tmpdir(), 'partner-cli-')), 'jobs.json');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/plan-switch.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...target.env(), NODE_EXTRA_CA_CERTS: PARTNER_TEST_CA_PATH, PLAN_SWITCH_PARTNER_JOBS: jobs, PLAN_SWITCH_PARTNER_POLL_SECONDS: '0', ...env },
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
  const lines = run.stderr.trimEnd().split('\n');
  return lines.at(-1)!;
};

let server: PartnerCenterTestServer;
beforeAll(async () => {
  server = await startPartnerCenterServer({ customers: partnerCustomers(5), pageSize: 3 });
});
afterAll(async () => server.close());

describe('plan-switch partner customers', () => {
  it('signs the agent in with a device code and lists every customer, in English and Polish', async () => {
    const en = await planSwitch(server, ['partner', 'customers']);
    expect(en.code).toBe(0);
    expect(en.stderr).toMatch(/To sign in to Partner Center, open https:\/\/127\.0\.0\.1:\d+\/devicelogin and enter the code [0-9A-F]{9}\./);
    expect(en.stdout).toContain('7 customers');
    expect(en.stdout).toContain('Łódzkie Biuro Rachunkowe sp. z o.o.');
    const pl = await planSwitch(server, ['partner', 'customers', '--lang', 'pl']);
    expect(pl.stdout).toContain('7 klientów');
    expect(pl.stderr).toContain('Aby zalogować się do Centrum partnerskiego');
    // The tokens the agent was given are nowhere in what the command printed.
    expect(server.entra.tokens.size).toBe(2);
    for (const token of server.entra.tokens.keys()) expect(`${en.stdout}${en.stderr}${pl.stdout}${pl.stderr}`).not.toContain(token);
  });

  it('a sign-in without MFA, or one the agent declines, is one line saying so, exit 2', async () => {
    const noMfa = await startPartnerCenterServer({ customers: partnerCustomers(0), account: { mfa: false } });
    try {
      expect(oneLine(await planSwitch(noMfa, ['partner', 'customers', '--lang', 'pl']))).toBe(
        'Centrum partnerskie odrzuciło wywołanie: logowanie nie używało uwierzytelniania wieloskładnikowego, którego wymagają wywołania App+User. Zaloguj się ponownie z MFA.',
      );
      noMfa.entra.declineNext = true;
      expect(oneLine(await planSwitch(noMfa, ['partner', 'customers']))).toBe('Sign-in to Partner Center failed (authorization_declined).');
    } finally {
      await noMfa.close();
    }
  });

  it('finds a customer by a word of its name without its diacritics, or by its domain; the JSON does not depend on --lang', async () => {
    const byName = await planSwitch(server, ['partner', 'customers', '--search', 'lodzkie', '--json']);
    expect(JSON.parse(byName.stdout)).toEqual({ customers: [{ id: LODZ, name: 'Łódzkie Biuro Rachunkowe sp. z o.o.', domain: 'lodzbiuro.onmicrosoft.com' }] });
    const byDomain = await planSwitch(server, ['partner', 'customers', '--search', 'lodzbiuro', '--json', '--lang', 'sv']);
    expect(byDomain.stdout).toBe(byName.stdout);
  });

  it('without PARTNER_TENANT_ID: one line naming it, exit 2', async () => {
    const run = await planSwitch(server, ['partner', 'customers'], { PARTNER_TENANT_ID: '' });
    expect(oneLine(run)).toBe('Partner Center is not configured: set PARTNER_TENANT_ID.');
  });

  it('an unknown option is one line naming it, exit 2', async () => {
    const run = await planSwitch(server, ['partner', 'customers', '--customer', 'x', '--lang', 'nb']);
    expect(oneLine(run)).toMatch(/^Ukjent alternativ --customer for partner customers/);
  });
});

describe('plan-switch partner check', () => {
  it('shows each target eligible or refused with the reason in the language, and the rules', async () => {
    const en = await planSwitch(server, ['partner', 'check', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Subscription 5e3c1a00-0000-4000-8000-0000000000a1: Microsoft 365 Business Standard (m365-business-standard)');
    expect(en.stdout).toContain('→ Microsoft 365 Business Premium (m365-business-premium)');
    expect(en.stdout).toContain('✗ Transition with licence transfer: not possible');
    expect(en.stdout).toContain('The customer has other subscriptions with services that conflict with this transition.');
    expect(en.stdout).toContain('this needs Directory Writers.');
    expect(en.stdout).toContain('A transition cannot be undone');
    expect(en.stdout).toContain('The promotional price ends');
    const pl = await planSwitch(server, ['partner', 'check', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--lang', 'pl']);
    expect(pl.stdout).toContain('✗ Przejście z przeniesieniem licencji: niemożliwe');
    expect(pl.stdout).toContain('Directory Writers');
    expect(pl.stdout).not.toContain('cannot');
  });

  it('--to keeps one target; the JSON is the same in every language', async () => {
    const args = ['partner', 'check', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', 'm365-e3', '--json'];
    const en = await planSwitch(server, args);
    const sv = await planSwitch(server, [...args, '--lang', 'sv']);
    expect(sv.stdout).toBe(en.stdout);
    const answer = JSON.parse(en.stdout) as { fromPlan: string; targets: { catalogItemId: string; toPlan: string; transitionTypes: { type: string; eligible: boolean; refusals: { code: number; name: string }[] }[] }[] };
    expect(answer.fromPlan).toBe('m365-business-standard');
    expect(answer.targets.map((t) => [t.catalogItemId, t.toPlan])).toEqual([[ITEM_M365_E3, 'm365-e3']]);
    expect(answer.targets[0]!.transitionTypes).toEqual([
      { type: 'transition_only', eligible: true, refusals: [] },
      { type: 'transition_with_license_transfer', eligible: false, refusals: [{ code: 3, name: 'CONFLICTING_SERVICES', description: 'Subscription cannot be transitioned because there are conflicting services.' }] },
    ]);
  });

  it("--graph reads the customer's tenant with the agent's GDAP sign-in, so the rules see its users; a missing role is named", async () => {
    const graph = await startGraphServer({ seed: syntheticGraphTenant({ users: 9, yammerOffEvery: 3 }) });
    server.entra.onIssued = (token, issued) => {
      if (issued.scope.startsWith(graph.baseUrl)) graph.issuer.tokens.add(token);
    };
    try {
      const args = ['partner', 'check', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', 'm365-business-premium', '--graph'];
      const nb = await planSwitch(server, [...args, '--lang', 'nb'], { GRAPH_BASE_URL: graph.baseUrl });
      expect(nb.code).toBe(0);
      expect(nb.stdout).toContain('Lest fra kundens leier gjennom Microsoft Graph (GDAP): 9 brukere.');
      const answer = JSON.parse((await planSwitch(server, [...args, '--json'], { GRAPH_BASE_URL: graph.baseUrl })).stdout) as { tenantRead: { users: number }; targets: { notices: { code: string; count?: number }[] }[] };
      expect(answer.tenantRead.users).toBe(9);
      expect(answer.targets[0]!.notices).toContainEqual(expect.objectContaining({ code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET', count: 3 }));
      graph.denied.add('/v1.0/users');
      expect(oneLine(await planSwitch(server, args, { GRAPH_BASE_URL: graph.baseUrl }))).toBe(
        'Your GDAP roles for this customer do not let you read its directory through Microsoft Graph: this needs Directory Readers or Global Reader.',
      );
    } finally {
      server.entra.onIssued = undefined;
      await graph.close();
    }
  });

  it('an unknown subscription, customer or target is one line naming the flag, exit 2', async () => {
    expect(oneLine(await planSwitch(server, ['partner', 'check', '--customer', CONTOSO, '--subscription', 'nope']))).toMatch(/^--subscription "nope": /);
    expect(oneLine(await planSwitch(server, ['partner', 'check', '--customer', 'nobody', '--subscription', 'x']))).toMatch(/^--customer "nobody": /);
    expect(oneLine(await planSwitch(server, ['partner', 'check', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', 'o365-e5', '--lang', 'sv']))).toMatch(/^--to ”o365-e5”: .*m365-business-premium/);
  });
});

describe('plan-switch partner transition', () => {
  it('without --apply shows what would be sent and sends nothing', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    try {
      const run = await planSwitch(local, ['partner', 'transition', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', ITEM_PREMIUM, '--quantity', '12', '--licence-transfer']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Transition: 12 licences of Microsoft 365 Business Standard → Microsoft 365 Business Premium (Transition with licence transfer).');
      expect(run.stdout).toContain('Nothing was changed: run the same command again with --apply');
      expect(local.log.filter((l) => l.method === 'POST')).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('with --apply sends it once, follows its events to the end, and the subscription has changed (Polish)', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    try {
      const run = await planSwitch(local, ['partner', 'transition', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', ITEM_PREMIUM, '--quantity', '12', '--licence-transfer', '--apply', '--lang', 'pl']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Konwersja: zakończono');
      expect(run.stdout).toContain('Ponowne przypisanie licencji: zakończono');
      expect(run.stdout).toContain('Gotowe: subskrypcja została zmieniona na Microsoft 365 Business Premium.');
      expect(local.log.filter((l) => l.method === 'POST')).toHaveLength(1);
      expect(local.state.subscription(CONTOSO, CONTOSO_STANDARD)!.offerId).toBe(ITEM_PREMIUM);
    } finally {
      await local.close();
    }
  });

  it('a failed event is explained in the language; a throttled Partner Center is waited out and said so', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    try {
      local.state.failNext = { event: 'SeatReassignment', code: 12 };
      local.throttle(1, 1);
      const run = await planSwitch(local, ['partner', 'transition', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', 'm365-business-premium', '--quantity', '12', '--licence-transfer', '--apply']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('Partner Center is busy: waiting 1 second, as it asked, before trying again.');
      expect(run.stdout).toContain('The transition failed at the step "Licence reassignment":');
      expect(run.stdout).toContain("Moving the users' licences to the new plan failed.");
      expect(local.log.filter((l) => l.status === 429)).toHaveLength(1);
    } finally {
      await local.close();
    }
  });

  it('a refused transition is not sent: the reason names the GDAP role needed', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    try {
      const run = await planSwitch(local, ['partner', 'transition', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', ITEM_O365_E3, '--quantity', '2', '--licence-transfer', '--apply']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('This transition cannot be made now:');
      expect(run.stdout).toContain('this needs Directory Writers.');
      expect(local.log.filter((l) => l.method === 'POST')).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('a job left unfinished by a crash is followed, not sent again', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    try {
      const source = local.state.subscription(CONTOSO, CONTOSO_STANDARD)!;
      const requestId = '0f0e0d0c-0000-4000-8000-00000000c0de';
      // The earlier run posted, then died before it saved the answer.
      const posted = local.state.post(CONTOSO, source, { toCatalogItemId: ITEM_M365_E3, quantity: 4, transitionType: 'transition_only' }, requestId);
      expect(posted.ok).toBe(true);
      const jobs = join(mkdtempSync(join(tmpdir(), 'partner-cli-')), 'jobs.json');
      const job = { id: 'j1', customerId: CONTOSO, subscriptionId: CONTOSO_STANDARD, request: { toCatalogItemId: ITEM_M365_E3, quantity: 4, transitionType: 'transition_only' }, requestId, knownBefore: [], state: 'posting', events: [], createdAt: new Date().toISOString() };
      writeFileSync(jobs, JSON.stringify({ jobs: [job] }));
      const run = await planSwitch(local, ['partner', 'transition', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', ITEM_M365_E3, '--quantity', '4', '--apply', '--lang', 'sv'], { PLAN_SWITCH_PARTNER_JOBS: jobs });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('skickas inte igen');
      expect(local.log.filter((l) => l.method === 'POST')).toEqual([]);
      expect(local.state.transitions).toHaveLength(1);
      expect((JSON.parse(readFileSync(jobs, 'utf8')) as { jobs: { state: string }[] }).jobs[0]!.state).toBe('completed');
    } finally {
      await local.close();
    }
  });

  it('a quantity that is not a whole number of the subscription\'s licences is one line, exit 2', async () => {
    const args = ['partner', 'transition', '--customer', CONTOSO, '--subscription', CONTOSO_STANDARD, '--to', ITEM_PREMIUM];
    expect(oneLine(await planSwitch(server, [...args, '--quantity', '0']))).toMatch(/^--quantity "0": /);
    expect(oneLine(await planSwitch(server, [...args, '--quantity', '13']))).toMatch(/^--quantity "13": .*12/);
  });
});
