/**
 * Splitting a rectangular write into row blocks. Office.js on the web refuses a request over 5 MB
 * (RequestPayloadSizeLimitExceeded), so big writes go in several syncs; this plans them as data.
 */
import type { SpecCell } from "../core/sheetspec";

/** Office.js's per-request payload limit on the web, with headroom for the request envelope. */
export const OFFICE_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/**
 * Planned payload per block: the estimates are upper bounds (JSON escapes, default formats), so
 * blocks of 4.25 MiB leave room for small structural calls riding on the same sync (up to 4.5 MiB)
 * and still stay under the limit; larger blocks mean fewer syncs for the same data.
 */
export const DEFAULT_CHUNK_BYTES = 4.25 * 1024 * 1024;

export interface RowChunk {
  /** 0-based first row of the block. */
  readonly startRow: number;
  readonly rowCount: number;
  /** Estimated payload of the block. */
  readonly bytes: number;
  /** True when a single row alone exceeds the budget (it still gets its own block). */
  readonly oversize?: boolean;
}

/**
 * Row blocks covering rows [0, rows) such that each block's estimated bytes stay ≤ maxBytes and its
 * cells (rowCount × cols) ≤ maxCells. `estimateBytes(row)` is the payload one row adds (use
 * `estimateRowBytes` for SpecCells). Rows are never split; a row over the budget is its own block,
 * flagged `oversize`, so the caller can decide (e.g. write that row cell by cell).
 */
export function planChunks(
  rows: number,
  cols: number,
  estimateBytes: (row: number) => number,
  maxBytes: number = DEFAULT_CHUNK_BYTES,
  maxCells: number = Number.POSITIVE_INFINITY,
): RowChunk[] {
  if (!(maxBytes > 0)) throw new RangeError("planChunks: maxBytes must be positive");
  const rowsPerCellBudget = cols > 0 ? Math.max(1, Math.floor(maxCells / cols)) : Number.POSITIVE_INFINITY;
  const chunks: RowChunk[] = [];
  let start = 0;
  let bytes = 0;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const b = Math.max(0, estimateBytes(r));
    if (count > 0 && (bytes + b > maxBytes || count + 1 > rowsPerCellBudget)) {
      chunks.push({ startRow: start, rowCount: count, bytes });
      start = r;
      bytes = 0;
      count = 0;
    }
    bytes += b;
    count++;
    if (count === 1 && b > maxBytes) {
      chunks.push({ startRow: start, rowCount: 1, bytes, oversize: true });
      start = r + 1;
      bytes = 0;
      count = 0;
    }
  }
  if (count > 0) chunks.push({ startRow: start, rowCount: count, bytes });
  return chunks;
}

/** UTF-8 byte length of a string without allocating (JSON escapes ignored: an estimate). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * UTF-8 length of a string as a JSON string body: a quote or backslash is escaped to two bytes and
 * a control character to up to six. Formulas are full of quoted texts, so leaving the escapes out
 * under-counts a formula-heavy row by several percent.
 */
export function jsonStringLength(s: string): number {
  let extra = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) extra += 1;
    else if (c < 0x20) extra += 5;
  }
  return utf8Length(s) + extra;
}

/** The number format sent for a cell without one of its own. */
const GENERAL_BYTES = "General".length;
/** A date cell's default number format (yyyy-mm-dd), when it has no numFmt. */
const DATE_FORMAT_BYTES = 10;

/**
 * Estimated JSON payload of writing one SpecCell row as values/formulas plus number formats
 * (padded to `cols`): each cell costs its text (JSON-escaped) plus quotes and separators in the
 * value array, and its number format ("General" when it has none) in the format array. An upper
 * bound of what src/excel sends, so planned blocks stay under the 5 MB limit.
 */
export function estimateRowBytes(row: readonly SpecCell[] | undefined, cols: number): number {
  let n = 4; // brackets of the row in two arrays
  for (let c = 0; c < cols; c++) {
    const cell = row?.[c];
    n += 6 + GENERAL_BYTES; // quotes and commas in the value and format arrays; the default format
    if (!cell) continue;
    if (cell.f !== undefined) n += jsonStringLength(cell.f) + 1;
    else if (typeof cell.v === "string") n += jsonStringLength(cell.v) + 1;
    else if (typeof cell.v === "number") n += 24;
    else if (cell.v !== null && cell.v !== undefined) n += 8;
    if (cell.numFmt !== undefined) n += jsonStringLength(cell.numFmt);
    else if (cell.date) n += DATE_FORMAT_BYTES;
  }
  return n;
}
