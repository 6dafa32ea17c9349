import { describeFinding, describeSnapshotIssue } from '../i18n/describe';
import { formatList } from '../i18n/format';
import { LANGUAGES, type Language } from '../i18n/languages';
import { GRAPH_READ_PERMISSIONS } from '../graph/permissions';
import { COMMANDS, flagsOf, type ArgError, type CommandName } from './args';
import type { CliError } from './errors';
import { cliWords, type Say } from './words';

// Bad input as exactly one line: it names the argument or field, and says what was expected.

/** What a flag expects, as a key under `expected` of cli.json. */
function expectedKey(flag: string, command?: CommandName): string {
  switch (flag) {
    case '--tenant':
      return 'file';
    case '--subscription':
    case '--to-subscription':
    case '--from':
      return 'subscription';
    case '--to':
      return command === 'move' ? 'subscription' : 'plan';
    case '--as':
      return 'upn';
    case '--users':
      return 'users';
    case '--count':
      return 'licenseCount';
    case '--out':
      return 'outFile';
    case '--graph':
      return 'graph';
    default:
      return 'language';
  }
}

function argLine(error: ArgError, say: Say, lng: Language): string {
  const commands = formatList([...COMMANDS], lng, 'disjunction');
  const languages = formatList([...LANGUAGES], lng, 'disjunction');
  const expected = (flag: string, command?: CommandName) => say(`expected.${expectedKey(flag, command)}`, { languages });
  switch (error.code) {
    case 'MISSING_COMMAND':
      return say('errors.missingCommand', { commands });
    case 'UNKNOWN_COMMAND':
      return say('errors.unknownCommand', { command: error.command, commands });
    case 'UNKNOWN_FLAG':
      return say('errors.unknownFlag', { flag: error.flag, command: error.command, flags: formatList(flagsOf(error.command), lng, 'disjunction') });
    case 'MISSING_VALUE':
      return say('errors.missingValue', { flag: error.flag, expected: expected(error.flag) });
    case 'UNEXPECTED_VALUE':
      return say('errors.unexpectedValue', { flag: error.flag });
    case 'DUPLICATE_FLAG':
      return say('errors.duplicateFlag', { flag: error.flag });
    case 'MISSING_FLAG':
      return say('errors.missingFlag', { flag: error.flag, command: error.command, expected: expected(error.flag, error.command) });
    case 'UNEXPECTED_ARGUMENT':
      return say('errors.unexpectedArgument', { argument: error.argument });
    case 'BAD_LANG':
      return say('errors.badLang', { value: error.value, languages });
    case 'BAD_USERS':
      return say('errors.badUsers', { value: error.value });
    case 'BAD_COUNT':
      return say('errors.badCount', { value: error.value, expected: expected('--count') });
  }
}

/** Expected values for an id the rules turned down; a short list of the ids that exist when there are few. */
function inputExpected(error: Extract<CliError, { kind: 'input' }>, say: Say, lng: Language): string {
  const known = error.known && error.known.length > 0 && error.known.length <= 12 ? formatList(error.known, lng, 'disjunction') : undefined;
  switch (error.error.code) {
    case 'UNKNOWN_SUBSCRIPTION':
      return known ? say('expected.subscriptionOf', { ids: known }) : say('expected.subscription');
    case 'UNKNOWN_PLAN':
      return say('expected.plan');
    case 'UNKNOWN_USER':
      return say('expected.userOf');
    case 'SAME_PLAN':
      return say('expected.otherPlan');
    case 'SAME_SUBSCRIPTION':
      return say('expected.otherSubscription');
    case 'NO_USERS_CHOSEN':
      return say('expected.users');
    case 'INVALID_LICENSE_COUNT':
      return error.error.max === undefined ? say('expected.licenseCount') : say('expected.licenseCountAtMost', { highest: error.error.max });
    case 'LICENSE_COUNT_NEEDS_MCA':
      return say('expected.noCount');
    case 'SUBSCRIPTION_PLAN_MISMATCH':
      return say('expected.subscriptionOfPlan', { plan: error.error.planId });
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function errorLine(error: CliError, lng: Language): string {
  const { say } = cliWords(lng);
  switch (error.kind) {
    case 'args':
      return oneLine(argLine(error.error, say, lng));
    case 'tenant-unreadable':
      return oneLine(say('errors.tenantUnreadable', { file: error.file, reason: say(`errors.reasons.${error.reason}`) }));
    case 'tenant-invalid': {
      const [first, ...rest] = error.issues;
      const issue = first ? describeSnapshotIssue(first, lng) : '';
      if (rest.length === 0) return oneLine(say('errors.tenantInvalid', { file: error.file, issue }));
      return oneLine(say('errors.tenantInvalidMore', { file: error.file, issue, count: rest.length }));
    }
    case 'input': {
      const described = describeFinding(error.error, lng);
      return oneLine(say('errors.input', { flag: error.flag, value: error.value, explanation: described.explanation, expected: inputExpected(error, say, lng) }));
    }
    case 'graph-settings-missing':
      return oneLine(say('snapshot.graphMissing', { count: error.variables.length, variables: formatList(error.variables, lng) }));
    case 'graph-setting-invalid':
      return oneLine(say('snapshot.graphInvalid', { variable: error.variable, expected: say(`snapshot.graphExpected.${error.expected}`) }));
    case 'graph-auth-failed':
      return oneLine(say('snapshot.authFailed', { reason: error.reason }));
    case 'graph-request-failed': {
      const permission = error.status === 401 || error.status === 403;
      const hint = permission ? say('snapshot.hints.permission', { permissions: formatList([...GRAPH_READ_PERMISSIONS], lng) }) : say('snapshot.hints.later');
      return oneLine(say('snapshot.requestFailed', { method: error.method, path: error.path, status: error.status, code: error.code ?? '', hint }));
    }
    case 'graph-unreachable':
      return oneLine(say('snapshot.unreachable', { url: error.url, reason: error.reason }));
    case 'settings-unreadable':
      return oneLine(say('snapshot.settingsUnreadable', { file: error.file, reason: say(`errors.reasons.${error.reason}`) }));
    case 'settings-not-json':
      return oneLine(say('snapshot.settingsNotJson', { file: error.file }));
    case 'settings-invalid':
      return oneLine(say('snapshot.settingsInvalid', { file: error.file, path: error.path }));
    case 'option-invalid': {
      const expected = error.values ? say('snapshot.oneOf', { values: formatList([...error.values], lng, 'disjunction') }) : say('snapshot.currency');
      return oneLine(say('snapshot.badOption', { flag: error.flag, value: error.value, expected }));
    }
    case 'out-unwritable':
      return oneLine(say('snapshot.outUnwritable', { file: error.file, reason: error.reason }));
  }
}
