import { ContainerClient, RestError } from '@azure/storage-blob';

// One Azure Blob Storage container shared by every bot instance, for the switching records (jobs,
// confirmations, leases, job conversations). Every write that decides something is conditional:
// If-None-Match: * to create (fails if the blob exists), If-Match: <eTag> to replace (fails if anyone
// wrote it since it was read). The conversation state goes through botbuilder-azure-blobs instead.

/** A blob's JSON and the eTag it was read with. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A blob as a listing shows it. */
export interface ListedBlob {
  name: string;
  etag: string;
  /** Milliseconds since the epoch. */
  lastModified: number;
  metadata: Record<string, string>;
}

/** The names the switching records live under; botbuilder's state keys start with a channel id, never with these. */
export const BLOB_PREFIX = {
  jobs: 'switching/jobs/',
  confirmations: 'switching/confirmations/',
  conversations: 'switching/job-conversations/',
  leases: 'switching/leases/',
  limits: 'switching/limits/',
} as const;

const status = (error: unknown) => (error instanceof RestError ? error.statusCode : (error as { statusCode?: number } | undefined)?.statusCode);

/** 412: the condition failed; 409: the blob already exists (If-None-Match: * on some services answers so). */
function isConditionFailed(error: unknown): boolean {
  const code = status(error);
  return code === 412 || code === 409;
}

export class BlobContainer {
  readonly client: ContainerClient;
  private created?: Promise<unknown>;

  constructor(connectionString: string, containerName: string) {
    this.client = new ContainerClient(connectionString, containerName);
  }

  /** Creates the container once, the first time anything is read or written. */
  ready(): Promise<unknown> {
    this.created ??= this.client.createIfNotExists().catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }

  /** The blob's JSON and eTag, or undefined if there is no such blob. */
  async read<T>(name: string): Promise<Versioned<T> | undefined> {
    await this.ready();
    try {
      const response = await this.client.getBlobClient(name).download();
      const text = await streamText(response.readableStreamBody);
      return { value: JSON.parse(text) as T, etag: response.etag! };
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw error;
    }
  }

  /** Writes a new blob; false if one of that name exists (If-None-Match: *). */
  async create(name: string, value: unknown, metadata?: Record<string, string>): Promise<string | undefined> {
    return this.upload(name, value, { ifNoneMatch: '*' }, metadata);
  }

  /** Replaces the blob read with `etag`; undefined if anyone wrote it since (If-Match). */
  async replace(name: string, value: unknown, etag: string, metadata?: Record<string, string>): Promise<string | undefined> {
    return this.upload(name, value, { ifMatch: etag }, metadata);
  }

  /** Writes the blob whatever is there (for records only their one writer changes). */
  async put(name: string, value: unknown): Promise<void> {
    await this.upload(name, value, {});
  }

  /** Deletes the blob if it is still the one read with `etag`; true if it was deleted. */
  async remove(name: string, etag?: string): Promise<boolean> {
    await this.ready();
    try {
      await this.client.deleteBlob(name, etag === undefined ? {} : { conditions: { ifMatch: etag } });
      return true;
    } catch (error) {
      if (status(error) === 404 || isConditionFailed(error)) return false;
      throw error;
    }
  }

  /** The names (and metadata) of the blobs under `prefix`. */
  async list(prefix: string): Promise<{ name: string; metadata: Record<string, string> }[]> {
    await this.ready();
    const found: { name: string; metadata: Record<string, string> }[] = [];
    for await (const blob of this.client.listBlobsFlat({ prefix, includeMetadata: true })) {
      found.push({ name: blob.name, metadata: blob.metadata ?? {} });
    }
    return found;
  }

  /**
   * Every blob (under `prefix`, if given) with its eTag and when it was last written, page by page as the
   * service lists them (List Blobs: 5,000 a page).
   */
  async *listProperties(prefix?: string): AsyncGenerator<ListedBlob> {
    await this.ready();
    for await (const blob of this.client.listBlobsFlat({ includeMetadata: true, ...(prefix ? { prefix } : {}) })) {
      yield { name: blob.name, etag: quoted(blob.properties.etag!), lastModified: blob.properties.lastModified.getTime(), metadata: blob.metadata ?? {} };
    }
  }

  private async upload(name: string, value: unknown, conditions: { ifMatch?: string; ifNoneMatch?: string }, metadata?: Record<string, string>): Promise<string | undefined> {
    await this.ready();
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    try {
      const response = await this.client.getBlockBlobClient(name).upload(body, body.byteLength, {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json' },
        ...(metadata ? { metadata } : {}),
      });
      return response.etag!;
    } catch (error) {
      // If-Match on a blob deleted meanwhile is a failed condition too, whether the service says 412 or 404.
      if (conditions.ifMatch !== undefined && (isConditionFailed(error) || status(error) === 404)) return undefined;
      if (conditions.ifNoneMatch !== undefined && isConditionFailed(error)) return undefined;
      throw error;
    }
  }
}

/** List Blobs gives an Etag element bare (0x8D…), a response header quoted ("0x8D…"): one form, so they compare. */
function quoted(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

async function streamText(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
