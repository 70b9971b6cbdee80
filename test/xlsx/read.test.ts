/** readWorkbook on workbooks built directly with exceljs (cell kinds AluTrace does not write itself). */
import * as ExcelJS from "exceljs";
import { cellAt, cellError, formatAt, Grid } from "../../src/core/cells";
import { readWorkbook } from "../../src/xlsx/read";
import { extractEntry, readZipDirectory, writeZip } from "../../src/xlsx/zip";

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rewrites one part of a package (to craft files exceljs cannot write). */
function patchPart(buf: Buffer, part: string, edit: (xml: string) => string): Buffer {
  const dir = readZipDirectory(buf);
  return writeZip(
    dir.entries.map((e) => (e.name === part ? { name: e.name, data: Buffer.from(edit(extractEntry(buf, e).toString("utf8")), "utf8") } : { name: e.name, copyFrom: buf, entry: e })),
  );
}

function only(g: { sheets: readonly Grid[] }, name: string): Grid {
  const s = g.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe("readWorkbook: cell kinds", () => {
  let g: Grid;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kinds");
    ws.getCell("A1").value = { richText: [{ text: "Red " }, { font: { bold: true }, text: "mud" }] };
    ws.getCell("A2").value = { text: "AluTrace docs", hyperlink: "https://example.org" };
    ws.getCell("A3").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("A4").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    // Shared formula: master in B1, B2:B3 share it; each cell has its cached result.
    ws.getCell("C1").value = 1;
    ws.getCell("C2").value = 2;
    ws.getCell("C3").value = 3;
    ws.getCell("B1").value = { formula: "C1*10", result: 10, shareType: "shared", ref: "B1:B3" } as ExcelJS.CellFormulaValue;
    ws.getCell("B2").value = { sharedFormula: "B1", result: 20 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("B3").value = { sharedFormula: "B1", result: 30 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("B4").value = { sharedFormula: "B1" } as ExcelJS.CellSharedFormulaValue; // no cached result
    ws.getCell("D1").value = { formula: "C1-C1", result: 0 };
    ws.getCell("D2").value = { formula: "C1>C2", result: false };
    ws.getCell("D3").value = { formula: "1/0", result: { error: "#DIV/0!" } as ExcelJS.CellErrorValue };
    ws.getCell("D4").value = { formula: "TODAY()", result: new Date(Date.UTC(2025, 2, 9)) };
    ws.getCell("D4").numFmt = "dd/mm/yyyy";
    ws.getCell("E1").value = 0.25;
    ws.getCell("E1").numFmt = "0%";
    ws.getCell("E2").value = "0012";
    ws.getCell("E3").value = "line 1\r\nline 2";
    g = only(await readWorkbook(await bytes(wb)), "Kinds");
  });

  it("turns rich text and hyperlinks into their plain text", () => {
    expect(cellAt(g, 0, 0)).toBe("Red mud");
    expect(cellAt(g, 1, 0)).toBe("AluTrace docs");
  });

  it("keeps error cells as errors", () => {
    expect(cellAt(g, 2, 0)).toEqual(cellError("#N/A"));
    expect(cellAt(g, 3, 0)).toEqual(cellError("#REF!"));
  });

  it("reads shared formulas' cached results and flags the one without", () => {
    expect([0, 1, 2, 3].map((r) => cellAt(g, r, 1))).toEqual([10, 20, 30, null]);
    expect(g.formulasWithoutResult).toEqual([{ row: 3, col: 1 }]);
  });

  it("keeps falsy cached results (0, FALSE), error results and date results as serials", () => {
    expect(cellAt(g, 0, 3)).toBe(0);
    expect(cellAt(g, 1, 3)).toBe(false);
    expect(cellAt(g, 2, 3)).toEqual(cellError("#DIV/0!"));
    expect(cellAt(g, 3, 3)).toBe(45725);
    expect(formatAt(g, 3, 3)).toBe("dd/mm/yyyy");
  });

  it("keeps numbers, formats and number-looking text apart, and CR in text", () => {
    expect(cellAt(g, 0, 4)).toBe(0.25);
    expect(formatAt(g, 0, 4)).toBe("0%");
    expect(cellAt(g, 1, 4)).toBe("0012");
    expect(cellAt(g, 2, 4)).toBe("line 1\nline 2"); // exceljs writes CR raw; XML turns it into LF
  });
});

describe("readWorkbook: layout", () => {
  it("reports hidden rows, merges and hidden sheets, and blanks merged cells other than the anchor", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Layout");
    ws.getCell("A1").value = "Title";
    ws.mergeCells("A1:C1");
    ws.getCell("A2").value = 1;
    ws.getCell("A3").value = 2;
    ws.getRow(3).hidden = true;
    ws.getCell("A4").value = 3;
    wb.addWorksheet("Hidden", { state: "hidden" }).getCell("A1").value = "h";
    wb.addWorksheet("VeryHidden", { state: "veryHidden" }).getCell("A1").value = "v";
    const back = await readWorkbook(await bytes(wb));
    const g = only(back, "Layout");
    expect(g.values[0]).toEqual(["Title"]);
    expect(g.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(g.hiddenRows).toEqual([2]);
    expect(g.hidden).toBeUndefined();
    expect(only(back, "Hidden").hidden).toBe(true);
    expect(only(back, "VeryHidden").hidden).toBe(true);
    expect(back.ownedSheets).toEqual([]);
  });

  it("trims an inflated used range: styled empty cells far away cost nothing", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Inflated");
    ws.getCell("A1").value = "x";
    ws.getCell("B2").value = 2;
    // Formatting without values out to XFD1048576 (what a user's "format whole column" leaves).
    ws.getCell("XFD1048576").numFmt = "0.00";
    ws.getCell("Z5000").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    ws.getCell("C1").value = "";
    const g = only(await readWorkbook(await bytes(wb)), "Inflated");
    expect(g.values).toEqual([["x", null, ""], [null, 2]]);
  });

  it("reads a formula whose cached value is the empty string, even in a date-formatted cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = { formula: 'IF(1,"","")', result: "" };
    ws.getCell("A1").numFmt = "yyyy-mm-dd";
    ws.getCell("A2").value = { formula: "1+1" };
    const g = only(await readWorkbook(await bytes(wb)), "S");
    expect(cellAt(g, 0, 0)).toBe("");
    expect(cellAt(g, 1, 0)).toBeNull();
    expect(g.formulasWithoutResult).toEqual([{ row: 1, col: 0 }]);
  });

  it("decodes Excel's _xHHHH_ escapes in text", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = "MARK";
    const buf = patchPart(await bytes(wb), "xl/sharedStrings.xml", (x) => x.replace("MARK", "a_x000D_b _x005F_x0041_"));
    const g = only(await readWorkbook(buf), "S");
    expect(cellAt(g, 0, 0)).toBe("a\rb _x0041_");
  });

  it("does not expand data validations over whole columns (they are skipped when reading)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("DV");
    ws.getCell("A1").value = "kind";
    const buf = patchPart(await bytes(wb), "xl/worksheets/sheet1.xml", (x) =>
      x.replace(
        "</sheetData>",
        '</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A2:A1048576 B2:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
      ),
    );
    const t0 = Date.now();
    const g = only(await readWorkbook(buf), "DV");
    expect(Date.now() - t0).toBeLessThan(5000); // expanding would mean 17 billion entries
    expect(g.values).toEqual([["kind"]]);
  });
});

describe("readWorkbook: packages from other producers", () => {
  async function withNote(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Odd");
    ws.getCell("A1").value = "kept";
    ws.getCell("A1").note = "note";
    wb.addWorksheet("Second").getCell("B2").value = 2;
    return bytes(wb);
  }

  it("reads worksheets stored under unusual part names (and absolute targets)", async () => {
    const buf = await withNote();
    const dir = readZipDirectory(buf);
    const renamed = writeZip(
      dir.entries.map((e) => {
        if (e.name === "xl/worksheets/sheet1.xml") return { name: "xl/worksheets/data sheet.xml", copyFrom: buf, entry: e };
        if (e.name === "xl/worksheets/_rels/sheet1.xml.rels") return { name: "xl/worksheets/_rels/data sheet.xml.rels", copyFrom: buf, entry: e };
        if (e.name === "xl/_rels/workbook.xml.rels") {
          const x = extractEntry(buf, e).toString("utf8").replace('Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/data sheet.xml"');
          return { name: e.name, data: Buffer.from(x) };
        }
        return { name: e.name, copyFrom: buf, entry: e };
      }),
    );
    const back = await readWorkbook(renamed);
    expect(back.sheets.map((s) => s.name)).toEqual(["Odd", "Second"]);
    expect(cellAt(only(back, "Odd"), 0, 0)).toBe("kept");
  });

  it("refuses, naming the sheet, when a listed worksheet's part is missing", async () => {
    const buf = await withNote();
    const dir = readZipDirectory(buf);
    const broken = writeZip(dir.entries.filter((e) => e.name !== "xl/worksheets/sheet2.xml").map((e) => ({ name: e.name, copyFrom: buf, entry: e })));
    await expect(readWorkbook(broken)).rejects.toThrow(/sheet "Second" could not be read/);
  });
});
