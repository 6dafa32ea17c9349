import type { Language } from '../../i18n/languages';
import { partnerWords } from './partner-session';

// The `plan-switch help` lines of the partner commands (their flags are the contract's).

export function partnerUsage(lng: Language): string[] {
  const say = partnerWords(lng);
  const m = (key: string) => say(`cli.usage.meta.${key}`);
  const lines: [string, string][] = [
    ['customers', `plan-switch partner customers [--search ${m('text')}]`],
    ['check', `plan-switch partner check --customer ${m('customer')} --subscription ${m('subscription')} [--to ${m('plan')}] [--graph]`],
    ['transition', `plan-switch partner transition --customer ${m('customer')} --subscription ${m('subscription')} --to ${m('item')} --quantity ${m('count')} [--licence-transfer] [--apply]`],
  ];
  return ['', say('cli.usage.heading'), ...lines.flatMap(([name, synopsis]) => [`  ${synopsis}`, `      ${say(`cli.usage.${name}`)}`])];
}
