/**
 * Custom functions called with Excel-shaped arguments: 2-D arrays (columns [[1],[2]], rows [[1,2]]),
 * single values, blanks ([[null]], [[""]], and 0 as some platforms pass blanks), text and booleans.
 * Errors must be CustomFunctions.Error with the right code and a message naming argument + position.
 */
import fc from "fast-check";
import {
  CONVERT_MASS,
  DRY_MASS,
  PATHWAY_SHARES,
  RECYCLED_SHARE,
  RECYCLED_SPLIT,
  REDMUD_INTENSITY,
  REDMUD_PER_AL,
  REDMUD_RATIO,
  REDMUD_UTILIZATION,
  SCRAP_PER_TONNE,
  WEIGHTED_SHARE,
} from "../../src/functions/functions";
import { ExcelFunctionError } from "../../src/functions/args";

// A tiny stand-in for the CustomFunctions global Excel provides (set after import: importing the
// module must not need it).
class FakeCfError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
const FakeCustomFunctions = {
  Error: FakeCfError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
  },
};
const g = globalThis as unknown as { CustomFunctions?: unknown };
beforeEach(() => {
  g.CustomFunctions = FakeCustomFunctions;
});
afterAll(() => {
  delete g.CustomFunctions;
});

function excelError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof FakeCfError || e instanceof ExcelFunctionError) return { code: e.code, message: e.message ?? "" };
    throw e;
  }
  throw new Error("expected an Excel error");
}

const col = (...xs: unknown[]) => xs.map((x) => [x]);
const row = (...xs: unknown[]) => [xs];

describe("REDMUD_RATIO", () => {
  test("ratio of totals: (120 + 60) / (100 + 40)", () => {
    expect(REDMUD_RATIO(col(120, 60), col(100, 40))).toBeCloseTo(180 / 140, 12);
  });

  test("a row pairs with a column of the same size; a single cell may be a scalar", () => {
    expect(REDMUD_RATIO(row(120, 60), col(100, 40))).toBeCloseTo(180 / 140, 12);
    expect(REDMUD_RATIO(1.2 as unknown as any[][], 1 as unknown as any[][])).toBeCloseTo(1.2, 12);
  });

  test("ranges of different sizes → #VALUE! naming both", () => {
    const e = excelError(() => REDMUD_RATIO(col(1, 2), col(1, 2, 3)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/redMud has 2 cells but alumina has 3/);
  });

  test("number-looking text is not coerced: #VALUE! at its row", () => {
    const e = excelError(() => REDMUD_RATIO(col(120, 60, 30), col(100, 40, "12.5")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^alumina, row 3: holds text '12.5', not a number/);
  });

  test("booleans and other text are #VALUE! with position", () => {
    expect(excelError(() => REDMUD_RATIO(col(true), col(1))).message).toMatch(/^redMud: holds TRUE; enter a number/);
    expect(excelError(() => REDMUD_RATIO(row(1, "abc"), row(1, 2))).message).toMatch(/^redMud, column 2: holds text 'abc'/);
  });

  test("2-D block positions are row and column", () => {
    const e = excelError(() => REDMUD_RATIO([[1, 2], [3, -4]], [[1, 1], [1, 1]]));
    expect(e.message).toMatch(/^redMud, row 2, column 2: -4 is negative/);
  });

  test("blank next to a value → #VALUE! naming the blank cell", () => {
    const e = excelError(() => REDMUD_RATIO(col(120, 60), col(100, null)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^alumina, row 2: is blank but redMud has a value/);
    expect(excelError(() => REDMUD_RATIO(col(120, ""), col(100, 40))).message).toMatch(/^redMud, row 2: is blank/);
  });

  test("rows blank in both (null, '' or 0) are skipped", () => {
    expect(REDMUD_RATIO(col(120, null, "", 60), col(100, null, 0, 40))).toBeCloseTo(180 / 140, 12);
  });

  test("all blank or zero alumina → #DIV/0!", () => {
    expect(excelError(() => REDMUD_RATIO([[null]], [[null]])).code).toBe("#DIV/0!");
    expect(excelError(() => REDMUD_RATIO([[""]], [[""]])).code).toBe("#DIV/0!");
    expect(excelError(() => REDMUD_RATIO(col(5), col(0))).code).toBe("#DIV/0!");
  });
});

describe("DRY_MASS", () => {
  test("elementwise, same shape, scalar moisture broadcast, blank stays blank", () => {
    // 10 × 0.65 = 6.5; 20 × 0.65 = 13
    const out = DRY_MASS(col(10, null, 20), [[0.35]]);
    expect(out).toHaveLength(3);
    expect(out[0][0]).toBeCloseTo(6.5, 12);
    expect(out[1][0]).toBe("");
    expect(out[2][0]).toBeCloseTo(13, 12);
    expect(DRY_MASS(row(10, 20), 0.35 as unknown as any[][])[0]).toHaveLength(2);
  });

  test("moisture per cell; dry basis (also as 干基)", () => {
    const out = DRY_MASS(col(100, 100), col(0.27, 0.5), "wet");
    expect(out[0][0]).toBeCloseTo(73, 10);
    expect(out[1][0]).toBeCloseTo(50, 10);
    expect(DRY_MASS([[10]], [[0.35]], "dry")[0][0]).toBeCloseTo(10 / 1.35, 12);
    expect(DRY_MASS([[10]], [[0.35]], "干基")[0][0]).toBeCloseTo(10 / 1.35, 12);
  });

  test("percent typed as 35 → #VALUE! with a hint; bad basis and sizes named", () => {
    const e = excelError(() => DRY_MASS(col(10), [[35]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^moisture: 35 is not a share between 0 and 1; for 35% enter 35%/);
    expect(excelError(() => DRY_MASS(col(10), [[0.3]], "damp")).message).toMatch(/^basis: 'damp'/);
    expect(excelError(() => DRY_MASS(col(1, 2, 3), col(0.1, 0.2))).message).toMatch(/moisture has 2 cells but wet has 3/);
    expect(excelError(() => DRY_MASS(col(1, 2), col(0.1, null))).message).toMatch(/^moisture, row 2: is blank/);
    expect(excelError(() => DRY_MASS(col(1, "2"), [[0.1]])).message).toMatch(/^wet, row 2: holds text '2'/);
    expect(excelError(() => DRY_MASS(col(1), [[1]])).message).toMatch(/^moisture: .*below 1/);
  });
});

describe("REDMUD_PER_AL", () => {
  test("1.2 [S1] × 1.928 [S25] = 2.3136; explicit A; 1×1 arrays accepted", () => {
    expect(REDMUD_PER_AL(1.2)).toBeCloseTo(2.3136, 12);
    expect(REDMUD_PER_AL(1.2, null)).toBeCloseTo(2.3136, 12);
    expect(REDMUD_PER_AL([[1.2]], [[1.908]])).toBeCloseTo(1.2 * 1.908, 12);
  });

  test("below stoichiometry, text, ranges → #VALUE! naming the argument", () => {
    const e = excelError(() => REDMUD_PER_AL(1.2, 1.5));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^aluminaPerAl: .*stoichiometric minimum 1.8895/);
    expect(excelError(() => REDMUD_PER_AL("1.2")).message).toMatch(/^ratio: holds text '1.2'/);
    expect(excelError(() => REDMUD_PER_AL([[1, 2]])).message).toMatch(/^ratio must be a single cell/);
    expect(excelError(() => REDMUD_PER_AL(null)).message).toMatch(/^ratio is blank/);
    expect(excelError(() => REDMUD_PER_AL(-1)).message).toMatch(/^ratio: -1 is negative/);
  });
});

describe("REDMUD_INTENSITY (cut-off)", () => {
  test("RC 40% example: 0.6 t primary at r = 1.2, 1 t product → 0.6 × 2.3136 = 1.38816", () => {
    expect(REDMUD_INTENSITY([[0.6]], [[1.2]], [[1]])).toBeCloseTo(1.38816, 12);
  });

  test("two sources with their own A: (600 × 1.2 × 1.928 + 200 × 1.36 × 1.928) / 900", () => {
    // 600 × 2.3136 + 200 × 2.62208 = 1388.16 + 524.416 = 1912.576; / 900
    const v = REDMUD_INTENSITY(col(600, 200), col(1.2, 1.36), [[900]], col(1.928, 1.928));
    expect(v).toBeCloseTo(1912.576 / 900, 10);
    expect(REDMUD_INTENSITY(col(600, 200), col(1.2, 1.36), [[900]], [[1.928]])).toBeCloseTo(1912.576 / 900, 10);
  });

  test("errors: bad A row, blank output, zero output", () => {
    const e = excelError(() => REDMUD_INTENSITY(col(1, 1), col(1.2, 1.2), [[1]], col(1.93, 1.2)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^aluminaPerAl, row 2: .*stoichiometric/);
    expect(excelError(() => REDMUD_INTENSITY(col(1), col(1.2), [[null]])).message).toMatch(/^productOutputT is blank/);
    expect(excelError(() => REDMUD_INTENSITY(col(1), col(1.2), [[0]])).code).toBe("#DIV/0!");
    expect(excelError(() => REDMUD_INTENSITY(col(1, 2), col(1.2, null), [[1]])).message).toMatch(
      /^redMudPerTAlumina, row 2: is blank/,
    );
  });
});

describe("REDMUD_UTILIZATION", () => {
  test("10.5 Mt utilised [S10] vs 100 Mt generated → 10.5%; per refinery rows sum", () => {
    expect(REDMUD_UTILIZATION([[10.5]], [[100]])).toBeCloseTo(0.105, 12);
    expect(REDMUD_UTILIZATION(col(5, 5.5), col(40, 60))).toBeCloseTo(0.105, 12);
  });

  test("NBS-style with legacy: (10.5 + 2) / (100 + 2)", () => {
    expect(REDMUD_UTILIZATION([[10.5]], [[100]], [[2]])).toBeCloseTo(12.5 / 102, 12);
    // two refineries, legacy per refinery or as one site total: (5 + 5.5 + 0.5 + 1.5) / (40 + 60 + 2)
    expect(REDMUD_UTILIZATION(col(5, 5.5), col(40, 60), col(0.5, 1.5))).toBeCloseTo(12.5 / 102, 12);
    expect(REDMUD_UTILIZATION(col(5, 5.5), col(40, 60), 2 as unknown as any[][])).toBeCloseTo(12.5 / 102, 12);
  });

  test("utilised > generated → #VALUE! at that row; zero generated → #DIV/0!", () => {
    const e = excelError(() => REDMUD_UTILIZATION(col(5, 70), col(40, 60)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^utilisedNew, row 2: 70 t utilised exceeds 60 t generated/);
    expect(excelError(() => REDMUD_UTILIZATION([[0]], [[0]])).code).toBe("#DIV/0!");
    expect(excelError(() => REDMUD_UTILIZATION([[null]], [[null]])).code).toBe("#DIV/0!");
    expect(excelError(() => REDMUD_UTILIZATION(col(1, 2), col(3, 4), col(1, 2, 3))).message).toMatch(/has 2 cells but utilisedLegacy has 3/);
  });
});

describe("PATHWAY_SHARES", () => {
  const codes = col("USE_FE_RECOVERY", "STORE_DRY_STACK", "use_cement_clinker_raw", "干法堆存");
  const masses = col(10, 60, 10, 20);

  test("spilled [code, share] rows in code-list order; header optional", () => {
    expect(PATHWAY_SHARES(codes, masses)).toEqual([
      ["STORE_DRY_STACK", 0.8],
      ["USE_CEMENT_CLINKER_RAW", 0.1],
      ["USE_FE_RECOVERY", 0.1],
    ]);
    expect(PATHWAY_SHARES(codes, masses, true)[0]).toEqual(["pathway_code", "share"]);
    expect(PATHWAY_SHARES(codes, masses, null)).toHaveLength(3);
  });

  test("unknown code → #VALUE! naming codes and the row", () => {
    const e = excelError(() => PATHWAY_SHARES(col("STORE_DRY_STACK", null, "LANDFILL"), col(1, null, 2)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^codes, row 3: 'LANDFILL' is not a red mud pathway code/);
  });

  test("code without mass, numbers as codes, bad withHeader", () => {
    expect(excelError(() => PATHWAY_SHARES(col("DISP_SEA", "DISP_RIVER"), col(1, null))).message).toMatch(/^masses, row 2: is blank/);
    expect(excelError(() => PATHWAY_SHARES(col(5), col(1))).message).toMatch(/^codes: holds the number 5/);
    expect(excelError(() => PATHWAY_SHARES(codes, masses, "yes")).message).toMatch(/^withHeader must be TRUE or FALSE/);
    expect(excelError(() => PATHWAY_SHARES(col("DISP_SEA"), col(0))).code).toBe("#DIV/0!");
  });
});

describe("RECYCLED_SHARE / RECYCLED_SPLIT", () => {
  // EA [S39]: 64 t primary, 16 t pre-consumer, 20 t post-consumer → 36% = 16% + 20%
  const masses = col(64, 16, 20, 30);
  const classes = col("primary_ingot", "pre_consumer_scrap_external", "消费后废铝", "run_around_scrap");

  test("EA example: 36%; split 16% / 20% / 36%; run-around excluded", () => {
    expect(RECYCLED_SHARE(masses, classes)).toBeCloseTo(0.36, 12);
    const split = RECYCLED_SPLIT(masses, classes);
    expect(split.map((r) => r[0])).toEqual(["pre_consumer", "post_consumer", "total"]);
    expect(split[0][1]).toBeCloseTo(0.16, 12);
    expect(split[1][1]).toBeCloseTo(0.2, 12);
    expect(split[2][1]).toBeCloseTo(0.36, 12);
  });

  test("whole columns: shares below the last mass or class are not read (the rows end with the data)", () => {
    // A:A-style arguments of 1,000 rows; the EA rows on top, a stray note far below in the shares column only.
    const pad = (xs: unknown[][]) => [...xs, ...Array.from({ length: 1000 - xs.length }, () => [null])];
    const m = pad(masses);
    const c = pad(classes);
    const shares = pad(col(null, null, null, null));
    shares[900] = ["see note"];
    expect(RECYCLED_SHARE(m, c, null, null, shares, shares)).toBeCloseTo(0.36, 12);
    // A class without its mass below the data still counts as a row, and is named.
    c[700] = ["primary_ingot"];
    expect(() => RECYCLED_SHARE(m, c)).toThrow(/masses, row 701/);
  });

  test("internal cross-process flag and al_only denominator", () => {
    const m = col(64, 16, 20, 10);
    const c = col("primary_ingot", "pre_consumer_scrap_external", "post_consumer_scrap", "pre_consumer_scrap_internal_cross_process");
    expect(RECYCLED_SHARE(m, c)).toBeCloseTo(36 / 110, 12);
    expect(RECYCLED_SHARE(m, c, "all_metal", true)).toBeCloseTo(46 / 110, 12);
    // al_only: 20 / (90 + 0.94 × 5 + 20) = 20 / 114.7
    const m2 = col(90, 5, 5, 20);
    const c2 = col("primary_ingot", "alloying_element", "master_alloy", "post_consumer_scrap");
    expect(RECYCLED_SHARE(m2, c2, "al_only", false, undefined, undefined, col(null, null, 0.94, null))).toBeCloseTo(20 / 114.7, 12);
  });

  test("secondary ingot uses its declared shares; missing ones are named at the row", () => {
    // 100 t at 80% recycled (75% of it post) + 100 t primary → 40%; post 30%
    const m = col(100, 100);
    const c = col("secondary_ingot", "primary_liquid");
    expect(RECYCLED_SHARE(m, c, null, null, col(0.8, null), col(0.75, null))).toBeCloseTo(0.4, 12);
    expect(RECYCLED_SPLIT(m, c, null, null, col(0.8, null), col(0.75, null))[1][1]).toBeCloseTo(0.3, 12);
    const e = excelError(() => RECYCLED_SHARE(col(100, 100), col("primary_liquid", "secondary_ingot")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^recycledShares, row 2: secondary_ingot needs the recycled share/);
    const e2 = excelError(() => RECYCLED_SHARE(col(100, 100), col("primary_liquid", "secondary_ingot"), null, null, col(null, 80), col(null, 0.5)));
    expect(e2.message).toMatch(/^recycledShares, row 2: 80 is not a share between 0 and 1; for 80% enter 80%/);
  });

  test("al_only without alContent for master_alloy → #VALUE! at alContents row", () => {
    const e = excelError(() => RECYCLED_SHARE(col(90, 5), col("primary_ingot", "master_alloy"), "al_only"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^alContents, row 2: master_alloy needs its aluminium content/);
  });

  test("bad classes, denominator and flag are named", () => {
    expect(excelError(() => RECYCLED_SHARE(col(1, 2), col("primary_ingot", "scrap"))).message).toMatch(/^classes, row 2: 'scrap' is not an input class/);
    expect(excelError(() => RECYCLED_SHARE(col(1, 2), col("primary_ingot", 7))).message).toMatch(/^classes, row 2: holds the number 7/);
    expect(excelError(() => RECYCLED_SHARE(col(1), col("primary_ingot"), "mass")).message).toMatch(/^denominator: 'mass'/);
    expect(excelError(() => RECYCLED_SHARE(col(1), col("primary_ingot"), null, "TRUE")).message).toMatch(
      /^countInternalCrossProcess must be TRUE or FALSE/,
    );
    expect(excelError(() => RECYCLED_SHARE(col(1, null), col("primary_ingot", "post_consumer_scrap"))).message).toMatch(
      /^masses, row 2: is blank but classes has a value/,
    );
    expect(excelError(() => RECYCLED_SHARE(col(5), col("run_around_scrap"))).code).toBe("#DIV/0!");
    expect(excelError(() => RECYCLED_SHARE(col("64"), col("primary_ingot"))).message).toMatch(/^masses: holds text '64', not a number/);
  });

  const CLASSES = [
    "primary_ingot",
    "primary_liquid",
    "pre_consumer_scrap_external",
    "pre_consumer_scrap_internal_cross_process",
    "post_consumer_scrap",
    "run_around_scrap",
    "alloying_element",
  ];
  const rowsArb = fc.array(fc.tuple(fc.double({ min: 0.001, max: 1e5, noNaN: true }), fc.constantFrom(...CLASSES)), {
    minLength: 1,
    maxLength: 25,
  });

  test("property: share in [0,1]; same as row or column; independent of row order", () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (rows, flag) => {
        fc.pre(rows.some((r) => r[1] !== "run_around_scrap"));
        const m = rows.map((r) => r[0]);
        const c = rows.map((r) => r[1]);
        const asCol = RECYCLED_SHARE(col(...m), col(...c), null, flag);
        const asRow = RECYCLED_SHARE(row(...m), row(...c), null, flag);
        const mixed = RECYCLED_SHARE(row(...m), col(...c), null, flag);
        const reversed = RECYCLED_SHARE(col(...[...m].reverse()), col(...[...c].reverse()), null, flag);
        expect(asCol).toBeGreaterThanOrEqual(0);
        expect(asCol).toBeLessThanOrEqual(1);
        expect(asRow).toBeCloseTo(asCol, 12);
        expect(mixed).toBeCloseTo(asCol, 12);
        expect(reversed).toBeCloseTo(asCol, 9);
      }),
    );
  });
});

describe("WEIGHTED_SHARE", () => {
  test("RC 18% (1000 t) and 40% (500 t) [S38] → 380 / 1500", () => {
    expect(WEIGHTED_SHARE(col(0.18, 0.4), col(1000, 500))).toBeCloseTo(380 / 1500, 12);
    expect(WEIGHTED_SHARE(row(0.18, 0.4), col(1000, 500))).toBeCloseTo(380 / 1500, 12);
  });

  test("percent typed as 40 → #VALUE! at its row; zero mass → #DIV/0!", () => {
    const e = excelError(() => WEIGHTED_SHARE(col(0.18, 40), col(1000, 500)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^shares, row 2: 40 is not a share between 0 and 1; for 40% enter 40% or 0.4/);
    expect(excelError(() => WEIGHTED_SHARE(col(0.2), col(0))).code).toBe("#DIV/0!");
  });

  test("property: between min and max share", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 25,
        }),
        (pairs) => {
          const s = pairs.map((p) => p[0]);
          const w = WEIGHTED_SHARE(col(...s), col(...pairs.map((p) => p[1])));
          expect(w).toBeGreaterThanOrEqual(Math.min(...s) - 1e-12);
          expect(w).toBeLessThanOrEqual(Math.max(...s) + 1e-12);
        },
      ),
    );
  });
});

describe("SCRAP_PER_TONNE", () => {
  test("120 t scrap / 100 t product = 1.2 (may exceed 1)", () => {
    expect(SCRAP_PER_TONNE([[120]], [[100]])).toBeCloseTo(1.2, 12);
    expect(SCRAP_PER_TONNE(col(70, 50), 100 as unknown as any[][])).toBeCloseTo(1.2, 12);
  });

  test("with classes: only pre (external + internal cross-process) and post count", () => {
    // 16 + 4 + 20 = 40 t of scrap; run-around 30, primary 64, secondary ingot 10 left out; / 80 t
    const m = col(64, 16, 4, 20, 30, 10);
    const c = col(
      "primary_ingot",
      "pre_consumer_scrap_external",
      "pre_consumer_scrap_internal_cross_process",
      "post_consumer_scrap",
      "run_around_scrap",
      "secondary_ingot",
    );
    expect(SCRAP_PER_TONNE(m, [[80]], c)).toBeCloseTo(0.5, 12);
    expect(excelError(() => SCRAP_PER_TONNE(col(1, 2), [[80]], col("post_consumer_scrap", "x"))).message).toMatch(/^classes, row 2: 'x'/);
    expect(excelError(() => SCRAP_PER_TONNE(col(1), [[0]])).code).toBe("#DIV/0!");
    expect(excelError(() => SCRAP_PER_TONNE(col(1), [[null]])).message).toMatch(/^productOutput is blank/);
  });
});

describe("CONVERT_MASS", () => {
  test("10.5 Mt = 1050 万吨; elementwise; blank stays blank", () => {
    expect(CONVERT_MASS([[10.5]], "Mt", "万吨")[0][0]).toBeCloseTo(1050, 10);
    const out = CONVERT_MASS(col(1500, null, 250), "kg", "t");
    expect(out).toEqual([[1.5], [""], [0.25]]);
  });

  test("ambiguous units → #VALUE! saying why", () => {
    const e = excelError(() => CONVERT_MASS([[1]], "ton", "kg"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^fromUnit: 'ton' may be a short ton/);
    expect(excelError(() => CONVERT_MASS([[1]], "t", "MT")).message).toMatch(/^toUnit: .*megatonne/);
    expect(excelError(() => CONVERT_MASS([[1]], "t", "斤")).message).toMatch(/^toUnit: '斤'/);
    expect(excelError(() => CONVERT_MASS(col(1, "x"), "t", "kg")).message).toMatch(/^value, row 2: holds text 'x'/);
    expect(excelError(() => CONVERT_MASS([[1]], null, "kg")).message).toMatch(/^fromUnit: the mass unit is blank/);
  });
});

describe("whole-column arguments (1,048,576 rows)", () => {
  const N = 1_048_576;
  // Blank rows as Excel may pass them: null, "" or 0, mixed.
  const fillers = [[null], [""], [0]];
  const blankColumn: unknown[][] = [];
  for (let i = 0; i < N; i++) blankColumn.push(fillers[i % 3]);
  function wholeColumn(data: unknown[]): unknown[][] {
    const out = blankColumn.slice();
    for (let i = 0; i < data.length; i++) out[i] = [data[i]];
    return out;
  }

  test("property: data followed by blanks gives the data-only result", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.001, max: 1e5, noNaN: true }),
            fc.constantFrom("primary_ingot", "pre_consumer_scrap_external", "post_consumer_scrap", "run_around_scrap"),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (rows) => {
          fc.pre(rows.some((r) => r[1] !== "run_around_scrap"));
          const m = rows.map((r) => r[0]);
          const c = rows.map((r) => r[1]);
          const s = rows.map((r) => r[2]);
          expect(RECYCLED_SHARE(wholeColumn(m), wholeColumn(c))).toBeCloseTo(RECYCLED_SHARE(col(...m), col(...c)), 12);
          expect(WEIGHTED_SHARE(wholeColumn(s), wholeColumn(m))).toBeCloseTo(WEIGHTED_SHARE(col(...s), col(...m)), 12);
          expect(REDMUD_RATIO(wholeColumn(s), wholeColumn(m))).toBeCloseTo(REDMUD_RATIO(col(...s), col(...m)), 12);
        },
      ),
      { numRuns: 15 },
    );
  });

  test("paired whole columns: PATHWAY_SHARES spills only the used codes", () => {
    const out = PATHWAY_SHARES(wholeColumn(["STORE_DRY_STACK", "USE_ROAD_BASE"]), wholeColumn([3, 1]));
    expect(out).toEqual([
      ["STORE_DRY_STACK", 0.75],
      ["USE_ROAD_BASE", 0.25],
    ]);
  });
});

describe("without the CustomFunctions global (Node)", () => {
  test("errors are ExcelFunctionError carrying the same code and message", () => {
    delete g.CustomFunctions;
    let caught: unknown;
    try {
      WEIGHTED_SHARE(col(0.5, 45), col(1, 1));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExcelFunctionError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as ExcelFunctionError).code).toBe("#VALUE!");
    expect((caught as ExcelFunctionError).message).toMatch(/^shares, row 2: 45 is not a share/);
    let div: unknown;
    try {
      REDMUD_RATIO(col(1), col(0));
    } catch (e) {
      div = e;
    }
    expect((div as ExcelFunctionError).code).toBe("#DIV/0!");
  });
});

describe("finite inputs whose sums overflow give #NUM! naming the argument, never a silent 0 (second-round tester)", () => {
  const big = col(1e308, 1e308);
  test.each([
    ["RECYCLED_SHARE", () => RECYCLED_SHARE(big, col("primary_ingot", "post_consumer_scrap")), /^masses: .*more than a number can hold/],
    ["WEIGHTED_SHARE", () => WEIGHTED_SHARE(col(0.5, 0.9), big), /^masses: /],
    ["PATHWAY_SHARES", () => PATHWAY_SHARES(col("STORE_DRY_STACK", "USE_FE_RECOVERY"), big), /^masses: /],
    ["SCRAP_PER_TONNE", () => SCRAP_PER_TONNE(big, [[1]]), /^scrapMasses: /],
    ["REDMUD_INTENSITY", () => REDMUD_INTENSITY([[1e308]], [[1e308]], [[1]]), /^primaryMassT × redMudPerTAlumina: /],
  ] as const)("%s", (_name, call, message) => {
    const e = excelError(call);
    expect(e.code).toBe("#NUM!");
    expect(e.message).toMatch(message);
  });

  test("an error value in a text argument is named by its code", () => {
    const e = excelError(() => RECYCLED_SHARE(col(1), col("primary_ingot"), { code: "#N/A" } as never));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("denominator: holds the error #N/A; fix that cell first");
  });
});
