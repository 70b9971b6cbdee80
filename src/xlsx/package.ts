/**
 * Checks an .xlsx package before anything heavy touches it: what kind of file it really is, whether
 * its declared sizes are within limits (zip bombs, oversized sheets), and the workbook part
 * (sheets, defined names, 1904 flag), which we read ourselves because exceljs drops defined names
 * it cannot model.
 */
import { DEFLATE_MAX_RATIO, extractEntry, readZipDirectory, ZipDirectory, ZipEntry, ZipFormatError } from "./zip";
import { attrLocal, decodeXml, findElements } from "./xml";
import { checkSheetName } from "../sheet/names";

export type WorkbookReadErrorCode =
  | "not-found"
  | "empty"
  | "legacy-xls"
  | "encrypted"
  | "text-file"
  | "not-zip"
  | "damaged"
  | "ods"
  | "xlsb"
  | "not-xlsx"
  | "too-large"
  | "zip-bomb"
  | "too-many-cells"
  /** A sheet name Excel itself refuses (written by another program). */
  | "sheet-name";

/** A file AluTrace will not read, with a message meant for the user. */
export class WorkbookReadError extends Error {
  override readonly name = "WorkbookReadError";
  constructor(
    readonly code: WorkbookReadErrorCode,
    message: string,
    readonly details: { readonly limit?: number; readonly actual?: number; readonly part?: string } = {},
  ) {
    super(message);
  }
}

export interface ReadLimits {
  /** Size of the .xlsx file itself. */
  readonly maxFileBytes: number;
  /** Declared uncompressed size of any one part. exceljs decodes a part into one string, and V8
   *  strings stop at ~512 M characters, so this must stay well below that. */
  readonly maxPartBytes: number;
  /** Declared uncompressed size of all parts together. */
  readonly maxTotalBytes: number;
  /** Compression ratio above which a large part is taken for a zip bomb. */
  readonly maxCompressionRatio: number;
  /** Parts smaller than this are not ratio-checked (tiny parts compress wildly, harmlessly). */
  readonly ratioCheckMinBytes: number;
  readonly maxParts: number;
  /** Cells kept in the grids (sum of row lengths after trimming), over all sheets. */
  readonly maxCells: number;
}

/**
 * Defaults sized for real supplier workbooks: a 100,000-row × 40-column template is ~150 MB of sheet
 * XML and ~4 M cells. Real sheets compress 5–40:1; deflate bombs sit near its 1032:1 maximum.
 */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPartBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioCheckMinBytes: 8 * 1024 * 1024,
  maxParts: 10_000,
  maxCells: 20_000_000,
};

const MB = (n: number): string => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

/** Classifies a buffer that is not a ZIP archive; always throws. */
function refuseNonZip(buf: Buffer, label: string): never {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) {
    // OLE2 compound file: either a legacy .xls or an encrypted (password-protected) OOXML workbook,
    // which Office stores as an OLE2 file with an "EncryptedPackage" stream.
    if (buf.includes(Buffer.from("EncryptedPackage", "utf16le")) || buf.includes(Buffer.from("EncryptionInfo", "utf16le"))) {
      throw new WorkbookReadError(
        "encrypted",
        `${label} is password-protected (encrypted). Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password), save, and try again.`,
      );
    }
    throw new WorkbookReadError(
      "legacy-xls",
      `${label} is an old-format Excel 97–2003 workbook (.xls). Open it in Excel or WPS and save it as an Excel Workbook (.xlsx).`,
    );
  }
  const head = buf.subarray(0, Math.min(buf.length, 4096)).toString("utf8");
  if (/^\s*<(\?xml|html|!doctype|table)/i.test(head)) {
    throw new WorkbookReadError(
      "not-xlsx",
      `${label} is an XML or HTML file saved with a spreadsheet extension, not an .xlsx workbook. Open it in Excel and save it as an Excel Workbook (.xlsx).`,
    );
  }
  // Text: no NUL bytes and almost everything printable (UTF-8/GBK CSV exports land here).
  const sample = buf.subarray(0, Math.min(buf.length, 4096));
  let printable = 0;
  let nul = false;
  for (const b of sample) {
    if (b === 0) nul = true;
    if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  }
  if (!nul && printable / sample.length > 0.95) {
    throw new WorkbookReadError(
      "text-file",
      `${label} is a text file (CSV or similar), not an .xlsx workbook. Open it in Excel and save it as an Excel Workbook (.xlsx).`,
    );
  }
  throw new WorkbookReadError("not-zip", `${label} is not an Excel workbook (.xlsx): it is not a ZIP package.`);
}

export interface WorkbookSheetInfo {
  readonly name: string;
  readonly state: "visible" | "hidden" | "veryHidden";
  readonly relId: string | undefined;
}

export interface DefinedNameInfo {
  readonly name: string;
  /** The name's formula text as stored ("'Sheet'!$A$1", "0.5", "#REF!$A$1"). */
  readonly ref: string;
  readonly localSheetId?: number;
  readonly hidden: boolean;
}

export interface WorkbookInfo {
  readonly sheets: readonly WorkbookSheetInfo[];
  readonly definedNames: readonly DefinedNameInfo[];
  readonly date1904: boolean;
}

export interface InspectedPackage {
  readonly dir: ZipDirectory;
  readonly workbookPart: ZipEntry;
  readonly workbookXml: string;
  readonly workbook: WorkbookInfo;
  /** Worksheets (not chartsheets) in tab order, with the package part each lives in. */
  readonly worksheets: readonly { readonly name: string; readonly part: string; readonly relId: string }[];
  /** Raw xl/_rels/workbook.xml.rels ("" when missing). */
  readonly workbookRelsXml: string;
}

/** Parses xl/workbook.xml: sheets in tab order, defined names and the 1904 flag. */
export function parseWorkbookXml(xml: string): WorkbookInfo {
  const sheets: WorkbookSheetInfo[] = findElements(xml, "sheet").map((e) => {
    const st = e.attrs.get("state");
    return {
      name: e.attrs.get("name") ?? "",
      state: st === "hidden" || st === "veryHidden" ? st : "visible",
      relId: attrLocal(e.attrs, "id", true),
    };
  });
  const definedNames: DefinedNameInfo[] = findElements(xml, "definedName").map((e) => {
    const lsi = e.attrs.get("localSheetId");
    const hidden = e.attrs.get("hidden");
    return {
      name: e.attrs.get("name") ?? "",
      ref: decodeXml(e.inner ?? ""),
      ...(lsi !== undefined ? { localSheetId: Number(lsi) } : {}),
      hidden: hidden === "1" || hidden === "true",
    };
  });
  const pr = findElements(xml, "workbookPr")[0];
  const d = pr?.attrs.get("date1904");
  return { sheets, definedNames, date1904: d === "1" || d === "true" };
}

/**
 * Everything checked before exceljs sees the file. Throws WorkbookReadError with a message that
 * says what the file is, or which limit it breaks.
 */
export function inspectPackage(buf: Buffer, label: string, limits: ReadLimits = DEFAULT_READ_LIMITS): InspectedPackage {
  if (buf.length === 0) throw new WorkbookReadError("empty", `${label} is empty (0 bytes).`);
  if (buf.length > limits.maxFileBytes) {
    throw new WorkbookReadError("too-large", `${label} is ${MB(buf.length)}; AluTrace reads workbooks up to ${MB(limits.maxFileBytes)}.`, {
      limit: limits.maxFileBytes,
      actual: buf.length,
    });
  }
  const sig = buf.length >= 4 ? buf.readUInt32LE(0) : 0;
  if (sig !== 0x04034b50 && sig !== 0x06054b50) refuseNonZip(buf, label);
  let dir: ZipDirectory;
  try {
    dir = readZipDirectory(buf);
  } catch (e) {
    throw new WorkbookReadError("damaged", `${label} is damaged: ${(e as Error).message} Try opening and re-saving it in Excel.`);
  }
  if (dir.entries.length > limits.maxParts) {
    throw new WorkbookReadError("zip-bomb", `${label} has ${dir.entries.length} parts; AluTrace accepts at most ${limits.maxParts}.`, {
      limit: limits.maxParts,
      actual: dir.entries.length,
    });
  }
  checkSizes(buf, dir, label, limits);
  const names = dir.byName;
  const mimetype = names.get("mimetype");
  if (mimetype && mimetype.uncompressedSize < 200) {
    const m = safeExtract(buf, mimetype, label).toString("latin1");
    if (m.includes("opendocument")) {
      throw new WorkbookReadError(
        "ods",
        `${label} is an OpenDocument file (.ods/.odt), not an .xlsx workbook. Save it from LibreOffice or WPS as "Excel 2007-365 (.xlsx)".`,
      );
    }
  }
  if (names.has("xl/workbook.bin")) {
    throw new WorkbookReadError("xlsb", `${label} is an Excel Binary Workbook (.xlsb). Open it in Excel and save it as an Excel Workbook (.xlsx).`);
  }
  // The workbook part is found through the package relationships; xl/workbook.xml is the usual name.
  let wbName = "xl/workbook.xml";
  const rootRels = names.get("_rels/.rels");
  if (rootRels && rootRels.uncompressedSize < 1024 * 1024) {
    const rels = safeExtract(buf, rootRels, label).toString("utf8");
    const off = findElements(rels, "Relationship").find((r) => /\/officeDocument$/.test(r.attrs.get("Type") ?? ""));
    const target = off?.attrs.get("Target");
    if (target) wbName = target.replace(/^\//, "");
  }
  const workbookPart = names.get(wbName);
  if (!workbookPart || !/\.xml$/i.test(wbName)) {
    const what = names.has("word/document.xml")
      ? "a Word document"
      : names.has("ppt/presentation.xml")
        ? "a PowerPoint file"
        : "a ZIP archive without an Excel workbook inside";
    throw new WorkbookReadError("not-xlsx", `${label} is ${what}, not an .xlsx workbook.`);
  }
  if (wbName !== "xl/workbook.xml") {
    // exceljs only finds parts at their conventional names.
    throw new WorkbookReadError("not-xlsx", `${label} keeps its workbook at an unusual place (${wbName}). Re-save it in Excel and try again.`);
  }
  const workbookXml = safeExtract(buf, workbookPart, label).toString("utf8");
  const workbook = parseWorkbookXml(workbookXml);
  refuseBadSheetNames(workbook, label);
  const relsEntry = names.get("xl/_rels/workbook.xml.rels");
  const workbookRelsXml = relsEntry ? safeExtract(buf, relsEntry, label).toString("utf8") : "";
  const rels = findElements(workbookRelsXml, "Relationship");
  const worksheets: { name: string; part: string; relId: string }[] = [];
  for (const s of workbook.sheets) {
    const rel = rels.find((r) => r.attrs.get("Id") === s.relId);
    if (!rel || !/\/worksheet$/.test(rel.attrs.get("Type") ?? "") || rel.attrs.get("TargetMode") === "External") continue;
    const target = rel.attrs.get("Target") ?? "";
    const part = target.startsWith("/") ? target.replace(/^\/+/, "") : `xl/${target}`.replace(/\/\.\//g, "/");
    worksheets.push({ name: s.name, part, relId: s.relId ?? "" });
  }
  return { dir, workbookPart, workbookXml, workbook, worksheets, workbookRelsXml };
}

/**
 * Sheet names Excel refuses (too long, : \\ / ? * [ ], blank, duplicates ignoring case …) come only
 * from other programs. Excel opens such a file only by "repairing" it (renaming the sheets, which
 * breaks every reference to them), so AluTrace refuses it up front and names the sheet.
 */
function refuseBadSheetNames(workbook: WorkbookInfo, label: string): void {
  const seen = new Set<string>();
  for (const s of workbook.sheets) {
    const why = checkSheetName(s.name);
    if (why) {
      throw new WorkbookReadError("sheet-name", `${label}: ${why} Excel cannot open the file as it is. Rename the sheet (in the program that made the file, or let Excel repair the file and save it), then try again.`);
    }
    const key = s.name.toUpperCase();
    if (seen.has(key)) {
      throw new WorkbookReadError("sheet-name", `${label}: two sheets are named "${s.name}" (Excel ignores case in sheet names). Rename one of them, then try again.`);
    }
    seen.add(key);
  }
}

function safeExtract(buf: Buffer, e: ZipEntry, label: string): Buffer {
  if (e.flags & 0x1) {
    throw new WorkbookReadError("encrypted", `${label} is encrypted (ZIP-level encryption); save an unencrypted copy and try again.`);
  }
  try {
    return extractEntry(buf, e);
  } catch (err) {
    throw new WorkbookReadError("damaged", `${label} is damaged: ${(err as Error).message} Try opening and re-saving it in Excel.`, {
      part: e.name,
    });
  }
}

function checkSizes(buf: Buffer, dir: ZipDirectory, label: string, limits: ReadLimits): void {
  let total = 0;
  let compressedTotal = 0;
  for (const e of dir.entries) {
    if (e.flags & 0x1) {
      throw new WorkbookReadError("encrypted", `${label} is encrypted (ZIP-level encryption); save an unencrypted copy and try again.`);
    }
    if (e.method !== 0 && e.method !== 8) {
      throw new WorkbookReadError("damaged", `${label} uses a compression method Excel does not write (${e.method} in ${e.name}).`, { part: e.name });
    }
    if (e.uncompressedSize > limits.maxPartBytes) {
      throw new WorkbookReadError(
        isSheetPart(e.name) ? "too-large" : "zip-bomb",
        `${label}: part ${e.name} unpacks to ${MB(e.uncompressedSize)}; the limit per part is ${MB(limits.maxPartBytes)}` +
          (isSheetPart(e.name) ? " (the sheet is too big for AluTrace; split it into several files)." : "."),
        { limit: limits.maxPartBytes, actual: e.uncompressedSize, part: e.name },
      );
    }
    if (e.uncompressedSize >= limits.ratioCheckMinBytes && e.uncompressedSize > limits.maxCompressionRatio * Math.max(1, e.compressedSize)) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      throw new WorkbookReadError(
        "zip-bomb",
        `${label} looks like a zip bomb: part ${e.name} is compressed ${ratio}:1 (${MB(e.uncompressedSize)} from ${e.compressedSize} bytes); ` +
          `AluTrace refuses parts over ${MB(limits.ratioCheckMinBytes)} compressed more than ${limits.maxCompressionRatio}:1.`,
        { limit: limits.maxCompressionRatio, actual: ratio, part: e.name },
      );
    }
    total += e.uncompressedSize;
    compressedTotal += e.compressedSize;
  }
  if (total > limits.maxTotalBytes) {
    throw new WorkbookReadError(
      "zip-bomb",
      `${label} unpacks to ${MB(total)} in total; AluTrace reads workbooks that unpack to at most ${MB(limits.maxTotalBytes)}.`,
      { limit: limits.maxTotalBytes, actual: total },
    );
  }
  // Declared sizes can lie. Deflate cannot expand more than ~1032:1, so when even that worst case
  // stays within the limits there is nothing to verify; otherwise inflate each part that could
  // break a limit, with a hard cap at its declared size (ZipFormatError if it holds more).
  const mayLie = (e: ZipEntry): boolean => e.method === 8 && e.compressedSize * DEFLATE_MAX_RATIO > Math.min(limits.maxPartBytes, limits.maxTotalBytes);
  if (compressedTotal * DEFLATE_MAX_RATIO <= limits.maxTotalBytes && !dir.entries.some(mayLie)) return;
  for (const e of dir.entries) {
    if (e.method !== 8) continue;
    if (compressedTotal * DEFLATE_MAX_RATIO <= limits.maxTotalBytes && !mayLie(e)) continue;
    try {
      extractEntry(buf, e);
    } catch (err) {
      if (err instanceof ZipFormatError && /more than its declared/.test(err.message)) {
        throw new WorkbookReadError("zip-bomb", `${label} looks like a zip bomb: ${err.message}`, { part: e.name });
      }
      throw new WorkbookReadError("damaged", `${label} is damaged: ${(err as Error).message}`, { part: e.name });
    }
  }
}

function isSheetPart(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/.test(name) || name === "xl/sharedStrings.xml";
}
