/**
 * Recalculate a WorkbookSpec's formulas with HyperFormula, an independent spreadsheet engine,
 * and list every formula cell whose value differs from the cached result our engine wrote.
 */
import { HyperFormula } from "hyperformula";
import { a1, isCellError } from "../../src/core/cells";
import type { WorkbookSpec } from "../../src/core/sheetspec";

export interface Mismatch {
  sheet: string;
  cell: string;
  formula: string;
  cached: unknown;
  recalculated: unknown;
}

export function recalcWithHyperFormula(spec: WorkbookSpec, relTol = 1e-9): { mismatches: Mismatch[]; formulas: number } {
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  for (const s of spec.sheets) {
    sheets[s.name] = s.rows.map((row) =>
      row.map((c) => {
        if (c.f !== undefined) return `=${c.f}`;
        const v = c.v;
        if (v === undefined || v === null || isCellError(v)) return null;
        // Text stays text, as in a text cell in Excel: without the apostrophe HyperFormula would
        // turn "76061292" into a number and "=…" into a formula.
        if (typeof v === "string") return `'${v}`;
        return v;
      }),
    );
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3" });
  const mismatches: Mismatch[] = [];
  let formulas = 0;
  for (const s of spec.sheets) {
    const sheet = hf.getSheetId(s.name)!;
    s.rows.forEach((row, r) =>
      row.forEach((c, col) => {
        if (c.f === undefined) return;
        formulas++;
        const got = hf.getCellValue({ sheet, row: r, col });
        const want = c.v;
        const same =
          typeof want === "number" && typeof got === "number"
            ? Math.abs(got - want) <= relTol * Math.max(1, Math.abs(want))
            : got === want;
        if (!same) mismatches.push({ sheet: s.name, cell: a1(r, col), formula: c.f, cached: want, recalculated: typeof got === "object" && got !== null ? String((got as { value?: unknown }).value ?? got) : got });
      }),
    );
  }
  hf.destroy();
  return { mismatches, formulas };
}
