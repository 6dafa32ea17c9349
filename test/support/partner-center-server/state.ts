import { randomUUID } from 'node:crypto';

// What the local Partner Center knows: a partner's customers, their new-commerce subscriptions, which
// transitions each subscription offers (and why some are refused), and the transitions posted so far with
// their events. Shapes: SHAPES.md next to this file.

export type TransitionType = 'transition_only' | 'transition_with_license_transfer';

/** A refusal with Partner Center's code (TransitionErrorCode, 0–13); the text defaults to the documented one. */
export interface RefusalSeed {
  code: number;
  description?: string;
}

export interface TargetSeed {
  catalogItemId: string;
  title: string;
  /** Per transition type: [] is eligible, refusals make it ineligible, absent means the type is not offered. */
  types: Partial<Record<TransitionType, RefusalSeed[]>>;
}

export interface SubscriptionSeed {
  id: string;
  /** The new-commerce catalogue item, PRODUCT:SKU:AVAILABILITY (e.g. CFQ7TTC0LDPB:0001:CFQ7TTC0K9G9). */
  offerId: string;
  offerName: string;
  friendlyName?: string;
  quantity: number;
  status?: 'active' | 'suspended' | 'deleted' | 'expired' | 'pending';
  billingCycle?: 'monthly' | 'annual';
  termDuration?: 'P1M' | 'P1Y' | 'P3Y';
  effectiveStartDate?: string;
  commitmentEndDate?: string;
  promotionId?: string;
  isTrial?: boolean;
  targets?: TargetSeed[];
}

export interface CustomerSeed {
  id: string;
  companyName: string;
  domain: string;
  subscriptions: SubscriptionSeed[];
}

/** The texts of TransitionErrorCode as the Partner Center SDK documents them (SHAPES.md). */
export const REFUSAL_TEXTS: Readonly<Record<number, string>> = {
  0: 'General error.',
  1: 'Transition cannot be performed because DAP has been disabled.',
  2: "Subscription can't be Transitioned - source subscription isn't active.",
  3: 'Subscription cannot be transitioned because there are conflicting services.',
  4: 'Transition cannot be performed due to concurrent subscription restrictions.',
  5: 'Transition cannot be performed because the current request is using App context.',
  6: 'Transition cannot be performed because the source subscription has previously purchased add-ons.',
  7: 'Transition cannot be performed because the source subscription does not have upgrade paths.',
  8: 'Transition cannot be performed because the specified transition path is not an available transition path.',
  9: "Subscription can't be Transitioned - source subscription isn't provisioned yet.",
  10: 'The offer does not support the billing cycle.',
  11: 'Cannot find any conversions for the trial subscription to convert to.',
  12: 'User license transfer failed to complete.',
  13: 'Transition cannot be performed due to insufficient GDAP claims.',
};

export interface TransitionEvent {
  name: 'Conversion' | 'SeatReassignment';
  status: 'InProgress' | 'Completed' | 'Failed';
  timestamp: string;
  errors?: { code: number; description: string }[];
}

export interface StoredTransition {
  operationId: string;
  requestId: string;
  customerId: string;
  fromSubscriptionId: string;
  fromCatalogItemId: string;
  toCatalogItemId: string;
  toSubscriptionId?: string;
  quantity: number;
  transitionType: TransitionType;
  termDuration: string;
  billingCycle: string;
  events: TransitionEvent[];
  /** Set when the test asked this transition to fail at that event. */
  failAt?: { event: TransitionEvent['name']; code: number };
  done: boolean;
}

export interface StoredSubscription extends Required<Omit<SubscriptionSeed, 'friendlyName' | 'promotionId' | 'targets'>> {
  friendlyName: string;
  promotionId?: string;
  targets: TargetSeed[];
  customerId: string;
}

export class PartnerCenterState {
  readonly customers: { id: string; companyName: string; domain: string }[] = [];
  readonly subscriptions: StoredSubscription[] = [];
  readonly transitions: StoredTransition[] = [];
  /** The next posted transition fails at this event with this refusal code (a test's switch). */
  failNext: { event: TransitionEvent['name']; code: number } | undefined;
  /** While set, Partner Center makes no progress on any transition (a test kills the bot meanwhile). */
  hold = false;

  constructor(seed: readonly CustomerSeed[]) {
    for (const customer of seed) {
      this.customers.push({ id: customer.id, companyName: customer.companyName, domain: customer.domain });
      for (const s of customer.subscriptions) this.subscriptions.push(this.stored(customer.id, s));
    }
  }

  private stored(customerId: string, s: SubscriptionSeed): StoredSubscription {
    return {
      id: s.id,
      offerId: s.offerId,
      offerName: s.offerName,
      friendlyName: s.friendlyName ?? s.offerName,
      quantity: s.quantity,
      status: s.status ?? 'active',
      billingCycle: s.billingCycle ?? 'monthly',
      termDuration: s.termDuration ?? 'P1Y',
      effectiveStartDate: s.effectiveStartDate ?? '2026-06-01T00:00:00Z',
      commitmentEndDate: s.commitmentEndDate ?? '2027-05-31T00:00:00Z',
      isTrial: s.isTrial ?? false,
      ...(s.promotionId ? { promotionId: s.promotionId } : {}),
      targets: s.targets ?? [],
      customerId,
    };
  }

  customer(id: string) {
    return this.customers.find((c) => c.id.toLowerCase() === id.toLowerCase());
  }

  subscription(customerId: string, id: string): StoredSubscription | undefined {
    return this.subscriptions.find((s) => s.customerId.toLowerCase() === customerId.toLowerCase() && s.id.toLowerCase() === id.toLowerCase());
  }

  subscriptionsOf(customerId: string): StoredSubscription[] {
    return this.subscriptions.filter((s) => s.customerId.toLowerCase() === customerId.toLowerCase());
  }

  /** The refusals of one target and type: the seed's, and "not active" for a source that is not active. */
  refusals(source: StoredSubscription, target: TargetSeed, type: TransitionType): { code: number; description: string }[] | undefined {
    const seeded = target.types[type];
    if (seeded === undefined) return undefined;
    const all = [...seeded];
    if (source.status !== 'active' && !all.some((r) => r.code === 2)) all.unshift({ code: 2 });
    return all.map((r) => ({ code: r.code, description: r.description ?? REFUSAL_TEXTS[r.code] ?? REFUSAL_TEXTS[0]! }));
  }

  /** A transition as posted: checked against the eligibilities, created once per MS-RequestId. */
  post(
    customerId: string,
    source: StoredSubscription,
    body: { toCatalogItemId?: unknown; quantity?: unknown; transitionType?: unknown; toSubscriptionId?: unknown; termDuration?: unknown; billingCycle?: unknown },
    requestId: string,
  ): { ok: true; transition: StoredTransition; replayed: boolean } | { ok: false; status: number; code: number; description: string } {
    const replay = this.transitions.find((t) => t.requestId === requestId && t.fromSubscriptionId === source.id);
    if (replay) return { ok: true, transition: replay, replayed: true };
    const type = body.transitionType;
    if (type !== 'transition_only' && type !== 'transition_with_license_transfer') {
      return { ok: false, status: 400, code: 2000, description: 'transitionType must be transition_only or transition_with_license_transfer.' };
    }
    const quantity = body.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > source.quantity) {
      return { ok: false, status: 400, code: 2000, description: `quantity must be a whole number from 1 to ${source.quantity}.` };
    }
    const target = source.targets.find((t) => t.catalogItemId === body.toCatalogItemId);
    const refusals = target ? this.refusals(source, target, type) : undefined;
    if (!target || refusals === undefined) return { ok: false, status: 400, code: 8, description: REFUSAL_TEXTS[8]! };
    if (refusals.length > 0) return { ok: false, status: 400, code: refusals[0]!.code, description: refusals[0]!.description };
    const transition: StoredTransition = {
      operationId: randomUUID(),
      requestId,
      customerId,
      fromSubscriptionId: source.id,
      fromCatalogItemId: source.offerId,
      toCatalogItemId: target.catalogItemId,
      ...(typeof body.toSubscriptionId === 'string' ? { toSubscriptionId: body.toSubscriptionId } : {}),
      quantity,
      transitionType: type,
      termDuration: typeof body.termDuration === 'string' ? body.termDuration : source.termDuration,
      billingCycle: typeof body.billingCycle === 'string' ? body.billingCycle : source.billingCycle,
      events: [{ name: 'Conversion', status: 'InProgress', timestamp: new Date().toISOString() }],
      ...(this.failNext ? { failAt: this.failNext } : {}),
      done: false,
    };
    this.failNext = undefined;
    this.transitions.push(transition);
    return { ok: true, transition, replayed: false };
  }

  /** One step of every unfinished transition: Partner Center works on them between two reads. */
  advance(): void {
    if (this.hold) return;
    for (const t of this.transitions.filter((x) => !x.done)) this.step(t);
  }

  private step(t: StoredTransition): void {
    const now = new Date().toISOString();
    const last = t.events.at(-1)!;
    if (last.status === 'InProgress') {
      if (t.failAt?.event === last.name) {
        t.events.push({ name: last.name, status: 'Failed', timestamp: now, errors: [{ code: t.failAt.code, description: REFUSAL_TEXTS[t.failAt.code] ?? REFUSAL_TEXTS[0]! }] });
        t.done = true;
        return;
      }
      t.events.push({ name: last.name, status: 'Completed', timestamp: now });
      if (last.name === 'Conversion') {
        this.convert(t);
        if (t.transitionType === 'transition_only') t.done = true;
      } else {
        t.done = true;
      }
      return;
    }
    if (last.name === 'Conversion' && last.status === 'Completed' && t.transitionType === 'transition_with_license_transfer') {
      t.events.push({ name: 'SeatReassignment', status: 'InProgress', timestamp: now });
    }
  }

  /** The conversion itself: the whole subscription moves to the new offer, or a part of it to a new or an existing subscription. */
  private convert(t: StoredTransition): void {
    const source = this.subscription(t.customerId, t.fromSubscriptionId)!;
    const target = source.targets.find((x) => x.catalogItemId === t.toCatalogItemId)!;
    const existing = t.toSubscriptionId ? this.subscription(t.customerId, t.toSubscriptionId) : undefined;
    if (existing) {
      existing.quantity += t.quantity;
      source.quantity -= t.quantity;
    } else if (t.quantity === source.quantity) {
      source.offerId = target.catalogItemId;
      source.offerName = target.title;
      source.friendlyName = target.title;
      source.targets = [];
      delete source.promotionId;
      return;
    } else {
      const id = randomUUID();
      this.subscriptions.push({ ...source, id, offerId: target.catalogItemId, offerName: target.title, friendlyName: target.title, quantity: t.quantity, targets: [] });
      t.toSubscriptionId = id;
      source.quantity -= t.quantity;
    }
    if (source.quantity === 0) source.status = 'deleted';
  }
}
