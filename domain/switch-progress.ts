import { progress, type SwitchJob, type SwitchStep } from './switch-job';

/** What a progress listener hears after every recorded step of a switch job. */
export interface ProgressEvent {
  jobId: string;
  step: SwitchStep;
  done: number;
  total: number;
  percent: number;
}

export function progressEventOf(job: SwitchJob): ProgressEvent {
  const { done, total, percent } = progress(job);
  return { jobId: job.id, step: job.step, done, total, percent };
}
