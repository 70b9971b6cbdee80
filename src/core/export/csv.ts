/**
 * CSV of the report tables: RFC 4180 (CRLF records; a field with the delimiter, a double quote, CR or
 * LF is quoted and its quotes doubled), UTF-8 with a byte-order mark so Excel opens Chinese text
 * correctly, and neutralised against formula injection (OWASP "CSV Injection"; ASVS 5.0 V1.2.10):
 * a TEXT cell starting with = + - @ tab CR LF or NUL (and, defensively, the full-width ＝ ＋ － ＠ a
 * Chinese or Japanese input method produces) gets a leading apostrophe. Numbers are never touched,
 * so -2 stays the number -2 while the text "-2" becomes '-2.
 *
 * Pure TypeScript; the caller writes the string with UTF-8 encoding.
 */
import { isCellError } from "../cells";
import { isoFromSerial } from "../parse";
import type { SheetKind, SpecCell, WorkbookSpec } from "../sheetspec";

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Field delimiter; "," by default. ";" suits Excel in locales whose list separator is ";". */
  delimiter?: "," | ";" | "\t";
  /** Prefix U+FEFF (UTF-8 BOM once encoded). Default true. */
  bom?: boolean;
}

export const CSV_BOM = "\uFEFF";

/**
 * First characters that make a spreadsheet read a text cell as a formula (or a DDE payload): the
 * OWASP list (= + - @ tab CR), LF and NUL (ASVS), and the full-width forms U+FF1D U+FF0B U+FF0D
 * U+FF20, which some spreadsheet/IME combinations normalise to their ASCII forms.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text as it must be written so a spreadsheet shows it as text, not a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

function field(v: CsvCell, delimiter: string): string {
  let s: string;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    // Non-finite numbers have no CSV form a spreadsheet reads back; they are written as empty.
    if (!Number.isFinite(v)) return "";
    s = Object.is(v, -0) ? "0" : String(v);
    return s; // digits, sign, ".", "e": never needs quoting, never a formula
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  s = neutraliseFormula(String(v));
  if (s.includes(delimiter) || /["\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** Rows of cells → CSV text (BOM first, CRLF after every record, including the last). */
export function toCsv(rows: readonly (readonly CsvCell[])[], opts: CsvOptions = {}): string {
  const d = opts.delimiter ?? ",";
  const body = rows.map((r) => r.map((c) => field(c, d)).join(d) + "\r\n").join("");
  return (opts.bom === false ? "" : CSV_BOM) + body;
}

/** Cached value of a report cell as a CSV cell: error cells as their code, dates as YYYY-MM-DD. */
export function specCellValue(c: SpecCell | undefined): CsvCell {
  if (!c || c.v === undefined) return null;
  const v = c.v;
  if (isCellError(v)) return v.code; // starts with "#": text, no formula risk
  if (c.date && typeof v === "number") return isoFromSerial(Math.floor(v));
  return v;
}

/** A file name from a sheet name: anything outside letters, digits, "-", "_" and "." becomes "_". */
export function csvFileName(sheetName: string): string {
  const base = sheetName.normalize("NFKC").replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+/, "") || "sheet";
  return `${base}.csv`;
}

const REPORT_KINDS: readonly SheetKind[] = ["report", "findings"];

/**
 * One CSV per report tab (kinds "report" and "findings"), from the cells' cached values: what
 * Excel shows, without formulas. Trailing empty cells of a row are dropped; empty rows are kept so
 * the tables stay apart as on the tab.
 */
export function reportCsvFiles(spec: WorkbookSpec, opts: CsvOptions = {}): { name: string; csv: string }[] {
  const used = new Set<string>();
  return spec.sheets
    .filter((s) => REPORT_KINDS.includes(s.kind))
    .map((s) => {
      const rows = s.rows.map((r) => {
        const cells = r.map(specCellValue);
        let n = cells.length;
        while (n > 0 && (cells[n - 1] === null || cells[n - 1] === "")) n--;
        return cells.slice(0, n);
      });
      let name = csvFileName(s.name);
      for (let i = 2; used.has(name.toLowerCase()); i++) name = csvFileName(`${s.name}_${i}`);
      used.add(name.toLowerCase());
      return { name, csv: toCsv(rows, opts) };
    });
}
