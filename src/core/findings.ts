/**
 * A finding: one problem (or normalisation) at one place, in words a supplier can act on.
 * Every finding names the sheet and, where there is one, the cell in A1 form.
 */

export type Severity = "error" | "warning" | "info";

export interface Finding {
  /** The sheet's name as it is in the workbook (not our default name). */
  sheet: string;
  /** A1 address of the cell, or "" when the finding is about the whole sheet or workbook. */
  cell: string;
  severity: Severity;
  /** Stable code: a rule id from REFERENCE §6 (V1…V22) or a parse code such as NUMBER_TEXT. */
  code: string;
  /** English message: what is wrong and how to fix it. */
  message: string;
  /** The same in Chinese. */
  messageZh: string;
  /** Column key, when the finding is about a template column. */
  column?: string;
}

export interface Msg {
  en: string;
  zh: string;
}

/**
 * Cell text as quoted in a message: at most `max` characters, then "…". A finding quotes the value
 * so the supplier recognises it; a 30,000-character cell must not make a 30,000-character message.
 */
export function clipText(s: string, max = 60): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max);
  // Never end on half a surrogate pair (an emoji or a rare CJK character).
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + "…";
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sheet order, then row, then column: the order a supplier works through a file. */
export function sortFindings(findings: Finding[], sheetOrder: readonly string[] = []): Finding[] {
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  // Each finding's sort key is worked out once, not in every comparison.
  const keyed = findings.map((f, i) => {
    const m = /^([A-Z]+)(\d+)$/.exec(f.cell);
    let c = -1;
    if (m) {
      c = 0;
      for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    }
    return { f, i, rank: rank(f.sheet), row: m ? Number(m[2]) : -1, col: c, sev: SEVERITY_ORDER[f.severity] };
  });
  return keyed
    .sort((a, b) => a.rank - b.rank || (a.f.sheet === b.f.sheet ? 0 : a.f.sheet.localeCompare(b.f.sheet)) || a.row - b.row || a.col - b.col || a.sev - b.sev || a.i - b.i)
    .map((x) => x.f);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}
