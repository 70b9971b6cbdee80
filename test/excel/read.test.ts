// readWorkbookGrids against the fake Excel: value mapping, formats, hidden rows, merges, date
// system, ownership — and a constant number of syncs whatever the row count.
import type { Cell } from "../../src/core/cells";
import { cellError } from "../../src/core/cells";
import { DEFAULT_CHUNK_BYTES } from "../../src/sheet/chunks";
import { ownershipMarkName } from "../../src/sheet/ownership";
import { ExcelHostError, readWorkbookGrids, supportsExcelApi, officeCell } from "../../src/excel";
import { parseAreaList, rowsNotCovered, splitAddressList } from "../../src/excel/grid";
import { FakeExcel, PAYLOAD_LIMIT } from "./fake-excel";

let fake: FakeExcel;

function setup(opts: ConstructorParameters<typeof FakeExcel>[0] = {}): FakeExcel {
  fake = new FakeExcel(opts);
  fake.install();
  return fake;
}

afterEach(() => {
  expect(fake?.violations ?? []).toEqual([]);
  FakeExcel.uninstall();
});

describe("officeCell", () => {
  it("maps error strings to CellError only when valueTypes says Error", () => {
    expect(officeCell("#N/A", "Error")).toEqual(cellError("#N/A"));
    expect(officeCell("#N/A", "String")).toBe("#N/A");
    expect(officeCell("#DIV/0!", "Error")).toEqual(cellError("#DIV/0!"));
    expect(officeCell("#WHATEVER", "Error")).toEqual(cellError("#UNKNOWN!"));
    expect(officeCell("", "Empty")).toBeNull();
    expect(officeCell("", "String")).toBe(""); // a formula returning ""
    expect(officeCell(3.5, "Double")).toBe(3.5);
    expect(officeCell(true, "Boolean")).toBe(true);
    expect(officeCell("Display text", "RichValue")).toBe("Display text");
  });
});

describe("address helpers", () => {
  it("splits area lists at commas outside quoted sheet names", () => {
    expect(splitAddressList("'A, B'!A1:B2, 'It''s'!C3,Sheet1!D4")).toEqual(["'A, B'!A1:B2", "'It''s'!C3", "Sheet1!D4"]);
    expect(parseAreaList("'A, B'!A1:B2, Sheet1!$C$3")).toEqual([
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 2, left: 2, bottom: 2, right: 2 },
    ]);
    expect(parseAreaList("S!3:5")).toEqual([{ top: 2, left: 0, bottom: 4, right: 16383 }]);
    expect(rowsNotCovered(2, 8, [{ top: 2, left: 0, bottom: 3, right: 1 }, { top: 6, left: 0, bottom: 7, right: 0 }])).toEqual([4, 5, 8]);
  });
});

describe("readWorkbookGrids", () => {
  it("reads values, types, formats, visibility, ownership and the date system", async () => {
    setup({ date1904: true, workbookName: "Mill 2025.xlsx" });
    const data = fake.addSheet("Data", [], {});
    // Data starts at C3: the grid still counts from A1.
    const rows: Cell[][] = [
      [null, null, null],
      [null, null, null],
      [null, null, "id", "mass", "note"],
      [null, null, "P1", 12.5, "#N/A"],
      [null, null, "P2", cellError("#DIV/0!"), null],
      [null, null, null, null, null],
      [null, null, "P3", true, "=not a formula, just text"],
    ];
    rows.forEach((r, i) => r.forEach((v, j) => v !== null && fake.setCell(data, i, j, v && typeof v === "object" ? { v: v.code, t: "Error" } : typeof v === "number" ? { v, t: "Double" } : typeof v === "boolean" ? { v, t: "Boolean" } : { v, t: "String" })));
    fake.cellAt(data, 3, 3)!.fmt = "#,##0.000";
    fake.cellAt(data, 3, 2)!.fmt = "General";
    fake.setCell(data, 9, 5, { v: null, t: "Empty", fmt: "0.00%" }); // formatted but empty: not data
    const lists = fake.addSheet("_AluTrace_Lists", [["a"], ["b"]], { visibility: "VeryHidden" });
    fake.addName(ownershipMarkName("codelists", "_AluTrace_Lists"), lists);
    fake.addName("UserName", data, "$C$3");

    const g = await readWorkbookGrids();
    expect(fake.syncs).toBe(3);
    expect(g.date1904).toBe(true);
    expect(g.sourceName).toBe("Mill 2025.xlsx");
    expect(g.ownedSheets).toEqual(["_AluTrace_Lists"]);
    const d = g.sheets[0];
    expect(d.name).toBe("Data");
    expect(d.hidden).toBeUndefined();
    expect(d.values).toEqual([[], [], [null, null, "id", "mass", "note"], [null, null, "P1", 12.5, "#N/A"], [null, null, "P2", cellError("#DIV/0!")], [], [null, null, "P3", true, "=not a formula, just text"]]);
    expect(typeof d.values[3][4]).toBe("string"); // TEXT "#N/A" stays text
    expect(d.numberFormats?.[3]?.[3]).toBe("#,##0.000");
    expect(d.numberFormats?.[3]?.[2]).toBeUndefined();
    expect(d.numberFormats?.length).toBe(d.values.length);
    expect(g.sheets[1]).toEqual({ name: "_AluTrace_Lists", values: [["a"], ["b"]], hidden: true });
  });

  it("reports hidden rows that hold data, from one visible-cells address per sheet", async () => {
    setup();
    const s = fake.addSheet("S", Array.from({ length: 10 }, (_, i) => [`r${i}`, i]));
    s.hiddenRows = new Set([2, 3, 7, 12]); // row 12 is empty: not reported
    s.hiddenCols = new Set([0]); // a hidden column does not hide rows
    const all = fake.addSheet("All", [["x"], ["y"]]);
    all.hiddenRows = new Set([0, 1]);
    fake.addSheet("None", [["x"]]);
    const g = await readWorkbookGrids();
    expect(g.sheets.map((x) => x.hiddenRows)).toEqual([[2, 3, 7], [0, 1], undefined]);
    expect(fake.syncs).toBe(3);
  });

  it("reports merges with ExcelApi 1.13, and leaves them out on older hosts", async () => {
    setup();
    const s = fake.addSheet("S", [["Title"], [], ["a", "b", "c"]]);
    s.merges = [{ top: 5, left: 1, bottom: 6, right: 2 }, { top: 0, left: 0, bottom: 0, right: 2 }];
    const g = await readWorkbookGrids();
    expect(g.sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }, { top: 5, left: 1, bottom: 6, right: 2 }]);
    FakeExcel.uninstall();
    setup({ excelApi: "1.12" });
    const s2 = fake.addSheet("S", [["Title"]]);
    s2.merges = [{ top: 0, left: 0, bottom: 0, right: 2 }];
    s2.hiddenRows = new Set([0]);
    const g2 = await readWorkbookGrids();
    expect(g2.sheets[0].merges).toBeUndefined();
    expect(g2.sheets[0].hiddenRows).toEqual([0]); // all rows hidden: rowHidden alone says so
  });

  it("works when Office.context.requirements is undefined (outside Office): manifest sets only", async () => {
    setup({ noRequirements: true });
    expect(supportsExcelApi("1.8")).toBe(true);
    expect(supportsExcelApi("1.9")).toBe(false);
    const s = fake.addSheet("S", [["a"], ["b"], ["c"]]);
    s.hiddenRows = new Set([1]);
    s.merges = [{ top: 0, left: 0, bottom: 0, right: 1 }];
    const g = await readWorkbookGrids();
    expect(g.sheets[0].values).toEqual([["a"], ["b"], ["c"]]);
    expect(g.sheets[0].hiddenRows).toBeUndefined(); // documented: mixed hidden rows need ExcelApi 1.9
    expect(g.sheets[0].merges).toBeUndefined();
  });

  it("rejects outside Excel with a message to show", async () => {
    fake = new FakeExcel();
    await expect(readWorkbookGrids()).rejects.toBeInstanceOf(ExcelHostError);
  });

  it("refuses workbooks over the cell limit before reading any value", async () => {
    setup();
    fake.addSheet("Big", Array.from({ length: 100 }, () => Array.from({ length: 10 }, () => 1)));
    await expect(readWorkbookGrids({ limits: { maxCells: 500 } })).rejects.toMatchObject({ code: "too-many-cells" });
    expect(fake.syncs).toBe(2);
  });

  const rowsOf = (n: number, cols = 8): Cell[][] => Array.from({ length: n }, (_, i) => Array.from({ length: cols }, (_, j) => (j === 0 ? `ID-${i}` : j === 1 ? "post_consumer_scrap" : i * 10 + j + 0.125)));

  it.each([10, 1_000])("takes 3 syncs for %i rows", async (n) => {
    setup();
    fake.addSheet("Data", rowsOf(n));
    fake.addSheet("Other", rowsOf(5, 3));
    const g = await readWorkbookGrids();
    expect(g.sheets[0].values.length).toBe(n);
    expect(fake.syncs).toBe(3);
  });

  it("reads 100,000 rows in payload-sized chunks: more syncs only through chunking, each under 5 MB", async () => {
    setup();
    const n = 100_000;
    fake.addSheet("Data", rowsOf(n));
    fake.addSheet("Small", rowsOf(10, 3));
    const g = await readWorkbookGrids();
    expect(g.sheets[0].values.length).toBe(n);
    expect(g.sheets[0].values[n - 1][0]).toBe(`ID-${n - 1}`);
    expect(g.sheets[1].values.length).toBe(10);
    const valueSyncs = fake.log.slice(2);
    expect(fake.syncs).toBe(2 + valueSyncs.length);
    for (const s of fake.log) expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
    // Chunking, not row count, sets the number of syncs: all but the last are well filled.
    const total = valueSyncs.reduce((a, s) => a + s.responseBytes, 0);
    expect(valueSyncs.length).toBeGreaterThan(1);
    expect(valueSyncs.length).toBeLessThanOrEqual(Math.ceil(total / (DEFAULT_CHUNK_BYTES / 4)) + 1);
  });

  it("re-plans smaller blocks when cells are larger than guessed (RequestPayloadSizeLimitExceeded)", async () => {
    setup();
    const long = "x".repeat(2_000);
    fake.addSheet("Text", Array.from({ length: 3_000 }, (_, i) => [`${i}`, long, long]));
    const g = await readWorkbookGrids();
    expect(g.sheets[0].values.length).toBe(3_000);
    expect(g.sheets[0].values[2_999][1]).toBe(long);
    const failed = fake.log.filter((s) => s.responseBytes > PAYLOAD_LIMIT);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const s of fake.log.slice(fake.log.indexOf(failed[failed.length - 1]) + 1)) expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
  });
});
