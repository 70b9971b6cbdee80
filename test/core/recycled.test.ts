import fc from "fast-check";
import { INPUT_CLASSES, type InputClass } from "../../src/core/codes";
import { CalcError } from "../../src/core/errors";
import {
  CBAM_SCRAP_CLASSES,
  preConsumerScrapShareOfScrap,
  recycledContent,
  scrapMassT,
  scrapPerTonne,
  weightedShare,
  type MetalInputRow,
} from "../../src/core/recycled";

function err(fn: () => unknown): CalcError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalcError) return e;
    throw e;
  }
  throw new Error("expected a CalcError");
}

// European Aluminium: recycled 36% of EU supply = 20% post-consumer + 16% pre-consumer [S39].
// Per 100 t: 64 t primary, 16 t bought-in pre-consumer scrap, 20 t post-consumer scrap.
const EA: MetalInputRow[] = [
  { massT: 64, inputClass: "primary_ingot" },
  { massT: 16, inputClass: "pre_consumer_scrap_external" },
  { massT: 20, inputClass: "post_consumer_scrap" },
];

describe("recycledContent (§3.3, ISO 14021)", () => {
  test("EA split: 16% pre + 20% post = 36% [S39]", () => {
    const r = recycledContent(EA);
    expect(r.share).toBeCloseTo(0.36, 12);
    expect(r.preConsumerShare).toBeCloseTo(0.16, 12);
    expect(r.postConsumerShare).toBeCloseTo(0.2, 12);
    expect(r.recycledT).toBeCloseTo(36, 12);
    expect(r.denominatorT).toBe(100);
    expect(r.nonRecycledT).toBeCloseTo(64, 12);
    expect(r.method).toEqual({ denominator: "all_metal", countInternalCrossProcess: false });
  });

  test("run-around scrap is excluded from numerator and denominator (V10)", () => {
    // adding 30 t of run-around leaves 36/100 unchanged
    const r = recycledContent([...EA, { massT: 30, inputClass: "run_around_scrap" }]);
    expect(r.share).toBeCloseTo(0.36, 12);
    expect(r.denominatorT).toBe(100);
    expect(r.excludedRunAroundT).toBe(30);
  });

  test("internal cross-process scrap: in the denominator always, in the numerator only when the flag is set", () => {
    const rows: MetalInputRow[] = [...EA, { massT: 10, inputClass: "pre_consumer_scrap_internal_cross_process" }];
    // flag false: 36 / 110 = 0.327272…
    const off = recycledContent(rows, { denominator: "all_metal", countInternalCrossProcess: false });
    expect(off.share).toBeCloseTo(36 / 110, 12);
    expect(off.internalCrossProcessT).toBe(10);
    expect(off.denominatorT).toBe(110);
    // flag true: (36 + 10) / 110 = 0.418181…, all of it pre-consumer
    const on = recycledContent(rows, { denominator: "all_metal", countInternalCrossProcess: true });
    expect(on.share).toBeCloseTo(46 / 110, 12);
    expect(on.preConsumerShare).toBeCloseTo(26 / 110, 12);
    expect(on.method.countInternalCrossProcess).toBe(true);
  });

  test("secondary ingot: declared recycled share and post-consumer share of the recycled part", () => {
    // 100 t ingot at 80% recycled, 75% of that post-consumer: post 60, pre 20; + 100 t primary
    // share = 80/200 = 0.4, post 0.3, pre 0.1
    const r = recycledContent([
      { massT: 100, inputClass: "secondary_ingot", recycledShare: 0.8, postConsumerShare: 0.75 },
      { massT: 100, inputClass: "primary_liquid" },
    ]);
    expect(r.share).toBeCloseTo(0.4, 12);
    expect(r.postConsumerShare).toBeCloseTo(0.3, 12);
    expect(r.preConsumerShare).toBeCloseTo(0.1, 12);
  });

  test("secondary ingot without its declarations → missing error at that row", () => {
    const e = err(() => recycledContent([{ massT: 1, inputClass: "primary_ingot" }, { massT: 1, inputClass: "secondary_ingot" }]));
    expect(e.kind).toBe("missing");
    expect(e.field).toBe("recycledShare");
    expect(e.index).toBe(1);
    const e2 = err(() => recycledContent([{ massT: 1, inputClass: "secondary_ingot", recycledShare: 0.5 }]));
    expect(e2.field).toBe("postConsumerShare");
  });

  test("al_only denominator drops alloying elements and the non-Al part of master alloys", () => {
    // 90 t primary, 5 t Si, 5 t AlTi5B1 at 94% Al, 20 t post-consumer scrap
    const rows: MetalInputRow[] = [
      { massT: 90, inputClass: "primary_ingot" },
      { massT: 5, inputClass: "alloying_element" },
      { massT: 5, inputClass: "master_alloy", alContent: 0.94 },
      { massT: 20, inputClass: "post_consumer_scrap" },
    ];
    // all_metal: 20 / 120 = 0.1666…
    expect(recycledContent(rows).share).toBeCloseTo(20 / 120, 12);
    // al_only: 20 / (90 + 4.7 + 20) = 20 / 114.7 = 0.174368…
    const r = recycledContent(rows, { denominator: "al_only", countInternalCrossProcess: false });
    expect(r.denominatorT).toBeCloseTo(114.7, 12);
    expect(r.share).toBeCloseTo(20 / 114.7, 12);
    expect(r.method.denominator).toBe("al_only");
  });

  test("al_only needs alContent for master_alloy; all_metal does not", () => {
    const rows: MetalInputRow[] = [{ massT: 5, inputClass: "master_alloy" }, { massT: 5, inputClass: "post_consumer_scrap" }];
    expect(recycledContent(rows).share).toBeCloseTo(0.5, 12);
    const e = err(() => recycledContent(rows, { denominator: "al_only", countInternalCrossProcess: false }));
    expect(e.kind).toBe("missing");
    expect(e.field).toBe("alContent");
    expect(e.index).toBe(0);
  });

  test("labels are accepted as classes; unknown classes and bad numbers are errors", () => {
    expect(recycledContent([{ massT: 1, inputClass: "消费后废铝" }]).postConsumerShare).toBe(1);
    expect(err(() => recycledContent([{ massT: 1, inputClass: "scrap" }])).kind).toBe("unknown_code");
    expect(err(() => recycledContent([{ massT: -1, inputClass: "primary_ingot" }])).kind).toBe("invalid_input");
    expect(
      err(() => recycledContent([{ massT: 1, inputClass: "secondary_ingot", recycledShare: 80, postConsumerShare: 0.5 }])).kind,
    ).toBe("out_of_range");
  });

  test("nothing in the denominator (only run-around) → division_by_zero", () => {
    expect(err(() => recycledContent([{ massT: 5, inputClass: "run_around_scrap" }])).kind).toBe("division_by_zero");
    expect(err(() => recycledContent([])).kind).toBe("division_by_zero");
  });

  const classes = INPUT_CLASSES.map((c) => c.code) as InputClass[];
  const rowArb = fc.record({
    massT: fc.double({ min: 0, max: 1e5, noNaN: true }),
    inputClass: fc.constantFrom(...classes),
    recycledShare: fc.double({ min: 0, max: 1, noNaN: true }),
    postConsumerShare: fc.double({ min: 0, max: 1, noNaN: true }),
    alContent: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  test("property: shares in [0,1], pre + post = total (V11), independent of row order", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom("all_metal" as const, "al_only" as const),
        fc.boolean(),
        (rows, denominator, countInternalCrossProcess) => {
          const method = { denominator, countInternalCrossProcess };
          let a;
          try {
            a = recycledContent(rows, method);
          } catch (e) {
            expect((e as CalcError).kind).toBe("division_by_zero");
            return;
          }
          const b = recycledContent([...rows].reverse(), method);
          for (const s of [a.share, a.preConsumerShare, a.postConsumerShare]) {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1);
          }
          expect(a.preConsumerShare + a.postConsumerShare).toBeCloseTo(a.share, 9);
          expect(a.recycledT).toBeLessThanOrEqual(a.denominatorT * (1 + 1e-12));
          expect(b.share).toBeCloseTo(a.share, 9);
          expect(b.postConsumerShare).toBeCloseTo(a.postConsumerShare, 9);
        },
      ),
    );
  });
});

describe("weightedShare (§3.3 portfolio)", () => {
  test("regional RC 18% (China) and 40% (USA) [S38] weighted 1000 t : 500 t → (180 + 200) / 1500", () => {
    expect(weightedShare([0.18, 0.4], [1000, 500])).toBeCloseTo(380 / 1500, 12);
  });

  test("errors: percent entered as 40, zero mass, mismatched lengths", () => {
    expect(err(() => weightedShare([40], [1])).message).toMatch(/40%/);
    expect(err(() => weightedShare([0.4], [0])).kind).toBe("division_by_zero");
    expect(err(() => weightedShare([0.4, 0.2], [1])).kind).toBe("mismatch");
  });

  test("property: between min and max share", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.001, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        (pairs) => {
          const s = pairs.map((p) => p[0]);
          const w = weightedShare(
            s,
            pairs.map((p) => p[1]),
          );
          expect(w).toBeGreaterThanOrEqual(Math.min(...s) - 1e-12);
          expect(w).toBeLessThanOrEqual(Math.max(...s) + 1e-12);
        },
      ),
    );
  });
});

describe("CBAM scrap parameters (V12)", () => {
  const rows = [
    { massT: 64, inputClass: "primary_ingot" },
    { massT: 16, inputClass: "pre_consumer_scrap_external" },
    { massT: 4, inputClass: "pre_consumer_scrap_internal_cross_process" },
    { massT: 20, inputClass: "post_consumer_scrap" },
    { massT: 30, inputClass: "run_around_scrap" },
    { massT: 10, inputClass: "secondary_ingot" },
  ];

  test("scrap classes counted: pre (external + internal cross-process) and post; not run-around", () => {
    expect(CBAM_SCRAP_CLASSES).toEqual(["pre_consumer_scrap_external", "pre_consumer_scrap_internal_cross_process", "post_consumer_scrap"]);
    expect(scrapMassT(rows)).toBe(40);
    expect(scrapMassT([{ massT: 7 }, { massT: 3 }])).toBe(10);
  });

  test("scrap per tonne may exceed 1: 120 t scrap / 100 t product = 1.2", () => {
    expect(scrapPerTonne(120, 100)).toBeCloseTo(1.2, 12);
    expect(scrapPerTonne(scrapMassT(rows), 80)).toBeCloseTo(0.5, 12);
    expect(err(() => scrapPerTonne(1, 0)).kind).toBe("division_by_zero");
  });

  test("pre-consumer share of scrap: (16 + 4) / 40 = 0.5", () => {
    expect(preConsumerScrapShareOfScrap(rows)).toBeCloseTo(0.5, 12);
    expect(err(() => preConsumerScrapShareOfScrap([{ massT: 5, inputClass: "primary_ingot" }])).kind).toBe("division_by_zero");
  });
});
