import { isFinished, summarizeJob, type SwitchJob } from '../../domain/switch-job';
import { BLOB_PREFIX, type BlobContainer, type ListedBlob } from './blob-container';
import { KEEP } from './retention';

// STATE_RETENTION_DAYS on the Azure Blob Storage container (STORAGE=blob), as retention.ts does on the
// embedded SQLite: a blob last written before the retention time goes, judged by its Last-Modified in
// the container's listing. Conversation state and preferences (botbuilder's BlobsStorage items) go,
// the bot's own machinery excepted; a finished switch job that old becomes its summary and where it
// reported to goes with its users; spent confirmations, abandoned job leases and past change-limit
// windows go. Unfinished jobs stay, to be resumed; consented tenants and plan watches stay.
//
// Several instances prune the same container: every delete and every summary is conditional on the
// eTag the listing showed (If-Match, https://learn.microsoft.com/rest/api/storageservices/specifying-conditional-headers-for-blob-service-operations),
// so a blob written meanwhile, by a turn or by another instance's pruning, is left as it now is.

const DAY_MS = 24 * 60 * 60_000;

export interface BlobPruned {
  stateItems: number;
  jobsSummarized: number;
  confirmations: number;
  leases: number;
  limits: number;
  /** Where summarised (or vanished) jobs reported to, left behind by an instance that stopped. */
  reportAddresses: number;
}

/** Blobs of the switching records whose age alone says they are spent. */
const SPENT: readonly [keyof BlobPruned, string][] = [
  ['confirmations', BLOB_PREFIX.confirmations],
  ['leases', BLOB_PREFIX.leases],
  ['limits', BLOB_PREFIX.limits],
];

export async function pruneBlobs(container: BlobContainer, retentionDays: number, now: number = Date.now()): Promise<BlobPruned> {
  const cutoff = now - retentionDays * DAY_MS;
  const pruned: BlobPruned = { stateItems: 0, jobsSummarized: 0, confirmations: 0, leases: 0, limits: 0, reportAddresses: 0 };
  for await (const blob of container.listProperties()) {
    if (blob.lastModified >= cutoff) continue;
    const kind = await pruneOne(container, blob);
    if (kind) pruned[kind] += 1;
  }
  return pruned;
}

/** What pruning `blob` came to: which count it adds to, or undefined if it stays (or changed meanwhile). */
async function pruneOne(container: BlobContainer, blob: ListedBlob): Promise<keyof BlobPruned | undefined> {
  // BlobsStorage names an item by its key URI-encoded, slashes too; the stores' own blobs have paths.
  if (!blob.name.includes('/')) {
    const key = decodedKey(blob.name);
    if (key === undefined || KEEP.some((prefix) => key.startsWith(prefix))) return undefined;
    return (await container.remove(blob.name, blob.etag)) ? 'stateItems' : undefined;
  }
  if (blob.name.startsWith(BLOB_PREFIX.jobs)) return (await summarize(container, blob)) ? 'jobsSummarized' : undefined;
  if (blob.name.startsWith(BLOB_PREFIX.conversations)) return (await dropReportAddress(container, blob)) ? 'reportAddresses' : undefined;
  const spent = SPENT.find(([, prefix]) => blob.name.startsWith(prefix));
  if (spent) return (await container.remove(blob.name, blob.etag)) ? spent[0] : undefined;
  return undefined;
}

/** A finished job becomes its summary (If-Match on the listed eTag) and its report address goes. */
async function summarize(container: BlobContainer, blob: ListedBlob): Promise<boolean> {
  const read = await container.read<SwitchJob>(blob.name);
  if (!read || read.etag !== blob.etag) return false;
  const job = read.value;
  if (!isFinished(job) || job.summary) return false;
  const summary: SwitchJob = { ...summarizeJob(job), version: job.version + 1 };
  const written = await container.replace(blob.name, summary, blob.etag, blob.metadata);
  if (written === undefined) return false;
  // Only the instance running a job writes where it reports to, and this one has finished.
  await container.remove(`${BLOB_PREFIX.conversations}${job.id}.json`);
  return true;
}

/**
 * A report address whose job is only a summary or is gone: what summarize() deletes, left behind when
 * an instance stopped between the two. Any other job's address stays.
 */
async function dropReportAddress(container: BlobContainer, blob: ListedBlob): Promise<boolean> {
  const jobId = blob.name.slice(BLOB_PREFIX.conversations.length).replace(/\.json$/, '');
  const job = (await container.read<SwitchJob>(`${BLOB_PREFIX.jobs}${jobId}.json`))?.value;
  if (job && !job.summary) return false;
  return container.remove(blob.name, blob.etag);
}

function decodedKey(name: string): string | undefined {
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}
