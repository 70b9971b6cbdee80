/**
 * The findings of a validation as a sheet (pure): one row per finding, with a link that jumps to
 * the cell, so a buyer or supplier can work through them without the task pane.
 */
import type { SpecCell, SheetSpec } from "../core/sheetspec";
import type { Finding } from "../core/findings";
import { countBySeverity, sortFindings } from "../core/findings";
import { quotedSheetRef } from "../sheet/ownership";

export const FINDINGS_SHEET = "AluTrace_Findings";

/** =HYPERLINK("#'Sheet'!B5","B5"): the location is text inside a string literal, quotes doubled. */
export function cellLinkFormula(sheet: string, cell: string): string {
  const lit = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  return `HYPERLINK(${lit(`#${quotedSheetRef(sheet)}!${cell}`)},${lit(cell)})`;
}

/**
 * The findings sheet. Errors first, then warnings, then notes; within each, the order a supplier
 * works through the file. Both messages are kept (a buyer and a supplier may read different ones);
 * the pane's language comes first and names the headers. Grouping by severity also keeps the
 * severity colours to three blocks instead of one format call per row.
 */
export function findingsSheetSpec(findings: readonly Finding[], sheetOrder: readonly string[] = [], language: "en" | "zh-CN" = "en", name = FINDINGS_SHEET): SheetSpec {
  const n = countBySeverity(findings);
  const zh = language === "zh-CN";
  const rows: SpecCell[][] = [
    [{ v: zh ? "AluTrace 校验结果" : "AluTrace validation findings", style: "title" }],
    [{ v: zh ? `${n.error} 个错误，${n.warning} 个警告，${n.info} 条提示` : `${n.error} errors, ${n.warning} warnings, ${n.info} notes`, style: "note" }],
    (zh ? ["工作表", "单元格", "级别", "代码", "说明", "Message"] : ["Sheet", "Cell", "Severity", "Code", "Message", "说明"]).map((h) => ({ v: h, style: "header" as const })),
  ];
  const sorted = sortFindings([...findings], sheetOrder);
  const bySeverity = [...sorted.filter((f) => f.severity === "error"), ...sorted.filter((f) => f.severity === "warning"), ...sorted.filter((f) => f.severity === "info")];
  for (const f of bySeverity) {
    const sevStyle = f.severity === "error" ? "error" : f.severity === "warning" ? "warning" : undefined;
    const msgs: SpecCell[] = [
      { v: f.message, style: "note" },
      { v: f.messageZh, style: "note" },
    ];
    if (zh) msgs.reverse();
    rows.push([
      { v: f.sheet },
      f.cell && f.sheet ? { f: cellLinkFormula(f.sheet, f.cell), v: f.cell } : { v: f.cell },
      { v: f.severity, ...(sevStyle ? { style: sevStyle } : {}) },
      { v: f.code },
      ...msgs,
    ]);
  }
  return { name, kind: "findings", rows, columnWidths: [22, 10, 10, 18, 80, 60], freeze: { rows: 3, cols: 0 } };
}
