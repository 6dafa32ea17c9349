import { describe, expect, it } from 'vitest';
import { PLANS } from '../domain/catalogue';
import { buildSnapshot } from '../graph/mapping/snapshot';
import { SERVICE_PLAN_SOURCE, SERVICE_PLANS, SKUS } from '../graph/mapping/service-plan-table';
import {
  disabledServicesOf,
  findServicePlan,
  servicePlansOfSku,
  servicesOfServicePlan,
  servicesOfSku,
  translateDisabledPlans,
} from '../graph/mapping/service-plans';
import type { GraphSubscribedSku, GraphTenantData } from '../graph/read/types';
import { SETTINGS_DEFAULTS } from '../graph/settings';

// The service-plan table (Microsoft's "Product names and service plan identifiers for licensing") and
// what it decides: which services a user has switched off, and how that carries over to another SKU.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const id = (name: string) => findServicePlan(name)!.id;

describe('the service-plan table', () => {
  it('names its source and the day it was taken', () => {
    expect(SERVICE_PLAN_SOURCE.url).toContain('learn.microsoft.com');
    expect(SERVICE_PLAN_SOURCE.taken).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('covers every service plan of every SKU of every catalogue plan', () => {
    const missing: string[] = [];
    for (const plan of PLANS.filter((p) => p.skuPartNumber)) {
      const sku = SKUS[plan.skuPartNumber!];
      if (!sku) {
        missing.push(`${plan.id}: SKU ${plan.skuPartNumber}`);
        continue;
      }
      for (const name of sku.servicePlans) if (!findServicePlan(name)) missing.push(`${plan.skuPartNumber}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives each catalogue plan, through its SKU, every service the rules say it has', () => {
    const lacking = PLANS.filter((p) => p.skuPartNumber).flatMap((plan) => {
      const offered = servicesOfSku(plan.skuPartNumber!);
      return plan.services.filter((s) => !offered.includes(s)).map((s) => `${plan.id} lacks ${s}`);
    });
    expect(lacking).toEqual([]);
  });

  it('holds each plan once, with a GUID id and a skuId per listed SKU', () => {
    expect(SERVICE_PLANS.every((p) => GUID.test(p.id))).toBe(true);
    expect(new Set(SERVICE_PLANS.map((p) => p.id)).size).toBe(SERVICE_PLANS.length);
    expect(new Set(SERVICE_PLANS.map((p) => p.name.toUpperCase())).size).toBe(SERVICE_PLANS.length);
    for (const sku of Object.values(SKUS)) expect(sku.skuId === null || GUID.test(sku.skuId)).toBe(true);
  });

  it('maps the plans that were wrong or missing', () => {
    const services = (name: string) => servicesOfServicePlan(name);
    // The Office apps of Apps for business, Business Standard and Premium.
    expect(services('OFFICE_BUSINESS')).toEqual(['office-apps']);
    // SharePoint plans carry OneDrive for Business; Office for the web is neither.
    expect(services('SHAREPOINTSTANDARD')).toEqual(['sharepoint', 'onedrive']);
    expect(services('SHAREPOINTENTERPRISE')).toEqual(['sharepoint', 'onedrive']);
    expect(services('SHAREPOINTDESKLESS')).toEqual(['sharepoint', 'onedrive']);
    expect(services('SHAREPOINTWAC')).toEqual([]);
    expect(services('OFFICEMOBILE_SUBSCRIPTION')).toEqual([]);
    expect(services('EXCHANGE_S_DESKLESS')).toEqual(['exchange']);
    expect(services('EXCHANGE_S_FOUNDATION')).toEqual([]);
    expect(services('TEAMS_GOV')).toEqual(['teams']);
    expect(services('YAMMER_MIDSIZE')).toEqual(['yammer']);
    expect(services('MCOIMP')).toEqual(['lync']);
    // By id as Graph gives it, in any case.
    expect(servicesOfServicePlan('094E7854-93FC-4D55-B2C0-3AB5369EBDC1')).toEqual(['office-apps']);
    // A plan newer than the table: by its name's prefix, given with the id.
    expect(servicesOfServicePlan('11111111-2222-4333-8444-555555555555', 'TEAMS_PREMIUM_NEW')).toEqual(['teams']);
    expect(servicesOfServicePlan('11111111-2222-4333-8444-555555555555')).toEqual([]);
  });

  it('lists a SKU\'s service plans, and nothing for a SKU it does not know', () => {
    expect(servicePlansOfSku('O365_BUSINESS')!.map((p) => p.name)).toEqual(['FORMS_PLAN_E1', 'OFFICE_BUSINESS', 'ONEDRIVESTANDARD', 'SHAREPOINTWAC', 'SWAY']);
    expect(servicePlansOfSku('POWER_BI_STANDARD')).toBeUndefined();
  });
});

describe('services switched off for a user', () => {
  it('is a service whose every plan is disabled: Audio Conferencing alone leaves Skype on', () => {
    expect(disabledServicesOf('SPE_E5', [id('MCOMEETADV')])).toEqual([]);
    expect(disabledServicesOf('SPE_E5', [id('MCOMEETADV'), id('MCOEV'), id('MCOSTANDARD')])).toEqual(['lync']);
  });

  it('takes OneDrive with SharePoint, and leaves both for Office for the web', () => {
    expect(disabledServicesOf('ENTERPRISEPACK', [id('SHAREPOINTENTERPRISE')])).toEqual(['sharepoint', 'onedrive']);
    expect(disabledServicesOf('ENTERPRISEPACK', [id('SHAREPOINTWAC'), id('SWAY')])).toEqual([]);
    expect(disabledServicesOf('O365_BUSINESS', [id('OFFICE_BUSINESS'), id('ONEDRIVESTANDARD')])).toEqual(['onedrive', 'office-apps']);
  });
});

describe('customisations carried to another SKU', () => {
  it('switches off the same service in the target, plan by plan, and keeps shared plans\' state', () => {
    // Office 365 E3 → Business Standard: mail (Plan 2 → Plan 1), Viva Engage and Sway stay off.
    const result = translateDisabledPlans('ENTERPRISEPACK', 'O365_BUSINESS_PREMIUM', [id('EXCHANGE_S_ENTERPRISE'), id('YAMMER_ENTERPRISE'), id('SWAY')]);
    expect(result.disabledPlanIds.sort()).toEqual([id('EXCHANGE_S_STANDARD'), id('YAMMER_ENTERPRISE'), id('SWAY')].sort());
    expect(result.carried).toEqual(['exchange', 'yammer']);
    expect(result.notCarried).toEqual([]);
  });

  it('switches off every plan of a service the user had off, Kiosk plans included', () => {
    // Office 365 F3 with SharePoint Kiosk off → Office 365 E5: SharePoint (Plan 2) off; Skype (Plan 1) off →
    // every Skype plan of E5 off: Plan 2, Phone System, Audio Conferencing.
    const result = translateDisabledPlans('DESKLESSPACK', 'ENTERPRISEPREMIUM', [id('SHAREPOINTDESKLESS'), id('MCOIMP')]);
    expect(result.disabledPlanIds.sort()).toEqual([id('SHAREPOINTENTERPRISE'), id('MCOSTANDARD'), id('MCOEV'), id('MCOMEETADV')].sort());
    expect(result.carried).toEqual(['sharepoint', 'onedrive', 'lync']);
  });

  it('says which customisation cannot be kept: OneDrive alone, where the target holds it in SharePoint', () => {
    const result = translateDisabledPlans('OFFICESUBSCRIPTION', 'O365_BUSINESS_PREMIUM', [id('ONEDRIVESTANDARD'), id('OFFICESUBSCRIPTION')]);
    // The desktop apps stay off (OFFICESUBSCRIPTION → OFFICE_BUSINESS); OneDrive would take SharePoint with it.
    expect(result.disabledPlanIds).toEqual([id('OFFICE_BUSINESS')]);
    expect(result.carried).toEqual(['office-apps']);
    expect(result.notCarried).toEqual(['onedrive']);
  });

  it('works on the plans Graph read for the tenant\'s SKUs, and leaves a user without customisation alone', () => {
    const graphPlans = (part: string) => servicePlansOfSku(part)!.map((p) => ({ servicePlanId: p.id.toUpperCase(), servicePlanName: p.name }));
    const result = translateDisabledPlans(graphPlans('O365_BUSINESS_PREMIUM'), graphPlans('SPB'), [id('TEAMS1')]);
    expect(result.disabledPlanIds).toEqual([id('TEAMS1').toUpperCase()]);
    expect(translateDisabledPlans('O365_BUSINESS_PREMIUM', 'SPB', []).disabledPlanIds).toEqual([]);
  });
});

describe('disabledServices in the snapshot', () => {
  const sku = (skuId: string, part: string): GraphSubscribedSku => ({
    skuId,
    skuPartNumber: part,
    capabilityStatus: 'Enabled',
    consumedUnits: 3,
    prepaidUnits: { enabled: 10 },
    servicePlans: servicePlansOfSku(part)!.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name })),
  });
  const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
  const APPS = 'cdd28e44-67e3-425e-be4c-737fab2899d3';
  const F3 = '4b585984-651b-448a-9e53-3b10f069cf7f';
  const data = (licences: Record<string, { skuId: string; disabledPlans: string[] }[]>): GraphTenantData => ({
    organization: { id: 'c0c0c0c0-1111-4222-8333-444455556666', displayName: 'Contoso', verifiedDomains: [{ name: 'contoso.example', isDefault: true }] },
    skus: [sku(E3, 'ENTERPRISEPACK'), sku(APPS, 'O365_BUSINESS'), sku(F3, 'DESKLESSPACK')],
    subscriptions: [],
    users: Object.entries(licences).map(([name, assignedLicenses], n) => ({ id: `u${n}`, userPrincipalName: `${name}@contoso.example`, displayName: name, assignedLicenses })),
    health: [],
    roleAssignments: [],
  });

  it('gives each customised user the services they have switched off, in every SKU', () => {
    const built = buildSnapshot(
      data({
        // SharePoint off in E3: OneDrive is off too.
        anna: [{ skuId: E3, disabledPlans: [id('SHAREPOINTENTERPRISE')] }],
        // The desktop apps off in Apps for business (OFFICE_BUSINESS, once read as nothing).
        bo: [{ skuId: APPS, disabledPlans: [id('OFFICE_BUSINESS').toUpperCase()] }],
        // Office for the web and Sway off: no contract service.
        cem: [{ skuId: E3, disabledPlans: [id('SHAREPOINTWAC'), id('SWAY')] }],
        // Kiosk mail and Teams off in F3.
        dag: [{ skuId: F3, disabledPlans: [id('EXCHANGE_S_DESKLESS'), id('TEAMS1')] }],
        eva: [{ skuId: E3, disabledPlans: [] }],
      }),
      SETTINGS_DEFAULTS,
      '2026-12-04',
    );
    const disabled = Object.fromEntries(built.snapshot.users.map((u) => [u.upn.split('@')[0], u.licenses.map((l) => l.disabledServices)]));
    expect(disabled).toEqual({
      anna: [['onedrive', 'sharepoint']],
      bo: [['office-apps']],
      cem: [[]],
      dag: [['exchange', 'teams']],
      eva: [[]],
    });
  });
});
