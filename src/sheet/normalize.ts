/**
 * Shape helpers for SheetSpecs: the extent a spec covers, padding to a rectangle (Office.js writes
 * 2-D arrays that must be rectangular), and the input value a host that parses input should get.
 */
import type { CellRange } from "../core/cells";
import { isCellError } from "../core/cells";
import type { SheetSpec, SpecCell } from "../core/sheetspec";
import { safeText } from "./safetext";

/** A cell that writes nothing at all (no value, formula, format, style or note). */
export function isEmptySpecCell(c: SpecCell | undefined): boolean {
  return (
    c === undefined ||
    ((c.v === undefined || c.v === null) && c.f === undefined && c.numFmt === undefined && c.style === undefined && c.note === undefined)
  );
}

/**
 * The rectangle from A1 a spec writes to: every row, the widest row, and anything merges, tables,
 * validations and column widths reach. Both counts are 0 for an empty spec.
 */
export function specExtent(spec: SheetSpec): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (let r = 0; r < spec.rows.length; r++) {
    const row = spec.rows[r];
    let last = row.length - 1;
    while (last >= 0 && isEmptySpecCell(row[last])) last--;
    if (last >= 0) {
      rows = r + 1;
      if (last + 1 > cols) cols = last + 1;
    }
  }
  const grow = (g: CellRange): void => {
    if (g.bottom + 1 > rows) rows = g.bottom + 1;
    if (g.right + 1 > cols) cols = g.right + 1;
  };
  for (const m of spec.merges ?? []) grow(m);
  for (const t of spec.tables ?? []) grow(t.range);
  for (const v of spec.validations ?? []) grow(v.range);
  return { rows, cols };
}

/** The used range (0-based, inclusive) of cells with content, or undefined when there are none. */
export function usedRange(spec: SheetSpec): CellRange | undefined {
  let top = -1;
  let bottom = -1;
  let left = Number.MAX_SAFE_INTEGER;
  let right = -1;
  for (let r = 0; r < spec.rows.length; r++) {
    const row = spec.rows[r];
    for (let c = 0; c < row.length; c++) {
      if (isEmptySpecCell(row[c])) continue;
      if (top < 0) top = r;
      bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
  }
  return top < 0 ? undefined : { top, left, bottom, right };
}

const EMPTY_CELL: SpecCell = Object.freeze({}) as SpecCell;

/**
 * Rows [startRow, endRow) padded (with a shared empty cell) or cut to exactly `cols` cells. Rows
 * missing from the spec come back as empty rows.
 */
export function padRows(rows: readonly (readonly SpecCell[])[], cols: number, startRow = 0, endRow = rows.length): SpecCell[][] {
  const out: SpecCell[][] = [];
  for (let r = startRow; r < endRow; r++) {
    const src = rows[r] ?? [];
    const row = new Array<SpecCell>(cols);
    for (let c = 0; c < cols; c++) row[c] = src[c] ?? EMPTY_CELL;
    out.push(row);
  }
  return out;
}

/**
 * What to write for one cell through a host that parses its input (Office.js `range.formulas`):
 * "=" + formula, a number or boolean as is, an error as its code (Excel turns "#N/A" into the error),
 * text through `safeText`, and "" for blank.
 */
export function cellInput(c: SpecCell | undefined): string | number | boolean {
  if (!c) return "";
  if (c.f !== undefined) return `=${c.f.replace(/^=/, "")}`;
  const v = c.v;
  if (v === undefined || v === null) return "";
  if (isCellError(v)) return v.code;
  if (typeof v === "string") return safeText(v);
  return v;
}
