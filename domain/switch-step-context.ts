import type { PacedWork } from './demo-pace';
import type { Result } from './result';
import type { TenantSnapshot, User } from './snapshot/schema';
import type { RunError } from './switch-errors';
import type { SwitchJob } from './switch-job';
import type { TenantGateway } from './tenant.port';

// What each step of a run works with; the runner provides it.

export type StepResult = Result<SwitchJob, RunError>;

/** What one run has learnt: the snapshot it read, and users whose replacement the gateway confirmed. */
export interface RunMemo {
  snapshot: TenantSnapshot;
  usersById: Map<string, User>;
  confirmed: Set<string>;
}

export interface StepContext {
  gateway: TenantGateway;
  /** Today as YYYY-MM-DD: the new subscription's start and the old one's last day. */
  today: () => string;
  /** Attempts at a batch with failed items before the job fails. */
  maxAttempts: number;
  /** The conditional write: succeeds only while the stored job is the version the run read. */
  save(job: SwitchJob, patch: Partial<SwitchJob>): Promise<StepResult>;
  /** Records the job as failed at its current step. */
  fail(job: SwitchJob, error: string, failures?: SwitchJob['failures']): Promise<StepResult>;
  /** Waits as the pace says before a piece of gateway work (nothing without a pace). */
  paced(job: SwitchJob, work: PacedWork, items: number): Promise<void>;
}
