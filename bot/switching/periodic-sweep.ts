import type { Logger } from '../logger';

/**
 * With several instances: looks for unfinished jobs nobody holds (a dead instance's) every so often, one
 * look at a time, so a job whose instance died is picked up once its lease expires.
 */
export class PeriodicSweep {
  private stopTimer: (() => void) | undefined;
  private sweeping = false;

  /** `sweep` takes what it finds and says how many jobs it took. */
  constructor(
    private readonly sweep: () => Promise<number>,
    private readonly logger: Logger,
  ) {}

  /** Starts sweeping every `everyMs` (none: never); a second start while sweeping changes nothing. */
  start(everyMs: number | undefined): void {
    if (!everyMs || this.stopTimer) return;
    const timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = true;
      this.sweep()
        .then((taken) => taken > 0 && this.logger.info('switch.resumed', { jobs: taken }))
        .catch((error: unknown) => this.logger.warn('switch.sweep-failed', { error }))
        .finally(() => (this.sweeping = false));
    }, everyMs);
    timer.unref();
    this.stopTimer = () => clearInterval(timer);
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = undefined;
  }
}
