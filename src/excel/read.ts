/**
 * Reading the open workbook into the core's grids, in a constant number of syncs:
 *   sync 1  workbook snapshot: sheets (name, id, visibility, position), workbook-level names
 *           (ownership marks), tables, the date system and the workbook's name;
 *   sync 2  per sheet: the used range's extent and rowHidden, merged areas (ExcelApi 1.13);
 *   sync 3… values, valueTypes and numberFormat in row blocks, several sheets per sync, each sync
 *           kept under the 5 MB web payload limit (more syncs only for big workbooks).
 *
 * What Office.js does not give directly, and how it is got:
 * - date1904: Office.js has no property for the workbook's date system. It is derived from
 *   `workbook.functions.date(1904, 1, 1)`, which is 0 in a 1904 workbook and 1462 otherwise
 *   (ExcelApi 1.2, evaluated by Excel without touching any cell).
 * - hidden rows: `rowHidden` of the used range says none/all/some; for "some", the visible cells
 *   (getSpecialCellsOrNullObject("Visible"), ExcelApi 1.9) give the rows — one address string per
 *   sheet instead of one request per row. Without 1.9, mixed hidden rows are not reported.
 * - merges: getMergedAreasOrNullObject (ExcelApi 1.13); not reported on older hosts.
 */
import type { CellRange, Grid, WorkbookGrids } from "../core/cells";
import { DEFAULT_CHUNK_BYTES } from "../sheet/chunks";
import { findOwnedSheets, NamedRef, OwnedSheet } from "../sheet/ownership";
import { Capabilities, capabilities, excelRun, ExcelHostError, isPayloadTooLarge } from "./env";
import { GridBuilder, parseAreaList, rowsNotCovered } from "./grid";

/**
 * Headroom on the measured bytes per cell when planning the next read blocks. Rows of one sheet
 * weigh much the same, so a small margin keeps responses near the budget (fewer syncs); a block
 * that still comes back too large is planned again with a bigger guess.
 */
const READ_MARGIN = 1.1;

/** Office refuses to read more cells than this in one request. */
export const OFFICE_MAX_CELLS_PER_READ = 5_000_000;

export interface ExcelReadLimits {
  /** Cells (used-range area, all sheets) AluTrace reads at most; beyond, the read is refused. */
  readonly maxCells: number;
  /** Estimated response bytes per sync. */
  readonly chunkBytes: number;
  /** First guess of response bytes per cell (values + valueTypes + numberFormat); adapts upwards. */
  readonly bytesPerCell: number;
}

export const DEFAULT_EXCEL_READ_LIMITS: ExcelReadLimits = {
  maxCells: 20_000_000,
  chunkBytes: DEFAULT_CHUNK_BYTES,
  bytesPerCell: 48,
};

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface SheetInfo {
  readonly name: string;
  readonly id: string;
  readonly visibility: SheetVisibility;
  readonly position: number;
}

export interface TableInfo {
  readonly name: string;
  /** Name of the sheet holding the table. */
  readonly sheet: string;
}

/** What sync 1 learns about the workbook; shared by reading and rendering within one action. */
export interface WorkbookSnapshot {
  readonly sheets: readonly SheetInfo[];
  /** Workbook-level defined names with their formula ("=Sheet1!$A$1"). */
  readonly names: readonly NamedRef[];
  readonly tables: readonly TableInfo[];
  /** Undefined when the host could not tell. */
  readonly date1904?: boolean;
  readonly workbookName?: string;
  readonly owned: readonly OwnedSheet[];
}

/** Queues the snapshot loads; the returned function reads them after the next sync. */
export function queueSnapshot(context: Excel.RequestContext): () => WorkbookSnapshot {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name,items/id,items/visibility,items/position");
  const names = wb.names;
  names.load("items/name,items/formula");
  const tables = wb.tables;
  tables.load("items/name,items/worksheet/name");
  wb.load("name");
  // DATE(1904,1,1) is serial 0 in the 1904 date system and 1462 in the 1900 one.
  const probe = wb.functions.date(1904, 1, 1);
  probe.load("value,error");
  return () => {
    const sheetInfos: SheetInfo[] = sheets.items.map((s) => ({ name: s.name, id: s.id, visibility: s.visibility as SheetVisibility, position: s.position }));
    const nameRefs: NamedRef[] = names.items.map((n) => ({ name: n.name, ref: typeof n.formula === "string" ? n.formula : String(n.formula ?? "") }));
    const tableInfos: TableInfo[] = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
    let date1904: boolean | undefined;
    if (!probe.error && typeof probe.value === "number") date1904 = probe.value === 0;
    const owned = findOwnedSheets(nameRefs, sheetInfos.map((s) => s.name));
    const workbookName = typeof wb.name === "string" && wb.name !== "" ? wb.name : undefined;
    return {
      sheets: sheetInfos,
      names: nameRefs,
      tables: tableInfos,
      ...(date1904 !== undefined ? { date1904 } : {}),
      ...(workbookName !== undefined ? { workbookName } : {}),
      owned,
    };
  };
}

/** Sync 1 alone: the snapshot. */
export async function loadSnapshot(context: Excel.RequestContext): Promise<WorkbookSnapshot> {
  const read = queueSnapshot(context);
  await context.sync();
  return read();
}

interface SheetPlan {
  readonly info: SheetInfo;
  readonly sheet: Excel.Worksheet;
  readonly used: Excel.Range;
  top: number;
  left: number;
  rows: number;
  cols: number;
  rowHidden: boolean | null;
  merges: CellRange[];
  visible?: Excel.RangeAreas;
  /** Next row (relative to the used range) still to read. */
  next: number;
  readonly builder: GridBuilder;
}

export interface ReadOptions {
  readonly limits?: Partial<ExcelReadLimits>;
  /** Sheets to read (default all). Skipped sheets are left out of the grids. */
  readonly include?: (sheet: SheetInfo, snapshot: WorkbookSnapshot) => boolean;
  /** Reuse a snapshot taken in this same Excel.run (saves sync 1). */
  readonly snapshot?: WorkbookSnapshot;
  readonly caps?: Capabilities;
}

export interface ReadResult {
  readonly grids: WorkbookGrids;
  readonly snapshot: WorkbookSnapshot;
}

/** Reads every worksheet (visible, hidden, very hidden) inside an existing Excel.run. */
export async function readGridsIn(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<ReadResult> {
  const limits: ExcelReadLimits = { ...DEFAULT_EXCEL_READ_LIMITS, ...opts.limits };
  const caps = opts.caps ?? capabilities();
  const snapshot = opts.snapshot ?? (await loadSnapshot(context));

  // --- sync 2: extents, rowHidden, merges
  const plans: SheetPlan[] = [];
  const mergeAreas: (Excel.RangeAreas | undefined)[] = [];
  for (const info of snapshot.sheets) {
    if (opts.include && !opts.include(info, snapshot)) continue;
    const sheet = context.workbook.worksheets.getItem(info.id);
    const used = sheet.getUsedRange(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount,rowHidden");
    let merged: Excel.RangeAreas | undefined;
    if (caps.api113) {
      merged = sheet.getUsedRange(false).getMergedAreasOrNullObject();
      merged.load("address");
    }
    mergeAreas.push(merged);
    plans.push({ info, sheet, used, top: 0, left: 0, rows: 0, cols: 0, rowHidden: false, merges: [], next: 0, builder: new GridBuilder() });
  }
  if (plans.length) await context.sync();

  let total = 0;
  plans.forEach((p, i) => {
    p.top = p.used.rowIndex;
    p.left = p.used.columnIndex;
    p.rows = p.used.rowCount;
    p.cols = p.used.columnCount;
    p.rowHidden = p.used.rowHidden;
    const m = mergeAreas[i];
    if (m && !m.isNullObject) p.merges = parseAreaList(m.address).sort((a, b) => a.top - b.top || a.left - b.left);
    total += p.rows * p.cols;
  });
  if (total > limits.maxCells) {
    const big = [...plans].sort((a, b) => b.rows * b.cols - a.rows * a.cols)[0];
    throw new ExcelHostError(
      "too-many-cells",
      `This workbook's used ranges hold ${total.toLocaleString("en")} cells; AluTrace reads up to ${limits.maxCells.toLocaleString("en")} (the largest is sheet "${big.info.name}", ${big.rows.toLocaleString("en")} rows × ${big.cols} columns). Delete unused rows and columns (an inflated used range counts too) or split the workbook.`,
    );
  }

  // --- sync 3…: values in row blocks, packed under the payload budget. The guess of bytes per
  // cell follows what the cells really weigh (×READ_MARGIN), never below what a failed sync taught.
  let bytesPerCell = limits.bytesPerCell;
  let floor = 8;
  const pending = (): boolean => plans.some((p) => p.next < p.rows);
  while (pending()) {
    const budget = limits.chunkBytes;
    let spent = 0;
    const blocks: { plan: SheetPlan; start: number; count: number; range: Excel.Range }[] = [];
    const visibleLoads: SheetPlan[] = [];
    for (const p of plans) {
      if (p.next >= p.rows) continue;
      const cellBudget = Math.max(0, budget - spent);
      const rowBytes = Math.max(1, p.cols * bytesPerCell);
      let count = Math.floor(cellBudget / rowBytes);
      if (count < 1) {
        if (blocks.length > 0) break;
        count = 1; // one row always goes, whatever its size
      }
      count = Math.min(count, p.rows - p.next, Math.max(1, Math.floor(OFFICE_MAX_CELLS_PER_READ / Math.max(1, p.cols))));
      const range = p.sheet.getRangeByIndexes(p.top + p.next, p.left, count, p.cols);
      range.load("values,valueTypes,numberFormat");
      blocks.push({ plan: p, start: p.next, count, range });
      spent += count * rowBytes;
      if (p.next === 0 && p.rowHidden === null && caps.api19) {
        // Some rows hidden: one address list of the visible cells instead of a request per row.
        p.visible = p.used.getSpecialCellsOrNullObject("Visible");
        p.visible.load("address");
        visibleLoads.push(p);
        spent += p.rows * 16;
      }
      if (spent >= budget) break;
    }
    try {
      await context.sync();
    } catch (e) {
      const rows = blocks.reduce((n, b) => n + b.count, 0);
      if (isPayloadTooLarge(e) && rows > 1) {
        // The cells were larger than guessed: plan these rows again with a bigger guess, and never
        // go back below a guess that proved too small.
        floor = bytesPerCell * 1.25;
        bytesPerCell *= 2;
        for (const p of visibleLoads) p.visible = undefined;
        continue;
      }
      throw e;
    }
    let got = 0;
    let cells = 0;
    for (const b of blocks) {
      const before = b.plan.builder.bytes;
      const beforeCells = b.plan.builder.cells;
      b.plan.builder.addBlock(b.plan.top + b.start, b.plan.left, b.range.values, b.range.valueTypes, b.range.numberFormat);
      got += b.plan.builder.bytes - before;
      cells += b.plan.builder.cells - beforeCells;
      b.plan.next = b.start + b.count;
    }
    if (cells > 0) bytesPerCell = Math.max(floor, Math.ceil((got / cells) * READ_MARGIN));
  }

  const sheets: Grid[] = plans.map((p) => {
    const built = p.builder.build();
    let hiddenRows: number[] = [];
    if (p.rowHidden === true) hiddenRows = p.builder.dataRows();
    else if (p.rowHidden === null && p.visible) {
      const areas = p.visible.isNullObject ? [] : parseAreaList(p.visible.address);
      const hidden = new Set(rowsNotCovered(p.top, p.top + p.rows - 1, areas));
      hiddenRows = p.builder.dataRows().filter((r) => hidden.has(r));
    }
    return {
      name: p.info.name,
      values: built.values,
      ...(built.numberFormats ? { numberFormats: built.numberFormats } : {}),
      ...(hiddenRows.length ? { hiddenRows } : {}),
      ...(p.merges.length ? { merges: p.merges } : {}),
      ...(p.info.visibility !== "Visible" ? { hidden: true } : {}),
    };
  });

  const grids: WorkbookGrids = {
    sheets,
    ...(snapshot.date1904 ? { date1904: true } : {}),
    ownedSheets: snapshot.owned.map((o) => o.sheetName),
    ownership: snapshot.owned.map((o) => ({ sheet: o.sheetName, kind: o.kind })),
    ...(snapshot.workbookName !== undefined ? { sourceName: snapshot.workbookName } : {}),
  };
  return { grids, snapshot };
}

/** Every worksheet's used range as grids, with ownership marks, merges, hidden rows and date system. */
export function readWorkbookGrids(opts: Omit<ReadOptions, "snapshot"> = {}): Promise<WorkbookGrids> {
  return excelRun(async (context) => (await readGridsIn(context, opts)).grids);
}
