import type { TFunction } from 'i18next';
import { dataServicesLost, isWizardChange, isWizardPair, type Plan } from '../../domain/catalogue';
import { backupNotice, crossFamilyNotice } from '../../domain/change-notices';
import type { Subscription, TenantSnapshot } from '../../domain/snapshot/schema';
import type { BackupCardInput } from '../../cards/backup-card';
import { subscriptionName } from '../../cards/subscription-name';
import { describeFinding } from '../../i18n/describe';
import type { Language } from '../../i18n/languages';
import { organisationDomain } from '../../domain/organisation-domain';

/** The backup steps for exactly the data-related services a change from `from` to `to` loses. */
export function backupView(t: TFunction, lng: Language, snapshot: TenantSnapshot, subscription: Subscription, from: Plan, to: Plan): BackupCardInput {
  const orgDomain = organisationDomain(snapshot.tenant);
  // The older wizard keeps every user's data for the pairs of its table.
  const dataKept = isWizardChange(from, to) && isWizardPair(from.id, to.id);
  const lost = dataKept ? [] : dataServicesLost(from, to);
  const notice = describeFinding(backupNotice(from, to, { dataKept }), lng, { orgDomain });
  const crossFamily = crossFamilyNotice(from, to);
  const warnings = crossFamily ? [describeFinding(crossFamily, lng)] : [];
  return {
    title: t('backup:card.title'),
    subtitle: t('backup:card.subtitle', { from: from.name, to: to.name, id: subscriptionName(subscription, snapshot, t, lng) }),
    verdict: lost.length > 0 ? t('backup:card.verdict.lost', { count: lost.length }) : t('backup:card.verdict.nothing'),
    verdictText: [notice.explanation, notice.resolution].filter(Boolean).join(' '),
    verdictStyle: lost.length > 0 ? 'warning' : 'good',
    services: lost.map((service) => ({ name: t(`rules:services.${service}`), steps: t(`rules:backup.${service}`, { orgDomain }) })),
    warnings: warnings.map((w) => ({ title: w.title, text: [w.explanation, w.resolution].filter(Boolean).join(' ') })),
    // A plan with fewer data-related services can only be reached by a manual change.
    actions: [
      lost.length > 0 ? { title: t('backup:actions.manual'), flow: 'manual' as const } : { title: t('backup:actions.changePlan'), flow: 'change-plan' as const },
      { title: t('backup:actions.billing'), flow: 'billing' as const },
    ],
  };
}
