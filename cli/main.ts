import { parseArgs, type Command } from './args';
import { checkCommand } from './commands/check';
import type { CommandContext, CommandResult } from './commands/context';
import { moveCommand } from './commands/move';
import { isPartnerInvocation, partnerMain } from './commands/partner';
import { plansCommand } from './commands/plans';
import { snapshotCommand } from './commands/snapshot';
import { parseTenantsArgs, runTenants } from './commands/tenants';
import { errorLine } from './error-line';
import { EXIT_ANSWER, EXIT_BAD_INPUT, EXIT_FAILURE } from './errors';
import type { CliIo } from './io';
import { renderUsage } from './usage';
import { cliWords } from './words';

// `plan-switch`: parse the arguments, run one command, print its answer on standard output or
// one line of bad input on standard error. Returns the exit status instead of exiting, so tests
// can call it in-process.

export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  if (isPartnerInvocation(argv)) return partnerMain(argv, { stdout, stderr, env });

  // `tenants list|remove ID` takes words after the command, which the other commands' parser refuses.
  const tenants = parseTenantsArgs(argv);
  if (tenants) return runTenants(tenants, { stdout, stderr, env });

  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    stderr.write(`${errorLine({ kind: 'args', error: parsed.error.error }, parsed.error.lang)}\n`);
    return EXIT_BAD_INPUT;
  }
  const { command, lang, json } = parsed.value;
  const context: CommandContext = { lang, json, env, warn: (line) => stderr.write(`${line.replace(/\s*[\r\n]+\s*/g, ' ')}\n`) };
  try {
    const result = await run(command, context);
    if (!result.ok) {
      stderr.write(`${errorLine(result.error, lang)}\n`);
      return EXIT_BAD_INPUT;
    }
    stdout.write(result.value);
    return EXIT_ANSWER;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`${cliWords(lang).say('errors.unexpected', { message }).replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
    return EXIT_FAILURE;
  }
}

function run(command: Command, context: CommandContext): CommandResult | Promise<CommandResult> {
  switch (command.name) {
    case 'help':
      return { ok: true, value: renderUsage(context.lang) };
    case 'plans':
      return plansCommand(context);
    case 'check':
      return checkCommand(command, context);
    case 'move':
      return moveCommand(command, context);
    case 'snapshot':
      return snapshotCommand(command, context);
  }
}
