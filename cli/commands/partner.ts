import { formatList } from '../../i18n/format';
import { LANGUAGES } from '../../i18n/languages';
import { EXIT_ANSWER, EXIT_BAD_INPUT, EXIT_FAILURE } from '../errors';
import type { CliIo } from '../io';
import { cliWords } from '../words';
import { PARTNER_COMMANDS, parsePartnerArgs, partnerFlagsOf, type PartnerArgError, type PartnerCommand } from './partner-args';
import { partnerCheckCommand } from './partner-check';
import { partnerCustomersCommand } from './partner-customers';
import { failureLine, partnerWords, type PartnerContext } from './partner-session';
import { partnerTransitionCommand } from './partner-transition';

export { isPartnerInvocation } from './partner-args';

// `plan-switch partner …`: a CSP helpdesk agent's commands against Partner Center. Same exit statuses
// as every command: 0 for an answer, 2 for bad input or a failed call with one line naming it.

function argLine(error: PartnerArgError, lang: PartnerContext['lang']): string {
  const say = partnerWords(lang);
  const cli = cliWords(lang).say;
  const commands = formatList([...PARTNER_COMMANDS], lang, 'disjunction');
  switch (error.code) {
    case 'MISSING_SUBCOMMAND':
      return say('cli.errors.missingSubcommand', { commands });
    case 'UNKNOWN_SUBCOMMAND':
      return say('cli.errors.unknownSubcommand', { command: error.command, commands });
    case 'UNKNOWN_FLAG':
      return say('cli.errors.unknownFlag', { flag: error.flag, command: error.command, flags: formatList(partnerFlagsOf(error.command), lang, 'disjunction') });
    case 'MISSING_FLAG':
      return say('cli.errors.missingFlag', { flag: error.flag, command: error.command });
    case 'MISSING_VALUE':
      return cli('errors.missingValue', { flag: error.flag, expected: error.flag === '--lang' ? formatList([...LANGUAGES], lang, 'disjunction') : error.flag });
    case 'UNEXPECTED_VALUE':
      return cli('errors.unexpectedValue', { flag: error.flag });
    case 'DUPLICATE_FLAG':
      return cli('errors.duplicateFlag', { flag: error.flag });
    case 'UNEXPECTED_ARGUMENT':
      return cli('errors.unexpectedArgument', { argument: error.argument });
    case 'BAD_LANG':
      return cli('errors.badLang', { value: error.value, languages: formatList([...LANGUAGES], lang, 'disjunction') });
  }
}

function run(command: PartnerCommand, context: PartnerContext): Promise<string> {
  switch (command.name) {
    case 'customers':
      return partnerCustomersCommand(command, context);
    case 'check':
      return partnerCheckCommand(command, context);
    case 'transition':
      return partnerTransitionCommand(command, context);
  }
}

export async function partnerMain(argv: readonly string[], io: CliIo): Promise<number> {
  const oneLine = (line: string) => `${line.replace(/\s*[\r\n]+\s*/g, ' ')}\n`;
  const parsed = parsePartnerArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(oneLine(argLine(parsed.error.error, parsed.error.lang)));
    return EXIT_BAD_INPUT;
  }
  const { command, lang, json } = parsed.value;
  const context: PartnerContext = { lang, json, env: io.env, warn: (line) => io.stderr.write(oneLine(line)) };
  try {
    io.stdout.write(await run(command, context));
    return EXIT_ANSWER;
  } catch (error) {
    const line = failureLine(error, lang);
    if (line !== undefined) {
      io.stderr.write(oneLine(line));
      return EXIT_BAD_INPUT;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(oneLine(cliWords(lang).say('errors.unexpected', { message })));
    return EXIT_FAILURE;
  }
}
