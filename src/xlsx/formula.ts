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

/** `formula` with "_xlfn." before each post-2007 function call (not inside string literals). */
export function addFutureFunctionPrefixes(formula: string): string {
  if (!/[A-Za-z]\s*\(/.test(formula)) return formula;
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
