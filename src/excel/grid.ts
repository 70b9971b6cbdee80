/**
 * Pure helpers that turn what Office.js returns into the core's grid model, mirroring the exceljs
 * reader (src/xlsx/read.ts) so both hosts hand the validator the same Grid:
 * - blank cells are null; trailing blank cells and rows are trimmed (rows are ragged);
 * - an error cell (valueTypes "Error", e.g. "#N/A") becomes a CellError, while TEXT that merely
 *   reads "#N/A" (valueTypes "String") stays text;
 * - number formats are kept only for non-blank cells whose format is not "General" (rows without
 *   any share one empty array);
 * - hidden rows are reported only where the row holds data; merges are sorted by top, left.
 */
import type { Cell, CellRange, ExcelErrorCode } from "../core/cells";
import { a1, cellError, columnIndex, isExcelErrorCode } from "../core/cells";

const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

/** One cell as the core sees it, from Office's `values` entry and its `valueTypes` entry. */
export function officeCell(value: unknown, valueType: string | undefined): Cell {
  switch (valueType) {
    case "Empty":
      return null;
    case "Error": {
      const s = typeof value === "string" ? value.trim() : "";
      return cellError(isExcelErrorCode(s) ? s : ("#UNKNOWN!" as ExcelErrorCode));
    }
    case "Boolean":
      if (typeof value === "boolean") return value;
      return typeof value === "string" ? value.toUpperCase() === "TRUE" : Boolean(value);
    case "Double":
    case "Integer":
      if (typeof value === "number") return Number.isFinite(value) ? value : cellError("#NUM!");
      return typeof value === "string" ? value : null;
    case "String":
      return typeof value === "string" ? value : value === null || value === undefined ? null : String(value);
    default:
      // "Unknown", "RichValue" (data types, images: Office gives their display text) or no type.
      if (typeof value === "number") return Number.isFinite(value) ? value : cellError("#NUM!");
      if (typeof value === "boolean") return value;
      if (typeof value === "string") return value === "" ? null : value;
      return null;
  }
}

/** Splits an Office address list ("Sheet1!A1:B2, 'My, Sheet'!C3") at commas outside quotes. */
export function splitAddressList(address: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") {
      if (quoted && address[i + 1] === "'") {
        cur += "''";
        i++;
        continue;
      }
      quoted = !quoted;
      cur += ch;
    } else if (ch === "," && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** "A1", "B2:D9", "A:C", "3:5" (optionally "$", optionally with a sheet prefix) → 0-based range. */
export function parseArea(area: string): CellRange | undefined {
  const bang = area.lastIndexOf("!");
  const ref = (bang >= 0 ? area.slice(bang + 1) : area).replace(/\$/g, "").trim().toUpperCase();
  const [from, to = from] = ref.split(":");
  const cell = (s: string): { row?: number; col?: number } | undefined => {
    const m = /^([A-Z]{0,3})(\d{0,7})$/.exec(s);
    if (!m || (m[1] === "" && m[2] === "")) return undefined;
    return { ...(m[1] ? { col: columnIndex(m[1]) } : {}), ...(m[2] ? { row: Number(m[2]) - 1 } : {}) };
  };
  const a = cell(from);
  const b = cell(to);
  if (!a || !b) return undefined;
  const top = a.row ?? 0;
  const bottom = b.row ?? (a.row === undefined ? MAX_ROW : a.row);
  const left = a.col ?? 0;
  const right = b.col ?? (a.col === undefined ? MAX_COL : a.col);
  if (top < 0 || left < 0 || bottom < top || right < left) return undefined;
  return { top, left, bottom, right };
}

export function parseAreaList(address: string | null | undefined): CellRange[] {
  if (!address) return [];
  const out: CellRange[] = [];
  for (const part of splitAddressList(address)) {
    const r = parseArea(part);
    if (r) out.push(r);
  }
  return out;
}

/** 0-based range → "B2:D9" (or "B2" for one cell). */
export function rangeAddress(r: CellRange): string {
  return r.top === r.bottom && r.left === r.right ? a1(r.top, r.left) : `${a1(r.top, r.left)}:${a1(r.bottom, r.right)}`;
}

/**
 * Rows of [top, bottom] not covered by any of the visible areas: the hidden (or filtered-out) rows.
 * Uses a difference array, so it costs O(rows + areas) whatever the areas look like.
 */
export function rowsNotCovered(top: number, bottom: number, visible: readonly CellRange[]): number[] {
  const n = bottom - top + 1;
  if (n <= 0) return [];
  const diff = new Int32Array(n + 1);
  for (const v of visible) {
    const s = Math.max(v.top, top) - top;
    const e = Math.min(v.bottom, bottom) - top;
    if (e < s) continue;
    diff[s]++;
    diff[e + 1]--;
  }
  const out: number[] = [];
  let run = 0;
  for (let i = 0; i < n; i++) {
    run += diff[i];
    if (run <= 0) out.push(top + i);
  }
  return out;
}

const EMPTY_ROW: readonly Cell[] = Object.freeze([]) as readonly Cell[];
const EMPTY_FORMATS: readonly (string | undefined)[] = Object.freeze([]) as readonly (string | undefined)[];

/** Collects a sheet's cells block by block (in any order) and builds the trimmed grid arrays. */
export class GridBuilder {
  private readonly rows: (Cell[] | undefined)[] = [];
  private readonly fmts: ((string | undefined)[] | undefined)[] = [];
  private anyFormat = false;
  /** Approximate JSON bytes of what Office returned for the blocks so far (values, types, formats). */
  bytes = 0;
  cells = 0;

  /**
   * Adds a block whose top-left cell is (row, col), absolute and 0-based. `values`, `types` and
   * `formats` are Office's 2-D arrays for the block.
   */
  addBlock(row: number, col: number, values: readonly (readonly unknown[])[], types: readonly (readonly string[])[] | undefined, formats: readonly (readonly unknown[])[] | undefined): void {
    for (let i = 0; i < values.length; i++) {
      const vr = values[i] ?? [];
      const tr = types?.[i];
      const fr = formats?.[i];
      let out: Cell[] | undefined;
      let fout: (string | undefined)[] | undefined;
      let last = -1;
      for (let j = 0; j < vr.length; j++) {
        const raw = vr[j];
        const t = tr?.[j];
        const f = fr?.[j];
        this.cells++;
        // JSON of the three arrays: quotes and commas around each entry.
        this.bytes += (typeof raw === "string" ? raw.length + 3 : String(raw).length + 1) + (t ? t.length + 3 : 0) + (typeof f === "string" ? f.length + 3 : 0);
        const v = officeCell(raw, t);
        if (v === null) continue;
        out ??= [];
        out[col + j] = v;
        last = col + j;
        if (typeof f === "string" && f !== "" && f !== "General") {
          fout ??= [];
          fout[col + j] = f;
        }
      }
      if (last < 0) continue;
      const r = row + i;
      let target = this.rows[r];
      if (!target) {
        target = [];
        this.rows[r] = target;
      }
      for (let c = 0; c <= last; c++) {
        const v = out![c];
        if (v !== undefined) target[c] = v;
      }
      if (fout) {
        this.anyFormat = true;
        let ft = this.fmts[r];
        if (!ft) {
          ft = [];
          this.fmts[r] = ft;
        }
        for (let c = 0; c < fout.length; c++) if (fout[c] !== undefined) ft[c] = fout[c];
      }
    }
  }

  /** Rows holding data, ascending (0-based, absolute). */
  dataRows(): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.rows.length; r++) if (this.rows[r]) out.push(r);
    return out;
  }

  build(): { values: (readonly Cell[])[]; numberFormats?: (readonly (string | undefined)[])[] } {
    const values: (readonly Cell[])[] = [];
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) {
        values.push(EMPTY_ROW);
        continue;
      }
      // Holes become null, so every consumer sees null, never undefined.
      for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
      values.push(row);
    }
    while (values.length > 0 && values[values.length - 1].length === 0) values.pop();
    if (!this.anyFormat) return { values };
    // Same row count as values; rows without any format share one empty array (as src/xlsx does).
    const numberFormats: (readonly (string | undefined)[])[] = [];
    for (let r = 0; r < values.length; r++) numberFormats.push(this.fmts[r] ?? EMPTY_FORMATS);
    return { values, numberFormats };
  }
}
