// The machine-readable exports as files: what the command line writes and the task pane offers.
import { createHash } from "node:crypto";
import type { WorkbookGrids } from "../../src/core/cells";
import { canonicalSheetValues, exportFiles, safeFileName } from "../../src/core/export/files";
import { sha256 } from "../../src/core/export/pact";
import { computeReport } from "../../src/core/report/compute";
import { buildReport, Provenance } from "../../src/core/report/tabs";
import { validateTemplate } from "../../src/core/template/validate";
import { serial, smallMill, workbook } from "../helpers/fixtures";

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

test("the PACT refusal speaks of the supplier's sheets, columns and cells, not of PACT's JSON fields", () => {
  const d = smallMill();
  d.footprint = [{ product_id: "P1", pcf_excl_biogenic: 8, pcf_incl_biogenic: 8, fossil_ghg: 9, scrap_method: "cut_off", ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.5, dqr_technological: 2, dqr_temporal: 2, dqr_geographical: 2 }];
  const r = filesFor(workbook(d)).pactRefusal!;
  expect(r.summary).toMatch(/never invents them; it exports the ones the supplier declares on 09_Footprint/);
  expect(r.details).toEqual([
    "P1: fill in Fossil carbon content (09_Footprint!E4), Packaging included (09_Footprint!S4); correct Fossil GHG emissions (09_Footprint!D4): 9 exceeds PCF excluding biogenic 8, which includes it",
    `P2: no row on 09_Footprint; add one with PCF excluding biogenic (column B), PCF including biogenic (column C), Fossil GHG emissions (column D), Fossil carbon content (column E), Scrap treatment (column I), IPCC report of GWP factors (column L), Accounting standard (column M), Primary data share (column N), DQR technological (column O), DQR temporal (column P), DQR geographical (column Q), Packaging included (column S); with the scrap treatment "both" also Footprint, cut-off (column J) and Footprint, allocation (column K), with "allocation" Footprint, allocation (column K) (V17)`,
  ]);
  expect(r.advice).toMatch(/complete or correct these cells .*then export again\. The red mud and recycled-content data are exported regardless/);
  expect(r.message).toBe([r.summary, ...r.details.map((x) => `${x}.`), r.advice].join(" "));
  expect(r.message).not.toMatch(/pcf\.|pcfExcluding|buildExtensionDocument/);
  expect(r.refusals.map((x) => x.productId)).toEqual(["P1", "P2"]);
  // The same in Chinese, with the template's Chinese column names and the same cells.
  expect(r.zh.summary).toMatch(/从不编造碳足迹；它导出供应商在 09_Footprint 中声明的碳足迹/);
  expect(r.zh.details).toEqual([
    "P1：请填写化石碳含量（09_Footprint!E4）、是否含包装（09_Footprint!S4）；请更正化石源温室气体排放（09_Footprint!D4）：9 大于 碳足迹（不含生物源） 8，而后者包含前者",
    `P2：09_Footprint 中没有该产品的行；请添加一行并填写碳足迹（不含生物源）（第 B 列）、碳足迹（含生物源）（第 C 列）、化石源温室气体排放（第 D 列）、化石碳含量（第 E 列）、废料处理方法（第 I 列）、GWP因子所用IPCC报告（第 L 列）、核算标准（第 M 列）、初级数据比例（第 N 列）、数据质量：技术（第 O 列）、数据质量：时间（第 P 列）、数据质量：地理（第 Q 列）、是否含包装（第 S 列）；废料处理方法为"两种均报告"时还须填写碳足迹（截断法）（第 J 列）和碳足迹（分配法）（第 K 列），为"分配法"时须填写碳足迹（分配法）（第 K 列）（V17）`,
  ]);
  expect(r.zh.message).toBe([r.zh.summary, ...r.zh.details.map((x) => `${x}。`), r.zh.advice].join(""));
  expect(r.zh.message).not.toMatch(/pcf\.|pcfExcluding|[A-Za-z]+ing\b/);
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

test("a stated footprint validity becomes PACT's validity period, from the reference period's end", () => {
  const d = smallMill();
  const fp = { pcf_excl_biogenic: 8, pcf_incl_biogenic: 8, fossil_ghg: 7.9, fossil_carbon_content: 0, scrap_method: "cut_off", ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.5, dqr_technological: 2, dqr_temporal: 2, dqr_geographical: 2, packaging_included: "no" };
  d.footprint = [
    { product_id: "P1", ...fp, valid_until: serial(2027, 6, 30) },
    { product_id: "P2", ...fp },
  ];
  const f = filesFor(workbook(d));
  expect(f.pactRefusal).toBeUndefined();
  const byName = Object.fromEntries(f.pact.map((x) => [x.name, JSON.parse(x.text)]));
  expect(byName["P1.pact.json"]).toMatchObject({ validityPeriodStart: "2026-01-01T00:00:00Z", validityPeriodEnd: "2027-07-01T00:00:00Z" });
  expect(byName["P2.pact.json"].validityPeriodStart).toBeUndefined();
  expect(byName["P2.pact.json"].validityPeriodEnd).toBeUndefined();
});
