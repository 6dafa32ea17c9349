import { z } from 'zod';

// Everything a card can send back. A card's `value` is untrusted input: parsed here, at the edge,
// and anything that does not match is refused without changing anything.
const id = z.string().trim().min(1).max(200);

export const FLOWS = ['change-plan', 'diagnose', 'manual', 'move-users', 'backup', 'billing', 'status'] as const;
export type Flow = (typeof FLOWS)[number];

export const submissionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('identity.pick'), identity: z.string().regex(/^[^|]{1,200}\|[^|]{1,200}$/) }),
  z.object({ verb: z.literal('customer.pick'), tenantId: id }),
  z.object({ verb: z.literal('menu.open'), flow: z.enum(FLOWS) }),
  z.object({ verb: z.literal('subscription.pick'), subscriptionId: id }),
  z.object({ verb: z.literal('plan.pick'), planId: id }),
  z.object({ verb: z.literal('users.pick'), userIds: z.string().max(20_000).optional(), search: z.string().max(200).optional(), page: z.coerce.number().int().min(0).max(100_000).optional() }),
  z.object({ verb: z.literal('users.page'), page: z.coerce.number().int().min(0).max(100_000), search: z.string().max(200).optional() }),
  z.object({ verb: z.literal('users.search'), search: z.string().max(200).optional() }),
  // A page of the diagnosis: a number as the card sends it, never coerced, so "2" or -1 is refused.
  z.object({ verb: z.literal('diagnose.page'), page: z.number().int().min(0).max(10_000) }),
  z.object({ verb: z.literal('switch.confirm'), confirmationId: id }),
  z.object({ verb: z.literal('switch.decline'), confirmationId: id }),
  z.object({ verb: z.literal('flow.next'), next: z.enum(['recheck', 'backup', 'manual', 'menu', 'status']) }),
  z.object({ verb: z.literal('flow.cancel') }),
  z.object({ verb: z.literal('language.pick'), language: z.enum(['en', 'sv', 'nb', 'pl']) }),
]);

export type Submission = z.infer<typeof submissionSchema>;
export type Verb = Submission['verb'];
export type SubmissionOf<V extends Verb> = Extract<Submission, { verb: V }>;

export type ParsedSubmission = { kind: 'none' } | { kind: 'valid'; submission: Submission } | { kind: 'invalid' };

const NONE: ParsedSubmission = Object.freeze({ kind: 'none' });
const INVALID: ParsedSubmission = Object.freeze({ kind: 'invalid' });

/**
 * What each value parsed to: a turn reads its activity's value three or four times (the bot, the
 * interruptions, the waiting dialog), and the value is the same object each time.
 */
const parsedValues = new WeakMap<object, ParsedSubmission>();

/** Reads an activity's `value`: no card submission, a valid one, or a forged or malformed one. Frozen: it may be shared. */
export function parseSubmission(value: unknown): ParsedSubmission {
  if (value === undefined || value === null) return NONE;
  const remembered = typeof value === 'object' ? parsedValues.get(value) : undefined;
  if (remembered) return remembered;
  const parsed = submissionSchema.safeParse(value);
  const result: ParsedSubmission = Object.freeze(parsed.success ? { kind: 'valid', submission: Object.freeze(parsed.data) } : INVALID);
  if (typeof value === 'object') parsedValues.set(value, result);
  return result;
}
