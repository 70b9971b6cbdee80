/**
 * A worksheet part written straight from a SheetSpec, streamed through native deflate.
 *
 * Why: exceljs builds an object per cell, keeps the whole sheet's XML as an array of small strings
 * and deflates it with a JavaScript zlib (pako). For a report data tab with a couple of million
 * formula cells that took minutes and gigabytes. This writer emits the XML exceljs would have
 * emitted for the same sheet (after append.ts's transplant: inline strings, style indexes of the
 * user's styles part, no tab selection) in bounded chunks, and compresses them on libuv's thread
 * pool while the next chunk is built. test/xlsx/sheetxml.test.ts checks the XML is identical to the
 * exceljs route for every report tab.
 *
 * Scope: sheets without tables, data validations, merges or cell notes (`canWriteDirect`); those
 * parts need exceljs's companion parts (table XML, comments, VML) and still go through exceljs.
 */
import * as zlib from "zlib";
import { a1, columnLetters, isCellError } from "../core/cells";
import type { SheetSpec, SpecCell } from "../core/sheetspec";
import { argb } from "../sheet/styles";
import { addFutureFunctionPrefixes } from "./formula";
import { encodeOoxmlEscapes } from "./xml";
import type { DeflatedData } from "./zip";

/** Sheet parts the direct writer can produce on its own. */
export function canWriteDirect(s: SheetSpec): boolean {
  if ((s.tables?.length ?? 0) > 0 || (s.validations?.length ?? 0) > 0 || (s.merges?.length ?? 0) > 0) return false;
  for (const row of s.rows) {
    if (!row) continue;
    for (const c of row) if (c && c.note !== undefined && c.note !== "") return false;
  }
  return true;
}

export interface SheetXmlOptions {
  /** The `s` attribute for a cell, or undefined for none (the cell has neither style nor number format). */
  readonly styleIndex: (cell: SpecCell) => number | undefined;
  /** Serial shift for 1904 workbooks (1462), else 0. */
  readonly dateShift: number;
  /** Deflate level (default 6, as writeZip). */
  readonly level?: number;
}

const XML_SPECIAL = /["&'<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const XML_DROPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text for element content or attributes, encoded as exceljs's xmlEncode does (same entities, control characters dropped). */
export function xmlEncode(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  let s = text;
  if (s.includes("&")) s = s.replaceAll("&", "&amp;");
  if (s.includes('"')) s = s.replaceAll('"', "&quot;");
  if (s.includes("'")) s = s.replaceAll("'", "&apos;");
  if (s.includes("<")) s = s.replaceAll("<", "&lt;");
  if (s.includes(">")) s = s.replaceAll(">", "&gt;");
  XML_DROPPED.lastIndex = 0;
  return XML_DROPPED.test(s) ? s.replace(XML_DROPPED, "") : s;
}

/** <t> as exceljs's TextXform writes it. */
function textElement(s: string): string {
  const preserve = /^\s|\n|\s$/.test(s);
  return `${preserve ? '<t xml:space="preserve">' : "<t>"}${xmlEncode(s)}</t>`;
}

/** One cell's XML, or "" when exceljs would write nothing for it. */
function cellXml(ref: string, sc: SpecCell, s: number | undefined, dateShift: number): string {
  const sAttr = s === undefined ? "" : ` s="${s}"`;
  const v = sc.v;
  if (sc.f !== undefined) {
    const raw = sc.f.charCodeAt(0) === 61 ? sc.f.slice(1) : sc.f;
    const f = `<f>${xmlEncode(addFutureFunctionPrefixes(raw))}</f>`;
    if (v === undefined || v === null) return `<c r="${ref}"${sAttr}>${f}</c>`;
    if (typeof v === "number") return `<c r="${ref}"${sAttr}>${f}<v>${sc.date ? v - dateShift : v}</v></c>`;
    if (typeof v === "string") return `<c r="${ref}"${sAttr} t="str">${f}<v>${xmlEncode(encodeOoxmlEscapes(v))}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${sAttr} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    if (isCellError(v)) return `<c r="${ref}"${sAttr} t="e">${f}<v>${xmlEncode(v.code)}</v></c>`;
    return `<c r="${ref}"${sAttr}>${f}</c>`;
  }
  if (v === undefined || v === null) return s === undefined ? "" : `<c r="${ref}"${sAttr}/>`;
  if (typeof v === "number") return `<c r="${ref}"${sAttr}><v>${sc.date ? v - dateShift : v}</v></c>`;
  if (typeof v === "string") return `<c r="${ref}"${sAttr} t="inlineStr"><is>${textElement(encodeOoxmlEscapes(v))}</is></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (isCellError(v)) return `<c r="${ref}"${sAttr} t="e"><v>${xmlEncode(v.code)}</v></c>`;
  return s === undefined ? "" : `<c r="${ref}"${sAttr}/>`;
}

function isValueCell(sc: SpecCell): boolean {
  return sc.f !== undefined || (sc.v !== undefined && sc.v !== null);
}

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';
const FORMAT_PR = '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';
const TAIL =
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/></worksheet>';

/** The used range over cells holding a value (exceljs's `dimensions`). */
function dimensionRef(s: SheetSpec): string {
  let top = 0;
  let left = 0;
  let bottom = 0;
  let right = 0;
  let any = false;
  for (let r = 0; r < s.rows.length; r++) {
    const row = s.rows[r];
    if (!row) continue;
    let min = -1;
    let max = -1;
    for (let c = 0; c < row.length; c++) {
      const sc = row[c];
      if (sc && isValueCell(sc)) {
        if (min < 0) min = c;
        max = c;
      }
    }
    if (min < 0) continue;
    if (!any) {
      top = bottom = r;
      left = min;
      right = max;
      any = true;
    } else {
      bottom = r;
      if (min < left) left = min;
      if (max > right) right = max;
    }
  }
  if (!any) return "A1:A1";
  return `${a1(top, left)}:${a1(bottom, right)}`;
}

function headXml(s: SheetSpec): string {
  let x = HEAD;
  if (s.tabColor) x += `<sheetPr><tabColor rgb="${argb(s.tabColor)}"/></sheetPr>`;
  x += `<dimension ref="${dimensionRef(s)}"/>`;
  if (s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0)) {
    const { rows, cols } = s.freeze;
    const pane = cols && rows ? "bottomRight" : cols ? "topRight" : "bottomLeft";
    x += `<sheetViews><sheetView workbookViewId="0"><pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""} topLeftCell="${a1(rows, cols)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`;
  }
  x += FORMAT_PR;
  // Consecutive columns of equal width share one <col>, as exceljs groups them.
  const widths = s.columnWidths ?? [];
  let cols = "";
  for (let i = 0; i < widths.length; ) {
    const w = widths[i];
    if (!(typeof w === "number" && w > 0)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === w) j++;
    cols += `<col min="${i + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`;
    i = j + 1;
  }
  if (cols) x += `<cols>${cols}</cols>`;
  return x;
}

const CHUNK_BYTES = 1 << 20;
const MAX_QUEUED_BYTES = 8 << 20;

/**
 * The sheet's XML, deflated. Each row's XML is encoded straight into a 1 MB buffer, so no long
 * string is ever built (a growing string would survive young-generation collections and be
 * promoted, making every full collection slower). Full buffers go to the compressor, which runs on
 * the thread pool while the next one fills; at most MAX_QUEUED_BYTES wait for it. Memory stays
 * bounded by that and the compressed output.
 */
export async function deflateSheetXml(s: SheetSpec, opts: SheetXmlOptions): Promise<DeflatedData> {
  // An output chunk as large as an input chunk: with the default 16 KB, the compressor hands back
  // to the main thread every 16 KB of output and then idles until the writer next yields.
  const z = zlib.createDeflateRaw({ level: opts.level ?? 6, chunkSize: CHUNK_BYTES });
  const out: Buffer[] = [];
  z.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    z.once("end", resolve);
    z.once("error", reject);
  });
  let crc = 0;
  let size = 0;
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let pos = 0;
  let handedOver = false;
  const hand = (b: Buffer): void => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    z.write(b);
    handedOver = true;
  };
  const emit = (text: string): void => {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (text.length * 3 > buf.length - pos) {
      if (pos > 0) {
        hand(buf.subarray(0, pos));
        buf = Buffer.allocUnsafe(CHUNK_BYTES);
        pos = 0;
      }
      if (text.length * 3 > buf.length) {
        hand(Buffer.from(text, "utf8"));
        return;
      }
    }
    pos += buf.write(text, pos, "utf8");
  };
  const pause = async (): Promise<void> => {
    handedOver = false;
    // Yield so finished chunks hand the thread pool the next one; wait when too much is queued.
    if (z.writableLength > MAX_QUEUED_BYTES) await new Promise<void>((r) => z.once("drain", r));
    else await new Promise<void>((r) => setImmediate(r));
  };

  emit(headXml(s));
  let anyRow = false;
  const letters: string[] = [];
  const { styleIndex, dateShift } = opts;
  for (let r = 0; r < s.rows.length; r++) {
    const row = s.rows[r];
    if (!row || row.length === 0) continue;
    const rn = String(r + 1);
    let cells = "";
    let min = 0;
    let max = 0;
    for (let c = 0; c < row.length; c++) {
      const sc = row[c];
      if (!sc) continue;
      const col = (letters[c] ??= columnLetters(c));
      const x = cellXml(col + rn, sc, styleIndex(sc), dateShift);
      if (x === "") continue;
      cells += x;
      if (!min) min = c + 1;
      max = c + 1;
    }
    if (!min) continue;
    if (!anyRow) {
      emit("<sheetData>");
      anyRow = true;
    }
    emit(`<row r="${rn}" spans="${min}:${max}" x14ac:dyDescent="0.25">${cells}</row>`);
    if (handedOver) await pause();
  }
  emit((anyRow ? "</sheetData>" : "<sheetData/>") + TAIL);
  if (pos > 0) hand(buf.subarray(0, pos));
  z.end();
  await done;
  const data = out.length === 1 ? out[0] : Buffer.concat(out);
  return { deflated: data, crc32: crc >>> 0, uncompressedSize: size };
}

/** The sheet's XML as one string (tests; small sheets). */
export async function sheetXmlString(s: SheetSpec, opts: SheetXmlOptions): Promise<string> {
  const d = await deflateSheetXml(s, opts);
  return zlib.inflateRawSync(d.deflated).toString("utf8");
}
