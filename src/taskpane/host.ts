// What the task pane asks of its host (Excel). The UI receives a HostApi as a prop
// (Microsoft's TaskPane-React pattern), so components are tested without Office.
// The Excel implementation is src/excel (createExcelHost); outside Excel the pane gets
// createUnavailableHost(). Only types are imported from the core here: this module stays tiny.
import type { Cell } from "../core/cells";
import type { ExportFile } from "../core/export/files";
import type { Finding } from "../core/findings";
import type { RecycledMethod } from "../core/recycled";
import type { HeaderMapping } from "../core/template/mapping";
import type { TemplateSheetKey } from "../core/template/spec";

export type { Finding } from "../core/findings";
export type { ExportFile } from "../core/export/files";
export type { RecycledMethod } from "../core/recycled";

/** Label language of the template sheets AluTrace writes. */
export type TemplateLanguage = "en" | "zh-CN" | "bilingual";
/** Language of the pane, and of sheets AluTrace writes for the user (report, findings). */
export type PaneLanguage = "en" | "zh-CN";

/** A cell the user can be sent to. */
export interface CellRef {
  sheet: string;
  /** A1 address on that sheet, e.g. "C7". */
  address: string;
}

/**
 * The user's reading of a sheet that is not an AluTrace template: which of its columns holds which
 * template column. The host applies it before validating (core applyHeaderMappings), so findings
 * still point at the user's own cells.
 */
export type SheetMapping = HeaderMapping;

export interface ValidateOptions {
  /** Sheets that are not ours, mapped by the user. */
  mappings?: SheetMapping[];
}

export interface DefaultUsed {
  /** Id in the core's DEFAULTS table. */
  id: string;
  /** Cells ("'Sheet'!A1") where the default filled a blank. */
  cells: string[];
}

export interface ValidateResult {
  /** Every finding, sorted in the order a supplier works through the file. */
  findings: Finding[];
  /** Defaults that filled blanks (listed under Methods and settings). Optional for older hosts. */
  defaultsUsed?: DefaultUsed[];
  /** Template sheet key → the workbook sheet that was validated as that sheet. */
  located?: Partial<Record<TemplateSheetKey, string>>;
}

/** Outcome of an action that writes sheets. */
export interface WriteResult {
  /** Sheets created or replaced, in workbook order. AluTrace never writes to any other sheet. */
  sheets: string[];
  /** Of `sheets`, the ones that replaced AluTrace's own earlier sheets. */
  replaced?: string[];
  /** Optional short note for the user (already localised). */
  note?: string;
  /** exportReport: machine-readable exports (PACT v3 JSON, extension document, CSV) to offer as downloads. */
  files?: ExportFile[];
  /** exportReport: why there are no PACT footprints (e.g. no footprint values on 09_Footprint). */
  pactRefusal?: string;
}

export interface InsertTemplateOptions {
  language: TemplateLanguage;
}

export interface ExportReportOptions {
  /** Language of the pane's messages about the export (the report tabs themselves are in English: they go to the buyer and the verifier). */
  language: PaneLanguage;
  /** Recycled-content method (ISO 14021 share): denominator and internal cross-process scrap. */
  recycledMethod: RecycledMethod;
  mappings?: SheetMapping[];
}

export interface WriteFindingsOptions {
  language: PaneLanguage;
}

export interface HighlightResult {
  /** Cells marked. */
  cells: number;
}

/** A sheet's name and first rows: enough to find or map its header row. */
export interface SheetPreview {
  name: string;
  /** The first rows (at most 12), as the core's grid cells. */
  rows: Cell[][];
  /** AluTrace created this sheet (template, report, findings): never offered for mapping. */
  ownedByAluTrace?: boolean;
  /** Hidden or very hidden in Excel. */
  hidden?: boolean;
}

/** Why workbook actions are not offered right now. */
export type UnavailableReason = "connecting" | "outside-office" | "no-office" | "other-host" | "not-implemented";

export interface HostApi {
  /** False: every action rejects with HostUnavailableError; the UI disables its buttons. */
  readonly available: boolean;
  readonly unavailableReason?: UnavailableReason;
  /** Adds the template sheets (a second insert must not touch the user's data: new sheets only). */
  insertTemplate(options: InsertTemplateOptions): Promise<WriteResult>;
  validate(options?: ValidateOptions): Promise<ValidateResult>;
  /** Writes the report tabs; replaces AluTrace's own earlier report tabs, never a user's sheet. */
  exportReport(options: ExportReportOptions): Promise<WriteResult>;
  /** Activates the sheet and selects the cell (A1 address). */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Marks the findings' cells (fill); the host remembers the original formats. */
  highlightFindings(findings: readonly Finding[]): Promise<HighlightResult>;
  /** Restores exactly the formats highlightFindings changed. */
  clearHighlights(): Promise<void>;
  /** Writes (or replaces) AluTrace's findings sheet. */
  writeFindingsSheet(findings: readonly Finding[], options: WriteFindingsOptions): Promise<WriteResult>;
  /**
   * OPTIONAL (for mapping sheets that are not ours): every sheet's name and first rows.
   * Without it the pane does not offer the mapping editor.
   */
  listSheets?(): Promise<SheetPreview[]>;
}

export class HostUnavailableError extends Error {
  constructor(readonly reason: UnavailableReason) {
    super(`Workbook actions are unavailable (${reason}).`);
    this.name = "HostUnavailableError";
  }
}

/** A host whose actions all reject: outside Excel, while connecting, or before src/excel exists. */
export function createUnavailableHost(reason: UnavailableReason): HostApi {
  const reject = (): Promise<never> => Promise.reject(new HostUnavailableError(reason));
  return {
    available: false,
    unavailableReason: reason,
    insertTemplate: reject,
    validate: reject,
    exportReport: reject,
    selectCell: reject,
    highlightFindings: reject,
    clearHighlights: reject,
    writeFindingsSheet: reject,
  };
}
