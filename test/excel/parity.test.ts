// Both hosts give the same grids: a spec drawn by the Office.js renderer and read back by the
// Office.js reader equals the same spec written to .xlsx by exceljs and read back by src/xlsx.
import { buildTemplate } from "../../src/core/template/build";
import type { WorkbookSpec } from "../../src/core/sheetspec";
import { cellError } from "../../src/core/cells";
import { readWorkbook } from "../../src/xlsx/read";
import { toBuffer } from "../../src/xlsx/write";
import { readWorkbookGrids, renderSheets } from "../../src/excel";
import { FakeExcel } from "./fake-excel";

let fake: FakeExcel;
afterEach(() => {
  expect(fake.violations).toEqual([]);
  FakeExcel.uninstall();
});

async function both(spec: WorkbookSpec) {
  fake = new FakeExcel();
  fake.install();
  fake.addSheet("Sheet1");
  await renderSheets(spec, { replaceOwned: true });
  const office = await readWorkbookGrids();
  const xlsx = await readWorkbook(await toBuffer(spec), { sourceName: fake.workbookName });
  return { office: { ...office, sheets: office.sheets.filter((s) => s.name !== "Sheet1") }, xlsx };
}

it("the blank template reads the same through both adapters", async () => {
  const { office, xlsx } = await both(buildTemplate("bilingual"));
  expect(office.sheets.map((s) => s.name)).toEqual(xlsx.sheets.map((s) => s.name));
  expect(office).toEqual(xlsx);
});

it("values, text that looks like formulas or errors, errors, dates and formats read the same", async () => {
  const spec: WorkbookSpec = {
    sheets: [
      {
        name: "Mixed",
        kind: "report",
        rows: [
          [{ v: "=1+1" }, { v: "#N/A" }, { v: cellError("#N/A") }, { v: "0012" }, { v: "-5" }],
          [{ v: 0.25, numFmt: "0.00%" }, { v: 45658, date: true }, { v: true }, { v: "" }, { v: "  " }],
          [],
          [null as never, { v: "after a gap", style: "note" }],
        ],
        merges: [{ top: 5, left: 0, bottom: 5, right: 2 }],
      },
    ],
  };
  const { office, xlsx } = await both(spec);
  expect(office).toEqual(xlsx);
});
