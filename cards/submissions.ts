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
  z.object({ verb: z.literal('watch.start'), subscriptionId: id, planId: id }),
  z.object({ verb: z.literal('flow.next'), next: z.enum(['recheck', 'backup', 'manual', 'menu', 'status']) }),
  z.object({ verb: z.literal('flow.cancel') }),
  z.object({ verb: z.literal('language.pick'), language: z.enum(['en', 'sv', 'nb', 'pl']) }),
]);

export type Submission = z.infer<typeof submissionSchema>;
export type Verb = Submission['verb'];
export type SubmissionOf<V extends Verb> = Extract<Submission, { verb: V }>;

/**
 * `incomplete`: a press of a card's button with the card's one required field left empty (a client that
 * does not check `isRequired` sends it anyway). The person gets the field's own message and the card
 * again, not a refusal.
 */
export type ParsedSubmission =
  | { kind: 'none' }
  | { kind: 'valid'; submission: Submission }
  | { kind: 'incomplete'; verb: Verb; field: string }
  | { kind: 'invalid' };

/**
 * The demo identity picker keeps each role's list in an input of its own (`identity-global`, …) and
 * names the role in its button's data: the pick is that input's value.
 */
function asSent(value: unknown): unknown {
  const sent = value as Record<string, unknown>;
  if (sent.verb !== 'identity.pick' || sent.identity !== undefined || typeof sent.group !== 'string' || !/^[a-z]{1,20}$/.test(sent.group)) return value;
  return { verb: sent.verb, identity: sent[`identity-${sent.group}`] };
}

/** The field each verb's card marks `isRequired`, with a value that stands in for it to check the rest of the press. */
const REQUIRED_FIELDS: Partial<Record<Verb, { field: string; standIn: string }>> = {
  'identity.pick': { field: 'identity', standIn: 'tenant|user' },
  'customer.pick': { field: 'tenantId', standIn: 'tenant' },
  'subscription.pick': { field: 'subscriptionId', standIn: 'subscription' },
  'plan.pick': { field: 'planId', standIn: 'plan' },
};

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The required field a press left empty, when everything else in it is as the card sends it. */
function incompleteOf(value: object): ParsedSubmission | undefined {
  const verb = (value as { verb?: unknown }).verb;
  const required = typeof verb === 'string' ? REQUIRED_FIELDS[verb as Verb] : undefined;
  if (!required || !isEmpty((value as Record<string, unknown>)[required.field])) return undefined;
  const rest = submissionSchema.safeParse({ ...value, [required.field]: required.standIn });
  return rest.success ? { kind: 'incomplete', verb: verb as Verb, field: required.field } : undefined;
}

const NONE: ParsedSubmission = Object.freeze({ kind: 'none' });
const INVALID: ParsedSubmission = Object.freeze({ kind: 'invalid' });

/**
 * What each value parsed to: a turn reads its activity's value three or four times (the bot, the
 * interruptions, the waiting dialog), and the value is the same object each time.
 */
const parsedValues = new WeakMap<object, ParsedSubmission>();

/** Reads an activity's `value`: no card submission, a valid one, an incomplete one, or a forged or malformed one. Frozen: it may be shared. */
export function parseSubmission(value: unknown): ParsedSubmission {
  if (value === undefined || value === null) return NONE;
  const remembered = typeof value === 'object' ? parsedValues.get(value) : undefined;
  if (remembered) return remembered;
  const parsed = submissionSchema.safeParse(asSent(value));
  const result: ParsedSubmission = Object.freeze(
    parsed.success ? { kind: 'valid', submission: Object.freeze(parsed.data) } : ((typeof value === 'object' && incompleteOf(asSent(value) as object)) || INVALID),
  );
  if (typeof value === 'object') parsedValues.set(value, result);
  return result;
}
