// A card shown again after a press that left a required field empty: with what the person had
// filled in, and the field's own error message (the card's words, so already in their language).

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

function inputs(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((item) => inputs(item, found));
  else if (isObject(node)) {
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') found.push(node);
    Object.values(node).forEach((value) => inputs(value, found));
  }
  return found;
}

/** The `errorMessage` of the card's input with this id, if it has one. */
export function requiredMessage(card: unknown, field: string): string | undefined {
  const message = inputs(card).find((input) => input.id === field)?.errorMessage;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/** A copy of the card whose inputs hold the values the press sent (only non-empty ones; the card's own for the rest). */
export function refilled<T>(card: T, sent: Record<string, unknown>): T {
  const fill = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fill);
    if (!isObject(node)) return node;
    const copy: Json = {};
    for (const [key, value] of Object.entries(node)) copy[key] = fill(value);
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') {
      const value = sent[node.id];
      if (typeof value === 'string' && value.trim() !== '') copy.value = value;
    }
    return copy;
  };
  return fill(card) as T;
}
