import { describe, expect, it } from 'vitest';
import { PLANS, PLAN_IDS, dataServicesLost, findPlan, findPlanBySku } from '../domain/catalogue';

const CONTRACT_PLAN_IDS = [
  'm365-business-basic', 'm365-business-standard', 'm365-business-premium', 'm365-apps-business', 'm365-apps-enterprise',
  'o365-e1', 'o365-e3', 'o365-e5', 'm365-e3', 'm365-e5', 'o365-f3', 'm365-f3',
  'exchange-online-plan-1', 'exchange-online-plan-2', 'exchange-online-kiosk', 'sharepoint-online-plan-1', 'sharepoint-online-plan-2',
  'o365-small-business', 'o365-small-business-premium', 'o365-midsize-business', 'o365-k1', 'o365-k2', 'o365-e4',
  'lync-online-plan-1', 'lync-online-plan-2', 'lync-online-plan-3', 'o365-education-a1', 'o365-education-a2',
  'o365-education-a3', 'o365-education-a4', 'office-online-sharepoint-plan-1', 'office-online-sharepoint-plan-2',
];

describe('the catalogue', () => {
  it('has exactly the plan ids of the contract, once each', () => {
    expect([...PLAN_IDS].sort()).toEqual([...CONTRACT_PLAN_IDS].sort());
  });

  it('maps Microsoft skuPartNumbers to plans one to one, in any case', () => {
    const skus = PLANS.flatMap((p) => (p.skuPartNumber ? [p.skuPartNumber] : []));
    expect(new Set(skus).size).toBe(skus.length);
    expect(findPlanBySku('spb')?.id).toBe('m365-business-premium');
    expect(findPlanBySku('ENTERPRISEPACK')?.id).toBe('o365-e3');
    expect(findPlanBySku('NOPE')).toBeUndefined();
  });

  it('orders service versions: Exchange Plan 1 < Plan 2, SharePoint Plan 1 < Plan 2', () => {
    expect(dataServicesLost(findPlan('exchange-online-plan-2')!, findPlan('exchange-online-plan-1')!)).toEqual(['exchange']);
    expect(dataServicesLost(findPlan('exchange-online-plan-1')!, findPlan('exchange-online-plan-2')!)).toEqual([]);
    expect(dataServicesLost(findPlan('sharepoint-online-plan-2')!, findPlan('sharepoint-online-plan-1')!)).toEqual(['sharepoint']);
  });

  it('lists every data-related service of a plan among its services', () => {
    for (const plan of PLANS) for (const service of Object.keys(plan.dataServices)) expect(plan.services, plan.id).toContain(service);
  });
});
