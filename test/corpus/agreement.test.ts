/**
 * The custom functions and the validator agree on the same cells (fast-check):
 * - over the masses/classes/shares columns of a template the validator accepts, ALU.RECYCLED_SHARE
 *   equals the share validateTemplate + computeReport give the site (all inputs site-wide);
 * - a cell the validator rejects with an ERROR makes the function return an Excel error naming the
 *   argument and the row;
 * - a cell the validator only WARNS about and normalises ("1,234.5" as text, "12 kg", 45 meaning
 *   45 %) makes the function return #VALUE! naming the cell: a formula cannot show a warning, so
 *   functions never normalise (docs/VALIDATION.md, "Functions stay strict");
 * - results do not depend on row order, nor on passing a row instead of a column.
 */
import fc from "fast-check";
import { Cell, a1, cellError } from "../../src/core/cells";
import { INPUT_CLASSES } from "../../src/core/codes";
import { computeReport } from "../../src/core/report/compute";
import type { RecycledMethod } from "../../src/core/recycled";
import { FIRST_DATA_ROW, sheetSpec } from "../../src/core/template/spec";
import { validateTemplate } from "../../src/core/template/validate";
import { ExcelFunctionError } from "../../src/functions/args";
import { RECYCLED_SHARE } from "../../src/functions/functions";
import { RowInput, smallMill, workbook } from "../helpers/fixtures";

const SPEC = sheetSpec("metal_inputs");
const colIndex = (key: string) => SPEC.columns.findIndex((c) => c.key === key);
const KEYS = ["mass_t", "input_class", "recycled_share", "post_consumer_share", "al_content"] as const;
type Key = (typeof KEYS)[number];

beforeAll(() => {
  // Node: errors come back as ExcelFunctionError (no CustomFunctions global).
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

interface Lot {
  cls: string;
  mass: number;
  rs: number;
  ps: number;
  al: number;
}

const lot: fc.Arbitrary<Lot> = fc.record({
  cls: fc.constantFrom(...INPUT_CLASSES.map((c) => c.code)),
  mass: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.double({ min: 0.001, max: 1e5, noNaN: true })),
  rs: fc.double({ min: 0, max: 1, noNaN: true }),
  ps: fc.double({ min: 0, max: 1, noNaN: true }),
  al: fc.double({ min: 0.01, max: 1, noNaN: true }),
});

/** Rows as a supplier fills them: shares only on secondary ingot, Al content only on master alloy. */
function inputRows(lots: readonly Lot[]): RowInput[] {
  return lots.map((l, i) => ({
    input_id: `I${i + 1}`,
    input_class: l.cls,
    mass_t: l.mass,
    ...(l.cls.startsWith("primary") ? { source_smelter_id: "SM1" } : {}),
    ...(l.cls === "secondary_ingot" ? { recycled_share: l.rs, post_consumer_share: l.ps } : {}),
    ...(l.cls === "master_alloy" ? { al_content: l.al } : {}),
  }));
}

/** The cells of one column of 03_Metal_Inputs as Excel passes a range: a 2-D column. */
function columnOf(rows: readonly RowInput[], key: Key): Cell[][] {
  const wb = workbook({ ...smallMill(), metal_inputs: [...rows] });
  const g = wb.sheets.find((s) => s.name === "03_Metal_Inputs")!;
  const c = colIndex(key);
  return g.values.slice(FIRST_DATA_ROW).map((r) => [r[c] ?? null]);
}

function callShare(rows: readonly RowInput[], method: RecycledMethod, shape: "column" | "row" = "column"): number | ExcelFunctionError {
  const args = KEYS.map((k) => columnOf(rows, k));
  const shaped = shape === "column" ? args : args.map((a) => [a.map((r) => r[0])]);
  try {
    return RECYCLED_SHARE(shaped[0], shaped[1], method.denominator, method.countInternalCrossProcess, shaped[2], shaped[3], shaped[4]);
  } catch (e) {
    if (e instanceof ExcelFunctionError) return e;
    throw e;
  }
}

function siteShare(rows: readonly RowInput[], method: RecycledMethod): { errors: number; share?: number; v: ReturnType<typeof validateTemplate> } {
  const v = validateTemplate(workbook({ ...smallMill(), metal_inputs: [...rows] }));
  if (v.errors > 0) return { errors: v.errors, v };
  const fig = computeReport(v, { recycledMethod: method });
  // Every input is site-wide, so every product carries the site's share.
  for (const p of fig.products) expect(p.recycled.share).toBeCloseTo(fig.products[0].recycled.share, 12);
  return { errors: 0, share: fig.products[0].recycled.share, v };
}

const method: fc.Arbitrary<RecycledMethod> = fc.record({ denominator: fc.constantFrom("all_metal" as const, "al_only" as const), countInternalCrossProcess: fc.boolean() });

/** Has metal to divide by under the method (otherwise both sides must refuse; see the test below). */
function hasDenominator(lots: readonly Lot[], m: RecycledMethod): boolean {
  return lots.some((l) => l.cls !== "run_around_scrap" && !(m.denominator === "al_only" && l.cls === "alloying_element"));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));

describe("ALU.RECYCLED_SHARE and validateTemplate + computeReport agree", () => {
  test("on every template the validator accepts: the same site-level share", () => {
    fc.assert(
      fc.property(fc.array(lot, { minLength: 1, maxLength: 12 }), method, (lots, m) => {
        fc.pre(hasDenominator(lots, m));
        const rows = inputRows(lots);
        const site = siteShare(rows, m);
        expect(site.v.findings.filter((f) => f.severity === "error")).toEqual([]);
        const fn = callShare(rows, m);
        expect(typeof fn).toBe("number");
        expect(close(fn as number, site.share!)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("the result depends neither on row order nor on a row range instead of a column", () => {
    fc.assert(
      fc.property(
        fc.array(lot, { minLength: 1, maxLength: 10 }).chain((lots) => fc.tuple(fc.constant(lots), fc.shuffledSubarray(lots, { minLength: lots.length, maxLength: lots.length }))),
        method,
        ([lots, shuffled], m) => {
          fc.pre(hasDenominator(lots, m));
          const a = callShare(inputRows(lots), m);
          const b = callShare(inputRows(shuffled), m);
          const c = callShare(inputRows(lots), m, "row");
          expect(typeof a).toBe("number");
          expect(close(a as number, b as number)).toBe(true);
          expect(close(a as number, c as number)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("no metal to divide by: the validator says so at a cell, the function returns #DIV/0!", () => {
    fc.assert(
      fc.property(fc.array(lot.map((l) => ({ ...l, cls: "run_around_scrap" })), { minLength: 1, maxLength: 5 }), (lots) => {
        const rows = inputRows(lots);
        const site = siteShare(rows, { denominator: "all_metal", countInternalCrossProcess: false });
        expect(site.errors).toBeGreaterThan(0);
        expect(site.v.findings.find((f) => f.code === "NO_DENOMINATOR")).toMatchObject({ sheet: "03_Metal_Inputs", cell: "D4", severity: "error" });
        const fn = callShare(rows, { denominator: "all_metal", countInternalCrossProcess: false });
        expect(fn).toBeInstanceOf(ExcelFunctionError);
        expect((fn as ExcelFunctionError).code).toBe("#DIV/0!");
      }),
      { numRuns: 30 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// One faulty cell

interface Fault {
  readonly key: Key;
  readonly v: Cell;
  /** The row becomes a secondary ingot first (for faults in its declared shares). */
  readonly secondary?: boolean;
}

/** Faults the validator rejects with an error at the cell. */
const ERROR_FAULTS: readonly Fault[] = [
  { key: "mass_t", v: -5 },
  { key: "mass_t", v: "about 12" },
  { key: "mass_t", v: true },
  { key: "mass_t", v: cellError("#N/A") },
  { key: "mass_t", v: cellError("#DIV/0!") },
  { key: "mass_t", v: "n/a" },
  { key: "mass_t", v: "无" },
  { key: "mass_t", v: null },
  { key: "mass_t", v: "1.2.3" },
  { key: "mass_t", v: "12 ton" },
  { key: "input_class", v: "alloy stuff" },
  { key: "input_class", v: null },
  { key: "input_class", v: cellError("#REF!") },
  { key: "recycled_share", v: 150, secondary: true },
  { key: "recycled_share", v: -0.1, secondary: true },
  { key: "recycled_share", v: "abc", secondary: true },
  { key: "recycled_share", v: null, secondary: true },
  { key: "post_consumer_share", v: 250, secondary: true },
  { key: "post_consumer_share", v: cellError("#VALUE!"), secondary: true },
];

/** Faults the validator normalises with a warning: the functions stay strict (#VALUE!). */
const WARNING_FAULTS: readonly (Fault & { code: string })[] = [
  { key: "mass_t", v: "1,234.5", code: "NUMBER_TEXT" },
  { key: "mass_t", v: "１２", code: "NUMBER_TEXT" },
  { key: "mass_t", v: "12 kg", code: "UNIT_CONVERTED" },
  { key: "mass_t", v: "3万吨", code: "UNIT_CONVERTED" },
  { key: "recycled_share", v: 45, secondary: true, code: "PERCENT_POINTS" },
  { key: "recycled_share", v: "45%", secondary: true, code: "PERCENT_TEXT" },
  { key: "post_consumer_share", v: "0.5", secondary: true, code: "NUMBER_TEXT" },
  // 2.5 in a share cell is read as 2.5 % (percent points), not refused.
  { key: "post_consumer_share", v: 2.5, secondary: true, code: "PERCENT_POINTS" },
];

const ARG: Record<Key, string> = { mass_t: "masses", input_class: "classes", recycled_share: "recycledShares", post_consumer_share: "postConsumerShares", al_content: "alContents" };

function plant(lots: readonly Lot[], at: number, fault: Fault): RowInput[] {
  const rows = inputRows(lots);
  if (fault.secondary) Object.assign(rows[at], { input_class: "secondary_ingot", recycled_share: 0.5, post_consumer_share: 0.5, source_smelter_id: undefined });
  rows[at][fault.key] = fault.v;
  return rows;
}

const faultyCase = <F extends Fault>(faults: readonly F[]) =>
  fc.array(lot, { minLength: 1, maxLength: 8 }).chain((lots) => fc.tuple(fc.constant(lots), fc.nat(lots.length - 1), fc.constantFrom(...faults)));

describe("one faulty cell: the validator and the function agree on what it is", () => {
  test("a cell the validator rejects with an ERROR: the function returns #VALUE! naming the argument and row", () => {
    fc.assert(
      fc.property(faultyCase(ERROR_FAULTS), method, ([lots, at, fault], m) => {
        const rows = plant(lots, at, fault);
        const cell = a1(FIRST_DATA_ROW + at, colIndex(fault.key));
        const v = validateTemplate(workbook({ ...smallMill(), metal_inputs: rows }));
        expect(v.findings.filter((f) => f.sheet === "03_Metal_Inputs" && f.cell === cell && f.severity === "error").length).toBeGreaterThan(0);
        const fn = callShare(rows, m);
        expect(fn).toBeInstanceOf(ExcelFunctionError);
        const e = fn as ExcelFunctionError;
        expect(e.code).toBe("#VALUE!");
        // A blank next to a value is named at the blank; anything else at the faulty cell itself.
        // (A one-cell range is named without a row.)
        expect(e.message).toMatch(new RegExp(`^(${ARG[fault.key]}|masses|classes)${lots.length > 1 ? `, row ${at + 1}` : ""}: `));
      }),
      { numRuns: 400 },
    );
  });

  test("a cell the validator normalises with a WARNING: the function stays strict and names the cell (#VALUE!)", () => {
    fc.assert(
      fc.property(faultyCase(WARNING_FAULTS), method, ([lots, at, fault], m) => {
        // (Inputs of nothing but run-around scrap are an error of their own, NO_DENOMINATOR.)
        fc.pre(fault.secondary || hasDenominator(lots, { denominator: "all_metal", countInternalCrossProcess: false }));
        const rows = plant(lots, at, fault);
        const cell = a1(FIRST_DATA_ROW + at, colIndex(fault.key));
        const v = validateTemplate(workbook({ ...smallMill(), metal_inputs: rows }));
        const here = v.findings.filter((f) => f.sheet === "03_Metal_Inputs" && f.cell === cell);
        expect(here.map((f) => `${f.severity} ${f.code}`)).toContain(`warning ${fault.code}`);
        expect(here.filter((f) => f.severity === "error")).toEqual([]);
        const fn = callShare(rows, m);
        expect(fn).toBeInstanceOf(ExcelFunctionError);
        expect((fn as ExcelFunctionError).code).toBe("#VALUE!");
        expect((fn as ExcelFunctionError).message).toMatch(new RegExp(`^${ARG[fault.key]}${lots.length > 1 ? `, row ${at + 1}` : ""}: `));
      }),
      { numRuns: 300 },
    );
  });

  test("0 typed for an unknown mass: a warning in the validator; the function counts it as 0, like the report", () => {
    fc.assert(
      fc.property(fc.array(lot, { minLength: 2, maxLength: 8 }), fc.nat(), method, (lots, k, m) => {
        const at = k % lots.length;
        const rows = plant(lots, at, { key: "mass_t", v: 0 });
        const rest = lots.filter((_, i) => i !== at);
        fc.pre(hasDenominator(rest, m));
        const site = siteShare(rows, m);
        // The planted mass's own finding (another lot may carry a ZERO_UNKNOWN of its own, e.g. a
        // secondary ingot declared 0 % recycled).
        expect(site.v.findings.find((f) => f.code === "ZERO_UNKNOWN" && f.column === "mass_t")).toMatchObject({ cell: a1(FIRST_DATA_ROW + at, colIndex("mass_t")), severity: "warning" });
        expect(site.errors).toBe(0);
        const fn = callShare(rows, m);
        expect(close(fn as number, site.share!)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
