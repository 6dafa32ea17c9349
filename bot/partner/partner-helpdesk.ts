import { TurnContext, type ConversationReference, type StatePropertyAccessor, type Storage } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { outcomeText, progressCard } from '../../cards/partner-cards';
import { todayUtc } from '../../domain/dates';
import type { Language } from '../../i18n/languages';
import { partnerWords } from '../../i18n/partner-describe';
import { PartnerCenterClient, runTransitionJob, type TransitionJob, type TransitionJobStore } from '../../partner';
import { PARTNER_HELPDESK_DIALOG, PartnerHelpdeskDialog } from '../../dialogs/partner/partner-helpdesk-dialog';
import { PARTNER_LANGUAGE, staticToken } from '../../dialogs/partner/partner-flow-dialog';
import { cardReply, textReply } from '../../dialogs/shared/replies';
import { partnerFailureText } from './partner-failure';

// The CSP helpdesk in a conversation: the turns that are its own (the agent says "partner", presses one
// of its cards, or is in its flow), and the transitions it follows outside any turn, telling the
// conversation proactively of each event and of the end.

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
  /** Where a failed turn or follow is logged (the bot's logger: no token, no e-mail address). */
  logger?: { error(event: string, fields: Record<string, unknown>): void };
}

/**
 * Transition jobs in the bot's storage, one item per transition (customer, subscription, target, licences,
 * type): confirming the same transition again while it is unfinished finds it, so it is never sent twice.
 */
export class StorageJobs implements TransitionJobStore {
  constructor(private readonly storage: Storage) {}

  static keyOf(job: Pick<TransitionJob, 'customerId' | 'subscriptionId' | 'request'>): string {
    const r = job.request;
    return ['partner-transitions', job.customerId, job.subscriptionId, r.toCatalogItemId, r.quantity, r.transitionType].map((part) => encodeURIComponent(String(part).toLowerCase())).join('/');
  }

  async unfinished(like: Pick<TransitionJob, 'customerId' | 'subscriptionId' | 'request'>): Promise<TransitionJob | undefined> {
    const key = StorageJobs.keyOf(like);
    const found = (await this.storage.read([key]))[key] as (TransitionJob & { eTag?: string }) | undefined;
    if (!found || found.state === 'completed' || found.state === 'failed') return undefined;
    const { eTag: _eTag, ...job } = found;
    return job;
  }

  async save(job: TransitionJob): Promise<void> {
    await this.storage.write({ [StorageJobs.keyOf(job)]: { ...job, eTag: '*' } });
  }
}

export class PartnerHelpdesk {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly jobs: StorageJobs;
  private readonly running = new Set<Promise<void>>();

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
      }),
    );
  }

  /** Runs the turn when it is the helpdesk's; false leaves it to the rest of the bot. */
  async run(context: TurnContext, lng: Language): Promise<boolean> {
    // Messages, and the sign-in's own activities (Teams' signin/* invokes, a channel's tokens/response event).
    const { type, name } = context.activity;
    const signIn = (type === 'invoke' && typeof name === 'string' && name.startsWith('signin/')) || (type === 'event' && name === 'tokens/response');
    if (type !== 'message' && !signIn) return false;
    context.turnState.set(PARTNER_LANGUAGE, lng);
    // Local development runs without an app id, so CloudAdapter's token client has none, and
    // botframework-connector refuses to build a sign-in state without one (the token service it then
    // talks to is the one OAuthUrl names, a local one).
    const key = (context.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey;
    const tokenClient = key ? (context.turnState.get(key) as { appId?: string } | undefined) : undefined;
    if (tokenClient && tokenClient.appId === undefined) tokenClient.appId = '';
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

  private async follow(context: TurnContext, confirmed: TransitionJob, customer: string, token: string): Promise<void> {
    const lng = (context.turnState.get(PARTNER_LANGUAGE) as Language | undefined) ?? 'en';
    const reference = TurnContext.getConversationReference(context.activity);
    const earlier = await this.jobs.unfinished(confirmed);
    const job = earlier ? { ...earlier, ...(earlier.toTitle || !confirmed.toTitle ? {} : { toTitle: confirmed.toTitle }) } : confirmed;
    if (!earlier) await this.jobs.save(job);
    await context.sendActivity(cardReply(progressCard(lng, customer, job, earlier !== undefined), partnerWords(lng)('bot.progress.title', { customer })));
    const say = (activity: Parameters<TurnContext['sendActivity']>[0]) => this.options.continueConversation(reference, async (proactive) => void (await proactive.sendActivity(activity)));
    const client = new PartnerCenterClient({ baseUrl: this.options.baseUrl, credential: staticToken(token), ...(this.options.ca === undefined ? {} : { ca: this.options.ca }), ...(this.options.sleep ? { sleep: this.options.sleep } : {}) });
    let shown = 0;
    const run = runTransitionJob(client, this.jobs, job, {
      pollMs: this.options.pollMs ?? 15_000,
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      onProgress: async (j) => {
        if (j.events.length === shown) return;
        shown = j.events.length;
        await say(cardReply(progressCard(lng, customer, j), partnerWords(lng)('bot.progress.title', { customer })));
      },
    })
      .then((done) => say(textReply(outcomeText(lng, customer, done))))
      .catch(async (error: unknown) => {
        this.options.logger?.error('partner.follow.failed', { error });
        // The job keeps its request id and its state: followed again, it is never sent twice.
        await say(textReply(partnerWords(lng)('bot.lostTrack', { customer, reason: partnerFailureText(error, lng) })));
      })
      .finally(() => {
        client.close();
        this.running.delete(run);
      });
    this.running.add(run);
  }
}
