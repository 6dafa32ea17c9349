import type { ConversationReference } from 'botbuilder';
import type { Language } from '../../i18n/languages';
import type { Identity } from '../../conversation/identity';

// A plan change bought in the admin centre (Graph cannot buy one), watched by the bot until the new
// plan appears: the people of the old subscription and their customised services are recorded first,
// because the admin centre's upgrade turns every service on for everyone (Microsoft's "Upgrade to a
// different plan": "make note of this before you upgrade plans so that you can recreate these changes").

export interface RecordedHolder {
  userId: string;
  displayName: string;
  /** The services switched off in their licence of the old subscription when the watch began. */
  disabledServices: string[];
}

export type WatchState = 'watching' | 'moving' | 'done' | 'gave-up' | 'failed';

export interface PlanWatch {
  id: string;
  tenantId: string;
  /** Who asked: the move is started on their behalf, their roles checked again then. */
  requestedBy: Identity;
  fromSubscriptionId: string;
  /** The old subscription's plan id, for its name in messages. */
  fromPlan: string;
  toPlan: string;
  holders: RecordedHolder[];
  createdAt: string;
  /** When the bot stops watching and says what is still missing. */
  giveUpAt: string;
  lng: Language;
  conversation: Partial<ConversationReference>;
  state: WatchState;
}

export interface PlanWatchStore {
  save(watch: PlanWatch): Promise<void>;
  /** Every watch still watching (of any tenant): resumed at start, looked at on each round. */
  open(): Promise<PlanWatch[]>;
  /** Moves a watch out of `watching`; true for exactly one caller, whichever instance it runs on. */
  close(id: string, state: Exclude<WatchState, 'watching'>): Promise<boolean>;
}

export class MemoryPlanWatchStore implements PlanWatchStore {
  private readonly watches = new Map<string, PlanWatch>();

  async save(watch: PlanWatch): Promise<void> {
    this.watches.set(watch.id, structuredClone(watch));
  }

  async open(): Promise<PlanWatch[]> {
    return [...this.watches.values()].filter((w) => w.state === 'watching').map((w) => structuredClone(w));
  }

  async close(id: string, state: Exclude<WatchState, 'watching'>): Promise<boolean> {
    const watch = this.watches.get(id);
    if (!watch || watch.state !== 'watching') return false;
    watch.state = state;
    return true;
  }
}
