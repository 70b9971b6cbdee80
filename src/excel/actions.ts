/**
 * The task pane's workbook actions, each one Excel.run:
 *   insertTemplate   snapshot + write                         2 syncs (+ chunks for huge specs)
 *   validate         snapshot + extents + values              3 syncs (+ chunks for huge sheets)
 *   exportReport     read (3) → validate → compute → build → write (1+)   4 syncs for usual files
 *   selectCell       look up the sheet, then activate + select            2 syncs
 *   writeFindingsSheet  snapshot + write                      2 syncs
 * The pure work (validation, figures, report tabs) happens between syncs, in the core.
 */
import type { Cell, WorkbookGrids } from "../core/cells";
import { parseA1 } from "../core/cells";
import type { Finding } from "../core/findings";
import type { RecycledMethod } from "../core/recycled";
import { computeReport, DEFAULT_REPORT_OPTIONS, ReportFigures } from "../core/report/compute";
import { buildReport, type Provenance } from "../core/report/tabs";
import { canonicalSheetValues, exportFiles, type ExportFiles } from "../core/export/files";
import { sha256 } from "../core/export/pact";
import { buildTemplate } from "../core/template/build";
import { applyHeaderMappings, HEADER_SCAN_ROWS, HeaderMapping } from "../core/template/mapping";
import type { Language } from "../core/template/spec";
import { validateTemplate, ValidationResult } from "../core/template/validate";
import { capabilities, excelRun, ExcelHostError } from "./env";
import { findingsSheetSpec } from "./findings-sheet";
import { GridBuilder } from "./grid";
import { loadSnapshot, readGridsIn, SheetInfo, WorkbookSnapshot } from "./read";
import { renderIn, RenderResult } from "./render";

/**
 * The grids the validator should see: every sheet except AluTrace's own output (report tabs,
 * findings, code lists, instructions). Owned template sheets stay: they hold the supplier's data.
 * Without this, a second export would read the first export's data tab as supplier data.
 */
export function supplierGrids(grids: WorkbookGrids, snapshot: WorkbookSnapshot): WorkbookGrids {
  const output = outputSheets(snapshot);
  if (output.size === 0) return grids;
  return { ...grids, sheets: grids.sheets.filter((g) => !output.has(g.name.toUpperCase())) };
}

function outputSheets(snapshot: WorkbookSnapshot): Set<string> {
  return new Set(snapshot.owned.filter((o) => o.kind !== "template").map((o) => o.sheetName.toUpperCase()));
}

/** Read option: do not even read AluTrace's output sheets (a 100 000-row data tab costs many syncs). */
const SUPPLIER_ONLY = { include: (info: SheetInfo, snap: WorkbookSnapshot) => !outputSheets(snap).has(info.name.toUpperCase()) };

/** The blank supplier template (bilingual by default), added beside anything already there. */
export function insertTemplate(lang: Language = "bilingual"): Promise<RenderResult> {
  // Never replace: template sheets hold the supplier's data once filled. A second insert gets
  // "00_Instructions (2)" etc. and its own table names.
  return excelRun((context) => renderIn(context, buildTemplate(lang), { replaceOwned: false }));
}

/**
 * Reads the workbook and runs the template validation. `mappings` (sheets that are not AluTrace
 * templates, mapped by the user) are applied first; findings still name the user's own cells.
 */
export function validate(mappings: readonly HeaderMapping[] = []): Promise<ValidationResult> {
  return excelRun(async (context) => {
    const { grids, snapshot } = await readGridsIn(context, SUPPLIER_ONLY);
    return validateTemplate(applyHeaderMappings(supplierGrids(grids, snapshot), mappings));
  });
}

export interface ExportReportOptions {
  readonly recycledMethod?: RecycledMethod;
  /** Make the report even when the data has errors (its cover then says NOT VALID). Default false. */
  readonly allowErrors?: boolean;
  /** AluTrace version for the provenance block. */
  readonly version?: string;
  readonly now?: () => Date;
  /** Language of the error message when the data is not valid. */
  readonly language?: string;
  /** The user's mappings of sheets that are not AluTrace templates. */
  readonly mappings?: readonly HeaderMapping[];
}

export interface ExportReportResult extends RenderResult {
  readonly validation: ValidationResult;
  readonly figures: ReportFigures;
  /** PACT footprints, the extension document and the report CSVs, for the pane to offer as downloads. */
  readonly files: ExportFiles;
  readonly provenance: Provenance;
}

/**
 * SHA-256 (hex) of the supplier sheets' values. The pane reads cells, not the .xlsx bytes, so it
 * hashes what it read; the provenance says so (sourceSha256Of "sheet-values"). Web Crypto when the
 * webview has it (fast), else the core's own SHA-256.
 */
export async function sheetValuesSha256(grids: WorkbookGrids, sheets: readonly string[]): Promise<string> {
  const text = canonicalSheetValues(grids, sheets);
  const subtle = (globalThis as { crypto?: { subtle?: { digest(alg: string, data: Uint8Array): Promise<ArrayBuffer> } } }).crypto?.subtle;
  const bytes = subtle ? new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(text))) : sha256(text);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** read → validate → computeReport → buildReport → render, replacing AluTrace's earlier report tabs. */
export function exportReport(options: ExportReportOptions = {}): Promise<ExportReportResult> {
  return excelRun(async (context) => {
    const caps = capabilities();
    const { grids, snapshot } = await readGridsIn(context, { caps, ...SUPPLIER_ONLY });
    const validation = validateTemplate(applyHeaderMappings(supplierGrids(grids, snapshot), options.mappings ?? []));
    if (validation.errors > 0 && !options.allowErrors) {
      const zh = (options.language ?? "").toLowerCase().startsWith("zh");
      throw new ExcelHostError(
        "invalid-data",
        zh
          ? `数据有 ${validation.errors} 个错误，请先运行"校验"并修正后再生成报告。`
          : `The data has ${validation.errors} error${validation.errors === 1 ? "" : "s"}; run Validate and fix ${validation.errors === 1 ? "it" : "them"} before making a report.`,
      );
    }
    const figures = computeReport(validation, { recycledMethod: options.recycledMethod ?? DEFAULT_REPORT_OPTIONS.recycledMethod });
    const located = Object.values(validation.sheets).flatMap((d) => (d ? [d.sheet] : []));
    const provenance: Provenance = {
      sourceName: snapshot.workbookName ?? "This workbook",
      sourceSha256: await sheetValuesSha256(grids, located),
      sourceSha256Of: "sheet-values",
      alutraceVersion: options.version ?? "unknown",
      generatedAt: (options.now ?? (() => new Date()))().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    const spec = buildReport(validation, figures, provenance);
    const r = await renderIn(context, spec, { replaceOwned: true }, snapshot, caps);
    return { ...r, validation, figures, files: exportFiles(validation, figures, spec, provenance), provenance };
  });
}

/** Shows a cell: activates its sheet and selects it. `a1` may be "" (just the sheet) or "B2:C4". */
export function selectCell(sheet: string, a1: string): Promise<void> {
  const ref = a1.trim();
  if (ref !== "") {
    const parts = ref.split(":");
    if (parts.length > 2 || parts.some((p) => !parseA1(p))) return Promise.reject(new ExcelHostError("not-found", `"${a1}" is not a cell address.`));
  }
  return excelRun(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    ws.load("name,visibility");
    await context.sync();
    if (ws.isNullObject) throw new ExcelHostError("not-found", `There is no sheet "${sheet}" in this workbook any more.`);
    if (ws.visibility !== "Visible") throw new ExcelHostError("hidden-sheet", `Sheet "${ws.name}" is hidden; unhide it (right-click a sheet tab › Unhide) to see ${ref || "it"}.`);
    ws.activate();
    if (ref !== "") ws.getRange(ref.replace(/\$/g, "")).select();
    await context.sync();
  });
}

/** The findings as an AluTrace sheet ("AluTrace_Findings"), replacing the previous one. */
export function writeFindingsSheet(findings: readonly Finding[], language: "en" | "zh-CN" = "en"): Promise<RenderResult> {
  return excelRun((context) => renderIn(context, { sheets: [findingsSheetSpec(findings, [], language)] }, { replaceOwned: true }));
}

export interface SheetPreview {
  name: string;
  /** Rows 1–12 as grid cells (0-based from A1, at most 256 columns). */
  rows: Cell[][];
  ownedByAluTrace: boolean;
  hidden: boolean;
}

/** Every sheet's name and first rows, for the mapping editor: 2 syncs. */
export function listSheets(): Promise<SheetPreview[]> {
  return excelRun(async (context) => {
    const snap = await loadSnapshot(context);
    const blocks = snap.sheets.map((info) => {
      const ws = context.workbook.worksheets.getItem(info.id);
      const top = ws.getUsedRange(true).getIntersectionOrNullObject(ws.getRangeByIndexes(0, 0, HEADER_SCAN_ROWS, 256));
      top.load("values,valueTypes,rowIndex,columnIndex");
      return top;
    });
    if (blocks.length) await context.sync();
    const owned = new Set(snap.owned.map((o) => o.sheetName.toUpperCase()));
    return snap.sheets.map((info, i) => {
      const b = blocks[i];
      const g = new GridBuilder();
      if (!b.isNullObject) g.addBlock(b.rowIndex, b.columnIndex, b.values, b.valueTypes, undefined);
      const rows = g.build().values.slice(0, HEADER_SCAN_ROWS).map((r) => [...r]);
      return { name: info.name, rows, ownedByAluTrace: owned.has(info.name.toUpperCase()), hidden: info.visibility !== "Visible" };
    });
  });
}
