/**
 * The direct sheet writer (src/xlsx/sheetxml.ts) against the exceljs route it replaces for plain
 * sheets: for the report tabs of the sample workbooks and for sheets full of edge cases, the sheet
 * XML in the output file must be the same, cell for cell, with each cell format resolving to the
 * same font, fill, border, alignment and number format.
 */
import * as ExcelJS from "exceljs";
import * as path from "path";
import { cellError } from "../../src/core/cells";
import { computeReport } from "../../src/core/report/compute";
import { buildReport } from "../../src/core/report/tabs";
import type { SheetSpec, WorkbookSpec } from "../../src/core/sheetspec";
import { validateTemplate } from "../../src/core/template/validate";
import { appendToWorkbookBuffer } from "../../src/xlsx/append";
import { parseWorkbookXml } from "../../src/xlsx/package";
import { readWorkbook } from "../../src/xlsx/read";
import { canWriteDirect, xmlEncode } from "../../src/xlsx/sheetxml";
import { findElement, findElements } from "../../src/xlsx/xml";
import { extractEntry, readZipDirectory } from "../../src/xlsx/zip";
import * as fs from "fs";

const examples = path.join(__dirname, "..", "..", "examples");

function part(buf: Buffer, name: string): string {
  const e = readZipDirectory(buf).byName.get(name);
  if (!e) throw new Error(`no part ${name}`);
  return extractEntry(buf, e).toString("utf8");
}

/** Cell format index → a description of everything it means (number format code, font, fill, border, alignment). */
function xfMeanings(buf: Buffer): string[] {
  const xml = part(buf, "xl/styles.xml");
  const items = (block: string, item: string): string[] => {
    const b = findElement(xml, block);
    return b?.inner !== undefined ? findElements(b.inner, item).map((e) => b.inner!.slice(e.start, e.end)) : [];
  };
  const fmts = new Map<string, string>();
  const nb = findElement(xml, "numFmts");
  for (const f of nb?.inner !== undefined ? findElements(nb.inner, "numFmt") : []) fmts.set(f.attrs.get("numFmtId")!, f.attrs.get("formatCode")!);
  const fonts = items("fonts", "font");
  const fills = items("fills", "fill");
  const borders = items("borders", "border");
  const xb = findElement(xml, "cellXfs")!;
  return findElements(xb.inner!, "xf").map((x) => {
    const a = x.attrs;
    const id = a.get("numFmtId") ?? "0";
    return [fmts.get(id) ?? `builtin ${id}`, fonts[Number(a.get("fontId") ?? 0)], fills[Number(a.get("fillId") ?? 0)], borders[Number(a.get("borderId") ?? 0)], x.inner ?? ""].join(" | ");
  });
}

/** Each added sheet's XML with style indexes replaced by what they mean. */
function sheetsOf(buf: Buffer, names: readonly string[]): Map<string, string> {
  const wb = parseWorkbookXml(part(buf, "xl/workbook.xml"));
  const rels = part(buf, "xl/_rels/workbook.xml.rels");
  const xf = xfMeanings(buf);
  const out = new Map<string, string>();
  for (const name of names) {
    const s = wb.sheets.find((x) => x.name === name)!;
    const target = new RegExp(`Id="${s.relId}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${s.relId}"`).exec(rels)!;
    const t = (target[1] ?? target[2]).replace(/^\//, "");
    const p = t.startsWith("xl/") ? t : `xl/${t}`;
    out.set(name, part(buf, p).replace(/ s="(\d+)"/g, (_m, n: string) => ` s="${xf[Number(n)]}"`));
  }
  return out;
}

async function bothWays(user: Buffer, spec: WorkbookSpec): Promise<void> {
  const a = await appendToWorkbookBuffer(user, spec, { sheetWriter: "exceljs" });
  const b = await appendToWorkbookBuffer(user, spec);
  const names = a.sheets.map((s) => s.sheetName);
  expect(b.sheets.map((s) => s.sheetName)).toEqual(names);
  const sa = sheetsOf(a.buffer, names);
  const sb = sheetsOf(b.buffer, names);
  for (const n of names) expect([n, sb.get(n)]).toEqual([n, sa.get(n)]);
  // Same grids when read back.
  const ga = await readWorkbook(a.buffer);
  const gb = await readWorkbook(b.buffer);
  expect(gb.sheets).toEqual(ga.sheets);
}

async function reportOf(file: string): Promise<{ buf: Buffer; spec: WorkbookSpec }> {
  const buf = fs.readFileSync(path.join(examples, file));
  const v = validateTemplate({ ...(await readWorkbook(buf)), sourceName: file });
  const fig = computeReport(v, { recycledMethod: { denominator: "all_metal", countInternalCrossProcess: false } });
  return { buf, spec: buildReport(v, fig, { sourceName: file, alutraceVersion: "0.0.0", generatedAt: "2026-01-02T03:04:05Z" }) };
}

async function plainUserWorkbook(date1904 = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Data");
  ws.getCell("A1").value = "Product";
  ws.getCell("A1").font = { bold: true };
  ws.getCell("B2").value = 100;
  ws.getCell("B2").numFmt = "#,##0.000";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const EDGE: SheetSpec = {
  name: "Edge cases",
  kind: "report",
  columnWidths: [10, 10, undefined as unknown as number, 12, 12, 0, 30],
  freeze: { rows: 2, cols: 0 },
  rows: [
    [{ v: "title", style: "title" }, { v: " leading space" }, { v: "trailing space " }, { v: "two\nlines" }, { v: "cr\r\nlf" }, { v: "ctl\u0001x" }, { v: "_x0041_ literal" }],
    [{ v: "<&>\"'" }, { v: "" }, { v: 0 }, { v: -0 }, { v: 1e-7 }, { v: 123456789012345 }, { v: 0.1 + 0.2 }],
    [{ v: true }, { v: false, style: "input" }, { v: cellError("#N/A") }, { v: cellError("#DIV/0!"), style: "error" }, { v: null, style: "header" }, {}, { style: "note" }],
    [{ f: "IFNA(1,2)", v: 1, numFmt: "0.00%" }, { f: "=SUM(A1:A2)", v: 3, style: "computed" }, { f: 'IF(A1="x","","y")', v: "" }, { f: "A1>0", v: true }, { f: "1/0", v: cellError("#DIV/0!") }, { f: "NOW()" }, { f: 'CONCAT("a","<b>")', v: "a<b>" }],
    [],
    [{ v: 45658, date: true }, { f: "A6+1", v: 45659, date: true }, { v: 45658, date: true, numFmt: "d mmm yyyy" }, { v: 5, numFmt: "@" }, { v: "x", style: "good", numFmt: "@" }, { v: 7, style: "warning", numFmt: "#,##0.000" }],
    [undefined as unknown as SheetSpec["rows"][0][0], { v: "after a hole" }],
  ],
};

describe("direct sheet writer", () => {
  test.each(["rolling-mill-valid.xlsx", "die-caster-zh.xlsx"])("report tabs of %s: same XML as exceljs", async (file) => {
    const { buf, spec } = await reportOf(file);
    expect(spec.sheets.every(canWriteDirect)).toBe(true);
    await bothWays(buf, spec);
  });

  test("edge cases: text escapes, errors, formula results, dates, style-only cells, widths, freeze", async () => {
    await bothWays(await plainUserWorkbook(), { sheets: [EDGE] });
  });

  test("1904 workbook: date serials shifted the same way", async () => {
    await bothWays(await plainUserWorkbook(true), { sheets: [EDGE] });
  });

  test("freeze variants, no tab colour, an empty sheet, a hidden sheet", async () => {
    const sheets: SheetSpec[] = [
      { name: "Cols", kind: "report", freeze: { rows: 0, cols: 2 }, tabColor: "1F6F78", rows: [[{ v: 1 }, { v: 2 }, { v: 3 }]] },
      { name: "Both", kind: "report", freeze: { rows: 1, cols: 1 }, rows: [[{ v: "a", style: "header" }], [{ v: 2 }]] },
      { name: "Empty", kind: "report", rows: [] },
      { name: "Blank cells", kind: "report", rows: [[{}, {}], [{ v: null }]] },
      { name: "Hidden", kind: "report", visibility: "hidden", rows: [[{ v: "h" }]] },
    ];
    await bothWays(await plainUserWorkbook(), { sheets });
  });

  test("mixed: sheets with tables, notes or merges still go through exceljs next to direct ones", async () => {
    const sheets: SheetSpec[] = [
      EDGE,
      { name: "With note", kind: "report", rows: [[{ v: "n", note: "a note", style: "label" }, { v: 2, numFmt: "0.0000" }]] },
      { name: "Merged", kind: "report", merges: [{ top: 0, left: 0, bottom: 0, right: 1 }], rows: [[{ v: "m", style: "title" }]] },
      {
        name: "Table",
        kind: "report",
        tables: [{ name: "tbl_x", range: { top: 0, left: 0, bottom: 1, right: 1 } }],
        rows: [[{ v: "h1", style: "header" }, { v: "h2", style: "header" }], [{ v: 1, numFmt: "0.00%" }, { f: "A2*2", v: 2 }]],
      },
    ];
    expect(sheets.map(canWriteDirect)).toEqual([true, false, false, false]);
    await bothWays(await plainUserWorkbook(), { sheets });
  });

  test("xmlEncode: entities and dropped control characters, as exceljs", () => {
    expect(xmlEncode(`a<b>&"'\u0001\u0009\u000a\u000d\u007f`)).toBe("a&lt;b&gt;&amp;&quot;&apos;\u0009\u000a\u000d");
    expect(xmlEncode("plain")).toBe("plain");
  });
});
