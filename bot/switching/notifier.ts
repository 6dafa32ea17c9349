import type { SwitchJob } from '../../domain/switch-job';
import type { ProgressEvent } from '../../domain/switch-runner';

/** Tells the conversation that started a job how it goes; the bot's implementation sends proactive messages. */
export interface SwitchNotifier {
  started(job: SwitchJob): Promise<void>;
  progress(job: SwitchJob, event: ProgressEvent): Promise<void>;
  finished(job: SwitchJob): Promise<void>;
}
