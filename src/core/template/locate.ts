/**
 * Finding the template sheets in a workbook by their header rows, not their names: suppliers
 * rename tabs, reorder columns, translate headers and add their own columns. A sheet that is not
 * ours can be mapped the same way (English/Chinese labels, keys and synonyms are all recognised).
 */
import { Cell, Grid, WorkbookGrids, cellAt } from "../cells";
import { normaliseText } from "../parse";
import { REPORT_SHEETS } from "../report/tabs";
import { INSTRUCTIONS_SHEET, LISTS_SHEET } from "./build";
import { ColumnSpec, HEADER_ROW, TEMPLATE_SHEETS, TemplateSheetKey, TemplateSheetSpec, headerText } from "./spec";

/** Lower-case, no spaces, units in brackets and punctuation removed: "Mass (t) / 质量（吨）" → "mass质量". */
export function headerKey(text: string): string {
  return fullHeaderKey(text.replace(/\([^)]*\)|（[^）]*）|\[[^\]]*\]/g, ""));
}

/** Like headerKey but keeps bracketed words, which tell "Legal name (English)" from "Legal name (Chinese)". */
function fullHeaderKey(text: string): string {
  return normaliseText(text)
    .toLowerCase()
    .replace(/[\s_\-./:：*、，,。'"’()（）[\]]+/g, "");
}

const headerIndex = new Map<TemplateSheetKey, { full: Map<string, string>; loose: Map<string, string> }>();

/** Every header text recognised for a column → the column key (exact forms, then forms without brackets). */
export function headerLookup(spec: TemplateSheetSpec): { full: Map<string, string>; loose: Map<string, string> } {
  let m = headerIndex.get(spec.key);
  if (m) return m;
  const full = new Map<string, string>();
  const loose = new Map<string, string | null>();
  const add = (text: string, key: string) => {
    const f = fullHeaderKey(text);
    if (f && !full.has(f)) full.set(f, key);
    const l = headerKey(text);
    // A bracket-less form shared by two columns (e.g. "Legal name") identifies neither.
    if (l) loose.set(l, loose.has(l) && loose.get(l) !== key ? null : key);
  };
  for (const c of spec.columns) {
    add(c.key, c.key);
    add(c.label.en, c.key);
    add(c.label.zh, c.key);
    for (const lang of ["en", "zh-CN", "bilingual"] as const) add(headerText(c, lang), c.key);
    for (const s of c.synonyms ?? []) add(s, c.key);
  }
  const looseOk = new Map<string, string>();
  for (const [k, v] of loose) if (v) looseOk.set(k, v);
  m = { full, loose: looseOk };
  headerIndex.set(spec.key, m);
  return m;
}

const TRAILING_BRACKET = /\s*(?:\([^)]*\)|（[^）]*）|\[[^\]]*\])\s*$/;

/** A header text's lookup keys: [fullHeaderKey, headerKey] of the whole text, then of each "EN / 中文" half. */
type HeaderKeys = readonly (readonly [string, string])[];

/**
 * Keys by text. Each scanned cell is tried against every template sheet (and every sheet against
 * every grid), so its keys are worked out once; bounded for workbooks with many distinct texts.
 */
const keyCache = new Map<string, HeaderKeys>();
const KEY_CACHE_MAX = 20_000;

function headerKeys(text: string): HeaderKeys {
  let k = keyCache.get(text);
  if (k === undefined) {
    const pair = (t: string) => [fullHeaderKey(t), headerKey(t)] as const;
    // Last, each form without its trailing bracket: a label with brackets of its own and a changed
    // unit ("碳足迹（截断法） (t CO2e)") is still its column, so HEADER_UNIT can say what is wrong.
    const halves = [text, ...text.split(/\s\/\s|\n/)];
    const untrailed = halves.map((t) => t.replace(TRAILING_BRACKET, "")).filter((t, i) => t !== halves[i] && t.trim() !== "");
    k = [...halves.map(pair), ...untrailed.map((t) => [fullHeaderKey(t), ""] as const)];
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(text, k);
  }
  return k;
}

/** Match one header cell; a bilingual "EN / 中文" header matches on either half. */
export function matchHeader(spec: TemplateSheetSpec, cell: Cell): string | undefined {
  if (typeof cell !== "string") return undefined;
  const { full, loose } = headerLookup(spec);
  for (const [f, l] of headerKeys(cell)) {
    const k = full.get(f) ?? loose.get(l);
    if (k) return k;
  }
  return undefined;
}

export interface LocatedSheet {
  spec: TemplateSheetSpec;
  grid: Grid;
  headerRow: number;
  /** Column key → 0-based column index in the grid. */
  columns: Map<string, number>;
  /** Header cells that matched no column (0-based column index → text). */
  extraColumns: { col: number; text: string }[];
  /** Template columns whose header appears twice: the first one is used. */
  duplicateColumns: { key: string; col: number }[];
}

const SCAN_ROWS = 12;

function scoreRow(spec: TemplateSheetSpec, grid: Grid, row: number): { score: number; columns: Map<string, number>; extra: { col: number; text: string }[]; dup: { key: string; col: number }[] } {
  const columns = new Map<string, number>();
  const extra: { col: number; text: string }[] = [];
  const dup: { key: string; col: number }[] = [];
  const cells = grid.values[row] ?? [];
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (v === null || v === undefined || v === "") continue;
    const key = matchHeader(spec, v);
    if (!key) {
      if (typeof v === "string" && v.trim()) extra.push({ col: c, text: v.trim() });
      continue;
    }
    if (columns.has(key)) dup.push({ key, col: c });
    else columns.set(key, c);
  }
  const required = spec.columns.filter((c) => c.required === "yes").map((c) => c.key);
  const reqHit = required.filter((k) => columns.has(k)).length;
  // A header row needs most of its required columns; plain word matches elsewhere must not win.
  const score = columns.size >= Math.min(2, spec.columns.length) && reqHit >= Math.ceil(required.length / 2) ? columns.size + reqHit : 0;
  return { score, columns, extra, dup };
}

/** Names AluTrace gives the sheets it writes that never hold supplier data (upper case). */
const OUTPUT_SHEET_NAMES = new Set([...Object.values(REPORT_SHEETS), LISTS_SHEET, INSTRUCTIONS_SHEET].map((n) => n.toUpperCase()));

/**
 * The sheets that may hold supplier data: every sheet except AluTrace's own output — report tabs
 * (R0_Cover … R9_Data, whose data tab restates the supplier's columns under similar headers), the
 * findings sheet, the code-list sheet and the instructions. Without this, a workbook that already
 * holds an exported report would validate differently from the same workbook before the export.
 *
 * - Marks first: a sheet whose ownership mark names any kind but "template" is AluTrace's output
 *   (the mark follows a renamed sheet); a sheet marked "template" always stays (it holds the
 *   supplier's data), and so does every unmarked sheet.
 * - Names only when the workbook carries no marks at all (a program that drops defined names lost
 *   them): then a sheet named as AluTrace names its output sheets (Excel's " (2)" copy suffix
 *   included) is left out. With marks present, a user's own sheet that happens to be called
 *   "R9_Data" is read like any other.
 * Used by the validator, so the command line and the task pane see the same sheets.
 */
export function supplierSheets(wb: WorkbookGrids): readonly Grid[] {
  const marks = wb.ownership ?? [];
  let keep: (g: Grid) => boolean;
  if (marks.length > 0) {
    const output = new Set(marks.filter((o) => o.kind.toLowerCase() !== "template").map((o) => o.sheet.toUpperCase()));
    keep = (g) => !output.has(g.name.toUpperCase());
  } else if ((wb.ownedSheets ?? []).length > 0) {
    return wb.sheets; // marked by a caller that did not say which kind: nothing to go by
  } else {
    keep = (g) => !OUTPUT_SHEET_NAMES.has(g.name.toUpperCase().replace(/\s+\(\d+\)$/, ""));
  }
  return wb.sheets.every(keep) ? wb.sheets : wb.sheets.filter(keep);
}

/**
 * Assign grids to template sheets. A grid whose name is the template's default name is tried first;
 * otherwise the best-scoring header row wins. Each grid serves one template sheet.
 */
export function locateTemplateSheets(grids: readonly Grid[]): Map<TemplateSheetKey, LocatedSheet> {
  const candidates: { spec: TemplateSheetSpec; grid: Grid; row: number; score: number; columns: Map<string, number>; extra: { col: number; text: string }[]; dup: { key: string; col: number }[] }[] = [];
  for (const spec of TEMPLATE_SHEETS) {
    for (const grid of grids) {
      const rows = Math.min(SCAN_ROWS, grid.values.length);
      let best: (typeof candidates)[number] | undefined;
      for (let r = 0; r < rows; r++) {
        const s = scoreRow(spec, grid, r);
        if (s.score > 0 && (!best || s.score > best.score || (s.score === best.score && r === HEADER_ROW))) {
          best = { spec, grid, row: r, score: s.score, columns: s.columns, extra: s.extra, dup: s.dup };
        }
      }
      if (best) {
        // Exact default name: a strong hint, worth more than any column count difference.
        if (grid.name === spec.name) best.score += 1000;
        candidates.push(best);
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const out = new Map<TemplateSheetKey, LocatedSheet>();
  const usedGrids = new Set<Grid>();
  for (const c of candidates) {
    if (out.has(c.spec.key) || usedGrids.has(c.grid)) continue;
    usedGrids.add(c.grid);
    out.set(c.spec.key, { spec: c.spec, grid: c.grid, headerRow: c.row, columns: c.columns, extraColumns: c.extra, duplicateColumns: c.dup });
  }
  return out;
}

/** A mapping of one sheet's header row, for a user to review and correct (task pane). */
export function proposeMapping(spec: TemplateSheetSpec, grid: Grid, headerRow: number): { col: number; header: string; key: string | undefined }[] {
  const cells = grid.values[headerRow] ?? [];
  const out: { col: number; header: string; key: string | undefined }[] = [];
  for (let c = 0; c < cells.length; c++) {
    const v = cellAt(grid, headerRow, c);
    if (v === null || v === "") continue;
    out.push({ col: c, header: String(typeof v === "object" ? v.code : v), key: matchHeader(spec, v) });
  }
  return out;
}

export function columnSpec(spec: TemplateSheetSpec, key: string): ColumnSpec {
  const c = spec.columns.find((x) => x.key === key);
  if (!c) throw new Error(`unknown column ${spec.key}.${key}`);
  return c;
}
