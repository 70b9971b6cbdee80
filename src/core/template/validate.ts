/**
 * Validation of a filled supplier template: every cell read through the template spec, then the
 * cross-row rules of REFERENCE §6. Produces typed rows (what the calculations use) and findings
 * (what the supplier fixes), each naming the sheet and the cell.
 */
import { Grid, WorkbookGrids, a1, cellAt, formatAt, isBlank } from "../cells";
import { CODE_LISTS, findEntry, lookupCode } from "../codes";
import { findDefault, getDefault } from "../defaults";
import { Finding, Msg, Severity, clipText, sortFindings } from "../findings";
import { Parsed, isFormulaLikeText, isPercentFormat, isPlainValueText, showsLiteralPercent, parseDate, parseId, parseMassTonnes, parseNumber, parseShare, parseText } from "../parse";
import { parseMassUnit } from "../units";
import { Collector, m } from "./collect";
import { LocatedSheet, locateTemplateSheets, supplierSheets } from "./locate";
import { applyRules } from "./rules";
import { ColumnSpec, HEADER_ROW, TEMPLATE_SHEETS, TemplateSheetKey, TemplateSheetSpec } from "./spec";

export type RowValue = number | string | undefined;

/** One data row as an object: values by column key, and where it came from (report and exports). */
export interface TypedRow {
  /** 0-based row index in the sheet. */
  readonly row: number;
  readonly v: Readonly<Record<string, RowValue>>;
}

/**
 * One template sheet as read: typed values column by column (what the rules and calculations use).
 * Columns, not row objects: a row object per row cost as much as the whole check of its cells.
 */
export class SheetData {
  private built: readonly TypedRow[] | undefined;
  constructor(
    readonly spec: TemplateSheetSpec,
    /** The sheet's real name in the workbook. */
    readonly sheet: string,
    readonly headerRow: number,
    readonly columns: Map<string, number>,
    /** The 0-based sheet row of each data row. */
    readonly rowOf: readonly number[],
    /** Typed values by key, one array per template column (blank = undefined), indexed like rowOf. */
    readonly values: Readonly<Record<string, RowValue[]>>,
  ) {}

  /** Number of data rows. */
  get count(): number {
    return this.rowOf.length;
  }

  /** The column of `key`: every template column and derived figure has one, even when not on the sheet. */
  col(key: string): RowValue[] {
    const c = this.values[key];
    if (!c) throw new Error(`internal: ${this.spec.name} has no column "${key}"`);
    return c;
  }

  /**
   * The rows as objects, made on first use: for the report and exports, which run after
   * validation (the validator's rules write to the columns, never to these).
   */
  get rows(): readonly TypedRow[] {
    if (this.built) return this.built;
    const keys = Object.keys(this.values);
    const cols = keys.map((k) => this.values[k]);
    const out = new Array<TypedRow>(this.rowOf.length);
    for (let i = 0; i < this.rowOf.length; i++) {
      const v: Record<string, RowValue> = {};
      for (let k = 0; k < keys.length; k++) v[keys[k]] = cols[k][i];
      out[i] = { row: this.rowOf[i], v };
    }
    return (this.built = out);
  }
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
        `"${clipText(String(value))}" 不在"${col.label.zh}"的列表中；请从下拉列表选择（${some}${list.length > 6 ? "……" : ""}）。`,
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
  if (col.pattern && typeof value === "string" && !patternOf(col.pattern).test(value)) {
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

const patterns = new Map<string, RegExp>();
/** A column's pattern, compiled once. */
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source)));
  return re;
}

/** A unit as written in a template header or a supplier's bracket: mass (× a printed multiplier), what of, per what. */
interface HeaderUnit {
  /** Grams of the leading mass unit, times a printed multiplier ("1000 t"); NaN when it is an ambiguous ton. */
  grams: number;
  /** What is weighed, compacted ("co2e", "c"; "" for plain mass). */
  of: string;
  /** Grams of the mass it is per ("t/t": 1e6); undefined for none; NaN when ambiguous. */
  per: number | undefined;
}

/** The longest leading mass unit of `s`, and what follows; undefined when `s` does not start with one. */
function leadingMass(s: string): { grams: number; rest: string } | undefined {
  for (let i = s.length; i >= 1; i--) {
    const head = s.slice(0, i).trim();
    if (head === "") break;
    const u = parseMassUnit(head);
    if (u.ok) return { grams: u.unit.grams, rest: s.slice(i) };
    if (u.ambiguous) return { grams: NaN, rest: s.slice(i) };
  }
  return undefined;
}

/** "t CO2e/t", "kgCO2e/t", "1000 t", "千克CO2e/吨" as a HeaderUnit; undefined for text that is not a unit ("dry", "blank = whole site"). */
function headerUnit(text: string): HeaderUnit | undefined {
  let s = text.normalize("NFKC").trim().replace(/\s+/g, " ");
  // "unit: kg", "单位：千克"; a qualifier after a comma ("kg, dry basis") is not part of the unit.
  s = s.replace(/^(unit|units|单位)\s*[:：]\s*/i, "").split(/[,，;；]/)[0].trim();
  // "x1000 t", "×1000 t", "1000 t", "'000 t", "000 t", "000s t", "thousand t": a printed multiplier.
  let factor = 1;
  const mult = /^(?:[x×*]\s*)?('?000s?|\d[\d,]*|thousands?|千|万)\s*(?=\D)/i.exec(s);
  if (mult) {
    const m0 = mult[1].toLowerCase();
    factor = /^'?000s?$/.test(m0) || m0.startsWith("thousand") || m0 === "千" ? 1000 : m0 === "万" ? 1e4 : Number(m0.replace(/,/g, "")) || 1;
    if (!(m0 === "千" || m0 === "万") || !parseMassUnit(s.slice(mult.index, mult.index + 2)).ok) s = s.slice(mult[0].length);
    else factor = 1; // 千吨, 万吨 are units of their own
  }
  // "per t" is "/t".
  s = s.replace(/\s+per\s+/i, "/");
  const slash = s.lastIndexOf("/");
  const num = leadingMass(slash >= 0 ? s.slice(0, slash) : s);
  if (!num) return undefined;
  let per: number | undefined;
  if (slash >= 0) {
    // The mass it is per may be qualified: "t Al", "t alumina", "t product".
    const den = leadingMass(s.slice(slash + 1));
    if (!den) return undefined;
    per = den.grams;
  }
  return { grams: num.grams * factor, of: substance(num.rest), per };
}

/** What a unit weighs, compacted, with the usual spellings of CO2e and of aluminium as plain mass. */
function substance(rest: string): string {
  const x = rest.toLowerCase().replace(/[\s_-]+/g, "").replace(/co2eq|co2äq|co₂e|二氧化碳当量/g, "co2e");
  return /^(al|aluminium|aluminum|metal|铝|金属|net|gross)?$/.test(x) ? "" : x;
}

/**
 * A unit in brackets in a header ("Mass (kg)", "质量（千克）", "(kgCO2e/t)", "(1000 t)", "(%)") that
 * contradicts the column's unit. Units are never rescaled from a header: the values may or may not
 * follow it. The same quantity written otherwise ("kg CO2e/kg" for "t CO2e/t") is no contradiction.
 */
function headerUnitIssue(col: ColumnSpec, header: string): { severity: Severity; msg: Msg } | undefined {
  if (!col.unit) return undefined;
  const want = headerUnit(col.unit);
  if (!want) return undefined;
  const contradicts = (said: string): { severity: Severity; msg: Msg } => ({
    severity: "error",
    msg: m(
      `The header says ${said}, but this column takes ${col.unit}; AluTrace does not rescale a column from its header. Convert the values to ${col.unit} and restore the header "${col.label.en} (${col.unit})".`,
      `表头单位为 ${said}，但本列单位应为 ${col.unit}；AluTrace 不会按表头换算整列。请将数值换算为 ${col.unit}，并恢复表头"${col.label.zh}（${col.unit}）"。`,
    ),
  });
  for (const b of header.matchAll(/\(([^)]*)\)|（([^）]*)）|\[([^\]]*)\]/g)) {
    const text = (b[1] ?? b[2] ?? b[3] ?? "").trim();
    if (/^(%|‰|percent|pct|百分比)$/i.test(text.normalize("NFKC"))) return contradicts(b[0]);
    const said = headerUnit(text);
    // Not a unit, or a unit of something else this header merely mentions.
    if (!said || (said.of !== want.of && said.of !== "")) continue;
    if (Number.isNaN(said.grams) || (said.per !== undefined && Number.isNaN(said.per))) {
      return {
        severity: "warning",
        msg: m(
          `The header says ${b[0]}, which may mean short, long or metric tons (or megatonnes); the values are read as ${col.unit}. Check them and write "${col.unit}" in the header.`,
          `表头单位 ${b[0]} 有歧义（短吨、长吨、公吨或百万吨）；数值按 ${col.unit} 读取。请核对并将表头单位改为"${col.unit}"。`,
        ),
      };
    }
    // A "per …" the column does not have ("kg CO2e/kg" for kg CO2e per declared unit) may be right: left alone.
    if (want.per === undefined && said.per !== undefined) continue;
    // A ratio column ("t CO2e/t") headed by a bare mass ("(kg)") contradicts it; "(t CO2e)" merely omits the "per".
    if (want.per !== undefined && said.per === undefined) {
      if (said.of === "") return contradicts(b[0]);
      continue;
    }
    const ratio = (u: HeaderUnit) => u.grams / (u.per ?? 1);
    if (Math.abs(ratio(said) / ratio(want) - 1) > 1e-9) return contradicts(b[0]);
  }
  return undefined;
}

/** Read one located sheet into typed columns, with per-cell findings. */
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
  const plans = spec.columns.filter((c) => columns.has(c.key)).map((c) => columnPlan(c, columns.get(c.key)!, (sev, code, msg) => out.add(sheet, a1(row, columns.get(c.key)!), sev, code, msg, c.key)));
  for (const { col, idx } of plans) {
    const h = cellAt(grid, headerRow, idx);
    const issue = typeof h === "string" ? headerUnitIssue(col, h) : undefined;
    if (issue) out.add(sheet, a1(headerRow, idx), issue.severity, "HEADER_UNIT", issue.msg, col.key);
  }
  // Share columns: the first cell read as percent points ("45"), by column key.
  const sharePoints = new Map<string, string>();
  const rowOf = readRows(plans, grid, headerRow, (r) => {
    row = r;
    if (hidden.size > 0 && hidden.has(r)) {
      out.add(sheet, a1(r, 0), "warning", "ROW_HIDDEN", m(`Row ${r + 1} is hidden or filtered out but still counts; unhide it to check it, or delete it if it does not belong.`, `第 ${r + 1} 行被隐藏或筛选，但仍计入；请取消隐藏核对，若不属于本期请删除。`));
    }
  }, (p, r, k) => {
    if (anyNoResult && noResult.has(r * width + p.idx)) {
      p.report("error", "FORMULA_NO_RESULT", m(
        `The cell holds a formula but the file carries no calculated value for it (it was written by a program that does not calculate). Open the file in Excel or WPS, let it calculate, save it, and check again.`,
        `该单元格有公式，但文件中没有计算结果（由不计算公式的程序生成）。请在 Excel 或 WPS 中打开、重新计算并保存后再检查。`,
      ));
      return undefined;
    }
    return readCell(p, grid, r, k, date1904, out, sharePoints);
  }, anyNoResult ? (r, c) => noResult.has(r * width + c) : undefined);
  // One column, two conventions: with "45" read as 45 %, a "1" beside it may mean 1 % rather than 100 %.
  for (const p of plans) {
    const example = sharePoints.get(p.col.key);
    if (example === undefined || p.fractions === undefined) continue;
    for (let k = 0; k < p.fractions.length; k += 2) {
      const r = rowOf[p.fractions[k]];
      if (isPercentFormat(formatAt(grid, r, p.idx), p.fractions[k + 1])) continue;
      const value = p.fractions[k + 1];
      const pct = +(value * 100).toPrecision(12);
      out.add(sheet, a1(r, p.idx), "warning", "PERCENT_MIXED", m(
        `This column also holds percent points (${example} is read as a percentage), so ${value} here may be meant as ${value} %; it is read as ${pct} %. Enter every share the same way, e.g. 45% or 0.45.`,
        `本列同时含有百分点数值（${example} 已按百分比读取），因此此处的 ${value} 可能指 ${value}%；现按 ${pct}% 读取。请统一输入方式，如 45% 或 0.45。`,
      ), p.col.key);
    }
  }
  // Every template column (and derived figure) gets a column, so the rules may fill blanks.
  const values: Record<string, RowValue[]> = {};
  const byKey = new Map(plans.map((p) => [p.col.key, p.out]));
  for (const key of [...spec.columns.map((c) => c.key), ...(DERIVED_COLUMNS[spec.key] ?? [])]) values[key] = byKey.get(key) ?? blankColumn(rowOf.length);
  return new SheetData(spec, sheet, headerRow, columns, rowOf, values);
}

/**
 * The data rows of a sheet into the plans' columns: the cell-by-cell loop, kept apart from the
 * sheet's one-off checks so V8 optimises it alone. Returns the sheet row of each data row.
 * `onRow` sees each data row first; `slow` reads a cell the fast paths below do not settle;
 * `noResult` says whether a cell holds a formula without a value (then every cell goes slow).
 */
function readRows(plans: ColumnPlan[], grid: Grid, headerRow: number, onRow: (r: number) => void, slow: (p: ColumnPlan, r: number, k: number) => RowValue, noResult?: (r: number, c: number) => boolean): number[] {
  const last = grid.values.length - 1;
  const np = plans.length;
  // Columns sized for every row below the header, trimmed to the data rows at the end: stores into
  // a ready array cost half as much as pushes that grow it.
  const capacity = Math.max(0, last - headerRow);
  // Only a sheet with number formats can hold a literal-% share cell.
  const literal = grid.numberFormats !== undefined;
  for (const p of plans) p.out = blankColumn(capacity);
  const rowOf = new Array<number>(capacity);
  let n = 0;
  for (let r = headerRow + 1; r <= last; r++) {
    const cells = grid.values[r];
    if (!cells) continue;
    let any = false;
    for (let j = 0; j < np; j++) {
      const idx = plans[j].idx;
      if (!isBlank(cells[idx]) || (noResult !== undefined && noResult(r, idx))) {
        any = true;
        break;
      }
    }
    if (!any) continue;
    onRow(r);
    const k = n;
    for (let j = 0; j < np; j++) {
      const p = plans[j];
      const raw = cells[p.idx];
      // Fast paths with the full path's exact result: an empty cell of an optional column has
      // nothing to say; a finite number within a numeric column's bounds is itself; a plain text
      // in a text or ID column is itself; a text seen before in a code, text or country column
      // that then gave no finding gives the same value again.
      if (noResult === undefined) {
        if (raw === null || raw === undefined) {
          if (!p.required) continue; // a blank stays a hole: it reads as undefined
        } else if (typeof raw === "number") {
          // A share cell whose format prints a literal % is read as percent points (parseShare).
          if (raw >= p.lo && raw <= p.hi && (raw !== p.lo || !p.loOpen) && !(literal && p.fractions !== undefined && raw > 0 && showsLiteralPercent(formatAt(grid, r, p.idx), raw))) {
            if (p.fractions !== undefined && raw > 0) p.fractions.push(k, raw);
            p.out[k] = raw;
            continue;
          }
        } else if (typeof raw === "string") {
          if (p.plainText && isPlainValueText(raw)) {
            p.out[k] = p.pattern === undefined ? raw : checkColumnValue(p.col, raw, p.report);
            continue;
          }
          const hit = p.seen?.get(raw);
          if (hit !== undefined) {
            p.out[k] = hit;
            continue;
          }
        }
      }
      const value = slow(p, r, k);
      if (value !== undefined) p.out[k] = value;
    }
    rowOf[n++] = r;
  }
  rowOf.length = n;
  for (const p of plans) p.out.length = n;
  return rowOf;
}

function blankColumn(n: number): RowValue[] {
  return new Array<RowValue>(n);
}

/** Figures the rules add to a sheet's rows beside its template columns. */
const DERIVED_COLUMNS: Partial<Record<TemplateSheetKey, readonly string[]>> = {
  // 1 where the red mud ratio is the literature default (the report flags those rows).
  primary_sources: ["redmud_default"],
};

/** How readSheet reads one template column found on the sheet. */
interface ColumnPlan {
  col: ColumnSpec;
  /** The sheet column. */
  idx: number;
  /** The typed column being filled, one value per data row. */
  out: RowValue[];
  report: (sev: Severity, code: string, msg: Msg) => void;
  required: boolean;
  /** A number in [lo, hi] (lo excluded when loOpen) is its own value without a finding; NaN for columns that take no number as it is. */
  lo: number;
  loOpen: boolean;
  hi: number;
  /** Text and identifier columns take a plain text as it is (isPlainValueText), then check the pattern if any. */
  plainText: boolean;
  pattern?: RegExp;
  /** Columns whose verdict on a text depends on the text alone, and whose texts repeat. */
  seen?: Map<string, RowValue>;
  /** Share columns: pairs (data row, value) of cells read as fractions in (0, 1], for PERCENT_MIXED. */
  fractions?: number[];
}

function columnPlan(col: ColumnSpec, idx: number, report: ColumnPlan["report"]): ColumnPlan {
  // The bounds checkColumnValue passes a number through unchanged within (mass, number, share).
  let lo = NaN;
  let hi = NaN;
  let loOpen = false;
  if (col.type === "mass" || col.type === "number" || col.type === "share") {
    const ceiling = col.type === "mass" ? MASS_MAX_T : col.type === "number" && col.max === undefined ? NUMBER_MAX : Infinity;
    lo = Math.max(col.min ?? -Infinity, col.type === "share" ? 0 : -ceiling);
    loOpen = col.minExclusive === true && col.min !== undefined && col.min === lo;
    hi = Math.min(col.max ?? Infinity, col.type === "share" ? 1 : ceiling);
  }
  return {
    col,
    idx,
    out: [],
    report,
    required: col.required === "yes",
    lo,
    loOpen,
    hi,
    plainText: col.type === "text" || (col.type === "id" && col.idLength === undefined),
    pattern: col.pattern === undefined ? undefined : patternOf(col.pattern),
    seen: col.type === "code" || col.type === "text" || col.type === "country" ? new Map<string, RowValue>() : undefined,
    fractions: col.type === "share" ? [] : undefined,
  };
}

/** The full path for one cell: parse by type, report its issues, check the value (readSheet's fast paths left it). */
function readCell(p: ColumnPlan, grid: Grid, r: number, dataRow: number, date1904: boolean, out: Collector, sharePoints: Map<string, string>): RowValue {
  const { col, idx } = p;
  const raw = grid.values[r][idx];
  const before = out.findings.length;
  // An empty cell is blank to every parser: skip the call.
  const parsed = raw === null || raw === undefined ? BLANK : parseByType(col, grid, r, idx, date1904);
  for (const is of parsed.issues) p.report(is.severity, is.code, is.msg);
  if (parsed.kind === "value") {
    // The text as kept (trimmed, normalised) may start a formula even when the typed one did not (" =cmd").
    const kept = typeof parsed.value === "string" ? parsed.value : raw;
    const starts = typeof raw === "string" && isFormulaLikeText(raw) ? raw : typeof kept === "string" && isFormulaLikeText(kept) ? kept : undefined;
    if ((col.type === "text" || col.type === "id" || col.type === "email") && starts !== undefined && !/^[+-]?\d+([.,]\d+)?$/.test(starts.trim())) {
      p.report("warning", "FORMULA_TEXT", m(
        `"${clipText(starts, 40)}" starts with "${starts[0].trim() || "a control character"}", so a spreadsheet would run it as a formula if it were typed, pasted or opened as CSV. AluTrace keeps it as text (and writes it as text); remove the leading character unless it belongs to the name.`,
        `"${clipText(starts, 40)}" 以"${starts[0].trim() || "控制字符"}"开头，在电子表格中输入、粘贴或以CSV打开时会被当作公式执行。AluTrace 按文本保留并按文本写出；除非属于名称本身，请删除开头的字符。`,
      ));
    }
    if (p.fractions !== undefined) {
      if (parsed.issues.some((i) => i.code === "PERCENT_POINTS")) {
        if (!sharePoints.has(col.key)) sharePoints.set(col.key, `${raw} at ${a1(r, idx)}`);
      } else if (!parsed.issues.some((i) => i.code === "PERCENT_TEXT") && typeof parsed.value === "number" && parsed.value > 0 && parsed.value <= 1) {
        p.fractions.push(dataRow, parsed.value);
      }
    }
    const value = checkColumnValue(col, parsed.value, p.report);
    if (p.seen !== undefined && typeof raw === "string" && value !== undefined && out.findings.length === before && p.seen.size < SEEN_MAX) p.seen.set(raw, value);
    return value;
  }
  if (parsed.kind === "blank") {
    if (parsed.placeholder !== undefined) {
      p.report(p.required ? "error" : "warning", "PLACEHOLDER", m(
        `"${clipText(parsed.placeholder)}" means unknown here; ${p.required ? "this value is required — enter it" : "it is treated as not given"}${col.defaultId ? " (leave the cell blank to use the documented default)" : ""}.`,
        `"${clipText(parsed.placeholder)}" 表示未知；${p.required ? "该项必填，请填写" : "按未填写处理"}${col.defaultId ? "（留空则使用已记录的默认值）" : ""}。`,
      ));
    } else if (p.required) {
      p.report("error", "REQUIRED", m(`${col.label.en} is required.`, `"${col.label.zh}"为必填项。`));
    }
  }
  return undefined;
}

/** Plausibility ceilings for numbers without a bound of their own (defaults table). */
const MASS_MAX_T = getDefault("MASS_PLAUSIBLE_MAX_T").value;
const NUMBER_MAX = getDefault("NUMBER_PLAUSIBLE_MAX").value;

/** Distinct texts remembered per column (free-text columns of unique names stop growing here). */
const SEEN_MAX = 4096;

/** What every parser returns for an empty cell (shared: nobody mutates a Parsed). */
const BLANK: Parsed<RowValue> = { kind: "blank", issues: [] };



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
    if (spec.required === "yes" && d.count === 0) {
      out.add(d.sheet, a1(d.headerRow + 1, 0), "error", "SHEET_EMPTY", m(`${spec.title.en}: no rows filled in.`, `${spec.title.zh}：尚未填写任何行。`));
    }
    if (spec.singleRow && d.count > 1) {
      out.add(d.sheet, a1(d.rowOf[1], 0), "error", "SINGLE_ROW", m(`${spec.title.en} takes exactly one row; use one workbook per site and period.`, `${spec.title.zh}只能填写一行；每个工厂和报告期使用一个工作簿。`));
    }
  }

  const { defaults, notes } = applyRules(sheets, out, opts);

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

/** Code-list label for display, in the chosen language. */
export function codeLabel(listId: keyof typeof CODE_LISTS, code: string, lang: "en" | "zh"): string {
  const e = findEntry(CODE_LISTS[listId] as readonly { code: string; en: string; zh: string }[], code);
  return e ? e[lang] : code;
}
