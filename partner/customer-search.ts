import type { PartnerCustomer } from './resources';

// The customer picker's search: a customer matches when every word typed is found in its name or
// domain, ignoring case and accents (so "lodz" finds "Łódzkie Biuro…" and "contoso.onmicro" its domain).

/** Letters that Unicode does not decompose into a base letter and a mark. */
const FOLD: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', æ: 'ae', å: 'a', ß: 'ss', đ: 'd' };

export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łøæåßđ]/g, (c) => FOLD[c] ?? c);
}

export function searchCustomers(customers: readonly PartnerCustomer[], query: string | undefined): PartnerCustomer[] {
  const words = fold(query ?? '').split(/\s+/).filter(Boolean);
  const sorted = [...customers].sort((a, b) => fold(a.name).localeCompare(fold(b.name)) || a.id.localeCompare(b.id));
  if (words.length === 0) return sorted;
  return sorted.filter((c) => {
    const haystack = `${fold(c.name)} ${fold(c.domain)}`;
    return words.every((w) => haystack.includes(w));
  });
}
