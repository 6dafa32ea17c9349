import type { Language } from '../i18n/languages';
import { tenantsUsage } from './commands/tenants';
import { partnerUsage } from './commands/partner-usage';
import { cliWords } from './words';

// `plan-switch help`: the synopsis of each command (its flags are the contract's, its
// placeholders and descriptions are words of the language).

export function renderUsage(lng: Language): string {
  const { say } = cliWords(lng);
  const m = (key: string) => say(`usage.meta.${key}`);
  const commands: [string, string][] = [
    ['plans', 'plan-switch plans'],
    ['check', `plan-switch check --tenant ${m('file')} --subscription ${m('subscription')} --to ${m('plan')} [--as ${m('upn')}] [--count N] [--to-subscription ${m('subscription')}]`],
    ['move', `plan-switch move --tenant ${m('file')} --from ${m('subscription')} --to ${m('subscription')} --users ${m('users')} [--as ${m('upn')}] [--count N] [--apply]`],
    [
      'snapshot',
      `plan-switch snapshot --graph [--out ${m('file')}] [--settings ${m('file')}] [--billing-account MCA|MOSA] [--payment-method credit-card|invoice|prepaid-product-key] [--billing-frequency monthly|annual] [--currency ${m('code')}] [--segment commercial|government|nonprofit|education]`,
    ],
    ['help', 'plan-switch help'],
  ];
  const options: [string, string][] = [
    [`--lang ${m('language')}`, say('usage.options.lang')],
    ['--json', say('usage.options.json')],
  ];
  const width = Math.max(...options.map(([flag]) => flag.length));
  const s = (key: string) => say(`usage.snapshotOptions.${key}`);
  const snapshotOptions: [string, string][] = [
    [`--settings ${m('file')}`, s('settings')],
    ['--billing-account', s('billingAccount')],
    ['--payment-method', s('paymentMethod')],
    ['--billing-frequency', s('billingFrequency')],
    [`--currency ${m('code')}`, s('currency')],
    ['--segment', s('segment')],
  ];
  const snapshotWidth = Math.max(...snapshotOptions.map(([flag]) => flag.length));
  return [
    say('usage.title'),
    '',
    say('usage.synopsis'),
    '',
    say('usage.commandsHeading'),
    ...commands.flatMap(([name, synopsis]) => [`  ${synopsis}`, `      ${say(`usage.commands.${name}`)}`]),
    ...tenantsUsage(lng),
    ...partnerUsage(lng),
    '',
    say('usage.optionsHeading'),
    ...options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    `  ${say('usage.countOption')}`,
    `  ${say('usage.toSubscriptionOption')}`,
    '',
    say('usage.snapshotHeading'),
    ...snapshotOptions.map(([flag, text]) => `  ${flag.padEnd(snapshotWidth)}  ${text}`),
    `  ${s('rest')}`,
    '',
    say('usage.exitStatus'),
    '',
  ].join('\n');
}
