import type { Dialog } from 'botbuilder-dialogs';
import type { Flow } from '../cards/submissions';
import type { FlowDeps } from './flow-deps';
import { ChangePlanDialog } from './change-plan/change-plan-dialog';
import { ManualDialog } from './manual/manual-dialog';
import { MoveUsersDialog } from './move-users/move-users-dialog';
import { BackupDialog } from './backup/backup-dialog';
import { BillingDialog } from './billing/billing-dialog';
import { DiagnoseDialog } from './diagnose/diagnose-dialog';
import { StatusDialog } from './status/status-dialog';

/** One dialog per flow of the menu, registered under the flow's name. */
export function createFlows(deps: FlowDeps): Partial<Record<Flow, Dialog>> {
  return {
    'change-plan': new ChangePlanDialog(deps),
    manual: new ManualDialog(deps),
    'move-users': new MoveUsersDialog(deps),
    diagnose: new DiagnoseDialog(),
    backup: new BackupDialog(),
    billing: new BillingDialog(deps),
    status: new StatusDialog(deps),
  };
}
