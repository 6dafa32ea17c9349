import type { Dialog } from 'botbuilder-dialogs';
import { demoPace } from '../domain/demo-pace';
import type { Flow } from '../cards/submissions';
import { MainDialog } from '../dialogs/main-dialog';
import { createFlows } from '../dialogs/flows';
import type { BotConfig } from './config';
import type { Logger } from './logger';
import { PlanSwitchBot } from './plan-switch-bot';
import { DEFAULT_CHANGE_LIMITS } from './security/change-limits';
import { createBotState } from './state';
import { openStores, type Stores } from './storage/stores';
import { ProactiveNotifier, type ContinueConversation } from './switching/proactive-notifier';
import { SwitchConfirmations } from './switching/switch-confirmations';
import { SwitchService } from './switching/switch-service';
import { UndeliveredNotices } from './switching/undelivered-notices';
import { openDirectory } from './tenants/open-directory';
import { PlanWatcher } from './watching/plan-watcher';
import { forgetStanding } from '../dialogs/shared/standing-cards';
import type { TenantDirectory } from '../conversation/tenant-directory';

export interface BotParts {
  bot: PlanSwitchBot;
  switching: SwitchService;
  directory: TenantDirectory;
  stores: Stores;
  /** Switch outcomes waiting for the person's next turn in a conversation they could not reach. */
  undelivered: UndeliveredNotices;
  /** Plan changes bought in the admin centre, watched until they are done. */
  watcher: PlanWatcher;
}

/** Wires the bot from its configuration; the transport (adapter, server) is the caller's. */
export async function composeBot(config: BotConfig, logger: Logger, continueConversation: ContinueConversation): Promise<BotParts> {
  const stores = await openStores(config, logger);
  const directory = await openDirectory(config, stores.tenants);
  const state = createBotState(stores.storage);
  const undelivered = new UndeliveredNotices(stores.storage);
  await undelivered.load();
  const notifier = new ProactiveNotifier(stores.conversations, continueConversation, logger, undelivered, async (tenantId) => directory.find(tenantId)?.gateway.readSnapshot());
  const switching = new SwitchService({
    directory,
    jobs: stores.jobs,
    confirmations: stores.confirmations,
    conversations: stores.conversations,
    notifier,
    logger,
    pace: demoPace(config.switchSpeed),
    limiter: stores.changeLimiter(config.changeLimits ?? DEFAULT_CHANGE_LIMITS),
    leases: stores.leases,
    leaseMs: config.jobLeaseMs,
    // Instances sharing the storage look for jobs a dead instance left, twice per lease time.
    ...(stores.shared ? { sweepEveryMs: config.jobLeaseMs / 2 } : {}),
  });
  const flows: Partial<Record<Flow, Dialog>> = createFlows({ switching, directory });
  const mainDialog = new MainDialog(state, flows);
  const watcher = new PlanWatcher({
    store: stores.watches,
    directory,
    switching,
    continueConversation,
    logger,
    pollMs: config.planWatch?.pollMs ?? 300_000,
    giveUpMs: config.planWatch?.giveUpMs ?? 72 * 3_600_000,
  });
  const bot = new PlanSwitchBot({ config, state, directory, logger, mainDialog, confirmations: new SwitchConfirmations(switching, (context) => forgetStanding(context, state.dialogState)), watcher });
  if (config.partner) {
    const { connectionName, baseUrl, ca, pollMs, config: partnerConfig, graphBaseUrl } = config.partner;
    // Partner Center's code, and the Graph and identity packages it uses, load only when the helpdesk is configured.
    const { PartnerHelpdesk } = await import('./partner/partner-helpdesk');
    bot.helpdesk = new PartnerHelpdesk({ conversationState: state.conversationState, storage: stores.storage, connectionName, baseUrl, continueConversation, pollMs, logger, ...(ca ? { ca } : {}), ...(partnerConfig.credential ? { onBehalfOf: { config: partnerConfig, graphBaseUrl } } : {}) });
  }
  return { bot, switching, directory, stores, undelivered, watcher };
}
