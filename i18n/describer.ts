import type { Words, Vars } from './words';

/**
 * What one finding says, as keys under its code in the `rules` namespace. Key convention:
 * `<CODE>.title`; `<CODE>.explanation` and `<CODE>.resolution` are either a string or, where a
 * field picks the wording, an object of variants (`<CODE>.explanation.fewerServices`). A key
 * that depends on a number has plural forms (`_one`, `_other`; Polish also `_few`, `_many`)
 * chosen by `vars.count`.
 */
export interface Spec {
  vars: Vars;
  /** Sub-keys of the code, joined with a space: `explanation` or `explanation.notProvisioned`. */
  explanation: string[];
  /** Sub-key of the code; absent for input errors. */
  resolution?: string;
  details?: string[];
}

export type Describer<F> = (finding: F, words: Words) => Spec;

/** One describer per code, checked for completeness by the compiler. */
export type DescriberTable<F extends { code: string }> = { [C in F['code']]: Describer<Extract<F, { code: C }>> };
