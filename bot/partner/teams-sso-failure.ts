import type { TurnContext } from 'botbuilder-core';
import type { Language } from '../../i18n/languages';
import { partnerWords } from '../../i18n/partner-describe';
import { textReply } from '../../dialogs/shared/replies';

// Teams sends `signin/failure` when its own single sign-on for the OAuth card did not work (a token
// exchange URL that does not match the app registration's Application ID URI, an app not installed for
// the person, ...). Unanswered, the person sees nothing at all and the sign-in never ends; so the agent
// is told what to do, the code is logged for whoever set the bot up, and the invoke is answered 200.
// https://microsoft.github.io/teams-sdk/teams/user-authentication/troubleshooting-sso

export const SIGNIN_FAILURE = 'signin/failure';

/** Teams' failure codes are short lower-case words (resourcematchfailed, installedappnotfound, ...): anything else is not repeated. */
function failureCode(value: unknown): string {
  const code = (value as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[a-z]{1,40}$/.test(code) ? code : 'unknown';
}

export async function answerTeamsSsoFailure(context: TurnContext, lng: Language, logger: { warn(event: string, fields: Record<string, unknown>): void } | undefined): Promise<void> {
  const code = failureCode(context.activity.value);
  logger?.warn('partner.sso-failed', { code, channelId: context.activity.channelId });
  await context.sendActivity(textReply(partnerWords(lng)('bot.signIn.ssoFailed', { code })));
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
}
