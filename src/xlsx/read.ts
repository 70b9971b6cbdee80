/**
 * .xlsx → WorkbookGrids with exceljs. The package is checked first (package.ts: file type, zip-bomb
 * and size limits), then exceljs parses it (Workbook.xlsx.load, skipping sheet parts we never use),
 * and each worksheet becomes a Grid the core can validate.
 *
 * Cell mapping: numbers, text, booleans as is; rich text → its plain text; hyperlink → its text;
 * formula → its cached result (no cached result → null + an entry in `formulasWithoutResult`);
 * error → CellError; date → Excel serial (in the workbook's own date system, see `date1904`) with the
 * number format kept in `numberFormats`; merged non-anchor cells → null. Trailing blank cells and
 * rows are trimmed (rows are ragged), so an inflated used range costs nothing.
 */
import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import type { Cell, CellRange, ExcelErrorCode, Grid, WorkbookGrids } from "../core/cells";
import { cellError, isExcelErrorCode } from "../core/cells";
import { findOwnedSheets } from "../sheet/ownership";
import { DEFAULT_READ_LIMITS, inspectPackage, InspectedPackage, ReadLimits, WorkbookReadError } from "./package";
import { encodeXmlAttr, findElements } from "./xml";
import { writeZip } from "./zip";
import { applyExceljsPatches } from "./patches";

export { WorkbookReadError, DEFAULT_READ_LIMITS } from "./package";
export type { ReadLimits, WorkbookReadErrorCode } from "./package";

export interface ReadOptions {
  /** Override some of DEFAULT_READ_LIMITS. */
  readonly limits?: Partial<ReadLimits>;
  /** Name for messages and provenance; defaults to the file's base name, or "The workbook". */
  readonly sourceName?: string;
}

/**
 * Sheet parts exceljs would parse but grids never use. Skipping them saves time and, for
 * dataValidations, a lot of memory: exceljs expands every validation range into one object per
 * cell, so a rule on A2:A1048576 alone would make a million entries.
 */
const IGNORED_NODES = [
  "dataValidations",
  "conditionalFormatting",
  "extLst",
  "hyperlinks",
  "pageSetup",
  "pageMargins",
  "printOptions",
  "headerFooter",
  "rowBreaks",
  "picture",
  "drawing",
  "sheetProtection",
  "autoFilter",
];

const EMPTY_ROW: readonly Cell[] = Object.freeze([]) as readonly Cell[];
const EMPTY_FORMATS: readonly (string | undefined)[] = Object.freeze([]) as readonly (string | undefined)[];
const MS_PER_DAY = 86_400_000;

/** Reads a workbook file or buffer into grids. Throws WorkbookReadError for files it refuses. */
export async function readWorkbook(input: string | Buffer | Uint8Array | ArrayBuffer, opts: ReadOptions = {}): Promise<WorkbookGrids> {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...opts.limits };
  let buf: Buffer;
  let sourceName = opts.sourceName;
  if (typeof input === "string") {
    sourceName ??= path.basename(input);
    buf = await readFileChecked(input, sourceName, limits);
  } else if (Buffer.isBuffer(input)) buf = input;
  else if (input instanceof ArrayBuffer) buf = Buffer.from(input);
  else buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const label = sourceName ? `"${sourceName}"` : "The workbook";

  const pkg = inspectPackage(buf, label, limits);
  applyExceljsPatches();
  const wb = new ExcelJS.Workbook();
  try {
    // `ignoreNodes` is an exceljs load option missing from its type declarations.
    await wb.xlsx.load(normaliseForExceljs(buf, pkg) as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES } as unknown as Partial<ExcelJS.XlsxReadOptions>);
  } catch (e) {
    // A TypeError is exceljs tripping over XML it does not expect (cells without references, prefixed
    // namespaces …): its text ("Cannot read properties of undefined") would mean nothing to a user.
    const why = e instanceof TypeError ? "its XML is not laid out the way Excel writes it (the program that made it writes a variant AluTrace's reader does not follow)" : (e as Error).message;
    throw new WorkbookReadError("damaged", `${label} could not be read as an Excel workbook: ${why}. Try opening and re-saving it in Excel.`);
  }
  // Never lose a sheet silently: every worksheet the workbook lists must have been parsed.
  const parsed = new Set(wb.worksheets.map((w) => w.name.toUpperCase()));
  const missing = pkg.worksheets.filter((w) => !parsed.has(w.name.toUpperCase()));
  if (missing.length) {
    throw new WorkbookReadError(
      "damaged",
      `${label}: sheet ${missing.map((m) => `"${m.name}"`).join(", ")} could not be read (its part ${missing[0].part} is missing or unreadable). Try opening and re-saving the file in Excel.`,
    );
  }

  const date1904 = pkg.workbook.date1904 || !!wb.properties?.date1904;
  const sheets: Grid[] = [];
  const budget = { left: limits.maxCells, limit: limits.maxCells, label };
  for (const ws of wb.worksheets) sheets.push(sheetToGrid(ws, date1904, budget));

  const sheetNames = sheets.map((s) => s.name);
  const globalNames = pkg.workbook.definedNames.filter((n) => n.localSheetId === undefined);
  // In tab order (name order varies: LibreOffice sorts defined names).
  const owned = new Map(findOwnedSheets(globalNames, sheetNames).map((o) => [o.sheetName, o.kind]));
  const ownedSheets = sheetNames.filter((n) => owned.has(n));
  return {
    sheets,
    ...(date1904 ? { date1904: true } : {}),
    ownedSheets,
    ownership: ownedSheets.map((n) => ({ sheet: n, kind: owned.get(n)! })),
    ...(sourceName !== undefined ? { sourceName } : {}),
  };
}

async function readFileChecked(file: string, label: string, limits: ReadLimits): Promise<Buffer> {
  let size: number;
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) throw new WorkbookReadError("not-found", `"${label}" is not a file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError("not-found", `Cannot open "${label}": ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}.`);
  }
  if (size > limits.maxFileBytes) {
    const mb = (n: number): string => `${Math.round((n / 1048576) * 10) / 10} MB`;
    throw new WorkbookReadError("too-large", `"${label}" is ${mb(size)}; AluTrace reads workbooks up to ${mb(limits.maxFileBytes)}.`, {
      limit: limits.maxFileBytes,
      actual: size,
    });
  }
  return fs.promises.readFile(file);
}

interface CellBudget {
  left: number;
  readonly limit: number;
  readonly label: string;
}

/**
 * exceljs only finds worksheets stored at xl/worksheets/sheetN.xml. Packages from other producers
 * may use other part names; this renames such parts (in a copy; compressed bytes are reused) and
 * points the workbook's relationships at the new names. Returns `buf` itself when nothing is odd.
 */
function normaliseForExceljs(buf: Buffer, pkg: InspectedPackage): Buffer {
  const odd = pkg.worksheets.filter((w) => !/^xl\/worksheets\/sheet\d+\.xml$/.test(w.part) && pkg.dir.byName.has(w.part));
  if (odd.length === 0) return buf;
  const used = new Set(pkg.dir.entries.map((e) => e.name));
  const renames = new Map<string, string>();
  let n = 1;
  for (const w of odd) {
    while (used.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const to = `xl/worksheets/sheet${n}.xml`;
    used.add(to);
    renames.set(w.part, to);
    const relsFrom = w.part.replace(/([^/]+)$/, "_rels/$1.rels");
    if (pkg.dir.byName.has(relsFrom)) renames.set(relsFrom, `xl/worksheets/_rels/sheet${n}.xml.rels`);
  }
  // Point each renamed sheet's relationship at its new part (edits from the end keep offsets valid).
  let relsXml = pkg.workbookRelsXml;
  const els = findElements(relsXml, "Relationship").filter((el) => odd.some((w) => w.relId === el.attrs.get("Id")));
  for (const el of els.reverse()) {
    const w = odd.find((x) => x.relId === el.attrs.get("Id"))!;
    const attrs = new Map(el.attrs);
    attrs.set("Target", `/${renames.get(w.part)}`);
    const text = `<${el.qname}${[...attrs].map(([k, v]) => ` ${k}="${encodeXmlAttr(v)}"`).join("")}/>`;
    relsXml = relsXml.slice(0, el.start) + text + relsXml.slice(el.end);
  }
  return writeZip(
    pkg.dir.entries.map((e) =>
      e.name === "xl/_rels/workbook.xml.rels"
        ? { name: e.name, data: Buffer.from(relsXml, "utf8"), level: 1 }
        : { name: renames.get(e.name) ?? e.name, copyFrom: buf, entry: e },
    ),
  );
}

function sheetToGrid(ws: ExcelJS.Worksheet, date1904: boolean, budget: CellBudget): Grid {
  const dateOffset = 25569 - (date1904 ? 1462 : 0);
  const values: (readonly Cell[])[] = [];
  let formats: ((string | undefined)[] | undefined)[] | undefined;
  const hiddenRows: number[] = [];
  const noResult: { row: number; col: number }[] = [];

  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const vals: Cell[] = [];
    let fmts: (string | undefined)[] | undefined;
    let last = -1;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      const v = cellValue(cell, dateOffset, r, c, noResult);
      if (v === null) return;
      vals[c] = v;
      last = c;
      const f = cell.numFmt;
      if (f && f !== "General") (fmts ??= [])[c] = f;
    });
    if (last < 0) return;
    vals.length = last + 1;
    // Fill holes so that every consumer sees null, never undefined.
    for (let c = 0; c <= last; c++) if (vals[c] === undefined) vals[c] = null;
    budget.left -= last + 1;
    if (budget.left < 0) {
      throw new WorkbookReadError(
        "too-many-cells",
        `${budget.label} has more than ${budget.limit.toLocaleString("en")} cells with data (sheet "${ws.name}" reaches row ${rowNumber}); split it into smaller files.`,
        { limit: budget.limit },
      );
    }
    while (values.length < r) values.push(EMPTY_ROW);
    values.push(vals);
    if (fmts) {
      formats ??= [];
      formats[r] = fmts;
    }
    if (row.hidden) hiddenRows.push(r);
  });

  // Same row count as values; rows without any format share one empty array.
  if (formats) for (let r = 0; r < values.length; r++) if (formats[r] === undefined) formats[r] = EMPTY_FORMATS as (string | undefined)[];
  const merges = readMerges(ws);
  const state = ws.state as string;
  return {
    name: ws.name,
    values,
    ...(formats ? { numberFormats: formats as (readonly (string | undefined)[])[] } : {}),
    ...(hiddenRows.length ? { hiddenRows } : {}),
    ...(merges.length ? { merges } : {}),
    ...(state === "hidden" || state === "veryHidden" ? { hidden: true } : {}),
    ...(noResult.length ? { formulasWithoutResult: noResult } : {}),
  };
}

function cellValue(cell: ExcelJS.Cell, dateOffset: number, r: number, c: number, noResult: { row: number; col: number }[]): Cell {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge: // a merged area's other cells are blank, as in Excel
      return null;
    case ExcelJS.ValueType.Number:
      return finite(cell.value as number);
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return decodeOoxmlEscapes(cell.value as string);
    case ExcelJS.ValueType.Boolean:
      return cell.value as boolean;
    case ExcelJS.ValueType.Date:
      return dateSerial(cell.value as Date, dateOffset);
    case ExcelJS.ValueType.RichText:
      return richTextToString(cell.value);
    case ExcelJS.ValueType.Hyperlink: {
      const t = (cell.value as ExcelJS.CellHyperlinkValue).text as unknown;
      return typeof t === "string" ? decodeOoxmlEscapes(t) : richTextToString(t);
    }
    case ExcelJS.ValueType.Error:
      return toCellError((cell.value as ExcelJS.CellErrorValue).error);
    case ExcelJS.ValueType.Formula: {
      // `cell.result`, not `cell.value.result`: exceljs's value getter drops falsy results (0, false, "").
      const res = cell.result as unknown;
      if (res === undefined || res === null) {
        noResult.push({ row: r, col: c });
        return null;
      }
      if (typeof res === "number") return finite(res);
      if (typeof res === "string") return decodeOoxmlEscapes(res);
      if (typeof res === "boolean") return res;
      if (res instanceof Date) return dateSerial(res, dateOffset);
      if (typeof res === "object" && typeof (res as ExcelJS.CellErrorValue).error === "string") return toCellError((res as ExcelJS.CellErrorValue).error);
      noResult.push({ row: r, col: c });
      return null;
    }
    default:
      return null;
  }
}

/** Inverse of exceljs's serial → Date (ms since 1970 = round((serial − offset) × 86 400 000)). */
function dateSerial(d: Date, dateOffset: number): Cell {
  const ms = d.getTime();
  return Number.isFinite(ms) ? ms / MS_PER_DAY + dateOffset : cellError("#VALUE!");
}

/** A number cell holding "NaN"/"INF" text is damaged data, not a number. */
function finite(n: number): Cell {
  return Number.isFinite(n) ? n : cellError("#NUM!");
}

function toCellError(code: string): Cell {
  return cellError(isExcelErrorCode(code) ? code : ("#UNKNOWN!" as ExcelErrorCode));
}

function richTextToString(v: unknown): string {
  const runs = (v as { richText?: { text?: string }[] } | undefined)?.richText;
  if (!Array.isArray(runs)) return "";
  let s = "";
  for (const run of runs) if (typeof run.text === "string") s += run.text;
  return decodeOoxmlEscapes(s);
}

/**
 * Excel stores characters XML cannot carry (e.g. CR) as _xHHHH_ and a literal "_x" as _x005F_x;
 * exceljs leaves these escapes in the text.
 */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function readMerges(ws: ExcelJS.Worksheet): CellRange[] {
  // exceljs keeps merges in a private map; `ws.model.merges` would serialise the whole sheet.
  const map = (ws as unknown as { _merges?: Record<string, { model?: { top: number; left: number; bottom: number; right: number } }> })._merges;
  const out: CellRange[] = [];
  if (!map) return out;
  for (const key of Object.keys(map)) {
    const m = map[key]?.model;
    if (m) out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}
