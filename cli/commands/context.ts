import type { Result } from '../../domain/result';
import type { Language } from '../../i18n/languages';
import type { CliError } from '../errors';
import type { CliIo } from '../io';

/** What every command is given: the language of its words, whether to print JSON, the environment. */
export interface CommandContext {
  lang: Language;
  json: boolean;
  env: CliIo['env'];
  /** A warning line on standard error that does not change the exit status. */
  warn?: (line: string) => void;
}

/** A command's answer (printed on standard output, exit 0) or its bad input (one line on standard error, exit 2). */
export type CommandResult = Result<string, CliError>;

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
