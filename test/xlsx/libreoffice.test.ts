/**
 * Interop: LibreOffice, an engine independent of ours, opens what we write and recalculates the
 * formulas; its values must match the cached results we wrote (except a deliberately stale one).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellAt, cellError, Grid, WorkbookGrids } from "../../src/core/cells";
import { cell, formulaCell, WorkbookSpec } from "../../src/core/sheetspec";
import { appendToWorkbook } from "../../src/xlsx/append";
import { writeWorkbookFile } from "../../src/xlsx/write";
import { itWithLibreOffice, recalcWithLibreOffice } from "../helpers/libreoffice";

function must(g: WorkbookGrids | null): WorkbookGrids {
  if (!g) throw new Error("LibreOffice (soffice) is not installed; CI requires this interop check. Install libreoffice-calc.");
  return g;
}

function sheet(g: WorkbookGrids, name: string): Grid {
  const s = g.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${g.sheets.map((x) => x.name).join(", ")}`);
  return s;
}

const spec: WorkbookSpec = {
  sheets: [
    {
      name: "Metal inputs",
      kind: "template",
      rows: [
        [cell("Product", { style: "header" }), cell("Kind", { style: "header" }), cell("Mass t", { style: "header" }), cell("Recycled share", { style: "header" })],
        [cell("P1"), cell("post"), cell(100, { style: "input" }), cell(0.5, { numFmt: "0%" })],
        [cell("P1"), cell("pre"), cell(50, { style: "input" }), cell(1, { numFmt: "0%" })],
        [cell("P2"), cell("post"), cell(25, { style: "input" }), cell(0.2, { numFmt: "0%" })],
        [cell("P2"), cell("primary"), cell(75, { style: "input" }), cell(0, { numFmt: "0%" })],
      ],
      tables: [{ name: "tbl_metal_inputs", range: { top: 0, left: 0, bottom: 4, right: 3 } }],
      validations: [{ type: "list", range: { top: 1, left: 1, bottom: 200, right: 1 }, source: '"post,pre,primary"', allowBlank: true, prompt: "Pick a kind", error: "Use the list" }],
      freeze: { rows: 1, cols: 0 },
      columnWidths: [12, 10, 10, 16],
    },
    {
      name: "R1 Figures",
      kind: "report",
      rows: [
        [cell("Figure", { style: "header" }), cell("Value", { style: "header" })],
        [cell("Total mass t"), formulaCell("SUM('Metal inputs'!C2:C5)", 250, { style: "computed" })],
        [cell("Recycled t"), formulaCell("SUMPRODUCT('Metal inputs'!C2:C5,'Metal inputs'!D2:D5)", 105, { numFmt: "0.0" })],
        [cell("P1 post t"), formulaCell("SUMIFS('Metal inputs'!C2:C5,'Metal inputs'!A2:A5,\"P1\",'Metal inputs'!B2:B5,\"post\")", 100)],
        [cell("Share"), formulaCell("IFERROR(B3/B2,0)", 0.42, { numFmt: "0.0%" })],
        [cell("Guarded"), formulaCell("IFERROR(1/0,\"n/a\")", "n/a")],
        // Deliberately stale: the right value is 250*2 = 500.
        [cell("Stale"), formulaCell("B2*2", 999)],
        [cell("Zero"), formulaCell("B2-B2", 0)],
        [cell("Error"), formulaCell("1/0", cellError("#DIV/0!"))],
        [cell("Future fn"), formulaCell("IFNA(NA(),7)", 7)],
        [cell("Date"), formulaCell("DATE(2025,3,9)", 45725, { date: true })],
      ],
      merges: [{ top: 12, left: 0, bottom: 12, right: 1 }],
      visibility: "visible",
      tabColor: "1F4E78",
    },
    { name: "_Lists", kind: "codelists", rows: [[cell("post")], [cell("pre")]], visibility: "veryHidden" },
  ],
  definedNames: [{ name: "_AluTrace_Lists_kind", ref: "'_Lists'!$A$1:$A$2" }],
};

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "alutrace-lo-test-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe("LibreOffice recalculation", () => {
  itWithLibreOffice("agrees with the cached results (and fixes the stale one)", async () => {
    const file = path.join(dir, "report.xlsx");
    await writeWorkbookFile(spec, file);
    const g = must(await recalcWithLibreOffice(file));
    const r = sheet(g, "R1 Figures");
    expect(cellAt(r, 1, 1)).toBe(250);
    expect(cellAt(r, 2, 1)).toBeCloseTo(105, 12);
    expect(cellAt(r, 3, 1)).toBe(100);
    expect(cellAt(r, 4, 1)).toBeCloseTo(0.42, 12);
    expect(cellAt(r, 5, 1)).toBe("n/a");
    expect(cellAt(r, 6, 1)).toBe(500); // recomputed, not our stale 999
    expect(cellAt(r, 7, 1)).toBe(0);
    expect(cellAt(r, 8, 1)).toEqual(cellError("#DIV/0!"));
    expect(cellAt(r, 9, 1)).toBe(7); // _xlfn.IFNA understood
    expect(cellAt(r, 10, 1)).toBe(45725);
    expect(r.formulasWithoutResult).toBeUndefined();
    // Sheets, visibility, ownership marks and the table's data survive the trip through LibreOffice.
    expect(g.sheets.map((s) => s.name)).toEqual(["Metal inputs", "R1 Figures", "_Lists"]);
    expect(sheet(g, "_Lists").hidden).toBe(true);
    expect(g.ownedSheets).toEqual(["Metal inputs", "R1 Figures", "_Lists"]);
    expect(cellAt(sheet(g, "Metal inputs"), 4, 2)).toBe(75);
    expect(sheet(g, "R1 Figures").merges).toEqual([{ top: 12, left: 0, bottom: 12, right: 1 }]);
  });

  itWithLibreOffice("opens a user's workbook after AluTrace appended and replaced its sheets", async () => {
    const user = path.join(dir, "user.xlsx");
    await writeWorkbookFile({ sheets: [{ name: "Metal inputs", kind: "template", rows: spec.sheets[0].rows }] }, user, { markOwnership: false });
    const out = path.join(dir, "user-report.xlsx");
    await appendToWorkbook(user, { sheets: spec.sheets.slice(1), definedNames: spec.definedNames }, out);
    await appendToWorkbook(out, { sheets: spec.sheets.slice(1), definedNames: spec.definedNames });
    const g = must(await recalcWithLibreOffice(out));
    expect(g.sheets.map((s) => s.name)).toEqual(["Metal inputs", "R1 Figures", "_Lists"]);
    const r = sheet(g, "R1 Figures");
    expect(cellAt(r, 1, 1)).toBe(250);
    expect(cellAt(r, 6, 1)).toBe(500);
    expect(g.ownedSheets).toEqual(["R1 Figures", "_Lists"]);
  });
});
