/**
 * Converts Excel-shaped custom-function arguments into plain numbers/texts for the core, and core
 * failures into Excel errors whose message names the argument and the 1-based position.
 *
 * How Excel passes arguments (engineering notes §1b): a range as a 2-D array (rows × columns), a
 * single cell as a scalar or a 1×1 array, an omitted optional argument as null/undefined. Blank
 * cells arrive as null or "" — and on some platforms as 0, indistinguishable from a typed zero.
 *
 * Decisions:
 * - Cells are paired by position in reading order (row by row), so a row range pairs with a column
 *   range of the same size. Paired ranges must have the same number of cells.
 * - Trailing rows that are blank (null, "", white space, or 0 — the blank-as-0 case) in every
 *   paired argument are trimmed by scanning backwards without allocating, so whole-column
 *   references (A:A, 1,048,576 rows) cost only their used part. A trailing 0 adds nothing to a
 *   sum, so trimming it never changes a result.
 * - Text that looks like a number ("12.5") is NOT converted: it is a #VALUE! error saying where it
 *   is and what to do. Such text usually comes from a paste or an import with the wrong cell type;
 *   converting it silently would hide that problem and differ from SUM(), which ignores it.
 * - Booleans where a number belongs are errors, not 1/0.
 * - In text arguments (codes, classes) a 0 counts as blank, because blanks may arrive as 0.
 */
import { CalcError, fmtNum } from "../core/errors";
import { OVERFLOW_MESSAGE } from "../core/numbers";

// ---------------------------------------------------------------------------------------------
// Excel errors

export type ErrorCodeName = "invalidValue" | "invalidNumber" | "divisionByZero" | "notAvailable";

const ERROR_TEXT: Record<ErrorCodeName, string> = {
  invalidValue: "#VALUE!",
  invalidNumber: "#NUM!",
  divisionByZero: "#DIV/0!",
  notAvailable: "#N/A",
};

/** What is thrown when the `CustomFunctions` global is missing (Node, CLI, tests without a fake). */
export class ExcelFunctionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ExcelFunctionError";
    this.code = code;
  }
}

type CustomFunctionsGlobal = { Error: new (code: never, message?: string) => object; ErrorCode: Record<string, unknown> };

/** Build the error Excel should show; the global is looked up at call time, never at import. */
export function excelError(code: ErrorCodeName, message: string): object {
  const cf = (globalThis as { CustomFunctions?: CustomFunctionsGlobal }).CustomFunctions;
  if (cf && typeof cf.Error === "function" && cf.ErrorCode && cf.ErrorCode[code] !== undefined) {
    return new cf.Error(cf.ErrorCode[code] as never, message);
  }
  return new ExcelFunctionError(ERROR_TEXT[code], message);
}

export function fail(code: ErrorCodeName, message: string): never {
  throw excelError(code, message);
}

function isExcelError(e: unknown): boolean {
  if (e instanceof ExcelFunctionError) return true;
  const cf = (globalThis as { CustomFunctions?: CustomFunctionsGlobal }).CustomFunctions;
  return !!cf && typeof cf.Error === "function" && e instanceof cf.Error;
}

/** Maps a core error to "argument, row N" (or undefined when it cannot be placed). */
export type Locate = (e: CalcError) => string | undefined;

/**
 * Run a function body: core `CalcError`s become #DIV/0! (zero denominators) or #VALUE! with a
 * located message; anything unexpected becomes #VALUE! with its message rather than a bare crash.
 */
export function run<T>(body: () => T, locate?: Locate): T {
  try {
    return body();
  } catch (e) {
    if (isExcelError(e)) throw e;
    if (e instanceof CalcError) {
      const at = locate?.(e);
      fail(e.kind === "division_by_zero" ? "divisionByZero" : e.kind === "overflow" ? "invalidNumber" : "invalidValue", at ? `${at}: ${e.message}` : e.message);
    }
    fail("invalidValue", `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Results must be real numbers: never hand NaN/Infinity to Excel. */
export function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) fail("invalidNumber", `${what}: ${OVERFLOW_MESSAGE}`);
  return x;
}

// ---------------------------------------------------------------------------------------------
// Arguments as ranges

export interface Arg {
  readonly name: string;
  /** Row-major cells, rectangular as Excel passes them (missing cells read as blank). Empty when absent. */
  readonly data: readonly (readonly unknown[])[];
  readonly rows: number;
  readonly cols: number;
  /** False for an omitted optional argument. */
  readonly present: boolean;
}

function isOmitted(v: unknown): boolean {
  return v === null || v === undefined;
}

/** Wrap whatever Excel passed (2-D array, scalar, null) as an `Arg` without copying the cells. */
export function asArg(value: unknown, name: string): Arg {
  if (isOmitted(value)) return { name, data: [], rows: 0, cols: 0, present: false };
  if (!Array.isArray(value)) return { name, data: [[value]], rows: 1, cols: 1, present: true };
  if (value.length === 0) return { name, data: [], rows: 0, cols: 0, present: true };
  // A 1-D array (only from JS callers) is read as one row.
  const data = (Array.isArray(value[0]) ? value : [value]) as unknown[][];
  // Excel ranges are rectangular, so the first row gives the width; no per-row pass over a
  // whole-column argument. Missing cells of a ragged JS array read as blank.
  const first = data[0];
  const cols = Array.isArray(first) ? first.length : 0;
  return { name, data, rows: data.length, cols, present: true };
}

export function cellCount(a: Arg): number {
  return a.rows * a.cols;
}

/** Cell i in reading order (row by row). */
export function cell(a: Arg, i: number): unknown {
  if (a.cols === 1) {
    const row = a.data[i];
    return row === undefined ? undefined : row[0];
  }
  const r = Math.floor(i / a.cols);
  const row = a.data[r];
  return row === undefined ? undefined : row[i - r * a.cols];
}

/** 1-based position of cell i relative to the argument's range, as a user reads it. */
export function position(a: Pick<Arg, "rows" | "cols">, i: number): string {
  if (a.cols <= 1) return `row ${i + 1}`;
  if (a.rows === 1) return `column ${i + 1}`;
  const r = Math.floor(i / a.cols);
  return `row ${r + 1}, column ${i - r * a.cols + 1}`;
}

/** "masses, row 4" — or just "masses" for a single cell. */
export function where(a: Pick<Arg, "name" | "rows" | "cols">, i: number): string {
  return a.rows * a.cols <= 1 ? a.name : `${a.name}, ${position(a, i)}`;
}

const WHITESPACE = /^[\s\u00a0\u3000]*$/;

/** A blank cell: null/undefined, "" or white space only (same rule as core/cells isBlank). */
export function isBlankCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && (v === "" || (!startsPrintable(v) && WHITESPACE.test(v))));
}

/** First character is printable ASCII other than a space: the text is not white space (no regex needed). */
function startsPrintable(s: string): boolean {
  const c = s.charCodeAt(0);
  return c > 0x20 && c < 0x7f;
}

function isTrailingBlank(v: unknown): boolean {
  return v === 0 || isBlankCell(v);
}

/** Index of the last cell that is neither blank nor 0, scanning backwards; -1 if none. */
export function lastUsedIndex(a: Arg): number {
  if (a.cols === 1) {
    for (let r = a.rows - 1; r >= 0; r--) {
      const row = a.data[r];
      if (row !== undefined && !isTrailingBlank(row[0])) return r;
    }
    return -1;
  }
  for (let r = a.rows - 1; r >= 0; r--) {
    const row = a.data[r];
    if (row === undefined) continue;
    for (let c = Math.min(row.length, a.cols) - 1; c >= 0; c--) {
      if (!isTrailingBlank(row[c])) return r * a.cols + c;
    }
  }
  return -1;
}

/**
 * Checks that paired (present) arguments have the same number of cells and returns how many cells
 * to read: up to the last used cell of any of them — or of `extent` alone, when given: the
 * arguments that say a row exists (masses and classes), so that per-row details such as shares
 * beside a whole column are never scanned past the data (a detail without its row is ignored
 * either way).
 */
export function pairedLength(args: readonly Arg[], extent: readonly Arg[] = args): number {
  const present = args.filter((a) => a.present);
  const first = present[0];
  if (!first) return 0;
  for (const a of present) {
    if (cellCount(a) !== cellCount(first)) {
      fail(
        "invalidValue",
        `${first.name} has ${cellCount(first)} cells but ${a.name} has ${cellCount(a)}; pass ranges with the same number of cells`,
      );
    }
  }
  let last = -1;
  for (const a of extent) {
    if (!a.present) continue;
    const l = lastUsedIndex(a);
    if (l > last) last = l;
  }
  return last + 1;
}

// ---------------------------------------------------------------------------------------------
// Cell readers

function quote(s: string): string {
  const t = s.length > 40 ? `${s.slice(0, 37)}…` : s;
  return `'${t}'`;
}

const NUMBER_TEXT = /^[\s\u00a0\u3000]*[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?[\s\u00a0\u3000]*$/;

function describeNonNumber(v: unknown): string {
  if (typeof v === "string") {
    return NUMBER_TEXT.test(v)
      ? `holds text ${quote(v)}, not a number; enter it as a number (text is never converted)`
      : `holds text ${quote(v)}; enter a number`;
  }
  if (typeof v === "boolean") return `holds ${v ? "TRUE" : "FALSE"}; enter a number`;
  if (typeof v === "object" && v !== null) {
    const code = (v as { code?: unknown; type?: unknown }).code ?? (v as { type?: unknown }).type;
    return typeof code === "string" && code.startsWith("#")
      ? `holds the error ${code}; fix that cell first`
      : "holds an error or a data type, not a number";
  }
  return `holds ${String(v)}, not a number`;
}

/** What a non-text cell holds, as a message says it (an error value by its code, not "[object Object]"). */
function describeNonText(v: unknown): string {
  if (typeof v === "object" && v !== null) {
    const code = (v as { code?: unknown }).code ?? (v as { type?: unknown }).type;
    return typeof code === "string" && code.startsWith("#") ? `holds the error ${code}; fix that cell first` : "holds an error or a data type; enter text";
  }
  return typeof v === "boolean" ? `holds ${v ? "TRUE" : "FALSE"}; enter text` : `holds ${String(v)}; enter text`;
}

export interface NumberCheck {
  /** Masses, outputs: must be ≥ 0. */
  readonly nonNegative?: boolean;
  /** Shares: must be a fraction 0..1 (45% arrives as 0.45). */
  readonly fraction?: boolean;
}

/** Checks one numeric cell value; throws #VALUE! naming the cell. */
export function checkNumber(v: unknown, a: Arg, i: number, check: NumberCheck): number {
  if (typeof v !== "number") fail("invalidValue", `${where(a, i)}: ${describeNonNumber(v)}`);
  if (!Number.isFinite(v)) fail("invalidValue", `${where(a, i)}: is not a finite number`);
  if (check.nonNegative && v < 0) fail("invalidValue", `${where(a, i)}: ${fmtNum(v)} is negative; enter a value ≥ 0`);
  if (check.fraction && (v < 0 || v > 1)) {
    const hint = v > 1 && v <= 100 ? `; for ${fmtNum(v)}% enter ${fmtNum(v)}% or ${fmtNum(v / 100)}` : "";
    fail("invalidValue", `${where(a, i)}: ${fmtNum(v)} is not a share between 0 and 1${hint}`);
  }
  return v;
}

export interface NumberColumn {
  /** Values in reading order; blanks read as 0 (they add nothing to sums). */
  readonly values: Float64Array;
  /** 1 where the cell was blank (null, "", white space). */
  readonly blank: Uint8Array;
}

/** Read the first n cells as numbers: two typed arrays, no per-cell allocation. */
export function readNumbers(a: Arg, n: number, check: NumberCheck = {}): NumberColumn {
  const values = new Float64Array(n);
  const blank = new Uint8Array(n);
  if (!a.present) {
    blank.fill(1);
    return { values, blank };
  }
  scanNumbers(a, n, check, values, blank);
  return { values, blank };
}

/**
 * The checks of readNumbers (same errors, same order) without keeping the values, for a range the
 * caller reads once more cell by cell (optionalNumberAt): a whole-column argument then costs no
 * array of its own.
 */
export function checkNumbers(a: Arg, n: number, check: NumberCheck = {}): void {
  if (a.present) scanNumbers(a, n, check);
}

function scanNumbers(a: Arg, n: number, check: NumberCheck, values?: Float64Array, blank?: Uint8Array): void {
  const nonNegative = check.nonNegative === true;
  const fraction = check.fraction === true;
  const column = a.cols === 1 ? a.data : undefined;
  for (let i = 0; i < n; i++) {
    const v = column ? column[i]?.[0] : cell(a, i);
    let x: number;
    // Fast path: a number that passes every check (what checkNumber would return unchanged).
    if (typeof v === "number" && v - v === 0 && !(nonNegative && v < 0) && !(fraction && (v < 0 || v > 1))) x = v;
    else if (isBlankCell(v)) {
      if (blank) blank[i] = 1;
      continue;
    } else x = checkNumber(v, a, i, check);
    if (values) values[i] = x;
  }
}

/**
 * For one-pass fast paths: the argument's cells as Excel passes a column range (one array per row),
 * or undefined for any other shape.
 */
export function columnCells(a: Arg): readonly (readonly unknown[])[] | undefined {
  return a.present && a.cols === 1 ? a.data : undefined;
}

/**
 * A cell as the one-pass fast paths read numbers: the number when readNumbers would accept it with
 * `check`, null when blank, NaN when the full path has to look at it (it would raise an error).
 */
export function quickNumber(v: unknown, nonNegative: boolean, fraction: boolean): number | null {
  if (typeof v === "number" && v - v === 0 && !(nonNegative && v < 0) && !(fraction && (v < 0 || v > 1))) return v;
  return isBlankCell(v) ? null : NaN;
}

/** Cell i of a range that passed checkNumbers: its number, or undefined when blank or the argument is absent. */
export function optionalNumberAt(a: Arg, i: number): number | undefined {
  if (!a.present) return undefined;
  const v = a.cols === 1 ? a.data[i]?.[0] : cell(a, i);
  return isBlankCell(v) ? undefined : (v as number);
}

/** Read the first n cells as trimmed texts; blank and 0 → undefined; other numbers are errors. */
export function readTexts(a: Arg, n: number, expected: string): (string | undefined)[] {
  const out = new Array<string | undefined>(n);
  const column = a.cols === 1 ? a.data : undefined;
  for (let i = 0; i < n; i++) out[i] = textOf(column ? column[i]?.[0] : cell(a, i), a, i, expected);
  return out;
}

/** One cell as readTexts reads it: trimmed text, or undefined for blank and 0; other values are errors. */
function textOf(v: unknown, a: Arg, i: number, expected: string): string | undefined {
  if (isBlankCell(v) || v === 0) return undefined;
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") fail("invalidValue", `${where(a, i)}: holds the number ${fmtNum(v)}; expected ${expected}`);
  return fail("invalidValue", `${where(a, i)}: ${describeNonNumber(v).replace(/; enter a number$/, "")}; expected ${expected}`);
}

/** readCodes: the cell is blank (or 0). Otherwise k + 1 for codes[k], or UNKNOWN_CODE. */
export const BLANK_CODE = 0;
/** readCodes: text that is not in the code list; the caller reports it (textAt gives the text). */
export const UNKNOWN_CODE = 255;

/**
 * Read the first n cells as entries of a code list (at most 254 codes): what readTexts followed by
 * `lookup` per text gives, as one byte per cell, so a whole-column argument costs no array of
 * texts. Blank and type errors are raised while reading, exactly as readTexts raises them.
 */
export function readCodes(a: Arg, n: number, expected: string, lookup: (text: string) => string | undefined, codes: readonly string[]): Uint8Array {
  const out = new Uint8Array(n);
  const seen = new Map<string, number>();
  const column = a.cols === 1 ? a.data : undefined;
  for (let i = 0; i < n; i++) {
    const v = column ? column[i]?.[0] : cell(a, i);
    let k = typeof v === "string" ? seen.get(v) : undefined;
    if (k === undefined) {
      const t = textOf(v, a, i, expected);
      if (t === undefined) k = BLANK_CODE;
      else {
        const code = lookup(t);
        const at = code === undefined ? -1 : codes.indexOf(code);
        k = at < 0 ? UNKNOWN_CODE : at + 1;
        seen.set(v as string, k);
      }
    }
    out[i] = k;
  }
  return out;
}

/** Cell i as the trimmed text readTexts would give (for messages about a cell readCodes could not place). */
export function textAt(a: Arg, i: number): string | undefined {
  return textOf(cell(a, i), a, i, "text");
}

/** How a paired cell counts for completeness: blank, a neutral 0 (maybe a blank passed as 0), or a value. */
export const Fill = { Blank: 0, Zero: 1, Value: 2 } as const;
export type Fill = (typeof Fill)[keyof typeof Fill];

export function numberFill(c: NumberColumn): (i: number) => Fill {
  return (i) => (c.blank[i] === 1 ? Fill.Blank : c.values[i] === 0 ? Fill.Zero : Fill.Value);
}

export function codeFill(c: Uint8Array): (i: number) => Fill {
  return (i) => (c[i] === BLANK_CODE ? Fill.Blank : Fill.Value);
}

export function textFill(t: readonly (string | undefined)[]): (i: number) => Fill {
  return (i) => (t[i] === undefined ? Fill.Blank : Fill.Value);
}

/**
 * Paired rows must be complete: a blank cell next to a real value in another argument is an error
 * (a silently dropped mass would understate). A 0 next to a blank is let through: it adds nothing,
 * and on some platforms it is how a blank cell arrives.
 */
export function requireComplete(n: number, parts: readonly { arg: Arg; fill: (i: number) => Fill }[]): void {
  for (let i = 0; i < n; i++) {
    let filled: Arg | undefined;
    let blank: Arg | undefined;
    for (const p of parts) {
      const f = p.fill(i);
      if (f === Fill.Blank) blank ??= p.arg;
      else if (f === Fill.Value) filled ??= p.arg;
    }
    if (filled && blank) {
      fail("invalidValue", `${where(blank, i)}: is blank but ${filled.name} has a value there; fill it in or clear both`);
    }
  }
}

/** Σ of the non-blank numbers of a whole argument (a scalar or a range). */
export function sumArg(a: Arg, check: NumberCheck): { sum: number; count: number } {
  const n = lastUsedIndex(a) + 1;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = cell(a, i);
    if (isBlankCell(v)) continue;
    sum += checkNumber(v, a, i, check);
    count++;
  }
  // Zeros were trimmed by lastUsedIndex; a range of only zeros still counts as entered (sum 0).
  if (count === 0) {
    const total = cellCount(a);
    for (let i = 0; i < total; i++) if (cell(a, i) === 0) return { sum: 0, count: 1 };
  }
  return { sum, count };
}

// ---------------------------------------------------------------------------------------------
// Scalar arguments

/** The single value of a scalar argument; a multi-cell range is an error. */
export function scalar(value: unknown, name: string): unknown {
  if (!Array.isArray(value)) return value;
  const a = asArg(value, name);
  if (cellCount(a) === 0) return null;
  if (cellCount(a) > 1) fail("invalidValue", `${name} must be a single cell, got a range of ${cellCount(a)} cells`);
  return cell(a, 0);
}

export function requiredNumber(value: unknown, name: string, check: NumberCheck = {}): number {
  const v = scalar(value, name);
  if (isBlankCell(v)) fail("invalidValue", `${name} is blank; enter a number`);
  return checkNumber(v, { name, data: [], rows: 1, cols: 1, present: true }, 0, check);
}

export function optionalNumber(value: unknown, name: string, check: NumberCheck = {}): number | undefined {
  const v = scalar(value, name);
  if (isBlankCell(v)) return undefined;
  return checkNumber(v, { name, data: [], rows: 1, cols: 1, present: true }, 0, check);
}

/** TRUE/FALSE; 1/0 accepted (0 may be a blank cell); omitted or blank → the default. */
export function optionalBoolean(value: unknown, name: string, dflt: boolean): boolean {
  const v = scalar(value, name);
  if (isBlankCell(v)) return dflt;
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1) return v === 1;
  return fail("invalidValue", `${name} must be TRUE or FALSE, got ${typeof v === "string" ? quote(v) : String(v)}`);
}

export function optionalText(value: unknown, name: string): string | undefined {
  const v = scalar(value, name);
  if (isBlankCell(v) || v === 0) return undefined;
  if (typeof v !== "string") fail("invalidValue", `${name}: ${describeNonText(v)}`);
  return v.trim();
}

/** Locator for core errors: core field name → argument; `pos` maps core row index → cell index. */
export function locator(fields: Record<string, Pick<Arg, "name" | "rows" | "cols">>, pos?: ArrayLike<number>): Locate {
  return (e) => {
    const a = e.field === undefined ? undefined : fields[e.field];
    if (!a) return undefined;
    if (e.index === undefined) return a.name;
    return where(a, pos ? pos[e.index] : e.index);
  };
}
