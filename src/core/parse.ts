/**
 * Reading one cell as a typed value, the way a careful analyst would: numbers typed as text,
 * full-width digits, unit words, percentages in every form, dates in several calendars of habit.
 * Each normalisation is reported (a warning); anything that cannot be read unambiguously is an
 * error saying how to fix it. Nothing is coerced silently. Policy: docs/VALIDATION.md.
 */
import { Cell, INVISIBLE_CHARS, isBlank, isCellError } from "./cells";
import { clipText, type Msg } from "./findings";
import { parseMassUnit, toTonnes } from "./units";

export type ParseIssue = { severity: "error" | "warning" | "info"; code: string; msg: Msg };

export type Parsed<T> =
  | { kind: "value"; value: T; issues: readonly ParseIssue[] }
  | { kind: "blank"; placeholder?: string; issues: readonly ParseIssue[] }
  | { kind: "invalid"; issues: readonly ParseIssue[] };

/** A number cell holding NaN or ±Infinity (no spreadsheet stores one; a program wrote it): never a value. */
const NOT_FINITE: ParseIssue = { severity: "error", code: "NOT_A_NUMBER", msg: { en: "The cell holds no finite number (not a number, or infinite); type the value.", zh: "单元格中不是有限数值（非数值或无穷大）；请输入数值。" } };

/** The issues of a clean cell: one shared, frozen array instead of a new one per cell. */
const NO_ISSUES: readonly ParseIssue[] = Object.freeze([]);

const warn = (code: string, en: string, zh: string): ParseIssue => ({ severity: "warning", code, msg: { en, zh } });
const err = (code: string, en: string, zh: string): ParseIssue => ({ severity: "error", code, msg: { en, zh } });

/** Texts people write for "unknown"/"not applicable". Told apart from real error cells. */
const PLACEHOLDERS = new Set([
  "n/a", "na", "n.a.", "n.a", "none", "nil", "null", "nan", "unknown", "tbd", "tba", "tbc", "?", "-", "--", "—", "–", "/", "x",
  // Text (not an error cell) that reads #N/A: typed, or pasted from a system export.
  "#n/a", "#na",
  "无", "没有", "不详", "未知", "暂无", "待定", "不适用", "空", "／", "－", "—", "未提供",
  // Traditional characters (Hong Kong and Taiwan suppliers, or a traditional-Chinese IME).
  "無", "不詳", "暫無",
]);

/** Longest placeholder, in UTF-16 units (for plainText's bound). */
const PLACEHOLDER_MAX = Math.max(...[...PLACEHOLDERS].map((p) => p.length));
/** First characters (lower case) of the placeholders, for plainText's test of short ASCII texts. */
const PLACEHOLDER_FIRST = new Set([...PLACEHOLDERS].map((p) => p.charCodeAt(0)));

/** Printable ASCII without a space at either end: text that normaliseText returns unchanged. */
function isPlainAscii(s: string): boolean {
  return plainAsciiScan(s) !== NOT_PLAIN;
}

const NOT_PLAIN = 0;
const PLAIN = 1;
const PLAIN_WITH_PAREN = 2;

/** Printable ASCII, no space at either end, no "(": the usual identifier or name, in one native regex pass. */
const PLAIN_NO_PAREN = /^[\x21-\x27\x29-\x7e](?:[\x20-\x27\x29-\x7e]*[\x21-\x27\x29-\x7e])?$/;

/** isPlainAscii in one pass, noting a "(" on the way (a WPS picture needs one). */
function plainAsciiScan(s: string): number {
  if (PLAIN_NO_PAREN.test(s)) return PLAIN;
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) === 0x20 || s.charCodeAt(n - 1) === 0x20) return NOT_PLAIN;
  let paren = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return NOT_PLAIN;
    if (c === 0x28) paren = true;
  }
  return paren ? PLAIN_WITH_PAREN : PLAIN;
}

/** Characters that normaliseText, trim or isBlank may drop: controls, spaces of every kind, zero-width marks. */
function droppable(c: number): boolean {
  return (
    c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad || c === 0x34f || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x1680 || c === 0x180e ||
    (c >= 0x2000 && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f) || c === 0x205f || (c >= 0x2060 && c <= 0x2069) || c === 0x3000 || c === 0x3164 ||
    (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff || c === 0xffa0 ||
    // Surrogates: plane-14 tags and variation selectors are dropped (counted conservatively: any surrogate may be).
    (c >= 0xd800 && c <= 0xdfff)
  );
}

/**
 * True when `preliminary` certainly has nothing to say about the text — not blank, not a
 * placeholder, not a WPS picture — decided without allocating for the usual cell (the fast path of
 * validating 100 000 rows). False means "run the full checks", never "it is special".
 * Why it is exact: every character that is not `droppable` survives normaliseText as at least one
 * non-space character (toLowerCase never shortens), so more such characters than the longest
 * placeholder rule a placeholder out; one of them rules blank out; the picture needs "DISPIMG(".
 */
function plainText(s: string): boolean {
  if (s.length > PLACEHOLDER_MAX) {
    if (isWpsPictureText(s)) return false;
    let kept = 0;
    for (let i = 0; i < s.length; i++) if (!droppable(s.charCodeAt(i)) && ++kept > PLACEHOLDER_MAX) return true;
    return false;
  }
  const scan = plainAsciiScan(s);
  return scan !== NOT_PLAIN && plainAsciiIsValue(s, scan);
}

/** A text that may be a WPS picture (DISPIMG), checked cheaply first. */
function isWpsPictureText(s: string): boolean {
  return s.indexOf("(") >= 0 && /dispimg/i.test(s);
}

/**
 * For a text that isPlainAscii: neither a WPS picture nor a placeholder. Plain ASCII normalises to
 * itself, so it is a placeholder only if it is one as written.
 */
function plainAsciiIsValue(s: string, scan: number): boolean {
  if (scan === PLAIN_WITH_PAREN && /dispimg/i.test(s)) return false;
  if (s.length > PLACEHOLDER_MAX) return true;
  let c = s.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) c += 0x20; // A-Z → a-z
  return !PLACEHOLDER_FIRST.has(c) || !PLACEHOLDERS.has(s.toLowerCase());
}

/** Full-width and look-alike characters → ASCII; exotic spaces removed. */
export function normaliseText(s: string): string {
  if (isPlainAscii(s)) return s; // nothing to map, remove or trim
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (ch === "\u3000" || ch === "\u00a0" || ch === "\u202f" || ch === "\u2009" || ch === "\u2007") out += " ";
    // Minus-sign variants: minus sign, hyphen, non-breaking hyphen, figure dash, en and em dash, small hyphen-minus (full-width － is above).
    else if (ch === "\u2212" || ch === "\u2010" || ch === "\u2011" || ch === "\u2012" || ch === "\u2013" || ch === "\u2014" || ch === "\ufe63") out += "-";
    else if (ch === "\u3002" && /\d/.test(out.slice(-1))) out += "."; // 。 typed as a decimal point after a digit
    else out += ch;
  }
  return out.replace(INVISIBLE_CHARS, "").trim();
}

export function isPlaceholderText(s: string): boolean {
  return PLACEHOLDERS.has(normaliseText(s).toLowerCase());
}

/**
 * Characters that make a text run as a formula when it is typed or pasted into a spreadsheet, or
 * opened as CSV (OWASP's CSV-injection starters plus the full-width forms CJK input methods type).
 * The same rule as src/sheet/safetext.ts `isFormulaLike` (a test keeps the two in step; the core
 * cannot import from src/sheet).
 */
const FORMULA_STARTERS = new Set(["=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20"]);

export function isFormulaLikeText(text: string): boolean {
  return text.length > 0 && FORMULA_STARTERS.has(text[0]);
}

/**
 * True when a text cell is plain: printable ASCII with no space at either end, not a placeholder,
 * not formula-like and no WPS picture. Then parseText and parseId (without a fixed length) return
 * it unchanged with no issue, so a caller may take it as it is (the validator's fast path).
 */
export function isPlainValueText(s: string): boolean {
  const c = s.charCodeAt(0);
  // "=", "+", "-", "@" start formula-like text; an apostrophe is a text mark an identifier drops.
  if (c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x27) return false;
  const scan = plainAsciiScan(s);
  return scan !== NOT_PLAIN && plainAsciiIsValue(s, scan);
}

/** A picture embedded in a cell by WPS: the cell holds =DISPIMG("ID_…",1), Excel shows nothing useful. */
const WPS_CELL_IMAGE = /^=?\s*(?:_xlfn\.)?DISPIMG\s*\(/i;

function describe(v: Cell): string {
  if (typeof v === "string") return `"${clipText(v, 40)}"`;
  if (isCellError(v)) return v.code;
  return String(v);
}

/** Shared handling of blanks, placeholders and error cells for every type. */
function preliminary<T>(v: Cell): Parsed<T> | undefined {
  if (typeof v === "number") return v - v === 0 ? undefined : { kind: "invalid", issues: [NOT_FINITE] };
  if (typeof v === "boolean" || (typeof v === "string" && plainText(v))) return undefined;
  if (isBlank(v)) return { kind: "blank", issues: NO_ISSUES };
  if (isCellError(v)) {
    return {
      kind: "invalid",
      issues: [
        err(
          "ERROR_CELL",
          `The cell holds the error ${v.code}; fix the formula or type the value.`,
          `单元格为错误值 ${v.code}；请修正公式或直接输入数值。`,
        ),
      ],
    };
  }
  if (typeof v === "string" && isPlaceholderText(v)) return { kind: "blank", placeholder: v.trim(), issues: NO_ISSUES };
  if (typeof v === "string" && WPS_CELL_IMAGE.test(v.trim())) {
    return {
      kind: "blank",
      issues: [
        warn(
          "CELL_IMAGE",
          "The cell holds a picture embedded with WPS (DISPIMG), not a value; AluTrace reads text and numbers only. Type the value (or the document's reference) into the cell and keep the picture elsewhere.",
          "该单元格为WPS嵌入图片（DISPIMG），不是数值；AluTrace只读取文本和数字。请在单元格中输入数值（或文件编号），图片另行保存。",
        ),
      ],
    };
  }
  return undefined;
}

/**
 * A plain number from text: thousands separators, decimal commas, full-width digits, minus variants.
 * Returns undefined when the text is not a number at all; `note` says what was normalised.
 */
export function numberFromText(raw: string): { value: number; note?: string } | { ambiguous: string } | undefined {
  const r = numberFromTextUnchecked(raw);
  // "1e400" is number-shaped text but no number: Infinity must never reach a calculation.
  return r && "value" in r && !Number.isFinite(r.value) ? undefined : r;
}

function numberFromTextUnchecked(raw: string): { value: number; note?: string } | { ambiguous: string } | undefined {
  const s = normaliseText(raw).replace(/\s+/g, "").replace(/\u2019/g, "'");
  if (s === "") return undefined;
  const changed = s !== raw.trim();
  // '600: the apostrophe Excel uses to force text, kept literally by an ERP or CSV export.
  const body = /^'[+-]?[\d.]/.test(s) ? s.slice(1) : s;
  const note: string | undefined = body !== s ? "a leading apostrophe" : changed ? "full-width or special characters" : undefined;
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(body)) return { value: Number(body), note };
  if (/^[+-]?\.\d+$/.test(body)) return { value: Number(body), note };
  // 0,120 — a first group of 0 is no thousands grouping: a decimal comma.
  if (/^[+-]?0,\d+$/.test(body)) return { value: Number(body.replace(",", ".")), note: "a decimal comma" };
  // 1,234,567.89 — comma thousands with dot decimals (a first group never starts with 0).
  if (/^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(body)) {
    // "1,234" alone could be a decimal comma in a European file; with 3 digits after it we read thousands.
    return { value: Number(body.replace(/,/g, "")), note: "thousands separators" };
  }
  // 1'234'567.89 — apostrophe thousands (Swiss habit; ’ is normalised to ' first).
  if (/^[+-]?[1-9]\d{0,2}('\d{3})+(\.\d+)?$/.test(body)) return { value: Number(body.replace(/'/g, "")), note: "apostrophe thousands separators" };
  // 1.234.567,89 — dot thousands with a decimal comma.
  if (/^[+-]?[1-9]\d{0,2}(\.\d{3})+,\d+$/.test(body)) return { value: Number(body.replace(/\./g, "").replace(",", ".")), note: "dot thousands separators and a decimal comma" };
  // 1 234,5 was already squashed to 1234,5: a single decimal comma.
  if (/^[+-]?\d+,\d{1,2}$/.test(body) || /^[+-]?\d+,\d{4,}$/.test(body)) return { value: Number(body.replace(",", ".")), note: "a decimal comma" };
  if (/^[+-]?[1-9]\d*,\d{3}$/.test(body)) return { value: Number(body.replace(",", "")), note: "thousands separators" };
  if (/^[+-]?[\d.,]+$/.test(body)) return { ambiguous: body };
  return undefined;
}

function numberCellOrText(v: number | string | boolean, what: Msg): Parsed<number> {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "invalid", issues: [err("NOT_A_NUMBER", `Not a finite number.`, `不是有效数字。`)] };
    return { kind: "value", value: v, issues: NO_ISSUES };
  }
  if (typeof v === "boolean") {
    return { kind: "invalid", issues: [err("TYPE", `Expected ${what.en}, found TRUE/FALSE.`, `应为${what.zh}，实际为逻辑值。`)] };
  }
  const n = numberFromText(v);
  if (n === undefined) {
    return { kind: "invalid", issues: [err("TYPE", `Expected ${what.en}, found the text ${describe(v)}.`, `应为${what.zh}，实际为文本 ${describe(v)}。`)] };
  }
  if ("ambiguous" in n) {
    return {
      kind: "invalid",
      issues: [err("NUMBER_AMBIGUOUS", `Cannot tell the thousands separator from the decimal mark in ${describe(v)}; type the number without separators, e.g. 1234.5.`, `无法判断 ${describe(v)} 中的千位分隔符与小数点；请输入不带分隔符的数字，如 1234.5。`)],
    };
  }
  return {
    kind: "value",
    value: n.value,
    issues: [warn("NUMBER_TEXT", `The number was typed as text ${describe(v)}${n.note ? ` (with ${n.note})` : ""}; read as ${n.value}. Enter it as a number.`, `数字以文本形式输入 ${describe(v)}；已读取为 ${n.value}。请以数字格式输入。`)],
  };
}

/**
 * A plain number. With `unit` (the column's unit, e.g. "kg", "t/t", "kg CO2e"), text that carries
 * that unit ("1.2 t/t", "12 kg") is read with a warning, and a mass in another mass unit is
 * converted to the column's ("500 g" in a kg column → 0.5, with a warning). Other unit words are
 * errors: nothing is rescaled by guesswork.
 */
export function parseNumber(v: Cell, unit?: string): Parsed<number> {
  const pre = preliminary<number>(v);
  if (pre) return pre;
  const what = { en: unit ? `a number in ${unit}` : "a number", zh: unit ? `以${unit}计的数字` : "数字" };
  if (unit === undefined || typeof v !== "string" || numberFromTextUnchecked(v) !== undefined) return numberCellOrText(v as number | string | boolean, what);
  const m = /^([+-]?[\d.,\s]*\d)\s*([^\d\s.,].*)$/.exec(normaliseText(v));
  if (!m) return numberCellOrText(v, what);
  const num = numberFromText(m[1]);
  if (num === undefined || "ambiguous" in num) return numberCellOrText(m[1], what);
  const said = m[2].trim();
  if (unitKey(said) === unitKey(unit)) {
    return {
      kind: "value",
      value: num.value,
      issues: [warn("UNIT_TEXT", `${describe(v)} carries its unit as text; read as ${num.value}. Enter the number alone (the unit ${unit} is in the header).`, `${describe(v)} 含单位文字；已读取为 ${num.value}。请只输入数字（单位 ${unit} 见表头）。`)],
    };
  }
  const from = parseMassUnit(said);
  const to = parseMassUnit(unit);
  if (from.ok && to.ok) {
    const value = (num.value * from.unit.grams) / to.unit.grams;
    if (Number.isFinite(value)) {
      return {
        kind: "value",
        value,
        issues: [warn("UNIT_CONVERTED", `${describe(v)} is in ${from.unit.code}; converted to ${+value.toPrecision(12)} ${unit}. Enter ${unit} as a plain number.`, `${describe(v)} 的单位为 ${from.unit.zh}；已换算为 ${+value.toPrecision(12)} ${unit}。请直接输入以 ${unit} 计的数字。`)],
      };
    }
  }
  return {
    kind: "invalid",
    issues: [err("UNIT", `${describe(v)}: the unit "${clipText(said)}" is not this column's unit (${unit}); enter the number in ${unit}.`, `${describe(v)}：单位"${clipText(said)}"与本列单位（${unit}）不符；请输入以 ${unit} 计的数字。`)],
  };
}

/** Unit text compared loosely: width, case, spaces and subscripts do not matter ("kg CO₂e" = "kgco2e"). */
function unitKey(u: string): string {
  return u.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/** A mass in tonnes. A unit word in the cell ("12 kg", "3万吨", "1,200 吨") is converted with a warning. */
export function parseMassTonnes(v: Cell): Parsed<number> {
  const pre = preliminary<number>(v);
  if (pre) return pre;
  if (typeof v !== "string") return numberCellOrText(v as number | boolean, { en: "a mass in tonnes", zh: "以吨计的质量" });
  // Number-shaped text ("1e400" included) is a number question, not a unit one.
  if (numberFromTextUnchecked(v) !== undefined) return numberCellOrText(v, { en: "a mass in tonnes", zh: "以吨计的质量" });
  const s = normaliseText(v);
  // The unit must not start with "." or ",": otherwise "39,000" or "1.5" would split into "39" +
  // unit ",000" (the number part backtracks) and be refused as an unknown unit.
  const m = /^([+-]?[\d.,\s]*\d)\s*([^\d\s.,].*)$/.exec(s);
  if (!m) return numberCellOrText(v, { en: "a mass in tonnes", zh: "以吨计的质量" });
  const num = numberFromText(m[1]);
  if (num === undefined || "ambiguous" in num) return numberCellOrText(m[1], { en: "a mass in tonnes", zh: "以吨计的质量" });
  const unit = parseMassUnit(m[2].trim());
  if (!unit.ok) {
    return { kind: "invalid", issues: [err("UNIT", `${describe(v)}: ${unit.message.replace(/[^.]$/, "$&.")}`, `${describe(v)}：单位无法识别或有歧义（${clipText(m[2].trim())}）；请只填写以吨为单位的数字。`)] };
  }
  const t = toTonnes(num.value, unit.unit);
  if (!Number.isFinite(t)) return numberCellOrText(v, { en: "a mass in tonnes", zh: "以吨计的质量" });
  return {
    kind: "value",
    value: t,
    issues: [warn("UNIT_CONVERTED", `${describe(v)} carries a unit; converted to ${t} t. Enter tonnes as a plain number.`, `${describe(v)} 含单位；已换算为 ${t} 吨。请直接输入吨数。`)],
  };
}

/**
 * The section of an Excel number format that applies to `value` ("pos;neg;zero;text"): a format
 * like 0.0" %";-0.0% shows a positive value by its first section only.
 */
function formatSection(fmt: string, value: number | undefined): string {
  const sections: string[] = [];
  let cur = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end;
      cur += fmt.slice(i, stop + 1);
      i = stop;
    } else if (c === "\\") {
      cur += fmt.slice(i, i + 2);
      i++;
    } else if (c === ";") {
      sections.push(cur);
      cur = "";
    } else cur += c;
  }
  sections.push(cur);
  if (value === undefined || sections.length === 1) return sections[0];
  if (value < 0 && sections.length >= 2) return sections[1];
  if (value === 0 && sections.length >= 3) return sections[2];
  return sections[0];
}

/** True when an Excel number format shows the value (in its section) as a percentage: an unquoted, unescaped %. */
export function isPercentFormat(fmt: string | undefined, value?: number): boolean {
  if (!fmt || !fmt.includes("%")) return false;
  // Ignore % inside quotes, escaped or in a [$…] currency block: those are literal text, the value is not scaled.
  return formatSection(fmt, value).replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[\$[^\]]*\]/g, "").includes("%");
}

/**
 * True when the format's section for `value` prints a percent sign that does not scale it:
 * quoted or escaped % or ％ (`0"%"`, `0.0" %"`, `0\%`, `0.0"％"`), or a [$%] currency.
 */
export function showsLiteralPercent(fmt: string | undefined, value?: number): boolean {
  if (!fmt || !(fmt.includes("%") || fmt.includes("％"))) return false; // "General", "0.00": decided at once
  if (isPercentFormat(fmt, value)) return false;
  const sec = formatSection(fmt, value);
  return /"[^"]*[%％][^"]*"/.test(sec) || /\\[%％]/.test(sec) || /\[\$[%％][^\]]*\]/.test(sec);
}

/** How far outside [0, 1] a share may be and still be 0 or 1 (a formula's floating-point noise, far below any real difference). */
const SHARE_NOISE = 1e-9;

/**
 * A share as a fraction. Percent-formatted cells already hold fractions. Text "45%" → 0.45.
 * A plain number above 1 and up to 100 is read as percent points (warning): shares cannot exceed 1.
 * A number its cell's format shows with a literal % (0.9 as "0.9 %") is the percent shown.
 * A result within rounding noise of 0 or 1 is 0 or 1 (SHARE_ROUNDED).
 */
export function parseShare(v: Cell, fmt?: string): Parsed<number> {
  const r = parseShareAsWritten(v, fmt);
  if (r.kind !== "value") return r;
  const x = r.value;
  const snapped = x > 1 && x <= 1 + SHARE_NOISE ? 1 : x < 0 && x >= -SHARE_NOISE ? 0 : undefined;
  if (snapped === undefined) return r;
  return {
    kind: "value",
    value: snapped,
    issues: [...r.issues, warn("SHARE_ROUNDED", `${describe(v)} is ${snapped} with a formula's rounding noise; read as ${snapped * 100} %. Round it in the formula (e.g. =ROUND(…, 6)).`, `${describe(v)} 为${snapped}加公式的舍入误差；已按${snapped * 100}%读取。请在公式中取整（如 =ROUND(…, 6)）。`)],
  };
}

function parseShareAsWritten(v: Cell, fmt?: string): Parsed<number> {
  const pre = preliminary<number>(v);
  if (pre) return pre;
  if (typeof v === "string") {
    const s = normaliseText(v).replace(/\s+/g, "");
    const pm = /^(.*?)(%|‰|percent|pct)$/i.exec(s);
    if (pm) {
      const n = numberFromText(pm[1]);
      if (n && !("ambiguous" in n)) {
        const value = pm[2] === "‰" ? n.value / 1000 : n.value / 100;
        return { kind: "value", value, issues: [warn("PERCENT_TEXT", `${describe(v)} was typed as text; read as ${+(value * 100).toPrecision(12)} %. Enter a number with the % format.`, `${describe(v)} 以文本形式输入；已读取为 ${+(value * 100).toPrecision(12)}%。请输入数字并设置百分比格式。`)] };
      }
    }
  }
  const base = numberCellOrText(v as number | string | boolean, { en: "a share (e.g. 45 % or 0.45)", zh: "比例（如 45% 或 0.45）" });
  if (base.kind !== "value") return base;
  const x = base.value;
  // Text is shown as typed, whatever the format: only a number cell can be shown with a literal %.
  const asNumber = typeof v === "number";
  if (x > 1 + SHARE_NOISE && x <= 100 * (1 + SHARE_NOISE) && !(asNumber && isPercentFormat(fmt, x))) {
    return {
      kind: "value",
      value: x / 100,
      issues: [...base.issues, warn("PERCENT_POINTS", `${x} read as ${x} % (shares are fractions of 1). Enter ${x / 100} or ${x}%.`, `${x} 已按 ${x}% 读取（比例应为小于等于1的小数）。请输入 ${x / 100} 或 ${x}%。`)],
    };
  }
  // 0.9 in a cell whose format prints "0.9 %" without scaling: the supplier sees, and means, 0.9 %.
  if (asNumber && x > 0 && x <= 1 && showsLiteralPercent(fmt, x)) {
    return {
      kind: "value",
      value: x / 100,
      issues: [...base.issues, warn("PERCENT_POINTS", `${x} is shown as ${x} % by the cell's format (a % sign that does not scale the value), so it is read as ${x} %. If you meant ${+(x * 100).toPrecision(12)} %, format the cell as Percentage (0%).`, `单元格格式将 ${x} 显示为 ${x}%（该%符号不缩放数值），因此按 ${x}% 读取。若指 ${+(x * 100).toPrecision(12)}%，请将单元格设为百分比格式（0%）。`)],
    };
  }
  return base;
}

// ---- dates -------------------------------------------------------------------------------------

/** Days between 1899-12-30 (Excel's 1900-system epoch, leap-bug included) and 1970-01-01. */
const EPOCH_1900_OFFSET = 25569;
/** The 1904 system counts from 1904-01-01: serial + 1462 gives the 1900-system serial. */
export const DATE1904_OFFSET = 1462;

export function serialFromYMD(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return t / 86400000 + EPOCH_1900_OFFSET;
}

export function ymdFromSerial(serial: number): { y: number; m: number; d: number } {
  const dt = new Date(Math.round((serial - EPOCH_1900_OFFSET) * 86400000));
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** The same day `years` later, as a serial (29 February becomes 28 February when that year has none). */
export function addYearsToSerial(serial: number, years: number): number {
  const { y, m, d } = ymdFromSerial(serial);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return serialFromYMD(y + years, m, Math.min(d, last))!;
}

export function isoFromSerial(serial: number): string {
  const { y, m, d } = ymdFromSerial(serial);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Plausible reporting dates: 1990–2100. Outside that a serial is more likely a mistyped number. */
const MIN_SERIAL = 32874; // 1990-01-01
const MAX_SERIAL = 73051; // 2100-01-01

/** A date as a 1900-system serial number. */
export function parseDate(v: Cell, opts: { date1904?: boolean } = {}): Parsed<number> {
  const pre = preliminary<number>(v);
  if (pre) return pre;
  if (typeof v === "boolean") return { kind: "invalid", issues: [err("TYPE", "Expected a date, found TRUE/FALSE.", "应为日期，实际为逻辑值。")] };
  if (typeof v === "number") {
    const serial = opts.date1904 ? v + DATE1904_OFFSET : v;
    const ymd = Number.isInteger(v) && v >= 19900101 && v <= 21001231 ? serialFromYMD(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100) : undefined;
    if (ymd !== undefined) {
      // 20250131: a date typed as digits (ERP exports, Chinese habit), far beyond any serial of 1990–2100.
      const iso = isoFromSerial(ymd);
      return { kind: "value", value: ymd, issues: [warn("DATE_NUMBER", `The date was typed as the number ${v}; read as ${iso}. Enter it as a date.`, `日期以数字 ${v} 输入；已读取为 ${iso}。请以日期格式输入。`)] };
    }
    if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial > MAX_SERIAL) {
      return { kind: "invalid", issues: [err("DATE_RANGE", `${v} is not a plausible date (expected 1990–2100); enter a date like 2025-01-01.`, `${v} 不是合理的日期（应在1990–2100年间）；请输入如 2025-01-01 的日期。`)] };
    }
    const whole = Math.floor(serial);
    return { kind: "value", value: whole, issues: NO_ISSUES };
  }
  const s = normaliseText(v as string);
  const ok = (serial: number | undefined, note: Msg | undefined): Parsed<number> => {
    if (serial === undefined) return { kind: "invalid", issues: [err("DATE_INVALID", `${describe(v)} is not a real calendar date.`, `${describe(v)} 不是有效日期。`)] };
    if (serial < MIN_SERIAL || serial > MAX_SERIAL) return { kind: "invalid", issues: [err("DATE_RANGE", `${describe(v)} is outside 1990–2100.`, `${describe(v)} 超出1990–2100年范围。`)] };
    return { kind: "value", value: serial, issues: note ? [warn("DATE_TEXT", note.en, note.zh)] : [] };
  };
  const typedAsText = (iso: string): Msg => ({
    en: `The date ${describe(v)} was typed as text; read as ${iso}. Enter it as a date.`,
    zh: `日期 ${describe(v)} 以文本形式输入；已读取为 ${iso}。请以日期格式输入。`,
  });
  // Year first (ISO, 2025/1/31, 2025年1月31日), optionally with a time of day from a database export.
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const serial = serialFromYMD(+m[1], +m[2], +m[3]);
    return ok(serial, serial === undefined ? undefined : typedAsText(isoFromSerial(serial)));
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const y = +m[3];
    if (a > 12 && b <= 12) {
      const serial = serialFromYMD(y, b, a);
      return ok(serial, serial === undefined ? undefined : typedAsText(isoFromSerial(serial)));
    }
    if (b > 12 && a <= 12) {
      const serial = serialFromYMD(y, a, b);
      return ok(serial, serial === undefined ? undefined : typedAsText(isoFromSerial(serial)));
    }
    if (a === b) {
      const serial = serialFromYMD(y, a, b);
      return ok(serial, serial === undefined ? undefined : typedAsText(isoFromSerial(serial)));
    }
    return {
      kind: "invalid",
      issues: [err("DATE_AMBIGUOUS", `${describe(v)} could be day/month or month/day; enter it as ${y}-MM-DD.`, `${describe(v)} 无法判断日/月顺序；请按 ${y}-月-日 格式输入。`)],
    };
  }
  // 31 Jan 2025, 31-Jan-2025 (Excel's d-mmm-yyyy shown as text), 31 January, 2025.
  m = /^(\d{1,2})(?:\s+|\s*-\s*)([A-Za-z]{3,9})\.?,?(?:\s+|\s*-\s*)(\d{4})$/.exec(s) ?? null;
  if (m && MONTHS[m[2].slice(0, 4).toLowerCase()] === undefined && MONTHS[m[2].slice(0, 3).toLowerCase()] === undefined) m = null;
  if (m) {
    const mon = MONTHS[m[2].slice(0, 3).toLowerCase()];
    const serial = serialFromYMD(+m[3], mon, +m[1]);
    return ok(serial, serial === undefined ? undefined : typedAsText(isoFromSerial(serial)));
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m && MONTHS[m[1].slice(0, 3).toLowerCase()] !== undefined) {
    const serial = serialFromYMD(+m[3], MONTHS[m[1].slice(0, 3).toLowerCase()], +m[2]);
    return ok(serial, serial === undefined ? undefined : typedAsText(isoFromSerial(serial)));
  }
  return { kind: "invalid", issues: [err("DATE_INVALID", `${describe(v)} is not a date; enter a date like 2025-01-01.`, `${describe(v)} 不是日期；请输入如 2025-01-01 的日期。`)] };
}

// ---- identifiers and text -----------------------------------------------------------------------

/**
 * An identifier. Numbers are accepted (product codes are often numeric) but flagged when Excel
 * may have dropped digits: above 15 significant digits, or shorter than a fixed-length id.
 */
export function parseId(v: Cell, idLength?: number): Parsed<string> {
  const pre = preliminary<string>(v);
  if (pre) return pre;
  if (typeof v === "boolean") return { kind: "invalid", issues: [err("TYPE", "Expected an identifier, found TRUE/FALSE.", "应为编号，实际为逻辑值。")] };
  if (typeof v === "number") {
    if (!Number.isInteger(v)) {
      return {
        kind: "invalid",
        issues: [err("ID_AS_NUMBER", `The identifier was typed as the number ${v}; identifiers are text. Format the cell as Text and type the identifier as it is printed.`, `编号以数字 ${v} 输入；编号应为文本。请将单元格设为文本格式，按原样输入编号。`)],
      };
    }
    if (!Number.isSafeInteger(v) || Math.abs(v) >= 1e15) {
      return {
        kind: "invalid",
        issues: [err("ID_AS_NUMBER", `The identifier ${v} was typed as a number and Excel kept only 15 significant digits; format the cell as Text and retype it.`, `编号 ${v} 以数字形式输入，Excel 仅保留15位有效数字；请将单元格设为文本格式后重新输入。`)],
      };
    }
    const s = String(v);
    if (idLength !== undefined && s.length !== idLength) {
      return {
        kind: "invalid",
        issues: [err("ID_LENGTH", `The identifier ${s} has ${s.length} characters, not ${idLength}; leading zeros were probably lost when it was typed as a number. Format the cell as Text and retype it.`, `编号 ${s} 为 ${s.length} 位而非 ${idLength} 位；可能以数字输入时丢失了前导零。请设为文本格式后重新输入。`)],
      };
    }
    return { kind: "value", value: s, issues: NO_ISSUES };
  }
  let s = normaliseText(v as string);
  // 'P5182: the apostrophe a spreadsheet uses to force text, kept literally by an ERP or CSV export.
  const apostrophe = s.length > 1 && (s[0] === "'" || s[0] === "\u2019") && s.slice(1).trim() !== "";
  if (apostrophe) s = s.slice(1).trim();
  // A fixed-length code written with its usual grouping ("7606 12 90", "7606.12.90") is the code.
  if (idLength !== undefined && s.length !== idLength) {
    const squeezed = s.replace(/[\s.\-]/g, "");
    if (squeezed.length === idLength) s = squeezed;
  }
  if (idLength !== undefined && s.length !== idLength) {
    return { kind: "invalid", issues: [err("ID_LENGTH", `"${clipText(s)}" has ${s.length} characters; it must have ${idLength}.`, `"${clipText(s)}" 为 ${s.length} 位；应为 ${idLength} 位。`)] };
  }
  if (apostrophe) {
    return {
      kind: "value",
      value: s,
      issues: [warn("ID_NORMALISED", `The identifier ${describe(v)} starts with an apostrophe (a spreadsheet's mark for text, kept by an export); read as "${clipText(s)}". Remove the apostrophe so other systems match it.`, `编号 ${describe(v)} 以撇号开头（电子表格的文本标记，由导出保留）；已读取为"${clipText(s)}"。请删除撇号，以便其他系统匹配。`)],
    };
  }
  // Full-width characters, dash variants or separators changed the identifier: say so (surrounding spaces alone do not count).
  if (s !== (v as string).trim()) {
    return {
      kind: "value",
      value: s,
      issues: [(() => {
        // Say which invisible characters were in it: the two texts look the same on screen.
        const hidden = [...new Set((v as string).match(INVISIBLE_CHARS) ?? [])].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
        const what = hidden.length ? `invisible characters ${hidden.join(", ")} removed` : "full-width characters, dash variants or grouping separators replaced";
        const whatZh = hidden.length ? `已删除不可见字符 ${hidden.join("、")}` : "全角字符、连字符变体或分组符号已替换";
        return warn("ID_NORMALISED", `The identifier ${describe(v)} is read as "${clipText(s)}" (${what}); type it that way so other systems match it.`, `编号 ${describe(v)} 已读取为"${clipText(s)}"（${whatZh}）；请按此格式输入，以便其他系统匹配。`);
      })()],
    };
  }
  return { kind: "value", value: s, issues: NO_ISSUES };
}

export function parseText(v: Cell): Parsed<string> {
  const pre = preliminary<string>(v);
  if (pre) return pre;
  return { kind: "value", value: typeof v === "string" ? v.trim() : String(v), issues: NO_ISSUES };
}
