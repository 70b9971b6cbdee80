/**
 * Targeted fixes to exceljs 4.4.0's parser, applied process-wide the first time readWorkbook runs
 * (AluTrace reads .xlsx only through readWorkbook; nothing else in the process loads with exceljs).
 *
 * First fix, in exceljs 4.4.0's cell parser (the package is pinned and no longer released,
 * so the patch cannot silently stop matching a new version — it checks the shape it patches).
 *
 * A formula whose result is the empty string is stored by Excel and LibreOffice as
 * `<c t="str"><f>…</f><v></v></c>`. exceljs drops the empty <v>, so the cell would look like a
 * formula that was never calculated — a false "no cached value" for every IF(…,"",…) in a
 * template. The patch keeps the empty-string result when the cell's type says "str".
 * If the shape is not what we expect the patch is skipped: such cells are then reported as
 * formulas without a result (a false alarm, never a wrong value).
 *
 * Second fix: date serials stay numbers (exceljs would make JS Dates, rounded to the millisecond,
 * that readWorkbook would only turn back into serials).
 *
 * Third fix: exceljs decodes Excel's _xHHHH_ escapes in shared strings only (not in inline
 * strings or formula results), so the reader could not decode consistently without decoding some
 * text twice ("_x005F_x0041_" must give "_x0041_", not "A"). The patch makes exceljs's <t> parser
 * return the raw text; readWorkbook decodes every string once (decodeOoxmlEscapes).
 *
 * Fourth fix: exceljs strips the backslash escapes from custom number formats when it reads
 * styles.xml ("0\%" → "0%"), which turns a literal percent sign into a scaling one: a 60 shown
 * as "60%" by Excel would be read as 6000 %. The patch keeps the format code as the file (and
 * Office.js's numberFormat) has it.
 */

let applied = false;

/** exceljs ValueType enum values (lib/doc/enums.js). */
const VALUE_TYPE_NUMBER = 2;
const VALUE_TYPE_DATE = 4;

interface CellModelLike {
  type?: number;
  formula?: string;
  shareType?: string;
  result?: unknown;
  value?: unknown;
  aluEmptyStringResult?: boolean;
}

interface CellXformLike {
  t?: string;
  model?: CellModelLike;
  parseClose(name: string): boolean;
  reconcile(model: CellModelLike, options: unknown): void;
}

export function applyExceljsPatches(): void {
  if (applied) return;
  applied = true;
  patchTextXform();
  patchNumFmtXform();
  let CellXform: { prototype: CellXformLike } | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    CellXform = require("exceljs/lib/xlsx/xform/sheet/cell-xform") as { prototype: CellXformLike };
  } catch {
    return;
  }
  const proto = CellXform?.prototype;
  if (!proto || typeof proto.parseClose !== "function" || typeof proto.reconcile !== "function") return;
  const originalClose = proto.parseClose;
  const originalReconcile = proto.reconcile;
  proto.parseClose = function patchedParseClose(this: CellXformLike, name: string): boolean {
    const ret = originalClose.call(this, name);
    if (name === "c") {
      const m = this.model;
      if (m && (m.formula || m.shareType) && this.t === "str" && m.result === undefined && (m.value === undefined || m.value === "")) {
        m.aluEmptyStringResult = true;
      }
    }
    return ret;
  };
  // Set the result only after reconcile: with a date number format, reconcile would turn "" into
  // the date of serial 0. Also keep date serials as the numbers the file holds: reconcile turns
  // them into JS Dates rounded to the millisecond, and the grid wants the serial anyway.
  proto.reconcile = function patchedReconcile(this: CellXformLike, model: CellModelLike, options: unknown): void {
    const rawValue = model?.value;
    const rawResult = model?.result;
    originalReconcile.call(this, model, options);
    if (!model) return;
    if (model.type === VALUE_TYPE_DATE && typeof rawValue === "number") {
      model.type = VALUE_TYPE_NUMBER;
      model.value = rawValue;
    }
    if (model.result instanceof Date && typeof rawResult === "number") model.result = rawResult;
    if (model.aluEmptyStringResult) {
      delete model.aluEmptyStringResult;
      model.result = "";
    }
  };
}

function patchTextXform(): void {
  let TextXform: { prototype: object } | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    TextXform = require("exceljs/lib/xlsx/xform/strings/text-xform") as { prototype: object };
  } catch {
    return;
  }
  const desc = TextXform && Object.getOwnPropertyDescriptor(TextXform.prototype, "model");
  if (!desc || typeof desc.get !== "function") return;
  Object.defineProperty(TextXform.prototype, "model", {
    configurable: true,
    get(this: { _text?: string[] }): string {
      return (this._text ?? []).join("");
    },
  });
}

function patchNumFmtXform(): void {
  let NumFmtXform: { prototype: { parseOpen?: unknown; model?: unknown } } | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    NumFmtXform = require("exceljs/lib/xlsx/xform/style/numfmt-xform") as { prototype: { parseOpen?: unknown } };
  } catch {
    return;
  }
  const proto = NumFmtXform?.prototype as { parseOpen?: (node: { name: string; attributes: Record<string, string> }) => boolean; model?: { id: number; formatCode: string } } | undefined;
  if (!proto || typeof proto.parseOpen !== "function") return;
  const original = proto.parseOpen;
  proto.parseOpen = function patchedParseOpen(this: { model?: { id: number; formatCode: string } }, node: { name: string; attributes: Record<string, string> }): boolean {
    const ret = original.call(this, node);
    if (ret && node.name === "numFmt" && this.model && typeof node.attributes?.formatCode === "string") this.model.formatCode = node.attributes.formatCode;
    return ret;
  };
}
