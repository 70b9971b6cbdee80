// Mapping a sheet that is not ours onto a template sheet: the guess (English and Chinese headers),
// the checks, and validation through the mapping with findings on the user's own cells.
import type { Cell, Grid, WorkbookGrids } from "../../src/core/cells";
import {
  HEADER_SCAN_ROWS,
  MappingError,
  applyHeaderMappings,
  checkHeaderMapping,
  guessHeaderRow,
  guessTemplate,
  proposeHeaderMapping,
} from "../../src/core/template/mapping";
import { sheetSpec } from "../../src/core/template/spec";
import { validateTemplate } from "../../src/core/template/validate";
import { smallMill, templateGrid, workbook } from "../helpers/fixtures";

/** A buyer's own purchase list: a title, a note, headers on row 4, one bad mass on C6. */
function purchases(headers: Cell[] = ["Lot", "Material type", "Weight (t)", "Vendor", "Comment"]): Grid {
  return {
    name: "Purchases 2025",
    values: [
      ["Metal purchases (our own format)"],
      ["Exported from ERP"],
      [],
      headers,
      ["L1", "Primary ingot", 600, "Smelter A", null],
      ["L2", "Post-consumer scrap", "lots", "Scrap dealer", "estimate"],
      ["L3", "pre_consumer_scrap_external", 160, null, null],
    ],
  };
}

function millWithout(key: "metal_inputs"): WorkbookGrids {
  const data = smallMill();
  delete data[key];
  return workbook(data);
}

describe("guessing a mapping", () => {
  test("finds the header row and recognises English synonyms", () => {
    const g = purchases();
    expect(guessTemplate(g)).toBe("metal_inputs");
    expect(guessHeaderRow(sheetSpec("metal_inputs"), g)).toBe(3);
    const m = proposeHeaderMapping(g.name, "metal_inputs", g);
    expect(m).toEqual({ sheet: "Purchases 2025", template: "metal_inputs", headerRow: 3, columns: { input_id: 0, input_class: 1, mass_t: 2, source_supplier: 3 } });
    expect(checkHeaderMapping(m)).toEqual({ missingRequired: [], columnsUsedTwice: [], usable: true });
  });

  test("recognises Chinese headers", () => {
    const g = purchases(["批次号", "物料类别", "重量（吨）", "供应商", "备注"]);
    expect(proposeHeaderMapping(g.name, "metal_inputs", g).columns).toEqual({ input_id: 0, input_class: 1, mass_t: 2 });
  });

  test("too little mapped is not usable, and says what is missing", () => {
    const c = checkHeaderMapping({ sheet: "X", template: "metal_inputs", headerRow: 0, columns: { input_id: 0 } });
    expect(c.usable).toBe(false);
    expect(c.missingRequired).toEqual(["input_class", "mass_t"]);
    const twice = checkHeaderMapping({ sheet: "X", template: "metal_inputs", headerRow: 0, columns: { input_id: 0, input_class: 0, mass_t: 2 } });
    expect(twice.columnsUsedTwice).toEqual([0]);
    expect(twice.usable).toBe(false);
  });
});

describe("validating through a mapping", () => {
  test("the mapped sheet is validated; findings point at the user's cells", () => {
    // Headers nobody could guess: without a mapping the sheet is not found.
    const g = purchases(["Charge no.", "Kind", "Tonnes", "Vendor", "Comment"]);
    const wb: WorkbookGrids = { sheets: [...millWithout("metal_inputs").sheets, g] };
    const before = validateTemplate(wb);
    expect(before.findings.some((f) => f.code === "SHEET_MISSING" && f.sheet === sheetSpec("metal_inputs").name)).toBe(true);

    const mapped = applyHeaderMappings(wb, [{ sheet: g.name, template: "metal_inputs", headerRow: 3, columns: { input_id: 0, input_class: 1, mass_t: 2 } }]);
    const after = validateTemplate(mapped);
    expect(after.findings.some((f) => f.code === "SHEET_MISSING" && f.sheet === sheetSpec("metal_inputs").name)).toBe(false);
    expect(after.sheets.metal_inputs?.sheet).toBe("Purchases 2025");
    expect(after.sheets.metal_inputs?.rows.map((r) => r.v.mass_t)).toEqual([600, undefined, 160]);
    const bad = after.findings.filter((f) => f.sheet === "Purchases 2025" && f.severity === "error");
    expect(bad.map((f) => f.cell)).toContain("C6"); // "lots" in the Weight column, row 6 of the sheet
    // Unmapped columns (Vendor, Comment) are not reported as unknown columns.
    expect(after.findings.filter((f) => f.sheet === "Purchases 2025" && /D4|E4/.test(f.cell))).toEqual([]);
    // The input workbook is not changed.
    expect(g.values[3]).toEqual(["Charge no.", "Kind", "Tonnes", "Vendor", "Comment"]);
  });

  test("a mapped sheet wins over a template sheet of the same kind", () => {
    const g = purchases();
    const wb = workbook(smallMill(), [g]); // has a real 03 metal inputs sheet too
    const mapped = applyHeaderMappings(wb, [proposeHeaderMapping(g.name, "metal_inputs", g)]);
    expect(validateTemplate(mapped).sheets.metal_inputs?.sheet).toBe("Purchases 2025");
    expect(mapped.sheets.some((s) => s.name === sheetSpec("metal_inputs").name)).toBe(false);
    expect(validateTemplate(mapped).sheets.products?.sheet).toBe(sheetSpec("products").name);
  });

  test("a header row as low as the scan allows still works", () => {
    const rows: Cell[][] = Array.from({ length: HEADER_SCAN_ROWS - 1 }, () => ["note"]);
    const g: Grid = { name: "Low", values: [...rows, ["ID", "Class", "Mass"], ["A", "primary_ingot", 5]] };
    const m = { sheet: "Low", template: "metal_inputs" as const, headerRow: HEADER_SCAN_ROWS - 1, columns: { input_id: 0, input_class: 1, mass_t: 2 } };
    const v = validateTemplate(applyHeaderMappings(workbook({}, [g]), [m]));
    expect(v.sheets.metal_inputs?.rows).toHaveLength(1);
  });

  test("bad mappings are refused with a message", () => {
    const wb = workbook({}, [purchases()]);
    const ok = proposeHeaderMapping("Purchases 2025", "metal_inputs", purchases());
    expect(() => applyHeaderMappings(wb, [{ ...ok, sheet: "Gone" }])).toThrow(MappingError);
    expect(() => applyHeaderMappings(wb, [{ ...ok, headerRow: HEADER_SCAN_ROWS }])).toThrow(/header row/);
    expect(() => applyHeaderMappings(wb, [{ ...ok, columns: { input_id: 0 } }])).toThrow(/missing: input_class, mass_t/);
    expect(() => applyHeaderMappings(wb, [{ ...ok, columns: { ...ok.columns, smelter_id: 3 } }])).toThrow(/not a column/);
    expect(() => applyHeaderMappings(wb, [ok, ok])).toThrow(/Two sheets/);
    expect(applyHeaderMappings(wb, [])).toBe(wb);
  });

  test("the template's own sheets map to themselves", () => {
    const g = templateGrid("outputs", smallMill().outputs!);
    const m = proposeHeaderMapping(g.name, "outputs", g);
    expect(m.headerRow).toBe(2);
    expect(Object.keys(m.columns).sort()).toEqual(sheetSpec("outputs").columns.map((c) => c.key).sort());
  });
});
