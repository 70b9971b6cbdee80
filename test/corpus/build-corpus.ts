/**
 * A corpus of small faulty supplier workbooks, one or more per kind of real-world fault (issue #4),
 * each built directly with exceljs (plus a byte-level patch where exceljs cannot write the fault:
 * inline strings, lying ZIP sizes, bad sheet names, WPS parts) and each carrying the EXACT findings
 * `alutrace validate FILE --json` must report, or the refusal it must give.
 *
 * Every case starts from the same valid rolling mill (test/helpers/fixtures `smallMill`, laid out as
 * the bilingual template: title row 1, purpose row 2, headers row 3, data from row 4) and plants one
 * kind of fault. Column letters of that layout, for reading the expectations:
 *   01_Supplier        A supplier_id B legal_name_en C legal_name_zh D uscc E site_name F country G period_start H period_end I contact_email
 *   02_Products        A product_id B product_name C product_form D alloy E cn_code F declared_unit G mass_per_declared_unit_kg
 *   03_Metal_Inputs    A input_id B product_id C input_class D mass_t E recycled_share F post_consumer_share G al_content
 *                      H source_supplier I source_smelter_id J coc_model K evidence_id
 *                      rows 4 I1 primary_ingot 600 (SM1) · 5 I2 pre-consumer 160 · 6 I3 post-consumer 200 · 7 I4 run-around 300 · 8 I5 alloying 40
 *   04_Primary_Sources A smelter_id B smelter_name C alumina_per_al D refinery_id E refinery_share F refinery_process G bauxite_type
 *                      H redmud_per_alumina I value_type J evidence_id; rows 4 SM1/RF1 60 % 1.2 · 5 SM1/RF2 40 % 1.6
 *   05_Refinery_RedMud A refinery_id B alumina_output_t C mass_basis D moisture E moisture_basis F generated_t G utilised_new_t
 *                      H stored_new_t I disposed_new_t …; row 4 RF1 1,000,000 / 1,200,000 / 126,000 / 1,074,000 / 0
 *   06_RedMud_Pathways A refinery_id B pathway_code C mass_t; rows 4–6 (1,074,000 / 96,000 / 30,000)
 *   07_Outputs         A product_id B output_t C process_scrap_out_t D dross_t E metal_loss_t; rows 4 P1 600/20/10 · 5 P2 360/5/5
 * Metal balance of the base: inputs without run-around 1,000 t = outputs + scrap + dross 1,000 t.
 *
 * `npx ts-node test/corpus/build-corpus.ts DIR` is not needed: corpus.test.ts writes the files into
 * a temporary folder; `writeCorpus(dir)` does the same for a person who wants to open them.
 */
import * as ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Cell } from "../../src/core/cells";
import { isCellError } from "../../src/core/cells";
import type { Severity } from "../../src/core/findings";
import { HEADER_ROW, Language, TEMPLATE_SHEETS, TemplateSheetKey, headerText } from "../../src/core/template/spec";
import type { WorkbookReadErrorCode } from "../../src/xlsx/package";
import { extractEntry, readZipDirectory, writeZip } from "../../src/xlsx/zip";
import { computeReport } from "../../src/core/report/compute";
import { buildReport } from "../../src/core/report/tabs";
import { buildTemplate } from "../../src/core/template/build";
import { validateTemplate } from "../../src/core/template/validate";
import { findingsSheetSpec } from "../../src/excel/findings-sheet";
import { appendToWorkbookBuffer } from "../../src/xlsx/append";
import { readWorkbook } from "../../src/xlsx/read";
import { toBuffer } from "../../src/xlsx/write";
import { RowInput, serial, smallMill } from "../helpers/fixtures";

export interface ExpectedFinding {
  sheet: string;
  cell: string;
  code: string;
  severity: Severity;
}

/** The kinds of fault named in issue #4; every kind has at least one case. */
export type FaultKind =
  | "numbers-as-text"
  | "percentages"
  | "units"
  | "dates"
  | "placeholders-vs-errors"
  | "layout"
  | "identifiers"
  | "xlsx-content"
  | "damaged-or-not-xlsx"
  | "formula-injection-and-sheet-names";

export interface CorpusCase {
  /** File name written into the corpus folder. */
  readonly file: string;
  readonly kind: FaultKind;
  /** What is wrong with the file, as a supplier would have done it. */
  readonly fault: string;
  /** How the file is built (exceljs calls, byte patches). */
  readonly how: string;
  readonly build: () => Promise<Buffer>;
  /** Exactly the findings `alutrace validate FILE --json` reports (any order). */
  readonly expected: readonly ExpectedFinding[];
  /** Files refused before validation: exit code 2, this code's message on stderr, no findings. */
  readonly refusal?: { readonly code: WorkbookReadErrorCode; readonly message: RegExp };
  /**
   * Why the task pane cannot see this file's cells as they are (Excel calculates formulas on open,
   * repairs or refuses broken files); absent when it reads the same cells and must agree.
   */
  readonly officeDiffers?: string;
  /** With officeDiffers, the findings the task pane gives instead, where it can open the file at all. */
  readonly officeExpected?: readonly ExpectedFinding[];
  /**
   * With officeExpected, the workbook as Excel shows it once opened, where exceljs cannot load the
   * file itself (default: `build`).
   */
  readonly officeBuild?: () => Promise<Buffer>;
  /**
   * Another case (file name) whose findings this file must reproduce word for word, messages
   * included: e.g. the same workbook before a report was written into it.
   */
  readonly sameFindingsAs?: string;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

type Data = Partial<Record<TemplateSheetKey, RowInput[]>>;

interface ColumnLayout {
  /** Template column key, or null for a column that is not ours. */
  readonly key: string | null;
  readonly header: string;
}

interface Layout {
  readonly lang?: Language;
  /** Sheet names instead of the template's. */
  readonly names?: Partial<Record<TemplateSheetKey, string>>;
  /** Tab order (default: template order). */
  readonly order?: readonly TemplateSheetKey[];
  /** 1-based header row per sheet (default 3: title, purpose, headers). */
  readonly headerRow?: Partial<Record<TemplateSheetKey, number>>;
  /** Explicit column layout per sheet (order, header texts, foreign columns). */
  readonly columns?: Partial<Record<TemplateSheetKey, readonly ColumnLayout[]>>;
  readonly date1904?: boolean;
}

export interface Book {
  readonly wb: ExcelJS.Workbook;
  ws(key: TemplateSheetKey): ExcelJS.Worksheet;
  /** The cell of a template column in data row `i` (0-based) of a sheet. */
  cell(key: TemplateSheetKey, i: number, column: string): ExcelJS.Cell;
}

const DATE_COLUMNS = new Set(["period_start", "period_end", "doc_date"]);

function toExcel(v: Cell | undefined): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (isCellError(v)) return { error: v.code } as ExcelJS.CellErrorValue;
  return v;
}

/** A filled template as an exceljs workbook, laid out like AluTrace's own (or as `layout` says). */
export function templateBook(data: Data = smallMill(), layout: Layout = {}): Book {
  const wb = new ExcelJS.Workbook();
  if (layout.date1904) wb.properties.date1904 = true;
  const lang = layout.lang ?? "bilingual";
  const sheets = new Map<TemplateSheetKey, { ws: ExcelJS.Worksheet; cols: ColumnLayout[]; header: number }>();
  const order = layout.order ?? TEMPLATE_SHEETS.map((s) => s.key);
  for (const key of order) {
    const rows = data[key];
    if (!rows) continue;
    const spec = TEMPLATE_SHEETS.find((s) => s.key === key)!;
    const ws = wb.addWorksheet(layout.names?.[key] ?? spec.name);
    const header = layout.headerRow?.[key] ?? HEADER_ROW + 1;
    const cols = [...(layout.columns?.[key] ?? spec.columns.map((c) => ({ key: c.key, header: headerText(c, lang) })))];
    if (header >= 3) {
      ws.getCell(1, 1).value = spec.title.en;
      ws.getCell(2, 1).value = spec.purpose.en;
    }
    cols.forEach((c, j) => (ws.getCell(header, j + 1).value = c.header));
    rows.forEach((r, i) => {
      cols.forEach((c, j) => {
        if (!c.key) return;
        const cell = ws.getCell(header + 1 + i, j + 1);
        cell.value = toExcel(r[c.key]);
        if (DATE_COLUMNS.has(c.key) && typeof r[c.key] === "number") cell.numFmt = "yyyy-mm-dd";
      });
    });
    sheets.set(key, { ws, cols, header });
  }
  const get = (key: TemplateSheetKey) => {
    const s = sheets.get(key);
    if (!s) throw new Error(`no sheet ${key} in this book`);
    return s;
  };
  return {
    wb,
    ws: (key) => get(key).ws,
    cell: (key, i, column) => {
      const s = get(key);
      const j = s.cols.findIndex((c) => c.key === column);
      if (j < 0) throw new Error(`no column ${column} on ${key}`);
      return s.ws.getCell(s.header + 1 + i, j + 1);
    },
  };
}

async function bytes(b: Book | ExcelJS.Workbook): Promise<Buffer> {
  const wb = "wb" in b ? b.wb : b;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rewrites one part of a package (for what exceljs cannot write). */
export function patchPart(buf: Buffer, part: string, edit: (xml: string) => string): Buffer {
  const dir = readZipDirectory(buf);
  if (!dir.byName.has(part)) throw new Error(`no part ${part}`);
  return writeZip(dir.entries.map((e) => (e.name === part ? { name: e.name, data: Buffer.from(edit(extractEntry(buf, e).toString("utf8")), "utf8") } : { name: e.name, copyFrom: buf, entry: e })));
}

function addParts(buf: Buffer, parts: { name: string; data: Buffer; level?: number }[]): Buffer {
  const dir = readZipDirectory(buf);
  return writeZip([...dir.entries.map((e) => ({ name: e.name, copyFrom: buf, entry: e })), ...parts]);
}

/** exceljs writes the n-th worksheet (1-based, tab order) to xl/worksheets/sheetN.xml. */
const sheetPart = (n: number) => `xl/worksheets/sheet${n}.xml`;

/** Replaces the shared-string cell `ref` of a sheet part by an inline string (t="inlineStr"). */
function inlineString(xml: string, ref: string, inner: string): string {
  const re = new RegExp(`<c r="${ref}"([^>]*?) t="s"><v>\\d+</v></c>`);
  if (!re.test(xml)) throw new Error(`no shared-string cell ${ref}`);
  return xml.replace(re, `<c r="${ref}"$1 t="inlineStr"><is>${inner}</is></c>`);
}

const f = (sheet: string, cell: string, severity: Severity, code: string): ExpectedFinding => ({ sheet, cell, code, severity });
const S = "01_Supplier";
const P = "02_Products";
const I = "03_Metal_Inputs";
const PS = "04_Primary_Sources";
const R = "05_Refinery_RedMud";
const PW = "06_RedMud_Pathways";
const O = "07_Outputs";

/**
 * AluTrace's own template (buildTemplate: instructions, template sheets with tables and dropdowns,
 * the very hidden code-list sheet, an ownership mark on each) rendered by the real renderer and
 * filled with `data` as a supplier would fill it, template sheets renamed as `names` says (the
 * marks follow, as they do when a user renames a sheet in Excel). `edit` may plant a fault.
 */
async function filledTemplate(data: Data, names: Partial<Record<TemplateSheetKey, string>> = {}, edit?: (key: TemplateSheetKey, i: number, column: string) => Cell | undefined, drop: readonly TemplateSheetKey[] = []): Promise<Buffer> {
  const spec = buildTemplate("bilingual");
  // Sheets the supplier deleted because it had nothing to put there.
  spec.sheets = spec.sheets.filter((x) => !drop.some((k) => TEMPLATE_SHEETS.find((t) => t.key === k)!.name === x.name));
  for (const sheet of spec.sheets) {
    const t = TEMPLATE_SHEETS.find((x) => x.name === sheet.name && sheet.kind === "template");
    if (!t) continue;
    const rows = data[t.key] ?? [];
    rows.forEach((r, i) => {
      const row = sheet.rows[HEADER_ROW + 1 + i];
      if (!row) throw new Error(`${t.name}: more rows than the template's blank rows`);
      t.columns.forEach((c, j) => {
        const v = edit?.(t.key, i, c.key) ?? r[c.key];
        if (v !== undefined && v !== null) row[j] = { ...row[j], v };
      });
    });
    sheet.name = names[t.key] ?? sheet.name;
  }
  return toBuffer(spec);
}

/** Runs the report pipeline of `alutrace report` on the bytes and appends the report tabs (and optionally a findings sheet). */
async function withReport(buf: Buffer, opts: { findingsSheet?: boolean } = {}): Promise<Buffer> {
  const v = validateTemplate(await readWorkbook(buf));
  if (v.errors > 0) throw new Error(`corpus: the workbook has errors, no report: ${v.findings.filter((x) => x.severity === "error").map((x) => `${x.sheet}!${x.cell} ${x.code}`).join(", ")}`);
  const spec = buildReport(v, computeReport(v), { sourceName: "supplier.xlsx", alutraceVersion: "corpus", generatedAt: "2026-01-01T00:00:00Z" });
  let out = (await appendToWorkbookBuffer(buf, spec)).buffer;
  if (opts.findingsSheet) out = (await appendToWorkbookBuffer(out, { sheets: [findingsSheetSpec(v.findings)] })).buffer;
  return out;
}

/** The defined names (ownership marks among them) removed, as some programs do when they save a file. */
function dropDefinedNames(buf: Buffer): Buffer {
  return patchPart(buf, "xl/workbook.xml", (x) => x.replace(/<definedNames>[\s\S]*?<\/definedNames>/, ""));
}

/** The small mill with a complete footprint row for P1. */
function millWithFootprint(): Data {
  const d = smallMill();
  d.footprint = [
    { product_id: "P1", pcf_excl_biogenic: 8, pcf_incl_biogenic: 8, fossil_ghg: 7.9, scrap_method: "both", ghg_cut_off: 8, ghg_allocation: 10, ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.6, dqr_technological: 1.5, dqr_temporal: 1, dqr_geographical: 2 },
  ];
  return d;
}

/** Template sheets renamed (Chinese, "Sheet1"), as suppliers do. */
const RENAMED: Partial<Record<TemplateSheetKey, string>> = {
  supplier: "供应商",
  products: "产品",
  metal_inputs: "金属投入",
  primary_sources: "Sheet1",
  refinery_redmud: "赤泥",
  redmud_pathways: "去向",
  outputs: "产出",
};

/**
 * AluTrace's template filled with the small mill, sheets renamed, the optional footprint and
 * evidence sheets deleted (nothing to report there), one mass with its unit. Without them, the
 * report's R2_GWP tab (product, GWP columns) is the best match for a footprint sheet left in the
 * workbook — unless AluTrace's own sheets are kept out of the search.
 */
const renamedTemplate = (): Promise<Buffer> => filledTemplate(smallMill(), RENAMED, massAsText, ["footprint", "evidence"]);

/** One mass typed as text with a unit, so the verdict is not empty and must name a renamed sheet. */
const massAsText = (key: TemplateSheetKey, i: number, column: string): Cell | undefined => (key === "metal_inputs" && i === 1 && column === "mass_t" ? "160 t" : undefined);

/** Every tab renamed and in reverse order, the inputs sheet's headers in row 1, one mass as text. */
async function sheetsRenamedReordered(): Promise<Buffer> {
  const names = { supplier: "供应商", products: "产品", metal_inputs: "金属投入", primary_sources: "Sheet1", refinery_redmud: "赤泥", redmud_pathways: "去向", outputs: "产出" };
  const order = [...TEMPLATE_SHEETS.map((s) => s.key)].reverse();
  const b = templateBook(smallMill(), { names, order, headerRow: { metal_inputs: 1 } });
  b.cell("metal_inputs", 0, "mass_t").value = "600\u00a0";
  return bytes(b);
}

/** Formulas written without results (as a script writes them), or with the results Excel computes on opening. */
async function formulasWithoutResults(calculated: boolean): Promise<Buffer> {
  const b = templateBook();
  const r = <T>(x: T) => (calculated ? { result: x } : {});
  b.cell("outputs", 0, "process_scrap_out_t").value = { formula: "10+10", ...r(20) } as ExcelJS.CellFormulaValue;
  b.cell("metal_inputs", 0, "source_smelter_id").value = { formula: '"SM"&1', ...r("SM1") } as ExcelJS.CellFormulaValue;
  const ws = b.ws("metal_inputs");
  ws.getCell("H4").value = { formula: '"Vendor "&A4', shareType: "shared", ref: "H4:H6", ...r("Vendor I1") } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell("H5").value = { sharedFormula: "H4", ...r("Vendor I2") } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("H6").value = { sharedFormula: "H4", ...r("Vendor I3") } as ExcelJS.CellSharedFormulaValue;
  return bytes(b);
}

/** The base mill with the pre-consumer lot (row 5) turned into a secondary ingot with declared shares. */
function withSecondaryIngot(): Data {
  const d = smallMill();
  Object.assign(d.metal_inputs![1], { input_class: "secondary_ingot", recycled_share: 0.8, post_consumer_share: 0.5 });
  return d;
}

// ---------------------------------------------------------------------------------------------
// The corpus

const BASE: readonly CorpusCase[] = [
  {
    file: "valid-base.xlsx",
    kind: "layout",
    fault: "None: the rolling mill every other case starts from (the control).",
    how: "templateBook(smallMill()) written by exceljs.",
    build: () => bytes(templateBook()),
    expected: [],
  },

  // ---- numbers typed as text
  {
    file: "numbers-as-text.xlsx",
    kind: "numbers-as-text",
    fault: "Masses and tonnages typed or pasted as text: full-width digits, a decimal comma, an ideographic space, comma and NBSP thousands separators, dot thousands with a decimal comma.",
    how: "String values set with exceljs on 03_Metal_Inputs D4:D6 and 05_Refinery_RedMud F4:H4.",
    build: async () => {
      const b = templateBook();
      b.cell("metal_inputs", 0, "mass_t").value = "６００";
      b.cell("metal_inputs", 1, "mass_t").value = "160,0";
      b.cell("metal_inputs", 2, "mass_t").value = "200\u3000";
      b.cell("refinery_redmud", 0, "generated_t").value = "1,200,000";
      b.cell("refinery_redmud", 0, "utilised_new_t").value = "126\u00a0000";
      b.cell("refinery_redmud", 0, "stored_new_t").value = "1.074.000,0";
      return bytes(b);
    },
    expected: [
      f(I, "D4", "warning", "NUMBER_TEXT"),
      f(I, "D5", "warning", "NUMBER_TEXT"),
      f(I, "D6", "warning", "NUMBER_TEXT"),
      f(R, "F4", "warning", "NUMBER_TEXT"),
      f(R, "G4", "warning", "NUMBER_TEXT"),
      f(R, "H4", "warning", "NUMBER_TEXT"),
    ],
  },
  {
    file: "numbers-unreadable.xlsx",
    kind: "numbers-as-text",
    fault: "A negative loss typed with the Unicode minus sign (−5), a number whose separators cannot be told apart (5.0.0), a number too large to be one (1e400), and words in a number cell.",
    how: "String values on 07_Outputs E4, C5, E5 and 04_Primary_Sources C5.",
    build: async () => {
      const b = templateBook();
      b.cell("outputs", 0, "metal_loss_t").value = "\u22125";
      b.cell("outputs", 1, "process_scrap_out_t").value = "5.0.0";
      b.cell("outputs", 1, "metal_loss_t").value = "1e400";
      b.cell("primary_sources", 1, "alumina_per_al").value = "about two";
      return bytes(b);
    },
    expected: [
      // Minus sign read (a warning), then refused as a negative mass.
      f(O, "E4", "warning", "NUMBER_TEXT"),
      f(O, "E4", "error", "RANGE"),
      f(O, "C5", "error", "NUMBER_AMBIGUOUS"),
      f(O, "E5", "error", "TYPE"),
      f(PS, "C5", "error", "TYPE"),
    ],
  },

  // ---- percentages
  {
    file: "shares-percent-forms.xlsx",
    kind: "percentages",
    fault: "Shares as \"60 ％\" text (full-width sign), 40 in a cell whose format only shows a literal % (0\"%\"), 45 typed as percent points, and a percent-formatted 50 % (correct).",
    how: "04_Primary_Sources E4 text, E5 number 40 with numFmt '0\"%\"'; 03_Metal_Inputs row 5 made a secondary ingot: E5 = 45 (no format), F5 = 0.5 with numFmt '0%'.",
    build: async () => {
      const b = templateBook(withSecondaryIngot());
      b.cell("primary_sources", 0, "refinery_share").value = "60 ％";
      const e5 = b.cell("primary_sources", 1, "refinery_share");
      e5.value = 40;
      e5.numFmt = '0"%"';
      b.cell("metal_inputs", 1, "recycled_share").value = 45;
      const f5 = b.cell("metal_inputs", 1, "post_consumer_share");
      f5.value = 0.5;
      f5.numFmt = "0%";
      return bytes(b);
    },
    expected: [f(I, "E5", "warning", "PERCENT_POINTS"), f(PS, "E4", "warning", "PERCENT_TEXT"), f(PS, "E5", "warning", "PERCENT_POINTS")],
  },
  {
    file: "shares-mixed-conventions.xlsx",
    kind: "percentages",
    fault: "One column with two conventions: 60 (percent points) above 0.4 (a fraction) — so is 0.4 meant as 40 % or 0.4 %?",
    how: "04_Primary_Sources E4 = 60, E5 = 0.4, both without a number format.",
    build: async () => {
      const b = templateBook();
      b.cell("primary_sources", 0, "refinery_share").value = 60;
      b.cell("primary_sources", 1, "refinery_share").value = 0.4;
      return bytes(b);
    },
    expected: [f(PS, "E4", "warning", "PERCENT_POINTS"), f(PS, "E5", "warning", "PERCENT_MIXED")],
  },
  {
    file: "shares-out-of-range.xlsx",
    kind: "percentages",
    fault: "A refinery share of 150 % (1.5 in a percent-formatted cell) and a negative declared recycled share (−10 % as text).",
    how: "04_Primary_Sources E4 = 1.5 with numFmt '0%'; secondary ingot 03_Metal_Inputs E5 = \"-10%\".",
    build: async () => {
      const b = templateBook(withSecondaryIngot());
      const e4 = b.cell("primary_sources", 0, "refinery_share");
      e4.value = 1.5;
      e4.numFmt = "0%";
      b.cell("metal_inputs", 1, "recycled_share").value = "-10%";
      return bytes(b);
    },
    expected: [
      f(I, "E5", "warning", "PERCENT_TEXT"),
      f(I, "E5", "error", "RANGE"),
      f(PS, "E4", "error", "RANGE"),
    ],
  },

  // ---- units
  {
    file: "units-in-cells.xlsx",
    kind: "units",
    fault: "Unit words inside and beside numbers, English and Chinese: \"160000 kg\", \"0.02万吨\", \"40 吨\"; \"1.2 t/t\" in a ratio column; a piece weight as \"2500 g\" in a kg column.",
    how: "Strings on 03_Metal_Inputs D5, D6, D8, 04_Primary_Sources H4; product P2 made a per-piece product with G5 = \"2500 g\".",
    build: async () => {
      const d = smallMill();
      d.products![1].declared_unit = "piece";
      const b = templateBook(d);
      b.cell("metal_inputs", 1, "mass_t").value = "160000 kg";
      b.cell("metal_inputs", 2, "mass_t").value = "0.02万吨";
      b.cell("metal_inputs", 4, "mass_t").value = "40 吨";
      b.cell("primary_sources", 0, "redmud_per_alumina").value = "1.2 t/t";
      b.cell("products", 1, "mass_per_declared_unit_kg").value = "2500 g";
      return bytes(b);
    },
    expected: [
      f(P, "G5", "warning", "UNIT_CONVERTED"),
      f(I, "D5", "warning", "UNIT_CONVERTED"),
      f(I, "D6", "warning", "UNIT_CONVERTED"),
      f(I, "D8", "warning", "UNIT_CONVERTED"),
      f(PS, "H4", "warning", "UNIT_TEXT"),
    ],
  },
  {
    file: "units-ambiguous.xlsx",
    kind: "units",
    fault: "Ambiguous units: \"160 ton\" (short, long or metric?), \"200 MT\" (metric ton or megatonne?), \"1600 kg/t\" in a t/t column; the masses left unread unbalance the site.",
    how: "Strings on 03_Metal_Inputs D5, D6 and 04_Primary_Sources H5.",
    build: async () => {
      const b = templateBook();
      b.cell("metal_inputs", 1, "mass_t").value = "160 ton";
      b.cell("metal_inputs", 2, "mass_t").value = "200 MT";
      b.cell("primary_sources", 1, "redmud_per_alumina").value = "1600 kg/t";
      return bytes(b);
    },
    expected: [
      f(I, "D5", "error", "UNIT"),
      f(I, "D6", "error", "UNIT"),
      f(PS, "H5", "error", "UNIT"),
      // Inputs without the two unread masses: 640 t against 1,000 t out.
      f(O, "A3", "warning", "V9"),
    ],
  },
  {
    file: "units-in-headers.xlsx",
    kind: "units",
    fault: "A supplier rewrote the mass header as \"Mass (kg) / 质量（千克）\" and entered kilograms; another header says \"(MT)\".",
    how: "03_Metal_Inputs D3 header text replaced and D4:D8 multiplied by 1000; 07_Outputs B3 header \"Saleable output (MT)\".",
    build: async () => {
      const b = templateBook();
      b.ws("metal_inputs").getCell("D3").value = "Mass (kg) / 质量（千克）";
      for (let i = 0; i < 5; i++) {
        const c = b.cell("metal_inputs", i, "mass_t");
        c.value = (c.value as number) * 1000;
      }
      b.ws("outputs").getCell("B3").value = "Saleable output (MT)";
      return bytes(b);
    },
    expected: [
      f(I, "D3", "error", "HEADER_UNIT"),
      f(O, "A3", "warning", "V9"),
      f(O, "B3", "warning", "HEADER_UNIT"),
    ],
  },

  // ---- dates
  {
    file: "dates-1904.xlsx",
    kind: "dates",
    fault: "None in the data: an old Mac workbook whose dates count from 1904 (serials 1,462 lower).",
    how: "workbook.properties.date1904 = true; G4/H4 hold the 1904-system serials of 2025-01-01 and 2025-12-31 with a date format.",
    build: async () => {
      const d = smallMill();
      d.supplier![0].period_start = serial(2025, 1, 1) - 1462;
      d.supplier![0].period_end = serial(2025, 12, 31) - 1462;
      return bytes(templateBook(d, { date1904: true }));
    },
    expected: [],
  },
  {
    file: "dates-as-text.xlsx",
    kind: "dates",
    fault: "Dates typed as Chinese and English text (\"2025年1月1日\", \"31 Dec 2025\"), and an evidence date from a database export (\"2025-03-01 00:00:00\").",
    how: "Strings on 01_Supplier G4, H4; a 10_Evidence sheet with D4 as text.",
    build: async () => {
      const d = smallMill();
      d.supplier![0].period_start = "2025年1月1日";
      d.supplier![0].period_end = "31 Dec 2025";
      d.evidence = [{ evidence_id: "EV-1", doc_type: "invoice", doc_date: "2025-03-01 00:00:00" }];
      return bytes(templateBook(d));
    },
    expected: [f(S, "G4", "warning", "DATE_TEXT"), f(S, "H4", "warning", "DATE_TEXT"), f("10_Evidence", "D4", "warning", "DATE_TEXT")],
  },
  {
    file: "dates-ambiguous.xlsx",
    kind: "dates",
    fault: "\"01/02/2025\" (1 February or 2 January?) and a date typed as the number 20251231.",
    how: "01_Supplier G4 string, H4 number 20251231 (General format).",
    build: async () => {
      const d = smallMill();
      d.supplier![0].period_start = "01/02/2025";
      d.supplier![0].period_end = 20251231;
      const b = templateBook(d);
      b.cell("supplier", 0, "period_end").numFmt = "General";
      return bytes(b);
    },
    expected: [f(S, "G4", "error", "DATE_AMBIGUOUS"), f(S, "H4", "warning", "DATE_NUMBER")],
  },
  {
    file: "dates-reversed-period.xlsx",
    kind: "dates",
    fault: "A period that ends before it starts (2025-12-31 → 2025-01-01, the two cells swapped).",
    how: "01_Supplier G4/H4 serials swapped.",
    build: async () => {
      const d = smallMill();
      d.supplier![0].period_start = serial(2025, 12, 31);
      d.supplier![0].period_end = serial(2025, 1, 1);
      return bytes(templateBook(d));
    },
    expected: [f(S, "H4", "error", "V1")],
  },

  // ---- placeholders versus error cells
  {
    file: "placeholders.xlsx",
    kind: "placeholders-vs-errors",
    fault: "\"n/a\" in a required mass, \"无\" in an optional code, \"-\" in an optional text, a blank required mass, and \"#N/A\" typed as text (not an error cell) in an optional loss.",
    how: "Strings / null on 03_Metal_Inputs D5, J4, H4, D6 and 07_Outputs E5.",
    build: async () => {
      const b = templateBook();
      b.cell("metal_inputs", 1, "mass_t").value = "n/a";
      b.cell("metal_inputs", 0, "coc_model").value = "无";
      b.cell("metal_inputs", 0, "source_supplier").value = "-";
      b.cell("metal_inputs", 2, "mass_t").value = null;
      b.cell("outputs", 1, "metal_loss_t").value = "#N/A";
      return bytes(b);
    },
    expected: [
      f(I, "H4", "warning", "PLACEHOLDER"),
      f(I, "J4", "warning", "PLACEHOLDER"),
      f(I, "D5", "error", "PLACEHOLDER"),
      f(I, "D6", "error", "REQUIRED"),
      f(O, "A3", "warning", "V9"),
      f(O, "E5", "warning", "PLACEHOLDER"),
    ],
  },
  {
    file: "zero-meaning-unknown.xlsx",
    kind: "placeholders-vs-errors",
    fault: "0 typed for \"unknown\": an alloying-element mass, a red mud ratio and a pathway mass.",
    how: "Numbers 0 on 03_Metal_Inputs D8, 04_Primary_Sources H5 and 06_RedMud_Pathways C6.",
    build: async () => {
      const b = templateBook();
      b.cell("metal_inputs", 4, "mass_t").value = 0;
      b.cell("primary_sources", 1, "redmud_per_alumina").value = 0;
      b.cell("redmud_pathways", 2, "mass_t").value = 0;
      return bytes(b);
    },
    expected: [
      f(I, "D8", "warning", "ZERO_UNKNOWN"),
      f(PS, "H5", "error", "ZERO_UNKNOWN"),
      // 1,170,000 t of pathways against 1,200,000 t generated: 2.5 %, over the 2 % tolerance.
      f(PW, "C4", "warning", "V8"),
      f(PW, "C6", "warning", "ZERO_UNKNOWN"),
      // 960 t in, 1,000 t out: 4.2 %, over the 3 % tolerance.
      f(O, "A3", "warning", "V9"),
    ],
  },
  {
    file: "error-cells.xlsx",
    kind: "placeholders-vs-errors",
    fault: "Real error cells: #N/A from a failed lookup, #DIV/0! as a formula's cached result, #REF! in a column that otherwise takes a default.",
    how: "exceljs error values on 07_Outputs C4 and 04_Primary_Sources C4; formula 1/0 with cached #DIV/0! on 07_Outputs D5.",
    build: async () => {
      const b = templateBook();
      b.cell("outputs", 0, "process_scrap_out_t").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      b.cell("outputs", 1, "dross_t").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
      b.cell("primary_sources", 0, "alumina_per_al").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
      return bytes(b);
    },
    // No default fills the #REF! cell (an error is not a blank).
    expected: [f(PS, "C4", "error", "ERROR_CELL"), f(O, "C4", "error", "ERROR_CELL"), f(O, "D5", "error", "ERROR_CELL")],
  },

  // ---- layout
  {
    file: "merged-cells.xlsx",
    kind: "layout",
    fault: "Two input classes merged into one cell (C5:C6) and a merged title (A1:K1, harmless).",
    how: "ws.mergeCells('C5:C6') and ws.mergeCells('A1:K1') on 03_Metal_Inputs.",
    build: async () => {
      const b = templateBook();
      b.ws("metal_inputs").mergeCells("C5:C6");
      b.ws("metal_inputs").mergeCells("A1:K1");
      return bytes(b);
    },
    expected: [f(I, "C5", "warning", "MERGED"), f(I, "C6", "error", "REQUIRED")],
  },
  {
    file: "hidden-and-filtered-rows.xlsx",
    kind: "layout",
    fault: "A hidden input row (the run-around scrap) and an output row filtered out by an AutoFilter.",
    how: "03_Metal_Inputs row 7 hidden; 07_Outputs autoFilter A3:E5 with row 5 hidden.",
    build: async () => {
      const b = templateBook();
      b.ws("metal_inputs").getRow(7).hidden = true;
      b.ws("outputs").autoFilter = "A3:E5";
      b.ws("outputs").getRow(5).hidden = true;
      return bytes(b);
    },
    expected: [f(I, "A7", "warning", "ROW_HIDDEN"), f(O, "A5", "warning", "ROW_HIDDEN")],
  },
  {
    file: "trailing-blank-rows.xlsx",
    kind: "layout",
    fault: "400 formatted blank rows under the inputs (borders, number formats, cells holding \"\", spaces, NBSP and zero-width spaces) and a formatted cell at XFD1048576 inflating the used range.",
    how: "exceljs numFmt/border on 03_Metal_Inputs rows 9–408, string values \"\", \" \", \"\\u00a0\", \"\\u200b\" in some; numFmt on XFD1048576.",
    build: async () => {
      const b = templateBook();
      const ws = b.ws("metal_inputs");
      const blanks = ["", " ", "\u00a0", "\u200b", "\u3000"];
      for (let r = 9; r <= 408; r++) {
        for (let c = 1; c <= 11; c++) {
          const cell = ws.getCell(r, c);
          cell.numFmt = c === 4 ? "#,##0.00" : "@";
          cell.border = { bottom: { style: "thin" } };
        }
        if (r % 7 === 0) ws.getCell(r, 1 + (r % 11)).value = blanks[r % blanks.length];
      }
      ws.getCell("XFD1048576").numFmt = "0.00";
      return bytes(b);
    },
    expected: [],
  },
  {
    file: "header-variations.xlsx",
    kind: "layout",
    fault: "Headers retyped: stray and non-breaking spaces, upper case, Chinese-only headers and synonyms (重量, 批次号), columns reordered, and two columns of the supplier's own (备注, Unit price).",
    how: "03_Metal_Inputs written with an explicit column layout (templateBook layout.columns).",
    build: async () => {
      const cols = [
        { key: "input_class", header: "  INPUT CLASS  " },
        { key: null, header: "备注" },
        { key: "input_id", header: "批次号" },
        { key: "mass_t", header: "重量（吨）" },
        { key: "source_smelter_id", header: "Smelter\u00a0ID" },
        { key: "product_id", header: "product id (blank = whole site)" },
        { key: null, header: "Unit price" },
      ];
      return bytes(templateBook(smallMill(), { columns: { metal_inputs: cols } }));
    },
    expected: [f(I, "B3", "info", "COLUMN_EXTRA"), f(I, "G3", "info", "COLUMN_EXTRA")],
  },
  {
    file: "sheets-renamed-reordered.xlsx",
    kind: "layout",
    fault: "Every tab renamed (Chinese names, Sheet1 …), tabs in reverse order, the inputs sheet without its title rows (headers in row 1), and one mass typed as text so a finding must name the renamed sheet and the shifted cell.",
    how: "templateBook layout.names / order / headerRow; 金属投入!D2 = \"600 \" (trailing NBSP).",
    build: () => sheetsRenamedReordered(),
    expected: [f("金属投入", "D2", "warning", "NUMBER_TEXT")],
  },
  {
    file: "column-missing.xlsx",
    kind: "layout",
    fault: "The required mass column deleted from the outputs sheet.",
    how: "07_Outputs written without its output_t column (layout.columns).",
    build: async () => {
      const spec = TEMPLATE_SHEETS.find((s) => s.key === "outputs")!;
      const cols = spec.columns.filter((c) => c.key !== "output_t").map((c) => ({ key: c.key, header: headerText(c, "bilingual") }));
      return bytes(templateBook(smallMill(), { columns: { outputs: cols } }));
    },
    // Without outputs, 1,000 t in against 40 t of scrap and dross out.
    expected: [f(O, "A3", "error", "COLUMN_MISSING"), f(O, "A3", "warning", "V9")],
  },

  // ---- identifiers
  {
    file: "ids-lost-digits.xlsx",
    kind: "identifiers",
    fault: "An 18-character USCC typed as a number (Excel kept 15 digits), an 8-digit CN code that lost a digit, and a product ID \"0012\" typed as the number 12 on the outputs sheet.",
    how: "Numbers on 01_Supplier D4 (913301006789012000) and 02_Products E4 (7606123); product P2 renamed \"0012\" (text) with 07_Outputs A5 = 12 (number).",
    build: async () => {
      const d = smallMill();
      d.supplier![0].uscc = 913301006789012000;
      d.products![0].cn_code = 7606123;
      d.products![1].product_id = "0012";
      d.outputs![1].product_id = 12;
      return bytes(templateBook(d));
    },
    expected: [
      f(S, "D4", "error", "ID_AS_NUMBER"),
      f(P, "E4", "error", "ID_LENGTH"),
      f(P, "A5", "error", "NO_OUTPUT"),
      f(O, "A5", "error", "REF_PRODUCT"),
    ],
  },

  // ---- .xlsx content
  {
    file: "xlsx-shared-formulas.xlsx",
    kind: "xlsx-content",
    fault: "None in the data: masses computed by a shared formula (one formula, filled down) with cached results.",
    how: "03_Metal_Inputs D4 = {formula: 'L4*1', shareType: 'shared', ref: 'D4:D8'}, D5:D8 {sharedFormula: 'D4'} with results; helper values in L4:L8 (no header).",
    build: async () => {
      const b = templateBook();
      const ws = b.ws("metal_inputs");
      const masses = [600, 160, 200, 300, 40];
      masses.forEach((m, i) => (ws.getCell(`L${4 + i}`).value = m));
      ws.getCell("D4").value = { formula: "L4*1", result: 600, shareType: "shared", ref: "D4:D8" } as ExcelJS.CellFormulaValue;
      for (let i = 1; i < 5; i++) ws.getCell(`D${4 + i}`).value = { sharedFormula: "D4", result: masses[i] } as ExcelJS.CellSharedFormulaValue;
      return bytes(b);
    },
    expected: [],
  },
  {
    file: "xlsx-formulas-without-results.xlsx",
    kind: "xlsx-content",
    fault: "Formulas whose results were never calculated (the file came from a script, not from Excel): a plain formula for the scrap, a text formula for the smelter ID, and a shared formula filled down the supplier column.",
    how: "exceljs formulas without `result`: 07_Outputs C4 {formula: '10+10'}, 03_Metal_Inputs I4 {formula: '\"SM\"&1'}, H4:H6 shared formula (master H4, ref H4:H6).",
    build: () => formulasWithoutResults(false),
    officeBuild: () => formulasWithoutResults(true),
    expected: [
      f(I, "H4", "error", "FORMULA_NO_RESULT"),
      f(I, "I4", "error", "FORMULA_NO_RESULT"),
      f(I, "H5", "error", "FORMULA_NO_RESULT"),
      f(I, "H6", "error", "FORMULA_NO_RESULT"),
      f(O, "C4", "error", "FORMULA_NO_RESULT"),
    ],
    officeDiffers: "Excel calculates every formula when it opens the file, so the task pane sees the results (and the data is then valid).",
    officeExpected: [],
  },
  {
    file: "xlsx-rich-inline-hyperlink.xlsx",
    kind: "xlsx-content",
    fault: "Rich text (bold runs) in a product name and an input class, inline strings (t=\"inlineStr\", one of them a number as text, one rich), hyperlink cells for the e-mail and a product name.",
    how: "exceljs richText on 02_Products B4 and 03_Metal_Inputs C5; hyperlink values on 01_Supplier I4 and 02_Products B5; 03_Metal_Inputs D6 and A4 patched to <is> inline strings in the sheet XML.",
    build: async () => {
      const d = smallMill();
      d.supplier![0].contact_email = "data@example.com";
      const b = templateBook(d);
      b.cell("products", 0, "product_name").value = { richText: [{ text: "5182 " }, { font: { bold: true }, text: "sheet" }] };
      b.cell("metal_inputs", 1, "input_class").value = { richText: [{ text: "pre_consumer_" }, { font: { italic: true }, text: "scrap_external" }] };
      b.cell("supplier", 0, "contact_email").value = { text: "data@example.com", hyperlink: "mailto:data@example.com" };
      b.cell("products", 1, "product_name").value = { text: "6016 coil", hyperlink: "https://example.com/6016" };
      b.cell("metal_inputs", 2, "mass_t").value = "INLINE-D6";
      b.cell("metal_inputs", 0, "input_id").value = "INLINE-A4";
      const buf = await bytes(b);
      return patchPart(buf, sheetPart(3), (x) => inlineString(inlineString(x, "D6", "<t>200</t>"), "A4", "<r><t>I</t></r><r><rPr><b/></rPr><t>1</t></r>"));
    },
    // The inline "200" is text like any other: one warning; everything else reads as plain text.
    expected: [f(I, "D6", "warning", "NUMBER_TEXT")],
  },
  {
    file: "xlsx-wps-quirks.xlsx",
    kind: "xlsx-content",
    fault: "Traits of files saved by WPS Office: a wrong <dimension ref=\"A1\"/>, Chinese date formats ([DBNum1] yyyy\"年\"m\"月\"d\"日\"), a locale-tagged percent format, full-width thousands separators typed with a Chinese IME, a picture embedded in a cell (=DISPIMG, with xl/cellimages.xml), a formula with a cached text result (t=\"str\").",
    how: "exceljs values/numFmts; sheet XML dimension patched; docProps/app.xml Application = WPS 表格; xl/cellimages.xml added; 03_Metal_Inputs K4 = {formula: '_xlfn.DISPIMG(\"ID_…\",1)', result: '=DISPIMG(\"ID_…\",1)'}.",
    build: async () => {
      const b = templateBook();
      b.cell("supplier", 0, "period_start").numFmt = '[DBNum1][$-804]yyyy"年"m"月"d"日"';
      b.cell("supplier", 0, "period_end").numFmt = 'yyyy"年"m"月"d"日";@';
      b.cell("primary_sources", 0, "refinery_share").numFmt = "[$-804]0%";
      b.cell("primary_sources", 1, "refinery_share").numFmt = "0.00%";
      b.cell("refinery_redmud", 0, "generated_t").value = "1，200，000";
      b.cell("metal_inputs", 0, "evidence_id").value = { formula: '_xlfn.DISPIMG("ID_3F2A5C0E9B7D4E21",1)', result: '=DISPIMG("ID_3F2A5C0E9B7D4E21",1)' } as ExcelJS.CellFormulaValue;
      b.cell("metal_inputs", 1, "source_supplier").value = { formula: '"废铝回收"&"公司"', result: "废铝回收公司" } as ExcelJS.CellFormulaValue;
      let buf = await bytes(b);
      for (let n = 1; n <= 7; n++) buf = patchPart(buf, sheetPart(n), (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1"/>'));
      buf = patchPart(buf, "docProps/app.xml", (x) => x.replace(/<Application>[^<]*<\/Application>/, "<Application>WPS 表格</Application>"));
      const cellImages =
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"><etc:cellImage/></etc:cellImages>';
      return addParts(buf, [{ name: "xl/cellimages.xml", data: Buffer.from(cellImages, "utf8") }]);
    },
    expected: [f(I, "K4", "warning", "CELL_IMAGE"), f(R, "F4", "warning", "NUMBER_TEXT")],
    officeDiffers: "Excel does not know WPS's DISPIMG function: when it recalculates the file K4 shows #NAME? (an error cell), where the file's cached text reads =DISPIMG(…).",
    officeExpected: [f(I, "K4", "error", "ERROR_CELL"), f(R, "F4", "warning", "NUMBER_TEXT")],
  },
  {
    file: "xlsx-oversized-sheet.xlsx",
    kind: "xlsx-content",
    fault: "A sheet too large to read within bounded memory: its part unpacks to 300 MB (declared in the ZIP directory).",
    how: "A valid workbook re-zipped with the inputs sheet's declared uncompressed size set to 300 MB.",
    build: async () => {
      const buf = await bytes(templateBook());
      const dir = readZipDirectory(buf);
      return writeZip(dir.entries.map((e) => ({ name: e.name, copyFrom: buf, entry: e.name === sheetPart(3) ? { ...e, uncompressedSize: 300 * 1024 * 1024 } : e })));
    },
    expected: [],
    refusal: { code: "too-large", message: /xl\/worksheets\/sheet3\.xml unpacks to 300 MB; the limit per part is 256 MB \(the sheet is too big for AluTrace; split it into several files\)/ },
    officeDiffers: "a file-level refusal: Excel opens or refuses the file itself",
  },
  {
    file: "xlsx-zip-bomb.xlsx",
    kind: "damaged-or-not-xlsx",
    fault: "A zip bomb: a 64 MB part that compresses about 1,000:1 hidden in a valid workbook.",
    how: "A valid workbook plus xl/media/filler.bin (64 MB of zeros, deflate level 9).",
    build: async () => addParts(await bytes(templateBook()), [{ name: "xl/media/filler.bin", data: Buffer.alloc(64 * 1024 * 1024), level: 9 }]),
    expected: [],
    refusal: { code: "zip-bomb", message: /looks like a zip bomb: part xl\/media\/filler\.bin is compressed \d+:1/ },
    officeDiffers: "a file-level refusal: Excel opens or refuses the file itself",
  },
  {
    file: "damaged-truncated.xlsx",
    kind: "damaged-or-not-xlsx",
    fault: "A workbook cut off halfway (an interrupted download or e-mail attachment).",
    how: "The first half of the bytes of a valid workbook.",
    build: async () => {
      const buf = await bytes(templateBook());
      return buf.subarray(0, Math.floor(buf.length / 2));
    },
    expected: [],
    refusal: { code: "damaged", message: /is damaged: .*Try opening and re-saving it in Excel/ },
    officeDiffers: "a file-level refusal: Excel opens or refuses the file itself",
  },
  {
    file: "not-xlsx-csv.xlsx",
    kind: "damaged-or-not-xlsx",
    fault: "A CSV export renamed to .xlsx.",
    how: "UTF-8 text.",
    build: async () => Buffer.from("input_id,input_class,mass_t\nI1,primary_ingot,600\n", "utf8"),
    expected: [],
    refusal: { code: "text-file", message: /is a text file \(CSV or similar\), not an \.xlsx workbook\. Open it in Excel and save it as an Excel Workbook \(\.xlsx\)/ },
    officeDiffers: "a file-level refusal: Excel opens or refuses the file itself",
  },
  {
    file: "not-xlsx-legacy-xls.xlsx",
    kind: "damaged-or-not-xlsx",
    fault: "An Excel 97–2003 .xls renamed to .xlsx (WPS and old Excel still save these).",
    how: "An OLE2 compound-file header (D0 CF 11 E0 A1 B1 1A E1) and a Workbook stream name.",
    build: async () => {
      const xls = Buffer.alloc(1024);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
      Buffer.from("Workbook", "utf16le").copy(xls, 600);
      return xls;
    },
    expected: [],
    refusal: { code: "legacy-xls", message: /old-format Excel 97–2003 workbook \(\.xls\)\. Open it in Excel or WPS and save it as an Excel Workbook \(\.xlsx\)/ },
    officeDiffers: "a file-level refusal: Excel opens or refuses the file itself",
  },
  {
    file: "damaged-cells-without-references.xlsx",
    kind: "damaged-or-not-xlsx",
    fault: "A sheet whose cells carry no r=\"A1\" references (allowed by the standard, written by some export libraries; exceljs cannot place them).",
    how: "The r attributes of 07_Outputs' <c> elements removed from the sheet XML.",
    build: async () => patchPart(await bytes(templateBook()), sheetPart(7), (x) => x.replace(/<c r="[A-Z]+\d+"/g, "<c")),
    expected: [],
    refusal: { code: "damaged", message: /could not be read as an Excel workbook: its XML is not laid out the way Excel writes it .*Try opening and re-saving it in Excel/ },
    officeDiffers:
      "Excel opens this file (cells without references are valid OOXML, placed one after the other), so the task pane sees the valid data while the command line refuses it and asks for a re-save: a known gap of the .xlsx reader (exceljs cannot place such cells).",
    officeExpected: [],
    officeBuild: () => bytes(templateBook()),
  },

  // ---- formula injection and sheet names
  {
    file: "formula-injection.xlsx",
    kind: "formula-injection-and-sheet-names",
    fault: "Text that a spreadsheet would run as a formula: =HYPERLINK(…) as a product name, a DDE payload \"+cmd|…\" as the company name, \"@SUM(…)\" as an input ID, a full-width ＝ from a Chinese IME.",
    how: "Strings on 02_Products B4, 01_Supplier B4, 03_Metal_Inputs A5 and H6 (written as shared strings, so Excel keeps them as text).",
    build: async () => {
      const b = templateBook();
      b.cell("products", 0, "product_name").value = '=HYPERLINK("http://evil.example/x","5182 sheet")';
      b.cell("supplier", 0, "legal_name_en").value = "+cmd|' /C calc'!A0";
      b.cell("metal_inputs", 1, "input_id").value = "@SUM(1+1)";
      b.cell("metal_inputs", 2, "source_supplier").value = "＝1+1";
      return bytes(b);
    },
    expected: [
      f(S, "B4", "warning", "FORMULA_TEXT"),
      f(P, "B4", "warning", "FORMULA_TEXT"),
      f(I, "A5", "warning", "FORMULA_TEXT"),
      f(I, "H6", "warning", "FORMULA_TEXT"),
    ],
  },
  {
    file: "sheet-name-refused.xlsx",
    kind: "formula-injection-and-sheet-names",
    fault: "A sheet named \"Inputs/2025\" — Excel refuses / in sheet names (the file was written by another program).",
    how: "xl/workbook.xml patched: the name of 03_Metal_Inputs replaced.",
    build: async () => patchPart(await bytes(templateBook()), "xl/workbook.xml", (x) => x.replace('name="03_Metal_Inputs"', 'name="Inputs/2025"')),
    expected: [],
    refusal: { code: "sheet-name", message: /Sheet name "Inputs\/2025" contains "\/"; Excel does not allow any of .* Rename the sheet/ },
    officeDiffers: "Excel repairs such a file on opening (renaming the sheet); the task pane never sees the name",
  },
  {
    file: "sheet-name-too-long.xlsx",
    kind: "formula-injection-and-sheet-names",
    fault: "A 40-character sheet name (Excel allows 31), which a reader would otherwise truncate and lose.",
    how: "xl/workbook.xml patched: 07_Outputs renamed \"07_Outputs_for_the_full_reporting_period\".",
    build: async () => patchPart(await bytes(templateBook()), "xl/workbook.xml", (x) => x.replace('name="07_Outputs"', 'name="07_Outputs_for_the_full_reporting_period"')),
    expected: [],
    refusal: { code: "sheet-name", message: /Sheet name "07_Outputs_for_the_full_reporting_period" has 40 characters; Excel allows at most 31/ },
    officeDiffers: "Excel repairs such a file on opening (renaming the sheet); the task pane never sees the name",
  },
];

// Cases added for the audit of issue #4 (grouped by kind; the order of CORPUS does not matter).
const FP = "09_Footprint";
const EV = "10_Evidence";

const ADDED: readonly CorpusCase[] = [
  // ---- numbers typed as text
  {
    file: "numbers-minus-apostrophe-fullwidth.xlsx",
    kind: "numbers-as-text",
    fault: "Minus-sign variants where a negative is allowed (full-width －, the hyphen U+2010), a leading apostrophe kept by an ERP export ('600), a full-width decimal point (４０．０), apostrophe thousands (126’000) and ideographic spaces as thousands separators (1　074　000).",
    how: "A footprint row per product (09_Footprint C4 = \"－0.5\", C5 = \"\u20100.5\"); strings on 03_Metal_Inputs D4, D8 and 05_Refinery_RedMud G4, H4.",
    build: async () => {
      const d = millWithFootprint();
      d.footprint!.push({ ...d.footprint![0], product_id: "P2" });
      const b = templateBook(d);
      b.cell("footprint", 0, "pcf_incl_biogenic").value = "－0.5";
      b.cell("footprint", 1, "pcf_incl_biogenic").value = "\u20100.5";
      b.cell("metal_inputs", 0, "mass_t").value = "'600";
      b.cell("metal_inputs", 4, "mass_t").value = "４０．０";
      b.cell("refinery_redmud", 0, "utilised_new_t").value = "126\u2019000";
      b.cell("refinery_redmud", 0, "stored_new_t").value = "1\u3000074\u3000000";
      return bytes(b);
    },
    expected: [
      f(I, "D4", "warning", "NUMBER_TEXT"),
      f(I, "D8", "warning", "NUMBER_TEXT"),
      f(R, "G4", "warning", "NUMBER_TEXT"),
      f(R, "H4", "warning", "NUMBER_TEXT"),
      f(FP, "C4", "warning", "NUMBER_TEXT"),
      f(FP, "C5", "warning", "NUMBER_TEXT"),
    ],
  },

  // ---- percentages
  {
    file: "shares-literal-percent-and-text.xlsx",
    kind: "percentages",
    fault: "Percent points in cells whose formats only print a literal % (0\\% and 0.0\" %\"), a share typed as \"80 percent\", and a fraction typed as text (\"0.5\").",
    how: "04_Primary_Sources E4 = 60 with numFmt '0\\%', E5 = 40 with numFmt '0.0\" %\"'; secondary ingot 03_Metal_Inputs E5 = \"80 percent\", F5 = \"0.5\".",
    build: async () => {
      const b = templateBook(withSecondaryIngot());
      const e4 = b.cell("primary_sources", 0, "refinery_share");
      e4.value = 60;
      e4.numFmt = "0\\%";
      const e5 = b.cell("primary_sources", 1, "refinery_share");
      e5.value = 40;
      e5.numFmt = '0.0" %"';
      b.cell("metal_inputs", 1, "recycled_share").value = "80 percent";
      b.cell("metal_inputs", 1, "post_consumer_share").value = "0.5";
      return bytes(b);
    },
    expected: [f(I, "E5", "warning", "PERCENT_TEXT"), f(I, "F5", "warning", "NUMBER_TEXT"), f(PS, "E4", "warning", "PERCENT_POINTS"), f(PS, "E5", "warning", "PERCENT_POINTS")],
  },

  // ---- units
  {
    file: "units-chinese-words.xlsx",
    kind: "units",
    fault: "Chinese unit words inside and beside numbers (\"160000公斤\", \"0.2千吨\", \"40000 千克\"), a unit that cannot be read unambiguously (\"300 斤\": market jin or an older jin?) and a range instead of a figure (\"20-25 t\").",
    how: "Strings on 03_Metal_Inputs D5, D6, D7, D8 and 07_Outputs C4.",
    build: async () => {
      const b = templateBook();
      b.cell("metal_inputs", 1, "mass_t").value = "160000公斤";
      b.cell("metal_inputs", 2, "mass_t").value = "0.2千吨";
      b.cell("metal_inputs", 3, "mass_t").value = "300 斤";
      b.cell("metal_inputs", 4, "mass_t").value = "40000 千克";
      b.cell("outputs", 0, "process_scrap_out_t").value = "20-25 t";
      return bytes(b);
    },
    expected: [
      f(I, "D5", "warning", "UNIT_CONVERTED"),
      f(I, "D6", "warning", "UNIT_CONVERTED"),
      // Run-around scrap: not part of the balance, so only its own error.
      f(I, "D7", "error", "UNIT"),
      f(I, "D8", "warning", "UNIT_CONVERTED"),
      f(O, "C4", "error", "UNIT"),
    ],
  },

  // ---- dates
  {
    file: "dates-english-text-and-ambiguous.xlsx",
    kind: "dates",
    fault: "English text dates (\"Jan 1, 2025\", \"31-Dec-2025\"), an ambiguous day/month (\"03/04/2025\": 3 April or 4 March?), an unambiguous one (\"31/12/2025\") and a colloquial Chinese date (\"2025年3月1号\").",
    how: "Strings on 01_Supplier G4, H4 and 10_Evidence D4:D6.",
    build: async () => {
      const d = smallMill();
      d.supplier![0].period_start = "Jan 1, 2025";
      d.supplier![0].period_end = "31-Dec-2025";
      d.evidence = [
        { evidence_id: "EV-1", doc_type: "invoice", doc_date: "03/04/2025" },
        { evidence_id: "EV-2", doc_type: "mill_cert", doc_date: "2025年3月1号" },
        { evidence_id: "EV-3", doc_type: "weighbridge", doc_date: "31/12/2025" },
      ];
      return bytes(templateBook(d));
    },
    expected: [f(S, "G4", "warning", "DATE_TEXT"), f(S, "H4", "warning", "DATE_TEXT"), f(EV, "D4", "error", "DATE_AMBIGUOUS"), f(EV, "D5", "warning", "DATE_TEXT"), f(EV, "D6", "warning", "DATE_TEXT")],
  },

  // ---- placeholders versus error cells
  {
    file: "zero-unknown-shares.xlsx",
    kind: "placeholders-vs-errors",
    fault: "0 typed for \"unknown\" in share columns: a secondary ingot's recycled share, a master alloy's aluminium content, and one of a smelter's two refinery shares (the other set to 100 %).",
    how: "Secondary ingot 03_Metal_Inputs E5 = 0; row 8 made a master alloy with G8 = 0; 04_Primary_Sources E4 = 1, E5 = 0.",
    build: async () => {
      const d = withSecondaryIngot();
      d.metal_inputs![1].recycled_share = 0;
      Object.assign(d.metal_inputs![4], { input_class: "master_alloy", al_content: 0 });
      d.primary_sources![0].refinery_share = 1;
      d.primary_sources![1].refinery_share = 0;
      return bytes(templateBook(d));
    },
    expected: [f(I, "E5", "warning", "ZERO_UNKNOWN"), f(I, "G8", "warning", "ZERO_UNKNOWN"), f(PS, "E5", "warning", "ZERO_UNKNOWN")],
  },
  {
    file: "placeholders-chinese-and-errors.xlsx",
    kind: "placeholders-vs-errors",
    fault: "\"未知\" in a required mass, \"不详\", \"/\", \"TBD\" and \"N/A\" in optional cells, and a #VALUE! error cell where a blank would take a default.",
    how: "Strings on 03_Metal_Inputs D7, 05_Refinery_RedMud J4, 02_Products D4, 07_Outputs D4, 01_Supplier I4; exceljs error value on 04_Primary_Sources H5.",
    build: async () => {
      const b = templateBook();
      b.cell("metal_inputs", 3, "mass_t").value = "未知";
      b.cell("refinery_redmud", 0, "stock_start_t").value = "不详";
      b.cell("products", 0, "alloy").value = "/";
      b.cell("outputs", 0, "dross_t").value = "TBD";
      b.cell("supplier", 0, "contact_email").value = "N/A";
      b.cell("primary_sources", 1, "redmud_per_alumina").value = { error: "#VALUE!" } as ExcelJS.CellErrorValue;
      return bytes(b);
    },
    expected: [
      f(S, "I4", "warning", "PLACEHOLDER"),
      f(P, "D4", "warning", "PLACEHOLDER"),
      f(I, "D7", "error", "PLACEHOLDER"),
      f(PS, "H5", "error", "ERROR_CELL"),
      f(R, "J4", "warning", "PLACEHOLDER"),
      f(O, "D4", "warning", "PLACEHOLDER"),
    ],
  },

  // ---- layout
  {
    file: "inflated-used-range.xlsx",
    kind: "layout",
    fault: "An inflated used range: <dimension ref=\"A1:XFD1048576\"/>, a formatted cell at row 1,000,000 and a bordered cell in the sheet's last row — nothing to read there.",
    how: "exceljs numFmt on 03_Metal_Inputs K1000000 and a border on 07_Outputs A1048576; the inputs sheet's dimension patched.",
    build: async () => {
      const b = templateBook();
      b.ws("metal_inputs").getCell("K1000000").numFmt = "0.00";
      b.ws("outputs").getCell("A1048576").border = { top: { style: "thin" } };
      return patchPart(await bytes(b), sheetPart(3), (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
    },
    expected: [],
  },
  {
    file: "headers-chinese-synonyms.xlsx",
    kind: "layout",
    fault: "A Chinese-only template (zh-CN headers everywhere) whose outputs sheet was retyped with everyday Chinese words (产品, 产量, 废料, 铝灰, 损耗) and whose products sheet uses English synonyms in capitals.",
    how: "templateBook lang zh-CN; explicit column layouts for 07_Outputs and 02_Products.",
    build: async () => {
      const outputs = [
        { key: "product_id", header: "产品" },
        { key: "output_t", header: "产量（吨）" },
        { key: "process_scrap_out_t", header: "废料" },
        { key: "dross_t", header: "铝灰" },
        { key: "metal_loss_t", header: "损耗" },
      ];
      const products = [
        { key: "product_id", header: "PRODUCT CODE" },
        { key: "product_name", header: "Product name" },
        { key: "product_form", header: "Product form" },
        { key: "declared_unit", header: "Declared unit" },
      ];
      return bytes(templateBook(smallMill(), { lang: "zh-CN", columns: { outputs, products } }));
    },
    expected: [],
  },
  {
    file: "columns-extra-and-duplicate.xlsx",
    kind: "layout",
    fault: "The supplier's own columns with data in them (a customer name between template columns) and a second \"Output\" column holding other figures.",
    how: "07_Outputs written with an explicit column layout: C \"客户 Customer\" and G \"Output\" filled by hand (999, 888).",
    build: async () => {
      const spec = TEMPLATE_SHEETS.find((x) => x.key === "outputs")!;
      const h = (key: string) => headerText(spec.columns.find((c) => c.key === key)!, "bilingual");
      const cols = [
        { key: "product_id", header: h("product_id") },
        { key: "output_t", header: h("output_t") },
        { key: null, header: "客户 Customer" },
        { key: "process_scrap_out_t", header: h("process_scrap_out_t") },
        { key: "dross_t", header: h("dross_t") },
        { key: "metal_loss_t", header: h("metal_loss_t") },
        { key: null, header: "Output" },
      ];
      const b = templateBook(smallMill(), { columns: { outputs: cols } });
      const ws = b.ws("outputs");
      ws.getCell("C4").value = "BMW";
      ws.getCell("C5").value = "Bosch";
      ws.getCell("G4").value = 999;
      ws.getCell("G5").value = 888;
      return bytes(b);
    },
    expected: [f(O, "C3", "info", "COLUMN_EXTRA"), f(O, "G3", "warning", "COLUMN_DUPLICATE")],
  },

  // ---- AluTrace's own sheets in the workbook: the verdict before and after a report is the same
  {
    file: "template-renamed.xlsx",
    kind: "layout",
    fault: "AluTrace's own template (instructions, very hidden code lists, ownership marks), filled in, its sheets renamed (Chinese names, Sheet1), the optional footprint and evidence sheets deleted, one mass typed with its unit (\"160 t\").",
    how: "buildTemplate('bilingual') rendered by src/xlsx/write, data written into the template rows, sheet names changed and two sheets left out before rendering (the marks follow the names).",
    build: () => renamedTemplate(),
    expected: [f("金属投入", "D5", "warning", "UNIT_CONVERTED")],
  },
  {
    file: "template-renamed-with-report.xlsx",
    kind: "layout",
    fault: "The same workbook after the report was exported into it twice (R0_Cover … R9_Data: R2_GWP and R9_Data carry headers like the template's) and a findings sheet was added.",
    how: "template-renamed.xlsx → validate → computeReport → buildReport → appendToWorkbookBuffer, twice (the second export reads the first one's tabs), then findingsSheetSpec appended.",
    build: async () => withReport(await withReport(await renamedTemplate()), { findingsSheet: true }),
    expected: [f("金属投入", "D5", "warning", "UNIT_CONVERTED")],
    sameFindingsAs: "template-renamed.xlsx",
  },
  {
    file: "template-renamed-report-marks-lost.xlsx",
    kind: "layout",
    fault: "The workbook with its report, saved by a program that drops defined names: no sheet carries AluTrace's ownership mark any more.",
    how: "template-renamed.xlsx with the report appended, then <definedNames> removed from xl/workbook.xml.",
    build: async () => dropDefinedNames(await withReport(await renamedTemplate())),
    expected: [f("金属投入", "D5", "warning", "UNIT_CONVERTED")],
    sameFindingsAs: "template-renamed.xlsx",
  },
  {
    file: "sheets-renamed-with-report.xlsx",
    kind: "layout",
    fault: "A workbook not made from AluTrace's template (no marks on the supplier's sheets), renamed and reordered, after the report was exported into it.",
    how: "sheets-renamed-reordered.xlsx → the report pipeline → appendToWorkbookBuffer.",
    build: async () => withReport(await sheetsRenamedReordered()),
    expected: [f("金属投入", "D2", "warning", "NUMBER_TEXT")],
    sameFindingsAs: "sheets-renamed-reordered.xlsx",
  },

  // ---- identifiers
  {
    file: "ids-normalised.xlsx",
    kind: "identifiers",
    fault: "Identifiers that only match after normalising: a USCC typed with full-width characters, CN codes in their printed grouping (\"7606 12 90\", \"7606.12.90\"), an input ID with an en dash (\"I–2\").",
    how: "Strings on 01_Supplier D4, 02_Products E4, E5 and 03_Metal_Inputs A5.",
    build: async () => {
      const d = smallMill();
      d.supplier![0].uscc = "９１３３０１００６７８９０１２０ＸＹ";
      d.products![0].cn_code = "7606 12 90";
      d.products![1].cn_code = "7606.12.90";
      d.metal_inputs![1].input_id = "I\u20132";
      return bytes(templateBook(d));
    },
    expected: [f(S, "D4", "warning", "ID_NORMALISED"), f(P, "E4", "warning", "ID_NORMALISED"), f(P, "E5", "warning", "ID_NORMALISED"), f(I, "A5", "warning", "ID_NORMALISED")],
  },

  // ---- .xlsx content
  {
    file: "xlsx-booleans-in-number-cells.xlsx",
    kind: "xlsx-content",
    fault: "Boolean cells (TRUE/FALSE, e.g. from a checkbox column pasted over) where numbers belong: never read as 1/0.",
    how: "exceljs boolean values on 07_Outputs C4 and 04_Primary_Sources C5.",
    build: async () => {
      const b = templateBook();
      b.cell("outputs", 0, "process_scrap_out_t").value = true;
      b.cell("primary_sources", 1, "alumina_per_al").value = false;
      return bytes(b);
    },
    expected: [f(PS, "C5", "error", "TYPE"), f(O, "C4", "error", "TYPE")],
  },

  // ---- formula injection and sheet names
  {
    file: "formula-injection-minus-tab-plus.xlsx",
    kind: "formula-injection-and-sheet-names",
    fault: "More formula starters in text: \"-2+3\" as a product name, a leading tab before \"=1+1\" as the site name, \"+5182-H111\" as an alloy (a reference to cell H111).",
    how: "Strings on 02_Products B5, D4 and 01_Supplier E4.",
    build: async () => {
      const b = templateBook();
      b.cell("products", 1, "product_name").value = "-2+3";
      b.cell("products", 0, "alloy").value = "+5182-H111";
      b.cell("supplier", 0, "site_name").value = "\t=1+1";
      return bytes(b);
    },
    expected: [f(S, "E4", "warning", "FORMULA_TEXT"), f(P, "B5", "warning", "FORMULA_TEXT"), f(P, "D4", "warning", "FORMULA_TEXT")],
  },
  {
    file: "sheet-name-duplicate-case.xlsx",
    kind: "formula-injection-and-sheet-names",
    fault: "Two sheets whose names differ only in case (06_RedMud_Pathways and 06_REDMUD_PATHWAYS): Excel compares sheet names ignoring case and refuses the file.",
    how: "xl/workbook.xml patched: 07_Outputs renamed 06_REDMUD_PATHWAYS.",
    build: async () => patchPart(await bytes(templateBook()), "xl/workbook.xml", (x) => x.replace('name="07_Outputs"', 'name="06_REDMUD_PATHWAYS"')),
    expected: [],
    refusal: { code: "sheet-name", message: /two sheets are named "06_REDMUD_PATHWAYS" \(Excel ignores case in sheet names\)/ },
    officeDiffers: "Excel repairs such a file on opening (renaming one sheet); the task pane never sees the clash",
  },
  {
    file: "sheet-name-reserved.xlsx",
    kind: "formula-injection-and-sheet-names",
    fault: "A sheet named \"History\", which Excel reserves for change tracking.",
    how: "xl/workbook.xml patched: 07_Outputs renamed History.",
    build: async () => patchPart(await bytes(templateBook()), "xl/workbook.xml", (x) => x.replace('name="07_Outputs"', 'name="History"')),
    expected: [],
    refusal: { code: "sheet-name", message: /"History" is reserved by Excel/ },
    officeDiffers: "Excel repairs such a file on opening (renaming the sheet); the task pane never sees the name",
  },
];

/** The whole corpus. */
export const CORPUS: readonly CorpusCase[] = [...BASE, ...ADDED];

/** Writes every corpus file into `dir`; returns their paths. */
export async function writeCorpus(dir: string): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const out: string[] = [];
  for (const c of CORPUS) {
    const file = path.join(dir, c.file);
    await fs.writeFile(file, await c.build());
    out.push(file);
  }
  return out;
}
