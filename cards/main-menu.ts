import type { TFunction } from 'i18next';
import { FLOWS, type Flow } from './submissions';
import { renderCard, type AdaptiveCard } from './render';

export interface MenuContext {
  tenantName?: string;
  userName?: string;
  roleNames?: string;
  /** Helpdesk agents see what they can check and explain; flows that change something are left out. */
  flows?: readonly Flow[];
}

export function mainMenuCard(t: TFunction, context: MenuContext): AdaptiveCard {
  const facts = [
    context.tenantName ? { label: t('bot:menu.tenant'), value: context.tenantName } : undefined,
    context.userName ? { label: t('bot:menu.you'), value: context.roleNames ? `${context.userName} (${context.roleNames})` : context.userName } : undefined,
  ].filter((f): f is { label: string; value: string } => f !== undefined);
  return renderCard('main-menu', {
    title: t('bot:menu.title'),
    intro: t('bot:menu.intro'),
    hasContext: facts.length > 0,
    context: facts,
    items: (context.flows ?? FLOWS).map((flow) => ({ flow, title: t(`bot:menu.flows.${flow}`) })),
  });
}
