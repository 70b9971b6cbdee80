/**
 * The blank supplier template as a WorkbookSpec, from the template spec: instructions, one sheet
 * per template table (Excel table, dropdowns bound to the code lists, number formats), and a
 * very hidden code-list sheet. Both renderers (Office.js, exceljs) draw exactly this.
 */
import { a1, columnLetters, quoteSheetName } from "../cells";
import { CODE_LISTS, CodeEntry } from "../codes";
import { getDefault } from "../defaults";
import type { DataValidationSpec, SheetSpec, SpecCell, WorkbookSpec } from "../sheetspec";
import { CodeListId, ColumnSpec, FIRST_DATA_ROW, HEADER_ROW, Language, TEMPLATE_SHEETS, TEMPLATE_VERSION, TemplateSheetSpec, headerText } from "./spec";

export const LISTS_SHEET = "_AluTrace_Lists";
export const INSTRUCTIONS_SHEET = "00_Instructions";

/** What a dropdown shows for a code-list entry in a language; the validator accepts all forms. */
export function codeDisplay(e: CodeEntry, lang: Language): string {
  if (lang === "en") return e.en;
  if (lang === "zh-CN") return e.zh;
  return `${e.en} / ${e.zh}`;
}

export function text(lang: Language, b: { en: string; zh: string }): string {
  if (lang === "en") return b.en;
  if (lang === "zh-CN") return b.zh;
  return `${b.en}\n${b.zh}`;
}

export function numberFormatFor(col: ColumnSpec): string | undefined {
  switch (col.type) {
    case "mass":
      return "#,##0.000";
    case "number":
      return "0.000";
    case "share":
      return "0.0%";
    case "date":
      return "yyyy-mm-dd";
    case "id":
    case "text":
    case "code":
    case "country":
    case "email":
      return "@";
  }
}

function listRange(listIndex: number, count: number): string {
  const col = columnLetters(listIndex);
  return `${quoteSheetName(LISTS_SHEET)}!$${col}$2:$${col}$${count + 1}`;
}

function codeListsSheet(lang: Language): { sheet: SheetSpec; refs: Map<CodeListId, string> } {
  const ids = Object.keys(CODE_LISTS) as CodeListId[];
  const rows: SpecCell[][] = [ids.map((id) => ({ v: id, style: "header" as const }))];
  const refs = new Map<CodeListId, string>();
  const longest = Math.max(...ids.map((id) => CODE_LISTS[id].length));
  for (let r = 0; r < longest; r++) {
    rows.push(ids.map((id) => {
      const e = (CODE_LISTS[id] as readonly CodeEntry[])[r];
      return e ? { v: codeDisplay(e, lang) } : {};
    }));
  }
  ids.forEach((id, i) => refs.set(id, listRange(i, CODE_LISTS[id].length)));
  return {
    sheet: { name: LISTS_SHEET, kind: "codelists", rows, visibility: "veryHidden", columnWidths: ids.map(() => 36) },
    refs,
  };
}

function templateSheet(spec: TemplateSheetSpec, lang: Language, listRefs: Map<CodeListId, string>): SheetSpec {
  const cols = spec.columns;
  const rows: SpecCell[][] = [];
  rows.push([{ v: text(lang, spec.title), style: "title" }]);
  rows.push([{ v: text(lang, spec.purpose), style: "note" }]);
  rows.push(cols.map((c) => ({ v: headerText(c, lang), style: "header" as const, note: text(lang, c.help) + (c.required === "yes" ? (lang === "zh-CN" ? "（必填）" : " (required)") : "") })));
  const n = spec.blankRows;
  for (let r = 0; r < n; r++) rows.push(cols.map((c) => ({ style: "input" as const, numFmt: numberFormatFor(c) })));
  const first = FIRST_DATA_ROW;
  const last = FIRST_DATA_ROW + n - 1;
  const validations: DataValidationSpec[] = [];
  cols.forEach((c, i) => {
    const range = { top: first, left: i, bottom: last, right: i };
    const prompt = promptText(text(lang, c.help));
    if (c.type === "code" && c.codeList) {
      validations.push({ type: "list", range, source: listRefs.get(c.codeList)!, allowBlank: c.required !== "yes", prompt, error: lang === "zh-CN" ? "请从列表中选择。" : "Pick a value from the list." });
    } else if (c.type === "mass") {
      validations.push({ type: "decimal", range, min: 0, allowBlank: true, prompt, error: lang === "zh-CN" ? "请输入以吨为单位的非负数字。" : "Enter tonnes, zero or more." });
    } else if (c.type === "number") {
      const bounds = `${c.min ?? "−∞"} … ${c.max ?? "∞"}`;
      validations.push({ type: "decimal", range, ...(c.min !== undefined ? { min: c.min } : {}), ...(c.max !== undefined ? { max: c.max } : {}), allowBlank: true, prompt, error: lang === "zh-CN" ? `请输入数字（${bounds}）。` : `Enter a number (${bounds}).` });
    } else if (c.type === "share") {
      validations.push({ type: "decimal", range, min: 0, max: 1, allowBlank: true, prompt, error: lang === "zh-CN" ? "请输入0%到100%之间的比例。" : "Enter a share between 0 % and 100 %." });
    } else if (c.type === "date") {
      validations.push({ type: "date", range, allowBlank: true, prompt, error: lang === "zh-CN" ? "请输入日期。" : "Enter a date." });
    }
  });
  return {
    name: spec.name,
    kind: "template",
    rows,
    columnWidths: cols.map((c) => Math.max(c.width ?? 14, lang === "bilingual" ? 18 : 12)),
    merges: [
      { top: 0, left: 0, bottom: 0, right: Math.max(0, cols.length - 1) },
      { top: 1, left: 0, bottom: 1, right: Math.max(0, cols.length - 1) },
    ],
    tables: [{ name: spec.table, range: { top: HEADER_ROW, left: 0, bottom: last, right: cols.length - 1 } }],
    validations,
    freeze: { rows: FIRST_DATA_ROW, cols: 1 },
    tabColor: "1F6F78",
  };
}

function instructionsSheet(lang: Language): SheetSpec {
  const t = (en: string, zh: string) => text(lang, { en, zh });
  const rows: SpecCell[][] = [];
  const line = (v: string, style?: SpecCell["style"]) => rows.push([{ v, ...(style ? { style } : {}) }]);
  line(t("AluTrace supplier template: red mud (bauxite residue) and recycled aluminium content", "AluTrace 供应商模板：赤泥与再生铝含量"), "title");
  line(t(`Template version ${TEMPLATE_VERSION}. One workbook per site and reporting period.`, `模板版本 ${TEMPLATE_VERSION}。每个工厂、每个报告期一个工作簿。`), "subtitle");
  line("");
  line(t("How to fill it in", "填写说明"), "header");
  line(t("1. Fill the sheets in order. Pick coded values from the dropdowns; do not type over them.", "1. 按顺序填写各表。编码项请从下拉列表选择，不要手工改写。"));
  line(t("2. Masses in tonnes (t) as plain numbers. Red mud figures in dry tonnes unless you mark the row as wet.", "2. 质量以吨为单位，直接填数字。赤泥数据按干吨填写，湿基请在该行注明。"));
  line(t("3. Shares as percentages (45 %) or fractions (0.45).", "3. 比例可填百分比（45%）或小数（0.45）。"));
  line(t("4. Leave a cell blank when a value is unknown. Do not enter 0 for unknown: 0 is read as a real zero.", "4. 未知数据请留空，不要填0：0会被视为真实的零值。"));
  line(t("5. IDs (USCC, CN codes, product IDs) are text: keep the cell format Text so Excel keeps every digit.", "5. 编号（统一社会信用代码、CN编码、产品编号）为文本格式，以免Excel丢失数字。"));
  line(t("6. You may rename sheets and add your own columns; AluTrace finds the sheets by their header rows.", "6. 可重命名工作表或添加自有列；AluTrace 通过表头识别工作表。"));
  line("");
  line(t("Sheets", "工作表"), "header");
  for (const s of TEMPLATE_SHEETS) {
    rows.push([{ v: s.name, style: "label" }, { v: text(lang, s.title) }, { v: text(lang, s.purpose), style: "note" }, { v: s.required === "yes" ? t("required", "必填") : t("if applicable", "如适用"), style: "note" }]);
  }
  line("");
  line(t("Metal input classes (ISO 14021)", "金属投入类别（ISO 14021）"), "header");
  for (const e of CODE_LISTS.input_class) rows.push([{ v: codeDisplay(e, lang), style: "label" }, { v: e.code, style: "note" }]);
  line("");
  line(t("Defaults used when a cell is left blank", "留空时使用的默认值"), "header");
  for (const id of ["ALUMINA_PER_AL", "REDMUD_PER_ALUMINA"] as const) {
    const d = getDefault(id);
    rows.push([{ v: id, style: "label" }, { v: d.value }, { v: d.unit }, { v: d.source.citation, style: "note" }]);
  }
  line("");
  line(t("Nothing in this workbook is sent anywhere by AluTrace: checks and reports run inside Excel or on your computer.", "AluTrace 不会发送本工作簿的任何内容：校验与报告均在 Excel 或本机完成。"), "note");
  return { name: INSTRUCTIONS_SHEET, kind: "instructions", rows, columnWidths: [28, 40, 70, 14], tabColor: "1F6F78" };
}

/** The blank template. */
export function buildTemplate(lang: Language = "bilingual"): WorkbookSpec {
  const lists = codeListsSheet(lang);
  const sheets: SheetSpec[] = [instructionsSheet(lang), ...TEMPLATE_SHEETS.map((s) => templateSheet(s, lang, lists.refs)), lists.sheet];
  return {
    sheets,
    definedNames: [...lists.refs.entries()].map(([id, ref]) => ({ name: `AluTrace_list_${id}`, ref })),
  };
}

/** Address of a template column's first data cell, for docs and tests. */
export function firstDataCell(spec: TemplateSheetSpec, key: string): string {
  return a1(FIRST_DATA_ROW, spec.columns.findIndex((c) => c.key === key));
}

/** Excel's input messages hold 255 characters: a longer help is cut after its last whole sentence (the header's note keeps it all). */
export function promptText(help: string, max = 250): string {
  if (help.length <= max) return help;
  const cut = help.slice(0, max - 1);
  const end = Math.max(cut.lastIndexOf("。"), cut.lastIndexOf("；"), cut.lastIndexOf(". "));
  return `${end > 0 ? cut.slice(0, end + 1) : cut}…`;
}
