/**
 * Drawing a WorkbookSpec into the open workbook with Office.js — the Office twin of
 * src/xlsx/append.ts, so Excel and the CLI place, name and own sheets the same way.
 *
 * Syncs: 1 (snapshot: sheets, names, tables, date system) + the write syncs. Writes are split into
 * row blocks with planChunks/estimateRowBytes and packed several to a sync under the payload budget,
 * so a small spec is 2 syncs in all and only very large specs take more. Every write sync starts with
 * suspendApiCalculationUntilNextSync.
 *
 * Ownership (src/sheet/ownership.ts): only sheets carrying AluTrace's mark are ever deleted. With
 * `replaceOwned`, an owned sheet playing the same role (same kind and slot, or same name) is deleted
 * and replaced by a fresh sheet at the same place, so nothing stale survives. A spec sheet whose
 * name is taken (by the user's sheet, or by an owned one not replaced) gets a free name
 * ("R1_Red_Mud (2)") and every formula, validation source and defined name of the spec follows it.
 *
 * Units and choices:
 * - Column widths: the spec's unit is Excel's character width (what exceljs writes to .xlsx);
 *   Office.js wants points. ECMA-376 §18.3.1.13 gives pixels = trunc(((256·w + trunc(128/7))/256)·7)
 *   for the default font's 7-pixel maximum digit width (Calibri 11), and points = pixels × 0.75.
 * - Text goes through typedInputText (src/sheet/safetext.ts): formula-like text and text Excel would
 *   turn into a number, date, boolean or error gets a leading apostrophe, so it stays the same text.
 * - Formulas go through `range.formulas` as "=…" in the invariant (English) language; blocks with no
 *   formula go through `range.values`. Cached results in the spec are not written: Excel calculates.
 * - Dates in the spec are 1900-system serials; in a 1904 workbook they are shifted by 1462 days.
 * - Notes (SpecCell.note) need ExcelApi 1.18 (worksheet.notes); older hosts get no notes.
 */
import { isCellError } from "../core/cells";
import type { CellStyleName, DataValidationSpec, SheetSpec, SpecCell, WorkbookSpec } from "../core/sheetspec";
import { DEFAULT_CHUNK_BYTES, estimateRowBytes, OFFICE_PAYLOAD_LIMIT_BYTES, planChunks, RowChunk, utf8Length } from "../sheet/chunks";
import { renameSheetsInSpec } from "../sheet/formulas";
import { checkSheetName, isValidTableName, sameSheetName, uniqueSheetName } from "../sheet/names";
import { findOwnedSlot, ownershipMarkName, OwnedSheet, parseOwnershipMarkName, sheetOfRef } from "../sheet/ownership";
import { typedInputText } from "../sheet/safetext";
import { cssHex, StyleDef, STYLE_PALETTE } from "../sheet/styles";
import { Capabilities, capabilities, excelRun, ExcelHostError } from "./env";
import { loadSnapshot, SheetInfo, WorkbookSnapshot } from "./read";

export interface RenderOptions {
  /** Replace AluTrace's own sheets of the same role (true) or add beside them (false). */
  readonly replaceOwned: boolean;
  /** Activate the first placed visible sheet (default true). */
  readonly activate?: boolean;
  /** Estimated request bytes per sync (default 4 MB, under Office's 5 MB). */
  readonly chunkBytes?: number;
}

export interface PlacedSheet {
  readonly specName: string;
  /** The name it has in the workbook (differs when the spec's name was taken). */
  readonly sheetName: string;
  readonly action: "added" | "replaced";
}

export interface RenderResult {
  /** Final sheet names, in spec order. */
  readonly placed: string[];
  readonly sheets: readonly PlacedSheet[];
}

const DATE_1904_SHIFT = 1462;
const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";
const TABLE_STYLE = "TableStyleLight9";
/** Estimated request bytes of one styled rectangle (fill, font, alignment, six borders). */
export const STYLE_RECT_BYTES = 2_000;
/** Estimated request bytes of one structural operation (merge, table, validation, width…). */
const OP_BYTES = 300;

/** Excel character width (the .xlsx `width`, as exceljs writes it) → points for format.columnWidth. */
export function columnWidthPoints(chars: number, maxDigitWidthPx = 7): number {
  const px = Math.trunc(((256 * chars + Math.trunc(128 / maxDigitWidthPx)) / 256) * maxDigitWidthPx);
  return px * 0.75;
}

/** What Office.js should be given for one cell (see the module comment). */
export function officeInput(c: SpecCell | undefined, dateShift = 0): string | number | boolean {
  if (!c) return "";
  if (c.f !== undefined) return `=${c.f.replace(/^=/, "")}`;
  const v = c.v;
  if (v === undefined || v === null) return "";
  if (isCellError(v)) return v.code;
  // "" would clear the cell; a lone apostrophe makes the empty text cell the .xlsx writer makes.
  if (typeof v === "string") return v === "" ? "'" : typedInputText(v);
  if (typeof v === "number" && c.date) return v - dateShift;
  return v;
}

function numberFormatOf(c: SpecCell | undefined): string | undefined {
  if (!c) return undefined;
  return c.numFmt ?? (c.date ? DEFAULT_DATE_FORMAT : undefined);
}

function hasInput(c: SpecCell | undefined): boolean {
  return !!c && (c.f !== undefined || (c.v !== undefined && c.v !== null));
}

/** A rectangle of cells sharing one named style (0-based, inclusive). */
export interface StyleRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
  style: CellStyleName;
}

/**
 * The spec's styled cells as few rectangles: runs of equal style in a row, stacked with the same
 * run in the rows below. A column of 100 000 "input" cells is one rectangle, one set of calls.
 */
export function styleRects(rows: readonly (readonly SpecCell[])[]): StyleRect[] {
  const out: StyleRect[] = [];
  let open = new Map<string, StyleRect>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const next = new Map<string, StyleRect>();
    let c = 0;
    while (c < row.length) {
      const st = row[c]?.style;
      if (!st) {
        c++;
        continue;
      }
      let e = c;
      while (e + 1 < row.length && row[e + 1]?.style === st) e++;
      const key = `${c}:${e}:${st}`;
      const prev = open.get(key);
      if (prev && prev.bottom === r - 1) {
        prev.bottom = r;
        next.set(key, prev);
      } else {
        const rect = { top: r, left: c, bottom: r, right: e, style: st };
        out.push(rect);
        next.set(key, rect);
      }
      c = e + 1;
    }
    open = next;
  }
  return out;
}

// ---------------------------------------------------------------- placement plan (pure)

export interface PlacementItem {
  readonly specIndex: number;
  readonly specName: string;
  readonly finalName: string;
  /** The owned sheet this one replaces. */
  readonly replace?: SheetInfo;
  /** Name to add the sheet under before the old one is gone (then renamed to finalName). */
  readonly tempName?: string;
  readonly markName: string;
}

export interface RenderPlan {
  readonly items: readonly PlacementItem[];
  /** The spec with sheet renames applied to names, formulas, validation sources, defined names. */
  readonly spec: WorkbookSpec;
  readonly deleteSheets: readonly SheetInfo[];
  /** Existing workbook names (as spelled there) to delete before ours are added. */
  readonly deleteNames: readonly string[];
  /** Spec table name → name to use (a suffix when the name is taken in the workbook). */
  readonly tableNames: ReadonlyMap<string, string>;
  /** Position for the first placed sheet when replacing; undefined = append at the end. */
  readonly blockPosition?: number;
}

const ALUTRACE_NAME = /^_?AluTrace_/i;

/** Decides names, replacements and deletions from the snapshot. Throws ExcelHostError. */
export function planRender(spec: WorkbookSpec, snapshot: WorkbookSnapshot, replaceOwned: boolean): RenderPlan {
  const seen: string[] = [];
  for (const s of spec.sheets) {
    const p = checkSheetName(s.name);
    if (p) throw new ExcelHostError("bad-spec", p);
    if (seen.some((n) => sameSheetName(n, s.name))) throw new ExcelHostError("bad-spec", `Two sheets are named "${s.name}" (Excel ignores case in sheet names).`);
    seen.push(s.name);
  }
  const owned: readonly OwnedSheet[] = snapshot.owned;
  const claimed = new Map<string, { info: SheetInfo; owned: OwnedSheet }>(); // upper name → sheet
  const replaceOf: (SheetInfo | undefined)[] = spec.sheets.map((s) => {
    if (!replaceOwned) return undefined;
    const o = findOwnedSlot(owned, s.kind, s.name) ?? owned.find((x) => sameSheetName(x.sheetName, s.name));
    if (!o) return undefined;
    const info = snapshot.sheets.find((x) => sameSheetName(x.name, o.sheetName));
    if (!info || claimed.has(info.name.toUpperCase())) return undefined;
    claimed.set(info.name.toUpperCase(), { info, owned: o });
    return info;
  });
  // Names in use once the edit is done: every sheet not being replaced, plus those already settled.
  const taken: string[] = snapshot.sheets.filter((s) => !claimed.has(s.name.toUpperCase())).map((s) => s.name);
  const finals: string[] = [];
  for (const s of spec.sheets) {
    const f = uniqueSheetName(s.name, taken);
    taken.push(f);
    finals.push(f);
  }
  const renames = new Map<string, string>();
  spec.sheets.forEach((s, i) => {
    if (finals[i] !== s.name) renames.set(s.name, finals[i]);
  });
  const finalSpec = renameSheetsInSpec(spec, renames);

  // A new sheet whose final name is still held by a sheet about to be deleted is added under a
  // temporary name first: the old sheet can only go once another visible sheet exists.
  const allNames = [...snapshot.sheets.map((s) => s.name), ...finals];
  // Marks held by sheets that stay: a new sheet must not take one (it would disown that sheet, e.g.
  // the first template after a second insert). The role key is the spec name; a second copy of a
  // role is keyed by its own final name.
  const liveMarks = new Set<string>();
  for (const n of snapshot.names) {
    if (!parseOwnershipMarkName(n.name)) continue;
    const target = sheetOfRef(n.ref);
    if (target !== undefined && snapshot.sheets.some((x) => sameSheetName(x.name, target)) && !claimed.has(target.toUpperCase())) liveMarks.add(n.name.toUpperCase());
  }
  const items: PlacementItem[] = spec.sheets.map((s, i) => {
    const needsTemp = claimed.has(finals[i].toUpperCase());
    let tempName: string | undefined;
    if (needsTemp) {
      tempName = uniqueSheetName("AluTrace tmp", allNames);
      allNames.push(tempName);
    }
    const keys = [s.name, ...(finals[i] !== s.name ? [finals[i]] : [])];
    let markName = "";
    for (let k = 0; markName === "" || liveMarks.has(markName.toUpperCase()); k++) {
      markName = ownershipMarkName(s.kind, k < keys.length ? keys[k] : `${s.name} (${k - keys.length + 2})`);
    }
    liveMarks.add(markName.toUpperCase());
    return {
      specIndex: i,
      specName: s.name,
      finalName: finals[i],
      ...(replaceOf[i] ? { replace: replaceOf[i] } : {}),
      ...(tempName ? { tempName } : {}),
      markName,
    };
  });

  // --- defined names: ours (AluTrace's namespace) are replaced; a user's name is never touched.
  const existing = new Map<string, string>(); // upper → as spelled
  for (const n of snapshot.names) existing.set(n.name.toUpperCase(), n.name);
  const deleteNames = new Set<string>();
  for (const it of items) {
    const ex = existing.get(it.markName.toUpperCase());
    if (ex) deleteNames.add(ex);
  }
  for (const c of claimed.values()) {
    const ex = existing.get(c.owned.markName.toUpperCase());
    if (ex) deleteNames.add(ex);
  }
  for (const d of finalSpec.definedNames ?? []) {
    const ex = existing.get(d.name.toUpperCase());
    if (!ex) continue;
    if (!ALUTRACE_NAME.test(ex)) {
      throw new ExcelHostError(
        "name-conflict",
        `This workbook already has a defined name "${ex}"; AluTrace will not overwrite it. Rename it (Formulas › Name Manager) and try again.`,
      );
    }
    deleteNames.add(ex);
  }

  // --- table names share the defined-name namespace and must be unique in the workbook.
  const deleted = new Set([...claimed.keys()]);
  const takenTables = new Set<string>();
  for (const t of snapshot.tables) if (!deleted.has(t.sheet.toUpperCase())) takenTables.add(t.name.toUpperCase());
  for (const n of snapshot.names) if (![...deleteNames].some((d) => d.toUpperCase() === n.name.toUpperCase())) takenTables.add(n.name.toUpperCase());
  for (const d of finalSpec.definedNames ?? []) takenTables.add(d.name.toUpperCase());
  for (const it of items) takenTables.add(it.markName.toUpperCase());
  const tableNames = new Map<string, string>();
  for (const s of finalSpec.sheets) {
    for (const t of s.tables ?? []) {
      if (!isValidTableName(t.name)) throw new ExcelHostError("bad-spec", `"${t.name}" is not a valid table name.`);
      let name = t.name;
      for (let k = 2; takenTables.has(name.toUpperCase()); k++) name = `${t.name}_${k}`;
      takenTables.add(name.toUpperCase());
      tableNames.set(t.name, name);
    }
  }

  let blockPosition: number | undefined;
  const deleteSheets = [...claimed.values()].map((c) => c.info);
  if (deleteSheets.length) {
    const minPos = Math.min(...deleteSheets.map((d) => d.position));
    blockPosition = snapshot.sheets.filter((s) => !deleted.has(s.name.toUpperCase()) && s.position < minPos).length;
  }
  return { items, spec: finalSpec, deleteSheets, deleteNames: [...deleteNames], tableNames, ...(blockPosition !== undefined ? { blockPosition } : {}) };
}

// ---------------------------------------------------------------- write units

interface WriteState {
  readonly sheets: Excel.Worksheet[];
}

interface Unit {
  readonly bytes: number;
  run(context: Excel.RequestContext, st: WriteState): void;
}

/** Content extent of a sheet: rows and columns from A1 that hold a value, format, style or note. */
function contentExtent(rows: readonly (readonly SpecCell[])[]): { rows: number; cols: number } {
  let nRows = 0;
  let nCols = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    let last = row.length - 1;
    while (last >= 0 && isBlankSpecCell(row[last])) last--;
    if (last >= 0) {
      nRows = r + 1;
      if (last + 1 > nCols) nCols = last + 1;
    }
  }
  return { rows: nRows, cols: nCols };
}

function isBlankSpecCell(c: SpecCell | undefined): boolean {
  return !c || (!hasInput(c) && numberFormatOf(c) === undefined && c.style === undefined && (c.note === undefined || c.note === ""));
}

/** The row blocks a sheet's cells are written in (exported for tests: chunk sizes under 5 MB). */
export function planSheetChunks(s: SheetSpec, chunkBytes: number = DEFAULT_CHUNK_BYTES, notes = true): { chunks: RowChunk[]; rows: number; cols: number; rects: StyleRect[] } {
  const { rows, cols } = contentExtent(s.rows);
  const rects = styleRects(s.rows);
  const extra = new Float64Array(rows);
  for (const r of rects) if (r.top < rows) extra[r.top] += STYLE_RECT_BYTES;
  if (notes) {
    for (let r = 0; r < rows; r++) for (const c of s.rows[r] ?? []) if (c?.note) extra[r] += 150 + utf8Length(c.note);
  }
  const chunks = planChunks(rows, cols, (r) => estimateRowBytes(s.rows[r], cols) + extra[r], chunkBytes);
  return { chunks, rows, cols, rects };
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function applyStyle(range: Excel.Range, d: StyleDef, nRows: number, nCols: number): void {
  const f = range.format;
  if (d.fill) f.fill.color = cssHex(d.fill);
  if (d.bold) f.font.bold = true;
  if (d.italic) f.font.italic = true;
  if (d.fontColor) f.font.color = cssHex(d.fontColor);
  if (d.fontSize) f.font.size = d.fontSize;
  if (d.wrap) f.wrapText = true;
  if (d.hAlign) f.horizontalAlignment = H_ALIGN[d.hAlign];
  if (d.vAlign) f.verticalAlignment = V_ALIGN[d.vAlign];
  if (d.border) {
    // Strings, not the Excel.BorderIndex enum: the enums are not there outside Office.
    const edges: BorderEdge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (nRows > 1) edges.push("InsideHorizontal");
    if (nCols > 1) edges.push("InsideVertical");
    for (const e of edges) {
      const b = f.borders.getItem(e);
      b.style = "Continuous";
      b.weight = "Thin";
      if (d.borderColor) b.color = cssHex(d.borderColor);
    }
  }
}

type BorderEdge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

function dataUnits(s: SheetSpec, index: number, chunkBytes: number, caps: Capabilities, dateShift: number): Unit[] {
  const { chunks, cols, rects } = planSheetChunks(s, chunkBytes, caps.api118);
  if (cols === 0) return [];
  return chunks.map((ch) => ({
    bytes: ch.bytes,
    run: (_ctx, st) => {
      const ws = st.sheets[index];
      const fmts: string[][] = [];
      const inputs: (string | number | boolean)[][] = [];
      let anyFmt = false;
      let anyInput = false;
      let anyFormula = false;
      for (let r = ch.startRow; r < ch.startRow + ch.rowCount; r++) {
        const src = s.rows[r] ?? [];
        const fr = new Array<string>(cols);
        const vr = new Array<string | number | boolean>(cols);
        for (let c = 0; c < cols; c++) {
          const cell = src[c];
          const nf = numberFormatOf(cell);
          fr[c] = nf ?? "General";
          if (nf !== undefined) anyFmt = true;
          vr[c] = officeInput(cell, dateShift);
          if (hasInput(cell)) anyInput = true;
          if (cell?.f !== undefined) anyFormula = true;
        }
        fmts.push(fr);
        inputs.push(vr);
      }
      const range = ws.getRangeByIndexes(ch.startRow, 0, ch.rowCount, cols);
      // Formats first: a Text ("@") cell then keeps what is written into it as text.
      if (anyFmt) range.numberFormat = fmts;
      if (anyInput) {
        if (anyFormula) range.formulas = inputs;
        else range.values = inputs;
      }
      for (const rect of rects) {
        if (rect.top < ch.startRow || rect.top >= ch.startRow + ch.rowCount) continue;
        const h = rect.bottom - rect.top + 1;
        const w = rect.right - rect.left + 1;
        applyStyle(ws.getRangeByIndexes(rect.top, rect.left, h, w), STYLE_PALETTE[rect.style], h, w);
      }
      if (caps.api118) {
        for (let r = ch.startRow; r < ch.startRow + ch.rowCount; r++) {
          (s.rows[r] ?? []).forEach((cell, c) => {
            if (cell?.note) ws.notes.add(ws.getRangeByIndexes(r, c, 1, 1), cell.note);
          });
        }
      }
    },
  }));
}

function validationRule(v: DataValidationSpec): Excel.DataValidationRule {
  if (v.type === "list") return { list: { inCellDropDown: true, source: `=${v.source.replace(/^=/, "")}` } };
  if (v.type === "decimal") {
    if (v.min !== undefined && v.max !== undefined) return { decimal: { operator: "Between", formula1: v.min, formula2: v.max } };
    if (v.min !== undefined) return { decimal: { operator: "GreaterThanOrEqualTo", formula1: v.min } };
    if (v.max !== undefined) return { decimal: { operator: "LessThanOrEqualTo", formula1: v.max } };
    return { decimal: { operator: "Between", formula1: -1e307, formula2: 1e307 } };
  }
  // Any real date; ISO strings are read in the workbook's own date system.
  return { date: { operator: "Between", formula1: "1900-01-01", formula2: "9999-12-31" } };
}

function finishUnit(s: SheetSpec, index: number, plan: RenderPlan): Unit {
  const n = (s.columnWidths?.length ?? 0) + (s.merges?.length ?? 0) + (s.tables?.length ?? 0) + (s.validations?.length ?? 0) * 3 + 3;
  let bytes = n * OP_BYTES;
  for (const v of s.validations ?? []) bytes += utf8Length(v.prompt ?? "") + utf8Length(v.error ?? "") + (v.type === "list" ? utf8Length(v.source) : 0);
  return {
    bytes,
    run: (_ctx, st) => {
      const ws = st.sheets[index];
      const widths = s.columnWidths ?? [];
      for (let c = 0; c < widths.length; ) {
        const w = widths[c];
        let e = c;
        while (e + 1 < widths.length && widths[e + 1] === w) e++;
        if (typeof w === "number" && w > 0) ws.getRangeByIndexes(0, c, 1, e - c + 1).format.columnWidth = columnWidthPoints(w);
        c = e + 1;
      }
      for (const m of s.merges ?? []) ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
      for (const t of s.tables ?? []) {
        const bottom = Math.max(t.range.bottom, t.range.top + 1); // a table needs one data row
        const table = ws.tables.add(ws.getRangeByIndexes(t.range.top, t.range.left, bottom - t.range.top + 1, t.range.right - t.range.left + 1), true);
        table.name = plan.tableNames.get(t.name) ?? t.name;
        table.style = TABLE_STYLE;
      }
      for (const v of s.validations ?? []) {
        const dv = ws.getRangeByIndexes(v.range.top, v.range.left, v.range.bottom - v.range.top + 1, v.range.right - v.range.left + 1).dataValidation;
        dv.rule = validationRule(v);
        dv.ignoreBlanks = v.allowBlank;
        if (v.prompt) dv.prompt = { showPrompt: true, message: v.prompt, title: "" };
        dv.errorAlert = { showAlert: true, style: "Stop", message: v.error ?? "", title: "" };
      }
      if (s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0)) {
        const { rows, cols } = s.freeze;
        if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
        else if (rows > 0) ws.freezePanes.freezeRows(rows);
        else ws.freezePanes.freezeColumns(cols);
      }
      if (s.tabColor) ws.tabColor = cssHex(s.tabColor);
    },
  };
}

function structureUnit(plan: RenderPlan): Unit {
  const bytes = (plan.items.length * 4 + plan.deleteSheets.length + plan.deleteNames.length + (plan.spec.definedNames?.length ?? 0)) * OP_BYTES;
  return {
    bytes,
    run: (context, st) => {
      const wb = context.workbook;
      plan.items.forEach((it, i) => {
        st.sheets[i] = wb.worksheets.add(it.tempName ?? it.finalName);
      });
      for (const d of plan.deleteSheets) wb.worksheets.getItem(d.id).delete();
      for (const n of plan.deleteNames) wb.names.getItem(n).delete();
      plan.items.forEach((it, i) => {
        if (it.tempName) st.sheets[i].name = it.finalName;
      });
      if (plan.blockPosition !== undefined) plan.items.forEach((_it, i) => (st.sheets[i].position = plan.blockPosition! + i));
      // Marks first of all, so a sheet interrupted later is still known as ours and replaced next time.
      plan.items.forEach((it, i) => wb.names.add(it.markName, st.sheets[i].getRange("A1")));
      for (const d of plan.spec.definedNames ?? []) wb.names.add(d.name, `=${d.ref.replace(/^=/, "")}`);
    },
  };
}

function finalUnit(plan: RenderPlan, activate: boolean): Unit {
  return {
    bytes: (plan.items.length + 1) * OP_BYTES,
    run: (_ctx, st) => {
      plan.spec.sheets.forEach((s, i) => {
        if (s.visibility === "hidden") st.sheets[i].visibility = "Hidden";
        else if (s.visibility === "veryHidden") st.sheets[i].visibility = "VeryHidden";
      });
      if (activate) {
        const first = plan.spec.sheets.findIndex((s) => (s.visibility ?? "visible") === "visible");
        if (first >= 0) st.sheets[first].activate();
      }
    },
  };
}

/** Draws the spec inside an existing Excel.run. `snapshot` must come from this same run. */
export async function renderIn(context: Excel.RequestContext, spec: WorkbookSpec, opts: RenderOptions, snapshot?: WorkbookSnapshot, caps: Capabilities = capabilities()): Promise<RenderResult> {
  const snap = snapshot ?? (await loadSnapshot(context));
  const plan = planRender(spec, snap, opts.replaceOwned);
  const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const dateShift = snap.date1904 ? DATE_1904_SHIFT : 0;

  const units: Unit[] = [structureUnit(plan)];
  plan.spec.sheets.forEach((s, i) => units.push(...dataUnits(s, i, chunkBytes, caps, dateShift)));
  plan.spec.sheets.forEach((s, i) => units.push(finishUnit(s, i, plan)));
  units.push(finalUnit(plan, opts.activate !== false));

  // Row blocks are planned to chunkBytes; the small structural units may ride on top of a block up
  // to an eighth more, still well under Office's 5 MB (so they do not cost a sync of their own).
  const syncBudget = Math.min(OFFICE_PAYLOAD_LIMIT_BYTES * 0.9, chunkBytes * 1.125);
  const st: WriteState = { sheets: [] };
  let queued = 0;
  let first = true;
  const begin = (): void => {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    if (first && caps.api19) context.workbook.application.suspendScreenUpdatingUntilNextSync();
    first = false;
  };
  begin();
  for (const u of units) {
    if (queued > 0 && queued + u.bytes > syncBudget) {
      await context.sync();
      queued = 0;
      begin();
    }
    u.run(context, st);
    queued += u.bytes;
  }
  await context.sync();

  const sheets: PlacedSheet[] = plan.items.map((it) => ({ specName: it.specName, sheetName: it.finalName, action: it.replace ? "replaced" : "added" }));
  return { placed: sheets.map((s) => s.sheetName), sheets };
}

/** Writes AluTrace's sheets into the open workbook (one Excel.run). */
export function renderSheets(spec: WorkbookSpec, opts: RenderOptions): Promise<{ placed: string[] }> {
  return excelRun(async (context) => {
    const r = await renderIn(context, spec, opts);
    return { placed: r.placed, sheets: r.sheets } as { placed: string[] };
  });
}
