/** SheetSpec → .xlsx (exceljs) → readWorkbook: what goes in comes back out. */
import * as ExcelJS from "exceljs";
import { cellAt, cellError, formatAt, Grid, WorkbookGrids } from "../../src/core/cells";
import { cell, formulaCell, SheetSpec, WorkbookSpec } from "../../src/core/sheetspec";
import { readWorkbook } from "../../src/xlsx/read";
import { renderWorkbook, SheetSpecError, toBuffer } from "../../src/xlsx/write";
import { readZipDirectory, extractEntry } from "../../src/xlsx/zip";

const serial = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;

function sheet(name: string, rows: SheetSpec["rows"], extra: Partial<SheetSpec> = {}): SheetSpec {
  return { name, kind: "report", rows, ...extra };
}

function grid(wb: WorkbookGrids, name: string): Grid {
  const g = wb.sheets.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name}`);
  return g;
}

function partText(buf: Buffer, name: string): string {
  const dir = readZipDirectory(buf);
  const e = dir.byName.get(name);
  if (!e) throw new Error(`no part ${name}`);
  return extractEntry(buf, e).toString("utf8");
}

describe("round trip spec → xlsx → grids", () => {
  const spec: WorkbookSpec = {
    sheets: [
      sheet(
        "Data",
        [
          [cell("Name", { style: "header" }), cell("Mass t", { style: "header" }), cell("Ok", { style: "header" }), cell("Date", { style: "header" })],
          [cell("Alpha 铝"), cell(12.5, { numFmt: "0.00" }), cell(true), cell(serial(2025, 3, 9), { date: true })],
          [cell("Beta"), cell(-0.000123), cell(false), cell(serial(1900, 3, 1) + 0.5, { date: true, numFmt: "yyyy-mm-dd hh:mm" })],
          [cell(cellError("#N/A")), cell(null), cell(""), cell(null, { style: "input" })],
          [formulaCell("SUM(B2:B3)", 12.499877), formulaCell('IF(B2>1,"big","")', "big"), formulaCell("1/0", cellError("#DIV/0!")), formulaCell("D2+1", serial(2025, 3, 10), { date: true })],
          [formulaCell("B2>1", true), formulaCell('IF(B2>100,"x","")', ""), formulaCell("NA()", null), cell(45725.123456789012, { date: true, numFmt: "yyyy-mm-dd hh:mm:ss" })],
        ],
        { columnWidths: [20, 12, 8, 14], freeze: { rows: 1, cols: 1 }, tabColor: "#1F4E78" },
      ),
    ],
  };

  let back: WorkbookGrids;
  let buf: Buffer;
  beforeAll(async () => {
    buf = await toBuffer(spec);
    back = await readWorkbook(buf);
  });

  it("keeps values, types and blanks", () => {
    const g = grid(back, "Data");
    expect(cellAt(g, 0, 0)).toBe("Name");
    expect(cellAt(g, 1, 0)).toBe("Alpha 铝");
    expect(cellAt(g, 1, 1)).toBe(12.5);
    expect(cellAt(g, 1, 2)).toBe(true);
    expect(cellAt(g, 2, 1)).toBe(-0.000123);
    expect(cellAt(g, 2, 2)).toBe(false);
    expect(cellAt(g, 3, 0)).toEqual(cellError("#N/A"));
    expect(cellAt(g, 3, 1)).toBeNull();
    expect(cellAt(g, 3, 3)).toBeNull();
  });

  it("gives formulas' cached results, including empty text, errors and booleans", () => {
    const g = grid(back, "Data");
    expect(cellAt(g, 4, 0)).toBe(12.499877);
    expect(cellAt(g, 4, 1)).toBe("big");
    expect(cellAt(g, 4, 2)).toEqual(cellError("#DIV/0!"));
    expect(cellAt(g, 5, 0)).toBe(true);
    expect(cellAt(g, 5, 1)).toBe("");
  });

  it("reports a formula written without a cached result instead of calling it blank", () => {
    const g = grid(back, "Data");
    expect(cellAt(g, 5, 2)).toBeNull();
    expect(g.formulasWithoutResult).toEqual([{ row: 5, col: 2 }]);
  });

  it("keeps date serials exactly, with their number formats", () => {
    const g = grid(back, "Data");
    expect(cellAt(g, 1, 3)).toBe(serial(2025, 3, 9));
    expect(formatAt(g, 1, 3)).toBe("yyyy-mm-dd");
    expect(cellAt(g, 2, 3)).toBe(serial(1900, 3, 1) + 0.5);
    expect(formatAt(g, 2, 3)).toBe("yyyy-mm-dd hh:mm");
    expect(cellAt(g, 4, 3)).toBe(serial(2025, 3, 10));
    expect(cellAt(g, 5, 3)).toBe(45725.123456789012); // times exactly, not rounded to the millisecond
    expect(formatAt(g, 1, 1)).toBe("0.00");
  });

  it("trims rows to their last non-blank cell and marks the sheet as AluTrace's", () => {
    const g = grid(back, "Data");
    expect(g.values).toHaveLength(6);
    expect(g.values[3]).toHaveLength(3); // "" at C4 is text, the styled blank D4 is not kept
    expect(g.numberFormats).toHaveLength(g.values.length);
    expect(back.ownedSheets).toEqual(["Data"]);
    expect(back.date1904).toBeUndefined();
  });

  it("writes formulas with cached values, freeze panes, tab colour and column widths", () => {
    const xml = partText(buf, "xl/worksheets/sheet1.xml");
    expect(xml).toContain("<f>SUM(B2:B3)</f><v>12.499877</v>");
    expect(xml).toMatch(/<pane [^>]*state="frozen"/);
    expect(xml).toContain('rgb="FF1F4E78"');
    expect(xml).toMatch(/<col min="1" max="1" width="20"/);
  });
});

describe("dates in a 1904 workbook", () => {
  it("reads serials in the workbook's own date system and flags it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("D");
    ws.getCell("A1").value = new Date(Date.UTC(2025, 0, 1));
    ws.getCell("A1").numFmt = "yyyy-mm-dd";
    ws.getCell("A2").value = 100;
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(partText(buf, "xl/workbook.xml")).toMatch(/date1904="1"/);
    const back = await readWorkbook(buf);
    expect(back.date1904).toBe(true);
    // 2025-01-01 is serial 45658 in the 1900 system and 45658 − 1462 in the 1904 system.
    expect(cellAt(back.sheets[0], 0, 0)).toBe(serial(2025, 1, 1) - 1462);
    expect(cellAt(back.sheets[0], 1, 0)).toBe(100);
  });

  it("renders a spec into a 1904 workbook by shifting date serials", async () => {
    const buf = await toBuffer({ sheets: [sheet("D", [[cell(serial(2025, 1, 1), { date: true })], [cell(7)]])] }, { date1904: true });
    const back = await readWorkbook(buf);
    expect(back.date1904).toBe(true);
    expect(cellAt(back.sheets[0], 0, 0)).toBe(serial(2025, 1, 1) - 1462);
    expect(cellAt(back.sheets[0], 1, 0)).toBe(7);
  });
});

describe("formula injection", () => {
  const risky = ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")", "'quoted", "＝1+1"];
  it("writes formula-like text as text and reads it back unchanged", async () => {
    const buf = await toBuffer({ sheets: [sheet("T", risky.map((t) => [cell(t)]))] });
    const xml = partText(buf, "xl/worksheets/sheet1.xml");
    expect(xml).not.toContain("<f>");
    const back = await readWorkbook(buf);
    expect(back.sheets[0].values.map((r) => r[0])).toEqual(risky);
  });
});

describe("spec checks", () => {
  it("refuses bad sheet names, duplicate names and oversized text with a message naming the place", () => {
    expect(() => renderWorkbook({ sheets: [sheet("a/b", [])] })).toThrow(/contains "\/"/);
    expect(() => renderWorkbook({ sheets: [sheet("X", []), sheet("x", [])] })).toThrow(/Two sheets are named "x"/);
    expect(() => renderWorkbook({ sheets: [sheet("X", [[cell("y".repeat(40_000))]])] })).toThrow(/X!A1: text of 40000 characters/);
    expect(() => renderWorkbook({ sheets: [sheet("X", [[cell(Number.NaN)]])] })).toThrow(SheetSpecError);
    expect(() => renderWorkbook({ sheets: [sheet("X", [[cell(1)]], { visibility: "hidden" })] })).toThrow(/visible/);
    expect(() =>
      renderWorkbook({ sheets: [sheet("X", [[cell("a"), cell("b")]], { merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] })] }),
    ).toThrow(/X!B1 has a value but lies inside merge A1:B1/);
  });
});

describe("sheet features in the written file", () => {
  const spec: WorkbookSpec = {
    sheets: [
      sheet(
        "Inputs",
        [
          [cell("Product", { style: "header" }), cell("Mass t", { style: "header" }), cell(2025, { style: "header" })],
          [cell("P1", { note: "Use the product id from the Products sheet" }), cell(10, { style: "input" }), formulaCell("B2*0", 0)],
          [cell("P2"), cell(5, { style: "input" }), formulaCell("B3>100", false)],
        ],
        {
          tables: [{ name: "tbl_inputs", range: { top: 0, left: 0, bottom: 2, right: 2 } }],
          validations: [
            { type: "list", range: { top: 1, left: 0, bottom: 5000, right: 0 }, source: "=_AluTrace_Lists_products", allowBlank: true, prompt: "Pick a product", error: "Not in the list" },
            { type: "decimal", range: { top: 1, left: 1, bottom: 5000, right: 1 }, min: 0, allowBlank: true },
            { type: "date", range: { top: 1, left: 3, bottom: 5000, right: 3 }, allowBlank: false },
          ],
        },
      ),
      { ...sheet("_Lists", [[cell("P1")], [cell("P2")]]), kind: "codelists", visibility: "veryHidden" },
      { ...sheet("Hidden", [[cell(1)]]), visibility: "hidden" },
    ],
    definedNames: [{ name: "_AluTrace_Lists_products", ref: "'_Lists'!$A$1:$A$2" }],
  };

  let buf: Buffer;
  beforeAll(async () => {
    buf = await toBuffer(spec);
  });

  it("adds the table over the data without losing cached zero/FALSE results", async () => {
    const table = partText(buf, "xl/tables/table1.xml");
    expect(table).toMatch(/name="tbl_inputs" displayName="tbl_inputs" ref="A1:C3"/);
    expect(table).toContain('<tableColumn id="3" name="2025"');
    const back = await readWorkbook(buf);
    const g = grid(back, "Inputs");
    expect(g.values).toEqual([["Product", "Mass t", "2025"], ["P1", 10, 0], ["P2", 5, false]]);
    expect(g.formulasWithoutResult).toBeUndefined();
  });

  it("writes each validation once for its whole range", () => {
    const xml = partText(buf, "xl/worksheets/sheet1.xml");
    expect(xml.match(/<dataValidation /g)).toHaveLength(3);
    expect(xml).toMatch(/<dataValidation type="list" allowBlank="1" showInputMessage="1" prompt="Pick a product" showErrorMessage="1" errorStyle="stop" error="Not in the list" sqref="A2:A5001"><formula1>_AluTrace_Lists_products<\/formula1>/);
    expect(xml).toMatch(/type="decimal" operator="greaterThanOrEqual" allowBlank="1"[^>]*sqref="B2:B5001"><formula1>0<\/formula1>/);
    expect(xml).toMatch(/type="date"[^>]*sqref="D2:D5001"><formula1>1<\/formula1><formula2>2958465<\/formula2>/);
  });

  it("writes notes, visibility, defined names and ownership marks", async () => {
    expect(partText(buf, "xl/comments1.xml")).toContain("Use the product id from the Products sheet");
    const wb = partText(buf, "xl/workbook.xml");
    expect(wb).toMatch(/name="_Lists" state="veryHidden"/);
    expect(wb).toMatch(/name="Hidden" state="hidden"/);
    expect(wb).toMatch(/<definedName name="_AluTrace_Lists_products">&apos;_Lists&apos;!\$A\$1:\$A\$2<\/definedName>/);
    expect(wb).toMatch(/activeTab="0"/);
    const back = await readWorkbook(buf);
    expect(back.ownedSheets).toEqual(["Inputs", "_Lists", "Hidden"]);
    expect(grid(back, "_Lists").hidden).toBe(true);
  });
});
