import { PLANS, type Plan } from '../../domain/catalogue';
import { ok } from '../../domain/result';
import { renderPlans } from '../output';
import { json, type CommandContext, type CommandResult } from './context';

/** `plan-switch plans`: the catalogue. */
export function plansCommand(context: CommandContext): CommandResult {
  if (context.json) return ok(json(PLANS.map(planJson)));
  return ok(renderPlans(PLANS, context.lang));
}

export function planJson(plan: Plan) {
  return {
    id: plan.id,
    name: plan.name,
    family: plan.family,
    generation: plan.generation,
    skuPartNumber: plan.skuPartNumber ?? null,
    services: plan.services,
    dataServices: plan.dataServices,
    listPriceUsd: plan.listPriceUsdCents / 100,
  };
}
