import type { JobConversation, JobConversationStore } from '../switching/job-conversations';
import { BLOB_PREFIX, type BlobContainer } from './blob-container';

const nameOf = (jobId: string) => `${BLOB_PREFIX.conversations}${jobId}.json`;

/** Where to report on each job, one blob per job, so whichever instance runs the job can report to the conversation. */
export class BlobJobConversationStore implements JobConversationStore {
  constructor(private readonly container: BlobContainer) {}

  async save(record: JobConversation): Promise<void> {
    // Only the instance running the job writes its record (the lease sees to that), so last write wins.
    await this.container.put(nameOf(record.jobId), record);
  }

  async get(jobId: string): Promise<JobConversation | undefined> {
    return (await this.container.read<JobConversation>(nameOf(jobId)))?.value;
  }
}
