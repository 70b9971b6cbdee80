// The machine-readable exports as files: what the command line writes and the task pane offers.
import { createHash } from "node:crypto";
import type { WorkbookGrids } from "../../src/core/cells";
import { canonicalSheetValues, exportFiles, safeFileName } from "../../src/core/export/files";
import { sha256 } from "../../src/core/export/pact";
import { computeReport } from "../../src/core/report/compute";
import { buildReport, Provenance } from "../../src/core/report/tabs";
import { validateTemplate } from "../../src/core/template/validate";
import { smallMill, workbook } from "../helpers/fixtures";

const prov: Provenance = { sourceName: "mill.xlsx", sourceSha256: "ab".repeat(32), alutraceVersion: "test", generatedAt: "2026-01-01T00:00:00Z" };

function filesFor(wb: WorkbookGrids, opts?: Parameters<typeof exportFiles>[4]) {
  const v = validateTemplate(wb);
  const fig = computeReport(v);
  return exportFiles(v, fig, buildReport(v, fig, prov), prov, opts);
}

test("without footprint values: the extension document and the CSVs, and the reason for no PACT footprints", () => {
  const f = filesFor(workbook(smallMill()));
  expect(f.pact.map((x) => x.name)).toEqual(["alutrace-extension.json"]);
  expect(f.pactRefusal?.message).toMatch(/footprint/i);
  expect(f.csv.length).toBeGreaterThan(5);
  expect(new Set(f.csv.map((x) => x.name.toLowerCase())).size).toBe(f.csv.length);
  const ext = JSON.parse(f.pact[0].text);
  expect(ext.products[0].extension.data.provenance).toMatchObject({ sourceSha256: "ab".repeat(32), sourceSha256Of: "file" });
  // Every CSV starts with the BOM Excel needs to read UTF-8.
  for (const c of f.csv) expect(c.text.startsWith("\uFEFF")).toBe(true);
});

test("only what was asked for", () => {
  const wb = workbook(smallMill());
  expect(filesFor(wb, { csv: true }).pact).toEqual([]);
  expect(filesFor(wb, { pact: true }).csv).toEqual([]);
});

test("file names are safe and never empty", () => {
  expect(safeFileName("P-01/Sheet: A*B")).toBe("P-01_Sheet_A_B");
  expect(safeFileName("../..")).toBe("product");
  expect(safeFileName("铝板 5182")).toBe("铝板_5182");
  expect(safeFileName("x".repeat(300))).toHaveLength(100);
});

test("canonical sheet values: types, order and every value count; trailing blanks do not", () => {
  const base = workbook(smallMill());
  const text = canonicalSheetValues(base);
  const sheet = base.sheets[2];
  const edit = (f: (row: unknown[]) => void): string => {
    const values = sheet.values.map((r) => [...r]);
    f(values[3]);
    return canonicalSheetValues({ ...base, sheets: base.sheets.map((g) => (g === sheet ? { ...g, values } : g)) });
  };
  expect(edit((r) => r.push(null, ""))).toBe(text);
  const n = sheet.values[3].findIndex((x) => typeof x === "number");
  expect(edit((r) => (r[n] = String(r[n])))).not.toBe(text); // 1 and "1" differ
  expect(edit((r) => (r[n] = (r[n] as number) + 1e-9))).not.toBe(text);
  // Only the named sheets, case-insensitively.
  expect(canonicalSheetValues(base, [sheet.name.toLowerCase()])).toBe(canonicalSheetValues({ ...base, sheets: [sheet] }));
  // The core SHA-256 (used where Web Crypto is missing) agrees with Node's.
  const hex = Array.from(sha256(text), (b) => b.toString(16).padStart(2, "0")).join("");
  expect(hex).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
});
