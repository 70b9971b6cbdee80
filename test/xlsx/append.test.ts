/** appendToWorkbook: AluTrace's sheets go in; the user's sheets stay exactly as they were. */
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellAt, formatAt, Grid, WorkbookGrids } from "../../src/core/cells";
import { cell, formulaCell, SheetSpec, WorkbookSpec } from "../../src/core/sheetspec";
import { ownershipMarkName } from "../../src/sheet/ownership";
import { AppendError, appendToWorkbook, appendToWorkbookBuffer, mergeStyles } from "../../src/xlsx/append";
import { parseWorkbookXml } from "../../src/xlsx/package";
import { readWorkbook } from "../../src/xlsx/read";
import { toBuffer } from "../../src/xlsx/write";
import { extractEntry, rawEntryData, readZipDirectory, writeZip } from "../../src/xlsx/zip";

function part(buf: Buffer, name: string): string {
  const e = readZipDirectory(buf).byName.get(name);
  if (!e) throw new Error(`no part ${name}`);
  return extractEntry(buf, e).toString("utf8");
}

function rawPart(buf: Buffer, name: string): Buffer {
  const e = readZipDirectory(buf).byName.get(name);
  if (!e) throw new Error(`no part ${name}`);
  return rawEntryData(buf, e);
}

function sheet(g: WorkbookGrids, name: string): Grid {
  const s = g.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${g.sheets.map((x) => x.name).join(", ")}`);
  return s;
}

/** Simulates what Excel does when a user renames a sheet: the tab name and every defined name follow. */
function renameLikeExcel(buf: Buffer, from: string, to: string): Buffer {
  const dir = readZipDirectory(buf);
  return writeZip(
    dir.entries.map((e) => {
      if (e.name !== "xl/workbook.xml") return { name: e.name, copyFrom: buf, entry: e };
      const xml = extractEntry(buf, e)
        .toString("utf8")
        .replace(`name="${from}"`, `name="${to}"`)
        .split(`'${from}'!`)
        .join(`'${to}'!`)
        .split(`&apos;${from}&apos;!`)
        .join(`'${to}'!`);
      return { name: e.name, data: Buffer.from(xml) };
    }),
  );
}

/** The supplier's workbook: two sheets of their own, styled, with a note; nothing of AluTrace's. */
async function userWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const data = wb.addWorksheet("Data");
  data.getCell("A1").value = "Product";
  data.getCell("A1").font = { bold: true, color: { argb: "FF00AA00" } };
  data.getCell("B1").value = "Mass t";
  data.getCell("A2").value = "P1";
  data.getCell("B2").value = 100;
  data.getCell("B2").numFmt = "#,##0.000";
  data.getCell("B3").value = { formula: "B2*2", result: 200 };
  data.getCell("A2").note = "supplier's note";
  const other = wb.addWorksheet("R1_Cover");
  other.getCell("A1").value = "The user's own sheet that happens to use our name";
  wb.definedNames.add("Data!$B$2", "user_mass");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function reportSpec(version: number): WorkbookSpec {
  const rows: SheetSpec["rows"] = [[cell(`Cover v${version}`, { style: "title" })], [cell("Mass"), formulaCell("Data!B2", 100, { numFmt: "0.0" })]];
  if (version === 1) rows.push([cell("only in v1")], [cell("old row")]);
  return {
    sheets: [
      { name: "R1_Cover", kind: "report", rows },
      {
        name: "R2_Figures",
        kind: "report",
        rows: [
          [cell("Item", { style: "header" }), cell("Value", { style: "header" })],
          [cell("Cover mass"), formulaCell("'R1_Cover'!B2*1", 100, { style: "computed", note: `v${version}` })],
          [cell("Twice"), formulaCell("R1_Cover!B2*2", 200)],
        ],
        tables: [{ name: "tbl_figures", range: { top: 0, left: 0, bottom: 2, right: 1 } }],
        validations: [{ type: "list", range: { top: 1, left: 0, bottom: 10, right: 0 }, source: '"a,b"', allowBlank: true }],
      },
    ],
  };
}

describe("appendToWorkbook", () => {
  let user: Buffer;
  let first: Buffer;
  beforeAll(async () => {
    user = await userWorkbook();
    first = (await appendToWorkbookBuffer(user, reportSpec(1))).buffer;
  });

  it("copies every user part byte for byte (compressed data included)", () => {
    for (const name of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/comments1.xml", "xl/theme/theme1.xml"]) {
      expect(rawPart(first, name).equals(rawPart(user, name))).toBe(true);
    }
  });

  it("never overwrites a user's sheet: a clashing spec sheet gets a free name and the spec's formulas follow", async () => {
    const g = await readWorkbook(first);
    expect(g.sheets.map((s) => s.name)).toEqual(["Data", "R1_Cover", "R1_Cover (2)", "R2_Figures"]);
    expect(cellAt(sheet(g, "R1_Cover"), 0, 0)).toBe("The user's own sheet that happens to use our name");
    expect(cellAt(sheet(g, "R1_Cover (2)"), 0, 0)).toBe("Cover v1");
    expect(g.ownedSheets).toEqual(["R1_Cover (2)", "R2_Figures"]);
    const xml = part(first, "xl/worksheets/sheet4.xml");
    expect(xml).toContain("<f>&apos;R1_Cover (2)&apos;!B2*1</f>");
    expect(xml).toContain("<f>&apos;R1_Cover (2)&apos;!B2*2</f>");
  });

  it("keeps the user's cells, formats and names, and renders ours with their own formats", async () => {
    const g = await readWorkbook(first);
    const d = sheet(g, "Data");
    expect(d.values).toEqual([["Product", "Mass t"], ["P1", 100], [null, 200]]);
    expect(formatAt(d, 1, 1)).toBe("#,##0.000");
    expect(formatAt(sheet(g, "R1_Cover (2)"), 1, 1)).toBe("0.0");
    const wbInfo = parseWorkbookXml(part(first, "xl/workbook.xml"));
    expect(wbInfo.definedNames.find((n) => n.name === "user_mass")?.ref).toBe("Data!$B$2");
    // The user's cell formats keep their indexes: ours are appended after them.
    const before = part(user, "xl/styles.xml").match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)![1];
    const after = part(first, "xl/styles.xml").match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)![1];
    expect(after.startsWith(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
  });

  it("re-exporting replaces AluTrace's own sheets completely (no stale cells), in place", async () => {
    const second = await appendToWorkbookBuffer(first, reportSpec(2));
    expect(second.sheets).toEqual([
      { specName: "R1_Cover", sheetName: "R1_Cover (2)", action: "replaced" },
      { specName: "R2_Figures", sheetName: "R2_Figures", action: "replaced" },
    ]);
    const g = await readWorkbook(second.buffer);
    expect(g.sheets.map((s) => s.name)).toEqual(["Data", "R1_Cover", "R1_Cover (2)", "R2_Figures"]);
    expect(sheet(g, "R1_Cover (2)").values).toEqual([["Cover v2"], ["Mass", 100]]);
    expect(cellAt(sheet(g, "R1_Cover"), 0, 0)).toBe("The user's own sheet that happens to use our name");
    // One table and one comments part per sheet that has them: the old ones were dropped.
    const names = readZipDirectory(second.buffer).entries.map((e) => e.name);
    expect(names.filter((n) => /^xl\/tables\//.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^xl\/comments/.test(n))).toHaveLength(2); // the user's and ours
    expect(part(second.buffer, "[Content_Types].xml").match(/tables\/table/g)).toHaveLength(1);
    // Our cell formats are reused, not appended again on every export.
    expect(part(second.buffer, "xl/styles.xml")).toBe(part(first, "xl/styles.xml"));
  });

  it("follows a sheet the user renamed (the ownership mark moves with it, as in Excel)", async () => {
    const renamed = renameLikeExcel(first, "R2_Figures", "My figures");
    const g0 = await readWorkbook(renamed);
    expect(g0.ownedSheets).toEqual(["R1_Cover (2)", "My figures"]);
    const again = await appendToWorkbookBuffer(renamed, reportSpec(3));
    expect(again.sheets.map((s) => s.sheetName)).toEqual(["R1_Cover (2)", "My figures"]);
    const g = await readWorkbook(again.buffer);
    expect(g.sheets.map((s) => s.name)).toEqual(["Data", "R1_Cover", "R1_Cover (2)", "My figures"]);
    expect(cellAt(sheet(g, "R1_Cover (2)"), 0, 0)).toBe("Cover v3");
    const marks = parseWorkbookXml(part(again.buffer, "xl/workbook.xml")).definedNames.filter((n) => n.name.startsWith("_AluTrace_"));
    expect(marks.map((m) => m.ref).sort()).toEqual(["'My figures'!$A$1", "'R1_Cover (2)'!$A$1"]);
    expect(marks.find((m) => m.ref === "'My figures'!$A$1")?.name).toBe(ownershipMarkName("report", "R2_Figures"));
  });

  it("refuses to overwrite a user's defined name of the same name", async () => {
    const spec: WorkbookSpec = { ...reportSpec(1), definedNames: [{ name: "user_mass", ref: "'R2_Figures'!$B$2" }] };
    await expect(appendToWorkbookBuffer(user, spec)).rejects.toThrow(AppendError);
  });

  it("refuses a workbook whose structure is protected", async () => {
    const dir = readZipDirectory(user);
    const locked = writeZip(
      dir.entries.map((e) =>
        e.name === "xl/workbook.xml"
          ? { name: e.name, data: Buffer.from(extractEntry(user, e).toString("utf8").replace("<sheets>", '<workbookProtection lockStructure="1"/><sheets>')) }
          : { name: e.name, copyFrom: user, entry: e },
      ),
    );
    await expect(appendToWorkbookBuffer(locked, reportSpec(1))).rejects.toThrow(/protected workbook structure/);
  });

  it("writes to a path atomically and returns the placed sheet names", async () => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "alutrace-append-"));
    const src = path.join(dir, "supplier.xlsx");
    await fs.promises.writeFile(src, user);
    const out = path.join(dir, "report.xlsx");
    expect(await appendToWorkbook(src, reportSpec(1), out)).toEqual(["R1_Cover (2)", "R2_Figures"]);
    expect(await appendToWorkbook(out, reportSpec(2))).toEqual(["R1_Cover (2)", "R2_Figures"]);
    expect((await fs.promises.readdir(dir)).sort()).toEqual(["report.xlsx", "supplier.xlsx"]);
    expect((await fs.promises.readFile(src)).equals(user)).toBe(true);
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it("shifts date serials when the user's workbook uses the 1904 date system", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet("Mine").getCell("A1").value = 1;
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await appendToWorkbookBuffer(buf, { sheets: [{ name: "D", kind: "report", rows: [[cell(45725, { date: true })]] }] });
    const g = await readWorkbook(res.buffer);
    expect(g.date1904).toBe(true);
    expect(cellAt(sheet(g, "D"), 0, 0)).toBe(45725 - 1462);
  });

  it("works on a workbook AluTrace wrote itself (sheets marked at render time)", async () => {
    const own = await toBuffer(reportSpec(1));
    const res = await appendToWorkbookBuffer(own, reportSpec(2));
    expect(res.sheets.every((s) => s.action === "replaced")).toBe(true);
    const g = await readWorkbook(res.buffer);
    expect(g.sheets.map((s) => s.name)).toEqual(["R1_Cover", "R2_Figures"]);
    expect(sheet(g, "R1_Cover").values).toEqual([["Cover v2"], ["Mass", 100]]);
  });
});

describe("mergeStyles", () => {
  it("handles a styles part with a namespace prefix and missing blocks", () => {
    const user =
      '<?xml version="1.0"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>' +
      '<x:borders count="1"><x:border/></x:borders><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellXfs></x:styleSheet>';
    const ours =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts count="2"><font><sz val="11"/></font><font><b/></font></fonts>' +
      '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill></fills>' +
      '<borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1"><alignment wrapText="1"/></xf></cellXfs></styleSheet>';
    const m = mergeStyles(user, ours);
    expect(m.mapXf(0)).toBe(0);
    expect(m.mapXf(1)).toBe(1);
    expect(m.xml).toContain('<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.000"/></x:numFmts><x:fonts');
    expect(m.xml).toContain('<x:fonts count="2"><x:font><x:sz val="11"/></x:font><x:font><x:b/></x:font></x:fonts>');
    expect(m.xml).toContain('<x:xf numFmtId="164" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1"><x:alignment wrapText="1"/></x:xf>');
    expect(m.xml).toContain('<x:cellXfs count="2">');
  });
});
