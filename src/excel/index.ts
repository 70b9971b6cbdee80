/**
 * The Office.js adapter: the only place in AluTrace that touches Excel.run. The task pane receives
 * `createExcelHost()` as its HostApi (src/taskpane/host.ts); the functions are exported too, for
 * other callers and tests.
 */
import type { HostApi, SheetPreview, WriteResult } from "../taskpane/host";
import { clearHighlights, highlightFindings } from "./highlight";
import { exportReport, insertTemplate, listSheets, selectCell, validate, writeFindingsSheet } from "./actions";
import type { RenderResult } from "./render";

export { ExcelHostError, supportsExcelApi, capabilities, MANIFEST_EXCEL_API } from "./env";
export type { ExcelHostErrorCode, Capabilities, SettingsLike } from "./env";
export { readWorkbookGrids, readGridsIn, loadSnapshot, queueSnapshot, DEFAULT_EXCEL_READ_LIMITS, OFFICE_MAX_CELLS_PER_READ } from "./read";
export type { WorkbookSnapshot, SheetInfo, ExcelReadLimits, ReadOptions } from "./read";
export { renderSheets, renderIn, planRender, planSheetChunks, styleRects, columnWidthPoints, officeInput } from "./render";
export type { RenderOptions, RenderResult, PlacedSheet, RenderPlan } from "./render";
export { highlightFindings, clearHighlights, highlightAreas, HIGHLIGHT_COLORS, HIGHLIGHT_SETTING, MAX_HIGHLIGHT_CELLS, MAX_HIGHLIGHT_AREAS } from "./highlight";
export type { HighlightResult } from "./highlight";
export { insertTemplate, validate, exportReport, selectCell, writeFindingsSheet, listSheets } from "./actions";
export type { ExportReportOptions, ExportReportResult } from "./actions";
export { findingsSheetSpec, FINDINGS_SHEET } from "./findings-sheet";
export { officeCell } from "./grid";

export interface ExcelHostOptions {
  /** AluTrace version for report provenance (the pane passes its build stamp). */
  readonly version?: string;
}

function writeResult(r: RenderResult, language: string): WriteResult {
  const renamed = r.sheets.filter((s) => s.sheetName !== s.specName);
  const zh = language === "zh-CN";
  const note = renamed.length
    ? renamed
        .map((s) =>
          zh
            ? `工作表"${s.specName}"已被占用，未作改动；AluTrace 写入了"${s.sheetName}"。`
            : `"${s.specName}" is taken by a sheet AluTrace does not own, which was left alone; AluTrace wrote "${s.sheetName}".`,
        )
        .join(" ")
    : undefined;
  return {
    sheets: r.placed,
    replaced: r.sheets.filter((s) => s.action === "replaced").map((s) => s.sheetName),
    ...(note ? { note } : {}),
  };
}

/** The task pane's host inside Excel. */
export function createExcelHost(opts: ExcelHostOptions = {}): HostApi {
  return {
    available: true,
    insertTemplate: async ({ language }) => writeResult(await insertTemplate(language), language),
    validate: async (o) => {
      const v = await validate(o?.mappings ?? []);
      const located: Record<string, string> = {};
      for (const [key, data] of Object.entries(v.sheets)) if (data) located[key] = data.sheet;
      return { findings: v.findings, defaultsUsed: v.defaultsUsed, located };
    },
    exportReport: async (o) => {
      const r = await exportReport({
        recycledMethod: o.recycledMethod,
        language: o.language,
        ...(o.mappings ? { mappings: o.mappings } : {}),
        ...(opts.version ? { version: opts.version } : {}),
      });
      return {
        ...writeResult(r, o.language),
        files: [...r.files.pact, ...r.files.csv],
        ...(r.files.pactRefusal ? { pactRefusal: (o.language === "zh-CN" ? r.files.pactRefusal.zh : r.files.pactRefusal).message } : {}),
      };
    },
    selectCell: (sheet, address) => selectCell(sheet, address),
    highlightFindings: async (findings) => ({ cells: (await highlightFindings(findings)).highlighted }),
    clearHighlights: async () => {
      await clearHighlights();
    },
    writeFindingsSheet: async (findings, o) => writeResult(await writeFindingsSheet(findings, o.language), o.language),
    listSheets: (): Promise<SheetPreview[]> => listSheets(),
  };
}
