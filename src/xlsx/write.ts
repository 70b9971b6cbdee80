/**
 * WorkbookSpec → .xlsx with exceljs. The spec is checked first (names, limits Excel enforces), so a
 * bad spec fails here with a message naming sheet and cell instead of producing a file Excel
 * "repairs".
 *
 * Notes on choices:
 * - Text is always written as a string cell (never parsed), which is what keeps formula-like text
 *   ("=cmd|…") inert in the file; see src/sheet/safetext.ts.
 * - Formulas carry their cached result ({formula, result}), so readers without a calculation engine
 *   see the right figures; `_xlfn.` prefixes are added for post-2007 functions.
 * - Dates (SpecCell.date) are written as their serial number with a date format. exceljs would
 *   store a JS Date as the same number, but only to the millisecond; the number is exact.
 * - Styles: one exceljs style object per (named style, number format), shared by all cells using it,
 *   so exceljs's style de-duplication (a WeakMap on the object) does the work once.
 * - Tables are added after the data with `rows` read back from the cells, which is the way exceljs's
 *   addTable does not clobber existing cells.
 */
import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import type { CellRange } from "../core/cells";
import { a1, isCellError } from "../core/cells";
import type { DataValidationSpec, SheetSpec, SpecCell, WorkbookSpec } from "../core/sheetspec";
import { checkSheetName, isValidDefinedName, isValidTableName, sameSheetName } from "../sheet/names";
import { ownershipMarkName, ownershipMarkRef, sheetOfRef } from "../sheet/ownership";
import { argb, STYLE_PALETTE } from "../sheet/styles";
import { addFutureFunctionPrefixes } from "./formula";
import { encodeOoxmlEscapes } from "./xml";

export { encodeOoxmlEscapes };

export interface RenderOptions {
  /** Mark every sheet as AluTrace's own with a defined name (default true). */
  readonly markOwnership?: boolean;
  /** Write a workbook in the 1904 date system; date serials in the spec (1900 system) are shifted. */
  readonly date1904?: boolean;
  /** Workbook author property. */
  readonly creator?: string;
}

/** A spec Excel would refuse or "repair"; the message names the sheet and cell. */
export class SheetSpecError extends Error {
  override readonly name = "SheetSpecError";
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** Excel's hard limits that a spec could break. */
export const EXCEL_LIMITS = {
  maxRows: 1_048_576,
  maxCols: 16_384,
  maxCellText: 32_767,
  maxFormulaLength: 8_192,
  maxValidationPrompt: 255,
  maxValidationError: 255,
  maxListLiteral: 255,
} as const;

const DATE_1904_SHIFT = 1462;
const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";

/** The number format a cell is written with: its own, else the date format for date cells. */
export function effectiveNumFmt(cell: SpecCell): string | undefined {
  return cell.numFmt ?? (cell.date ? DEFAULT_DATE_FORMAT : undefined);
}

/** Problems in a spec that would make a broken or "repaired" file; [] when fine. */
export function checkWorkbookSpec(spec: WorkbookSpec): string[] {
  const problems: string[] = [];
  const names: string[] = [];
  for (const s of spec.sheets) {
    const p = checkSheetName(s.name);
    if (p) problems.push(p);
    if (names.some((n) => sameSheetName(n, s.name))) problems.push(`Two sheets are named "${s.name}" (Excel ignores case in sheet names).`);
    names.push(s.name);
    problems.push(...checkSheet(s));
  }
  if (spec.sheets.length === 0) problems.push("A workbook needs at least one sheet.");
  else if (spec.sheets.every((s) => (s.visibility ?? "visible") !== "visible")) problems.push("At least one sheet must be visible.");
  const nameSet = new Set<string>();
  for (const d of spec.definedNames ?? []) {
    if (!isValidDefinedName(d.name)) problems.push(`"${d.name}" is not a valid Excel name.`);
    if (nameSet.has(d.name.toUpperCase())) problems.push(`The defined name "${d.name}" is given twice.`);
    nameSet.add(d.name.toUpperCase());
    const target = sheetOfRef(d.ref);
    if (target === undefined) problems.push(`Defined name "${d.name}": "${d.ref}" is not a reference to a range on one sheet.`);
  }
  const tables = new Set<string>();
  for (const s of spec.sheets) {
    for (const t of s.tables ?? []) {
      const u = t.name.toUpperCase();
      if (tables.has(u) || nameSet.has(u)) problems.push(`The table name "${t.name}" is used twice in the workbook (tables share names with defined names).`);
      tables.add(u);
    }
  }
  return problems;
}

function where(s: SheetSpec, r: number, c: number): string {
  return `${s.name}!${a1(r, c)}`;
}

function rangeRef(g: CellRange): string {
  return g.top === g.bottom && g.left === g.right ? a1(g.top, g.left) : `${a1(g.top, g.left)}:${a1(g.bottom, g.right)}`;
}

function validRange(g: CellRange): boolean {
  return (
    Number.isInteger(g.top) && Number.isInteger(g.left) && Number.isInteger(g.bottom) && Number.isInteger(g.right) &&
    g.top >= 0 && g.left >= 0 && g.bottom >= g.top && g.right >= g.left &&
    g.bottom < EXCEL_LIMITS.maxRows && g.right < EXCEL_LIMITS.maxCols
  );
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** "", "=", or only white space after an optional "=" (tested without copying the formula). */
const BLANK_FORMULA = /^=?\s*$/;
const mayBeBlank = (f: string): boolean => {
  const c = f.charCodeAt(0);
  return f.length === 0 || c === 61 || c <= 32 || c > 126;
};

function checkSheet(s: SheetSpec): string[] {
  const problems: string[] = [];
  const push = (p: string): void => {
    if (problems.length < 50) problems.push(p);
  };
  if (s.rows.length > EXCEL_LIMITS.maxRows) push(`Sheet "${s.name}" has ${s.rows.length} rows; Excel allows ${EXCEL_LIMITS.maxRows}.`);
  for (let r = 0; r < s.rows.length; r++) {
    const row = s.rows[r];
    if (row.length > EXCEL_LIMITS.maxCols) push(`Sheet "${s.name}" row ${r + 1} has ${row.length} cells; Excel allows ${EXCEL_LIMITS.maxCols}.`);
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const v = cell.v;
      if (typeof v === "number" && !Number.isFinite(v)) push(`${where(s, r, c)}: ${v} is not a number Excel can store.`);
      if (typeof v === "string" && v.length > EXCEL_LIMITS.maxCellText) {
        push(`${where(s, r, c)}: text of ${v.length} characters; Excel cells hold at most ${EXCEL_LIMITS.maxCellText}.`);
      }
      if (cell.f !== undefined && cell.f.length > EXCEL_LIMITS.maxFormulaLength) push(`${where(s, r, c)}: formula longer than ${EXCEL_LIMITS.maxFormulaLength} characters.`);
      if (cell.f !== undefined && mayBeBlank(cell.f) && BLANK_FORMULA.test(cell.f)) push(`${where(s, r, c)}: empty formula.`);
      if (cell.date && v !== undefined && v !== null && typeof v !== "number") push(`${where(s, r, c)}: a date cell must hold a serial number.`);
    }
  }
  const merges = s.merges ?? [];
  merges.forEach((m, i) => {
    if (!validRange(m)) return push(`Sheet "${s.name}": merge ${i + 1} is not a valid range.`);
    for (let j = 0; j < i; j++) if (overlaps(m, merges[j])) push(`Sheet "${s.name}": merges ${rangeRef(merges[j])} and ${rangeRef(m)} overlap.`);
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const cell = s.rows[r]?.[c];
        if (cell && ((cell.v !== undefined && cell.v !== null) || cell.f !== undefined)) {
          push(`${where(s, r, c)} has a value but lies inside merge ${rangeRef(m)}, where Excel keeps only the top-left cell.`);
        }
      }
    }
  });
  const tables = s.tables ?? [];
  tables.forEach((t, i) => {
    if (!isValidTableName(t.name)) push(`Sheet "${s.name}": "${t.name}" is not a valid table name (letters, digits, _ and ., starting with a letter or _).`);
    if (!validRange(t.range)) return push(`Sheet "${s.name}": table "${t.name}" has an invalid range.`);
    for (let j = 0; j < i; j++) if (overlaps(t.range, tables[j].range)) push(`Sheet "${s.name}": tables "${tables[j].name}" and "${t.name}" overlap.`);
    for (const m of merges) if (overlaps(m, t.range)) push(`Sheet "${s.name}": table "${t.name}" contains merged cells (${rangeRef(m)}), which Excel does not allow.`);
    for (let c = t.range.left; c <= t.range.right; c++) {
      if (s.rows[t.range.top]?.[c]?.f !== undefined) push(`${where(s, t.range.top, c)}: a table header cannot be a formula.`);
    }
  });
  const validations = s.validations ?? [];
  validations.forEach((v, i) => {
    if (!validRange(v.range)) return;
    for (let j = 0; j < i; j++) {
      const w = validations[j];
      if (validRange(w.range) && overlaps(v.range, w.range)) push(`Sheet "${s.name}": validations on ${rangeRef(w.range)} and ${rangeRef(v.range)} overlap (a cell has one rule in Excel).`);
    }
  });
  for (const v of validations) {
    if (!validRange(v.range)) {
      push(`Sheet "${s.name}": a ${v.type} validation has an invalid range.`);
      continue;
    }
    if (v.prompt && v.prompt.length > EXCEL_LIMITS.maxValidationPrompt) {
      push(`Sheet "${s.name}" ${rangeRef(v.range)}: validation prompt has ${v.prompt.length} characters; Excel allows ${EXCEL_LIMITS.maxValidationPrompt}.`);
    }
    if (v.error && v.error.length > EXCEL_LIMITS.maxValidationError) {
      push(`Sheet "${s.name}" ${rangeRef(v.range)}: validation error message has ${v.error.length} characters; Excel allows ${EXCEL_LIMITS.maxValidationError}.`);
    }
    if (v.type === "list") {
      const src = v.source.replace(/^=/, "");
      if (src.trim() === "") push(`Sheet "${s.name}" ${rangeRef(v.range)}: list validation without a source.`);
      if (src.startsWith('"') && src.length > EXCEL_LIMITS.maxListLiteral + 2) {
        push(`Sheet "${s.name}" ${rangeRef(v.range)}: a literal list is limited to ${EXCEL_LIMITS.maxListLiteral} characters; put the items on a sheet and refer to them.`);
      }
    }
    if (v.type === "decimal" && v.min !== undefined && v.max !== undefined && v.min > v.max) {
      push(`Sheet "${s.name}" ${rangeRef(v.range)}: validation min ${v.min} is above max ${v.max}.`);
    }
  }
  for (const w of s.columnWidths ?? []) {
    if (w !== undefined && w !== null && !(w >= 0 && w <= 255)) push(`Sheet "${s.name}": column width ${w} is outside Excel's 0–255.`);
  }
  if (s.freeze && (s.freeze.rows < 0 || s.freeze.cols < 0)) push(`Sheet "${s.name}": negative freeze.`);
  if (s.tabColor) {
    try {
      argb(s.tabColor);
    } catch (e) {
      push(`Sheet "${s.name}": ${(e as Error).message}`);
    }
  }
  return problems;
}

/** exceljs style objects, one per (named style, number format), shared by every cell using them. */
class StyleCache {
  private readonly cache = new Map<string, Partial<ExcelJS.Style>>();

  get(cell: SpecCell, numFmt: string | undefined): Partial<ExcelJS.Style> | undefined {
    if (!cell.style && !numFmt) return undefined;
    const key = `${cell.style ?? ""}\u0000${numFmt ?? ""}`;
    let st = this.cache.get(key);
    if (!st) {
      st = buildStyle(cell.style, numFmt);
      this.cache.set(key, st);
    }
    return st;
  }
}

function buildStyle(name: SpecCell["style"], numFmt: string | undefined): Partial<ExcelJS.Style> {
  const st: Partial<ExcelJS.Style> = {};
  if (numFmt) st.numFmt = numFmt;
  if (!name) return st;
  const d = STYLE_PALETTE[name];
  const font: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, scheme: "minor", size: d.fontSize ?? 11 };
  if (d.bold) font.bold = true;
  if (d.italic) font.italic = true;
  if (d.fontColor) font.color = { argb: argb(d.fontColor) };
  st.font = font;
  if (d.fill) st.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(d.fill) } };
  if (d.border) {
    const edge: Partial<ExcelJS.Border> = { style: d.border, ...(d.borderColor ? { color: { argb: argb(d.borderColor) } } : {}) };
    st.border = { top: edge, left: edge, bottom: edge, right: edge };
  }
  if (d.wrap || d.hAlign || d.vAlign) {
    const al: Partial<ExcelJS.Alignment> = {};
    if (d.wrap) al.wrapText = true;
    if (d.hAlign) al.horizontal = d.hAlign;
    if (d.vAlign) al.vertical = d.vAlign === "center" ? "middle" : d.vAlign;
    st.alignment = al;
  }
  return st;
}

type ExcelValue = ExcelJS.CellValue;

function resultValue(v: SpecCell["v"]): ExcelJS.CellFormulaValue["result"] | undefined {
  if (v === undefined || v === null) return undefined;
  if (isCellError(v)) return { error: v.code } as ExcelJS.CellErrorValue;
  return typeof v === "string" ? encodeOoxmlEscapes(v) : v;
}

function cellValue(cell: SpecCell, dateShift: number): ExcelValue {
  const v = cell.v;
  if (cell.f !== undefined) {
    let result = resultValue(v);
    if (cell.date && typeof result === "number") result -= dateShift;
    const formula = addFutureFunctionPrefixes(cell.f.replace(/^=/, ""));
    return result === undefined ? { formula } : { formula, result };
  }
  if (v === undefined || v === null) return null;
  if (isCellError(v)) return { error: v.code } as ExcelJS.CellErrorValue;
  if (cell.date && typeof v === "number") return v - dateShift;
  return typeof v === "string" ? encodeOoxmlEscapes(v) : v;
}

/** Renders the spec into an exceljs Workbook (not yet written). Throws SheetSpecError. */
export function renderWorkbook(spec: WorkbookSpec, opts: RenderOptions = {}): ExcelJS.Workbook {
  const problems = checkWorkbookSpec(spec);
  if (problems.length) {
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : "";
    throw new SheetSpecError(`The sheet spec cannot be written: ${problems.slice(0, 10).join(" ")}${more}`, problems);
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? "AluTrace";
  if (opts.date1904) wb.properties.date1904 = true;
  const dateShift = opts.date1904 ? DATE_1904_SHIFT : 0;
  const styles = new StyleCache();

  for (const s of spec.sheets) renderSheet(wb, s, styles, dateShift);

  const firstVisible = Math.max(0, spec.sheets.findIndex((s) => (s.visibility ?? "visible") === "visible"));
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: firstVisible, visibility: "visible" }];

  for (const d of spec.definedNames ?? []) wb.definedNames.add(d.ref.replace(/^=/, ""), d.name);
  if (opts.markOwnership !== false) {
    for (const s of spec.sheets) wb.definedNames.add(ownershipMarkRef(s.name), ownershipMarkName(s.kind, s.name));
  }
  return wb;
}

function renderSheet(wb: ExcelJS.Workbook, s: SheetSpec, styles: StyleCache, dateShift: number): void {
  const ws = wb.addWorksheet(s.name, {
    state: s.visibility ?? "visible",
    ...(s.tabColor ? { properties: { tabColor: { argb: argb(s.tabColor) } } } : {}),
  });
  (s.columnWidths ?? []).forEach((w, i) => {
    if (typeof w === "number" && w > 0) ws.getColumn(i + 1).width = w;
  });

  for (let r = 0; r < s.rows.length; r++) {
    const src = s.rows[r];
    if (!src || src.length === 0) continue;
    const row = ws.getRow(r + 1);
    for (let c = 0; c < src.length; c++) {
      const sc = src[c];
      if (!sc) continue;
      const numFmt = effectiveNumFmt(sc);
      const value = cellValue(sc, dateShift);
      const style = styles.get(sc, numFmt);
      if (value === null && !style && sc.note === undefined) continue;
      const cell = row.getCell(c + 1);
      if (value !== null) cell.value = value;
      if (style) cell.style = style;
      if (sc.note !== undefined && sc.note !== "") cell.note = sc.note;
    }
  }

  for (const m of s.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const t of s.tables ?? []) addTable(ws, s, t.name, t.range, dateShift);
  for (const v of s.validations ?? []) addValidation(ws, v);

  if (s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0)) {
    ws.views = [{ state: "frozen", xSplit: s.freeze.cols, ySplit: s.freeze.rows, topLeftCell: a1(s.freeze.rows, s.freeze.cols) }];
  }
}

function addTable(ws: ExcelJS.Worksheet, s: SheetSpec, name: string, range: CellRange, dateShift: number): void {
  // Excel needs at least one data row under the header.
  const bottom = Math.max(range.bottom, range.top + 1);
  const seen = new Set<string>();
  const columns: ExcelJS.TableColumnProperties[] = [];
  for (let c = range.left; c <= range.right; c++) {
    const v = s.rows[range.top]?.[c]?.v;
    let base = v === undefined || v === null || isCellError(v) ? "" : String(v).replace(/[\r\n]+/g, " ").trim();
    if (base === "") base = `Column${c - range.left + 1}`;
    // Table column names must be unique (case-insensitive); Excel appends a number, so do we.
    let colName = base;
    for (let k = 2; seen.has(colName.toUpperCase()); k++) colName = `${base}${k}`;
    seen.add(colName.toUpperCase());
    columns.push({ name: colName, filterButton: true });
  }
  // Rows from the spec, not read back from the cells: exceljs's value getter drops falsy formula
  // results (0, false, ""), and the table writes these values into the cells again.
  const rows: ExcelValue[][] = [];
  for (let r = range.top + 1; r <= bottom; r++) {
    const vals: ExcelValue[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const sc = s.rows[r]?.[c];
      vals.push(sc ? cellValue(sc, dateShift) : null);
    }
    rows.push(vals);
  }
  ws.addTable({
    name,
    displayName: name,
    ref: a1(range.top, range.left),
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns,
    rows,
  } as ExcelJS.TableProperties);
}

/** Serial → the Date exceljs turns back into that serial when it writes a date validation. */
function serialDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function addValidation(ws: ExcelJS.Worksheet, v: DataValidationSpec): void {
  const common = {
    allowBlank: v.allowBlank,
    showErrorMessage: true,
    errorStyle: "stop",
    ...(v.error ? { error: v.error } : {}),
    ...(v.prompt ? { showInputMessage: true, prompt: v.prompt } : {}),
  };
  let dv: ExcelJS.DataValidation;
  if (v.type === "list") {
    dv = { type: "list", formulae: [v.source.replace(/^=/, "")], ...common } as ExcelJS.DataValidation;
  } else if (v.type === "decimal") {
    const num = (n: number): string => String(n).toUpperCase();
    if (v.min !== undefined && v.max !== undefined) dv = { type: "decimal", operator: "between", formulae: [num(v.min), num(v.max)], ...common } as ExcelJS.DataValidation;
    else if (v.min !== undefined) dv = { type: "decimal", operator: "greaterThanOrEqual", formulae: [num(v.min)], ...common } as ExcelJS.DataValidation;
    else if (v.max !== undefined) dv = { type: "decimal", operator: "lessThanOrEqual", formulae: [num(v.max)], ...common } as ExcelJS.DataValidation;
    else dv = { type: "decimal", operator: "between", formulae: ["-1E+307", "1E+307"], ...common } as ExcelJS.DataValidation;
  } else {
    // Any real date: 1900-01-01 … 9999-12-31.
    dv = { type: "date", operator: "between", formulae: [serialDate(1), serialDate(2958465)], ...common } as ExcelJS.DataValidation;
  }
  // One rule for the whole range (exceljs's per-cell API would store one object per cell).
  const dvs = (ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  dvs.add(rangeRef(v.range), dv);
}

/** The spec as .xlsx bytes. */
export async function toBuffer(spec: WorkbookSpec, opts: RenderOptions = {}): Promise<Buffer> {
  const wb = renderWorkbook(spec, opts);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}

/**
 * Writes the spec to `filePath`. The file appears complete or not at all: bytes go to a temporary
 * file next to it, which is then renamed over the target.
 */
export async function writeWorkbookFile(spec: WorkbookSpec, filePath: string, opts: RenderOptions = {}): Promise<void> {
  await writeFileAtomic(filePath, await toBuffer(spec, opts));
}

export async function writeFileAtomic(filePath: string, data: Buffer): Promise<void> {
  const dir = path.dirname(path.resolve(filePath));
  const tmp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, filePath);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
export { appendToWorkbook } from "./append";
