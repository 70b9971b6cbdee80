/**
 * Formula injection: text from a supplier file ("=HYPERLINK(…)", "+cmd|…", "@SUM(…)") that AluTrace
 * writes back into a workbook must stay text and never become a formula.
 *
 * THE RULE
 * - A text is "formula-like" when its first character is one of  = + - @  TAB  CR  LF, or the
 *   full-width forms ＝ ＋ － ＠ (which CJK input methods produce and Excel may accept as formula
 *   starters). These are the OWASP CSV-injection starters plus the full-width ones.
 * - .xlsx files (src/xlsx, exceljs): a string is always written as a string cell (shared string,
 *   t="s"), which Excel never evaluates. The renderer does this for every text cell, so formula-like
 *   text is safe there by construction and reads back unchanged.
 * - Hosts that parse what is written like typed input (Office.js `range.values` / `range.formulas`)
 *   must get `safeText(text)`: formula-like text — and text that already starts with an apostrophe,
 *   which Excel would otherwise eat — is prefixed with one "'". Excel stores the rest as text (the
 *   apostrophe becomes the cell's quote-prefix flag, not part of the value), so reading the cell
 *   back gives the original text.
 * - `typedInputText` goes further for values written through Office.js: text that Excel would turn
 *   into a number, date, boolean or error when typed ("0012", "45%", "2024-01-05", "TRUE", "#N/A")
 *   is prefixed too, so a text cell stays text.
 */

const FORMULA_STARTERS = new Set(["=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20"]);

/** Whether Excel could take `text` as a formula if it were typed or pasted into a cell. */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && FORMULA_STARTERS.has(text[0]);
}

/**
 * The text to hand to a host that parses input (Office.js): prefixed with "'" when it is
 * formula-like or starts with an apostrophe; unchanged otherwise.
 */
export function safeText(text: string): string {
  return isFormulaLike(text) || text.startsWith("'") ? `'${text}` : text;
}

/**
 * Whether Excel would convert `text`, typed into a General cell, into something other than this
 * text: a formula, number (incl. "1,234", "45%", "1e3", "$5", "(5)"), date/time ("2024-01-05",
 * "5/1", "12:30"), boolean or error value. Conservative: may say yes for text Excel would keep.
 */
export function wouldExcelReinterpret(text: string): boolean {
  if (isFormulaLike(text) || text.startsWith("'")) return true;
  const t = text.trim();
  if (t === "") return false;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^#[A-Z0-9/!?_]+[!?A]?$/i.test(t) && t.length <= 15) return true; // #N/A, #DIV/0! …
  // Numbers, with the decorations Excel accepts when typing: sign, parentheses, currency, grouping,
  // percent, exponent.
  if (/^[(]?[+-]?[$€£¥]?\s?[0-9][0-9,]*(\.[0-9]*)?([eE][+-]?[0-9]+)?\s?%?[)]?$/.test(t)) return true;
  if (/^[+-]?\.[0-9]+%?$/.test(t)) return true;
  // Dates and times in the shapes Excel's parser accepts in common locales.
  if (/^[0-9]{1,4}[-/.][0-9]{1,2}([-/.][0-9]{1,4})?(\s+[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?$/.test(t)) return true;
  if (/^[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(\s*[AaPp][Mm])?$/.test(t)) return true;
  if (/^[0-9]{1,2}[-\s](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*([-\s][0-9]{2,4})?$/i.test(t)) return true;
  if (/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-\s][0-9]{1,4}$/i.test(t)) return true;
  return false;
}

/** Text for Office.js `values`: prefixed with "'" whenever Excel would not keep it as this text. */
export function typedInputText(text: string): string {
  return wouldExcelReinterpret(text) ? `'${text}` : text;
}
