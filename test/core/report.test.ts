import { join } from "node:path";
import { computeReport } from "../../src/core/report/compute";
import { buildReport, REPORT_SHEETS } from "../../src/core/report/tabs";
import { validateTemplate } from "../../src/core/template/validate";
import { RowInput, serial, smallMill, workbook } from "../helpers/fixtures";
import { recalcWithHyperFormula } from "../helpers/hyperformula";
import { readWorkbook } from "../../src/xlsx/read";

const prov = { sourceName: "mill.xlsx", sourceSha256: "ab", alutraceVersion: "test", generatedAt: "2026-01-01T00:00:00.000Z" };

describe("report figures from a small rolling mill (hand-worked)", () => {
  const v = validateTemplate(workbook(smallMill()));
  test("the fixture validates without errors", () => {
    expect(v.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
  const fig = computeReport(v);
  const p1 = fig.products.find((p) => p.productId === "P1")!;
  const p2 = fig.products.find((p) => p.productId === "P2")!;

  test("recycled content (ISO 14021, all-metal denominator, run-around excluded)", () => {
    // All inputs are site-level, shared by output: P1 600/(600+360) = 0.625.
    // Denominator excl. run-around: 600 + 160 + 200 + 40 = 1000 t → P1 625 t.
    // Recycled: 160 pre + 200 post = 360 → 36 % (cf. European Aluminium's 36 % of EU supply = 16 % pre + 20 % post [S39]).
    expect(p1.allocationShare).toBeCloseTo(0.625, 12);
    expect(p1.recycled.denominatorT).toBeCloseTo(625, 9);
    expect(p1.recycled.share).toBeCloseTo(0.36, 12);
    expect(p1.recycled.preConsumerShare).toBeCloseTo(0.16, 12);
    expect(p1.recycled.postConsumerShare).toBeCloseTo(0.2, 12);
    expect(p1.runAroundT).toBeCloseTo(300 * 0.625, 9);
    expect(p2.recycled.share).toBeCloseTo(0.36, 12);
  });

  test("red mud intensity, cut-off (REFERENCE §2.2)", () => {
    // R_SM1 = A × Σ α r = 1.928 × (0.6 × 1.2 + 0.4 × 1.6) = 1.928 × 1.36 = 2.62208 t/t Al.
    // Red mud for the site = 600 t × 2.62208 = 1573.248 t; P1 carries 0.625 → 983.28 t over 600 t output.
    expect(fig.smelters[0].redMudPerAl).toBeCloseTo(2.62208, 12);
    expect(p1.redMudT).toBeCloseTo(983.28, 9);
    expect(p1.redMudIntensity).toBeCloseTo(983.28 / 600, 12); // 1.6388 kg/kg
    expect(p2.redMudIntensity).toBeCloseTo((1573.248 * 0.375) / 360, 12); // same site average: 1.6388
  });

  test("allocation variant (§2.3): bought-in pre-consumer scrap carries the site-average primary burden", () => {
    // average R = 1573.248 / 600 = 2.62208; P1 pre-consumer ext. 160 × 0.625 = 100 t
    // (983.28 + 100 × 2.62208) / (600 + 20) = 1245.488 / 620
    expect(p1.redMudIntensityAllocation).toBeCloseTo(1245.488 / 620, 12);
  });

  test("pathway split follows the refinery's shares; refineries without pathways are 'unreported'", () => {
    // RF1 share of P1's red mud: 600×0.625 × 1.928 × 0.6 × 1.2 = 520.56 t; dry stack 1,074,000/1,200,000 = 0.895.
    const rf1 = 600 * 0.625 * 1.928 * 0.6 * 1.2;
    expect(p1.pathwayKgPerKg.get("STORE_DRY_STACK")).toBeCloseTo((rf1 * 0.895) / 600, 12);
    expect(p1.pathwayKgPerKg.get("USE_CEMENT_CLINKER_RAW")).toBeCloseTo((rf1 * 0.08) / 600, 12);
    const rf2 = 600 * 0.625 * 1.928 * 0.4 * 1.6;
    expect(p1.pathwayKgPerKg.get("UNREPORTED")).toBeCloseTo(rf2 / 600, 12);
    const sum = [...p1.pathwayKgPerKg.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(p1.redMudIntensity, 12);
  });

  test("refinery utilisation rate of new red mud (REFERENCE §1.4): 126,000 / 1,200,000 = 10.5 %", () => {
    expect(fig.refineries[0].rateNew).toBeCloseTo(0.105, 12);
    expect(fig.refineries[0].ratio).toBeCloseTo(1.2, 12);
  });

  test("CBAM scrap parameters: scrap per t product may exceed… here (160+200)×0.625/600", () => {
    expect(p1.scrapPerTonne).toBeCloseTo((360 * 0.625) / 600, 12);
    expect(p1.preConsumerScrapShare).toBeCloseTo(160 / 360, 12);
  });

  test.each([
    ["all_metal", false],
    ["al_only", false],
    ["all_metal", true],
    ["al_only", true],
  ] as const)("every report formula recalculates to the engine's value in HyperFormula (%s, internal=%s)", (denominator, countInternalCrossProcess) => {
    const data = smallMill();
    data.metal_inputs!.push({ input_id: "I6", input_class: "pre_consumer_scrap_internal_cross_process", mass_t: 50 });
    data.metal_inputs!.push({ input_id: "I7", input_class: "secondary_ingot", mass_t: 80, recycled_share: 0.75, post_consumer_share: 0.4, product_id: "P2" });
    data.metal_inputs!.push({ input_id: "I8", input_class: "master_alloy", mass_t: 10, al_content: 0.9 });
    data.outputs![0].output_t = 700;
    const vv = validateTemplate(workbook(data));
    expect(vv.errors).toBe(0);
    const ff = computeReport(vv, { recycledMethod: { denominator, countInternalCrossProcess } });
    const spec = buildReport(vv, ff, prov);
    const { mismatches, formulas } = recalcWithHyperFormula(spec);
    expect(formulas).toBeGreaterThan(50);
    expect(mismatches).toEqual([]);
  });

  test("report tabs are the expected set", () => {
    const spec = buildReport(v, fig, prov);
    expect(spec.sheets.map((s) => s.name)).toEqual(Object.values(REPORT_SHEETS));
  });
});

describe("the bundled samples: every report formula agrees with the engine in HyperFormula", () => {
  test.each(["rolling-mill-valid.xlsx", "die-caster-zh.xlsx"])("%s", async (name) => {
    const grids = await readWorkbook(join(__dirname, "..", "..", "examples", name));
    const vv = validateTemplate(grids);
    expect(vv.errors).toBe(0);
    for (const denominator of ["all_metal", "al_only"] as const) {
      const ff = computeReport(vv, { recycledMethod: { denominator, countInternalCrossProcess: true } });
      const spec = buildReport(vv, ff, prov);
      const { mismatches, formulas } = recalcWithHyperFormula(spec);
      expect(formulas).toBeGreaterThan(100);
      expect(mismatches).toEqual([]);
    }
  });
});

describe("R6_Data_Quality lists every default a figure rests on", () => {
  test("secondary ingot of unknown origin carries A × r = 1.928 × 1.2 [S25][S1]: both defaults listed with the lot's mass cell", () => {
    const data = smallMill();
    data.metal_inputs = [...data.metal_inputs!, { input_id: "I6", input_class: "secondary_ingot", mass_t: 100, recycled_share: 0.75, post_consumer_share: 0.5 }];
    const vv = validateTemplate(workbook(data));
    expect(vv.errors).toBe(0);
    const ff = computeReport(vv);
    // The 25 t primary part of I6 (row 9 of 03_Metal_Inputs: header row 3, I6 is the sixth data row).
    expect(ff.defaultRedMudPerAl).toBeCloseTo(1.928 * 1.2, 12);
    const used = new Map(ff.defaultsUsed.map((u) => [u.id, u.cells]));
    const cell = `'03_Metal_Inputs'!D9`;
    expect(used.get("ALUMINA_PER_AL")).toEqual([cell]);
    expect(used.get("REDMUD_PER_ALUMINA")).toEqual([cell]);
    const r6 = buildReport(vv, ff, prov).sheets.find((s) => s.name === REPORT_SHEETS.dataQuality)!;
    const listed = r6.rows.filter((r) => r[5]?.v === cell).map((r) => r[0]?.v);
    expect(listed.sort()).toEqual(["ALUMINA_PER_AL", "REDMUD_PER_ALUMINA"]);
  });

  test("without secondary ingot and with every figure given, none", () => {
    const ff = computeReport(validateTemplate(workbook(smallMill())));
    expect(ff.defaultsUsed).toEqual([]);
  });
});

describe("the cover's validity (V2)", () => {
  const cover = (footprint?: RowInput[]) => {
    const d = smallMill();
    if (footprint) d.footprint = footprint;
    const v = validateTemplate(workbook(d));
    const spec = buildReport(v, computeReport(v), prov);
    const tab = spec.sheets.find((s) => s.name === REPORT_SHEETS.cover)!;
    const row = tab.rows.find((r) => r[0]?.v === "Valid until")!;
    return { value: row[1]?.v, note: row[2]?.v };
  };
  const fp = (pid: string, until?: number) => ({ product_id: pid, pcf_excl_biogenic: 8, pcf_incl_biogenic: 8, fossil_ghg: 7.9, fossil_carbon_content: 0, scrap_method: "cut_off", ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.5, dqr_technological: 2, dqr_temporal: 2, dqr_geographical: 2, ...(until === undefined ? {} : { valid_until: until }) });

  test("PACT's default without a stated date: 3 years after the period end", () => {
    expect(cover()).toEqual({ value: serial(2028, 12, 31), note: "3 years after the reporting period (PACT default)" });
  });

  test("the supplier's date when every footprint states the same one; else the earliest, said so", () => {
    expect(cover([fp("P1", serial(2027, 6, 30)), fp("P2", serial(2027, 6, 30))])).toEqual({ value: serial(2027, 6, 30), note: "as stated on 09_Footprint (V2)" });
    expect(cover([fp("P1", serial(2027, 6, 30)), fp("P2", serial(2028, 1, 31))]).value).toBe(serial(2027, 6, 30));
    expect(cover([fp("P1", serial(2027, 6, 30)), fp("P2")]).note).toMatch(/earliest stated/);
  });
});

test("R9_Data restates each smelter's declared primary aluminium footprint (V18) beside its refineries", () => {
  const d = smallMill();
  d.primary_sources![0].primary_ghg = 14.8;
  d.primary_sources![1].primary_ghg = 14.8;
  const v = validateTemplate(workbook(d));
  const tab = buildReport(v, computeReport(v), prov).sheets.find((s) => s.name === REPORT_SHEETS.data)!;
  const header = tab.rows.findIndex((r) => r.some((c) => c?.v === "declared primary Al footprint t CO2e/t (V18)"));
  expect(header).toBeGreaterThan(0);
  const col = tab.rows[header].findIndex((c) => c?.v === "declared primary Al footprint t CO2e/t (V18)");
  expect([tab.rows[header + 1][col]?.v, tab.rows[header + 2][col]?.v]).toEqual([14.8, 14.8]);
});
