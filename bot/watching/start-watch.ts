import { TurnContext } from 'botbuilder-core';
import type { SubmissionOf } from '../../cards/submissions';
import { findPlan } from '../../domain/catalogue';
import { textReply } from '../../dialogs/shared/replies';
import { formatDate } from '../../i18n/format';
import { mayExecute } from '../../conversation/identity';
import type { Session } from '../../conversation/session';
import type { PlanWatcher } from './plan-watcher';

/** The "Watch for the new plan" button: an administrator of the tenant itself starts a watch, and hears what it will do. */
export async function startWatch(context: TurnContext, session: Session, submission: SubmissionOf<'watch.start'>, watcher: PlanWatcher): Promise<void> {
  const { t, lng, identity, tenant, snapshot } = session;
  if (!identity || !tenant || !snapshot || identity.tenantId !== tenant.id || !mayExecute(identity)) {
    await context.sendActivity(textReply(t('watch:notAllowed')));
    return;
  }
  const from = snapshot.subscriptions.find((s) => s.id === submission.subscriptionId);
  const to = findPlan(submission.planId);
  if (!from || !to || from.planId === to.id) {
    await context.sendActivity(textReply(t('bot:errors.badSubmission')));
    return;
  }
  const watch = await watcher.begin({
    identity,
    tenantId: tenant.id,
    snapshot,
    fromSubscriptionId: from.id,
    toPlan: to.id,
    lng,
    conversation: TurnContext.getConversationReference(context.activity),
  });
  const key = watch.existing ? 'watch:already' : 'watch:started';
  await context.sendActivity(
    textReply(t(key, { plan: to.name, from: findPlan(from.planId)?.name ?? from.planId, count: watch.holders.length, date: formatDate(watch.giveUpAt.slice(0, 10), lng) })),
  );
}
