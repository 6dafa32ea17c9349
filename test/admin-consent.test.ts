import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'restify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../bot/logger';
import restify from '../bot/restify';
import { BlobContainer } from '../bot/storage/blob-container';
import { BlobConsentStates, BlobTenantRegistry } from '../bot/storage/blob-tenant-registry';
import { openDatabase } from '../bot/storage/sqlite-database';
import { SqliteConsentStates, SqliteTenantRegistry } from '../bot/storage/sqlite-tenant-registry';
import { CONSENT_COOKIE, mountAdminConsent } from '../bot/tenants/consent-routes';
import { MemoryConsentStates, MemoryTenantRegistry, type ConsentStateStore, type TenantRegistry } from '../bot/tenants/consented-tenants';
import { ManyTenantDirectory } from '../bot/tenants/many-tenant-directory';
import { parseGraphConfig } from '../graph/config';
import { main } from '../cli/main';
import { BufferWriter } from '../cli/io';
import { TenantCredentials } from '../graph/tenant-credentials';
import { startAzurite, type Azurite } from './support/azurite';
import { startGraphServer, TEST_CA, TEST_CLIENT_CERTIFICATE_PATH, type GraphTestServer } from './support/graph-server';
import { startManyTenantGraph, type ManyTenantGraph } from './support/graph-server/many-tenants';
import { contoso, CONTOSO_ID, FABRIKAM_ID, NORTHWIND_ID, otherTenant } from './support/many-tenant-seeds';

// The admin consent routes on a real HTTP server, against the local Entra/Graph of several tenants: what a
// browser sees (the redirect, the cookie, the page in its language), and what a forged, replayed, late
// or foreign callback cannot do (record a tenant). Documented shapes:
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent

const PUBLIC_BASE_URL = 'https://bot.example.test';

let tenants: GraphTestServer[];
let entra: ManyTenantGraph;
let dataDir: string;

beforeAll(async () => {
  tenants = [
    await startGraphServer({ seed: contoso(6) }),
    await startGraphServer({ seed: otherTenant(FABRIKAM_ID, 'Fabrikam & <Co>', 'fabrikam', 4) }),
    await startGraphServer({ seed: otherTenant(NORTHWIND_ID, 'Northwind', 'northwind', 3) }),
  ];
  entra = await startManyTenantGraph(tenants);
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-consent-'));
}, 60_000);

afterAll(async () => {
  await entra?.close();
  for (const t of tenants ?? []) await t.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Site {
  url: string;
  server: Server;
  registry: TenantRegistry;
  directory: ManyTenantDirectory;
  logs: string[];
  clock: { now: number };
}

let site: Site;
let siteCount = 0;

async function startSite(perMinute = 1000): Promise<Site> {
  const db = openDatabase(join(dataDir, `bot-${++siteCount}.sqlite`));
  const registry = new SqliteTenantRegistry(db);
  const states = new SqliteConsentStates(db);
  const app = parseGraphConfig(entra.env(), { manyTenants: true });
  if (!app.ok) throw new Error('graph config');
  const directory = new ManyTenantDirectory({ app: app.value, settings: {}, registry, consentUrl: `${PUBLIC_BASE_URL}/admin-consent`, gateway: { ca: TEST_CA } });
  const logs: string[] = [];
  const clock = { now: Date.now() };
  const server = restify.createServer({ name: 'consent-test', handleUncaughtExceptions: false });
  mountAdminConsent(server, {
    authorityHost: app.value.authorityHost,
    clientId: app.value.clientId,
    publicBaseUrl: PUBLIC_BASE_URL,
    scope: `${app.value.baseUrl}/.default`,
    states,
    registry,
    confirm: (id) => directory.confirm(id),
    recorded: (id) => directory.forget(id),
    logger: createLogger('debug', (line) => logs.push(line)),
    now: () => clock.now,
    perMinute,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, server, registry, directory, logs, clock };
}

beforeEach(async () => {
  if (site) {
    site.server.close();
    site.directory.close();
  }
  site = await startSite();
});

/** A browser: GET /admin-consent, keep the cookie, and the Location it was sent to. */
async function start(from = site): Promise<{ cookie: string; location: URL }> {
  const response = await fetch(`${from.url}/admin-consent`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0]!, location: new URL(response.headers.get('location')!) };
}

/** Entra's side: the admin consent page, answered as `tenantId`'s administrator would; returns where Entra sends the browser. */
async function consentAt(location: URL, tenantId: string, accept = true): Promise<URL> {
  entra.nextConsent = { tenantId, accept };
  // The local Entra's certificate is its own: trusted here as a browser would trust Microsoft's.
  const answer = await new Promise<{ status: number; location: string }>((resolve, reject) => {
    httpsGet(location, { ca: TEST_CA, agent: false }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: String(response.headers.location) });
    }).on('error', reject);
  });
  expect(answer.status).toBe(302);
  return new URL(answer.location);
}

/** The callback as the browser follows it: to this bot (the registered redirect URI points at PUBLIC_BASE_URL). */
async function callback(back: URL, cookie: string | undefined, language = 'en-GB,en;q=0.8', from = site): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${from.url}${back.pathname}${back.search}`, { headers: { ...(cookie ? { cookie } : {}), 'accept-language': language } });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

describe('GET /admin-consent', () => {
  it("sends the browser to Entra's admin consent for any organisation, with the app, Graph's .default scope, the callback and a fresh state", async () => {
    const first = await start();
    const second = await start();
    expect(`${first.location.origin}${first.location.pathname}`).toBe(`${entra.baseUrl}/organizations/v2.0/adminconsent`);
    expect(first.location.searchParams.get('client_id')).toBe(tenants[0]!.clientId);
    expect(first.location.searchParams.get('scope')).toBe(`${entra.baseUrl}/.default`);
    expect(first.location.searchParams.get('redirect_uri')).toBe(`${PUBLIC_BASE_URL}/admin-consent/callback`);
    const state = first.location.searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.location.searchParams.get('state')).not.toBe(state);
    expect(first.cookie).toBe(`${CONSENT_COOKIE}=${state}`);
  });

  it('sets the cookie HttpOnly, SameSite=Lax, Secure (the public address is https) and for ten minutes, and is not cached', async () => {
    const response = await fetch(`${site.url}/admin-consent`, { redirect: 'manual' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/; Path=\/admin-consent; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('takes nothing from the request into the redirect: no open redirect', async () => {
    const response = await fetch(`${site.url}/admin-consent?redirect_uri=https://evil.example/&client_id=evil&tenant=evil`, { redirect: 'manual', headers: { host: 'evil.example' } });
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(entra.baseUrl);
    expect(location.searchParams.get('redirect_uri')).toBe(`${PUBLIC_BASE_URL}/admin-consent/callback`);
    expect(location.searchParams.get('client_id')).toBe(tenants[0]!.clientId);
  });
});

describe('GET /admin-consent/callback', () => {
  it('records a granted tenant once the app can sign in to it, with its name, and answers in the browser language', async () => {
    const { cookie, location } = await start();
    const back = await consentAt(location, CONTOSO_ID);
    expect(back.searchParams.get('admin_consent')).toBe('True');
    const page = await callback(back, cookie, 'sv-SE,sv;q=0.9,en;q=0.5');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="sv">');
    expect(page.html).toContain('Assistenten för planändring är ansluten till Contoso Ltd.');
    expect(page.headers.get('set-cookie')).toMatch(new RegExp(`^${CONSENT_COOKIE}=; .*Max-Age=0`));
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const entry = await site.registry.get(CONTOSO_ID);
    expect(entry).toMatchObject({ tenantId: CONTOSO_ID, name: 'Contoso Ltd', result: 'granted' });
    expect(Math.abs(Date.parse(entry!.at) - site.clock.now)).toBeLessThan(1000);
    // The directory serves it from the next turn on.
    await site.directory.prepare(CONTOSO_ID.toUpperCase());
    expect(site.directory.find(CONTOSO_ID)?.name).toBe('Contoso Ltd');
    expect((await site.directory.find(CONTOSO_ID)!.gateway.readSnapshot()).tenant.id).toBe(CONTOSO_ID);
  });

  it("escapes the organisation's name in the page", async () => {
    const { cookie, location } = await start();
    const page = await callback(await consentAt(location, FABRIKAM_ID), cookie, 'pl-PL');
    expect(page.html).toContain('z organizacją Fabrikam &#38; &#60;Co&#62;.');
    expect(page.html).not.toContain('<Co>');
    // Only the organisation was read while the administrator waited, not the whole tenant.
    expect(tenants[1]!.log.map((r) => r.path)).toEqual(['/v1.0/organization']);
  });

  it('refuses the same callback a second time (the state is used once), and records nothing more', async () => {
    const { cookie, location } = await start();
    const back = await consentAt(location, CONTOSO_ID);
    expect((await callback(back, cookie)).status).toBe(200);
    await site.registry.remove(CONTOSO_ID);
    const again = await callback(back, cookie, 'nb-NO');
    expect(again.status).toBe(400);
    expect(again.html).toContain('Samtykkelenken er ugyldig, er allerede brukt eller har utløpt.');
    expect(await site.registry.get(CONTOSO_ID)).toBeUndefined();
  });

  it("refuses a callback from a browser that did not start the consent (no cookie, or another browser's)", async () => {
    const mine = await start();
    const theirs = await start();
    const back = await consentAt(mine.location, CONTOSO_ID);
    expect((await callback(back, undefined)).status).toBe(400);
    expect((await callback(back, theirs.cookie)).status).toBe(400);
    expect(await site.registry.get(CONTOSO_ID)).toBeUndefined();
    // The rightful browser still can.
    expect((await callback(back, mine.cookie)).status).toBe(200);
  });

  it('refuses a state after ten minutes', async () => {
    const { cookie, location } = await start();
    const back = await consentAt(location, CONTOSO_ID);
    site.clock.now += 10 * 60_000 + 1;
    const late = await callback(back, cookie);
    expect(late.status).toBe(400);
    expect(late.html).toContain('has expired');
    expect(await site.registry.get(CONTOSO_ID)).toBeUndefined();
  });

  it('refuses a made-up state, and a forged tenant the app cannot sign in to is not recorded', async () => {
    const forged = new URL(`${PUBLIC_BASE_URL}/admin-consent/callback?admin_consent=True&tenant=${NORTHWIND_ID}&state=${'A'.repeat(43)}`);
    expect((await callback(forged, `${CONSENT_COOKIE}=${'A'.repeat(43)}`)).status).toBe(400);
    // With a real state of its own, someone writes Northwind's id into the callback without any consent there.
    const { cookie, location } = await start();
    const back = new URL(`${PUBLIC_BASE_URL}/admin-consent/callback?admin_consent=True&tenant=${NORTHWIND_ID}&state=${location.searchParams.get('state')}`);
    const page = await callback(back, cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('cannot sign in to your organisation yet');
    expect(await site.registry.get(NORTHWIND_ID)).toBeUndefined();
    await site.directory.prepare(NORTHWIND_ID);
    expect(site.directory.find(NORTHWIND_ID)).toBeUndefined();
  });

  it("records a declined consent with Entra's error code only, and a later grant replaces it", async () => {
    const first = await start();
    const declined = await callback(await consentAt(first.location, NORTHWIND_ID, false), first.cookie);
    expect(declined.html).toContain('The consent was not given (Microsoft Entra ID answered: access_denied).');
    expect(declined.html).not.toContain('AADSTS65004');
    expect(await site.registry.get(NORTHWIND_ID)).toMatchObject({ result: 'denied', error: 'access_denied' });
    expect(JSON.stringify(await site.registry.get(NORTHWIND_ID))).not.toContain('declined to consent');
    await site.directory.prepare(NORTHWIND_ID);
    expect(site.directory.find(NORTHWIND_ID)).toBeUndefined();

    const second = await start();
    await callback(await consentAt(second.location, NORTHWIND_ID), second.cookie);
    expect(await site.registry.get(NORTHWIND_ID)).toMatchObject({ result: 'granted', name: 'Northwind' });
    // A later cancelled attempt does not withdraw the grant.
    const third = await start();
    await callback(await consentAt(third.location, NORTHWIND_ID, false), third.cookie);
    expect(await site.registry.get(NORTHWIND_ID)).toMatchObject({ result: 'granted' });
  });

  it('logs outcomes without the state, the cookie or the error description', async () => {
    const { cookie, location } = await start();
    const state = location.searchParams.get('state')!;
    await callback(await consentAt(location, CONTOSO_ID), cookie);
    await callback(new URL(`${PUBLIC_BASE_URL}/admin-consent/callback?state=${state}&error=x&error_description=secret-text`), cookie);
    const log = site.logs.join('\n');
    expect(log).toContain('consent.granted');
    expect(log).toContain('consent.refused');
    expect(log).not.toContain(state);
    expect(log).not.toContain('secret-text');
  });

  it('limits requests per address: past the limit a page in the browser language says to wait', async () => {
    site.server.close();
    site = await startSite(3);
    for (let i = 0; i < 3; i++) expect((await fetch(`${site.url}/admin-consent`, { redirect: 'manual' })).status).toBe(302);
    const refused = await fetch(`${site.url}/admin-consent`, { redirect: 'manual', headers: { 'accept-language': 'pl' } });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Zbyt wiele prób.');
    expect(site.logs.join('\n')).toContain('rate-limited');
  });
});

// The registry and the consent states keep the same promises on every storage.
let azurite: Azurite | undefined;
afterAll(async () => azurite?.stop());

describe.each([
  ['memory', async () => ({ registry: new MemoryTenantRegistry() as TenantRegistry, states: new MemoryConsentStates() as ConsentStateStore })],
  ['sqlite', async () => {
    const db = openDatabase(join(dataDir, `stores-${++siteCount}.sqlite`));
    return { registry: new SqliteTenantRegistry(db) as TenantRegistry, states: new SqliteConsentStates(db) as ConsentStateStore };
  }],
  ['blob', async () => {
    azurite ??= await startAzurite();
    const container = new BlobContainer(azurite.connectionString, azurite.newContainer());
    return { registry: new BlobTenantRegistry(container) as TenantRegistry, states: new BlobConsentStates(container) as ConsentStateStore };
  }],
])('consented tenants on %s storage', (_name, open) => {
  it('keeps, lists, replaces and removes a tenant by its id in any case', async () => {
    const { registry } = await open();
    await registry.record({ tenantId: FABRIKAM_ID.toUpperCase(), at: '2026-12-04T10:00:00.000Z', result: 'denied', error: 'access_denied' });
    await registry.record({ tenantId: CONTOSO_ID, at: '2026-12-04T09:00:00.000Z', result: 'granted', name: 'Contoso Ltd' });
    await registry.record({ tenantId: FABRIKAM_ID, at: '2026-12-04T11:00:00.000Z', result: 'granted', name: 'Fabrikam' });
    expect((await registry.list()).map((t) => [t.tenantId, t.result])).toEqual([[CONTOSO_ID, 'granted'], [FABRIKAM_ID, 'granted']]);
    expect(await registry.get(FABRIKAM_ID.toUpperCase())).toMatchObject({ name: 'Fabrikam' });
    expect(await registry.remove(FABRIKAM_ID)).toBe(true);
    expect(await registry.remove(FABRIKAM_ID)).toBe(false);
    expect((await registry.list()).map((t) => t.tenantId)).toEqual([CONTOSO_ID]);
  }, 60_000);

  it('gives a state once, and never after it expired', async () => {
    const { states } = await open();
    const now = Date.now();
    await states.save('a'.repeat(64), now + 1000);
    await states.save('b'.repeat(64), now + 1000);
    expect(await states.take('a'.repeat(64), now)).toBe(true);
    expect(await states.take('a'.repeat(64), now)).toBe(false);
    expect(await states.take('b'.repeat(64), now + 1000)).toBe(false);
    expect(await states.take('c'.repeat(64), now)).toBe(false);
  }, 60_000);
});

describe('signing in to each consented tenant with the app certificate', () => {
  it('gets a token from a tenant whose administrator consented, and none from one that has not', async () => {
    const app = parseGraphConfig({ ...entra.env(), GRAPH_CLIENT_SECRET: '', GRAPH_CLIENT_CERTIFICATE_PATH: TEST_CLIENT_CERTIFICATE_PATH }, { manyTenants: true });
    if (!app.ok) throw new Error('graph config');
    expect(app.value.credentials.kind).toBe('certificate');
    entra.consented.add(CONTOSO_ID);
    entra.consented.delete(NORTHWIND_ID);
    const issued = tenants[0]!.issuer.issued;
    const credentials = new TenantCredentials(app.value, { ca: TEST_CA });
    expect(await credentials.canSignIn(CONTOSO_ID)).toBe(true);
    expect(tenants[0]!.issuer.issued).toBe(issued + 1);
    expect(await credentials.canSignIn(NORTHWIND_ID)).toBe(false);
  });
});

describe('plan-switch tenants on blob storage, beside running instances', () => {
  it('lists and removes the consented organisations in the shared container', async () => {
    azurite ??= await startAzurite();
    const container = azurite.newContainer();
    const registry = new BlobTenantRegistry(new BlobContainer(azurite.connectionString, container));
    await registry.record({ tenantId: CONTOSO_ID, name: 'Contoso Ltd', at: '2026-12-04T09:00:00.000Z', result: 'granted' });
    await registry.record({ tenantId: NORTHWIND_ID, at: '2026-12-04T09:30:00.000Z', result: 'denied', error: 'access_denied' });
    const env = { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: container };
    const run = async (argv: string[]) => {
      const stdout = new BufferWriter();
      const stderr = new BufferWriter();
      const code = await main(argv, { stdout, stderr, env });
      return { code, stdout: stdout.text, stderr: stderr.text };
    };
    const listed = await run(['tenants', 'list', '--lang', 'nb']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${CONTOSO_ID}  Contoso Ltd  gitt  2026-12-04 09:00`);
    expect(listed.stdout).toContain(`${NORTHWIND_ID}  -  avslått (access_denied)`);
    expect((await run(['tenants', 'remove', CONTOSO_ID, '--json'])).stdout).toBe(`{"removed":"${CONTOSO_ID}"}\n`);
    expect(JSON.parse((await run(['tenants', 'list', '--json'])).stdout).map((t: { tenantId: string }) => t.tenantId)).toEqual([NORTHWIND_ID]);
    const wrong = await run(['tenants', 'purge']);
    expect(wrong).toEqual({ code: 2, stdout: '', stderr: 'plan-switch tenants purge: expected list or remove\n' });
  }, 60_000);
});
