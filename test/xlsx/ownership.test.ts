/** The ownership mark follows a renamed sheet; AluTrace then still knows (and replaces) its own sheet. */
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellAt } from "../../src/core/cells";
import { cell, WorkbookSpec } from "../../src/core/sheetspec";
import { appendToWorkbook } from "../../src/xlsx/append";
import { readWorkbook } from "../../src/xlsx/read";
import { toBuffer, writeWorkbookFile } from "../../src/xlsx/write";
import { findSoffice, itWithLibreOffice, renameSheetWithLibreOffice } from "../helpers/libreoffice";

const spec = (v: number): WorkbookSpec => ({
  sheets: [
    { name: "Supplier data", kind: "template", rows: [[cell("Data")]] },
    { name: "R1 Cover", kind: "report", rows: [[cell(`Cover v${v}`)]] },
  ],
});

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "alutrace-own-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe("ownership marks", () => {
  it("are written for every sheet and read back as owned sheets", async () => {
    const g = await readWorkbook(await toBuffer(spec(1)));
    expect(g.ownedSheets).toEqual(["Supplier data", "R1 Cover"]);
  });

  itWithLibreOffice("survive a user renaming the sheet in a spreadsheet application (LibreOffice)", async () => {
    const src = path.join(dir, "report.xlsx");
    await writeWorkbookFile(spec(1), src);
    const renamed = path.join(dir, "renamed.xlsx");
    const done = await renameSheetWithLibreOffice(src, "R1 Cover", "Mein Deckblatt", renamed);
    if (!done) {
      if (findSoffice()) throw new Error("LibreOffice's Python bridge (python3-uno) is missing; it is needed to rename a sheet.");
      throw new Error("LibreOffice (soffice) is not installed; CI requires this interop check.");
    }
    const g = await readWorkbook(renamed);
    expect(g.sheets.map((s) => s.name)).toEqual(["Supplier data", "Mein Deckblatt"]);
    expect(g.ownedSheets).toEqual(["Supplier data", "Mein Deckblatt"]);
    // A re-export replaces the renamed sheet (keeping the user's name) instead of adding a second one.
    expect(await appendToWorkbook(renamed, spec(2))).toEqual(["Supplier data", "Mein Deckblatt"]);
    const again = await readWorkbook(renamed);
    expect(again.sheets.map((s) => s.name)).toEqual(["Supplier data", "Mein Deckblatt"]);
    expect(cellAt(again.sheets[1], 0, 0)).toBe("Cover v2");
  });

  it("renaming in exceljs's model does not update defined names (unlike Excel); the stale mark is ignored", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toBuffer(spec(1))) as unknown as ArrayBuffer);
    wb.getWorksheet("R1 Cover")!.name = "Renamed";
    const g = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(g.sheets.map((s) => s.name)).toEqual(["Supplier data", "Renamed"]);
    // The mark still says 'R1 Cover'!$A$1, a sheet that no longer exists: nothing is claimed for it.
    expect(g.ownedSheets).toEqual(["Supplier data"]);
  });
});
