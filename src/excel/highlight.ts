/**
 * Colouring the cells that validation findings point at, and putting every cell back exactly as it
 * was. Needs ExcelApi 1.9 (getCellProperties / setCellProperties).
 *
 * How:
 * - Findings are grouped into vertical runs of one column, one severity (a column of bad units is
 *   one area, one call), at most MAX_HIGHLIGHT_CELLS cells, errors first.
 * - Each cell's own fill (color, pattern, patternColor, tintAndShade, patternTintAndShade) is read
 *   with getCellProperties before it is coloured, and stored in the document's settings bag
 *   (Office.context.document.settings, saved into the workbook with saveAsync) under
 *   "AluTrace.highlights", with the sheet's id so a renamed sheet is still found.
 * - "No fill" is told apart from a white fill by pattern "None" or, where Office gives no pattern,
 *   by tintAndShade being null (OfficeDev/office-js#4900, #6218: color alone is "#FFFFFF" for both).
 * - Clearing restores only cells that still show AluTrace's colour: a cell the user re-coloured
 *   since keeps the user's fill. Highlighting again first restores the previous highlight.
 * Syncs: highlight 3 (sheets; current fills of old and new areas; restore + colour), clear 3
 * (sheets; current fills; restore) — whatever the number of rows or findings.
 */
import { parseA1 } from "../core/cells";
import type { Finding, Severity } from "../core/findings";
import { SEVERITY_ORDER } from "../core/findings";
import { sameSheetName } from "../sheet/names";
import { cssHex, STYLE_PALETTE } from "../sheet/styles";
import { Capabilities, capabilities, documentSettings, excelRun, ExcelHostError, saveSettings, SettingsLike } from "./env";

export const HIGHLIGHT_SETTING = "AluTrace.highlights";
/**
 * Caps that keep each of the three syncs under the 5 MB payload whatever the findings: every area
 * costs about 0.7 kB of requests (sheet, range, getCellProperties) and every cell about 0.15 kB of
 * response; the previous highlight is read back in the same sync, so the budget counts twice.
 */
export const MAX_HIGHLIGHT_CELLS = 5_000;
export const MAX_HIGHLIGHT_AREAS = 1_500;

/** Fill colours per severity: Excel's Bad / Neutral styles, and the report's "computed" blue. */
export const HIGHLIGHT_COLORS: Readonly<Record<Severity, string>> = {
  error: cssHex(STYLE_PALETTE.error.fill!),
  warning: cssHex(STYLE_PALETTE.warning.fill!),
  info: cssHex(STYLE_PALETTE.computed.fill!),
};

/** A cell's own fill as stored: 0 for "no fill", else [color, pattern, patternColor, tint, patternTint]. */
export type StoredFill = 0 | [string, string | null, string | null, number | null, number | null];

export interface StoredArea {
  sheetId: string;
  sheet: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
  /** The colour AluTrace put on the area. */
  color: string;
  /** orig[r][c]: the cell's fill before. */
  orig: StoredFill[][];
}

export interface StoredHighlights {
  v: 1;
  areas: StoredArea[];
}

export interface HighlightArea {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  severity: Severity;
}

export interface HighlightResult {
  /** Cells coloured. */
  highlighted: number;
  areas: number;
  /** Cells findings point at that were not coloured (over the cap, or their sheet is gone). */
  skipped: number;
}

/** A fill as Office returns it; any member may be null (mixed, or not applicable). */
interface FillProps {
  color?: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
  patternTintAndShade?: number | null;
}

const FILL_LOAD: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};

/** Whether a fill read from Office is "no fill" (see the module comment). */
export function isNoFill(f: FillProps | undefined | null): boolean {
  if (!f) return true;
  if (f.pattern === "None") return true;
  if (typeof f.pattern === "string" && f.pattern !== "") return false;
  return f.tintAndShade === null || f.tintAndShade === undefined;
}

export function toStoredFill(f: FillProps | undefined | null): StoredFill {
  if (isNoFill(f)) return 0;
  return [String(f!.color ?? "#FFFFFF"), f!.pattern ?? null, f!.patternColor ?? null, f!.tintAndShade ?? null, f!.patternTintAndShade ?? null];
}

/** The settable fill that puts a stored fill back (after the cell's fill was cleared). */
export function settableFill(s: StoredFill): Excel.SettableCellProperties {
  if (s === 0) return {};
  const [color, pattern, patternColor, tint, patternTint] = s;
  const fill: Excel.CellPropertiesFill = { color };
  if (pattern !== null) fill.pattern = pattern as Excel.CellPropertiesFill["pattern"];
  if (patternColor !== null) fill.patternColor = patternColor;
  if (tint !== null) fill.tintAndShade = tint;
  if (patternTint !== null) fill.patternTintAndShade = patternTint;
  return { format: { fill } };
}

function isOurs(f: FillProps | undefined, color: string): boolean {
  if (!f || isNoFill(f)) return false;
  if (String(f.color ?? "").toUpperCase() !== color.toUpperCase()) return false;
  if (f.pattern !== null && f.pattern !== undefined && f.pattern !== "Solid") return false;
  return !f.tintAndShade;
}

/**
 * Findings → areas to colour (pure). One colour per cell (the most severe finding), errors kept
 * first when over `max` cells, then vertical runs of one column and severity.
 */
export function highlightAreas(findings: readonly Finding[], max = MAX_HIGHLIGHT_CELLS, maxAreas = MAX_HIGHLIGHT_AREAS): { areas: HighlightArea[]; cells: number; skipped: number } {
  const bySheet = new Map<string, { sheet: string; cells: Map<string, { row: number; col: number; severity: Severity }> }>();
  for (const f of findings) {
    const p = f.cell ? parseA1(f.cell) : undefined;
    if (!p) continue;
    const key = f.sheet.toUpperCase();
    let s = bySheet.get(key);
    if (!s) {
      s = { sheet: f.sheet, cells: new Map() };
      bySheet.set(key, s);
    }
    const ck = `${p.row},${p.col}`;
    const prev = s.cells.get(ck);
    if (!prev || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev.severity]) s.cells.set(ck, { row: p.row, col: p.col, severity: f.severity });
  }
  const all: { sheet: string; row: number; col: number; severity: Severity }[] = [];
  for (const s of bySheet.values()) for (const c of s.cells.values()) all.push({ sheet: s.sheet, ...c });
  all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const kept = all.slice(0, max);
  kept.sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0) || a.col - b.col || a.row - b.row);
  let areas: HighlightArea[] = [];
  for (const c of kept) {
    const last = areas[areas.length - 1];
    if (last && last.sheet === c.sheet && last.left === c.col && last.severity === c.severity && last.bottom === c.row - 1) last.bottom = c.row;
    else areas.push({ sheet: c.sheet, top: c.row, left: c.col, bottom: c.row, right: c.col, severity: c.severity });
  }
  if (areas.length > maxAreas) {
    // Scattered cells: keep the most severe areas (stable, so sheet and row order stays within a severity).
    areas = areas
      .map((a, i) => ({ a, i }))
      .sort((x, y) => SEVERITY_ORDER[x.a.severity] - SEVERITY_ORDER[y.a.severity] || x.i - y.i)
      .slice(0, maxAreas)
      .sort((x, y) => x.i - y.i)
      .map((x) => x.a);
  }
  const cells = areas.reduce((n, a) => n + (a.bottom - a.top + 1), 0);
  return { areas, cells, skipped: all.length - cells };
}

export function loadStored(settings: SettingsLike): StoredHighlights | undefined {
  let raw: unknown;
  try {
    raw = settings.get(HIGHLIGHT_SETTING);
  } catch {
    return undefined;
  }
  if (typeof raw !== "string" || raw === "") return undefined;
  try {
    const v = JSON.parse(raw) as StoredHighlights;
    return v && v.v === 1 && Array.isArray(v.areas) ? v : undefined;
  } catch {
    return undefined;
  }
}

interface OldRead {
  area: StoredArea;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  sheet: Excel.Worksheet;
  range: Excel.Range;
}

/** Reads the current fills of the stored areas (queued; read after the next sync). */
/** One worksheet proxy per sheet id for the whole action (not one per area). */
function sheetCache(context: Excel.RequestContext): (id: string) => Excel.Worksheet {
  const cache = new Map<string, Excel.Worksheet>();
  return (id) => {
    let ws = cache.get(id);
    if (!ws) {
      ws = context.workbook.worksheets.getItem(id);
      cache.set(id, ws);
    }
    return ws;
  };
}

function queueOld(stored: StoredHighlights | undefined, sheetIds: Set<string>, sheetOf: (id: string) => Excel.Worksheet): OldRead[] {
  const out: OldRead[] = [];
  for (const area of stored?.areas ?? []) {
    if (!sheetIds.has(area.sheetId)) continue; // the sheet is gone: nothing to put back
    const sheet = sheetOf(area.sheetId);
    const range = sheet.getRangeByIndexes(area.top, area.left, area.rows, area.cols);
    out.push({ area, sheet, range, props: range.getCellProperties(FILL_LOAD) });
  }
  return out;
}

/**
 * Queues the restore of the old areas (only cells still showing AluTrace's colour) and returns,
 * per cell key "sheetId|row|col", the fill each restored cell gets back.
 */
function queueRestore(old: readonly OldRead[]): Map<string, StoredFill> {
  const restored = new Map<string, StoredFill>();
  for (const o of old) {
    const { area } = o;
    const cur = o.props.value;
    const ours: boolean[][] = [];
    let anyFill = false;
    for (let r = 0; r < area.rows; r++) {
      const row: boolean[] = [];
      for (let c = 0; c < area.cols; c++) {
        const mine = isOurs(cur[r]?.[c]?.format?.fill as FillProps | undefined, area.color);
        row.push(mine);
        if (mine) {
          const orig = area.orig[r]?.[c] ?? 0;
          restored.set(`${area.sheetId}|${area.top + r}|${area.left + c}`, orig);
          if (orig !== 0) anyFill = true;
        }
      }
      ours.push(row);
    }
    // Clear runs of our cells (areas are one column; runs go down the rows).
    for (let c = 0; c < area.cols; c++) {
      let r = 0;
      while (r < area.rows) {
        if (!ours[r][c]) {
          r++;
          continue;
        }
        let e = r;
        while (e + 1 < area.rows && ours[e + 1][c]) e++;
        o.sheet.getRangeByIndexes(area.top + r, area.left + c, e - r + 1, 1).format.fill.clear();
        r = e + 1;
      }
    }
    if (anyFill) {
      const data: Excel.SettableCellProperties[][] = [];
      for (let r = 0; r < area.rows; r++) {
        const row: Excel.SettableCellProperties[] = [];
        for (let c = 0; c < area.cols; c++) row.push(ours[r][c] ? settableFill(area.orig[r]?.[c] ?? 0) : {});
        data.push(row);
      }
      o.range.setCellProperties(data);
    }
  }
  return restored;
}

function requireApi19(caps: Capabilities): void {
  if (!caps.api19) {
    throw new ExcelHostError("unsupported", "Highlighting cells needs a newer Excel (ExcelApi 1.9: Microsoft 365, Excel 2021 or later, or Excel on the web).");
  }
}

/** Colours the cells the findings point at (one Excel.run); replaces any previous highlight. */
export async function highlightIn(context: Excel.RequestContext, findings: readonly Finding[], settings: SettingsLike = documentSettings(), caps: Capabilities = capabilities()): Promise<HighlightResult> {
  requireApi19(caps);
  const plan = highlightAreas(findings);
  const stored = loadStored(settings);

  // sync 1: which sheets exist, and their ids
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id");
  await context.sync();
  const infos = sheets.items.map((s) => ({ name: s.name, id: s.id }));
  const ids = new Set(infos.map((s) => s.id));

  // sync 2: current fills of the old areas and of the new ones
  const sheetOf = sheetCache(context);
  const old = queueOld(stored, ids, sheetOf);
  let skipped = plan.skipped;
  const fresh: { area: HighlightArea; sheetId: string; sheetName: string; range: Excel.Range; props: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  for (const area of plan.areas) {
    const info = infos.find((s) => sameSheetName(s.name, area.sheet));
    const rows = area.bottom - area.top + 1;
    const cols = area.right - area.left + 1;
    if (!info) {
      skipped += rows * cols;
      continue;
    }
    const range = sheetOf(info.id).getRangeByIndexes(area.top, area.left, rows, cols);
    fresh.push({ area, sheetId: info.id, sheetName: info.name, range, props: range.getCellProperties(FILL_LOAD) });
  }
  if (old.length || fresh.length) await context.sync();

  // sync 3: put the old highlight back, then colour the new areas
  const restored = queueRestore(old);
  const areas: StoredArea[] = [];
  let cells = 0;
  for (const f of fresh) {
    const rows = f.area.bottom - f.area.top + 1;
    const cols = f.area.right - f.area.left + 1;
    const color = HIGHLIGHT_COLORS[f.area.severity];
    const cur = f.props.value;
    const orig: StoredFill[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: StoredFill[] = [];
      for (let c = 0; c < cols; c++) {
        const key = `${f.sheetId}|${f.area.top + r}|${f.area.left + c}`;
        row.push(restored.has(key) ? restored.get(key)! : toStoredFill(cur[r]?.[c]?.format?.fill as FillProps | undefined));
      }
      orig.push(row);
    }
    f.range.format.fill.color = color;
    cells += rows * cols;
    areas.push({ sheetId: f.sheetId, sheet: f.sheetName, top: f.area.top, left: f.area.left, rows, cols, color, orig });
  }
  if (old.length || fresh.length) await context.sync();

  if (areas.length) settings.set(HIGHLIGHT_SETTING, JSON.stringify({ v: 1, areas } satisfies StoredHighlights));
  else settings.remove(HIGHLIGHT_SETTING);
  await saveSettings(settings);
  return { highlighted: cells, areas: areas.length, skipped };
}

/** Puts back every cell AluTrace highlighted (one Excel.run). Returns the number of cells restored. */
export async function clearIn(context: Excel.RequestContext, settings: SettingsLike = documentSettings(), caps: Capabilities = capabilities()): Promise<{ restored: number }> {
  const stored = loadStored(settings);
  if (!stored || stored.areas.length === 0) return { restored: 0 };
  requireApi19(caps);
  const sheets = context.workbook.worksheets;
  sheets.load("items/id");
  await context.sync();
  const old = queueOld(stored, new Set(sheets.items.map((s) => s.id)), sheetCache(context));
  let restored = 0;
  if (old.length) {
    await context.sync();
    restored = queueRestore(old).size;
    await context.sync();
  }
  settings.remove(HIGHLIGHT_SETTING);
  await saveSettings(settings);
  return { restored };
}

export function highlightFindings(findings: readonly Finding[]): Promise<HighlightResult> {
  return excelRun((context) => highlightIn(context, findings));
}

export function clearHighlights(): Promise<{ restored: number }> {
  return excelRun((context) => clearIn(context));
}
