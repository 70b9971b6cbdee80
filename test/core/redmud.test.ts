import fc from "fast-check";
import { CalcError } from "../../src/core/errors";
import {
  dryMass,
  pathwayShares,
  redMudIntensityAllocation,
  redMudIntensityCutoff,
  redMudPerAluminium,
  redMudRatio,
  refineryBalanceResidual,
  smelterRedMudFactor,
  stockBalanceResidual,
  utilisationRateNbs,
  utilisationRateNew,
} from "../../src/core/redmud";
import { PATHWAY_CODES } from "../../src/core/codes";

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof CalcError ? e.kind : "other";
  }
  return undefined;
}

describe("dryMass (§1.2)", () => {
  test("wet basis: 10 t at 35% moisture → 10 × (1 − 0.35) = 6.5 t dry", () => {
    expect(dryMass(10, 0.35, "wet")).toBeCloseTo(6.5, 12);
  });

  test("dry basis: 10 t at u = 0.35 → 10 / 1.35 = 7.4074 t dry", () => {
    expect(dryMass(10, 0.35, "dry")).toBeCloseTo(7.407407407, 8);
  });

  test("filter-press cake with 73% solids [S24]: both bases give 73 t dry from 100 t", () => {
    // wet basis w = 0.27 → 100 × 0.73 = 73; dry basis u = 0.27/0.73 → 100 / (1 + 0.27/0.73) = 73
    expect(dryMass(100, 0.27, "wet")).toBeCloseTo(73, 10);
    expect(dryMass(100, 0.27 / 0.73, "dry")).toBeCloseTo(73, 10);
  });

  test("rejects negatives and out-of-range moisture with typed errors", () => {
    expect(kindOf(() => dryMass(-1, 0.3, "wet"))).toBe("invalid_input");
    expect(kindOf(() => dryMass(10, 1, "wet"))).toBe("out_of_range");
    expect(kindOf(() => dryMass(10, -0.1, "wet"))).toBe("out_of_range");
    expect(kindOf(() => dryMass(10, -0.1, "dry"))).toBe("out_of_range");
    expect(kindOf(() => dryMass(10, NaN, "dry"))).toBe("invalid_input");
    expect(kindOf(() => dryMass(10, 0.3, "damp" as "wet"))).toBe("invalid_input");
  });

  test("property: 0 ≤ dry ≤ wet on both bases", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.constantFrom("wet" as const, "dry" as const),
        (wet, m, basis) => {
          const d = dryMass(wet, m, basis);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(wet);
        },
      ),
    );
  });
});

describe("redMudRatio (§1.3)", () => {
  test("ratio of totals, not mean of ratios", () => {
    // months: 120/100 = 1.2 and 60/40 = 1.5; totals 180/140 = 1.285714…, mean of ratios would be 1.35
    expect(redMudRatio([120, 60], [100, 40])).toBeCloseTo(180 / 140, 12);
  });

  test("IAI global: ~170 Mt residue (2021) on 133 Mt alumina (2020) [S1] ≈ 1.28 t/t", () => {
    expect(redMudRatio([170], [133])).toBeCloseTo(1.278, 3);
  });

  test("zero alumina is a division_by_zero; negatives and length mismatch are errors", () => {
    expect(kindOf(() => redMudRatio([1], [0]))).toBe("division_by_zero");
    expect(kindOf(() => redMudRatio([-1], [2]))).toBe("invalid_input");
    expect(kindOf(() => redMudRatio([1, 2], [2]))).toBe("mismatch");
    try {
      redMudRatio([1, -2], [2, 2]);
    } catch (e) {
      expect((e as CalcError).field).toBe("redMudDryT");
      expect((e as CalcError).index).toBe(1);
    }
  });

  test("property: independent of row order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        (pairs) => {
          const a = redMudRatio(
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
          );
          const rev = [...pairs].reverse();
          const b = redMudRatio(
            rev.map((p) => p[0]),
            rev.map((p) => p[1]),
          );
          expect(b).toBeCloseTo(a, 9);
        },
      ),
    );
  });
});

describe("red mud per aluminium and smelter factor (§1.3, §2.1)", () => {
  test("r = 1.2 [S1], A = 1.928 [S25] → 2.3136 t/t Al", () => {
    expect(redMudPerAluminium(1.2)).toBeCloseTo(2.3136, 12);
    expect(redMudPerAluminium(1.2, 1.928)).toBeCloseTo(2.3136, 12);
  });

  test("China 1.0–1.8 t/t alumina [S8] → 1.928–3.4704 t/t Al (REFERENCE: 1.93–3.47)", () => {
    expect(redMudPerAluminium(1.0)).toBeCloseTo(1.928, 12);
    expect(redMudPerAluminium(1.8)).toBeCloseTo(3.4704, 12);
  });

  test("alumina per Al below stoichiometry (1.8895) is an out_of_range error (V7)", () => {
    expect(kindOf(() => redMudPerAluminium(1.2, 1.5))).toBe("out_of_range");
    expect(() => redMudPerAluminium(1.2, 1.5)).toThrow(/stoichiometric minimum 1.8895/);
    expect(redMudPerAluminium(1.2, 1.8895)).toBeCloseTo(2.2674, 12);
  });

  test("two-refinery smelter: 60% r=1.2, 40% r=1.6, A=1.928 → 1.928 × (0.72 + 0.64) = 2.62208", () => {
    expect(
      smelterRedMudFactor(1.928, [
        { share: 0.6, redMudPerAlumina: 1.2 },
        { share: 0.4, redMudPerAlumina: 1.6 },
      ]),
    ).toBeCloseTo(2.62208, 12);
  });

  test("shares within ±0.005 of 1 are normalised; 3 × 33.3% gives the plain mean", () => {
    // (0.333 × 1.0 + 0.333 × 1.2 + 0.333 × 1.4) / 0.999 = 1.2 → × 1.928 = 2.3136
    const r = smelterRedMudFactor(1.928, [
      { share: 0.333, redMudPerAlumina: 1.0 },
      { share: 0.333, redMudPerAlumina: 1.2 },
      { share: 0.333, redMudPerAlumina: 1.4 },
    ]);
    expect(r).toBeCloseTo(2.3136, 12);
  });

  test("shares not summing to 1 within 0.005 → mismatch error", () => {
    expect(
      kindOf(() =>
        smelterRedMudFactor(1.928, [
          { share: 0.6, redMudPerAlumina: 1.2 },
          { share: 0.3, redMudPerAlumina: 1.6 },
        ]),
      ),
    ).toBe("mismatch");
    expect(kindOf(() => smelterRedMudFactor(1.928, []))).toBe("missing");
    expect(kindOf(() => smelterRedMudFactor(1.928, [{ share: 60, redMudPerAlumina: 1.2 }]))).toBe("out_of_range");
  });
});

describe("product intensity (§2.2, §2.3)", () => {
  test("cut-off, RC 40% example: 0.6 t primary × 2.3136 / 1 t product = 1.38816 kg/kg", () => {
    expect(redMudIntensityCutoff([{ massT: 0.6, redMudPerTAl: 2.3136 }], 1)).toBeCloseTo(1.38816, 12);
  });

  test("cut-off with two smelters and yield loss", () => {
    // 600 t × 2.3136 + 200 t × 2.62208 = 1388.16 + 524.416 = 1912.576 over 900 t output = 2.125084…
    const v = redMudIntensityCutoff(
      [
        { massT: 600, redMudPerTAl: 2.3136 },
        { massT: 200, redMudPerTAl: 2.62208 },
      ],
      900,
    );
    expect(v).toBeCloseTo(1912.576 / 900, 12);
  });

  test("allocation: pre-consumer scrap carries its origin burden, shared with scrap out", () => {
    // [0.6 × 2.3136 + 0.2 × 2.3136] / (1 + 0.25) = (1.38816 + 0.46272) / 1.25 = 1.480704
    const v = redMudIntensityAllocation([{ massT: 0.6, redMudPerTAl: 2.3136 }], [{ massT: 0.2, intensity: 2.3136 }], 1, 0.25);
    expect(v).toBeCloseTo(1.480704, 12);
  });

  test("zero output → division_by_zero; negative mass → invalid_input", () => {
    expect(kindOf(() => redMudIntensityCutoff([{ massT: 1, redMudPerTAl: 2 }], 0))).toBe("division_by_zero");
    expect(kindOf(() => redMudIntensityCutoff([{ massT: -1, redMudPerTAl: 2 }], 1))).toBe("invalid_input");
    expect(kindOf(() => redMudIntensityAllocation([], [], 0, 0))).toBe("division_by_zero");
  });
});

describe("utilisation and balances (§1.4)", () => {
  test("new-flow rate: 10.5 Mt utilised [S10] of 100 Mt generated → 10.5%", () => {
    expect(utilisationRateNew(10.5, 100)).toBeCloseTo(0.105, 12);
  });

  test("NBS-style rate with legacy: (10.5 + 2) / (100 + 2) = 0.122549…", () => {
    expect(utilisationRateNbs(10.5, 2, 100)).toBeCloseTo(12.5 / 102, 12);
    // without legacy it equals the new-flow rate
    expect(utilisationRateNbs(10.5, 0, 100)).toBeCloseTo(0.105, 12);
  });

  test("G = 0 → division_by_zero; U_new > G → out_of_range (V5)", () => {
    expect(kindOf(() => utilisationRateNew(0, 0))).toBe("division_by_zero");
    expect(kindOf(() => utilisationRateNbs(0, 0, 0))).toBe("division_by_zero");
    expect(kindOf(() => utilisationRateNew(12, 10))).toBe("out_of_range");
    expect(kindOf(() => utilisationRateNbs(12, 1, 10))).toBe("out_of_range");
  });

  test("refinery balance residual (V4, ±2%)", () => {
    // 100 − (10.5 + 85 + 3) = 1.5 → 1.5% within 2%
    const ok = refineryBalanceResidual({ generated: 100, utilisedNew: 10.5, storedNew: 85, disposedNew: 3 });
    expect(ok.residualT).toBeCloseTo(1.5, 12);
    expect(ok.relative).toBeCloseTo(0.015, 12);
    expect(ok.withinTolerance).toBe(true);
    // 100 − 95 = 5 → 5% outside
    const bad = refineryBalanceResidual({ generated: 100, utilisedNew: 10, storedNew: 80, disposedNew: 5 });
    expect(bad.relative).toBeCloseTo(0.05, 12);
    expect(bad.withinTolerance).toBe(false);
    // dumping closes the balance
    expect(refineryBalanceResidual({ generated: 100, utilisedNew: 10, storedNew: 80, disposedNew: 5, dumpedNew: 5 }).residualT).toBe(0);
    expect(refineryBalanceResidual({ generated: 0, utilisedNew: 0, storedNew: 0, disposedNew: 0 }).relative).toBe(0);
  });

  test("legacy stock balance (V4)", () => {
    // expected end = 200 + 85 − 2 − 1 = 282; reported 280 → −2 t, −2/282 = −0.709%
    const c = stockBalanceResidual(200, 85, 2, 1, 280);
    expect(c.residualT).toBeCloseTo(-2, 12);
    expect(c.relative).toBeCloseTo(-2 / 282, 12);
    expect(c.withinTolerance).toBe(true);
    expect(stockBalanceResidual(200, 85, 2, 1, 250).withinTolerance).toBe(false);
  });
});

describe("pathwayShares (§2.5)", () => {
  test("aggregates by code (labels accepted), returns code-list order, shares sum to 1", () => {
    const s = pathwayShares([
      { code: "USE_FE_RECOVERY", massT: 10 },
      { code: "STORE_DRY_STACK", massT: 60 },
      { code: "use_cement_clinker_raw", massT: 10 },
      { code: "干法堆存", massT: 20 },
    ]);
    expect(s.map((x) => [x.code, x.group, x.massT, x.share])).toEqual([
      ["STORE_DRY_STACK", "storage", 80, 0.8],
      ["USE_CEMENT_CLINKER_RAW", "utilisation", 10, 0.1],
      ["USE_FE_RECOVERY", "utilisation", 10, 0.1],
    ]);
  });

  test("unknown code → unknown_code error naming it and its row", () => {
    try {
      pathwayShares([
        { code: "STORE_DRY_STACK", massT: 1 },
        { code: "LANDFILL", massT: 1 },
      ]);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(CalcError);
      expect((e as CalcError).kind).toBe("unknown_code");
      expect((e as CalcError).message).toMatch(/'LANDFILL'/);
      expect((e as CalcError).index).toBe(1);
    }
    expect(kindOf(() => pathwayShares([{ code: "DISP_SEA", massT: 0 }]))).toBe("division_by_zero");
  });

  test("property: shares in [0,1], sum to 1, independent of row order", () => {
    const codes = PATHWAY_CODES.map((p) => p.code);
    fc.assert(
      fc.property(
        fc.array(fc.record({ code: fc.constantFrom(...codes), massT: fc.double({ min: 0, max: 1e6, noNaN: true }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (rows) => {
          fc.pre(rows.some((r) => r.massT > 0));
          const a = pathwayShares(rows);
          const b = pathwayShares([...rows].reverse());
          let sum = 0;
          for (const x of a) {
            expect(x.share).toBeGreaterThanOrEqual(0);
            expect(x.share).toBeLessThanOrEqual(1);
            sum += x.share;
          }
          expect(sum).toBeCloseTo(1, 9);
          expect(b.map((x) => x.code)).toEqual(a.map((x) => x.code));
          b.forEach((x, i) => expect(x.share).toBeCloseTo(a[i].share, 9));
        },
      ),
    );
  });
});
