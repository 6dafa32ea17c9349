import { afterEach, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../domain/snapshot/parse';
import { estimateMoveSeconds, GraphRequestError, parseGraphConfig } from '../graph';
import { servicesOfServicePlan } from '../graph/mapping/service-plans';
import { FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
import { SKU_POWER_BI, SKU_PREMIUM, SKU_STANDARD, syntheticGraphTenant, TEST_CLIENT_CERTIFICATE_PATH, userId } from './support/graph-server';

// Reading a tenant through the Graph gateway from the local Graph server: every page, the mapping
// of SKUs, roles, disabled service plans and health to the contract, and what comes from settings.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('reading a tenant through Microsoft Graph', () => {
  it('reads a multi-page tenant into a snapshot that passes the contract', async () => {
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 50, yammerOffEvery: 4, powerBiEvery: 5 }), pageSize: 7 });
    const { snapshot, warnings } = await rig.gateway.readSnapshotWithWarnings();
    expect(parseSnapshot(snapshot).ok).toBe(true);
    expect(snapshot.users).toHaveLength(50);
    // 50 users at 7 per page: 8 pages, all followed through @odata.nextLink.
    expect(rig.server.writes).toHaveLength(0);
    expect(new Set(snapshot.users.map((u) => u.id)).size).toBe(50);

    // The licences are the server's, on subscriptions named by skuId; the unknown SKU is left out and reported.
    const expected = rig.server.state.exportSnapshot();
    expect(snapshot.users.map((u) => [u.id, u.licenses.map((l) => l.subscriptionId)])).toEqual(expected.users.map((u) => [u.id, u.licenses.map((l) => l.subscriptionId)]));
    expect(snapshot.subscriptions.map((s) => [s.id, s.planId])).toEqual([
      [SKU_STANDARD, 'm365-business-standard'],
      [SKU_PREMIUM, 'm365-business-premium'],
    ]);
    expect(snapshot.users.some((u) => u.licenses.some((l) => l.subscriptionId === SKU_POWER_BI))).toBe(false);
    expect(warnings).toContainEqual({ code: 'UNKNOWN_SKUS', skuPartNumbers: ['POWER_BI_STANDARD'] });
  });

  it('maps roles by template id, tenant-wide only, and everyone else to User', async () => {
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 6 }), pageSize: 2 });
    const snapshot = await rig.gateway.readSnapshot();
    const roles = Object.fromEntries(snapshot.users.map((u) => [u.upn, u.roles]));
    expect(roles).toEqual({
      'user0@contoso.example': ['GlobalAdmin'],
      'user1@contoso.example': ['BillingAdmin', 'LicenseAdmin'],
      // User administrator of one administrative unit only: not a tenant's user administrator.
      'user2@contoso.example': ['User'],
      'user3@contoso.example': ['HelpdeskAgent'],
      // Exchange administrator: a role the contract does not name.
      'user4@contoso.example': ['User'],
      'user5@contoso.example': ['User'],
    });
  });

  it('maps disabled service plans, subscription terms and health to the contract', async () => {
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 8, yammerOffEvery: 4, premiumSeats: 5 }) });
    const snapshot = await rig.gateway.readSnapshot();
    const user0 = snapshot.users.find((u) => u.id === userId(0))!;
    expect(user0.licenses).toEqual([{ subscriptionId: SKU_STANDARD, disabledServices: ['yammer'] }]);
    expect(snapshot.users.find((u) => u.id === userId(1))!.licenses[0]!.disabledServices).toEqual([]);
    const [standard, premium] = snapshot.subscriptions;
    expect(standard).toMatchObject({ status: 'active', purchasedLicenses: 18, startDate: '2025-03-01', renewalDate: '2027-03-01' });
    expect(premium).toMatchObject({ status: 'active', purchasedLicenses: 5, startDate: '2026-10-01', renewalDate: '2027-10-01' });
    // What Graph cannot tell: the documented defaults.
    expect(standard).toMatchObject({ billingFrequency: 'monthly', paymentMethod: 'credit-card', currency: 'USD', pricePerLicensePerMonth: 12.5, segment: 'commercial', addOns: [] });
    expect(snapshot.tenant).toEqual({ id: 'c0c0c0c0-1111-4222-8333-444455556666', name: 'Contoso Ltd', domains: ['contoso.example', 'contoso.onmicrosoft.com'], billingAccountType: 'MOSA' });
    expect(snapshot.serviceHealth).toEqual([
      { service: 'exchange', status: 'degraded' },
      { service: 'teams', status: 'healthy' },
      { service: 'sharepoint', status: 'advisory' },
      { service: 'onedrive', status: 'incident' },
    ]);
  });

  it('takes billing terms, prices and add-ons from the settings, per plan id or SKU over the defaults', async () => {
    rig = await graphRig(
      { seed: syntheticGraphTenant({ users: 3 }) },
      {
        settings: {
          billingAccountType: 'MCA',
          defaults: { currency: 'EUR', billingFrequency: 'annual', paymentMethod: 'invoice' },
          subscriptions: {
            'm365-business-premium': { pricePerLicensePerMonth: 20.6, addOns: [{ name: 'Exchange Online Archiving', blocksChange: true }] },
            O365_BUSINESS_PREMIUM: { creditCheckPending: true },
          },
        },
      },
    );
    const snapshot = await rig.gateway.readSnapshot();
    const [standard, premium] = snapshot.subscriptions;
    expect(snapshot.tenant.billingAccountType).toBe('MCA');
    // 12.50 USD list price at the catalogue's fixed EUR rate.
    expect(standard).toMatchObject({ currency: 'EUR', pricePerLicensePerMonth: 11.5, billingFrequency: 'annual', paymentMethod: 'invoice', creditCheckPending: true });
    expect(premium).toMatchObject({ currency: 'EUR', pricePerLicensePerMonth: 20.6, addOns: [{ name: 'Exchange Online Archiving', blocksChange: true }], creditCheckPending: false });
  });

  it('signs in with a certificate as well as with a secret', async () => {
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 2 }) }, {}, { GRAPH_CLIENT_SECRET: '', GRAPH_CLIENT_CERTIFICATE_PATH: TEST_CLIENT_CERTIFICATE_PATH });
    const snapshot = await rig.gateway.readSnapshot();
    expect(snapshot.users).toHaveLength(2);
    expect(rig.server.issuer.issued).toBe(1);
  });

  it('retries reads that Graph throttles or cannot serve, waiting the full Retry-After', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 20 }), pageSize: 5, clock }, { clock });
    rig.server.faults.add('read', 2, { kind: 'fail', status: 503, applied: false });
    rig.server.faults.add('read', 1, { kind: 'throttle', retryAfterSeconds: 400 });
    const snapshot = await rig.gateway.readSnapshot();
    expect(snapshot.users).toHaveLength(20);
    expect(clock.sleeps).toContain(400_000);
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(3);
  });

  it('a refused read is a typed error naming the path and status', async () => {
    rig = await graphRig({ seed: syntheticGraphTenant({ users: 2 }) });
    rig.server.denied.add('/v1.0/admin/serviceAnnouncement/healthOverviews');
    const error = await rig.gateway.readSnapshot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 403, code: 'Authorization_RequestDenied', path: '/v1.0/admin/serviceAnnouncement/healthOverviews' });
  });
});

describe('Graph configuration and tables', () => {
  it('reads the environment once, naming the variable that is missing or wrong', () => {
    expect(parseGraphConfig({})).toEqual({ ok: false, error: { problem: 'missing', variables: ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] } });
    const base = { GRAPH_TENANT_ID: 'contoso.onmicrosoft.com', GRAPH_CLIENT_ID: 'abc-123', GRAPH_CLIENT_SECRET: 's' };
    expect(parseGraphConfig({ ...base, GRAPH_AUTHORITY_HOST: 'http://login.example' })).toEqual({
      ok: false,
      error: { problem: 'invalid', variable: 'GRAPH_AUTHORITY_HOST', expected: 'https-url' },
    });
    const ok = parseGraphConfig({ ...base, GRAPH_BASE_URL: 'https://graph.microsoft.us/' });
    expect(ok).toEqual({
      ok: true,
      value: {
        tenantId: 'contoso.onmicrosoft.com',
        clientId: 'abc-123',
        credentials: { kind: 'secret', secret: 's' },
        baseUrl: 'https://graph.microsoft.us',
        authorityHost: 'https://login.microsoftonline.com',
      },
    });
  });

  it('maps service plans to contract services: SharePoint carries OneDrive, Office for the web and Intune none', () => {
    expect(['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE', 'SHAREPOINTWAC', 'ONEDRIVESTANDARD', 'TEAMS1', 'YAMMER_ENTERPRISE', 'MCOEV', 'OFFICESUBSCRIPTION', 'OFFICE_BUSINESS', 'INTUNE_O365'].map((n) => servicesOfServicePlan(n))).toEqual([
      ['exchange'],
      ['sharepoint', 'onedrive'],
      [],
      ['onedrive'],
      ['teams'],
      ['yammer'],
      ['lync'],
      ['office-apps'],
      ['office-apps'],
      [],
    ]);
  });

  it('estimates a move from the write quota: users / 3,000 × 150 s', () => {
    expect(estimateMoveSeconds(0)).toBe(0);
    expect(estimateMoveSeconds(3_000)).toBe(150);
    expect(estimateMoveSeconds(10_000)).toBe(500);
    expect(estimateMoveSeconds(100, { limit: 10, windowMs: 1_000 })).toBe(10);
  });
});
