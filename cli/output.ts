import type { Plan } from '../domain/catalogue';
import { findPlan } from '../domain/catalogue';
import type { CheckResult } from '../domain/eligibility';
import type { Blocker, Notice } from '../domain/findings';
import type { MovePlan } from '../domain/move-users';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import { indexTenant, licenceHolders } from '../domain/tenant-index';
import { describeFinding, type DescribeContext } from '../i18n/describe';
import { formatMoney } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { mailDomain } from '../i18n/mail-domain';
import { cliWords } from './words';
import { organisationDomain } from '../domain/organisation-domain';

// The human output of each command, in the chosen language. Every word comes from locales/.

const INDENT = '  ';

function lines(parts: (string | false | undefined)[]): string {
  return `${parts.filter((part): part is string => typeof part === 'string').join('\n')}\n`;
}

function describeContext(snapshot: TenantSnapshot): DescribeContext {
  const index = indexTenant(snapshot);
  return {
    orgDomain: organisationDomain(snapshot.tenant),
    userName: (id) => index.usersById.get(id)?.displayName ?? id,
  };
}

function planName(planId: string): string {
  return findPlan(planId)?.name ?? planId;
}

/** Blockers, then notices: title, explanation, what to do, and any detail lines. */
function renderFindings(blockers: Blocker[], notices: Notice[], lng: Language, context: DescribeContext): string[] {
  const { say } = cliWords(lng);
  const out: string[] = [];
  const finding = (mark: string, f: Blocker | Notice, resolutionLabel: boolean) => {
    const described = describeFinding(f, lng, context);
    out.push(`${INDENT}${mark} ${described.title}`, `${INDENT}  ${described.explanation}`);
    if (described.resolution) out.push(`${INDENT}  ${resolutionLabel ? say('findings.whatToDo', { resolution: described.resolution }) : described.resolution}`);
    for (const detail of described.details) out.push(`${INDENT}    - ${detail}`);
  };
  if (blockers.length > 0) {
    out.push('', say('findings.blockers', { count: blockers.length }));
    for (const blocker of blockers) finding('✗', blocker, true);
  }
  if (notices.length > 0) {
    out.push('', say('findings.notices'));
    for (const notice of notices) finding('•', notice, false);
  }
  return out;
}

export function renderPlans(plans: readonly Plan[], lng: Language): string {
  const { say } = cliWords(lng);
  const idWidth = Math.max(...plans.map((plan) => plan.id.length));
  const nameWidth = Math.max(...plans.map((plan) => plan.name.length));
  const row = (plan: Plan) => {
    const price = say('plans.price', { price: formatMoney({ minor: plan.listPriceUsdCents, currency: 'USD' }, lng) });
    return `${INDENT}${plan.id.padEnd(idWidth)}  ${plan.name.padEnd(nameWidth)}  ${price}`;
  };
  const header = `${INDENT}${say('plans.columns.id').padEnd(idWidth)}  ${say('plans.columns.name').padEnd(nameWidth)}  ${say('plans.columns.price')}`;
  return lines([
    say('plans.title'),
    '',
    header,
    say('plans.current'),
    ...plans.filter((plan) => plan.generation === 'current').map(row),
    '',
    say('plans.legacy'),
    ...plans.filter((plan) => plan.generation === 'legacy').map(row),
  ]);
}

export function renderCheck(snapshot: TenantSnapshot, result: CheckResult, lng: Language, asUpn?: string): string {
  const { say, rules } = cliWords(lng);
  const users = licenceHolders(indexTenant(snapshot), result.subscriptionId).length;
  const manual = result.path === 'manual';
  const verdict = manual
    ? say('check.verdict.manual')
    : result.blockers.length > 0
      ? say('check.verdict.blocked', { count: result.blockers.length })
      : say('check.verdict.ready');
  const steps = manual
    ? ['', say('findings.manualSteps'), ...[1, 2, 3, 4].flatMap((n) => [`${INDENT}${rules(`manualSteps.step${n}.title`)}`, `${INDENT}  ${rules(`manualSteps.step${n}.text`, { domain: mailDomain(snapshot.tenant.domains) })}`])]
    : [];
  if (manual && snapshot.tenant.billingAccountType === 'MCA') steps.push(`${INDENT}${rules('manualSteps.mcaNote')}`);
  // The 24 hours to appear are the older (Office 365) article's, said of an older plan removed first.
  if (manual && findPlan(result.fromPlan)?.generation === 'legacy') steps.push(`${INDENT}${rules('manualSteps.appearNote')}`);
  return lines([
    say('check.tenant', { name: snapshot.tenant.name, id: snapshot.tenant.id }),
    say('check.subscription', { id: result.subscriptionId, from: planName(result.fromPlan), to: planName(result.toPlan) }),
    say('check.users', { count: users }),
    asUpn !== undefined && say('check.asPerson', { upn: asUpn }),
    say('check.path', { path: rules(`paths.${result.path}.title`) }),
    `${INDENT}${rules(`paths.${result.path}.description`)}`,
    '',
    verdict,
    ...renderFindings(result.blockers, result.notices, lng, describeContext(snapshot)),
    ...steps,
  ]);
}

export interface MoveOutcome {
  apply: boolean;
  applied: boolean;
  file: string;
}

export function renderMove(snapshot: TenantSnapshot, plan: MovePlan, outcome: MoveOutcome, lng: Language): string {
  const { say, rules } = cliWords(lng);
  const index = indexTenant(snapshot);
  const subscriptionPlan = (id: string) => planName(index.subscriptionsById.get(id)?.planId ?? id);
  const replacements = plan.replacements.map((replacement) => {
    const user = index.usersById.get(replacement.userId);
    return `${INDENT}• ${say('move.replacement', {
      name: user?.displayName ?? replacement.userId,
      upn: user?.upn ?? replacement.userId,
      from: replacement.removeSubscriptionId,
      to: replacement.addSubscriptionId,
    })}`;
  });
  const verdicts = outcome.applied
    ? [say('move.verdict.applied', { file: outcome.file })]
    : plan.canApply
      ? [say('move.verdict.ready')]
      : [say('move.verdict.blocked', { count: plan.blockers.length }), outcome.apply ? say('move.verdict.notApplied', { file: outcome.file }) : undefined];
  return lines([
    say('check.tenant', { name: snapshot.tenant.name, id: snapshot.tenant.id }),
    say('move.title', {
      count: plan.replacements.length,
      from: plan.fromSubscriptionId,
      fromPlan: subscriptionPlan(plan.fromSubscriptionId),
      to: plan.toSubscriptionId,
      toPlan: subscriptionPlan(plan.toSubscriptionId),
    }),
    `${INDENT}${rules('paths.move-users.description')}`,
    plan.licenseCount !== undefined && `${INDENT}${say('move.licencesMoved', { count: plan.licenseCount, from: plan.fromSubscriptionId, to: plan.toSubscriptionId })}`,
    ...replacements,
    ...renderFindings(plan.blockers, plan.notices, lng, describeContext(snapshot)),
    '',
    ...verdicts,
  ]);
}
