import { SERVICES, type Service } from '../../domain/vocabulary';
import { SERVICE_PLAN_NAME_PREFIXES, SERVICE_PLANS, SKUS, type ServicePlanRow } from './service-plan-table';

// What a service plan is to the rules: the contract services it carries, from the table in
// service-plan-table.ts (Microsoft's published list). A user's service is switched off when every
// plan of the SKU that carries it is in the licence's disabledPlans: a SharePoint plan switched off
// takes OneDrive with it, but an Audio Conferencing plan switched off leaves Skype on.

/** A service plan as Graph lists it in subscribedSku.servicePlans (the name is optional). */
export interface ServicePlanRef {
  servicePlanId: string;
  servicePlanName?: string;
}

/** A SKU's service plans: its skuPartNumber (looked up in the table) or the plans Graph read for it. */
export type SkuPlans = string | readonly ServicePlanRef[];

export interface TranslatedPlans {
  /** The target SKU's servicePlanIds to send as disabledPlans. */
  disabledPlanIds: string[];
  /** Services switched off in the source that stay off in the target. */
  carried: Service[];
  /** Services switched off in the source that the target carries only in a plan with other services still on. */
  notCarried: Service[];
}

const byId = new Map(SERVICE_PLANS.map((row) => [row.id.toLowerCase(), row]));
const byName = new Map(SERVICE_PLANS.map((row) => [row.name.toUpperCase(), row]));
const bySku = new Map(Object.entries(SKUS).map(([part, sku]) => [part.toUpperCase(), sku]));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The table's row for a servicePlanId or servicePlanName, or undefined for a plan it lacks. */
export function findServicePlan(idOrName: string): ServicePlanRow | undefined {
  return GUID.test(idOrName) ? byId.get(idOrName.toLowerCase()) : byName.get(idOrName.toUpperCase());
}

/**
 * The contract services a service plan carries ([] for none: Office for the web, Intune, Sway, …).
 * A plan the table lacks falls back on its name's prefix, for plans newer than the table.
 */
export function servicesOfServicePlan(idOrName: string, servicePlanName?: string): readonly Service[] {
  const row = findServicePlan(idOrName) ?? (servicePlanName ? findServicePlan(servicePlanName) : undefined);
  if (row) return row.services;
  const name = (servicePlanName ?? (GUID.test(idOrName) ? '' : idOrName)).toUpperCase();
  return SERVICE_PLAN_NAME_PREFIXES.find((p) => name.startsWith(p.prefix))?.services ?? [];
}

/** A SKU's service plans as Microsoft's list gives them, or undefined for a SKU the table lacks. */
export function servicePlansOfSku(skuPartNumber: string): readonly ServicePlanRow[] | undefined {
  const sku = bySku.get(skuPartNumber.toUpperCase());
  return sku?.servicePlans.map((name) => byName.get(name.toUpperCase())!);
}

function plansOf(sku: SkuPlans): readonly ServicePlanRef[] {
  if (typeof sku !== 'string') return sku;
  return (servicePlansOfSku(sku) ?? []).map((row) => ({ servicePlanId: row.id, servicePlanName: row.name }));
}

const servicesOf = (plan: ServicePlanRef) => servicesOfServicePlan(plan.servicePlanId, plan.servicePlanName);
const sorted = (services: Iterable<Service>): Service[] => SERVICES.filter((s) => new Set(services).has(s));

/** Services a licence of this SKU provides, through any of its plans. */
export function servicesOfSku(sku: SkuPlans): Service[] {
  return sorted(plansOf(sku).flatMap(servicesOf));
}

/** Services switched off by disabledPlans: those whose every carrying plan in the SKU is disabled. */
export function disabledServicesOf(sku: SkuPlans, disabledPlanIds: readonly string[]): Service[] {
  const disabled = new Set(disabledPlanIds.map((id) => id.toLowerCase()));
  const plans = plansOf(sku);
  return SERVICES.filter((service) => {
    const carriers = plans.filter((p) => servicesOf(p).includes(service));
    return carriers.length > 0 && carriers.every((p) => disabled.has(p.servicePlanId.toLowerCase()));
  });
}

/**
 * The target SKU's disabledPlans that keep a user's customisation "same service, same state": a plan
 * both SKUs hold keeps its state; another plan of the target is switched off when every service it
 * carries is switched off in the source. Plans of services the source lacks, or left on, stay on.
 */
export function translateDisabledPlans(from: SkuPlans, to: SkuPlans, disabledPlanIds: readonly string[]): TranslatedPlans {
  const source = plansOf(from);
  const sourceIds = new Set(source.map((p) => p.servicePlanId.toLowerCase()));
  const disabledIds = new Set(disabledPlanIds.map((id) => id.toLowerCase()));
  const off = new Set(disabledServicesOf(source, disabledPlanIds));
  const target = plansOf(to);
  const disabled: string[] = [];
  for (const plan of target) {
    const id = plan.servicePlanId.toLowerCase();
    const services = servicesOf(plan);
    const isOff = sourceIds.has(id) ? disabledIds.has(id) : services.length > 0 && services.every((s) => off.has(s));
    if (isOff) disabled.push(plan.servicePlanId);
  }
  const targetOff = new Set(disabledServicesOf(target, disabled));
  const offered = new Set(servicesOfSku(target));
  return {
    disabledPlanIds: disabled,
    carried: sorted([...off].filter((s) => targetOff.has(s))),
    notCarried: sorted([...off].filter((s) => offered.has(s) && !targetOff.has(s))),
  };
}
