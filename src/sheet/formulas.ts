/**
 * Rewriting sheet references inside formulas. When a spec sheet has to take another name (its name
 * is taken by a user's sheet), every formula, validation source and defined name of the spec that
 * points at it must follow, or it would silently point at the user's sheet.
 */
import { quoteSheetName } from "../core/cells";
import type { SheetSpec, WorkbookSpec } from "../core/sheetspec";

function isNameChar(ch: string): boolean {
  return /[A-Za-z0-9_.\u00a1-\uffff]/.test(ch);
}

/**
 * `formula` with references to sheet `from` ('From'!A1, From!A1:B2 — case-insensitive, as Excel
 * compares names) pointing at `to` instead. Text inside string literals is left alone, and so are
 * references into other workbooks ([Book]Sheet!A1).
 */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  const fromU = from.toUpperCase();
  const target = `${quoteSheetName(to)}!`;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      while (j < n) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += formula[j++];
      }
      const afterQuote = j + 1;
      const external = i > 0 && formula[i - 1] === "]";
      if (formula[afterQuote] === "!" && !external && name.toUpperCase() === fromU) {
        out += target;
        i = afterQuote + 1;
      } else {
        out += formula.slice(i, afterQuote);
        i = afterQuote;
      }
      continue;
    }
    if (isNameChar(ch) && (i === 0 || (!isNameChar(formula[i - 1]) && formula[i - 1] !== "]" && formula[i - 1] !== "'"))) {
      let j = i;
      while (j < n && isNameChar(formula[j])) j++;
      const run = formula.slice(i, j);
      if (formula[j] === "!" && run.toUpperCase() === fromU) {
        out += target;
        i = j + 1;
      } else {
        out += run;
        i = j;
      }
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Applies several renames (old name → new name) to one formula. */
export function renameSheetsInFormula(formula: string, renames: ReadonlyMap<string, string>): string {
  let f = formula;
  for (const [from, to] of renames) f = renameSheetInFormula(f, from, to);
  return f;
}

/**
 * A copy of the workbook spec with sheets renamed (old name → new name) and every formula,
 * list-validation source and defined-name reference updated to match. Renames are applied
 * simultaneously (a → b, b → a swaps correctly).
 */
export function renameSheetsInSpec(spec: WorkbookSpec, renames: ReadonlyMap<string, string>): WorkbookSpec {
  if (renames.size === 0) return spec;
  // Two-step via placeholders so chains and swaps cannot collide.
  const step1 = new Map<string, string>();
  const step2 = new Map<string, string>();
  let k = 0;
  for (const [from, to] of renames) {
    const tmp = `\u0001AluTraceRename${k++}`;
    step1.set(from, tmp);
    step2.set(tmp, to);
  }
  const fix = (f: string): string => renameSheetsInFormula(renameSheetsInFormula(f, step1), step2);
  const byUpper = new Map<string, string>();
  for (const [from, to] of renames) byUpper.set(from.toUpperCase(), to);
  // Texts that name a sheet ("see R6_Data_Quality", the cover's list of tabs) follow it too: the
  // name as a whole word, so "R9_Data" in "R9_Data: Products" changes and "R9_DataX" does not.
  const names = [...renames.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const word = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${names.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  const fixText = (t: string): string => t.replace(word, (m) => byUpper.get(m.toUpperCase()) ?? m);
  const sheets: SheetSpec[] = spec.sheets.map((s) => ({
    ...s,
    name: byUpper.get(s.name.toUpperCase()) ?? s.name,
    rows: s.rows.map((row) =>
      row.map((c) => {
        if (c.f !== undefined) return { ...c, f: fix(c.f) };
        if (typeof c.v !== "string" || c.v === "") return c;
        const v = fixText(c.v);
        return v === c.v ? c : { ...c, v };
      }),
    ),
    ...(s.validations ? { validations: s.validations.map((v) => (v.type === "list" ? { ...v, source: fix(v.source) } : v)) } : {}),
  }));
  return {
    ...spec,
    sheets,
    ...(spec.definedNames ? { definedNames: spec.definedNames.map((d) => ({ ...d, ref: fix(d.ref) })) } : {}),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
