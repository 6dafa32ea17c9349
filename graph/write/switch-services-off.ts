import type { TokenCredential } from '@azure/identity';
import type { Service } from '../../domain/vocabulary';
import { createGraphHttp, type GraphHttp } from '../client';
import { realClock } from '../clock';
import type { GraphConfig } from '../config';
import { DEFAULT_RETRY_POLICY } from '../retry-policy';
import { servicesOfServicePlan } from '../mapping/service-plans';

// Switching services off again in a licence a person already holds: Graph's assignLicense with the
// same SKU in addLicenses and the new disabledPlans replaces that licence's disabled plans
// (https://learn.microsoft.com/en-us/graph/api/user-assignlicense). A plan is switched off when every
// service it carries is one to switch off (or already off), so no other service goes with it.

export interface SwitchOff {
  userId: string;
  /** The SKU of the licence (a Graph snapshot's subscription id is its skuId). */
  skuId: string;
  services: readonly Service[];
}

interface SubscribedSku {
  skuId: string;
  servicePlans: { servicePlanId: string; servicePlanName?: string }[];
}

interface UserLicences {
  assignedLicenses?: { skuId: string; disabledPlans?: string[] | null }[] | null;
}

/** Each person's licence with those services switched off; ok false where Graph refused or the person no longer holds it directly. */
export async function switchServicesOff(http: GraphHttp, items: readonly SwitchOff[]): Promise<{ userId: string; ok: boolean }[]> {
  if (items.length === 0) return [];
  const skus = (await http.get<{ value: SubscribedSku[] }>('/subscribedSkus?$select=skuId,servicePlans')).value;
  const results: { userId: string; ok: boolean }[] = [];
  for (const item of items) {
    try {
      const user = await http.get<UserLicences>(`/users/${encodeURIComponent(item.userId)}?$select=id,assignedLicenses`);
      const licence = (user.assignedLicenses ?? []).find((l) => l.skuId === item.skuId);
      const plans = skus.find((s) => s.skuId === item.skuId)?.servicePlans;
      if (!licence || !plans) {
        results.push({ userId: item.userId, ok: false });
        continue;
      }
      const off = new Set<string>(item.services);
      const disabled = new Set(licence.disabledPlans ?? []);
      for (const plan of plans) {
        const carried = servicesOfServicePlan(plan.servicePlanId, plan.servicePlanName);
        if (carried.length > 0 && carried.every((service) => off.has(service))) disabled.add(plan.servicePlanId);
      }
      const answer = await http.postRaw(`/users/${encodeURIComponent(item.userId)}/assignLicense`, {
        addLicenses: [{ skuId: item.skuId, disabledPlans: [...disabled] }],
        removeLicenses: [],
      });
      results.push({ userId: item.userId, ok: answer.status >= 200 && answer.status < 300 });
    } catch {
      results.push({ userId: item.userId, ok: false });
    }
  }
  return results;
}

/** A tenant's switchServicesOff on its own short-lived Graph client (few writes, after an upgrade). */
export function servicesSwitcher(config: GraphConfig, credential: TokenCredential, ca?: string): (items: readonly SwitchOff[]) => Promise<{ userId: string; ok: boolean }[]> {
  return async (items) => {
    const http = createGraphHttp({ config, credential, clock: realClock, retry: DEFAULT_RETRY_POLICY, ...(ca === undefined ? {} : { ca }) });
    try {
      return await switchServicesOff(http, items);
    } finally {
      http.close();
    }
  };
}
