import { GraphAuthError, GraphRequestError, GraphUnreachableError } from '../../graph';
import type { Language } from '../../i18n/languages';
import { partnerWords } from '../../i18n/partner-describe';
import { PartnerRequestError, PartnerSignInError, PartnerThrottledError, PartnerUnreachableError } from '../../partner';

// A failed Partner Center call as one sentence in the agent's language: never a token, never a stack.

/** The error itself: botbuilder-dialogs wraps what a dialog throws (DialogContextError.error). */
function rootOf(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5 && current instanceof Error; i++) {
    const inner = (current as { error?: unknown }).error ?? (current as { cause?: unknown }).cause;
    if (!(inner instanceof Error)) break;
    current = inner;
  }
  return current;
}

export function partnerFailureText(thrown: unknown, lng: Language): string {
  const say = partnerWords(lng);
  const error = rootOf(thrown);
  if (error instanceof PartnerRequestError) {
    if (error.mfaRequired) return say('cli.errors.mfa');
    if (error.status === 403) return say('cli.errors.forbidden', { method: error.method, path: error.path });
    return say('cli.errors.request', { status: error.status, method: error.method, path: error.path, description: error.description ?? error.code ?? '' });
  }
  if (error instanceof PartnerThrottledError) return say('cli.errors.throttled', { attempts: error.attempts, seconds: error.retryAfterSeconds });
  if (error instanceof PartnerUnreachableError) return say('cli.errors.unreachable', { url: error.url, reason: error.reason });
  if (error instanceof PartnerSignInError) return say('cli.errors.signIn', { reason: error.reason });
  // Reading the customer's tenant through Graph.
  if (error instanceof GraphRequestError) return say('cli.errors.graph', { status: error.status, method: error.method, path: error.path });
  if (error instanceof GraphUnreachableError) return say('cli.errors.graphUnreachable', { url: error.url.split('?')[0] ?? error.url, reason: error.reason });
  if (error instanceof GraphAuthError) return say('cli.errors.signIn', { reason: error.reason });
  return say('bot.unexpected');
}
