// The task pane's actions end to end against the fake Excel: validate, export, select, findings
// sheet, highlight/clear, listSheets and the HostApi — with their sync counts.
import type { Finding } from "../../src/core/findings";
import type { Grid } from "../../src/core/cells";
import { createHash } from "node:crypto";
import { canonicalSheetValues, exportFiles } from "../../src/core/export/files";
import { buildReport, REPORT_SHEETS } from "../../src/core/report/tabs";
import { TEMPLATE_SHEETS } from "../../src/core/template/spec";
import { validateTemplate } from "../../src/core/template/validate";
import {
  clearHighlights,
  createExcelHost,
  exportReport,
  FINDINGS_SHEET,
  HIGHLIGHT_COLORS,
  HIGHLIGHT_SETTING,
  highlightAreas,
  highlightFindings,
  listSheets,
  MAX_HIGHLIGHT_AREAS,
  MAX_HIGHLIGHT_CELLS,
  selectCell,
  validate,
  writeFindingsSheet,
} from "../../src/excel";
import { isNoFill, settableFill, toStoredFill } from "../../src/excel/highlight";
import { smallMill, workbook, type RowInput } from "../helpers/fixtures";
import { FakeExcel, type Fill } from "./fake-excel";

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

function millData(extraInputs: number): ReturnType<typeof smallMill> {
  const d = smallMill();
  const extra: RowInput[] = Array.from({ length: extraInputs }, (_, i) => ({
    input_id: `X${i}`,
    input_class: i % 2 ? "post_consumer_scrap" : "pre_consumer_scrap_external",
    mass_t: 1 + (i % 7),
  }));
  d.metal_inputs = [...(d.metal_inputs ?? []), ...extra];
  return d;
}

/** Loads core grids into the fake, as a user's workbook. */
function load(grids: readonly Grid[]): void {
  for (const g of grids) fake.addSheet(g.name, g.values);
}

const metalSheet = TEMPLATE_SHEETS.find((s) => s.key === "metal_inputs")!.name;

describe("validate", () => {
  it.each([10, 1_000, 100_000])("gives the Node validator's findings for %i rows in 3 syncs (+ read chunks)", async (n) => {
    setup();
    const wb = workbook(millData(n));
    load(wb.sheets);
    // A bad cell, so that findings are not empty.
    const ws = fake.sheet(metalSheet);
    fake.setCell(ws, 4, 2, { v: "lots", t: "String" });
    const grids = { ...wb, sheets: wb.sheets.map((g) => (g.name === metalSheet ? { ...g, values: g.values.map((r, i) => (i === 4 ? r.map((v, j) => (j === 2 ? "lots" : v)) : r)) } : g)) };
    const v = await validate();
    const node = validateTemplate({ ...grids, ownedSheets: [], sourceName: fake.workbookName });
    expect(v.findings).toEqual(node.findings);
    expect(v.errors).toBeGreaterThan(0);
    const chunkSyncs = fake.log.slice(2).length;
    expect(fake.syncs).toBe(2 + chunkSyncs);
    if (n <= 1_000) expect(fake.syncs).toBe(3);
  }, 60_000);
});

describe("exportReport", () => {
  it("reads, validates, computes and writes the report tabs in 4 syncs; a re-export replaces them", async () => {
    setup();
    load(workbook(millData(10)).sheets);
    const r = await exportReport({ version: "test", now: () => new Date("2026-01-01T00:00:00Z") });
    expect(fake.syncs).toBe(4);
    expect(r.validation.errors).toBe(0);
    expect(r.placed).toEqual(Object.values(REPORT_SHEETS));
    const cover = fake.sheet(REPORT_SHEETS.cover);
    const read1 = fake.log.reduce((n, s) => n + s.responseBytes, 0);
    fake.syncs = 0;
    fake.log = [];
    const r2 = await exportReport({ version: "test" });
    expect(fake.syncs).toBe(4);
    // AluTrace's own report tabs are not read back as supplier data (nor read at all).
    expect(fake.log.reduce((n, s) => n + s.responseBytes, 0)).toBeLessThan(read1 * 1.5);
    expect(r2.validation.findings).toEqual(r.validation.findings);
    expect(r2.placed).toEqual(Object.values(REPORT_SHEETS));
    expect(r2.sheets.every((s) => s.action === "replaced")).toBe(true);
    expect(cover.deleted).toBe(true);
    // Supplier sheets are never written to.
    for (const s of TEMPLATE_SHEETS) if (fake.sheets.some((x) => x.name === s.name)) expect(fake.sheet(s.name).writes).toBe(0);
  });

  it("hands back the PACT, extension and CSV files, with a hash of the supplier sheets' values", async () => {
    setup();
    const wb = workbook(millData(5));
    load(wb.sheets);
    const r = await exportReport({ version: "test", now: () => new Date("2026-01-01T00:00:00Z") });
    // The same files the command line writes from the same validation, figures and provenance.
    const spec = buildReport(r.validation, r.figures, r.provenance);
    expect(r.files).toEqual(exportFiles(r.validation, r.figures, spec, r.provenance));
    expect(r.files.csv.map((f) => f.name)).toContain(`${REPORT_SHEETS.cover}.csv`);
    expect(r.files.pact.map((f) => f.name)).toContain("alutrace-extension.json");
    // Hash of what was read, by Web Crypto here, equal to Node's SHA-256 of the canonical text.
    const located = Object.values(r.validation.sheets).flatMap((d) => (d ? [d.sheet] : []));
    const text = canonicalSheetValues({ ...wb, ownedSheets: [] }, located);
    expect(r.provenance).toMatchObject({ sourceSha256: createHash("sha256").update(text, "utf8").digest("hex"), sourceSha256Of: "sheet-values" });
    expect(fake.value(REPORT_SHEETS.cover, cellOf(fake, REPORT_SHEETS.cover, "Source SHA-256"))).toBe(r.provenance.sourceSha256);
    // A change in any supplier value changes the hash.
    fake.setCell(fake.sheet(metalSheet), 3, 3, { v: 999, t: "Double" });
    const r2 = await exportReport({ version: "test", now: () => new Date("2026-01-01T00:00:00Z") });
    expect(r2.provenance.sourceSha256).not.toBe(r.provenance.sourceSha256);
  });

  it("leaves a user's sheet named like a report tab alone", async () => {
    setup();
    load(workbook(millData(3)).sheets);
    const mine = fake.addSheet(REPORT_SHEETS.cover, [["my cover"]]);
    const r = await exportReport();
    expect(r.placed[0]).toBe(`${REPORT_SHEETS.cover} (2)`);
    expect(mine.writes).toBe(0);
    expect(fake.value(REPORT_SHEETS.cover, "A1")).toBe("my cover");
  });

  it("refuses to make a report from data with errors, writing nothing", async () => {
    setup();
    load(workbook(millData(3)).sheets);
    fake.setCell(fake.sheet(metalSheet), 3, 2, { v: "lots", t: "String" });
    await expect(exportReport({ language: "zh-CN" })).rejects.toMatchObject({ code: "invalid-data", message: expect.stringMatching(/错误/) });
    expect(fake.syncs).toBe(3);
    expect(fake.sheets.some((s) => s.name === REPORT_SHEETS.cover)).toBe(false);
  });

  it.each([1_000, 100_000])("keeps 4 syncs at %i rows, plus payload chunks only", async (n) => {
    setup();
    load(workbook(millData(n)).sheets);
    const r = await exportReport();
    expect(r.validation.errors).toBe(0);
    // read: snapshot, extents, then value blocks; write: then row blocks of the report tabs.
    const readBlocks = fake.log.length - 1 - writeSyncs(r);
    expect(fake.syncs).toBe(1 + readBlocks + writeSyncs(r));
    if (n <= 1_000) expect(fake.syncs).toBe(4);
    else expect(fake.syncs).toBeGreaterThan(4);
    for (const s of fake.log) {
      expect(s.requestBytes).toBeLessThan(5 * 1024 * 1024);
      expect(s.responseBytes).toBeLessThan(5 * 1024 * 1024);
    }
    const data = fake.sheet(REPORT_SHEETS.data);
    expect(data.rows.length).toBeGreaterThan(n);
  }, 300_000);
});

/** Write syncs of an export: those after the last sync that loaded values (request-only syncs). */
function writeSyncs(r: { placed: string[] }): number {
  void r;
  let k = 0;
  for (let i = fake.log.length - 1; i >= 0 && fake.log[i].responseBytes < 1_000; i--) k++;
  return k;
}

describe("selectCell", () => {
  it("activates the sheet and selects the cell in 2 syncs", async () => {
    setup();
    fake.addSheet("A");
    const b = fake.addSheet("Data B", [["x"]]);
    await selectCell("Data B", "C7");
    expect(fake.activeSheetId).toBe(b.id);
    expect(fake.selection).toEqual({ sheet: "Data B", address: "C7" });
    expect(fake.syncs).toBe(2);
    await selectCell("data b", "$B$2:C4");
    expect(fake.selection).toEqual({ sheet: "Data B", address: "B2:C4" });
  });

  it("explains a hidden or missing sheet and a bad address", async () => {
    setup();
    fake.addSheet("A");
    fake.addSheet("H", [], { visibility: "Hidden" });
    await expect(selectCell("H", "A1")).rejects.toMatchObject({ code: "hidden-sheet" });
    await expect(selectCell("Gone", "A1")).rejects.toMatchObject({ code: "not-found" });
    await expect(selectCell("A", "not a cell")).rejects.toMatchObject({ code: "not-found" });
    expect(fake.runs).toBe(2);
  });
});

const finding = (sheet: string, cell: string, severity: Finding["severity"] = "error"): Finding => ({ sheet, cell, severity, code: "V1", message: `bad ${cell}`, messageZh: `错误 ${cell}` });

describe("row counts do not change the sync count of selectCell and listSheets", () => {
  it.each([10, 1_000, 100_000])("%i rows: 2 syncs each", async (n) => {
    setup();
    fake.addSheet("Data", Array.from({ length: n }, (_, i) => [`r${i}`, i]));
    await selectCell("Data", `B${n}`);
    expect(fake.syncs).toBe(2);
    const l = await listSheets();
    expect(fake.syncs).toBe(4);
    expect(l[0].rows.length).toBe(Math.min(12, n));
  });
});

describe("writeFindingsSheet", () => {
  it.each([10, 1_000, 100_000])("writes %i findings in 2 syncs plus payload chunks, each under 5 MB", async (n) => {
    setup();
    fake.addSheet("Data");
    const many = Array.from({ length: n }, (_, i) => finding("Data", `C${i + 4}`, i % 3 ? "warning" : "error"));
    await writeFindingsSheet(many, "en");
    if (n <= 1_000) expect(fake.syncs).toBe(2);
    else expect(fake.syncs).toBeGreaterThan(2);
    for (const s of fake.log) expect(s.requestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(fake.value(FINDINGS_SHEET, `D${n + 3}`)).toBe("V1");
    // Severity colours stay a few rectangles, not one per row.
    expect(fake.sheet(FINDINGS_SHEET).fmtOps.filter((o) => o.prop === "fill.color").length).toBeLessThan(6);
  }, 120_000);

  it("writes linked findings in 2 syncs and replaces its own sheet next time", async () => {
    setup();
    fake.addSheet("It's data", [["x"]]);
    const r = await writeFindingsSheet([finding("It's data", "B5"), finding("It's data", "A2", "warning"), finding("", "", "info")], "en");
    expect(r.placed).toEqual([FINDINGS_SHEET]);
    expect(fake.syncs).toBe(2);
    // Errors first, then warnings, then notes.
    expect(fake.value(FINDINGS_SHEET, "C4")).toBe("error");
    expect(fake.value(FINDINGS_SHEET, "B5")).toEqual({ formula: `=HYPERLINK("#'It''s data'!A2","A2")` });
    expect(fake.value(FINDINGS_SHEET, "E5")).toBe("bad A2");
    expect(fake.value(FINDINGS_SHEET, "C6")).toBe("info");
    const old = fake.sheet(FINDINGS_SHEET);
    await writeFindingsSheet([finding("It's data", "C1")], "zh-CN");
    expect(old.deleted).toBe(true);
    expect(fake.value(FINDINGS_SHEET, "A3")).toBe("工作表");
    expect(fake.value(FINDINGS_SHEET, "E4")).toBe("错误 C1");
    expect(fake.value(FINDINGS_SHEET, "A5")).toBeNull();
  });
});

describe("highlightFindings / clearHighlights", () => {
  const yellowTint: Fill = { color: "#FFFF00", pattern: "Solid", patternColor: null, tintAndShade: 0.4, patternTintAndShade: 0 };
  const white: Fill = { color: "#FFFFFF", pattern: "Solid", patternColor: null, tintAndShade: 0, patternTintAndShade: 0 };
  const hatched: Fill = { color: "#DDDDDD", pattern: "Gray25", patternColor: "#FF0000", tintAndShade: 0, patternTintAndShade: -0.25 };

  function prepare(): ReturnType<FakeExcel["addSheet"]> {
    setup();
    fake.addSheet("Other");
    const ws = fake.addSheet("Inputs", Array.from({ length: 10 }, () => ["a", "b", "c", "d", "e"]));
    fake.setFill(ws, { top: 3, left: 1, bottom: 3, right: 1 }, white);
    fake.setFill(ws, { top: 3, left: 2, bottom: 3, right: 2 }, yellowTint);
    fake.setFill(ws, { top: 3, left: 3, bottom: 3, right: 3 }, hatched);
    return ws;
  }
  const fills = (ws: ReturnType<FakeExcel["addSheet"]>) => Array.from({ length: 10 }, (_, r) => Array.from({ length: 5 }, (_, c) => fake.fillAt(ws, r, c)));
  const findings = [finding("Inputs", "A4"), finding("Inputs", "B4"), finding("Inputs", "C4"), finding("Inputs", "D4"), ...[4, 5, 6, 7, 8].map((r) => finding("Inputs", `E${r}`)), finding("Inputs", "A5", "warning"), finding("Inputs", "A4", "warning")];

  it("colours the cells in 3 syncs and clear restores every fill exactly (no fill, white, tint, pattern)", async () => {
    const ws = prepare();
    const before = fills(ws);
    const r = await highlightFindings(findings);
    expect(fake.syncs).toBe(3);
    expect(r).toEqual({ highlighted: 10, areas: 6, skipped: 0 });
    expect(fake.fillAt(ws, 3, 0)?.color).toBe(HIGHLIGHT_COLORS.error); // the most severe wins
    expect(fake.fillAt(ws, 4, 0)?.color).toBe(HIGHLIGHT_COLORS.warning);
    expect(fake.fillAt(ws, 5, 4)?.color).toBe(HIGHLIGHT_COLORS.error);
    expect(typeof fake.settingsStore.get(HIGHLIGHT_SETTING)).toBe("string");
    fake.syncs = 0;
    await clearHighlights();
    expect(fake.syncs).toBe(3);
    expect(fills(ws)).toEqual(before);
    expect(fake.settingsStore.has(HIGHLIGHT_SETTING)).toBe(false);
    expect(fake.sheet("Other").writes).toBe(0);
  });

  it("keeps a fill the user set after highlighting", async () => {
    const ws = prepare();
    await highlightFindings(findings);
    const green: Fill = { color: "#00FF00", pattern: "Solid", patternColor: null, tintAndShade: 0, patternTintAndShade: 0 };
    fake.setFill(ws, { top: 5, left: 4, bottom: 5, right: 4 }, green);
    await clearHighlights();
    expect(fake.fillAt(ws, 5, 4)).toEqual(green);
    expect(fake.fillAt(ws, 4, 4)).toBeNull();
    expect(fake.fillAt(ws, 6, 4)).toBeNull();
  });

  it("highlighting again first restores the previous highlight, so clear still gets the originals back", async () => {
    const ws = prepare();
    const before = fills(ws);
    await highlightFindings(findings);
    fake.syncs = 0;
    await highlightFindings([finding("Inputs", "C4", "warning"), finding("Inputs", "C5"), finding("Inputs", "B10", "info")]);
    expect(fake.syncs).toBe(3);
    expect(fake.fillAt(ws, 3, 0)).toBeNull(); // A4 no longer flagged: back to no fill
    expect(fake.fillAt(ws, 3, 2)?.color).toBe(HIGHLIGHT_COLORS.warning);
    expect(fake.fillAt(ws, 9, 1)?.color).toBe(HIGHLIGHT_COLORS.info);
    await clearHighlights();
    expect(fills(ws)).toEqual(before);
  });

  it.each([10, 1_000, 100_000])("keeps 3 syncs (and caps cells and areas) for findings from %i rows", async (n) => {
    setup();
    const ws = fake.addSheet("Big", [["x"]]);
    // Scattered errors (every 10th row) and runs of warnings: the worst case for areas.
    const many = Array.from({ length: n }, (_, i) => finding("Big", `B${i + 2}`, i % 10 ? "warning" : "error"));
    const r = await highlightFindings(many);
    expect(fake.syncs).toBe(3);
    expect(r.highlighted).toBeLessThanOrEqual(MAX_HIGHLIGHT_CELLS);
    expect(r.areas).toBeLessThanOrEqual(MAX_HIGHLIGHT_AREAS);
    expect(r.highlighted + r.skipped).toBe(n);
    if (n <= 1_000) expect(r.skipped).toBe(0);
    expect(fake.fillAt(ws, 1, 1)?.color).toBe(HIGHLIGHT_COLORS.error); // errors go first
    for (const s of fake.log) expect(s.requestBytes + s.responseBytes).toBeLessThan(5 * 1024 * 1024);
    // Highlight twice (the old one is read back in the same sync), then clear: still 3 + 3.
    await highlightFindings(many);
    fake.syncs = 0;
    await clearHighlights();
    expect(fake.syncs).toBe(3);
    expect(fake.fillAt(ws, 1, 1)).toBeNull();
    for (const s of fake.log) expect(s.requestBytes + s.responseBytes).toBeLessThan(5 * 1024 * 1024);
  }, 60_000);

  it("skips findings on sheets that are gone and needs ExcelApi 1.9", async () => {
    setup();
    fake.addSheet("S", [["x"]]);
    expect(await highlightFindings([finding("Gone", "A1"), finding("S", "A1")])).toMatchObject({ highlighted: 1, skipped: 1 });
    FakeExcel.uninstall();
    setup({ excelApi: "1.8" });
    fake.addSheet("S", [["x"]]);
    await expect(highlightFindings([finding("S", "A1")])).rejects.toMatchObject({ code: "unsupported" });
  });

  it("groups findings into one area per column run and severity (pure)", () => {
    const p = highlightAreas(findings);
    expect(p.areas.find((a) => a.left === 4)).toEqual({ sheet: "Inputs", top: 3, left: 4, bottom: 7, right: 4, severity: "error" });
    expect(p.cells).toBe(10);
  });

  it("tells no fill from white as Office reports them", () => {
    expect(isNoFill({ color: "#FFFFFF", pattern: null, tintAndShade: null })).toBe(true);
    expect(isNoFill({ color: "#FFFFFF", pattern: null, tintAndShade: 0 })).toBe(false);
    expect(isNoFill({ color: "#FFFFFF", pattern: "None", tintAndShade: 0 })).toBe(true);
    expect(toStoredFill({ color: "#FFFFFF", pattern: null, tintAndShade: null })).toBe(0);
    expect(settableFill(["#FFFF00", null, null, 0.4, 0])).toEqual({ format: { fill: { color: "#FFFF00", tintAndShade: 0.4, patternTintAndShade: 0 } } });
  });
});

describe("listSheets", () => {
  it("gives every sheet's first rows from A1 in 2 syncs", async () => {
    setup();
    const s = fake.addSheet("Offset");
    fake.setCell(s, 2, 3, { v: "hdr", t: "String" });
    fake.setCell(s, 20, 0, { v: "far", t: "String" });
    fake.addSheet("Empty");
    fake.addSheet("Low", Array.from({ length: 20 }, (_, i) => (i < 15 ? [] : ["x"])));
    const out = await listSheets();
    expect(fake.syncs).toBe(2);
    expect(out[0]).toEqual({ name: "Offset", rows: [[], [], [null, null, null, "hdr"]], ownedByAluTrace: false, hidden: false });
    expect(out[1].rows).toEqual([]);
    expect(out[2].rows).toEqual([]);
  });
});

describe("createExcelHost", () => {
  it("implements the task pane's HostApi", async () => {
    setup();
    fake.addSheet("Sheet1");
    const host = createExcelHost({ version: "9.9.9" });
    expect(host.available).toBe(true);
    const t = await host.insertTemplate({ language: "bilingual" });
    expect(t.sheets.length).toBeGreaterThan(3);
    expect(t.replaced).toEqual([]);
    const v = await host.validate();
    expect(Array.isArray(v.findings)).toBe(true);
    expect(v.located?.supplier).toBe(TEMPLATE_SHEETS.find((s) => s.key === "supplier")!.name);
    await host.selectCell(t.sheets[0], "A1");
    const w = await host.writeFindingsSheet([finding(t.sheets[1], "A4")], { language: "en" });
    expect(w.sheets).toEqual([FINDINGS_SHEET]);
    expect(await host.highlightFindings([finding(t.sheets[1], "A4")])).toEqual({ cells: 1 });
    await host.clearHighlights();
    const listed = await host.listSheets!();
    expect(listed.find((s) => s.name === t.sheets[0])?.ownedByAluTrace).toBe(true);
    expect(listed.find((s) => s.name === "Sheet1")?.ownedByAluTrace).toBe(false);
  });

  it("says in the note when a name was taken", async () => {
    setup();
    load(workbook(millData(2)).sheets);
    fake.addSheet(REPORT_SHEETS.cover);
    const host = createExcelHost();
    const r = await host.exportReport({ language: "en", recycledMethod: { denominator: "all_metal", countInternalCrossProcess: false } });
    expect(r.sheets[0]).toBe(`${REPORT_SHEETS.cover} (2)`);
    expect(r.note).toMatch(/left alone/);
  });
});

/** The address of the cell right of the label `label` in column A of `sheet`. */
function cellOf(f: FakeExcel, sheet: string, label: string): string {
  const ws = f.sheet(sheet);
  for (let r = 0; r < 200; r++) if (f.value(sheet, `A${r + 1}`) === label) return `B${r + 1}`;
  throw new Error(`no "${label}" on ${sheet} (${ws.name})`);
}
