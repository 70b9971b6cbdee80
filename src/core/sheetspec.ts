/**
 * SheetSpec: a worksheet described as data. The core builds the template and the report tabs as
 * SheetSpecs; src/excel (Office.js) and src/xlsx (exceljs) only render them. Keeping this a plain
 * data type is what lets every report figure be tested in Node and appear identically in Excel.
 */
import type { CellError, CellRange } from "./cells";

/** Named styles; each renderer maps them to fills/fonts so both hosts look alike. */
export type CellStyleName =
  | "title"
  | "subtitle"
  | "header"
  | "label"
  | "input"
  | "computed"
  | "note"
  | "good"
  | "warning"
  | "error";

export type SpecValue = number | string | boolean | null;

/**
 * One cell. `v` is a literal value; `f` a native Excel formula (without the leading "="), whose
 * `v` is then the engine's value, written as the cached result so the file reads right without
 * recalculation and an independent engine can be checked against it.
 * `date: true` marks `v` (an Excel serial number) as a date for renderers that need a Date object.
 */
export interface SpecCell {
  v?: SpecValue | CellError;
  f?: string;
  numFmt?: string;
  style?: CellStyleName;
  /** A short note shown on hover (a cell comment in .xlsx). */
  note?: string;
  date?: boolean;
}

export interface ListValidation {
  type: "list";
  /** Cells the rule applies to (0-based, inclusive). */
  range: CellRange;
  /** A formula giving the list, e.g. "'_AluTrace_Lists'!$A$2:$A$12". */
  source: string;
  allowBlank: boolean;
  prompt?: string;
  error?: string;
}

export interface NumberValidation {
  type: "decimal";
  range: CellRange;
  min?: number;
  max?: number;
  allowBlank: boolean;
  prompt?: string;
  error?: string;
}

export interface DateValidation {
  type: "date";
  range: CellRange;
  allowBlank: boolean;
  prompt?: string;
  error?: string;
}

export type DataValidationSpec = ListValidation | NumberValidation | DateValidation;

export interface TableSpec {
  /** Excel table name (ListObject), e.g. "tbl_metal_inputs". */
  name: string;
  /** Header row included. */
  range: CellRange;
}

export type SheetKind = "template" | "instructions" | "codelists" | "report" | "findings";

export interface SheetSpec {
  name: string;
  kind: SheetKind;
  /** Dense rows from A1; shorter rows are padded with blanks. */
  rows: SpecCell[][];
  /** Column widths in characters (Excel's unit), index = column. */
  columnWidths?: number[];
  merges?: CellRange[];
  tables?: TableSpec[];
  validations?: DataValidationSpec[];
  freeze?: { rows: number; cols: number };
  /** "veryHidden" keeps code lists out of the Unhide dialog. */
  visibility?: "visible" | "hidden" | "veryHidden";
  tabColor?: string;
}

/** Defined names a workbook should carry (e.g. code lists referenced by validation). */
export interface DefinedNameSpec {
  name: string;
  /** A reference such as "'_AluTrace_Lists'!$A$2:$A$12". */
  ref: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  definedNames?: DefinedNameSpec[];
}

export function cell(v: SpecValue | CellError, extra: Omit<SpecCell, "v"> = {}): SpecCell {
  return { v, ...extra };
}

export function formulaCell(f: string, cached: SpecValue | CellError, extra: Omit<SpecCell, "v" | "f"> = {}): SpecCell {
  return { f, v: cached, ...extra };
}
