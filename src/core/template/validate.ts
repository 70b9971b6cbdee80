/**
 * Validation of a filled supplier template: every cell read through the template spec, then the
 * cross-row rules of REFERENCE §6. Produces typed rows (what the calculations use) and findings
 * (what the supplier fixes), each naming the sheet and the cell.
 */
import { Grid, WorkbookGrids, a1, cellAt, formatAt, isBlank } from "../cells";
import { CODE_LISTS, findEntry, lookupCode } from "../codes";
import { findDefault, getDefault } from "../defaults";
import { Finding, Msg, Severity, clipText, sortFindings } from "../findings";
import { Parsed, isFormulaLikeText, isPercentFormat, isPlainValueText, isoFromSerial, parseDate, parseId, parseMassTonnes, parseNumber, parseShare, parseText } from "../parse";
import { parseMassUnit } from "../units";
import { LocatedSheet, locateTemplateSheets, supplierSheets } from "./locate";
import { ColumnSpec, HEADER_ROW, TEMPLATE_SHEETS, TemplateSheetKey, TemplateSheetSpec } from "./spec";

export type RowValue = number | string | undefined;

/** One data row, typed: values by column key, and where it came from. */
export interface TypedRow {
  /** 0-based row index in the sheet. */
  row: number;
  v: Record<string, RowValue>;
}

export interface SheetData {
  spec: TemplateSheetSpec;
  /** The sheet's real name in the workbook. */
  sheet: string;
  headerRow: number;
  columns: Map<string, number>;
  rows: TypedRow[];
}

export interface DefaultUse {
  id: string;
  /** Cells ("'Sheet'!A1") where the default filled a blank. */
  cells: string[];
}

export interface ValidationResult {
  findings: Finding[];
  sheets: Partial<Record<TemplateSheetKey, SheetData>>;
  defaultsUsed: DefaultUse[];
  errors: number;
  warnings: number;
  /** Converted wet red mud figures and similar normalisations the report should disclose. */
  notes: string[];
}

export interface ValidateOptions {
  /** Tolerances default to the defaults table; overridable for what-if checks. */
  redMudBalanceTolerance?: number;
  metalBalanceTolerance?: number;
}

class Collector {
  findings: Finding[] = [];
  /** "sheet\u0000A1" of cells that already carry an error, so rules do not pile a second one on. */
  errorCells = new Set<string>();
  add(sheet: string, cell: string, severity: Severity, code: string, msg: Msg, column?: string): void {
    if (severity === "error") this.errorCells.add(`${sheet}\u0000${cell}`);
    this.findings.push({ sheet, cell, severity, code, message: msg.en, messageZh: msg.zh, ...(column ? { column } : {}) });
  }
}

const m = (en: string, zh: string): Msg => ({ en, zh });

function colLetterAddr(d: SheetData, row: number, key: string): string {
  const c = d.columns.get(key);
  return c === undefined ? "" : a1(row, c);
}

function parseByType(col: ColumnSpec, grid: Grid, row: number, c: number, date1904: boolean): Parsed<RowValue> {
  const v = cellAt(grid, row, c);
  switch (col.type) {
    case "mass":
      return parseMassTonnes(v);
    case "number":
      return parseNumber(v, col.unit);
    case "share":
      return parseShare(v, formatAt(grid, row, c));
    case "date":
      return parseDate(v, { date1904 });
    case "id":
      return parseId(v, col.idLength);
    case "code":
    case "text":
    case "country":
    case "email":
      return parseText(v);
  }
}

function checkColumnValue(col: ColumnSpec, value: RowValue, out: (sev: Severity, code: string, msg: Msg) => void): RowValue {
  if (value === undefined) return undefined;
  if (col.type === "code" && col.codeList) {
    const list = CODE_LISTS[col.codeList];
    const code = lookupCode(list, value);
    if (code === undefined) {
      const some = list.slice(0, 6).map((e) => e.code).join(", ");
      out("error", "CODE_UNKNOWN", m(
        `"${clipText(String(value))}" is not in the list for ${col.label.en}; pick from the dropdown (${some}${list.length > 6 ? ", …" : ""}).`,
        `"${clipText(String(value))}" 不在"${col.label.zh}"的列表中；请从下拉列表选择。`,
      ));
      return undefined;
    }
    return code;
  }
  if (col.type === "country") {
    const s = String(value).trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(s)) {
      out("error", "COUNTRY", m(`"${clipText(String(value))}" is not a two-letter ISO 3166-1 country code (e.g. CN, DE).`, `"${clipText(String(value))}" 不是两位ISO国家代码（如 CN、DE）。`));
      return undefined;
    }
    return s;
  }
  if (col.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(value))) {
    out("warning", "EMAIL", m(`"${clipText(String(value))}" does not look like an e-mail address.`, `"${clipText(String(value))}" 不像有效的邮箱地址。`));
  }
  if (col.pattern && typeof value === "string" && !new RegExp(col.pattern).test(value)) {
    out("warning", "PATTERN", m(`"${clipText(String(value))}" does not have the usual form of ${col.label.en}; check it.`, `"${clipText(String(value))}" 不符合"${col.label.zh}"的常见格式，请核对。`));
  }
  if (typeof value === "number") {
    if (col.min !== undefined && (value < col.min || (col.minExclusive && value === col.min))) {
      out("error", "RANGE", m(
        `${value} is below the allowed minimum for ${col.label.en} (${col.minExclusive ? "more than" : "at least"} ${col.min}).`,
        `${value} 低于"${col.label.zh}"的允许下限（${col.minExclusive ? "大于" : "不小于"} ${col.min}）。`,
      ));
      return undefined;
    }
    if (col.type === "share" && value < 0) {
      out("error", "RANGE", m(`${value} is negative; a share lies between 0 and 100 %.`, `${value} 为负数；比例应在0到100%之间。`));
      return undefined;
    }
    if (col.type === "share" && col.key !== "moisture" && value > 1) {
      // A cell formatted as percent shows 90 as 9000 %: say both, so the supplier finds it.
      const shown = +(value * 100).toPrecision(12);
      out("error", "RANGE", m(`${value} is more than 1, i.e. ${shown} % (as a percent-formatted cell shows it); a share cannot exceed 100 %. For ${value} % enter ${+(value / 100).toPrecision(12)} or type ${value}%.`, `${value} 大于1，即 ${shown}%（百分比格式的单元格即如此显示）；比例不能超过100%。若指 ${value}%，请输入 ${+(value / 100).toPrecision(12)} 或键入 ${value}%。`));
      return undefined;
    }
    if (col.max !== undefined && value > col.max) {
      out("error", "RANGE", m(`${value} is above the allowed maximum for ${col.label.en} (${col.max}).`, `${value} 高于"${col.label.zh}"的允许上限（${col.max}）。`));
      return undefined;
    }
    const ceiling = col.type === "mass" ? MASS_MAX_T : col.type === "number" && col.max === undefined ? NUMBER_MAX : Infinity;
    if (Math.abs(value) > ceiling) {
      const what = col.type === "mass" ? `more than ${MASS_MAX_T.toExponential(0).replace("e+", "e")} t (1,000 Mt), above any site's flows` : `beyond ${NUMBER_MAX.toExponential(0).replace("e+", "e")}, far above any real ${col.label.en}`;
      out("error", "RANGE_IMPLAUSIBLE", m(
        `${value} is ${what}; check the unit and the number of digits.`,
        `${value} ${col.type === "mass" ? "超过10亿吨，远超任何工厂的实际数量" : "远超任何实际数值"}；请核对单位和位数。`,
      ));
      return undefined;
    }
  }
  return value;
}

/**
 * A unit in brackets in a header ("Mass (kg)", "质量（千克）") that contradicts the column's unit.
 * Units are never rescaled from a header: the values may or may not follow it.
 */
function headerUnitIssue(col: ColumnSpec, header: string): { severity: Severity; msg: Msg } | undefined {
  if (!col.unit) return undefined;
  const split = (u: string) => {
    const x = /^\s*([^\s/]+(?:\s+tons?)?)\s*(.*)$/.exec(u.normalize("NFKC"));
    return x ? { mass: x[1], rest: x[2].toLowerCase().replace(/\s+/g, "") } : undefined;
  };
  const want = split(col.unit);
  const wantUnit = want && parseMassUnit(want.mass);
  if (!want || !wantUnit || !wantUnit.ok) return undefined;
  for (const b of header.matchAll(/\(([^)]*)\)|（([^）]*)）|\[([^\]]*)\]/g)) {
    const said = split(b[1] ?? b[2] ?? b[3] ?? "");
    if (!said || said.rest !== want.rest) continue;
    const u = parseMassUnit(said.mass);
    if (u.ok) {
      if (u.unit.grams === wantUnit.unit.grams) continue;
      return {
        severity: "error",
        msg: m(
          `The header says ${b[0]}, but this column takes ${col.unit}; AluTrace does not rescale a column from its header. Convert the values to ${col.unit} and restore the header "${col.label.en} (${col.unit})".`,
          `表头单位为 ${b[0]}，但本列单位应为 ${col.unit}；AluTrace 不会按表头换算整列。请将数值换算为 ${col.unit}，并恢复表头"${col.label.zh}（${col.unit}）"。`,
        ),
      };
    }
    if (/^(tons?|mt)$/i.test(said.mass)) {
      return {
        severity: "warning",
        msg: m(
          `The header says ${b[0]}, which may mean short, long or metric tons (or megatonnes); the values are read as ${col.unit}. Check them and write "${col.unit}" in the header.`,
          `表头单位 ${b[0]} 有歧义（短吨、长吨、公吨或百万吨）；数值按 ${col.unit} 读取。请核对并将表头单位改为"${col.unit}"。`,
        ),
      };
    }
  }
  return undefined;
}

/** Read one located sheet into typed rows, with per-cell findings. */
function readSheet(loc: LocatedSheet, date1904: boolean, out: Collector): SheetData {
  const { spec, grid, headerRow, columns } = loc;
  const sheet = grid.name;
  const hidden = new Set(grid.hiddenRows ?? []);
  // Formulas the file carries without a calculated value (written by a tool that does not calculate).
  const noResult = new Set<number>();
  const width = 1 << 14; // Excel's column count: row * width + col is a unique cell key.
  for (const x of grid.formulasWithoutResult ?? []) if (x.row > headerRow) noResult.add(x.row * width + x.col);
  const anyNoResult = noResult.size > 0;
  for (const col of spec.columns) {
    if (!columns.has(col.key) && col.required === "yes") {
      out.add(sheet, a1(headerRow, 0), "error", "COLUMN_MISSING", m(
        `The column "${col.label.en}" is missing from the header row ${headerRow + 1}; add it back (copy the header from a blank template).`,
        `第 ${headerRow + 1} 行表头缺少"${col.label.zh}"列；请补回该列（可从空白模板复制表头）。`,
      ), col.key);
    }
  }
  for (const x of loc.extraColumns) {
    out.add(sheet, a1(headerRow, x.col), "info", "COLUMN_EXTRA", m(`The column "${clipText(x.text)}" is not part of the template and is ignored.`, `"${clipText(x.text)}" 列不属于模板，已忽略。`));
  }
  for (const x of loc.duplicateColumns) {
    out.add(sheet, a1(headerRow, x.col), "warning", "COLUMN_DUPLICATE", m(`A second "${x.key}" column; only the first one is read.`, `存在重复的"${x.key}"列；仅读取第一列。`));
  }
  // Merged areas inside the data region hide values in all but the top-left cell.
  for (const mg of grid.merges ?? []) {
    if (mg.bottom > headerRow) {
      out.add(sheet, a1(Math.max(mg.top, headerRow + 1), mg.left), "warning", "MERGED", m(
        `Cells ${a1(mg.top, mg.left)}:${a1(mg.bottom, mg.right)} are merged; only the top-left value is read. Unmerge them and fill each cell.`,
        `单元格 ${a1(mg.top, mg.left)}:${a1(mg.bottom, mg.right)} 已合并，仅读取左上角的值。请取消合并并逐格填写。`,
      ));
    }
  }
  // The row being read, for each column's reporter (one closure per column, not one per cell).
  let row = 0;
  const colEntries = spec.columns
    .filter((c) => columns.has(c.key))
    .map((c) => {
      const idx = columns.get(c.key)!;
      return {
        col: c,
        idx,
        report: (sev: Severity, code: string, msg: Msg) => out.add(sheet, a1(row, idx), sev, code, msg, c.key),
        numeric: c.type === "mass" || c.type === "number",
        // Text and identifier columns take a plain text as it is (isPlainValueText).
        plainTextColumn: c.type === "text" || (c.type === "id" && c.idLength === undefined),
        required: c.required === "yes",
        // Columns whose verdict on a text depends on the text alone, and whose texts repeat.
        seen: c.type === "code" || c.type === "text" || c.type === "country" ? new Map<string, RowValue>() : undefined,
      };
    });
  for (const { col, idx } of colEntries) {
    const h = cellAt(grid, headerRow, idx);
    const issue = typeof h === "string" ? headerUnitIssue(col, h) : undefined;
    if (issue) out.add(sheet, a1(headerRow, idx), issue.severity, "HEADER_UNIT", issue.msg, col.key);
  }
  // Share columns: cells read as percent points ("45") and cells read as fractions ("0.5", "1").
  const sharePoints = new Map<string, string>();
  const shareFractions = new Map<string, { addr: string; value: number }[]>();
  const rows: TypedRow[] = [];
  // Every row object starts with all of the sheet's keys, in one order: one hidden class for all
  // rows, so the cross-row rules read them without megamorphic lookups.
  const rowShape: Record<string, RowValue> = {};
  for (const { col } of colEntries) rowShape[col.key] = undefined;
  const last = grid.values.length - 1;
  for (let r = headerRow + 1; r <= last; r++) {
    row = r;
    const cells = grid.values[r];
    if (!cells) continue;
    let any = false;
    for (const { idx } of colEntries) {
      if (!isBlank(cells[idx]) || (anyNoResult && noResult.has(r * width + idx))) {
        any = true;
        break;
      }
    }
    if (!any) continue;
    if (hidden.size > 0 && hidden.has(r)) {
      out.add(sheet, a1(r, 0), "warning", "ROW_HIDDEN", m(`Row ${r + 1} is hidden or filtered out but still counts; unhide it to check it, or delete it if it does not belong.`, `第 ${r + 1} 行被隐藏或筛选，但仍计入；请取消隐藏核对，若不属于本期请删除。`));
    }
    const v: Record<string, RowValue> = { ...rowShape };
    for (const { col, idx, report, numeric, plainTextColumn, seen, required } of colEntries) {
      // The cell's address is made only for a finding (a1 per cell was a third of the time at 100 000 rows).
      if (anyNoResult && noResult.has(r * width + idx)) {
        out.add(sheet, a1(r, idx), "error", "FORMULA_NO_RESULT", m(
          `The cell holds a formula but the file carries no calculated value for it (it was written by a program that does not calculate). Open the file in Excel or WPS, let it calculate, save it, and check again.`,
          `该单元格有公式，但文件中没有计算结果（由不计算公式的程序生成）。请在 Excel 或 WPS 中打开、重新计算并保存后再检查。`,
        ), col.key);
        continue;
      }
      const raw0 = cells[idx];
      // Fast paths with the full path's exact result: an empty cell of an optional column has
      // nothing to say; a finite number in a mass or number column parses to itself (only the
      // bounds remain to check); a plain text in a text or ID column is itself; a text seen before
      // in a code, text or country column that then gave no finding gives the same value again.
      if (raw0 === null || raw0 === undefined) {
        if (!required) continue;
      } else if (typeof raw0 === "number") {
        if (numeric && raw0 - raw0 === 0) {
          v[col.key] = checkColumnValue(col, raw0, report);
          continue;
        }
      } else if (typeof raw0 === "string") {
        if (plainTextColumn && isPlainValueText(raw0)) {
          v[col.key] = checkColumnValue(col, raw0, report);
          continue;
        }
        const hit = seen?.get(raw0);
        if (hit !== undefined) {
          v[col.key] = hit;
          continue;
        }
      }
      const before = out.findings.length;
      // An empty cell is blank to every parser: skip the call (half the cells of a typical row).
      const p = raw0 === null || raw0 === undefined ? BLANK : parseByType(col, grid, r, idx, date1904);
      for (const is of p.issues) out.add(sheet, a1(r, idx), is.severity, is.code, is.msg, col.key);
      if (p.kind === "value") {
        const raw = cells[idx];
        if ((col.type === "text" || col.type === "id" || col.type === "email") && typeof raw === "string" && isFormulaLikeText(raw) && !/^[+-]?\d+([.,]\d+)?$/.test(raw.trim())) {
          out.add(sheet, a1(r, idx), "warning", "FORMULA_TEXT", m(
            `"${clipText(raw, 40)}" starts with "${raw[0].trim() || "a control character"}", so a spreadsheet would run it as a formula if it were typed, pasted or opened as CSV. AluTrace keeps it as text (and writes it as text); remove the leading character unless it belongs to the name.`,
            `"${clipText(raw, 40)}" 以"${raw[0].trim() || "控制字符"}"开头，在电子表格中输入、粘贴或以CSV打开时会被当作公式执行。AluTrace 按文本保留并按文本写出；除非属于名称本身，请删除开头的字符。`,
          ), col.key);
        }
        if (col.type === "share" && p.issues.some((i) => i.code === "PERCENT_POINTS")) {
          if (!sharePoints.has(col.key)) sharePoints.set(col.key, `${raw} at ${a1(r, idx)}`);
        } else if (col.type === "share" && !p.issues.some((i) => i.code === "PERCENT_TEXT") && typeof p.value === "number" && p.value > 0 && p.value <= 1 && !isPercentFormat(formatAt(grid, r, idx))) {
          const list = shareFractions.get(col.key) ?? [];
          list.push({ addr: a1(r, idx), value: p.value });
          shareFractions.set(col.key, list);
        }
        const value = checkColumnValue(col, p.value, report);
        v[col.key] = value;
        if (seen !== undefined && typeof raw0 === "string" && value !== undefined && out.findings.length === before && seen.size < SEEN_MAX) seen.set(raw0, value);
      } else if (p.kind === "blank") {
        if (p.placeholder !== undefined) {
          out.add(sheet, a1(r, idx), col.required === "yes" ? "error" : "warning", "PLACEHOLDER", m(
            `"${clipText(p.placeholder)}" means unknown here; ${col.required === "yes" ? "this value is required — enter it" : "it is treated as not given"}${col.defaultId ? " (leave the cell blank to use the documented default)" : ""}.`,
            `"${clipText(p.placeholder)}" 表示未知；${col.required === "yes" ? "该项必填，请填写" : "按未填写处理"}${col.defaultId ? "（留空则使用已记录的默认值）" : ""}。`,
          ), col.key);
        } else if (col.required === "yes") {
          out.add(sheet, a1(r, idx), "error", "REQUIRED", m(`${col.label.en} is required.`, `"${col.label.zh}"为必填项。`), col.key);
        }
      }
    }
    rows.push({ row: r, v });
  }
  // One column, two conventions: with "45" read as 45 %, a "1" beside it may mean 1 % rather than 100 %.
  for (const [key, example] of sharePoints) {
    for (const f of shareFractions.get(key) ?? []) {
      const pct = +(f.value * 100).toPrecision(12);
      out.add(sheet, f.addr, "warning", "PERCENT_MIXED", m(
        `This column also holds percent points (${example} is read as a percentage), so ${f.value} here may be meant as ${f.value} %; it is read as ${pct} %. Enter every share the same way, e.g. 45% or 0.45.`,
        `本列同时含有百分点数值（${example} 已按百分比读取），因此此处的 ${f.value} 可能指 ${f.value}%；现按 ${pct}% 读取。请统一输入方式，如 45% 或 0.45。`,
      ), key);
    }
  }
  return { spec, sheet, headerRow, columns, rows };
}

/** Plausibility ceilings for numbers without a bound of their own (defaults table). */
const MASS_MAX_T = getDefault("MASS_PLAUSIBLE_MAX_T").value;
const NUMBER_MAX = getDefault("NUMBER_PLAUSIBLE_MAX").value;

/** The declared shares only secondary ingot takes (03_Metal_Inputs). */
const SECONDARY_SHARE_KEYS = ["recycled_share", "post_consumer_share"] as const;

/** Distinct texts remembered per column (free-text columns of unique names stop growing here). */
const SEEN_MAX = 4096;

/** What every parser returns for an empty cell (shared: nobody mutates a Parsed). */
const BLANK: Parsed<RowValue> = { kind: "blank", issues: [] };


const num = (x: RowValue): number | undefined => (typeof x === "number" ? x : undefined);
const str = (x: RowValue): string | undefined => (typeof x === "string" ? x : undefined);

export function validateTemplate(wb: WorkbookGrids, opts: ValidateOptions = {}): ValidationResult {
  const out = new Collector();
  // AluTrace's own output sheets (report tabs, findings, code lists, instructions) are never supplier data.
  const supplier = supplierSheets(wb);
  const located = locateTemplateSheets(supplier);
  const usedGrids = new Set([...located.values()].map((l) => l.grid));
  // Sheets left unread as AluTrace's own output (by mark, or by name when the marks are lost).
  const unread = supplier.length === wb.sheets.length ? [] : wb.sheets.filter((g) => !supplier.includes(g)).map((g) => g.name);
  const unreadNote = unread.length === 0 ? { en: "", zh: "" } : {
    en: ` Left unread as AluTrace's own output: ${unread.map((n) => `"${n}"`).join(", ")}; if one of them holds your data, rename it (AluTrace names its report tabs, findings and code-list sheets so).`,
    zh: ` 以下工作表被视为 AluTrace 的输出而未读取：${unread.map((n) => `"${n}"`).join("、")}；若其中有您的数据，请重命名该工作表（AluTrace 的报告页、检查结果和代码表使用这些名称）。`,
  };
  const sheets: Partial<Record<TemplateSheetKey, SheetData>> = {};
  const defaults = new Map<string, string[]>();
  const notes: string[] = [];
  const useDefault = (id: string, where: string) => {
    const list = defaults.get(id) ?? [];
    list.push(where);
    defaults.set(id, list);
  };

  for (const spec of TEMPLATE_SHEETS) {
    const loc = located.get(spec.key);
    if (!loc) {
      // The sheet is there under its template name but its headers are not: say that, not "missing".
      const named = supplier.find((g) => !usedGrids.has(g) && g.name.toUpperCase() === spec.name.toUpperCase());
      if (named) {
        const row = HEADER_ROW + 1;
        out.add(named.name, a1(HEADER_ROW, 0), spec.required === "yes" ? "error" : "warning", "HEADER_MISSING", m(
          `The sheet "${named.name}" exists, but its header row (row ${row}: the ${spec.title.en} column headers) was not found, so its data cannot be read. Restore the header row from a fresh template: copy row ${row} of ${spec.name} in a blank template and insert it above the data.`,
          `工作表"${named.name}"存在，但未找到其表头行（第 ${row} 行："${spec.title.zh}"各列表头），因此无法读取其数据。请从新模板恢复表头行：复制空白模板中 ${spec.name} 的第 ${row} 行，插入到数据上方。`,
        ));
      } else if (spec.required === "yes") {
        out.add(spec.name, "", "error", "SHEET_MISSING", m(
          `No sheet with the ${spec.title.en} headers was found (expected "${spec.name}"); insert it from a blank template.${unreadNote.en}`,
          `未找到含"${spec.title.zh}"表头的工作表（应为"${spec.name}"）；请从空白模板插入。${unreadNote.zh}`,
        ));
      }
      continue;
    }
    const d = readSheet(loc, wb.date1904 === true, out);
    sheets[spec.key] = d;
    if (spec.required === "yes" && d.rows.length === 0) {
      out.add(d.sheet, a1(d.headerRow + 1, 0), "error", "SHEET_EMPTY", m(`${spec.title.en}: no rows filled in.`, `${spec.title.zh}：尚未填写任何行。`));
    }
    if (spec.singleRow && d.rows.length > 1) {
      out.add(d.sheet, a1(d.rows[1].row, 0), "error", "SINGLE_ROW", m(`${spec.title.en} takes exactly one row; use one workbook per site and period.`, `${spec.title.zh}只能填写一行；每个工厂和报告期使用一个工作簿。`));
    }
  }

  const at = (d: SheetData, r: TypedRow, key: string) => colLetterAddr(d, r.row, key);
  const dupCheck = (d: SheetData | undefined, keyOf: (r: TypedRow) => string | undefined, col: string, what: Msg) => {
    if (!d) return;
    // A Set finds whether any key repeats at a third of a Map's cost; only then is the Map built
    // that names each duplicate's first row.
    const keys = new Set<string>();
    let repeats = false;
    for (const r of d.rows) {
      const k = keyOf(r);
      if (k === undefined) continue;
      if (keys.has(k)) {
        repeats = true;
        break;
      }
      keys.add(k);
    }
    if (!repeats) return;
    const seen = new Map<string, TypedRow>();
    for (const r of d.rows) {
      const k = keyOf(r);
      if (k === undefined) continue;
      const first = seen.get(k);
      if (first) {
        out.add(d.sheet, at(d, r, col), "error", "DUPLICATE_ID", m(`${what.en} "${clipText(k)}" appears again (first at ${at(d, first, col)}); each must be unique.`, `${what.zh}"${clipText(k)}"重复（首次出现在 ${at(d, first, col)}）；须唯一。`), col);
      } else seen.set(k, r);
    }
  };

  // ---- 01 supplier: period (V1)
  const sup = sheets.supplier;
  if (sup && sup.rows[0]) {
    const r = sup.rows[0];
    const s = num(r.v.period_start);
    const e = num(r.v.period_end);
    if (s !== undefined && e !== undefined) {
      if (e <= s) {
        out.add(sup.sheet, at(sup, r, "period_end"), "error", "V1", m(
          `The period ends (${isoFromSerial(e)}) before it starts (${isoFromSerial(s)}); check both dates.`,
          `报告期结束日期（${isoFromSerial(e)}）早于开始日期（${isoFromSerial(s)}）；请核对。`,
        ), "period_end");
      } else {
        const days = e - s + 1;
        if (days < 360 || days > 370) {
          out.add(sup.sheet, at(sup, r, "period_end"), "warning", "V1", m(
            `The period covers ${days} days; reporting periods are normally 12 months (CBAM, PACT).`,
            `报告期为 ${days} 天；报告期通常为12个月（CBAM、PACT）。`,
          ), "period_end");
        }
      }
    }
  }

  // ---- 02 products
  const prods = sheets.products;
  dupCheck(prods, (r) => str(r.v.product_id), "product_id", m("Product ID", "产品编号"));
  const productIds = new Set((prods?.rows ?? []).map((r) => str(r.v.product_id)).filter((x): x is string => !!x));
  for (const r of prods?.rows ?? []) {
    const du = str(r.v.declared_unit);
    const mass = num(r.v.mass_per_declared_unit_kg);
    if ((du === "piece" || du === "square meter") && mass === undefined) {
      out.add(prods!.sheet, at(prods!, r, "mass_per_declared_unit_kg"), "error", "REQUIRED", m(`A ${du} declared unit needs its mass in kg.`, `申报单位为"${du}"时须填写单位质量（千克）。`), "mass_per_declared_unit_kg");
    }
    if (du === "kilogram" && mass !== undefined && mass !== 1) {
      out.add(prods!.sheet, at(prods!, r, "mass_per_declared_unit_kg"), "warning", "DECLARED_UNIT", m(`The declared unit is kilogram, so the mass per unit is 1 kg; ${mass} is ignored.`, `申报单位为千克，单位质量应为1千克；${mass} 已忽略。`), "mass_per_declared_unit_kg");
      r.v.mass_per_declared_unit_kg = 1;
    }
    if (du === "kilogram" && mass === undefined) r.v.mass_per_declared_unit_kg = 1;
  }

  // ---- 04 primary sources (chain factors)
  const prim = sheets.primary_sources;
  dupCheck(prim, (r) => (str(r.v.smelter_id) && str(r.v.refinery_id) ? `${r.v.smelter_id} / ${r.v.refinery_id}` : undefined), "refinery_id", m("Smelter/refinery pair", "电解铝厂/氧化铝厂组合"));
  const smelterIds = new Set<string>();
  if (prim) {
    const aMin = getDefault("ALUMINA_PER_AL_STOICH_MIN").value;
    const aWarn = getDefault("ALUMINA_PER_AL_WARN_MAX").value;
    const rMin = getDefault("REDMUD_RATIO_WARN_MIN").value;
    const rMax = getDefault("REDMUD_RATIO_WARN_MAX").value;
    const bySmelter = new Map<string, TypedRow[]>();
    for (const r of prim.rows) {
      const sid = str(r.v.smelter_id);
      if (sid) {
        smelterIds.add(sid);
        bySmelter.set(sid, [...(bySmelter.get(sid) ?? []), r]);
      }
      if (num(r.v.refinery_share) === 0) {
        out.add(prim.sheet, at(prim, r, "refinery_share"), "warning", "ZERO_UNKNOWN", m(
          `A refinery share of 0 % adds nothing to the smelter's red mud: if the share is unknown, find it out (a 0 understates the refinery's part); if the refinery supplied no alumina in the period, delete the row.`,
          `氧化铝来源比例为0%不计入任何赤泥：若比例未知，请查明后填写（填0会低估该厂的份额）；若该厂在报告期内未供货，请删除该行。`,
        ), "refinery_share");
      }
      const a = num(r.v.alumina_per_al);
      if (a === undefined && r.v.alumina_per_al === undefined && !findingAt(out, prim.sheet, at(prim, r, "alumina_per_al"))) {
        r.v.alumina_per_al = getDefault("ALUMINA_PER_AL").value;
        useDefault("ALUMINA_PER_AL", `'${prim.sheet}'!${at(prim, r, "alumina_per_al") || a1(r.row, 0)}`);
        if (prim.columns.has("alumina_per_al")) {
          out.add(prim.sheet, at(prim, r, "alumina_per_al"), "info", "DEFAULT_USED", m(`Blank: the default ${r.v.alumina_per_al} t alumina/t Al (${getDefault("ALUMINA_PER_AL").source.citation}) is used.`, `未填写：使用默认值 ${r.v.alumina_per_al} 吨氧化铝/吨铝。`), "alumina_per_al");
        }
      } else if (a !== undefined) {
        if (a < aMin) {
          out.add(prim.sheet, at(prim, r, "alumina_per_al"), "error", "V7", m(`${a} t alumina/t Al is below the stoichiometric minimum ${aMin}; check the unit (t alumina per t aluminium).`, `${a} 吨氧化铝/吨铝低于化学计量最小值 ${aMin}；请核对单位。`), "alumina_per_al");
          r.v.alumina_per_al = undefined;
        } else if (a > aWarn) {
          out.add(prim.sheet, at(prim, r, "alumina_per_al"), "warning", "V7", m(`${a} t alumina/t Al is above the usual ${aWarn}; confirm it.`, `${a} 吨氧化铝/吨铝高于常见值 ${aWarn}；请确认。`), "alumina_per_al");
        }
      }
      const ratio = num(r.v.redmud_per_alumina);
      if (ratio === undefined && r.v.redmud_per_alumina === undefined && !findingAt(out, prim.sheet, at(prim, r, "redmud_per_alumina"))) {
        const def = getDefault("REDMUD_PER_ALUMINA");
        r.v.redmud_per_alumina = def.value;
        r.v.redmud_default = 1;
        useDefault("REDMUD_PER_ALUMINA", `'${prim.sheet}'!${at(prim, r, "redmud_per_alumina") || a1(r.row, 0)}`);
        out.add(prim.sheet, at(prim, r, "redmud_per_alumina") || a1(r.row, 0), "warning", "DEFAULT_USED", m(
          `No red mud ratio for refinery ${r.v.refinery_id ?? "?"}: the literature default ${def.value} dry t/t alumina (${def.source.citation}) is used and flagged in the report. Ask the refinery for its figure.`,
          `氧化铝厂 ${r.v.refinery_id ?? "?"} 未提供赤泥产率：使用文献默认值 ${def.value} 干吨/吨氧化铝，并在报告中标注。请向氧化铝厂索取实际数据。`,
        ), "redmud_per_alumina");
      } else if (ratio !== undefined) {
        if (ratio === 0) {
          out.add(prim.sheet, at(prim, r, "redmud_per_alumina"), "error", "ZERO_UNKNOWN", m(`0 t red mud per t alumina is not possible for a refinery; if the figure is unknown leave the cell blank (the documented default is then used and flagged).`, `赤泥产率不可能为0；若未知请留空（将使用并标注默认值）。`), "redmud_per_alumina");
          r.v.redmud_per_alumina = undefined;
        } else if (ratio < rMin || ratio > rMax) {
          out.add(prim.sheet, at(prim, r, "redmud_per_alumina"), "warning", "V6", m(`${ratio} t/t alumina is outside the published range ${rMin}–${rMax} (LME); check the unit and the moisture basis (dry).`, `${ratio} 吨/吨氧化铝超出公开范围 ${rMin}–${rMax}；请核对单位和干基。`), "redmud_per_alumina");
        }
      }
    }
    const tol = getDefault("REFINERY_SHARE_SUM_TOLERANCE").value;
    for (const [sid, rows] of bySmelter) {
      const shares = rows.map((r) => num(r.v.refinery_share));
      if (shares.some((s) => s === undefined)) continue; // already reported per cell
      const sum = shares.reduce((a, b) => a! + b!, 0)!;
      if (Math.abs(sum - 1) > tol) {
        out.add(prim.sheet, at(prim, rows[0], "refinery_share"), "error", "V8", m(
          `The refinery shares of smelter ${sid} add up to ${+(sum * 100).toFixed(2)} %, not 100 %; correct rows ${rows.map((r) => r.row + 1).join(", ")}.`,
          `电解铝厂 ${sid} 的氧化铝来源比例合计为 ${+(sum * 100).toFixed(2)}%，不是100%；请修正第 ${rows.map((r) => r.row + 1).join("、")} 行。`,
        ), "refinery_share");
      }
      const as = new Set(rows.map((r) => num(r.v.alumina_per_al)).filter((x) => x !== undefined));
      if (as.size > 1) {
        out.add(prim.sheet, at(prim, rows[1], "alumina_per_al"), "error", "V7", m(`Smelter ${sid} has different alumina-per-aluminium figures on its rows; a smelter has one figure for the period.`, `电解铝厂 ${sid} 各行的吨铝氧化铝单耗不一致；每个电解铝厂在报告期内只有一个数值。`), "alumina_per_al");
      }
    }
  }

  // ---- 03 metal inputs
  const inp = sheets.metal_inputs;
  dupCheck(inp, (r) => str(r.v.input_id), "input_id", m("Input ID", "投入编号"));
  if (inp) {
    for (const r of inp.rows) {
      if (num(r.v.mass_t) === 0) {
        out.add(inp.sheet, at(inp, r, "mass_t"), "warning", "ZERO_UNKNOWN", m(
          `A mass of 0 t adds nothing: if the mass is unknown, find it out (a 0 understates the inputs); if there was no such input, delete the row.`,
          `质量为0吨不计入任何数量：若质量未知，请查明后填写（填0会低估投入）；若无此投入，请删除该行。`,
        ), "mass_t");
      }
      const cls = str(r.v.input_class);
      const pid = str(r.v.product_id);
      const isSite = pid !== undefined && pid.length === 4 && pid.toUpperCase() === "SITE";
      if (pid && !isSite && prods && !productIds.has(pid)) {
        out.add(inp.sheet, at(inp, r, "product_id"), "error", "REF_PRODUCT", m(`Product "${clipText(pid)}" is not on ${prods.sheet}; add it there or correct the ID (blank = whole site).`, `产品"${clipText(pid)}"不在 ${prods.sheet} 中；请添加或更正编号（留空表示全厂）。`), "product_id");
      }
      if (isSite) r.v.product_id = undefined;
      if (cls === "primary_ingot" || cls === "primary_liquid") {
        const sid = str(r.v.source_smelter_id);
        if (!sid) {
          if (!findingAt(out, inp.sheet, at(inp, r, "source_smelter_id"))) out.add(inp.sheet, at(inp, r, "source_smelter_id") || at(inp, r, "input_class"), "error", "REQUIRED", m(`Primary metal needs its smelter ID so its red mud (bauxite residue) can be traced; add the smelter and list it on 04_Primary_Sources.`, `原铝须填写电解铝厂编号以追溯赤泥；请填写并在原铝来源表中列出该厂。`), "source_smelter_id");
        } else if (!smelterIds.has(sid)) {
          out.add(inp.sheet, at(inp, r, "source_smelter_id"), "error", "REF_SMELTER", m(`Smelter "${clipText(sid)}" is not on ${prim?.sheet ?? "04_Primary_Sources"}; add its refineries there.`, `电解铝厂"${clipText(sid)}"不在原铝来源表中；请在该表添加其氧化铝来源。`), "source_smelter_id");
        }
      }
      if (cls === "secondary_ingot") {
        for (const k of SECONDARY_SHARE_KEYS) {
          if (num(r.v[k]) === undefined && !findingAt(out, inp.sheet, at(inp, r, k))) {
            out.add(inp.sheet, at(inp, r, k) || at(inp, r, "input_class"), "error", "REQUIRED", m(
              `Secondary ingot needs the ${k === "recycled_share" ? "recycled share" : "post-consumer part of the recycled share"} declared by its producer.`,
              `再生铝锭须填写其生产商声明的${k === "recycled_share" ? "再生比例" : "再生部分中消费后比例"}。`,
            ), k);
          }
        }
        if (num(r.v.recycled_share) === 0) {
          out.add(inp.sheet, at(inp, r, "recycled_share"), "warning", "ZERO_UNKNOWN", m(
            `Secondary ingot is remelted scrap, yet its recycled share is 0 %: a 0 typed for "unknown" counts the lot as primary metal and understates recycled content. Enter the share its producer declares; keep 0 only if the producer really declares 0 %.`,
            `再生铝锭由废铝重熔而成，但其再生比例为0%：以0表示"未知"会把该批次计为原铝，低估再生含量。请填写生产商声明的比例；仅当生产商确实声明为0%时保留0。`,
          ), "recycled_share");
        }
      } else if (cls !== undefined) {
        for (const k of SECONDARY_SHARE_KEYS) {
          if (num(r.v[k]) !== undefined) {
            out.add(inp.sheet, at(inp, r, k), "warning", "NOT_APPLICABLE", m(`Only secondary ingot takes a declared recycled share; for ${cls} the class decides, so this value is ignored.`, `仅再生铝锭需填写声明的再生比例；对于该类别按类别计算，此值已忽略。`), k);
            r.v[k] = undefined;
          }
        }
      }
      if (cls === "master_alloy" && num(r.v.al_content) === 0) {
        out.add(inp.sheet, at(inp, r, "al_content"), "warning", "ZERO_UNKNOWN", m(
          `An aluminium master alloy (AlTi5B1, AlSr10 …) is mostly aluminium, so 0 % aluminium is most likely "unknown"; with an aluminium-only denominator the lot then counts as no aluminium. Enter the content from the mill certificate.`,
          `铝中间合金（如AlTi5B1、AlSr10）以铝为主，铝含量0%多半表示"未知"；采用铝基分母时该批次将按不含铝计。请按质保书填写铝含量。`,
        ), "al_content");
      }
      if (cls === "master_alloy" && num(r.v.al_content) === undefined && !findingAt(out, inp.sheet, at(inp, r, "al_content"))) {
        out.add(inp.sheet, at(inp, r, "al_content") || at(inp, r, "input_class"), "warning", "AL_CONTENT", m(`Master alloy without its aluminium content: with an aluminium-only denominator it is counted as 0 % aluminium.`, `中间合金未填写铝含量：采用铝基分母时按0%铝计。`), "al_content");
      }
    }
    // Recycled content needs metal to divide by: inputs of nothing but run-around scrap (or zero
    // masses) leave a product's denominator at 0. Checked per product over the rows that reach it
    // (site-wide rows and its own), as the report computes it.
    // One pass over the rows (not one per product): per product ID, and undefined for site-wide
    // rows, the first row with a class and whether any such row holds metal.
    const reachOf = new Map<RowValue, { first: TypedRow; metal: boolean }>();
    for (const r of inp.rows) {
      const cls = str(r.v.input_class);
      if (cls === undefined) continue;
      const metal = cls !== "run_around_scrap" && (num(r.v.mass_t) ?? 0) > 0;
      const e = reachOf.get(r.v.product_id);
      if (!e) reachOf.set(r.v.product_id, { first: r, metal });
      else if (metal) e.metal = true;
    }
    const site = reachOf.get(undefined);
    const noMetal = new Map<string, string[]>();
    for (const pid of productIds) {
      const own = reachOf.get(pid);
      if ((!own && !site) || own?.metal || site?.metal) continue;
      const first = own && site ? (own.first.row < site.first.row ? own.first : site.first) : (own ?? site)!.first;
      const cell = at(inp, first, "mass_t") || a1(first.row, 0);
      if (findingAt(out, inp.sheet, cell)) continue;
      noMetal.set(cell, [...(noMetal.get(cell) ?? []), pid]);
    }
    for (const [cell, pids] of noMetal) {
      out.add(inp.sheet, cell, "error", "NO_DENOMINATOR", m(
        `The metal inputs of ${pids.map((x) => `"${clipText(x)}"`).join(", ")} hold nothing but run-around scrap or zero masses, so recycled content has nothing to divide by. Enter the metal charged (primary, secondary, scrap, alloying).`,
        `产品 ${pids.join("、")} 的金属投入只有同工序回炉料或零质量，再生含量无分母可计算。请填写实际投入的金属（原铝、再生铝、废铝、合金元素）。`,
      ), "mass_t");
    }
  }

  // ---- 05 refinery red mud: wet → dry, balances (V3, V4, V5)
  const ref = sheets.refinery_redmud;
  dupCheck(ref, (r) => str(r.v.refinery_id), "refinery_id", m("Refinery ID", "氧化铝厂编号"));
  const redTol = opts.redMudBalanceTolerance ?? getDefault("REDMUD_BALANCE_TOLERANCE").value;
  const massKeys = ["generated_t", "utilised_new_t", "stored_new_t", "disposed_new_t", "stock_start_t", "utilised_legacy_t", "disposed_legacy_t", "stock_end_t"];
  if (ref) {
    for (const r of ref.rows) {
      if (str(r.v.mass_basis) === "wet") {
        const w = num(r.v.moisture);
        const basis = str(r.v.moisture_basis);
        if (w === undefined || basis === undefined) {
          out.add(ref.sheet, at(ref, r, w === undefined ? "moisture" : "moisture_basis") || at(ref, r, "mass_basis"), "error", "V3", m(`Wet red mud figures need the moisture and its basis (wet or dry) to be converted to dry tonnes.`, `湿基赤泥数据须填写含水率及其基准（湿基或干基）以换算为干吨。`), w === undefined ? "moisture" : "moisture_basis");
          for (const k of massKeys) r.v[k] = undefined;
        } else if (basis === "wet" && w >= 1) {
          out.add(ref.sheet, at(ref, r, "moisture"), "error", "V3", m(`Moisture on a wet basis must be below 100 %.`, `湿基含水率须低于100%。`), "moisture");
          for (const k of massKeys) r.v[k] = undefined;
        } else {
          const factor = basis === "wet" ? 1 - w : 1 / (1 + w);
          for (const k of massKeys) {
            const x = num(r.v[k]);
            if (x !== undefined) r.v[k] = x * factor;
          }
          notes.push(`Refinery ${r.v.refinery_id}: wet red mud figures converted to dry with moisture ${w} (${basis} basis), factor ${+factor.toPrecision(6)}.`);
          out.add(ref.sheet, at(ref, r, "mass_basis"), "info", "V3", m(`Red mud figures on this row were wet and are converted to dry tonnes (× ${+factor.toPrecision(6)}).`, `本行赤泥数据为湿基，已换算为干吨（× ${+factor.toPrecision(6)}）。`), "mass_basis");
        }
      }
      const g = num(r.v.generated_t);
      const u = num(r.v.utilised_new_t);
      const s = num(r.v.stored_new_t);
      const dsp = num(r.v.disposed_new_t);
      const al = num(r.v.alumina_output_t);
      if (g !== undefined && al !== undefined && al > 0) {
        const ratio = g / al;
        if (g === 0) {
          out.add(ref.sheet, at(ref, r, "generated_t"), "error", "ZERO_UNKNOWN", m(`A refinery that produced alumina generated red mud; 0 is not a valid figure. Enter the generation (leave blank only if unknown — the sheet then cannot be used).`, `生产氧化铝必然产生赤泥；0不是有效数值。请填写产生量。`), "generated_t");
          r.v.generated_t = undefined;
        } else if (ratio < getDefault("REDMUD_RATIO_WARN_MIN").value || ratio > getDefault("REDMUD_RATIO_WARN_MAX").value) {
          out.add(ref.sheet, at(ref, r, "generated_t"), "warning", "V6", m(`Generation ${+ratio.toPrecision(4)} t per t alumina is outside the published 0.3–2.5; check units and the dry basis.`, `每吨氧化铝产生 ${+ratio.toPrecision(4)} 吨赤泥，超出公开范围0.3–2.5；请核对单位和干基。`), "generated_t");
        }
      }
      const gNow = num(r.v.generated_t);
      if (gNow !== undefined && u !== undefined && u > gNow) {
        out.add(ref.sheet, at(ref, r, "utilised_new_t"), "error", "V5", m(`Utilised new red mud (${u}) exceeds what was generated (${gNow}); legacy stock utilised belongs in "Utilised from stock".`, `新增赤泥利用量（${u}）超过产生量（${gNow}）；利用的往年贮存量应填入"利用往年贮存量"。`), "utilised_new_t");
      } else if (gNow !== undefined && gNow > 0 && u !== undefined) {
        if (s === undefined && dsp === undefined) {
          out.add(ref.sheet, at(ref, r, "stored_new_t") || at(ref, r, "generated_t"), "warning", "V4", m(`Stored and disposed red mud are not given, so the balance generated = utilised + stored + disposed cannot be checked.`, `未填写贮存量和处置量，无法核对"产生量=利用量+贮存量+处置量"平衡。`), "stored_new_t");
        } else {
          const rhs = u + (s ?? 0) + (dsp ?? 0);
          const resid = (gNow - rhs) / gNow;
          if (Math.abs(resid) > redTol) {
            out.add(ref.sheet, at(ref, r, "generated_t"), "error", "V4", m(
              `Red mud balance off by ${+(resid * 100).toFixed(2)} %: generated ${+gNow.toPrecision(8)} t vs utilised + stored + disposed ${+rhs.toPrecision(8)} t (tolerance ±${redTol * 100} %).`,
              `赤泥平衡偏差 ${+(resid * 100).toFixed(2)}%：产生量 ${+gNow.toPrecision(8)} 吨，利用+贮存+处置 ${+rhs.toPrecision(8)} 吨（允许±${redTol * 100}%）。`,
            ), "generated_t");
          }
        }
      }
      const s0 = num(r.v.stock_start_t);
      const s1 = num(r.v.stock_end_t);
      if (s0 !== undefined && s1 !== undefined) {
        const expected = s0 + (s ?? 0) - (num(r.v.utilised_legacy_t) ?? 0) - (num(r.v.disposed_legacy_t) ?? 0);
        const base = Math.max(s1, expected, 1e-9);
        if (Math.abs(expected - s1) / base > redTol) {
          out.add(ref.sheet, at(ref, r, "stock_end_t"), "warning", "V4", m(
            `Stock at end ${+s1.toPrecision(8)} t differs from start + stored − utilised from stock − disposed from stock = ${+expected.toPrecision(8)} t.`,
            `期末堆存量 ${+s1.toPrecision(8)} 吨与"期初+贮存−利用往年−处置往年"= ${+expected.toPrecision(8)} 吨不符。`,
          ), "stock_end_t");
        }
      }
    }
  }

  // ---- 06 pathways
  const paths = sheets.redmud_pathways;
  if (paths) {
    const knownRefineries = new Set<string>([
      ...(ref?.rows ?? []).map((r) => str(r.v.refinery_id)).filter((x): x is string => !!x),
      ...(prim?.rows ?? []).map((r) => str(r.v.refinery_id)).filter((x): x is string => !!x),
    ]);
    const byRef = new Map<string, TypedRow[]>();
    for (const r of paths.rows) {
      const rid = str(r.v.refinery_id);
      if (!rid) continue;
      if (!knownRefineries.has(rid)) {
        out.add(paths.sheet, at(paths, r, "refinery_id"), "warning", "REF_REFINERY", m(`Refinery "${clipText(rid)}" is on neither 04_Primary_Sources nor 05_Refinery_RedMud; check the ID.`, `氧化铝厂"${clipText(rid)}"不在04或05表中；请核对编号。`), "refinery_id");
      }
      byRef.set(rid, [...(byRef.get(rid) ?? []), r]);
      if (num(r.v.mass_t) === 0) {
        out.add(paths.sheet, at(paths, r, "mass_t"), "warning", "ZERO_UNKNOWN", m(
          `A pathway with 0 t adds nothing: if the mass is unknown, find it out; if no red mud went this way, delete the row.`,
          `去向质量为0吨不计入任何数量：若未知，请查明后填写；若无赤泥进入该途径，请删除该行。`,
        ), "mass_t");
      }
      const code = str(r.v.pathway_code);
      if ((code === "DISP_SEA" || code === "DISP_RIVER") && (num(r.v.mass_t) ?? 0) > 0) {
        out.add(paths.sheet, at(paths, r, "pathway_code"), "warning", "HISTORIC_PATHWAY", m(`${code} is a historic practice (sea discharge ended in 2015); confirm this pathway.`, `${code} 为历史做法（排海已于2015年停止）；请确认。`), "pathway_code");
      }
    }
    for (const [rid, rows] of byRef) {
      const refRow = ref?.rows.find((r) => str(r.v.refinery_id) === rid);
      const g = refRow ? num(refRow.v.generated_t) : undefined;
      const total = rows.reduce((a, r) => a + (num(r.v.mass_t) ?? 0), 0);
      if (total === 0) {
        out.add(paths.sheet, at(paths, rows[0], "mass_t"), "error", "V8", m(`The pathway masses of refinery ${clipText(rid)} add up to 0; shares cannot be computed.`, `氧化铝厂 ${clipText(rid)} 的去向质量合计为0，无法计算比例。`), "mass_t");
      } else if (g !== undefined && g > 0 && str(refRow!.v.mass_basis) !== "wet" && Math.abs(total - g) / g > redTol) {
        out.add(paths.sheet, at(paths, rows[0], "mass_t"), "warning", "V8", m(`Pathway masses of refinery ${clipText(rid)} add up to ${+total.toPrecision(8)} t but ${ref!.sheet} reports ${+g.toPrecision(8)} t generated.`, `氧化铝厂 ${clipText(rid)} 的去向质量合计 ${+total.toPrecision(8)} 吨，但05表产生量为 ${+g.toPrecision(8)} 吨。`), "mass_t");
      }
    }
  }

  // ---- 07 outputs and the metal balance (V9)
  const outs = sheets.outputs;
  dupCheck(outs, (r) => str(r.v.product_id), "product_id", m("Product ID", "产品编号"));
  if (outs) {
    const withOutput = new Set<string>();
    for (const r of outs.rows) {
      const pid = str(r.v.product_id);
      if (pid) {
        withOutput.add(pid);
        if (prods && !productIds.has(pid)) {
          out.add(outs.sheet, at(outs, r, "product_id"), "error", "REF_PRODUCT", m(`Product "${clipText(pid)}" is not on ${prods.sheet}.`, `产品"${clipText(pid)}"不在产品表中。`), "product_id");
        }
      }
      if (num(r.v.output_t) === 0) {
        out.add(outs.sheet, at(outs, r, "output_t"), "error", "ZERO_UNKNOWN", m(`Output 0 t: intensities per tonne of product cannot be computed. Enter the output, or remove the product if it was not made.`, `产量为0：无法计算单位产品强度。请填写产量，或删除本期未生产的产品。`), "output_t");
      }
    }
    for (const r of prods?.rows ?? []) {
      const pid = str(r.v.product_id);
      if (pid && !withOutput.has(pid)) {
        out.add(prods!.sheet, at(prods!, r, "product_id"), "error", "NO_OUTPUT", m(`Product "${clipText(pid)}" has no row on ${outs.sheet}; add its output.`, `产品"${clipText(pid)}"在产出表中没有记录；请填写产量。`), "product_id");
      }
    }
    if (inp && inp.rows.length) {
      let inT = 0;
      for (const r of inp.rows) if (str(r.v.input_class) !== "run_around_scrap") inT += num(r.v.mass_t) ?? 0;
      let outT = 0;
      for (const r of outs.rows) outT += (num(r.v.output_t) ?? 0) + (num(r.v.process_scrap_out_t) ?? 0) + (num(r.v.dross_t) ?? 0) + (num(r.v.metal_loss_t) ?? 0);
      const tol = opts.metalBalanceTolerance ?? getDefault("METAL_BALANCE_TOLERANCE").value;
      if (inT > 0 && Math.abs(inT - outT) / inT > tol) {
        out.add(outs.sheet, a1(outs.headerRow, 0), "warning", "V9", m(
          `Metal balance off by ${+(((inT - outT) / inT) * 100).toFixed(2)} %: inputs (without run-around scrap) ${+inT.toPrecision(8)} t vs outputs + scrap + dross + losses ${+outT.toPrecision(8)} t (tolerance ±${tol * 100} %). Check units and missing rows; stock changes explain some difference.`,
          `金属平衡偏差 ${+(((inT - outT) / inT) * 100).toFixed(2)}%：投入（不含回炉料）${+inT.toPrecision(8)} 吨，产出+废料+铝渣+损耗 ${+outT.toPrecision(8)} 吨（允许±${tol * 100}%）。请核对单位及遗漏行。`,
        ));
      }
    }
  }

  // ---- 09 footprint (V14–V17)
  const fp = sheets.footprint;
  dupCheck(fp, (r) => str(r.v.product_id), "product_id", m("Product ID", "产品编号"));
  if (fp) {
    const periodEnd = sup?.rows[0] ? num(sup.rows[0].v.period_end) : undefined;
    const from2025 = periodEnd !== undefined && periodEnd >= 45658; // 2025-01-01
    const hasPreConsumer = (inp?.rows ?? []).some((r) => (str(r.v.input_class) ?? "").startsWith("pre_consumer") && (num(r.v.mass_t) ?? 0) > 0);
    for (const r of fp.rows) {
      const pid = str(r.v.product_id);
      if (pid && prods && !productIds.has(pid)) {
        out.add(fp.sheet, at(fp, r, "product_id"), "error", "REF_PRODUCT", m(`Product "${clipText(pid)}" is not on ${prods.sheet}.`, `产品"${clipText(pid)}"不在产品表中。`), "product_id");
      }
      const excl = num(r.v.pcf_excl_biogenic);
      const fossil = num(r.v.fossil_ghg);
      if (excl !== undefined && fossil !== undefined && fossil > excl * (1 + 1e-9)) {
        out.add(fp.sheet, at(fp, r, "fossil_ghg"), "warning", "V14", m(`Fossil emissions (${fossil}) exceed the footprint excluding biogenic (${excl}); the footprint should include them. Check both.`, `化石源排放（${fossil}）大于不含生物源的碳足迹（${excl}）；请核对。`), "fossil_ghg");
      }
      if (str(r.v.ipcc_ar) === "AR5") {
        out.add(fp.sheet, at(fp, r, "ipcc_ar"), "warning", "V15", m(`GWP factors from IPCC AR5; PACT 3 and current EPD practice expect AR6.`, `GWP因子来自IPCC AR5；PACT 3及现行EPD要求使用AR6。`), "ipcc_ar");
      }
      if (from2025) {
        for (const k of ["pcf_incl_biogenic", "primary_data_share", "dqr_technological", "dqr_temporal", "dqr_geographical"]) {
          if (r.v[k] === undefined && !findingAt(out, fp.sheet, at(fp, r, k))) {
            const col = fp.spec.columns.find((c) => c.key === k)!;
            out.add(fp.sheet, at(fp, r, k) || a1(r.row, 0), "error", "V16", m(`${col.label.en} is required for reporting periods from 2025 (PACT 3).`, `2025年及以后的报告期须填写"${col.label.zh}"（PACT 3）。`), k);
          }
        }
      }
      const method = str(r.v.scrap_method);
      const needs = method === "both" ? ["ghg_cut_off", "ghg_allocation"] : method === "allocation" ? ["ghg_allocation"] : [];
      for (const k of needs) {
        if (r.v[k] === undefined && !findingAt(out, fp.sheet, at(fp, r, k))) {
          out.add(fp.sheet, at(fp, r, k) || a1(r.row, 0), "error", "V17", m(`The scrap treatment "${method}" needs the ${k === "ghg_cut_off" ? "cut-off" : "allocation"} footprint.`, `废料处理方法为"${method}"时须填写${k === "ghg_cut_off" ? "截断法" : "分配法"}碳足迹。`), k);
        }
      }
      if (method === "cut_off" && r.v.ghg_cut_off === undefined && excl !== undefined) r.v.ghg_cut_off = excl;
      if (method && method !== "both" && hasPreConsumer) {
        out.add(fp.sheet, at(fp, r, "scrap_method"), "warning", "V17", m(`The site uses pre-consumer scrap, so buyers expect both the cut-off and the allocation footprint (RMI, IAI).`, `工厂使用消费前废料，采购方通常要求同时提供截断法和分配法碳足迹。`), "scrap_method");
      }
    }
  }

  // ---- 10 evidence register (V22): references must resolve
  const ev = sheets.evidence;
  dupCheck(ev, (r) => str(r.v.evidence_id), "evidence_id", m("Evidence ref.", "证明文件编号"));
  if (ev && ev.rows.length === 0) {
    const refs = (["metal_inputs", "primary_sources", "refinery_redmud", "footprint"] as const).reduce((a, k) => a + (sheets[k]?.rows.filter((r) => str(r.v.evidence_id)).length ?? 0), 0);
    if (refs > 0) out.add(ev.sheet, a1(ev.headerRow + 1, 0), "info", "V22", m(`${refs} rows cite evidence, but the evidence register is empty; list the documents here so a verifier can find them.`, `${refs} 行引用了证明文件，但登记表为空；请在此登记文件以便核查。`));
  } else if (ev) {
    const known = new Set(ev.rows.map((r) => str(r.v.evidence_id)).filter((x): x is string => !!x));
    for (const key of ["metal_inputs", "primary_sources", "refinery_redmud", "footprint"] as const) {
      const d = sheets[key];
      if (!d) continue;
      for (const r of d.rows) {
        const id = str(r.v.evidence_id);
        if (id && !known.has(id)) {
          out.add(d.sheet, at(d, r, "evidence_id"), "warning", "V22", m(`Evidence "${clipText(id)}" is not on ${ev.sheet}; register the document there.`, `证明文件"${clipText(id)}"未在证明文件登记表中；请登记。`), "evidence_id");
        }
      }
    }
  }

  const order = TEMPLATE_SHEETS.map((s) => sheets[s.key]?.sheet ?? s.name);
  const findings = sortFindings(out.findings, order);
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
  }
  const defaultsUsed: DefaultUse[] = [...defaults.entries()].filter(([id]) => findDefault(id)).map(([id, cells]) => ({ id, cells }));
  return { findings, sheets, defaultsUsed, errors, warnings, notes };
}

function findingAt(c: Collector, sheet: string, cell: string): boolean {
  return cell !== "" && c.errorCells.has(`${sheet}\u0000${cell}`);
}

/** Code-list label for display, in the chosen language. */
export function codeLabel(listId: keyof typeof CODE_LISTS, code: string, lang: "en" | "zh"): string {
  const e = findEntry(CODE_LISTS[listId] as readonly { code: string; en: string; zh: string }[], code);
  return e ? e[lang] : code;
}
