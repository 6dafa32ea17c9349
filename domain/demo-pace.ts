import type { SwitchJobKind } from './switch-job';

// How long the steps of a switch take for real (domain-rules.md section 5), so the demo can play them
// out at a chosen speed: a change takes up to an hour; the older wizard usually under ten minutes, with
// licence reassignment under a minute.

export type PacedWork = 'create-subscription' | 'replace-licences' | 'cancel-subscription';

/** What the runner is about to do, handed to the pace hook before it does it. */
export interface PaceStep {
  jobId: string;
  kind: SwitchJobKind;
  work: PacedWork;
  /** True when the change goes through the older switch-plans wizard (an older Office 365 plan at either end). */
  viaWizard: boolean;
  /** Licence replacements in this piece of work (a batch), and in the whole job. */
  items: number;
  total: number;
}

const MINUTE = 60_000;

/** Real durations, in milliseconds, of a whole job's parts. */
export const REAL_DURATIONS_MS = {
  'automatic-change': { 'create-subscription': 15 * MINUTE, 'replace-licences': 40 * MINUTE, 'cancel-subscription': 5 * MINUTE },
  wizard: { 'create-subscription': 8 * MINUTE, 'replace-licences': 1 * MINUTE, 'cancel-subscription': 1 * MINUTE },
  'move-users': { 'create-subscription': 0, 'replace-licences': 1 * MINUTE, 'cancel-subscription': 0 },
} as const satisfies Record<string, Record<PacedWork, number>>;

/** How long this step takes for real: licence replacement is shared out over the batches by size. */
export function realDurationMs(step: PaceStep): number {
  const table = step.kind === 'move-users' ? REAL_DURATIONS_MS['move-users'] : step.viaWizard ? REAL_DURATIONS_MS.wizard : REAL_DURATIONS_MS['automatic-change'];
  const whole = table[step.work];
  if (step.work !== 'replace-licences') return whole;
  return step.total === 0 ? 0 : (whole * Math.min(step.items, step.total)) / step.total;
}

export interface DemoPaceOptions {
  /** Waits `ms`; setTimeout by default (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
}

const timeoutSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A pace hook that plays each step out `speed` times faster than real time: with 3600 an hour takes
 * a second, with Infinity nothing waits. A speed that is not a positive number is a configuration bug.
 */
export function demoPace(speed: number, options: DemoPaceOptions = {}): (step: PaceStep) => Promise<void> {
  if (!(speed > 0)) throw new RangeError(`demoPace: speed must be a positive number, got ${speed}`);
  const sleep = options.sleep ?? timeoutSleep;
  return async (step) => {
    const ms = realDurationMs(step) / speed;
    if (ms > 0 && Number.isFinite(ms)) await sleep(ms);
  };
}
