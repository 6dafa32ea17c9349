import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import { jobUsers, progress, type SwitchJob } from '../../domain/switch-job';
import { alsoChangedSummary, membersUnreadSummary, moveCounts, notMovedSummary, peopleOf } from '../../conversation/move-result';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { subscriptionNameById } from '../../cards/subscription-name';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { interruptedLines } from '../../conversation/switch-messages';
import { JOB_ERRORS } from '../../domain/switch-errors';
import { formatNumber } from '../../i18n/format';
import type { Language } from '../../i18n/languages';

const planName = (id?: string) => (id ? (findPlan(id)?.name ?? id) : '');

/**
 * Switches the card shows, newest first. Teams refuses a message over about 28 KB and a switch takes
 * up to 900 bytes (a failed one in Polish), so an organisation that has switched for years still gets
 * a card; the newest are the ones being asked about.
 */
export const SHOWN_SWITCHES = 10;

/** The switches of a tenant, newest first, each with its step and how many users have moved. */
export function switchStatusCard(t: TFunction, lng: Language, jobs: readonly SwitchJob[], snapshot?: TenantSnapshot): AdaptiveCard {
  // Subscriptions by their plan's name where the tenant is at hand; their ids otherwise.
  const subscription = (id: string) => (snapshot ? subscriptionNameById(id, snapshot, t, lng) : id);
  const people = peopleOf(snapshot);
  const when = new Intl.DateTimeFormat(lng === 'en' ? 'en-US' : lng === 'sv' ? 'sv-SE' : lng === 'nb' ? 'nb-NO' : 'pl-PL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return renderCard('switch-status', {
    title: t('status:title'),
    empty: t('status:empty'),
    refresh: t('status:refresh'),
    more: jobs.length > SHOWN_SWITCHES ? t('status:recent', { shown: formatNumber(SHOWN_SWITCHES, lng), count: jobs.length, total: formatNumber(jobs.length, lng) }) : '',
    jobs: [...jobs].reverse().slice(0, SHOWN_SWITCHES).map((job) => {
      const p = progress(job);
      const heading =
        job.kind === 'automatic-change'
          ? t('status:heading.automatic', { from: planName(job.fromPlan), to: planName(job.toPlan) })
          : t('status:heading.move', { count: jobUsers(job), subscription: job.toSubscriptionId ? subscription(job.toSubscriptionId) : '' });
      const facts = [
        { label: t('status:facts.state'), value: t(`status:states.${job.step}`) },
        // A move that went past users it could not move says how many moved and why the others did not,
        // instead of a progress line that would count them as done.
        ...(job.kind === 'move-users' && moveCounts(job).notMoved.length > 0
          ? []
          : [{ label: t('status:facts.progress'), value: t('status:progress', { percent: p.percent, done: formatNumber(p.done, lng), total: formatNumber(p.total, lng), count: p.total }) }]),
        ...(job.kind === 'move-users' && moveCounts(job).notMoved.length > 0
          ? [
              { label: t('moveResult:status.movedLabel'), value: t('moveResult:status.moved', { moved: moveCounts(job).moved, count: jobUsers(job) }) },
              { label: t('moveResult:status.notMovedLabel'), value: notMovedSummary(t, job) },
            ]
          : []),
        // Group members nobody chose, as the result message names them, so the counts here match it.
        ...(job.kind === 'move-users' && (job.alsoChanged ?? []).length > 0 ? [{ label: t('moveResult:status.alsoLabel'), value: alsoChangedSummary(t, job) }] : []),
        ...(job.kind === 'move-users' && (job.membersUnread ?? []).length > 0 ? [{ label: t('moveResult:status.unreadLabel'), value: membersUnreadSummary(t, job, people) }] : []),
        { label: t('status:facts.subscription'), value: subscription(job.subscriptionId) },
        { label: t('status:facts.started'), value: `${when.format(new Date(job.createdAt))} UTC` },
        ...(job.error ? [{ label: t('status:facts.error'), value: job.cause ? `${job.error} (${job.cause})` : job.error }] : []),
        ...(job.error === JOB_ERRORS.interrupted || job.error === JOB_ERRORS.tenantCopyMissing ? [{ label: t('status:facts.outcome'), value: interruptedLines(t, job).join(' ') }] : []),
      ];
      return { heading, facts, style: job.step === 'failed' ? 'attention' : job.step === 'done' ? 'good' : 'emphasis' };
    }),
  });
}
