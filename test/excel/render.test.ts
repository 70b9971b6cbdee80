// renderSheets / insertTemplate against the fake Excel: placement, ownership, names, safe text,
// formats and structure — and sync counts that grow only through payload chunking.
import { cellError } from "../../src/core/cells";
import type { SheetSpec, SpecCell, WorkbookSpec } from "../../src/core/sheetspec";
import { buildTemplate, LISTS_SHEET } from "../../src/core/template/build";
import { TEMPLATE_SHEETS } from "../../src/core/template/spec";
import { DEFAULT_CHUNK_BYTES, estimateRowBytes, OFFICE_PAYLOAD_LIMIT_BYTES } from "../../src/sheet/chunks";
import { findOwnedSheets, ownershipMarkName } from "../../src/sheet/ownership";
import { columnWidthPoints, insertTemplate, planSheetChunks, renderSheets, styleRects } from "../../src/excel";
import { computeReport } from "../../src/core/report/compute";
import { buildReport } from "../../src/core/report/tabs";
import { validateTemplate } from "../../src/core/template/validate";
import { smallMill, workbook } from "../helpers/fixtures";
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

const owned = () => findOwnedSheets(fake.names.map((n) => ({ name: n.name, ref: fake.nameFormula(n) })), fake.sheets.map((s) => s.name));
const deepCopy = <T>(x: T): T => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Set ? [...v] : v instanceof Map ? [...v] : v)));

function reportSpec(cells: Record<string, SpecCell> = {}): WorkbookSpec {
  const a: SheetSpec = {
    name: "Report A",
    kind: "report",
    rows: [[{ v: "Total", style: "label" }, { f: "SUM('Report B'!B1:B2)", v: 3, numFmt: "0.00" }]],
    tabColor: "1F6F78",
  };
  const b: SheetSpec = { name: "Report B", kind: "report", rows: [[{ v: "x" }, { v: 1 }], [{ v: "y" }, { v: 2 }]] };
  for (const [ref, c] of Object.entries(cells)) {
    const m = /^([A-Z])(\d+)$/.exec(ref)!;
    const r = Number(m[2]) - 1;
    const col = m[1].charCodeAt(0) - 65;
    while (a.rows.length <= r) a.rows.push([]);
    a.rows[r][col] = c;
  }
  return { sheets: [a, b] };
}

describe("insertTemplate", () => {
  it("draws the whole template in 2 syncs, marked as AluTrace's, lists very hidden", async () => {
    setup();
    fake.addSheet("Sheet1");
    const spec = buildTemplate("bilingual");
    const r = await insertTemplate("bilingual");
    expect(fake.syncs).toBe(2);
    expect(r.placed).toEqual(spec.sheets.map((s) => s.name));
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...spec.sheets.map((s) => s.name)]);
    expect(owned().map((o) => o.sheetName).sort()).toEqual(spec.sheets.map((s) => s.name).sort());
    expect(fake.sheet(LISTS_SHEET).visibility).toBe("VeryHidden");
    expect(fake.activeSheetId).toBe(fake.sheet(spec.sheets[0].name).id);
    expect(fake.sheet("Sheet1").writes).toBe(0);
    // Defined names for the code lists, tables, validations, merges, freeze, widths, tab colour.
    for (const d of spec.definedNames ?? []) expect(fake.names.find((n) => n.name === d.name)?.formula).toBe(`=${d.ref}`);
    const first = TEMPLATE_SHEETS[0];
    const ws = fake.sheet(first.name);
    const sheetSpec = spec.sheets.find((s) => s.name === first.name)!;
    expect(fake.tables.filter((t) => t.sheet === ws).map((t) => t.name)).toEqual([first.table]);
    expect(ws.validations.length).toBe(sheetSpec.validations!.length);
    const list = ws.validations.find((v) => (v.rule as { list?: unknown }).list);
    if (list) expect((list.rule as { list: { source: string } }).list.source).toMatch(/^='_AluTrace_Lists'!\$[A-Z]+\$2:/);
    expect(ws.merges).toEqual(sheetSpec.merges);
    expect(ws.freeze).toEqual(sheetSpec.freeze);
    expect(ws.tabColor).toBe("#1F6F78");
    expect(ws.colWidths.get(0)).toBe(columnWidthPoints(sheetSpec.columnWidths![0]));
    // Header text and its note; input cells' number format.
    expect(fake.value(first.name, "A3")).toBe(sheetSpec.rows[2][0].v);
    expect(ws.notes.get("A3")).toBe(sheetSpec.rows[2][0].note);
    const fmtCol = sheetSpec.rows[3].findIndex((c) => c.numFmt === "@");
    if (fmtCol >= 0) expect(fake.cellAt(ws, 3, fmtCol)?.fmt).toBe("@");
    // Styles go on as rectangles, not per cell.
    expect(ws.fmtOps.filter((o) => o.prop === "fill.color").length).toBeLessThan(10);
  });

  it("a second insert adds new sheets beside the first, touching none of the filled ones", async () => {
    setup();
    fake.addSheet("Sheet1");
    await insertTemplate("en");
    const first = TEMPLATE_SHEETS[1].name;
    const ws = fake.sheet(first);
    fake.setCell(ws, 3, 0, { v: "SUPPLIER DATA", t: "String" });
    const before = deepCopy(ws);
    const tablesBefore = fake.tables.map((t) => t.name);
    fake.syncs = 0;
    const r = await insertTemplate("en");
    expect(fake.syncs).toBe(2);
    expect(r.placed).toContain(`${first} (2)`);
    expect(deepCopy(fake.sheet(first))).toEqual(before);
    // Both copies stay AluTrace's: the second takes marks of its own.
    expect(owned().length).toBe(2 * buildTemplate("en").sheets.length);
    // Table names are workbook-wide: the second copy gets its own.
    expect(fake.tables.map((t) => t.name)).toEqual(expect.arrayContaining(tablesBefore));
    expect(new Set(fake.tables.map((t) => t.name.toUpperCase())).size).toBe(fake.tables.length);
  });

  it("writes notes only where ExcelApi 1.18 is there", async () => {
    setup({ excelApi: "1.17" });
    fake.addSheet("Sheet1");
    await insertTemplate("en");
    expect(fake.sheets.every((s) => s.notes.size === 0)).toBe(true);
  });
});

describe("renderSheets", () => {
  it("never writes to a user's sheet with a colliding name; formulas follow the free name", async () => {
    setup();
    const user = fake.addSheet("Report B", [["my", "own"], ["data", 42]]);
    const before = deepCopy(user);
    const r = await renderSheets(reportSpec(), { replaceOwned: true });
    expect(r.placed).toEqual(["Report A", "Report B (2)"]);
    expect(user.writes).toBe(0);
    expect(deepCopy(fake.sheet("Report B"))).toEqual(before);
    expect(fake.value("Report A", "B1")).toEqual({ formula: "=SUM('Report B (2)'!B1:B2)" });
    expect(fake.value("Report B (2)", "A2")).toBe("y");
    expect(owned().map((o) => o.sheetName).sort()).toEqual(["Report A", "Report B (2)"]);
  });

  it("a re-export deletes AluTrace's earlier sheets and draws fresh ones in their place (no stale cells)", async () => {
    setup();
    fake.addSheet("Intro");
    await renderSheets(reportSpec({ Z99: { v: "stale" } }), { replaceOwned: true });
    fake.addSheet("After");
    const oldA = fake.sheet("Report A");
    const oldB = fake.sheet("Report B");
    expect(fake.value("Report A", "Z99")).toBe("stale");
    const namesBefore = fake.names.length;
    fake.syncs = 0;
    const r = await renderSheets(reportSpec(), { replaceOwned: true });
    expect(fake.syncs).toBe(2);
    expect(r.placed).toEqual(["Report A", "Report B"]);
    expect((r as unknown as { sheets: { action: string }[] }).sheets.map((s) => s.action)).toEqual(["replaced", "replaced"]);
    expect(oldA.deleted).toBe(true);
    expect(oldB.deleted).toBe(true);
    expect(fake.sheet("Report A")).not.toBe(oldA);
    expect(fake.value("Report A", "Z99")).toBeNull();
    expect(fake.value("Report A", "B1")).toEqual({ formula: "=SUM('Report B'!B1:B2)" });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Intro", "Report A", "Report B", "After"]);
    expect(fake.names.length).toBe(namesBefore); // marks replaced, not piled up
    expect(fake.sheet("Intro").writes + fake.sheet("After").writes).toBe(0);
  });

  it("finds its sheets by the mark even after the user renamed them", async () => {
    setup();
    fake.addSheet("Intro");
    await renderSheets(reportSpec(), { replaceOwned: true });
    fake.sheet("Report A").name = "My renamed report";
    await renderSheets(reportSpec(), { replaceOwned: true });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Intro", "Report A", "Report B"]);
  });

  it("with replaceOwned false, a renamed AluTrace sheet keeps its mark (its role is not taken over)", async () => {
    setup();
    fake.addSheet("Intro");
    await renderSheets(reportSpec(), { replaceOwned: true });
    fake.sheet("Report A").name = "Mine now";
    const r = await renderSheets(reportSpec(), { replaceOwned: false });
    expect(r.placed).toEqual(["Report A", "Report B (2)"]);
    expect(owned().map((o) => o.sheetName).sort()).toEqual(["Mine now", "Report A", "Report B", "Report B (2)"]);
    // A later replacing export replaces the first copy (found by its mark, "Mine now") in place and
    // leaves the second copies alone; "Report A" being held by the second copy, the new one is "(2)".
    const mine = fake.sheet("Mine now");
    await renderSheets(reportSpec(), { replaceOwned: true });
    expect(mine.deleted).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Intro", "Report A (2)", "Report B", "Report A", "Report B (2)"]);
  });

  it("with replaceOwned false, leaves AluTrace's earlier sheets alone and takes free names", async () => {
    setup();
    fake.addSheet("Intro");
    await renderSheets(reportSpec(), { replaceOwned: true });
    const oldA = fake.sheet("Report A");
    const r = await renderSheets(reportSpec(), { replaceOwned: false });
    expect(r.placed).toEqual(["Report A (2)", "Report B (2)"]);
    expect(oldA.deleted).toBeUndefined();
  });

  it("keeps text as text: formula-like, numeric-looking and error-looking text never change", async () => {
    setup();
    fake.addSheet("Intro");
    const texts = ["=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "-1+2", "@SUM(A1:A2)", "'quoted", "0012", "45%", "2024-01-05", "TRUE", "#N/A", "＝1+1", "plain"];
    const rows: SpecCell[][] = texts.map((t) => [{ v: t }]);
    rows.push([{ v: cellError("#N/A") }], [{ v: 42 }], [{ v: false }], [{ f: "1+1", v: 2 }]);
    await renderSheets({ sheets: [{ name: "Texts", kind: "findings", rows }] }, { replaceOwned: true });
    const ws = fake.sheet("Texts");
    texts.forEach((t, i) => {
      const c = fake.cellAt(ws, i, 0)!;
      expect(c.f).toBeUndefined();
      expect(c.t).toBe("String");
      expect(c.v).toBe(t);
    });
    const n = texts.length;
    expect(fake.cellAt(ws, n, 0)).toMatchObject({ t: "Error", v: "#N/A" });
    expect(fake.cellAt(ws, n + 1, 0)).toMatchObject({ t: "Double", v: 42 });
    expect(fake.cellAt(ws, n + 2, 0)).toMatchObject({ t: "Boolean", v: false });
    expect(fake.cellAt(ws, n + 3, 0)?.f).toBe("=1+1");
  });

  it("shifts date serials in a 1904 workbook", async () => {
    setup({ date1904: true });
    fake.addSheet("Intro");
    await renderSheets({ sheets: [{ name: "D", kind: "report", rows: [[{ v: 45658, date: true }]] }] }, { replaceOwned: true });
    expect(fake.cellAt(fake.sheet("D"), 0, 0)).toMatchObject({ v: 45658 - 1462, fmt: "yyyy-mm-dd" });
  });

  it("refuses to overwrite a user's defined name, before writing anything", async () => {
    setup();
    fake.addSheet("Intro");
    fake.addName("Totals", "=Intro!$A$1");
    const spec: WorkbookSpec = { ...reportSpec(), definedNames: [{ name: "Totals", ref: "'Report B'!$B$1:$B$2" }] };
    await expect(renderSheets(spec, { replaceOwned: true })).rejects.toMatchObject({ code: "name-conflict" });
    expect(fake.syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Intro"]);
  });

  it("gives a table a free name when the user has one of the same name", async () => {
    setup();
    const u = fake.addSheet("Mine", [["h"], [1]]);
    void u;
    fake.tables.push({ name: "tbl_x", sheet: fake.sheet("Mine"), r: { top: 0, left: 0, bottom: 1, right: 0 } } as never);
    await renderSheets({ sheets: [{ name: "T", kind: "report", rows: [[{ v: "a" }], [{ v: 1 }]], tables: [{ name: "tbl_x", range: { top: 0, left: 0, bottom: 1, right: 0 } }] }] }, { replaceOwned: true });
    expect(fake.tables.map((t) => t.name)).toEqual(["tbl_x", "tbl_x_2"]);
  });
});

describe("chunked writes", () => {
  const bigSpec = (n: number): WorkbookSpec => ({
    sheets: [
      {
        name: "R9_Data",
        kind: "report",
        rows: [
          ["id", "class", "mass t", "share", "source"].map((h) => ({ v: h, style: "header" as const })),
          ...Array.from({ length: n }, (_, i): SpecCell[] => [
            { v: `INPUT-${i}`, numFmt: "@" },
            { v: i % 3 ? "post_consumer_scrap" : "pre_consumer_scrap_external" },
            { v: 1000 + i / 8, numFmt: "#,##0.000" },
            { f: `C${i + 2}/SUM(C:C)`, v: 0, numFmt: "0.00%", style: "computed" },
            { v: `'Metal inputs'!C${i + 4}`, style: "note" },
          ]),
        ],
        columnWidths: [14, 28, 12, 10, 24],
        freeze: { rows: 1, cols: 1 },
      },
    ],
  });

  it("plans a 100,000-row sheet in blocks each under the 5 MB limit as estimated by estimateRowBytes", () => {
    const s = bigSpec(100_000).sheets[0];
    const { chunks, rows, cols } = planSheetChunks(s);
    expect(rows).toBe(100_001);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((n, c) => n + c.rowCount, 0)).toBe(rows);
    for (const c of chunks) {
      let est = 0;
      for (let r = c.startRow; r < c.startRow + c.rowCount; r++) est += estimateRowBytes(s.rows[r], cols);
      expect(est).toBeLessThanOrEqual(c.bytes);
      expect(c.bytes).toBeLessThanOrEqual(DEFAULT_CHUNK_BYTES);
      expect(c.bytes).toBeLessThan(OFFICE_PAYLOAD_LIMIT_BYTES);
    }
    // Styles: one rectangle per styled column run, whatever the row count.
    expect(styleRects(s.rows).length).toBe(3);
  });

  it.each([10, 1_000])("renders %i rows in 2 syncs", async (n) => {
    setup();
    fake.addSheet("Intro");
    await renderSheets(bigSpec(n), { replaceOwned: true });
    expect(fake.syncs).toBe(2);
    expect(fake.value("R9_Data", `A${n + 1}`)).toBe(`INPUT-${n - 1}`);
  });

  it("renders 100,000 rows: extra syncs only for payload chunks, each request under 5 MB", async () => {
    setup();
    fake.addSheet("Intro");
    const spec = bigSpec(100_000);
    await renderSheets(spec, { replaceOwned: true });
    const { chunks } = planSheetChunks(spec.sheets[0]);
    // One read sync, then the row blocks: a small last block and the finishing calls ride on an
    // earlier sync when they fit, so no more write syncs than blocks, and no fewer than the bytes need.
    const writes = fake.syncs - 1;
    const estimated = chunks.reduce((n, c) => n + c.bytes, 0);
    expect(writes).toBeLessThanOrEqual(chunks.length);
    expect(writes).toBeGreaterThanOrEqual(Math.ceil(estimated / (OFFICE_PAYLOAD_LIMIT_BYTES * 0.9)));
    for (const s of fake.log) expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(fake.suspendCalls).toBe(writes);
    const ws = fake.sheet("R9_Data");
    expect(fake.value("R9_Data", "A100001")).toBe("INPUT-99999");
    expect(fake.cellAt(ws, 100_000, 3)?.f).toBe("=C100001/SUM(C:C)");
    expect(fake.cellAt(ws, 100_000, 2)?.fmt).toBe("#,##0.000");
    expect(ws.freeze).toEqual({ rows: 1, cols: 1 });
  }, 120_000);
});

describe("units", () => {
  it("converts character widths to points as Excel does for Calibri 11", () => {
    expect(columnWidthPoints(8.43)).toBe(44.25); // 59 px
    expect(columnWidthPoints(10)).toBe(52.5); // 70 px
    expect(columnWidthPoints(34)).toBe(178.5); // 238 px
  });
  it("marks are per kind and spec name", () => {
    expect(ownershipMarkName("report", "Report A")).toMatch(/^_AluTrace_report_Report_A_/);
  });
});

describe("payload estimates are upper bounds of what is sent", () => {
  // The report's data tab is formulas full of quoted texts ("run_around_scrap" …); an estimate that
  // left out JSON escapes or the "General" format once let a 100,000-row export send 5.4 MB.
  const val = validateTemplate(workbook(smallMill()));
  const spec = buildReport(val, computeReport(val), { sourceName: "mill.xlsx", sourceSha256: "ab", alutraceVersion: "test", generatedAt: "2026-01-01T00:00:00.000Z" });

  it("every row of every report tab: estimateRowBytes ≥ the JSON of its formulas and formats", () => {
    let rows = 0;
    for (const sheet of spec.sheets) {
      const { cols } = planSheetChunks(sheet);
      for (const row of sheet.rows) {
        const values = Array.from({ length: cols }, (_x, c) => {
          const cell = row?.[c];
          if (!cell) return "";
          if (cell.f !== undefined) return `=${cell.f}`;
          return cell.v ?? "";
        });
        const formats = Array.from({ length: cols }, (_x, c) => row?.[c]?.numFmt ?? (row?.[c]?.date ? "yyyy-mm-dd" : "General"));
        expect(estimateRowBytes(row, cols)).toBeGreaterThanOrEqual(JSON.stringify(values).length + JSON.stringify(formats).length);
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(100);
  });

  it("rendered in small blocks, no sync carries more than the planned budget", async () => {
    setup();
    const chunkBytes = 16 * 1024;
    await renderSheets(spec, { replaceOwned: true, chunkBytes });
    expect(fake.syncs).toBeGreaterThan(3);
    for (const s of fake.log) expect(s.requestBytes).toBeLessThanOrEqual(chunkBytes * 1.125 + 60 * s.ops);
  });
});
