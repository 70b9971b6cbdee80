/**
 * File-format details of formulas. In an .xlsx file, functions added to Excel after 2007 must be
 * stored with the "_xlfn." prefix (Excel shows the bare name to the user); stored without it, Excel
 * shows #NAME? until the cell is re-entered. SheetSpec formulas are written as a user types them
 * (that is what Office.js expects), so the .xlsx renderer adds the prefixes.
 */

/** Post-2007 functions AluTrace might use, by their typed name. */
const FUTURE_FUNCTIONS = [
  "IFNA", "IFS", "SWITCH", "MAXIFS", "MINIFS", "CONCAT", "TEXTJOIN", "XLOOKUP", "XMATCH", "LET",
  "STDEV.S", "STDEV.P", "VAR.S", "VAR.P", "PERCENTILE.INC", "PERCENTILE.EXC", "QUARTILE.INC",
  "QUARTILE.EXC", "MODE.SNGL", "CEILING.MATH", "FLOOR.MATH", "AGGREGATE", "DAYS", "ISOWEEKNUM",
  "NUMBERVALUE", "FORMULATEXT", "ISFORMULA", "SHEET", "SHEETS", "XOR",
];
const FUTURE_SET = new Set(FUTURE_FUNCTIONS.map((f) => f.toUpperCase()));
const NAME_LENGTHS = FUTURE_FUNCTIONS.map((f) => f.length);
const MIN_NAME = Math.min(...NAME_LENGTHS);
const MAX_NAME = Math.max(...NAME_LENGTHS);

function isNameCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46;
}

/**
 * Whether some "(" in the formula follows (maybe after spaces) a run of name characters that is one
 * of the post-2007 functions. A superset of what the scan below prefixes, found with a few string
 * searches: nearly all formulas fail it and are returned as they are.
 */
function mayCallFutureFunction(formula: string): boolean {
  for (let i = formula.indexOf("("); i >= 0; i = formula.indexOf("(", i + 1)) {
    let end = i;
    while (end > 0 && /\s/.test(formula[end - 1])) end--;
    let start = end;
    while (start > 0 && isNameCode(formula.charCodeAt(start - 1))) start--;
    const len = end - start;
    if (len >= MIN_NAME && len <= MAX_NAME && FUTURE_SET.has(formula.slice(start, end).toUpperCase())) return true;
  }
  return false;
}

/** `formula` with "_xlfn." before each post-2007 function call (not inside string literals). */
export function addFutureFunctionPrefixes(formula: string): string {
  if (!mayCallFutureFunction(formula)) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // String literal or quoted sheet name: copy verbatim (doubled quotes escape).
      let j = i + 1;
      while (j < n) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch) && (i === 0 || !/[A-Za-z0-9_.]/.test(formula[i - 1]))) {
      let j = i;
      while (j < n && /[A-Za-z0-9_.]/.test(formula[j])) j++;
      const word = formula.slice(i, j);
      if (formula[j] === "(" && FUTURE_SET.has(word.toUpperCase()) && !/^_xlfn\./i.test(word)) out += `_xlfn.${word}`;
      else out += word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
