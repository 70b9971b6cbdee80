/** Where the validator and its rules put their findings. */
import type { Finding, Msg, Severity } from "../findings";

export class Collector {
  findings: Finding[] = [];
  /** "sheet\u0000A1" of cells that already carry an error, so rules do not pile a second one on. */
  errorCells = new Set<string>();
  add(sheet: string, cell: string, severity: Severity, code: string, msg: Msg, column?: string): void {
    if (severity === "error") this.errorCells.add(`${sheet}\u0000${cell}`);
    this.findings.push({ sheet, cell, severity, code, message: msg.en, messageZh: msg.zh, ...(column ? { column } : {}) });
  }
}

/** A bilingual message. */
export const m = (en: string, zh: string): Msg => ({ en, zh });

/** Whether the cell already carries an error. */
export function findingAt(c: Collector, sheet: string, cell: string): boolean {
  return cell !== "" && c.errorCells.has(`${sheet}\u0000${cell}`);
}
