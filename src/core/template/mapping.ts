/**
 * Validating a sheet that is not an AluTrace template: the user (task pane) confirms which of its
 * columns holds which template column, starting from proposeMapping's guess. applyHeaderMappings
 * then rewrites only the header row of each mapped grid to the template's column keys, so the
 * ordinary validator finds and reads it — and every finding still names the user's own cell,
 * because no row or column moves.
 */
import type { Grid, WorkbookGrids, Cell } from "../cells";
import { locateTemplateSheets, proposeMapping } from "./locate";
import { TEMPLATE_SHEETS, TemplateSheetKey, TemplateSheetSpec, sheetSpec } from "./spec";

/** How many rows from the top the locator looks at for a header row (locate.ts SCAN_ROWS). */
export const HEADER_SCAN_ROWS = 12;

export interface HeaderMapping {
  /** The sheet's name in the workbook. */
  sheet: string;
  /** The template sheet it stands for. */
  template: TemplateSheetKey;
  /** 0-based row of the header row; must be below HEADER_SCAN_ROWS. */
  headerRow: number;
  /** Template column key → 0-based column index in the sheet. */
  columns: Record<string, number>;
}

/** The row (among the first HEADER_SCAN_ROWS) whose cells match most template columns; 0 when none does. */
export function guessHeaderRow(spec: TemplateSheetSpec, grid: Grid): number {
  let best = 0;
  let bestHits = 0;
  const rows = Math.min(HEADER_SCAN_ROWS, grid.values.length);
  for (let r = 0; r < rows; r++) {
    const hits = new Set(proposeMapping(spec, grid, r).flatMap((p) => (p.key ? [p.key] : []))).size;
    if (hits > bestHits) {
      best = r;
      bestHits = hits;
    }
  }
  return best;
}

/** The template sheet a grid looks most like (most header matches), for a first guess in the pane. */
export function guessTemplate(grid: Grid): TemplateSheetKey {
  let best: TemplateSheetKey = TEMPLATE_SHEETS[0].key;
  let bestHits = 0;
  for (const spec of TEMPLATE_SHEETS) {
    const row = guessHeaderRow(spec, grid);
    const hits = new Set(proposeMapping(spec, grid, row).flatMap((p) => (p.key ? [p.key] : []))).size;
    if (hits > bestHits) {
      best = spec.key;
      bestHits = hits;
    }
  }
  return best;
}

/** A mapping from proposeMapping's guess: the first column recognised for each template column. */
export function proposeHeaderMapping(sheet: string, template: TemplateSheetKey, grid: Grid, headerRow?: number): HeaderMapping {
  const spec = sheetSpec(template);
  const row = headerRow ?? guessHeaderRow(spec, grid);
  const columns: Record<string, number> = {};
  for (const p of proposeMapping(spec, grid, row)) if (p.key && !(p.key in columns)) columns[p.key] = p.col;
  return { sheet, template, headerRow: row, columns };
}

export interface MappingCheck {
  /** Required template columns that no sheet column is mapped to. */
  missingRequired: string[];
  /** Sheet columns (0-based) chosen for more than one template column. */
  columnsUsedTwice: number[];
  /** Enough is mapped for the validator to take the sheet for this template sheet. */
  usable: boolean;
}

/** Whether a mapping can work: the validator needs at least half the required columns (and two columns). */
export function checkHeaderMapping(mapping: HeaderMapping): MappingCheck {
  const spec = sheetSpec(mapping.template);
  const keys = Object.keys(mapping.columns).filter((k) => spec.columns.some((c) => c.key === k));
  const required = spec.columns.filter((c) => c.required === "yes").map((c) => c.key);
  const missingRequired = required.filter((k) => !keys.includes(k));
  const seen = new Map<number, number>();
  for (const k of keys) seen.set(mapping.columns[k], (seen.get(mapping.columns[k]) ?? 0) + 1);
  const columnsUsedTwice = [...seen].filter(([, n]) => n > 1).map(([c]) => c);
  const reqHit = required.length - missingRequired.length;
  const usable =
    keys.length >= Math.min(2, spec.columns.length) &&
    reqHit >= Math.ceil(required.length / 2) &&
    columnsUsedTwice.length === 0 &&
    mapping.headerRow >= 0 &&
    mapping.headerRow < HEADER_SCAN_ROWS;
  return { missingRequired, columnsUsedTwice, usable };
}

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}

function rewrite(grid: Grid, m: HeaderMapping): Grid {
  const width = Math.max(0, ...Object.values(m.columns).map((c) => c + 1), (grid.values[m.headerRow] ?? []).length);
  const header: Cell[] = new Array<Cell>(width).fill(null);
  for (const [key, col] of Object.entries(m.columns)) header[col] = key; // keys are recognised headers
  // Rows above the header are titles or notes: blanked so that no stray word there wins the header search.
  const values = grid.values.map((row, r) => (r < m.headerRow ? [] : r === m.headerRow ? header : row));
  while (values.length <= m.headerRow) values.push(values.length === m.headerRow ? header : []);
  return { ...grid, values };
}

/**
 * The workbook as the validator should see it with the user's mappings applied. Throws MappingError
 * (a message to show the user) when a mapping names a missing sheet, a column key of another
 * template sheet, a header row too far down, or maps too little for the sheet to be recognised.
 * A mapped sheet wins over any other sheet that looks like the same template sheet.
 */
export function applyHeaderMappings(wb: WorkbookGrids, mappings: readonly HeaderMapping[]): WorkbookGrids {
  if (mappings.length === 0) return wb;
  const byTemplate = new Set<TemplateSheetKey>();
  const mapped = new Map<Grid, HeaderMapping>();
  let sheets: Grid[] = [...wb.sheets];
  for (const m of mappings) {
    const spec = TEMPLATE_SHEETS.find((s) => s.key === m.template);
    if (!spec) throw new MappingError(`Unknown template sheet "${m.template}".`);
    if (byTemplate.has(m.template)) throw new MappingError(`Two sheets are mapped as ${spec.title.en}; map one.`);
    byTemplate.add(m.template);
    const i = sheets.findIndex((g) => g.name === m.sheet);
    if (i < 0) throw new MappingError(`Sheet "${m.sheet}" is not in the workbook any more.`);
    if (!Number.isInteger(m.headerRow) || m.headerRow < 0 || m.headerRow >= HEADER_SCAN_ROWS) {
      throw new MappingError(`Sheet "${m.sheet}": the header row must be one of rows 1–${HEADER_SCAN_ROWS}.`);
    }
    for (const [key, col] of Object.entries(m.columns)) {
      if (!spec.columns.some((c) => c.key === key)) throw new MappingError(`"${key}" is not a column of ${spec.title.en}.`);
      if (!Number.isInteger(col) || col < 0) throw new MappingError(`Sheet "${m.sheet}": bad column index for ${key}.`);
    }
    const check = checkHeaderMapping(m);
    if (!check.usable) {
      throw new MappingError(
        `Sheet "${m.sheet}" mapped as ${spec.title.en}: map at least half of the required columns` +
          (check.missingRequired.length ? ` (missing: ${check.missingRequired.join(", ")})` : "") +
          (check.columnsUsedTwice.length ? "; a sheet column can stand for one template column only" : "") +
          ".",
      );
    }
    const g = rewrite(sheets[i], m);
    sheets[i] = g;
    mapped.set(g, m);
  }
  // Another sheet that looks like a mapped template sheet (e.g. a blank template inserted earlier)
  // would compete with the mapped one: the user's explicit choice wins, the other is left out.
  for (let pass = 0; pass < TEMPLATE_SHEETS.length; pass++) {
    const located = locateTemplateSheets(sheets);
    const drop = new Set<Grid>();
    for (const [g, m] of mapped) {
      const loc = located.get(m.template);
      if (loc && loc.grid !== g && !mapped.has(loc.grid)) drop.add(loc.grid);
    }
    if (drop.size === 0) break;
    sheets = sheets.filter((g) => !drop.has(g));
  }
  const located = locateTemplateSheets(sheets);
  for (const [g, m] of mapped) {
    if (located.get(m.template)?.grid !== g) {
      throw new MappingError(`Sheet "${m.sheet}" could not be read as ${sheetSpec(m.template).title.en} with this mapping; map more of its columns.`);
    }
  }
  return { ...wb, sheets };
}
