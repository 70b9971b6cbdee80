/**
 * The grid model every adapter produces: Office.js (src/excel) and exceljs (src/xlsx) both turn a
 * worksheet into a `Grid`, so every rule in the core is written and tested once, in Node.
 *
 * Dates travel as Excel serial numbers (as Office.js gives them), with the number format alongside
 * where known, so "a date" is decided by the core, not by whichever adapter read the file.
 */

/** Excel's error values, as they appear in a cell. */
export const EXCEL_ERROR_CODES = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#BUSY!",
  "#CONNECT!",
  "#UNKNOWN!",
] as const;
export type ExcelErrorCode = (typeof EXCEL_ERROR_CODES)[number];

/** An error cell (#N/A, #DIV/0! ...): kept distinct from text that merely looks like one. */
export interface CellError {
  readonly kind: "error";
  readonly code: ExcelErrorCode;
}

/** One cell's value. `null` is a blank cell. */
export type Cell = number | string | boolean | null | CellError;

export function cellError(code: ExcelErrorCode): CellError {
  return { kind: "error", code };
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && (v as CellError).kind === "error";
}

export function isExcelErrorCode(s: string): s is ExcelErrorCode {
  return (EXCEL_ERROR_CODES as readonly string[]).includes(s);
}

/**
 * Blank: null, empty text or text of white space only (incl. non-breaking and ideographic spaces,
 * and the zero-width characters a paste from a web page or WPS leaves behind).
 */
/**
 * Characters that show nothing and change nothing a reader sees: zero-width and bidirectional marks,
 * the soft hyphen, control characters other than tab and line breaks, variation selectors, tag
 * characters, the combining grapheme joiner and the Hangul fillers. A cell of only these (and
 * spaces) is blank; identifiers, numbers, codes and dates are read without them (normaliseText).
 */
export const INVISIBLE_CHARS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;

export function isBlank(v: Cell | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // The usual text starts with a printable ASCII character: not blank, no regex needed.
  const c = v.charCodeAt(0);
  if (c > 0x20 && c < 0x7f) return false;
  return v.replace(INVISIBLE_CHARS, "").replace(/[\s\u00a0\u3000]/g, "") === "";
}

/** A worksheet as data. Rows and columns are 0-based here; A1 addresses are made with `a1()`. */
export interface Grid {
  /** The worksheet's name as the user sees it. */
  readonly name: string;
  /** values[r][c]; rows may be ragged (missing cells are blank). */
  readonly values: readonly (readonly Cell[])[];
  /** Number formats, same shape as values where known (e.g. "0.00%", "yyyy-mm-dd"). */
  readonly numberFormats?: readonly (readonly (string | undefined)[])[];
  /** 0-based indexes of rows hidden or filtered out in the host. */
  readonly hiddenRows?: readonly number[];
  /** Merged areas, 0-based inclusive. */
  readonly merges?: readonly CellRange[];
  /** Whether the host says the sheet itself is hidden. */
  readonly hidden?: boolean;
  /**
   * Cells (0-based) holding a formula for which the file carries no calculated value (written by a
   * tool that does not calculate). Their entry in `values` is null, so a rule can report "no value
   * yet: open and save the file in Excel" instead of taking them for blanks. Only file readers
   * (src/xlsx) set this; Excel always calculates, so the Office.js adapter never does.
   */
  readonly formulasWithoutResult?: readonly { readonly row: number; readonly col: number }[];
}

export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A sheet carrying AluTrace's ownership mark, and the kind of sheet the mark says it is. */
export interface OwnedSheetInfo {
  readonly sheet: string;
  readonly kind: string;
}

/** A workbook as data: what either adapter hands to the core. */
export interface WorkbookGrids {
  readonly sheets: readonly Grid[];
  /** Whether serial dates count from 1904 (old Mac workbooks) instead of 1900. */
  readonly date1904?: boolean;
  /** Sheet names that carry AluTrace's ownership mark (see src/sheet). */
  readonly ownedSheets?: readonly string[];
  /**
   * The same marked sheets with the kind their mark names ("template", "instructions",
   * "codelists", "report", "findings"), so the core can tell the supplier's template sheets from
   * AluTrace's own output (report tabs, findings, code lists, instructions), which it never reads as
   * supplier data. Both adapters fill it; where absent only sheet names tell (see
   * `supplierSheets` in template/locate.ts).
   */
  readonly ownership?: readonly OwnedSheetInfo[];
  /** A file or workbook name for provenance, where known. */
  readonly sourceName?: string;
}

export function cellAt(grid: Grid, row: number, col: number): Cell {
  const r = grid.values[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

export function formatAt(grid: Grid, row: number, col: number): string | undefined {
  return grid.numberFormats?.[row]?.[col];
}

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters → 0-based column index (A → 0); -1 for anything else. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based row/col → "B7". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** Parse "B7" → {row: 6, col: 1}; undefined when it is not a plain A1 reference. */
export function parseA1(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1]);
  if (row < 0 || col < 0) return undefined;
  return { row, col };
}

/** A sheet name as it must be quoted inside a formula ('My Sheet'!A1). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !parseA1(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
