import type { Language } from '../i18n/languages';
import { cliWords } from './words';

// `plan-switch help`: the synopsis of each command (its flags are the contract's, its
// placeholders and descriptions are words of the language).

export function renderUsage(lng: Language): string {
  const { say } = cliWords(lng);
  const m = (key: string) => say(`usage.meta.${key}`);
  const commands: [string, string][] = [
    ['plans', 'plan-switch plans'],
    ['check', `plan-switch check --tenant ${m('file')} --subscription ${m('subscription')} --to ${m('plan')} [--as ${m('upn')}]`],
    ['move', `plan-switch move --tenant ${m('file')} --from ${m('subscription')} --to ${m('subscription')} --users ${m('users')} [--as ${m('upn')}] [--apply]`],
    ['snapshot', `plan-switch snapshot --graph [--out ${m('file')}]`],
    ['help', 'plan-switch help'],
  ];
  const options: [string, string][] = [
    [`--lang ${m('language')}`, say('usage.options.lang')],
    ['--json', say('usage.options.json')],
  ];
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    say('usage.title'),
    '',
    say('usage.synopsis'),
    '',
    say('usage.commandsHeading'),
    ...commands.flatMap(([name, synopsis]) => [`  ${synopsis}`, `      ${say(`usage.commands.${name}`)}`]),
    '',
    say('usage.optionsHeading'),
    ...options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    say('usage.exitStatus'),
    '',
  ].join('\n');
}
