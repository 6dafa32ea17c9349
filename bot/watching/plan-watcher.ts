import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { findPlan } from '../../domain/catalogue';
import type { Service } from '../../domain/vocabulary';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { formatDate, formatList } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import type { Identity } from '../../conversation/identity';
import type { Logger } from '../logger';
import type { ContinueConversation } from '../switching/proactive-notifier';
import type { SwitchService } from '../switching/switch-service';
import type { TenantDirectory } from '../../conversation/tenant-directory';
import type { PlanWatch, PlanWatchStore } from './plan-watch';
import { watchOutcome, type WatchOutcome } from './watch-outcome';

export interface PlanWatcherDeps {
  store: PlanWatchStore;
  directory: TenantDirectory;
  switching: SwitchService;
  continueConversation: ContinueConversation;
  logger: Logger;
  now?: () => Date;
  /** How often every open watch looks at its tenant. */
  pollMs: number;
  /** How long a watch lasts before it gives up and says what is missing. */
  giveUpMs: number;
}

export interface BeginWatch {
  identity: Identity;
  tenantId: string;
  snapshot: TenantSnapshot;
  fromSubscriptionId: string;
  toPlan: string;
  lng: Language;
  conversation: Partial<ConversationReference>;
}

/**
 * Watches plan changes bought in the admin centre until the new plan shows in the tenant, then does
 * what the switch flow would: moves the recorded people still on the old subscription to the new one
 * through the move-users job (their customised services carried over), or, when the admin centre's
 * upgrade moved them itself, names whose customisations it lost. It tells the admin proactively, and
 * gives up at the watch's give-up time saying what is still missing.
 */
export class PlanWatcher {
  private timer: NodeJS.Timeout | undefined;
  private round$: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: PlanWatcherDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Records the people of the old subscription and their switched-off services, and starts watching (or returns the watch already on it). */
  async begin(input: BeginWatch): Promise<PlanWatch & { existing?: true }> {
    const existing = (await this.deps.store.open()).find((w) => w.tenantId === input.tenantId && w.fromSubscriptionId === input.fromSubscriptionId && w.toPlan === input.toPlan);
    if (existing) return { ...existing, existing: true };
    const holders = input.snapshot.users
      .map((user) => ({ user, licence: user.licenses.find((l) => l.subscriptionId === input.fromSubscriptionId) }))
      .filter(({ licence }) => licence !== undefined)
      .map(({ user, licence }) => ({ userId: user.id, displayName: user.displayName, disabledServices: [...licence!.disabledServices] }));
    const created = this.now();
    const watch: PlanWatch = {
      id: randomUUID(),
      tenantId: input.tenantId,
      requestedBy: input.identity,
      fromSubscriptionId: input.fromSubscriptionId,
      fromPlan: input.snapshot.subscriptions.find((s) => s.id === input.fromSubscriptionId)?.planId ?? input.fromSubscriptionId,
      toPlan: input.toPlan,
      holders,
      createdAt: created.toISOString(),
      giveUpAt: new Date(created.getTime() + this.deps.giveUpMs).toISOString(),
      lng: input.lng,
      conversation: input.conversation,
      state: 'watching',
    };
    await this.deps.store.save(watch);
    this.deps.logger.audit('watch.started', { tenantId: watch.tenantId, userId: input.identity.userId, watchId: watch.id, toPlan: watch.toPlan, people: holders.length });
    return watch;
  }

  /** Looks at every open watch every pollMs, from now on. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.round(), this.deps.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look at every open watch (one round at a time). */
  round(): Promise<void> {
    this.round$ ??= this.lookAtAll().finally(() => {
      this.round$ = undefined;
    });
    return this.round$;
  }

  private async lookAtAll(): Promise<void> {
    for (const watch of await this.deps.store.open()) {
      try {
        await this.look(watch);
      } catch (error) {
        // The tenant could not be read (Graph down, throttled): the next round tries again.
        this.deps.logger.warn('watch.look-failed', { watchId: watch.id, tenantId: watch.tenantId, error });
      }
    }
  }

  private async look(watch: PlanWatch): Promise<void> {
    await this.deps.directory.prepare?.(watch.tenantId);
    const tenant = this.deps.directory.find(watch.tenantId);
    const late = this.now().getTime() >= Date.parse(watch.giveUpAt);
    if (!tenant) {
      if (late && (await this.deps.store.close(watch.id, 'gave-up'))) this.deps.logger.audit('watch.gave-up', { watchId: watch.id, tenantId: watch.tenantId, reason: 'tenant-gone' });
      return;
    }
    tenant.refresh?.();
    const outcome = watchOutcome(watch, await tenant.gateway.readSnapshot());
    if (outcome.kind === 'waiting' || outcome.kind === 'short') {
      if (late && (await this.deps.store.close(watch.id, 'gave-up'))) {
        this.deps.logger.audit('watch.gave-up', { watchId: watch.id, tenantId: watch.tenantId, reason: outcome.kind });
        await this.tell(watch, (t, plan) =>
          outcome.kind === 'waiting'
            ? t('watch:gaveUp', { plan, date: formatDate(watch.giveUpAt.slice(0, 10), watch.lng) })
            : t('watch:short', { plan, count: outcome.needed, free: outcome.free }),
        );
      }
      return;
    }
    if (outcome.kind === 'move') return this.move(watch, outcome);
    if (!(await this.deps.store.close(watch.id, 'done'))) return;
    this.deps.logger.audit('watch.done', { watchId: watch.id, tenantId: watch.tenantId, outcome: outcome.kind });
    if (outcome.kind === 'complete') {
      await this.tell(watch, (t, plan, from) => t('watch:complete', { plan, from }));
      return;
    }
    // Where the tenant can (Graph), the services are switched off again; whoever is left is named.
    let lost = outcome.lost;
    let fixed: typeof lost = [];
    if (tenant.switchServicesOff) {
      const results = await tenant.switchServicesOff(lost.map((p) => ({ userId: p.userId, subscriptionId: outcome.toSubscriptionId, services: p.services as Service[] })));
      const ok = new Set(results.filter((r) => r.ok).map((r) => r.userId));
      fixed = lost.filter((p) => ok.has(p.userId));
      lost = lost.filter((p) => !ok.has(p.userId));
      this.deps.logger.audit('watch.services-switched-off', { watchId: watch.id, tenantId: watch.tenantId, people: fixed.length, failed: lost.length });
    }
    const named = (t: ReturnType<typeof translator>, people: typeof lost) =>
      people.map((p) => t('watch:person', { name: p.displayName, services: formatList(p.services.map((s) => t(`rules:services.${s}`)), watch.lng) })).join('; ');
    if (fixed.length > 0) await this.tell(watch, (t, plan) => t('watch:reapplied', { plan, count: fixed.length, people: named(t, fixed) }));
    if (lost.length > 0) await this.tell(watch, (t, plan) => t('watch:lost', { plan, count: lost.length, people: named(t, lost) }));
  }

  private async move(watch: PlanWatch, outcome: Extract<WatchOutcome, { kind: 'move' }>): Promise<void> {
    if (!(await this.deps.store.close(watch.id, 'moving'))) return;
    const reply = { conversation: watch.conversation, lng: watch.lng };
    let result: Awaited<ReturnType<SwitchService['confirm']>> | undefined;
    try {
      // The same path as a person pressing the move's confirmation: roles and blockers checked now.
      const confirmation = await this.deps.switching.offer({
        kind: 'move-users',
        identity: watch.requestedBy,
        tenantId: watch.tenantId,
        subscriptionId: watch.fromSubscriptionId,
        toSubscriptionId: outcome.toSubscriptionId,
        userIds: outcome.userIds,
        lng: watch.lng,
        conversation: watch.conversation,
      });
      result = await this.deps.switching.confirm(confirmation.id, watch.requestedBy, reply);
    } catch (error) {
      this.deps.logger.warn('watch.move-failed', { watchId: watch.id, tenantId: watch.tenantId, error });
    }
    this.deps.logger.audit('watch.moving', { watchId: watch.id, tenantId: watch.tenantId, outcome: result?.kind ?? 'error', people: outcome.userIds.length });
    if (result?.kind === 'started' || result?.kind === 'already-running') {
      await this.tell(watch, (t, plan) => t('watch:moving', { plan, count: outcome.userIds.length }));
    } else {
      await this.tell(watch, (t, plan) => t('watch:failed', { plan, count: outcome.userIds.length }));
    }
  }

  private async tell(watch: PlanWatch, text: (t: ReturnType<typeof translator>, plan: string, from: string) => string): Promise<void> {
    const t = translator(watch.lng);
    const plan = findPlan(watch.toPlan)?.name ?? watch.toPlan;
    const from = findPlan(watch.fromPlan)?.name ?? watch.fromPlan;
    try {
      await this.deps.continueConversation(watch.conversation, async (context) => {
        await context.sendActivity(text(t, plan, from));
      });
    } catch (error) {
      this.deps.logger.warn('watch.notify-failed', { watchId: watch.id, error });
    }
  }
}
