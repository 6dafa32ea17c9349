import { expect } from 'vitest';
import { InMemoryJobStore } from '../../domain/gateways/in-memory-job-store';
import type { SwitchJob } from '../../domain/switch-job';
import { SwitchRunner } from '../../domain/switch-runner';
import type { GraphRig } from './graph-fixtures';
import { MIXED, SALES_GROUP, SKU_PREMIUM, SKU_STANDARD } from './graph-server';

/**
 * A move of `userIds` from Standard to Premium that also moves the Sales group's licence, as the bot runs
 * it on the group-licence tenant (groupLicenceTenant); `beforeRun` changes the tenant after the move was
 * confirmed. The move must end done.
 */
export async function runSalesGroupMove(rig: GraphRig, userIds: string[], beforeRun?: () => void): Promise<SwitchJob> {
  const runner = new SwitchRunner({ gateway: rig.gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21' });
  const started = await runner.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds, moveGroupIds: [SALES_GROUP], requestedBy: MIXED.admin });
  if (!started.ok) throw new Error(started.error.code);
  beforeRun?.();
  const result = await runner.run(started.value.id);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  expect(result.value.step).toBe('done');
  return result.value;
}
