import type { SwitchJob } from '../../domain/switch-job';
import type { ProgressEvent } from '../../domain/switch-progress';
import type { MovePeople } from '../../conversation/move-result';

/** Tells the conversation that started a job how it goes; the bot's implementation sends proactive messages. */
export interface SwitchNotifier {
  started(job: SwitchJob): Promise<void>;
  progress(job: SwitchJob, event: ProgressEvent): Promise<void>;
  /** `people`: names for the users and groups a move's result lists. */
  finished(job: SwitchJob, people?: MovePeople): Promise<void>;
}
