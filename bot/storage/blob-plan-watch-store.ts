import type { PlanWatch, PlanWatchStore, WatchState } from '../watching/plan-watch';
import type { BlobContainer } from './blob-container';

// One blob per watch; closing it is a conditional write (If-Match), so of several instances looking
// at the same watch only one acts on what it found.

const PREFIX = 'watching/plan-watches/';
const nameOf = (id: string) => `${PREFIX}${encodeURIComponent(id)}.json`;

export class BlobPlanWatchStore implements PlanWatchStore {
  constructor(private readonly container: BlobContainer) {}

  async save(watch: PlanWatch): Promise<void> {
    if ((await this.container.create(nameOf(watch.id), watch, { state: watch.state })) === undefined) throw new Error(`watch ${watch.id} exists already`);
  }

  async open(): Promise<PlanWatch[]> {
    const found: PlanWatch[] = [];
    for (const { name, metadata } of await this.container.list(PREFIX)) {
      if (metadata.state !== 'watching') continue;
      const read = await this.container.read<PlanWatch>(name);
      if (read?.value.state === 'watching') found.push(read.value);
    }
    return found;
  }

  async close(id: string, state: Exclude<WatchState, 'watching'>): Promise<boolean> {
    const read = await this.container.read<PlanWatch>(nameOf(id));
    if (!read || read.value.state !== 'watching') return false;
    return (await this.container.replace(nameOf(id), { ...read.value, state }, read.etag, { state })) !== undefined;
  }
}
