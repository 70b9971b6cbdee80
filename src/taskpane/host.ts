// What the task pane asks of its host (Excel). The UI receives a HostApi as a prop
// (Microsoft's TaskPane-React pattern), so components are tested without Office.
// The Excel implementation lives in src/excel (later); outside Excel the pane gets
// createUnavailableHost(). Result types are deliberately small: the feature issue may widen them.

/** A cell the user can be sent to. */
export interface CellRef {
  sheet: string;
  /** A1 address on that sheet, e.g. "C7". */
  address: string;
}

/** One validation finding, pointing at a cell. */
export interface HostIssue {
  severity: "error" | "warning";
  message: string;
  cell?: CellRef;
}

export interface ValidateResult {
  issues: HostIssue[];
}

/** Outcome of an action that writes sheets. */
export interface WriteResult {
  /** Sheets created or replaced, in order. */
  sheets: string[];
  /** Optional short note for the user (already localised). */
  note?: string;
}

export interface InsertTemplateOptions {
  /** Label language of the pane; the template itself is bilingual. */
  language: string;
}

export interface ExportReportOptions {
  language: string;
}

/** Why workbook actions are not offered right now. */
export type UnavailableReason = "connecting" | "outside-office" | "no-office" | "other-host" | "not-implemented";

export interface HostApi {
  /** False: every action rejects with HostUnavailableError; the UI disables its buttons. */
  readonly available: boolean;
  readonly unavailableReason?: UnavailableReason;
  insertTemplate(options: InsertTemplateOptions): Promise<WriteResult>;
  validate(): Promise<ValidateResult>;
  exportReport(options: ExportReportOptions): Promise<WriteResult>;
  selectCell(cell: CellRef): Promise<void>;
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
  };
}
