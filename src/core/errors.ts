/**
 * A small typed error for the calculation core. Core functions throw `CalcError`; adapters map
 * `kind` to their own error shape (Excel #VALUE!/#DIV/0!, a validation message, a CLI exit code).
 * `field` + `index` point at the offending input so an adapter can name the cell.
 */

export type CalcErrorKind =
  /** A value of the wrong type or sign (negative mass, text where a number belongs). */
  | "invalid_input"
  /** A number outside its allowed range (a share above 1, alumina per Al below stoichiometry). */
  | "out_of_range"
  /** A denominator that sums to zero. */
  | "division_by_zero"
  /** A code that is not in its code list. */
  | "unknown_code"
  /** Paired inputs of different lengths, or parts that must add up and do not. */
  | "mismatch"
  /** A value that the method needs but the row does not carry. */
  | "missing"
  /** Finite inputs whose sum or product passes the largest double (1e308 + 1e308). */
  | "overflow";

export class CalcError extends Error {
  readonly kind: CalcErrorKind;
  /** Name of the input the problem is in (the core parameter or row field name). */
  readonly field?: string;
  /** 0-based position within that input array, where it applies. */
  readonly index?: number;

  constructor(kind: CalcErrorKind, message: string, field?: string, index?: number) {
    super(message);
    this.name = "CalcError";
    this.kind = kind;
    if (field !== undefined) this.field = field;
    if (index !== undefined) this.index = index;
  }
}

export function isCalcError(e: unknown): e is CalcError {
  return e instanceof CalcError;
}

export type Result<T, E = CalcError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Run a core calculation and return its failure as data instead of throwing (for validators/reports). */
export function attempt<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof CalcError) return { ok: false, error: e };
    throw e;
  }
}

/** Short, stable number text for messages (no 0.30000000000000004). */
export function fmtNum(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}
