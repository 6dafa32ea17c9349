import { DATA_SERVICES, type DataService } from '../vocabulary';
import type { Plan } from './plan';
import { PLANS } from './plans';
import { WIZARD_PAIRS } from './wizard-pairs';

export type { Plan, Generation, ServiceFamily, DataServiceLevels } from './plan';
export { PLANS } from './plans';

const byId = new Map(PLANS.map((plan) => [plan.id, plan]));
const bySku = new Map(PLANS.filter((p) => p.skuPartNumber).map((plan) => [plan.skuPartNumber!.toUpperCase(), plan]));

export const PLAN_IDS: readonly string[] = PLANS.map((plan) => plan.id);

export function findPlan(id: string): Plan | undefined {
  return byId.get(id);
}

export function findPlanBySku(skuPartNumber: string): Plan | undefined {
  return bySku.get(skuPartNumber.toUpperCase());
}

/** Data-related services of `from` that `to` lacks or has at a lower level. */
export function dataServicesLost(from: Plan, to: Plan): DataService[] {
  return DATA_SERVICES.filter((service) => {
    const had = from.dataServices[service];
    if (had === undefined) return false;
    const has = to.dataServices[service];
    return has === undefined || has < had;
  });
}

export function wizardTargets(fromPlanId: string): readonly string[] {
  return WIZARD_PAIRS[fromPlanId] ?? [];
}

export function isWizardPair(fromPlanId: string, toPlanId: string): boolean {
  return wizardTargets(fromPlanId).includes(toPlanId);
}

const WIZARD_PLAN_IDS: ReadonlySet<string> = new Set(Object.entries(WIZARD_PAIRS).flatMap(([from, tos]) => [from, ...tos]));

/**
 * Both plans are named by the wizard article's table (as Office 365 Enterprise E1 and E3 are) while the pair is
 * not in it: the article sends such a change to a manual switch (WIZARD_PAIR_NOT_ELIGIBLE).
 */
export function isUnlistedWizardPair(from: Plan, to: Plan): boolean {
  return from.id in WIZARD_PAIRS && WIZARD_PLAN_IDS.has(to.id) && !isWizardPair(from.id, to.id);
}

/**
 * The service families ("tjenesteserier") the nb article names: Small Business, Midsize Business, Enterprise
 * and Education. A standalone plan (Exchange, SharePoint, Lync Online, Office Online) is not one of them:
 * the article lists a change "from a standalone solution" apart from a change "to another service family".
 */
const ARTICLE_SERVICE_FAMILIES: ReadonlySet<string> = new Set(['small-business', 'midsize', 'enterprise', 'education']);

/** An older plan of a service family the article names, switched to a plan outside that family: no way back. */
export function leavesArticleFamily(from: Plan, to: Plan): boolean {
  return isWizardChange(from, to) && ARTICLE_SERVICE_FAMILIES.has(from.family) && to.family !== from.family;
}

/** The older wizard judges a change when either end is an older Office 365 plan. */
export function isWizardChange(from: Plan, to: Plan): boolean {
  return from.generation === 'legacy' || to.generation === 'legacy';
}

/** Plans an automatic change of `from` can offer: current plans with the same or more data-related services. */
export function automaticTargets(from: Plan): Plan[] {
  return PLANS.filter((to) => to.id !== from.id && to.generation === 'current' && dataServicesLost(from, to).length === 0);
}

export function includesOfficeApps(plan: Plan): boolean {
  return plan.services.includes('office-apps');
}
