import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Cell, Grid } from "../../src/core/cells";
import { supplierSheets } from "../../src/core/template/locate";
import { HEADER_ROW, TEMPLATE_SHEETS, type TemplateSheetKey } from "../../src/core/template/spec";
import { buildPactFootprints } from "../../src/core/export/pact";
import { pcfFromTemplate } from "../../src/core/export/pcf-from-template";
import { computeReport } from "../../src/core/report/compute";
import { validateTemplate } from "../../src/core/template/validate";
import { serial, smallMill, templateGrid, workbook } from "../helpers/fixtures";

const find = (fs: { sheet: string; cell: string; code: string }[], sheet: string, cell: string, code: string) =>
  fs.find((f) => f.sheet === sheet && f.cell === cell && f.code === code);

describe("validation of a filled template", () => {
  test("the small mill is valid", () => {
    const v = validateTemplate(workbook(smallMill()));
    expect(v.errors).toBe(0);
    expect(v.sheets.metal_inputs!.rows).toHaveLength(5);
  });

  test("required values, placeholders and error cells name the sheet and cell", () => {
    const d = smallMill();
    d.metal_inputs![0].mass_t = null; // D4
    d.metal_inputs![1].mass_t = "n/a"; // D5
    d.metal_inputs![2].mass_t = { kind: "error", code: "#N/A" }; // D6
    const v = validateTemplate(workbook(d));
    expect(find(v.findings, "03_Metal_Inputs", "D4", "REQUIRED")).toBeDefined();
    expect(find(v.findings, "03_Metal_Inputs", "D5", "PLACEHOLDER")).toMatchObject({ severity: "error" });
    expect(find(v.findings, "03_Metal_Inputs", "D6", "ERROR_CELL")).toBeDefined();
  });

  test("V1: a period that ends before it starts", () => {
    const d = smallMill();
    d.supplier![0].period_end = serial(2024, 12, 31);
    const v = validateTemplate(workbook(d));
    expect(find(v.findings, "01_Supplier", "H4", "V1")).toMatchObject({ severity: "error" });
  });

  test("V8: refinery shares of a smelter must add up to 100 %", () => {
    const d = smallMill();
    d.primary_sources![1].refinery_share = 0.3;
    const v = validateTemplate(workbook(d));
    expect(find(v.findings, "04_Primary_Sources", "E4", "V8")).toBeDefined();
  });

  test("V4: red mud balance off by more than 2 %", () => {
    const d = smallMill();
    d.refinery_redmud![0].stored_new_t = 900_000;
    const v = validateTemplate(workbook(d));
    expect(find(v.findings, "05_Refinery_RedMud", "F4", "V4")).toMatchObject({ severity: "error" });
  });

  test("V9: metal balance off by more than 3 % is a warning", () => {
    const d = smallMill();
    d.outputs![0].output_t = 300;
    const v = validateTemplate(workbook(d));
    expect(v.findings.find((f) => f.code === "V9")).toMatchObject({ severity: "warning", sheet: "07_Outputs" });
  });

  test("code lists accept codes, English and Chinese labels; anything else is an error", () => {
    const d = smallMill();
    d.metal_inputs![1].input_class = "消费前废铝（外购）";
    d.metal_inputs![2].input_class = "Post-consumer scrap";
    d.metal_inputs![4].input_class = "alloy stuff";
    const v = validateTemplate(workbook(d));
    expect(v.sheets.metal_inputs!.rows[1].v.input_class).toBe("pre_consumer_scrap_external");
    expect(v.sheets.metal_inputs!.rows[2].v.input_class).toBe("post_consumer_scrap");
    expect(find(v.findings, "03_Metal_Inputs", "C8", "CODE_UNKNOWN")).toBeDefined();
  });

  test("references: unknown product, primary metal without a smelter", () => {
    const d = smallMill();
    d.metal_inputs![1].product_id = "P9";
    d.metal_inputs![0].source_smelter_id = null;
    const v = validateTemplate(workbook(d));
    expect(find(v.findings, "03_Metal_Inputs", "B5", "REF_PRODUCT")).toBeDefined();
    expect(find(v.findings, "03_Metal_Inputs", "I4", "REQUIRED")).toBeDefined();
  });

  test("a blank red mud ratio uses the sourced default and says so; 0 meaning unknown is an error", () => {
    const d = smallMill();
    d.primary_sources![0].redmud_per_alumina = null;
    d.primary_sources![1].redmud_per_alumina = 0;
    const v = validateTemplate(workbook(d));
    expect(find(v.findings, "04_Primary_Sources", "H4", "DEFAULT_USED")).toMatchObject({ severity: "warning" });
    expect(v.defaultsUsed.map((u) => u.id)).toContain("REDMUD_PER_ALUMINA");
    expect(find(v.findings, "04_Primary_Sources", "H5", "ZERO_UNKNOWN")).toMatchObject({ severity: "error" });
  });

  test("wet red mud figures are converted to dry with the moisture basis (V3)", () => {
    const d = smallMill();
    // 40 % moisture on a wet basis: dry = wet × 0.6. 2,000,000 wet → 1,200,000 dry.
    Object.assign(d.refinery_redmud![0], { mass_basis: "wet", moisture: 0.4, moisture_basis: "wet", generated_t: 2_000_000, utilised_new_t: 210_000, stored_new_t: 1_790_000 });
    const v = validateTemplate(workbook(d));
    expect(v.errors).toBe(0);
    expect(v.sheets.refinery_redmud!.rows[0].v.generated_t).toBeCloseTo(1_200_000, 6);
  });

  test("sheets are found by their headers: renamed, reordered, Chinese headers, extra columns", () => {
    const d = smallMill();
    const wb = workbook(d);
    const g = wb.sheets.find((s) => s.name === "03_Metal_Inputs")!;
    const header = g.values[2] as string[];
    const order = header.map((_, i) => i).reverse();
    const shuffled: Grid = { name: "金属投入", values: g.values.map((row, r) => (r < 2 ? row : [...order.map((i) => row[i] ?? null), r === 2 ? "My notes" : "x"])) };
    const zh = templateGrid("outputs", d.outputs!, { lang: "zh-CN", name: "产出" });
    const v = validateTemplate({ sheets: [...wb.sheets.filter((s) => s !== g && s.name !== "07_Outputs"), shuffled, zh] });
    expect(v.errors).toBe(0);
    expect(v.sheets.metal_inputs!.sheet).toBe("金属投入");
    expect(v.sheets.outputs!.sheet).toBe("产出");
    expect(v.findings.find((f) => f.code === "COLUMN_EXTRA")).toBeDefined();
  });

  test("hidden rows and merged cells are flagged", () => {
    const wb = workbook(smallMill());
    const i = wb.sheets.findIndex((s) => s.name === "03_Metal_Inputs");
    const g = wb.sheets[i];
    const sheets = [...wb.sheets];
    sheets[i] = { ...g, hiddenRows: [4], merges: [{ top: 5, left: 3, bottom: 6, right: 3 }] };
    const v = validateTemplate({ sheets });
    expect(find(v.findings, "03_Metal_Inputs", "A5", "ROW_HIDDEN")).toBeDefined();
    expect(find(v.findings, "03_Metal_Inputs", "D6", "MERGED")).toBeDefined();
  });

  test("a long cell value is quoted clipped to 60 characters with …, not in full", () => {
    const long = "x".repeat(30_000);
    const d = smallMill();
    d.metal_inputs![1].input_class = long; // CODE_UNKNOWN
    d.metal_inputs![2].mass_t = `12 ${long}`; // UNIT
    d.products![0].cn_code = `7${long}`; // ID_LENGTH
    d.outputs![1].product_id = `P${long}`; // REF_PRODUCT
    const v = validateTemplate(workbook(d));
    const at = (cell: string, code: string) => v.findings.find((f) => f.cell === cell && f.code === code)!;
    expect(at("C5", "CODE_UNKNOWN").message.startsWith(`"${"x".repeat(60)}…" is not in the list for Input class;`)).toBe(true);
    expect(at("E4", "ID_LENGTH").message).toBe(`"7${"x".repeat(59)}…" has 30001 characters; it must have 8.`);
    for (const c of ["UNIT", "ID_LENGTH", "REF_PRODUCT"]) expect(v.findings.find((f) => f.code === c)).toBeDefined();
    for (const f of v.findings) {
      expect(f.message.length).toBeLessThan(400);
      expect(f.messageZh.length).toBeLessThan(400);
    }
  });

  test("missing required sheets and columns", () => {
    const d = smallMill();
    delete d.outputs;
    const v = validateTemplate(workbook(d));
    expect(v.findings.find((f) => f.code === "SHEET_MISSING" && f.sheet === "07_Outputs")).toBeDefined();
  });

  test("a template sheet whose header row was deleted: HEADER_MISSING on that sheet, not SHEET_MISSING", () => {
    const d = smallMill();
    d.footprint = [{ product_id: "P1", pcf_excl_biogenic: 8 }];
    const wb = workbook(d);
    const noHeader = (name: string): Grid => {
      const g = wb.sheets.find((s) => s.name === name)!;
      return { ...g, values: g.values.filter((_, r) => r !== 2) };
    };
    const v = validateTemplate({ sheets: wb.sheets.map((g) => (g.name === "03_Metal_Inputs" || g.name === "09_Footprint" ? noHeader(g.name) : g)) });
    expect(v.findings.find((f) => f.code === "SHEET_MISSING")).toBeUndefined();
    const f = v.findings.find((x) => x.sheet === "03_Metal_Inputs" && x.cell === "A3" && x.code === "HEADER_MISSING")!;
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/^The sheet "03_Metal_Inputs" exists, but its header row \(row 3: .*\) was not found.*Restore the header row from a fresh template/);
    expect(f.messageZh).toMatch(/表头行/);
    // An optional sheet without its headers: its data is not read, which the supplier must hear about.
    expect(find(v.findings, "09_Footprint", "A3", "HEADER_MISSING")).toMatchObject({ severity: "warning" });
  });

  test("property: no input throws, and every finding names a sheet", () => {
    const cell = fc.oneof(fc.constant(null), fc.double({ noNaN: false }), fc.string(), fc.boolean(), fc.constantFrom("n/a", "45%", "12 kg", "1,234.5", "无", "2025-13-01"));
    fc.assert(
      fc.property(fc.array(fc.record({ input_id: cell, input_class: cell, mass_t: cell, recycled_share: cell, product_id: cell, source_smelter_id: cell }), { maxLength: 8 }), (rows) => {
        const d = smallMill();
        d.metal_inputs = rows;
        const v = validateTemplate(workbook(d));
        for (const f of v.findings) expect(f.sheet.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  test("property: the verdict does not depend on the order of input rows", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), (perm) => {
        const d = smallMill();
        d.metal_inputs = perm.map((i) => d.metal_inputs![i]);
        const v = validateTemplate(workbook(d));
        expect(v.errors).toBe(0);
      }),
      { numRuns: 20 },
    );
  });

  describe("footprint and evidence sheets (V14–V17, V22)", () => {
    const fp = () => ({ product_id: "P1", pcf_excl_biogenic: 8, pcf_incl_biogenic: 8, fossil_ghg: 7.9, scrap_method: "both", ghg_cut_off: 8, ghg_allocation: 10, ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.6, dqr_technological: 1.5, dqr_temporal: 1, dqr_geographical: 2 });
    test("a complete footprint row passes", () => {
      const d = smallMill();
      d.footprint = [fp()];
      expect(validateTemplate(workbook(d)).errors).toBe(0);
    });
    test("V16: from 2025, DQRs, primary data share and the biogenic-inclusive PCF are required", () => {
      const d = smallMill();
      d.footprint = [{ ...fp(), dqr_temporal: null, primary_data_share: null }];
      const v = validateTemplate(workbook(d));
      expect(v.findings.filter((f) => f.code === "V16").map((f) => f.column).sort()).toEqual(["dqr_temporal", "primary_data_share"]);
    });
    test("V17: 'both' needs both footprints; a single method with pre-consumer scrap is a warning", () => {
      const d = smallMill();
      d.footprint = [{ ...fp(), ghg_allocation: null }];
      expect(validateTemplate(workbook(d)).findings.find((f) => f.code === "V17")).toMatchObject({ severity: "error", column: "ghg_allocation" });
      d.footprint = [{ ...fp(), scrap_method: "cut_off" }];
      expect(validateTemplate(workbook(d)).findings.find((f) => f.code === "V17")).toMatchObject({ severity: "warning" });
    });
    test("V14/V15: fossil above the total is flagged; AR5 is flagged", () => {
      const d = smallMill();
      d.footprint = [{ ...fp(), fossil_ghg: 9, ipcc_ar: "AR5" }];
      const codes = validateTemplate(workbook(d)).findings.map((f) => f.code);
      expect(codes).toEqual(expect.arrayContaining(["V14", "V15"]));
    });
    test("DQRs must be 1–3", () => {
      const d = smallMill();
      d.footprint = [{ ...fp(), dqr_technological: 4 }];
      expect(validateTemplate(workbook(d)).findings.find((f) => f.column === "dqr_technological")).toMatchObject({ severity: "error", code: "RANGE" });
    });
    test("V22: evidence references must be in the register once it is used", () => {
      const d = smallMill();
      d.metal_inputs![0].evidence_id = "INV-1";
      d.metal_inputs![1].evidence_id = "INV-404";
      d.evidence = [{ evidence_id: "INV-1", doc_type: "invoice" }];
      const v = validateTemplate(workbook(d));
      expect(v.findings.filter((f) => f.code === "V22").map((f) => f.cell)).toEqual(["K5"]);
    });
  });
});

describe("AluTrace's own sheets are never read as supplier data (supplierSheets)", () => {
  // A report data tab whose header row looks like the outputs sheet's, and a GWP tab like a footprint sheet.
  const lookalike = (name: string): Grid => templateGrid("outputs", [{ product_id: "P9", output_t: 1 }], { name });
  const base = () => {
    const d = smallMill();
    delete d.outputs;
    return d;
  };

  test("marked output sheets are left out, whatever their name; template-marked and unmarked sheets stay", () => {
    const wb = { ...workbook(base(), [lookalike("Figures (renamed)")]), ownership: [{ sheet: "Figures (renamed)", kind: "report" }] };
    expect(supplierSheets(wb).map((g) => g.name)).not.toContain("Figures (renamed)");
    const v = validateTemplate(wb);
    expect(v.findings.find((f) => f.code === "SHEET_MISSING" && f.sheet === "07_Outputs")).toBeDefined();
    const kept = { ...wb, ownership: [{ sheet: "Figures (renamed)", kind: "template" }] };
    expect(validateTemplate(kept).sheets.outputs?.sheet).toBe("Figures (renamed)");
  });

  test("without any mark, AluTrace's output names (and Excel's copies of them) are left out", () => {
    for (const name of ["R9_Data", "r2_gwp", "R9_Data (2)", "_AluTrace_Lists", "00_Instructions"]) {
      expect(supplierSheets(workbook(base(), [lookalike(name)])).map((g) => g.name)).not.toContain(name);
    }
    expect(supplierSheets(workbook(base(), [lookalike("My R9_Data")])).map((g) => g.name)).toContain("My R9_Data");
  });

  test("with marks present, a user's own sheet called R9_Data is read like any other", () => {
    const wb = { ...workbook(base(), [lookalike("R9_Data")]), ownership: [{ sheet: "R0_Cover", kind: "report" }] };
    expect(validateTemplate(wb).sheets.outputs?.sheet).toBe("R9_Data");
  });

  test("the verdict on a workbook does not change when report tabs are added to it", () => {
    const before = workbook(smallMill());
    const after = { ...workbook(smallMill(), [lookalike("R9_Data"), templateGrid("footprint", [{ product_id: "P1" }], { name: "R2_GWP" })]), ownership: [{ sheet: "R9_Data", kind: "report" }, { sheet: "R2_GWP", kind: "report" }] };
    expect(validateTemplate(after).findings).toEqual(validateTemplate(before).findings);
  });
});

describe("0 typed for unknown in share columns", () => {
  test("secondary ingot recycled share, master alloy Al content and a refinery share of 0 are warnings", () => {
    const d = smallMill();
    Object.assign(d.metal_inputs![1], { input_class: "secondary_ingot", recycled_share: 0, post_consumer_share: 0 });
    Object.assign(d.metal_inputs![4], { input_class: "master_alloy", al_content: 0 });
    d.primary_sources![0].refinery_share = 1;
    d.primary_sources![1].refinery_share = 0;
    const v = validateTemplate(workbook(d));
    expect(v.errors).toBe(0);
    expect(v.findings.filter((f) => f.code === "ZERO_UNKNOWN").map((f) => `${f.sheet}!${f.cell}`)).toEqual(["03_Metal_Inputs!E5", "03_Metal_Inputs!G8", "04_Primary_Sources!E5"]);
    // A post-consumer part of 0 is a plausible declaration (all pre-consumer scrap): no finding.
    expect(v.findings.find((f) => f.cell === "F5")).toBeUndefined();
  });
});

describe("docs/VALIDATION.md stays true to the code", () => {
  test("every finding code the parser and the validator emit is documented, and every documented code exists", () => {
    const root = join(__dirname, "../..");
    const src = ["src/core/parse.ts", "src/core/template/validate.ts", "src/core/template/rules.ts"].map((f) => readFileSync(join(root, f), "utf8")).join("\n");
    const emitted = new Set<string>();
    for (const m of src.matchAll(/(?:err|warn)\(\s*"([A-Z][A-Z0-9_]+)"|"(?:error|warning|info)", "([A-Z][A-Z0-9_]+)"|issue\.severity, "([A-Z][A-Z0-9_]+)"/g)) emitted.add(m[1] ?? m[2] ?? m[3]);
    // Codes whose severity is chosen at run time (out.add(…, sev, "CODE", …)).
    for (const m of src.matchAll(/\? "error" : "warning", "([A-Z][A-Z0-9_]+)"/g)) emitted.add(m[1]);
    expect(emitted.size).toBeGreaterThan(40);
    const doc = readFileSync(join(root, "docs/VALIDATION.md"), "utf8");
    const table = doc.slice(doc.indexOf("## 4. Finding codes"), doc.indexOf("## 5."));
    const documented = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
    for (const code of emitted) {
      if (/^V\d+$/.test(code)) continue; // the rule codes V1–V22 are documented as a range
      expect({ code, documented: documented.has(code) }).toEqual({ code, documented: true });
    }
    for (const code of documented) {
      if (/^V\d+$/.test(code)) continue;
      expect({ code, emitted: emitted.has(code) }).toEqual({ code, emitted: true });
    }
  });
});

describe("second-round tester findings", () => {
  test("a mass of 1e308 (or above 1,000 Mt) is refused at its cell, never overflowing the report", () => {
    const data = smallMill();
    data.metal_inputs![0].mass_t = 1e308;
    data.metal_inputs![1].mass_t = 2e9;
    const v = validateTemplate(workbook(data));
    const f = v.findings.filter((x) => x.code === "RANGE_IMPLAUSIBLE").map((x) => `${x.sheet}!${x.cell}`);
    expect(f).toEqual(["03_Metal_Inputs!D4", "03_Metal_Inputs!D5"]);
    expect(v.errors).toBeGreaterThanOrEqual(2);
  });

  test("an identifier with an export's leading apostrophe is read without it, with a warning at its cell", () => {
    const data = smallMill();
    data.products![0].product_id = "'P1";
    const v = validateTemplate(workbook(data));
    expect(v.sheets.products!.rows[0].v.product_id).toBe("P1");
    expect(v.findings.filter((x) => x.code === "ID_NORMALISED").map((x) => x.cell)).toEqual(["A4"]);
    expect(v.findings.filter((x) => x.code === "REF_PRODUCT")).toEqual([]);
  });
});

test("a template sheet renamed to a report tab's name, in a workbook without marks: SHEET_MISSING says it was left unread and why", () => {
  const wb = workbook(smallMill());
  const sheets = wb.sheets.map((g) => (g.name === "03_Metal_Inputs" ? { ...g, name: "R9_Data" } : g));
  const v = validateTemplate({ ...wb, sheets });
  const f = v.findings.find((x) => x.code === "SHEET_MISSING" && x.sheet === "03_Metal_Inputs");
  expect(f?.message).toMatch(/Left unread as AluTrace's own output: "R9_Data"; if one of them holds your data, rename it/);
});

/** The small mill with these input IDs, one post-consumer scrap lot each. */
function millWithInputIds(ids: string[]) {
  const d = smallMill();
  d.metal_inputs = ids.map((id) => ({ input_id: id, input_class: "post_consumer_scrap", mass_t: 10 }));
  return validateTemplate(workbook(d));
}

describe("the column reader's fast paths give what the full path gives", () => {
  const mill = millWithInputIds;

  test("DUPLICATE_ID marks exactly the rows whose ID came earlier, sorted or not", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("A1", "A2", "B7", "IN-0001", "IN-0002", "Z"), { minLength: 1, maxLength: 12 }), fc.boolean(), (raw, sort) => {
        const ids = sort ? [...raw].sort() : raw;
        const v = mill(ids);
        const expected = ids.flatMap((id, i) => (ids.indexOf(id) < i ? [`A${4 + i}`] : []));
        const got = v.findings.filter((f) => f.code === "DUPLICATE_ID").map((f) => f.cell);
        expect(got).toEqual(expected);
        // The message names the first row with that ID.
        for (const f of v.findings.filter((x) => x.code === "DUPLICATE_ID")) {
          const id = ids[Number(f.cell.slice(1)) - 4];
          expect(f.message).toContain(`first at A${4 + ids.indexOf(id)}`);
        }
      }),
    );
  });

  test("a number in a share, mass or bounded number column reads as the parsers read it, findings included", () => {
    const values = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, 1, -0, 1e-300, 0.5, 1 + 1e-15, 2e12, 1e12, -1, 100, 45));
    fc.assert(
      fc.property(values, values, values, (share, mass, ratio) => {
        const d = smallMill();
        d.metal_inputs![0] = { input_id: "I1", input_class: "secondary_ingot", mass_t: mass, recycled_share: share, post_consumer_share: 0.5 };
        d.primary_sources![0].alumina_per_al = ratio;
        const v = validateTemplate(workbook(d));
        const at = (cell: string) => v.findings.filter((f) => f.cell === cell && f.sheet !== "01_Supplier").map((f) => f.code).sort();
        const inputs = v.sheets.metal_inputs!;
        // Share: within [0, 1] the value itself and no finding at E4; otherwise the parser's or the bound's word.
        if (Number.isFinite(share) && share >= 0 && share <= 1) {
          expect(inputs.col("recycled_share")[0]).toBe(share);
          expect(at("E4").filter((c) => c !== "ZERO_UNKNOWN")).toEqual([]);
        } else {
          expect(at("E4").length).toBeGreaterThan(0);
        }
        // Mass: finite, 0 to 1e9 t → itself; otherwise an error at D4 and no value.
        if (Number.isFinite(mass) && mass >= 0 && mass <= 1e9) {
          expect(inputs.col("mass_t")[0]).toBe(mass);
        } else {
          expect(inputs.col("mass_t")[0]).toBeUndefined();
          expect(v.findings.some((f) => f.sheet === "03_Metal_Inputs" && f.cell === "D4" && f.severity === "error")).toBe(true);
        }
        // Alumina per aluminium: > 0 (exclusive) and at most 1e12.
        const alumina = v.sheets.primary_sources!.col("alumina_per_al")[0];
        if (!(Number.isFinite(ratio) && ratio > 0 && ratio <= 1e12)) expect(alumina).toBeUndefined();
      }),
    );
  });
});

describe("V2 (footprint validity) and V18 (a smelter's primary aluminium footprint)", () => {
  const footprint = (extra: Record<string, unknown>) => ({ product_id: "P1", pcf_excl_biogenic: 8, pcf_incl_biogenic: 8, fossil_ghg: 7.9, fossil_carbon_content: 0, scrap_method: "both", ghg_cut_off: 8, ghg_allocation: 9, ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.5, dqr_technological: 2, dqr_temporal: 2, dqr_geographical: 2, packaging_included: "no", ...extra });
  const v2 = (validUntil: number | undefined) => {
    const d = smallMill();
    d.footprint = [footprint(validUntil === undefined ? {} : { valid_until: validUntil })];
    return validateTemplate(workbook(d)).findings.filter((f) => f.code === "V2");
  };

  test("a validity up to 3 years after the period end is accepted; blank is PACT's default", () => {
    // The small mill's period is 2025-01-01 … 2025-12-31.
    expect(v2(undefined)).toEqual([]);
    expect(v2(serial(2026, 1, 1))).toEqual([]);
    expect(v2(serial(2028, 12, 31))).toEqual([]);
  });

  test("a validity ending on the period's last day is refused too: PACT's validity starts the day after", () => {
    const same = v2(serial(2025, 12, 31));
    expect(same).toMatchObject([{ cell: "W4", severity: "error" }]);
    expect(same[0].message).toMatch(/on the day the reporting period ends/);
  });

  test("the validator and the PACT builder agree on the last valid day, leap years included", () => {
    // Period ending 2024-02-28: PACT's end is 2024-02-29, + 3 years = 2027-02-28 (no 29th), so 2027-02-27 is the last day.
    for (const [until, ok] of [[serial(2027, 2, 27), true], [serial(2027, 2, 28), false]] as const) {
      const d = smallMill();
      d.supplier![0].period_start = serial(2023, 3, 1);
      d.supplier![0].period_end = serial(2024, 2, 28);
      d.footprint = [footprint({ valid_until: until })];
      const v = validateTemplate(workbook(d));
      expect(v.findings.some((f) => f.code === "V2")).toBe(!ok);
      const pcf = pcfFromTemplate(v);
      const fig = computeReport(v);
      const res = buildPactFootprints(v, fig, { sourceName: "x.xlsx", sourceSha256: "ab".repeat(32), alutraceVersion: "t", generatedAt: "2026-01-01T00:00:00Z" }, { pcf: { P1: pcf.P1 }, products: ["P1"] });
      // With the V2 error the builder refuses for validation errors; without it, it exports the validity.
      expect(res.ok).toBe(ok);
      if (res.ok) expect(res.footprints[0].validityPeriodEnd).toBe("2027-02-28T00:00:00Z");
    }
  });

  test("no V2 finding while the period itself is wrong (V1 says so)", () => {
    const d = smallMill();
    d.supplier![0].period_end = serial(2024, 12, 31);
    d.footprint = [footprint({ valid_until: serial(2027, 6, 30) })];
    const v = validateTemplate(workbook(d));
    expect(v.findings.filter((f) => f.code === "V2")).toEqual([]);
    expect(v.findings.some((f) => f.code === "V1")).toBe(true);
  });

  test("a validity ending before the period ends, or more than 3 years after, is an error at its cell", () => {
    const early = v2(serial(2025, 6, 30));
    expect(early).toMatchObject([{ sheet: "09_Footprint", cell: "W4", severity: "error" }]);
    expect(early[0].message).toContain("2025-06-30");
    const late = v2(serial(2029, 1, 1));
    expect(late).toMatchObject([{ sheet: "09_Footprint", cell: "W4", severity: "error" }]);
    expect(late[0].message).toContain("at most 2028-12-31");
  });

  test("29 February plus 3 years is 28 February", () => {
    const d = smallMill();
    d.supplier![0].period_start = serial(2023, 3, 1);
    d.supplier![0].period_end = serial(2024, 2, 29);
    d.footprint = [footprint({ valid_until: serial(2027, 3, 1) })];
    const f = validateTemplate(workbook(d)).findings.filter((x) => x.code === "V2");
    expect(f[0].message).toContain("at most 2027-02-28");
  });

  test("V18: a declared footprint outside 4.5–22 t CO2e/t is flagged (a kg-for-t slip), and so are two figures for one smelter", () => {
    const d = smallMill();
    d.primary_sources![0].primary_ghg = 14.8;
    d.primary_sources![1].primary_ghg = 14.8;
    expect(validateTemplate(workbook(d)).findings.filter((f) => f.code === "V18")).toEqual([]);
    d.primary_sources![0].primary_ghg = 14800;
    const f = validateTemplate(workbook(d)).findings.filter((x) => x.code === "V18");
    expect(f.map((x) => [x.cell, x.severity])).toEqual([
      ["K4", "warning"],
      ["K5", "warning"],
    ]);
    expect(f.find((x) => x.cell === "K4")!.message).toMatch(/outside the published cradle-to-gate range 4\.5–22/);
    expect(f.find((x) => x.cell === "K5")!.message).toMatch(/different primary aluminium footprints/);
    // A figure on one of the smelter's rows and a blank on the other disagree too.
    d.primary_sources![0].primary_ghg = 14.8;
    d.primary_sources![1].primary_ghg = null;
    const blank = validateTemplate(workbook(d)).findings.filter((x) => x.code === "V18");
    expect(blank.map((x) => x.cell)).toEqual(["K5"]);
    expect(blank[0].message).toContain("(14.8, blank t CO2e/t)");
  });
});

describe("third-round tester findings", () => {
  const ids = millWithInputIds;

  test("identifiers that differ only by invisible characters are the same identifier, with a warning", () => {
    for (const mark of ["\u200e", "\u200f", "\u202e", "\u2066", "\u00ad", "\u0001", "\u001b", "\u0085", "\u061c", "\ufe0f", "\u034f", "\u3164", "\u{e0041}"]) {
      const v = ids(["IN-01", `IN-01${mark}`]);
      const codes = v.findings.filter((f) => f.sheet === "03_Metal_Inputs" && f.cell === "A5").map((f) => f.code).sort();
      expect({ mark, codes }).toEqual({ mark, codes: ["DUPLICATE_ID", "ID_NORMALISED"] });
    }
  });

  test("evidence references are identifiers too: an invisible mark neither breaks V22 nor hides a duplicate", () => {
    const d = smallMill();
    d.metal_inputs![0].evidence_id = "INV-1\u200b";
    d.metal_inputs![1].evidence_id = "\u200eINV-2";
    d.evidence = [
      { evidence_id: "INV-1", doc_type: "invoice" },
      { evidence_id: "INV-2", doc_type: "invoice" },
      { evidence_id: "INV-2\u00ad", doc_type: "invoice" },
    ];
    const v = validateTemplate(workbook(d));
    expect(v.findings.filter((f) => f.code === "V22")).toEqual([]);
    expect(v.findings.filter((f) => f.code === "DUPLICATE_ID").map((f) => `${f.sheet}!${f.cell}`)).toEqual(["10_Evidence!A6"]);
    expect(v.findings.find((f) => f.sheet === "03_Metal_Inputs" && f.code === "ID_NORMALISED")?.message).toMatch(/invisible characters U\+200B removed/);
  });

  test("an identifier made only of invisible characters is blank: REQUIRED", () => {
    for (const text of ["\u200e", "\u00ad", "\u200e\u202e ", "\u0001"]) {
      const v = ids(["IN-01", text]);
      expect(v.findings.some((f) => f.cell === "A5" && f.code === "REQUIRED")).toBe(true);
    }
  });

  test("a formula-like text hidden behind a leading space is still flagged", () => {
    const v = ids(["IN-01", " =cmd|x"]);
    expect(v.findings.find((f) => f.cell === "A5" && f.code === "FORMULA_TEXT")?.message).toMatch(/^"=cmd\|x" starts with "="/);
  });

  test("smelter/refinery pairs are told apart even when an ID holds ' / '", () => {
    const d = smallMill();
    d.primary_sources = [
      { smelter_id: "SM-C / RF-C", alumina_per_al: 1.928, refinery_id: "RF-D", refinery_share: 1, redmud_per_alumina: 1.2 },
      { smelter_id: "SM-C", alumina_per_al: 1.928, refinery_id: "RF-C / RF-D", refinery_share: 1, redmud_per_alumina: 1.2 },
      { smelter_id: "SM1", alumina_per_al: 1.928, refinery_id: "RF1", refinery_share: 1, redmud_per_alumina: 1.2 },
      { smelter_id: "SM1", alumina_per_al: 1.928, refinery_id: "RF1", refinery_share: 0, redmud_per_alumina: 1.2 },
    ];
    const dup = validateTemplate(workbook(d)).findings.filter((f) => f.code === "DUPLICATE_ID");
    expect(dup.map((f) => f.cell)).toEqual(["D7"]);
    expect(dup[0].message).toContain('"SM1 / RF1" appears again (first at D6)');
  });
});

test("the validator reads a literal-% share cell as parseShare does (its fast path checks the format)", () => {
  const d = smallMill();
  d.metal_inputs![1] = { input_id: "I2", input_class: "secondary_ingot", mass_t: 160, recycled_share: 0.9, post_consumer_share: 0.5 };
  const wb = workbook(d);
  const g = wb.sheets.find((x) => x.name === "03_Metal_Inputs")!;
  const formats = g.values.map((row) => row.map(() => "General" as string | undefined));
  formats[4][4] = '0.0" %"'; // E5: shows "0.9 %"
  (g as { numberFormats?: unknown }).numberFormats = formats;
  const v = validateTemplate(wb);
  expect(v.sheets.metal_inputs!.col("recycled_share")[1]).toBeCloseTo(0.009, 15);
  expect(v.findings.find((f) => f.cell === "E5")?.code).toBe("PERCENT_POINTS");
  expect(v.sheets.metal_inputs!.col("post_consumer_share")[1]).toBe(0.5);
});


describe("units in headers (HEADER_UNIT), however they are spelled", () => {
  /** The finding at the header cell after replacing that column's header text. */
  const withHeader = (key: TemplateSheetKey, column: string, text: string) => {
    const d = smallMill();
    d.primary_sources![0].primary_ghg = 14.8;
    d.primary_sources![1].primary_ghg = 14.8;
    d.footprint = [{ product_id: "P1", pcf_excl_biogenic: 8, fossil_ghg: 7, scrap_method: "cut_off", ipcc_ar: "AR6", standard: "ISO14067" }];
    const wb = workbook(d);
    const spec = TEMPLATE_SHEETS.find((s) => s.key === key)!;
    const g = wb.sheets.find((x) => x.name === spec.name)!;
    const c = spec.columns.findIndex((x) => x.key === column);
    (g.values[HEADER_ROW] as Cell[])[c] = text;
    return validateTemplate(wb).findings.find((f) => f.sheet === spec.name && f.code === "HEADER_UNIT")?.severity ?? "none";
  };

  test.each([
    ["metal_inputs", "mass_t", "Mass (t)", "none"],
    ["metal_inputs", "mass_t", "Mass (kg)", "error"],
    ["metal_inputs", "mass_t", "质量（千克）", "error"],
    ["metal_inputs", "mass_t", "Mass (1000 t)", "error"],
    ["metal_inputs", "mass_t", "Mass ('000 t)", "error"],
    ["metal_inputs", "mass_t", "Mass (%)", "error"],
    ["metal_inputs", "mass_t", "Mass (MT)", "warning"],
    ["metal_inputs", "mass_t", "Mass (gross)", "none"],
    ["metal_inputs", "mass_t", "Mass (000 t)", "error"],
    ["metal_inputs", "mass_t", "Mass (x1000 t)", "error"],
    ["metal_inputs", "mass_t", "Mass (thousand t)", "error"],
    ["metal_inputs", "mass_t", "Mass (kg, dry basis)", "error"],
    ["metal_inputs", "mass_t", "Mass (t, dry basis)", "none"],
    ["metal_inputs", "mass_t", "Mass (kg Al)", "error"],
    ["metal_inputs", "mass_t", "Mass (unit: kg)", "error"],
    ["metal_inputs", "mass_t", "质量（单位：千克）", "error"],
    ["metal_inputs", "mass_t", "质量（千吨）", "error"],
    ["metal_inputs", "mass_t", "质量（吨）", "none"],
    ["metal_inputs", "mass_t", "Mass (t/a)", "none"],
    ["metal_inputs", "mass_t", "Mass (metric tons)", "none"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (t CO2e/t)", "none"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (kg CO2e/kg)", "none"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (kgCO2e/t)", "error"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (kg CO2e/t)", "error"],
    ["primary_sources", "primary_ghg", "原铝碳足迹（千克CO2e/吨）", "error"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (g CO2e/kg)", "error"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (kg)", "error"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (MT CO2e/MT)", "warning"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (kg CO2e/t Al)", "error"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (kg CO2-eq/t)", "error"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (kg CO2e per t)", "error"],
    ["primary_sources", "primary_ghg", "Smelter's primary aluminium carbon footprint (t CO2e/t Al)", "none"],
    ["primary_sources", "redmud_per_alumina", "Red mud per t alumina (dry) (kg/t alumina)", "error"],
    ["footprint", "pcf_excl_biogenic", "PCF excluding biogenic (吨二氧化碳当量)", "error"],
    ["footprint", "pcf_excl_biogenic", "PCF excluding biogenic (t CO2 eq)", "error"],
    // A label with brackets of its own is still found when its unit changed.
    ["footprint", "ghg_cut_off", "碳足迹（截断法） (t CO2e)", "error"],
    ["footprint", "pcf_incl_biogenic", "碳足迹（含生物源）（吨CO2e）", "error"],
    ["primary_sources", "alumina_per_al", "Alumina per t aluminium (t/t)", "none"],
    ["primary_sources", "redmud_per_alumina", "Red mud per t alumina (dry) (t/t)", "none"],
    ["footprint", "pcf_excl_biogenic", "PCF excluding biogenic (kg CO2e)", "none"],
    ["footprint", "pcf_excl_biogenic", "PCF excluding biogenic (tCO2e)", "error"],
    ["footprint", "pcf_excl_biogenic", "PCF excluding biogenic (kg CO2e/kg)", "none"],
  ] as [TemplateSheetKey, string, string, string][])("%s %s headed %p: %s", (key, column, text, expected) => {
    expect(withHeader(key, column, text)).toBe(expected);
  });
});
