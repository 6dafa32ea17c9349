import type { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { DialogSet } from './shared/dialog-classes';
import { StepsDialog, type Step } from './shared/steps-dialog';
import type { TurnContext } from 'botbuilder';
import { mainMenuCard } from '../cards/main-menu';
import { FLOWS, parseSubmission, type Flow, type Submission } from '../cards/submissions';
import { isHelpdeskAgent, mayExecute } from '../conversation/identity';
import { getSession } from '../conversation/session';
import type { DialogsState } from './dialogs-state';
import { CARD_PROMPT, CardPrompt, promptCard } from './shared/card-prompt';
import { asksForLanguage, interrupt } from './shared/interruptions';
import { PickSubscriptionAndPlanDialog } from './shared/pick-subscription-and-plan';
import { useShownCards } from './shared/shown-cards';
import { takeStanding } from './shared/standing-cards';
import { flowFromText } from './shared/text-meanings';
import { cardReply } from './shared/replies';
import { roleNames } from './shared/words';
import { allowedRoles, type Action } from '../domain/roles';
import { wordsFor } from '../i18n/words';

/** The turn-state key botbuilder-dialogs' DialogStateManager reads its configuration from. */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';
const MENU = 'main.menu';

/** Flows a helpdesk agent may open: they check and explain, never execute. */
const ADVISORY_FLOWS: readonly Flow[] = ['change-plan', 'diagnose', 'manual', 'backup', 'billing', 'status'];

/** What a flow does, so that a refusal names the roles that may do it (domain-rules.md section 6). */
function actionOf(flow: Flow, context: TurnContext): Action {
  if (flow === 'move-users') return { kind: 'assign-licences' };
  return { kind: 'change-plan', billingAccountType: getSession(context).snapshot?.tenant.billingAccountType ?? 'MOSA' };
}

/**
 * The menu and the flows behind it, in one dialog set: each flow is a waterfall registered under the
 * flow's name, beside the card prompt and the subscription-and-plan pick they share. Before a waiting
 * dialog sees a message, help, cancel, start over and a change of language are caught.
 */
export class MainDialog {
  private readonly dialogs: DialogSet;
  /**
   * botbuilder-dialogs builds its memory-scope configuration once per turn (a service collection, a
   * dependency graph, zod checks); it holds no turn's data, so the first turn's is kept for the rest.
   */
  private memoryConfiguration: unknown;

  constructor(
    private readonly state: DialogsState,
    flows: Partial<Record<Flow, Dialog>>,
  ) {
    this.dialogs = new DialogSet(state.dialogState);
    this.dialogs.add(new CardPrompt(CARD_PROMPT));
    this.dialogs.add(new PickSubscriptionAndPlanDialog());
    for (const dialog of Object.values(flows)) if (dialog) this.dialogs.add(dialog);
    this.dialogs.add(new StepsDialog(MENU, [this.chooseFlowStep.bind(this), this.runFlowStep.bind(this)]));
  }

  /** Runs the dialog stack for one turn, starting the menu when nothing is active. */
  async run(context: TurnContext): Promise<void> {
    useShownCards(context, this.state.shownCards);
    if (this.memoryConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.memoryConfiguration);
    const dc = await this.dialogs.createContext(context);
    await takeStanding(context, this.state.dialogState);
    this.memoryConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION);
    // A conversation stored by a version of the bot with other dialogs starts again at the menu.
    if (dc.stack.some((instance) => !this.dialogs.find(instance.id))) dc.stack.splice(0, dc.stack.length);
    const active = dc.activeDialog;
    if (!active) {
      // Between flows a language's name changes the language too: said, then the menu in it.
      if (asksForLanguage(context.activity) && (await interrupt(dc, this.state, this.showMenu))) return;
      await dc.beginDialog(MENU);
      return;
    }
    if (await interrupt(dc, this.state, this.showMenu)) return;
    // What dc.continueDialog() does, less announcing the message as an `activityReceived` event first:
    // no dialog here listens for it, and announcing it walks the stack through four awaits.
    await this.dialogs.find(active.id)!.continueDialog(dc);
  }

  private readonly showMenu = (dc: DialogContext, flow?: Flow): Promise<DialogTurnResult> => dc.beginDialog(MENU, flow ? { flow } : undefined);

  private async chooseFlowStep(step: Step): Promise<DialogTurnResult> {
    // The message that started the menu may already say where to go: a menu button or a keyword.
    const restart = (step.options as { flow?: Flow } | undefined)?.flow;
    if (restart) return step.next({ verb: 'menu.open', flow: restart } satisfies Submission);
    const asked = flowAskedFor(step.context);
    if (asked) return step.next(asked);
    const { t, identity, tenant } = getSession(step.context);
    // A press on a card of a flow that has ended: say so, then offer the menu.
    if (step.context.activity.value !== undefined) await step.context.sendActivity(t('bot:errors.staleCard'));
    const card = mainMenuCard(t, {
      tenantName: tenant?.name,
      userName: identity?.displayName,
      roleNames: identity ? roleNames(identity.roles, t) : undefined,
      flows: availableFlows(step.context),
    });
    return promptCard(step, { prompt: cardReply(card, t('bot:menu.title')), verbs: ['menu.open'], text: { kind: 'flow' } });
  }

  private async runFlowStep(step: Step): Promise<DialogTurnResult> {
    const flow = (step.result as Submission & { verb: 'menu.open' }).flow;
    const { t, lng } = getSession(step.context);
    if (!availableFlows(step.context).includes(flow) || !this.dialogs.find(flow)) {
      const roles = allowedRoles(actionOf(flow, step.context));
      await step.context.sendActivity(t('bot:errors.roleRequired', { count: roles.length, roles: wordsFor(lng).roles(roles) }));
      return step.endDialog();
    }
    return step.beginDialog(flow);
  }
}

function availableFlows(context: TurnContext): readonly Flow[] {
  const { identity } = getSession(context);
  if (!identity) return [];
  if (isHelpdeskAgent(identity)) return ADVISORY_FLOWS;
  return mayExecute(identity) ? FLOWS : ADVISORY_FLOWS;
}

function flowAskedFor(context: TurnContext): Submission | undefined {
  const parsed = parseSubmission(context.activity.value);
  if (parsed.kind === 'valid' && parsed.submission.verb === 'menu.open') return parsed.submission;
  const text = context.activity.text;
  return text && !context.activity.value ? flowFromText(text) : undefined;
}
