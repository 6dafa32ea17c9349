import type { InputError } from '../../domain/findings';
import { applyMove, planMove, type MovePlan, type MoveRequest } from '../../domain/move-users';
import { err, ok } from '../../domain/result';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { CliError } from '../errors';
import { renderMove } from '../output';
import { readTenantFile, writeTenantFile } from '../tenant-file';
import { json, type CommandContext, type CommandResult } from './context';

export interface MoveArgs {
  tenant: string;
  from: string;
  to: string;
  users: string[];
  as?: string;
  apply: boolean;
  /** MCA: how many licences of the old subscription change to the new one's plan. */
  count?: number;
}

/**
 * `plan-switch move`: plans a licence replacement, or with --apply makes it and writes the changed
 * snapshot back to the file. A blocked move is an answer: nothing is written, exit 0.
 */
export function moveCommand(args: MoveArgs, context: CommandContext): CommandResult {
  const file = readTenantFile(args.tenant);
  if (!file.ok) return file;
  const { snapshot } = file.value;
  const request: MoveRequest = {
    fromSubscriptionId: args.from,
    toSubscriptionId: args.to,
    userIds: args.users,
    ...(args.as !== undefined ? { asUpn: args.as } : {}),
    ...(args.count !== undefined ? { licenseCount: args.count } : {}),
  };

  let plan: MovePlan;
  let applied = false;
  if (args.apply) {
    const result = applyMove(snapshot, request);
    if (result.ok) {
      writeTenantFile(file.value, result.value.snapshot);
      plan = result.value.plan;
      applied = true;
    } else if (result.error.code === 'MOVE_BLOCKED') {
      plan = result.error.plan;
    } else {
      return err(inputError(result.error, args, snapshot));
    }
  } else {
    const result = planMove(snapshot, request);
    if (!result.ok) return err(inputError(result.error, args, snapshot));
    plan = result.value;
  }

  if (context.json) return ok(json({ ...plan, applied }));
  return ok(renderMove(snapshot, plan, { applied, apply: args.apply, file: args.tenant }, context.lang));
}

/** The flag whose value the rules turned down. */
function inputError(error: InputError, args: MoveArgs, snapshot: TenantSnapshot): CliError {
  const subscriptions = snapshot.subscriptions.map((s) => s.id);
  switch (error.code) {
    case 'UNKNOWN_SUBSCRIPTION': {
      const flag = error.subscriptionId === args.from ? '--from' : '--to';
      return { kind: 'input', flag, value: error.subscriptionId, error, known: subscriptions };
    }
    case 'UNKNOWN_USER':
      return { kind: 'input', flag: '--users', value: error.userId, error };
    case 'NO_USERS_CHOSEN':
      return { kind: 'input', flag: '--users', value: args.users.join(','), error };
    case 'INVALID_LICENSE_COUNT':
    case 'LICENSE_COUNT_NEEDS_MCA':
      return { kind: 'input', flag: '--count', value: String(args.count), error };
    default:
      return { kind: 'input', flag: '--to', value: args.to, error, known: subscriptions.filter((id) => id !== args.from) };
  }
}
