import { TurnContext, type ConversationReference, type StatePropertyAccessor, type Storage } from 'botbuilder-core';
import type { DialogState } from 'botbuilder-dialogs';
import { DialogSet } from '../../dialogs/shared/dialog-classes';
import { outcomeText, progressCard } from '../../cards/partner-cards';
import { todayUtc } from '../../domain/dates';
import type { Language } from '../../i18n/languages';
import { partnerWords } from '../../i18n/partner-describe';
import { onBehalfOfAgent, PartnerCenterClient, readCustomerTenant, runTransitionJob, type PartnerConfig, type TransitionJob, type TransitionJobStore } from '../../partner';
import { PARTNER_HELPDESK_DIALOG, PartnerHelpdeskDialog } from '../../dialogs/partner/partner-helpdesk-dialog';
import { PARTNER_LANGUAGE, staticToken } from '../../dialogs/partner/partner-flow-dialog';
import { cardReply, textReply } from '../../dialogs/shared/replies';
import { partnerFailureText } from './partner-failure';
import { answerTeamsSsoFailure, SIGNIN_FAILURE } from './teams-sso-failure';

// The CSP helpdesk in a conversation: the turns that are its own (the agent says "partner", presses one
// of its cards, or is in its flow), and the transitions it follows outside any turn, telling the
// conversation proactively of each event and of the end.

/** The part of botframework-connector's UserTokenClient (in the turn state of every turn, proactive too) used here. */
interface TokenServiceClient {
  getUserToken(userId: string, connectionName: string, channelId: string, magicCode: string | undefined): Promise<{ token?: string } | undefined>;
}

export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** The conversation's state as the bot keeps it (botbuilder's ConversationState, or the bot's own StoredState). */
export interface ConversationStateLike {
  createProperty<T>(name: string): StatePropertyAccessor<T>;
  saveChanges(context: TurnContext, force?: boolean): Promise<void>;
}

export interface PartnerHelpdeskOptions {
  conversationState: ConversationStateLike;
  /** Where transition jobs are kept (the bot's storage): ids, request id and events, never a token. */
  storage: Storage;
  connectionName: string;
  baseUrl: string;
  continueConversation: ContinueConversation;
  /** Extra CA certificates (PEM): a local test server's. */
  ca?: string;
  /** Wait between two reads of a transition's events. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  today?: () => string;
  /**
   * With the app's client credential (PARTNER_CLIENT_SECRET or PARTNER_CLIENT_CERTIFICATE_PATH), the
   * connection's token is for the bot's own API and is exchanged on the agent's behalf, for Partner
   * Center and for Graph in the customer's tenant, whose users then reach the rules. Without it the
   * connection's token is Partner Center's own and no tenant is read.
   */
  onBehalfOf?: { config: PartnerConfig; graphBaseUrl: string };
  /** Where a failed turn or follow is logged (the bot's logger: no token, no e-mail address). */
  logger?: { error(event: string, fields: Record<string, unknown>): void; warn(event: string, fields: Record<string, unknown>): void };
}

/** Who is told of a job's events and end: the conversation it was confirmed in, its language, the customer's name. */
export interface JobAudience {
  conversation: Partial<ConversationReference>;
  lng: Language;
  customer: string;
  /** The end was told: the job is not resumed again. */
  told?: boolean;
}

/** A job as the bot keeps it: ids, request id, events and its audience, never a token. */
export type KeptJob = TransitionJob & { audience?: JobAudience };

const OPEN_KEY = 'partner-transitions-open';

/**
 * Transition jobs in the bot's storage, one item per transition (customer, subscription, target, licences,
 * type): confirming the same transition again while it is unfinished finds it, so it is never sent twice.
 * Storage cannot list its items, so the keys of the jobs whose end is not yet told are kept in one more
 * item: a bot started again follows those.
 */
export class StorageJobs implements TransitionJobStore {
  // Read-modify-write of the open list, one at a time within this process.
  private openList: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: Storage) {}

  static keyOf(job: Pick<TransitionJob, 'customerId' | 'subscriptionId' | 'request'>): string {
    const r = job.request;
    return ['partner-transitions', job.customerId, job.subscriptionId, r.toCatalogItemId, r.quantity, r.transitionType].map((part) => encodeURIComponent(String(part).toLowerCase())).join('/');
  }

  private async read(key: string): Promise<KeptJob | undefined> {
    const found = (await this.storage.read([key]))[key] as (KeptJob & { eTag?: string }) | undefined;
    if (!found) return undefined;
    const { eTag: _eTag, ...job } = found;
    return job;
  }

  async unfinished(like: Pick<TransitionJob, 'customerId' | 'subscriptionId' | 'request'>): Promise<KeptJob | undefined> {
    const job = await this.read(StorageJobs.keyOf(like));
    return !job || job.state === 'completed' || job.state === 'failed' ? undefined : job;
  }

  async save(job: TransitionJob): Promise<void> {
    await this.storage.write({ [StorageJobs.keyOf(job)]: { ...job, eTag: '*' } });
  }

  /** The jobs whose end has not been told yet (running, or ended while no bot was there to tell it). */
  async open(): Promise<KeptJob[]> {
    const keys = await this.openKeys();
    const jobs = await Promise.all(keys.map((key) => this.read(key)));
    return jobs.filter((job): job is KeptJob => job !== undefined && job.audience !== undefined && !job.audience.told);
  }

  /** Marks the job as one to tell of (true) or told (false). */
  async markOpen(job: TransitionJob, open: boolean): Promise<void> {
    const key = StorageJobs.keyOf(job);
    const next = this.openList.then(async () => {
      const keys = (await this.openKeys()).filter((k) => k !== key);
      await this.storage.write({ [OPEN_KEY]: { keys: open ? [...keys, key] : keys, eTag: '*' } });
    });
    this.openList = next.catch(() => undefined);
    await next;
  }

  private async openKeys(): Promise<string[]> {
    const item = (await this.storage.read([OPEN_KEY]))[OPEN_KEY] as { keys?: unknown } | undefined;
    return Array.isArray(item?.keys) ? item.keys.filter((k): k is string => typeof k === 'string') : [];
  }
}

export class PartnerHelpdesk {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly jobs: StorageJobs;
  private readonly running = new Set<Promise<void>>();
  /** Keys of the jobs this process follows now. */
  private readonly following = new Set<string>();

  constructor(private readonly options: PartnerHelpdeskOptions) {
    this.dialogState = options.conversationState.createProperty<DialogState>('partnerHelpdesk');
    this.dialogs = new DialogSet(this.dialogState);
    this.jobs = new StorageJobs(options.storage);
    this.dialogs.add(
      new PartnerHelpdeskDialog(options.connectionName, {
        baseUrl: options.baseUrl,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        today: options.today ?? (() => todayUtc()),
        follow: (context, job, customer, token) => this.follow(context, job, customer, token),
        signedIn: (context, token) => this.resumeHere(context, token),
        credentialOf: (token) => this.credentialOf(token),
        ...(options.onBehalfOf ? { customerTenant: (token: string, customerId: string) => this.customerTenant(token, customerId) } : {}),
      }),
    );
  }

  /** The agent's Partner Center credential from the connection's token (exchanged on their behalf when the bot has a client credential). */
  private credentialOf(token: string) {
    const obo = this.options.onBehalfOf;
    return obo ? onBehalfOfAgent(obo.config, token, this.options.ca) : staticToken(token);
  }

  /** The customer's tenant through Graph with the agent's delegated GDAP token (authority = the customer's tenant). */
  private customerTenant(token: string, customerId: string) {
    const obo = this.options.onBehalfOf!;
    return readCustomerTenant(this.credentialOf(token), customerId, {
      graphBaseUrl: obo.graphBaseUrl,
      authorityHost: obo.config.authorityHost,
      clientId: obo.config.clientId,
      ...(this.options.ca === undefined ? {} : { ca: this.options.ca }),
    });
  }

  /** Runs the turn when it is the helpdesk's; false leaves it to the rest of the bot. */
  async run(context: TurnContext, lng: Language): Promise<boolean> {
    // Messages, and the sign-in's own activities (Teams' signin/* invokes, a channel's tokens/response event).
    const { type, name } = context.activity;
    const signIn = (type === 'invoke' && typeof name === 'string' && name.startsWith('signin/')) || (type === 'event' && name === 'tokens/response');
    if (type !== 'message' && !signIn) return false;
    if (type === 'invoke' && name === SIGNIN_FAILURE) {
      // The sign-in card stays where it was; the agent is told to use its button.
      await answerTeamsSsoFailure(context, lng, this.options.logger);
      return true;
    }
    context.turnState.set(PARTNER_LANGUAGE, lng);
    const dc = await this.dialogs.createContext(context);
    const text = context.activity.text?.trim().toLowerCase();
    const keyword = text !== undefined && text === partnerWords(lng)('bot.keyword').toLowerCase();
    const verb = (context.activity.value as { verb?: unknown } | undefined)?.verb;
    try {
      if (keyword) {
        await dc.cancelAllDialogs();
        await dc.beginDialog(PARTNER_HELPDESK_DIALOG);
      } else if (dc.activeDialog) {
        await dc.continueDialog();
      } else if (typeof verb === 'string' && verb.startsWith('partner.')) {
        await context.sendActivity(textReply(partnerWords(lng)('bot.stale')));
      } else {
        return false;
      }
    } catch (error) {
      this.options.logger?.error('partner.turn.failed', { error, channelId: context.activity.channelId });
      // A call that failed leaves the agent where they were: the card they pressed can be pressed again.
      await context.sendActivity(textReply(partnerFailureText(error, lng)));
    }
    await this.options.conversationState.saveChanges(context);
    return true;
  }

  /** Every transition being followed has ended (tests wait on this instead of a clock). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /**
   * At start: every job whose end was not told is followed again with the agent's token from the token
   * service (which keeps it, encrypted, never this bot), or, when the token service has none any more,
   * the agent is told in their conversation that it still runs and that signing in again shows it.
   */
  async resumeUnfinished(): Promise<number> {
    const jobs = await this.jobs.open();
    for (const job of jobs) {
      const audience = job.audience!;
      try {
        await this.options.continueConversation(audience.conversation, async (context) => {
          if (job.state === 'completed' || job.state === 'failed') return this.tell(context, job);
          const token = await this.storedToken(context);
          if (token) this.watch(job, token);
          else await context.sendActivity(textReply(partnerWords(audience.lng)('bot.resume.signInAgain', { customer: audience.customer })));
        });
      } catch (error) {
        this.options.logger?.error('partner.resume.failed', { error });
      }
    }
    return jobs.length;
  }

  /** The agent signed in again: the unfinished jobs of this conversation that nothing follows are shown and followed. */
  private async resumeHere(context: TurnContext, token: string): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    for (const job of await this.jobs.open()) {
      const audience = job.audience!;
      if (audience.conversation.conversation?.id !== conversationId || this.following.has(StorageJobs.keyOf(job))) continue;
      if (job.state === 'completed' || job.state === 'failed') {
        await this.tell(context, job);
        continue;
      }
      await context.sendActivity(cardReply(progressCard(audience.lng, audience.customer, job, true), partnerWords(audience.lng)('bot.progress.title', { customer: audience.customer })));
      this.watch(job, token);
    }
  }

  /** The agent's Partner Center token as the token service still holds it, outside a turn of theirs. */
  private async storedToken(context: TurnContext): Promise<string | undefined> {
    const key = (context.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey;
    const client = key ? (context.turnState.get(key) as TokenServiceClient | undefined) : undefined;
    // A proactive turn's activity comes from the reference's user.
    const { from: user, channelId } = context.activity;
    if (!client || !user?.id || !channelId) return undefined;
    try {
      return (await client.getUserToken(user.id, this.options.connectionName, channelId, undefined))?.token || undefined;
    } catch (error) {
      this.options.logger?.error('partner.resume.token', { error });
      return undefined;
    }
  }

  /** Tells the job's end in its conversation, then marks it told: it is told once. */
  private async tell(context: TurnContext, job: KeptJob): Promise<void> {
    const audience = job.audience!;
    await context.sendActivity(textReply(outcomeText(audience.lng, audience.customer, job)));
    job.audience = { ...audience, told: true };
    await this.jobs.save(job);
    await this.jobs.markOpen(job, false);
  }

  private async follow(context: TurnContext, confirmed: TransitionJob, customer: string, token: string): Promise<void> {
    const lng = (context.turnState.get(PARTNER_LANGUAGE) as Language | undefined) ?? 'en';
    const audience: JobAudience = { conversation: TurnContext.getConversationReference(context.activity), lng, customer };
    const earlier = await this.jobs.unfinished(confirmed);
    const job: KeptJob = earlier ? { ...earlier, ...(earlier.toTitle || !confirmed.toTitle ? {} : { toTitle: confirmed.toTitle }), audience } : { ...confirmed, audience };
    await this.jobs.save(job);
    await this.jobs.markOpen(job, true);
    await context.sendActivity(cardReply(progressCard(lng, customer, job, earlier !== undefined), partnerWords(lng)('bot.progress.title', { customer })));
    this.watch(job, token);
  }

  /** Follows the job outside any turn (once per job in this process) and tells its conversation of each event and of the end. */
  private watch(job: KeptJob, token: string): void {
    const key = StorageJobs.keyOf(job);
    if (this.following.has(key)) return;
    this.following.add(key);
    const { conversation, lng, customer } = job.audience!;
    const inConversation = (logic: (context: TurnContext) => Promise<void>) => this.options.continueConversation(conversation, logic);
    const say = (activity: Parameters<TurnContext['sendActivity']>[0]) => inConversation(async (proactive) => void (await proactive.sendActivity(activity)));
    const client = new PartnerCenterClient({ baseUrl: this.options.baseUrl, credential: this.credentialOf(token), ...(this.options.ca === undefined ? {} : { ca: this.options.ca }), ...(this.options.sleep ? { sleep: this.options.sleep } : {}) });
    let shown = job.events.length;
    const run = runTransitionJob(client, this.jobs, job, {
      pollMs: this.options.pollMs ?? 15_000,
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      onProgress: async (j) => {
        if (j.events.length === shown) return;
        shown = j.events.length;
        await say(cardReply(progressCard(lng, customer, j), partnerWords(lng)('bot.progress.title', { customer })));
      },
    })
      .then((done) => inConversation((proactive) => this.tell(proactive, done as KeptJob)))
      .catch(async (error: unknown) => {
        this.options.logger?.error('partner.follow.failed', { error });
        // The job keeps its request id and its state: followed again, it is never sent twice.
        await say(textReply(partnerWords(lng)('bot.lostTrack', { customer, reason: partnerFailureText(error, lng) })));
      })
      // The conversation could not be reached either: the job stays open and is told at the next start.
      .catch((error: unknown) => this.options.logger?.error('partner.tell.failed', { error }))
      .finally(() => {
        client.close();
        this.following.delete(key);
        this.running.delete(run);
      });
    this.running.add(run);
  }
}
