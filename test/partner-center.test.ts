import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentCredential,
  newTransitionJob,
  parsePartnerConfig,
  PartnerCenterClient,
  PartnerRequestError,
  PartnerThrottledError,
  GdapRoleMissingError,
  readCustomerTenant,
  review,
  runTransitionJob,
  type TransitionJob,
  type TransitionJobStore,
} from '../partner';
import {
  CONTOSO,
  CONTOSO_POWER_BI,
  CONTOSO_STANDARD,
  ITEM_M365_E3,
  ITEM_O365_E3,
  ITEM_PREMIUM,
  LODZ,
  LODZ_BASIC,
  partnerCustomers,
  PARTNER_TEST_CA_PATH,
  startPartnerCenterServer,
  type PartnerCenterTestServer,
} from './support/partner-center-server';
import { startGraphServer, syntheticGraphTenant } from './support/graph-server';

// The Partner Center client against the local Partner Center: the agent's device-code sign-in, paging
// with continuation tokens, eligibilities with Partner Center's refusal codes merged with the project's
// rules, 429 with Retry-After, and a transition posted once and followed through its events.

const CA = readFileSync(PARTNER_TEST_CA_PATH, 'utf8');

class MemoryJobs implements TransitionJobStore {
  readonly saved: TransitionJob[] = [];
  async save(job: TransitionJob): Promise<void> {
    this.saved.push(structuredClone(job));
  }
}

let server: PartnerCenterTestServer;
const prompts: { verificationUri: string; userCode: string }[] = [];
const waits: number[] = [];

function clientFor(target: PartnerCenterTestServer, options: { maxAttempts?: number } = {}): PartnerCenterClient {
  const config = parsePartnerConfig(target.env());
  if (!config.ok) throw new Error(JSON.stringify(config.error));
  const credential = agentCredential(config.value, { prompt: (info) => prompts.push(info), ca: CA });
  return new PartnerCenterClient({
    baseUrl: config.value.baseUrl,
    credential,
    ca: CA,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
}

let client: PartnerCenterClient;
beforeAll(async () => {
  server = await startPartnerCenterServer({ customers: partnerCustomers(5), pageSize: 2 });
  client = clientFor(server);
});
afterAll(async () => {
  client.close();
  await server.close();
});

describe('the agent signs in with the device code', () => {
  it('is shown the page and the code, waits while the sign-in is pending, then is signed in once for every call', async () => {
    await client.customers();
    await client.subscriptions(CONTOSO);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.verificationUri).toBe(`${server.baseUrl}/devicelogin`);
    expect(prompts[0]!.userCode).toMatch(/^[0-9A-F]{9}$/);
    expect(server.entra.polls).toBe(2);
    expect(server.entra.tokens.size).toBe(1);
  });

  it('a sign-in without MFA is refused by Partner Center with its MFA code', async () => {
    const noMfa = await startPartnerCenterServer({ customers: partnerCustomers(0), account: { mfa: false } });
    const other = clientFor(noMfa);
    try {
      const error = await other.customers().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PartnerRequestError);
      expect((error as PartnerRequestError).mfaRequired).toBe(true);
    } finally {
      other.close();
      await noMfa.close();
    }
  });
});

describe('customers', () => {
  it('reads every page by its continuation token', async () => {
    server.log.length = 0;
    const customers = await client.customers();
    expect(customers.map((c) => c.name)).toEqual(['Contoso Ltd', 'Łódzkie Biuro Rachunkowe sp. z o.o.', 'Northwind 1', 'Northwind 2', 'Northwind 3', 'Northwind 4', 'Northwind 5']);
    expect(customers[1]).toEqual({ id: LODZ, name: 'Łódzkie Biuro Rachunkowe sp. z o.o.', domain: 'lodzbiuro.onmicrosoft.com' });
    expect(server.log.map((l) => l.path)).toEqual(Array(4).fill('/v1/customers'));
  });

  it('waits out 429 for as long as Retry-After says, with the same request id', async () => {
    waits.length = 0;
    server.log.length = 0;
    server.throttle(2, 3);
    const subscriptions = await client.subscriptions(CONTOSO);
    expect(subscriptions.map((s) => s.id)).toEqual([CONTOSO_STANDARD, CONTOSO_POWER_BI]);
    expect(waits).toEqual([3000, 3000]);
    expect(server.log.map((l) => l.status)).toEqual([429, 429, 200]);
    expect(new Set(server.log.map((l) => l.requestId)).size).toBe(1);
  });

  it('gives up with a typed error when Partner Center keeps throttling', async () => {
    const impatient = clientFor(server, { maxAttempts: 2 });
    server.throttle(2, 7);
    try {
      const error = await impatient.subscriptions(CONTOSO).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PartnerThrottledError);
      expect((error as PartnerThrottledError).retryAfterSeconds).toBe(7);
    } finally {
      impatient.close();
    }
  });
});

describe('eligibility review', () => {
  it('lists each target, eligible or refused with the reason, merged with the rules', async () => {
    const [customer] = await client.customers();
    const subscription = (await client.subscriptions(CONTOSO)).find((s) => s.id === CONTOSO_STANDARD)!;
    const result = review(customer!, subscription, await client.eligibilities(CONTOSO, CONTOSO_STANDARD), '2026-12-04');
    expect(result.subscription.planId).toBe('m365-business-standard');
    const byItem = new Map(result.targets.map((t) => [t.catalogItemId, t]));
    const premium = byItem.get(ITEM_PREMIUM)!;
    expect(premium.planId).toBe('m365-business-premium');
    expect(premium.types.map((t) => [t.type, t.eligible])).toEqual([
      ['transition_only', true],
      ['transition_with_license_transfer', true],
    ]);
    expect(premium.notices.map((n) => n.code)).toEqual(expect.arrayContaining(['UPGRADE_IRREVERSIBLE', 'PROMOTION_LOST', 'PRORATED_CREDIT']));
    const e3 = byItem.get(ITEM_M365_E3)!;
    expect(e3.types.find((t) => t.type === 'transition_with_license_transfer')!.refusals.map((r) => [r.code, r.name])).toEqual([[3, 'CONFLICTING_SERVICES']]);
    expect(e3.eligible).toBe(true);
    const o365 = byItem.get(ITEM_O365_E3)!;
    expect(o365.eligible).toBe(false);
    expect(o365.types[0]!.refusals[0]).toMatchObject({ code: 13, name: 'INSUFFICIENT_GDAP_ROLES', roles: ['Directory Writers'] });
  });

  it('a suspended subscription is refused as not active, and an unknown offer keeps its name', async () => {
    const lodz = (await client.customers()).find((c) => c.id === LODZ)!;
    const basic = (await client.subscriptions(LODZ))[0]!;
    const result = review(lodz, basic, await client.eligibilities(LODZ, LODZ_BASIC), '2026-12-04');
    expect(result.targets[0]!.types.every((t) => t.refusals.some((r) => r.name === 'SUBSCRIPTION_NOT_ACTIVE'))).toBe(true);
    const powerBi = (await client.subscriptions(CONTOSO)).find((s) => s.id === CONTOSO_POWER_BI)!;
    const unknown = review(lodz, powerBi, [], '2026-12-04');
    expect(unknown.subscription.planId).toBeUndefined();
    expect(unknown.subscription.offerName).toBe('Power BI Pro');
  });
});

describe('a transition', () => {
  it('is posted once, followed through Conversion and SeatReassignment, and changes the subscription', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    const c = clientFor(local);
    try {
      const jobs = new MemoryJobs();
      const job = await newTransitionJob(c, CONTOSO, CONTOSO_STANDARD, { toCatalogItemId: ITEM_PREMIUM, quantity: 12, transitionType: 'transition_with_license_transfer' });
      const seen: string[] = [];
      const done = await runTransitionJob(c, jobs, job, { pollMs: 0, onProgress: (j) => void seen.push(j.events.map((e) => `${e.name}:${e.status}`).at(-1)!) });
      expect(done.state).toBe('completed');
      expect(seen).toEqual(['Conversion:InProgress', 'Conversion:Completed', 'SeatReassignment:InProgress', 'SeatReassignment:Completed']);
      expect(local.log.filter((l) => l.method === 'POST')).toHaveLength(1);
      const after = (await c.subscriptions(CONTOSO)).find((s) => s.id === CONTOSO_STANDARD)!;
      expect(after.offerId).toBe(ITEM_PREMIUM);
      expect(after.offerName).toBe('Microsoft 365 Business Premium');
    } finally {
      c.close();
      await local.close();
    }
  });

  it('a failed event ends the job with its reason', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    const c = clientFor(local);
    try {
      local.state.failNext = { event: 'SeatReassignment', code: 12 };
      const job = await newTransitionJob(c, CONTOSO, CONTOSO_STANDARD, { toCatalogItemId: ITEM_PREMIUM, quantity: 12, transitionType: 'transition_with_license_transfer' });
      const done = await runTransitionJob(c, new MemoryJobs(), job, { pollMs: 0 });
      expect(done.state).toBe('failed');
      expect(done.failure).toMatchObject({ event: 'SeatReassignment', refusals: [{ code: 12, name: 'USER_LICENCE_ERROR' }] });
    } finally {
      c.close();
      await local.close();
    }
  });

  it('after a crash between posting and saving, reads the transitions and does not post again', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    const c = clientFor(local);
    try {
      const jobs = new MemoryJobs();
      const job = await newTransitionJob(c, CONTOSO, CONTOSO_STANDARD, { toCatalogItemId: ITEM_M365_E3, quantity: 5, transitionType: 'transition_only' });
      // The process dies once Partner Center has the transition, before the answer is saved.
      const crashing = Object.create(c) as PartnerCenterClient;
      crashing.postTransition = async (...args) => {
        await c.postTransition(...args);
        throw new Error('killed');
      };
      await expect(runTransitionJob(crashing, jobs, job, { pollMs: 0 })).rejects.toThrow('killed');
      const saved = structuredClone(jobs.saved.at(-1)!);
      expect(saved.state).toBe('posting');
      const done = await runTransitionJob(c, jobs, saved, { pollMs: 0 });
      expect(done.state).toBe('completed');
      expect(local.log.filter((l) => l.method === 'POST')).toHaveLength(1);
      const subscriptions = await c.subscriptions(CONTOSO);
      expect(subscriptions.find((s) => s.id === CONTOSO_STANDARD)!.quantity).toBe(7);
      expect(subscriptions.filter((s) => s.offerId === ITEM_M365_E3).map((s) => s.quantity)).toEqual([5]);
    } finally {
      c.close();
      await local.close();
    }
  });
});

describe('a transition posted while Partner Center throttles', () => {
  it('goes again with the same request id after Retry-After, and Partner Center makes one transition', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    const c = clientFor(local);
    try {
      const job = await newTransitionJob(c, CONTOSO, CONTOSO_STANDARD, { toCatalogItemId: ITEM_PREMIUM, quantity: 12, transitionType: 'transition_only' });
      local.log.length = 0;
      local.throttle(1, 2);
      const done = await runTransitionJob(c, new MemoryJobs(), job, { pollMs: 0 });
      expect(done.state).toBe('completed');
      const posts = local.log.filter((l) => l.method === 'POST');
      expect(posts.map((p) => p.status)).toEqual([429, 201]);
      expect(posts.every((p) => p.requestId === job.requestId)).toBe(true);
      expect(local.state.transitions).toHaveLength(1);
    } finally {
      c.close();
      await local.close();
    }
  });
});

describe('configuration', () => {
  it('names the variable that is missing or wrong', () => {
    expect(parsePartnerConfig({})).toEqual({ ok: false, error: { problem: 'missing', variables: ['PARTNER_TENANT_ID', 'PARTNER_CLIENT_ID'] } });
    const base = { PARTNER_TENANT_ID: 'contoso.onmicrosoft.com', PARTNER_CLIENT_ID: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901' };
    expect(parsePartnerConfig({ ...base, PARTNER_CENTER_BASE_URL: 'http://api.partnercenter.microsoft.com' })).toEqual({ ok: false, error: { problem: 'invalid', variable: 'PARTNER_CENTER_BASE_URL', expected: 'https-url' } });
    expect(parsePartnerConfig({ ...base, PARTNER_CLIENT_SECRET: 's', PARTNER_CLIENT_CERTIFICATE_PATH: '/c.pem' })).toEqual({ ok: false, error: { problem: 'invalid', variable: 'PARTNER_CLIENT_CERTIFICATE_PATH', expected: 'one-credential' } });
    const ok = parsePartnerConfig({ ...base, PARTNER_OAUTH_CONNECTION: 'PartnerCenter' });
    expect(ok).toEqual({ ok: true, value: { ...{ tenantId: base.PARTNER_TENANT_ID, clientId: base.PARTNER_CLIENT_ID }, baseUrl: 'https://api.partnercenter.microsoft.com', oauthConnection: 'PartnerCenter', authorityHost: 'https://login.microsoftonline.com' } });
  });
});

describe('a transition Partner Center refuses when it is sent', () => {
  it('ends the job with the reason, and running it again sends nothing', async () => {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    const c = clientFor(local);
    try {
      const jobs = new MemoryJobs();
      const job = await newTransitionJob(c, CONTOSO, CONTOSO_STANDARD, { toCatalogItemId: ITEM_O365_E3, quantity: 2, transitionType: 'transition_with_license_transfer' });
      const done = await runTransitionJob(c, jobs, job, { pollMs: 0 });
      expect(done.state).toBe('failed');
      expect(done.failure).toMatchObject({ event: 'post', refusals: [{ code: 13, name: 'INSUFFICIENT_GDAP_ROLES', roles: ['Directory Writers'] }] });
      await runTransitionJob(c, jobs, done, { pollMs: 0 });
      expect(local.log.filter((l) => l.method === 'POST')).toHaveLength(1);
      expect(local.state.transitions).toEqual([]);
    } finally {
      c.close();
      await local.close();
    }
  });
});

describe("the customer's tenant through GDAP", () => {
  type Graph = Awaited<ReturnType<typeof startGraphServer>>;
  async function withGraph(run: (graph: Graph, read: () => ReturnType<typeof readCustomerTenant>, local: PartnerCenterTestServer) => Promise<void>) {
    const local = await startPartnerCenterServer({ customers: partnerCustomers(0) });
    const graph = await startGraphServer({ seed: syntheticGraphTenant({ users: 9, yammerOffEvery: 3 }) });
    // The local Graph trusts the tokens the local Entra gives the agent for it.
    local.entra.onIssued = (token, issued) => {
      if (issued.scope.startsWith(graph.baseUrl)) graph.issuer.tokens.add(token);
    };
    const config = parsePartnerConfig(local.env());
    if (!config.ok) throw new Error('config');
    const asked: unknown[] = [];
    const credential = agentCredential(config.value, { prompt: (info) => asked.push(info), ca: CA });
    const options = { graphBaseUrl: graph.baseUrl, authorityHost: config.value.authorityHost, clientId: config.value.clientId, ca: CA };
    try {
      await run(graph, () => readCustomerTenant(credential, CONTOSO, options), local);
      // One sign-in: the customer's tenant is reached with it, never a second device code.
      expect(asked).toHaveLength(1);
    } finally {
      await graph.close();
      await local.close();
    }
  }

  it("is read with the agent's own sign-in in the customer's tenant, and the rules see its users", async () => {
    await withGraph(async (_graph, read, local) => {
      const snapshot = await read();
      expect(snapshot.users).toHaveLength(9);
      expect(snapshot.tenant.billingAccountType).toBe('MCA');
      expect([...local.entra.tokens.values()].map((t) => t.tenant)).toContain(CONTOSO);
      const c = clientFor(local);
      try {
        const customer = await c.customer(CONTOSO);
        const subscription = (await c.subscriptions(CONTOSO)).find((s) => s.id === CONTOSO_STANDARD)!;
        const result = review(customer, subscription, await c.eligibilities(CONTOSO, CONTOSO_STANDARD), '2026-12-04', snapshot);
        expect(result.tenantRead).toEqual({ users: 9, subscriptionId: snapshot.subscriptions.find((s) => s.planId === 'm365-business-standard')!.id });
        const premium = result.targets.find((t) => t.catalogItemId === ITEM_PREMIUM)!;
        // Three of the nine have Yammer switched off: the change resets what was customised for them.
        expect(premium.notices).toContainEqual(expect.objectContaining({ code: 'CUSTOM_SERVICE_ASSIGNMENTS_RESET', count: 3 }));
      } finally {
        c.close();
      }
    });
  });

  it('a GDAP relationship without a role that reads the directory is a typed error naming the roles', async () => {
    await withGraph(async (graph, read) => {
      graph.denied.add('/v1.0/users');
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GdapRoleMissingError);
      expect((error as GdapRoleMissingError).roles).toEqual(['Directory Readers', 'Global Reader']);
    });
  });
});
