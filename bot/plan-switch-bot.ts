import { ActivityHandler, ActivityTypes, INVOKE_RESPONSE_KEY, TurnContext, type InvokeResponse, type StatePropertyAccessor } from 'botbuilder-core';
import { drawsOverflowMenu, moveOverflowIntoMoreCards } from '../cards/action-overflow';
import { consentCard } from '../cards/consent-card';
import { customerPickerCard } from '../cards/customer-picker';
import { identityPickerCard, personaGroup, type Persona } from '../cards/identity-picker';
import { parseSubmission } from '../cards/submissions';
import { resolveLanguage, type Language } from '../i18n/languages';
import { translator } from '../i18n/translator';
import type { MainDialog } from '../dialogs/main-dialog';
import type { PartnerHelpdesk } from './partner/partner-helpdesk';
import { cardReply, textReply } from '../dialogs/shared/replies';
import { roleNames } from '../dialogs/shared/words';
import type { AdaptiveCard } from '../cards/render';
import type { BotConfig } from './config';
import { demoPersonas } from './identity/personas';
import { isTenantAllowed, mayGuide, resolveIdentity, teamsTenantId, type RefusalReason } from './identity/resolve-identity';
import type { Logger } from './logger';
import { ChangeRequestRefused } from './security/change-limits';
import { getSession, setSession, type Session } from '../conversation/session';
import type { BotState } from './state';
import type { UserProfile } from '../conversation/user-profile';
import type { SwitchConfirmations } from './switching/switch-confirmations';
import { CARD_ACTION_INVOKE, cardInvokeResponse, noticeCard, parseCardAction } from './teams/card-action';
import { downgradeActivities, runsUniversalActions } from './teams/universal-actions';
import type { KnownTenant, TenantDirectory } from '../conversation/tenant-directory';
import { startWatch } from './watching/start-watch';
import type { PlanWatcher } from './watching/plan-watcher';

export interface BotDeps {
  config: BotConfig;
  state: BotState;
  directory: TenantDirectory;
  logger: Logger;
  mainDialog: MainDialog;
  confirmations: SwitchConfirmations;
  /** Plan changes bought in the admin centre, watched until they are done. */
  watcher?: PlanWatcher;
}

type Opened =
  | { kind: 'open'; session: Session; guiding: KnownTenant | undefined }
  | { kind: 'refused'; reason: RefusalReason }
  | { kind: 'pick' };

/** The turn pipeline: language, who is talking, refusals, then card actions and the dialogs. */
export class PlanSwitchBot extends ActivityHandler {
  /** The language the demo identity picker was last shown in, in this conversation. */
  private readonly pickerShown: StatePropertyAccessor<Language | undefined>;
  /** The CSP helpdesk on Partner Center, when PARTNER_OAUTH_CONNECTION configures it: its turns are its own. */
  helpdesk: PartnerHelpdesk | undefined;

  constructor(private readonly deps: BotDeps) {
    super();
    this.pickerShown = deps.state.conversationState.createProperty<Language | undefined>('identityPickerShown');
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    // Only Teams runs Action.Execute; every other client gets the Action.Submit each one falls back to.
    if (!runsUniversalActions(context.activity.channelId)) {
      context.onSendActivities(async (_context, activities, next) => {
        downgradeActivities(activities);
        return next();
      });
    }
    // A client without an overflow menu gets the secondary actions in a "More" card, in the turn's language.
    if (!drawsOverflowMenu(context.activity.channelId)) {
      context.onSendActivities(async (_context, activities, next) => {
        moveOverflowIntoMoreCards(activities, (peekSession(context).t ?? translator(resolveLanguage(context.activity.locale)))('bot:cards.more'));
        return next();
      });
    }
    try {
      // Messages, nearly every turn, go straight to the bot; ActivityHandler's chain of handlers (and
      // its generator-based awaits, a twentieth of a turn) is for the other activity types.
      if (this.helpdesk && (await this.helpdesk.run(context, await this.language(context, await this.deps.state.profile.get(context, {}))))) return;
      if (context.activity.type === ActivityTypes.Message) await this.handleMessage(context);
      else await super.run(context);
      await this.deps.state.conversationState.saveChanges(context);
      await this.deps.state.userState.saveChanges(context);
    } catch (error) {
      const limited = causeOf(error, ChangeRequestRefused)?.decision;
      // The person hears a plain apology (or the limit they reached) in their language; the details go to the log, redacted.
      if (limited) {
        const { identity, tenant } = peekSession(context);
        this.deps.logger.audit('limit.refused', { scope: limited.scope, tenantId: tenant?.id, userId: identity?.userId, retryAfterSeconds: limited.retryAfterSeconds });
      } else {
        this.deps.logger.error('turn.failed', { error, channelId: context.activity.channelId, type: context.activity.type });
      }
      await this.deps.state.conversationState.delete(context).catch(() => undefined);
      const profile = await this.deps.state.profile.get(context, {}).catch(() => ({}) as UserProfile);
      const t = translator(await this.language(context, profile));
      const title = limited ? t('limits:title') : t('teams:card.failed');
      const text = limited ? t(`limits:changes.${limited.scope}`, { count: Math.ceil(limited.retryAfterSeconds / 60) }) : t('bot:errors.generic');
      if (isCardAction(context)) {
        // A pressed Action.Execute waits for a card: the apology replaces the pressed card instead.
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
          await context.sendActivity({ type: 'invokeResponse', value: cardInvokeResponse(noticeCard(title, text)) });
        }
        return;
      }
      await context.sendActivity(textReply(text));
    }
  }

  /** Teams' Action.Execute arrives as an `adaptiveCard/action` invoke and is answered with the card that replaces the pressed one. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (!isCardAction(context)) return super.onInvokeActivity(context);
    return cardInvokeResponse(await this.answerCardAction(context));
  }

  private async answerCardAction(context: TurnContext): Promise<AdaptiveCard> {
    const { state, logger } = this.deps;
    const profile = await state.profile.get(context, {});
    const lng = await this.language(context, profile);
    const t = translator(lng);
    const opened = await this.openSession(context, profile, lng);
    if (opened.kind !== 'open') {
      const reason = opened.kind === 'refused' ? opened.reason : 'no-tenant';
      logger.audit('access.refused', { reason, ...refusalFields(context) });
      return noticeCard(t('teams:card.notAvailable'), reason === 'not-onboarded' ? t('tenants:card.text') : t(`bot:refused.${reason}`));
    }
    const parsed = parseCardAction(context.activity.value);
    if (parsed.kind === 'valid' && (parsed.submission.verb === 'switch.confirm' || parsed.submission.verb === 'switch.decline')) {
      const card = await this.deps.confirmations.answerCard(context, parsed.submission);
      if (card) return card;
    }
    // A forged, malformed or unexpected action changes nothing; only confirmation cards use Action.Execute.
    logger.warn('card.action.invalid', { channelId: context.activity.channelId });
    return noticeCard(t('teams:card.unreadable'), t('bot:errors.badSubmission'));
  }

  /** Who is talking and about which tenant, or why not; on success the turn's session is set. */
  private async openSession(context: TurnContext, profile: UserProfile, lng: Language): Promise<Opened> {
    const { config, directory } = this.deps;
    // With an app id or a tenant allow-list, the tenant comes from the channel or not at all: the demo
    // picker (anyone may pick any organisation) is for local development without an allow-list only.
    if (!teamsTenantId(context.activity) && (config.auth !== undefined || config.allowedTenants !== undefined)) return { kind: 'refused', reason: 'no-tenant' };
    const outcome = await resolveIdentity(context.activity, profile, config, directory);
    if (outcome.kind !== 'known') return outcome;
    const identity = outcome.identity;
    const home = directory.find(identity.tenantId)!;
    // A helpdesk agent may guide only a customer that is itself allowed.
    const guidingId = profile.guidingTenantId && mayGuide(config, directory, identity.tenantId, profile.guidingTenantId) ? profile.guidingTenantId : undefined;
    const guiding = guidingId ? directory.find(guidingId) : undefined;
    const tenant = identity.roles.includes('HelpdeskAgent') && guiding ? guiding : home;
    const session: Session = { lng, t: translator(lng), identity, tenant, snapshot: await tenant.gateway.readSnapshot() };
    setSession(context, session);
    return { kind: 'open', session, guiding };
  }

  private async language(context: TurnContext, profile: UserProfile): Promise<Language> {
    return profile.language ?? resolveLanguage(context.activity.locale);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const profile = await this.deps.state.profile.get(context, {});
    const lng = await this.language(context, profile);
    const t = translator(lng);
    await context.sendActivity(textReply(t('bot:welcome')));
    await this.handleMessage(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { state, directory, logger } = this.deps;
    // In a team or group chat Teams puts "<at>Plan Switch</at>" in front of what the person typed.
    if (context.activity.channelId === 'msteams' && context.activity.text && context.activity.recipient) TurnContext.removeRecipientMention(context.activity);
    const profile = await state.profile.get(context, {});
    const lng = await this.language(context, profile);
    const t = translator(lng);
    const opened = await this.openSession(context, profile, lng);

    if (opened.kind === 'refused') {
      logger.audit('access.refused', { reason: opened.reason, ...refusalFields(context) });
      // Someone of an organisation that has not consented yet learns how it joins, and who must do it.
      if (opened.reason === 'not-onboarded' && directory.onboarding) {
        await context.sendActivity(cardReply(consentCard(t, directory.onboarding.consentUrl), t('tenants:card.title')));
        return;
      }
      await context.sendActivity(textReply(t(`bot:refused.${opened.reason}`)));
      return;
    }
    if (opened.kind === 'pick') {
      await this.pickIdentity(context, profile, lng);
      return;
    }
    const { session, guiding } = opened;
    const identity = session.identity!;

    const submission = parseSubmission(context.activity.value);
    if (submission.kind === 'invalid') {
      // A forged or malformed card value changes nothing, whatever dialog is waiting.
      logger.warn('card.submission.invalid', { channelId: context.activity.channelId });
      await context.sendActivity(textReply(t('bot:errors.badSubmission')));
      return;
    }
    if (submission.kind === 'valid') {
      const s = submission.submission;
      if (s.verb === 'switch.confirm' || s.verb === 'switch.decline') {
        await this.deps.confirmations.handle(context, s);
        return;
      }
      if (s.verb === 'watch.start' && this.deps.watcher) {
        await startWatch(context, session, s, this.deps.watcher);
        return;
      }
      if (s.verb === 'customer.pick' && identity.roles.includes('HelpdeskAgent')) {
        if (!mayGuide(this.deps.config, directory, identity.tenantId, s.tenantId)) {
          logger.audit('access.refused', { reason: 'customer-not-allowed', ...refusalFields(context), userId: identity.userId });
          await context.sendActivity(textReply(t('bot:errors.badSubmission')));
          return;
        }
        if (!directory.find(s.tenantId)) {
          await context.sendActivity(textReply(t('bot:errors.badSubmission')));
          return;
        }
        profile.guidingTenantId = s.tenantId;
        await state.profile.set(context, profile);
        const chosen = directory.find(s.tenantId)!;
        setSession(context, { ...session, tenant: chosen, snapshot: await chosen.gateway.readSnapshot() });
        await context.sendActivity(textReply(t('bot:helpdesk.guiding', { tenant: chosen.name })));
        context.activity.value = undefined;
      }
    }
    if (identity.roles.includes('HelpdeskAgent') && !guiding && !(profile.guidingTenantId && mayGuide(this.deps.config, directory, identity.tenantId, profile.guidingTenantId))) {
      if (submission.kind === 'incomplete' && submission.verb === 'customer.pick') await context.sendActivity(textReply(t('bot:helpdesk.required')));
      const tenants = (await directory.list()).filter((tenant) => mayGuide(this.deps.config, directory, identity.tenantId, tenant.id));
      await context.sendActivity(cardReply(customerPickerCard(t, tenants), t('bot:helpdesk.title')));
      return;
    }
    await this.deps.mainDialog.run(context);
  }

  /** Local development: the demo identity card, and its answer. */
  private async pickIdentity(context: TurnContext, profile: UserProfile, lng: Language): Promise<void> {
    const t = translator(lng);
    setSession(context, { lng, t });
    const personas = await this.personas(t);
    const submission = parseSubmission(context.activity.value);
    if (submission.kind === 'valid' && submission.submission.verb === 'identity.pick') {
      const [tenantId, userId] = submission.submission.identity.split('|') as [string, string];
      const persona = personas.find((p) => p.tenantId === tenantId && p.userId === userId);
      if (persona) {
        profile.devIdentity = { tenantId, userId };
        delete profile.guidingTenantId;
        await this.deps.state.profile.set(context, profile);
        await context.sendActivity(textReply(t('bot:identity.picked', { name: persona.displayName, tenant: persona.tenantName })));
        context.activity.value = undefined;
        context.activity.text = '';
        await this.handleMessage(context);
        return;
      }
    }
    // A press with nobody picked gets the card's own words for it, then the card again.
    if (submission.kind === 'incomplete' && submission.verb === 'identity.pick') await context.sendActivity(textReply(t('bot:identity.required')));
    else if (submission.kind !== 'none') await context.sendActivity(textReply(t('bot:errors.badSubmission')));
    // The picker is shown once (on joining): a greeting after it points back to it, unless the language changed since.
    const shown = this.pickerShown.get(context);
    if (submission.kind === 'none' && (await shown) === lng) {
      await context.sendActivity(textReply(t('bot:identity.pickAbove')));
      return;
    }
    await this.pickerShown.set(context, lng);
    await context.sendActivity(cardReply(identityPickerCard(t, personas), t('bot:identity.title')));
  }

  private async personas(t: Session['t']): Promise<Persona[]> {
    const personas: Persona[] = [];
    for (const { id } of await this.deps.directory.list()) {
      const tenant = this.deps.directory.find(id)!;
      const snapshot = await tenant.gateway.readSnapshot();
      for (const user of demoPersonas(snapshot)) {
        personas.push({ tenantId: id, tenantName: tenant.name, userId: user.id, displayName: user.displayName, roleNames: roleNames(user.roles, t), group: personaGroup(user.roles) });
      }
    }
    return personas;
  }
}

/** What an access refusal's audit line says about who asked: the channel, and the tenant the activity claims (ids only). */
function refusalFields(context: TurnContext): Record<string, unknown> {
  const tenantId = teamsTenantId(context.activity);
  return { channelId: context.activity.channelId, ...(tenantId ? { tenantId: tenantId.slice(0, 64) } : {}) };
}

/** The error, or what it wraps (botbuilder-dialogs wraps a step's error in a DialogContextError), if it is a `type`. */
function causeOf<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof type) return current;
    current = (current as { error?: unknown; cause?: unknown }).error ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The turn's session if one was opened (a refusal can come before). */
function peekSession(context: TurnContext): Partial<Session> {
  try {
    return getSession(context);
  } catch {
    return {};
  }
}

function isCardAction(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === CARD_ACTION_INVOKE;
}
