import { columnIndex } from "../core/cells";

/**
 * Excel's naming rules for sheets and defined names, as plain functions, so the template spec, both
 * renderers and the validator agree on them (and a bad name fails in a Node test, not in Excel).
 */

/** Excel refuses sheet names longer than this (counted in UTF-16 code units, as Excel does). */
export const MAX_SHEET_NAME_LENGTH = 31;

/** Characters Excel does not allow anywhere in a sheet name. */
export const FORBIDDEN_SHEET_NAME_CHARS = [":", "\\", "/", "?", "*", "[", "]"] as const;

/**
 * Why `name` is not a valid Excel sheet name, or `undefined` when it is. The message names the rule,
 * so it can be shown to a user as is.
 */
export function checkSheetName(name: string): string | undefined {
  if (name.trim() === "") return "A sheet name cannot be blank.";
  if (name.length > MAX_SHEET_NAME_LENGTH) {
    return `Sheet name "${name}" has ${name.length} characters; Excel allows at most ${MAX_SHEET_NAME_LENGTH}.`;
  }
  for (const ch of FORBIDDEN_SHEET_NAME_CHARS) {
    if (name.includes(ch)) {
      return `Sheet name "${name}" contains "${ch}"; Excel does not allow any of : \\ / ? * [ ] in sheet names.`;
    }
  }
  // Control characters cannot be stored in the XML of an .xlsx file.
  if (/[\u0000-\u001f\u007f]/.test(name)) return `Sheet name "${escapeControls(name)}" contains a control character.`;
  if (name.startsWith("'") || name.endsWith("'")) {
    return `Sheet name "${name}" starts or ends with an apostrophe, which Excel does not allow.`;
  }
  // Excel reserves "History" for its change-tracking sheet.
  if (name.toLowerCase() === "history") return `"${name}" is reserved by Excel and cannot be used as a sheet name.`;
  return undefined;
}

export function isValidSheetName(name: string): boolean {
  return checkSheetName(name) === undefined;
}

/** Excel compares sheet names without regard to case ("Data" and "DATA" clash). */
export function sameSheetName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/**
 * `desired` if no sheet in `taken` has it (ignoring case), else "desired (2)", "desired (3)" …, the
 * base shortened so the result still fits Excel's 31 characters. `desired` must itself be valid.
 */
export function uniqueSheetName(desired: string, taken: Iterable<string>): string {
  const used = new Set<string>();
  for (const t of taken) used.add(t.toUpperCase());
  if (!used.has(desired.toUpperCase())) return desired;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    let base = desired.slice(0, MAX_SHEET_NAME_LENGTH - suffix.length);
    // Cutting may leave a trailing apostrophe or a lone surrogate; drop them.
    base = base.replace(/[\ud800-\udbff]$/, "").replace(/'+$/, "");
    const candidate = base + suffix;
    if (!used.has(candidate.toUpperCase())) return candidate;
  }
}

/**
 * Whether `name` is a valid workbook-level defined name (Excel's rules: up to 255 characters; starts
 * with a letter, "_" or "\"; then letters, digits, "_", "."; not a cell reference such as "A1" or
 * "R1C1", and not "R"/"C"). Letters are limited to ASCII here: every name AluTrace makes is ASCII.
 */
export function isValidDefinedName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return false;
  if (/^[rRcC]$/.test(name)) return false;
  const a1 = /^([A-Za-z]{1,3})([0-9]{1,7})$/.exec(name); // a cell reference such as "tbl1" (column TBL)
  if (a1 && columnIndex(a1[1]) < 16_384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1_048_576) return false;
  if (/^[rR][0-9]*[cC][0-9]*$/.test(name)) return false; // R1C1-style
  if (/^(TRUE|FALSE)$/i.test(name)) return false;
  return true;
}

/** Excel table (ListObject) names follow the defined-name rules and share their namespace. */
export function isValidTableName(name: string): boolean {
  return isValidDefinedName(name) && !name.includes("\\");
}

function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
