/**
 * Guards shared by the formula modules. Each throws a `CalcError` that names the input, so a
 * caller (a custom function, the validator) can point at the exact cell.
 */
import { CalcError, fmtNum } from "./errors";

function where(field: string, index?: number): string {
  return index === undefined ? field : `${field}[${index}]`;
}

/** Finite inputs whose sum or product passes the largest double: what to tell the user. */
export const OVERFLOW_MESSAGE = "the values add up or multiply to more than a number can hold (about 1.8E+308); check their units";

export function requireFinite(v: number, field: string, index?: number): number {
  if (v === Infinity || v === -Infinity) {
    // Finite inputs that multiplied or added up past the largest double.
    throw new CalcError("overflow", OVERFLOW_MESSAGE, field, index);
  }
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new CalcError("invalid_input", `${where(field, index)} must be a finite number, got ${String(v)}`, field, index);
  }
  return v;
}

/** Masses, outputs, stocks: a negative tonnage is always a data error, never a credit. */
export function requireNonNegative(v: number, field: string, index?: number): number {
  requireFinite(v, field, index);
  if (v < 0) throw new CalcError("invalid_input", `${where(field, index)} is negative (${fmtNum(v)}); masses must be ≥ 0`, field, index);
  return v;
}

/** A share as a fraction 0..1 (45% arrives from Excel as 0.45). */
export function requireFraction(v: number, field: string, index?: number): number {
  requireFinite(v, field, index);
  if (v < 0 || v > 1) {
    const hint = v > 1 && v <= 100 ? `; if you meant ${fmtNum(v)}%, enter ${fmtNum(v)}% or ${fmtNum(v / 100)}` : "";
    throw new CalcError("out_of_range", `${where(field, index)} = ${fmtNum(v)} is not a fraction between 0 and 1${hint}`, field, index);
  }
  return v;
}

/** Σ of an array with a non-negative check per item. */
export function sumNonNegative(values: ArrayLike<number>, field: string): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += requireNonNegative(values[i], field, i);
  return s;
}

/** a / b, with a zero denominator reported as a DIV/0-kind error naming what was zero. */
export function divide(a: number, b: number, what: string, field?: string): number {
  if (b === 0) throw new CalcError("division_by_zero", `${what} is zero; nothing to divide by`, field);
  // Finite inputs can still add up past the largest double (1e308 + 1e308): Infinity / Infinity
  // would be NaN, and x / Infinity a silent 0.
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new CalcError("overflow", OVERFLOW_MESSAGE, field);
  }
  return a / b;
}
