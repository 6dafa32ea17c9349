import { check, type CheckResult } from '../../domain/eligibility';
import { err, ok } from '../../domain/result';
import { renderCheck } from '../output';
import type { CliError } from '../errors';
import { readTenantFile } from '../tenant-file';
import { json, type CommandContext, type CommandResult } from './context';

export interface CheckArgs {
  tenant: string;
  subscription: string;
  to: string;
  as?: string;
  /** MCA: how many licences of the new plan the change takes. */
  count?: number;
  /** A subscription already bought for a manual change. */
  toSubscription?: string;
}

/** `plan-switch check`: can this subscription change to that plan, and how. */
export function checkCommand(args: CheckArgs, context: CommandContext): CommandResult {
  const file = readTenantFile(args.tenant);
  if (!file.ok) return file;
  const { snapshot } = file.value;
  const result = check(snapshot, {
    subscriptionId: args.subscription,
    toPlan: args.to,
    ...(args.as !== undefined ? { asUpn: args.as } : {}),
    ...(args.count !== undefined ? { licenseCount: args.count } : {}),
    ...(args.toSubscription !== undefined ? { toSubscriptionId: args.toSubscription } : {}),
  });
  if (!result.ok) {
    const onSubscription = result.error.code === 'UNKNOWN_SUBSCRIPTION';
    const onCount = result.error.code === 'INVALID_LICENSE_COUNT' || result.error.code === 'LICENSE_COUNT_NEEDS_MCA';
    const onBought = result.error.code === 'SAME_SUBSCRIPTION' || result.error.code === 'SUBSCRIPTION_PLAN_MISMATCH';
    const error: CliError = {
      kind: 'input',
      flag: onSubscription ? '--subscription' : onCount ? '--count' : onBought ? '--to-subscription' : '--to',
      value: onSubscription ? args.subscription : onCount ? String(args.count) : onBought ? String(args.toSubscription) : args.to,
      error: result.error,
      known: onSubscription ? snapshot.subscriptions.map((s) => s.id) : undefined,
    };
    return err(error);
  }
  if (context.json) return ok(json(checkJson(result.value)));
  return ok(renderCheck(snapshot, result.value, context.lang, args.as));
}

/** The contract's `check --json` object: the same in every language. */
export function checkJson(result: CheckResult) {
  const { subscriptionId, fromPlan, toPlan, path, blockers, notices, canChangeNow } = result;
  return { subscriptionId, fromPlan, toPlan, path, blockers, notices, canChangeNow };
}
