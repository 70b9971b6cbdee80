/**
 * Properties of the parsers and of the validator (fast-check): no input throws, numbers that come
 * out are finite, shares stay within [0, 1], the verdict does not depend on row order, and the
 * normalisations say exactly what they read.
 */
import fc from "fast-check";
import { Cell, CellRange, EXCEL_ERROR_CODES, Grid, WorkbookGrids, cellError, isBlank, parseA1 } from "../../src/core/cells";
import { Finding } from "../../src/core/findings";
import {
  DATE1904_OFFSET,
  isFormulaLikeText,
  isoFromSerial,
  numberFromText,
  parseDate,
  parseId,
  parseMassTonnes,
  parseNumber,
  parseShare,
  parseText,
  Parsed,
} from "../../src/core/parse";
import { computeReport } from "../../src/core/report/compute";
import { TEMPLATE_SHEETS, headerText } from "../../src/core/template/spec";
import { validateTemplate } from "../../src/core/template/validate";
import { isFormulaLike } from "../../src/sheet/safetext";
import { RowInput, smallMill, workbook } from "../helpers/fixtures";

const RUNS = { numRuns: 300 };

/** Texts people really type, mixed with arbitrary Unicode. */
const typed = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "1,234.5", "１２３４．５", "1.234,5", "12,5", "\u22125", "1\u00a0234", "1\u3000234", "1e400", "-1e308", "45%", "45 ％", "4‰", "0.45",
    "12 kg", "3万吨", "1,200 吨", "12 ton", "5 MT", "2 市斤", "9".repeat(400) + "亿吨", "1.2 t/t", "n/a", "无", "-", "—", "#N/A", "\u200b",
    "2025-01-01", "2025年3月4日", "03/04/2025", "31/12/2025", "20250101", "2025-13-45", "Jan 31, 2025", "=1+1", "+cmd|' /C calc'!A0",
    '=DISPIMG("ID_1",1)', "", " ", "\u3000",
  ),
);
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1, 45, 100, 1e15, 20250101, 45658, 44196, Number.MAX_VALUE, -Number.MAX_VALUE));
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: typed },
  { weight: 3, arbitrary: anyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(...EXCEL_ERROR_CODES).map((c) => cellError(c)) },
);
const FORMATS = [undefined, "General", "0%", "0.00%", '0"%"', "0\\%", "[$-804]0%", "yyyy-mm-dd", '[DBNum1][$-804]yyyy"年"m"月"d"日"', "@", "#,##0.00"];

function checkParsed(p: Parsed<unknown>): void {
  expect(["value", "blank", "invalid"]).toContain(p.kind);
  if (p.kind === "value" && typeof p.value === "number") expect(Number.isFinite(p.value)).toBe(true);
  if (p.kind === "invalid") expect(p.issues.some((i) => i.severity === "error")).toBe(true);
  for (const i of p.issues) {
    expect(i.msg.en.length).toBeGreaterThan(0);
    expect(i.msg.zh.length).toBeGreaterThan(0);
  }
}

describe("parsers over arbitrary cells", () => {
  test("no cell makes any parser throw; numbers that come out are finite; refusals carry an error", () => {
    fc.assert(
      fc.property(anyCell, fc.constantFrom(...FORMATS), fc.boolean(), (v, fmt, d1904) => {
        checkParsed(parseNumber(v));
        checkParsed(parseNumber(v, "kg"));
        checkParsed(parseNumber(v, "t/t"));
        checkParsed(parseMassTonnes(v));
        checkParsed(parseShare(v, fmt));
        checkParsed(parseDate(v, { date1904: d1904 }));
        checkParsed(parseId(v));
        checkParsed(parseId(v, 18));
        checkParsed(parseText(v));
      }),
      { numRuns: 2000 },
    );
  });

  test("blank cells are blanks for every parser, with no finding", () => {
    fc.assert(
      fc.property(fc.constantFrom(null, "", " ", "\u00a0", "\u3000", "\u200b", "\t\n", "\ufeff"), (v) => {
        expect(isBlank(v)).toBe(true);
        for (const p of [parseNumber(v), parseMassTonnes(v), parseShare(v), parseDate(v), parseId(v), parseText(v)]) expect(p).toEqual({ kind: "blank", issues: [] });
      }),
    );
  });

  test("error cells are never values nor blanks: always ERROR_CELL", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXCEL_ERROR_CODES), (code) => {
        for (const p of [parseNumber(cellError(code)), parseMassTonnes(cellError(code)), parseShare(cellError(code)), parseDate(cellError(code)), parseId(cellError(code)), parseText(cellError(code))]) {
          expect(p.kind).toBe("invalid");
          expect(p.issues.map((i) => i.code)).toEqual(["ERROR_CELL"]);
        }
      }),
    );
  });

  test("a number typed as text reads as the same number, with a warning saying so", () => {
    const fullWidth = (s: string) => s.replace(/[0-9.\-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        for (const text of [String(n), n.toLocaleString("en-US"), fullWidth(String(n)), String(n).replace("-", "\u2212"), `\u00a0${n}\u3000`]) {
          const p = parseNumber(text);
          expect(p.kind).toBe("value");
          expect((p as { value: number }).value).toBe(n);
          expect(p.issues.map((i) => i.code)).toEqual(["NUMBER_TEXT"]);
        }
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const r = numberFromText(String(d));
        expect(r && "value" in r ? r.value : undefined).toBe(d === 0 ? 0 : d);
      }),
      RUNS,
    );
  });

  test("shares: whatever the form, a value the validator keeps lies within [0, 1]", () => {
    fc.assert(
      fc.property(anyCell, fc.constantFrom(...FORMATS), (v, fmt) => {
        const d = smallMill();
        Object.assign(d.metal_inputs![1], { input_class: "secondary_ingot", recycled_share: v, post_consumer_share: 0.5 });
        Object.assign(d.primary_sources![0], { refinery_share: v });
        const grids = workbook(d);
        const inputs = grids.sheets.find((s) => s.name === "03_Metal_Inputs")!;
        const withFormat: Grid = { ...inputs, numberFormats: inputs.values.map((r, i) => (i === 4 ? r.map(() => fmt) : [])) };
        const v2 = validateTemplate({ sheets: grids.sheets.map((s) => (s === inputs ? withFormat : s)) });
        for (const key of ["metal_inputs", "primary_sources"] as const) {
          const sd = v2.sheets[key]!;
          for (const r of sd.rows) {
            for (const c of sd.spec.columns.filter((x) => x.type === "share" && x.key !== "moisture")) {
              const x = r.v[c.key];
              if (typeof x === "number") expect(x >= 0 && x <= 1).toBe(true);
            }
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  test("dates: serials and their ISO text agree; the 1904 system is 1,462 days lower", () => {
    fc.assert(
      fc.property(fc.integer({ min: 32874, max: 73050 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (s, frac) => {
        const a = parseDate(s + frac);
        expect(a).toEqual({ kind: "value", value: s, issues: [] });
        expect(parseDate(s + frac - DATE1904_OFFSET, { date1904: true })).toEqual(a);
        const t = parseDate(isoFromSerial(s));
        expect(t.kind === "value" && t.value).toBe(s);
        expect(t.issues.map((i) => i.code)).toEqual(["DATE_TEXT"]);
      }),
      RUNS,
    );
  });

  test("formula-like text: the core's rule is the writers' rule (src/sheet/safetext)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠").chain((c) => fc.string().map((s) => c + s))), (s) => {
        expect(isFormulaLikeText(s)).toBe(isFormulaLike(s));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The validator over arbitrary grids

const HEADERS: string[] = TEMPLATE_SHEETS.flatMap((s) => s.columns.flatMap((c) => [headerText(c, "en"), headerText(c, "zh-CN"), headerText(c, "bilingual"), c.key]));

const range = (rows: number, cols: number): fc.Arbitrary<CellRange> =>
  fc.tuple(fc.nat(rows), fc.nat(cols), fc.nat(3), fc.nat(3)).map(([t, l, h, w]) => ({ top: t, left: l, bottom: t + h, right: l + w }));

const arbitraryGrid: fc.Arbitrary<Grid> = fc
  .record({
    name: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...TEMPLATE_SHEETS.map((s) => s.name))),
    headerAt: fc.nat(6),
    header: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HEADERS) }, { weight: 1, arbitrary: anyCell }), { maxLength: 14 }),
    rows: fc.array(fc.array(anyCell, { maxLength: 14 }), { maxLength: 12 }),
    formats: fc.array(fc.array(fc.constantFrom(...FORMATS), { maxLength: 14 }), { maxLength: 20 }),
    hiddenRows: fc.array(fc.nat(20), { maxLength: 4 }),
    merges: fc.array(range(20, 14), { maxLength: 3 }),
    noResult: fc.array(fc.record({ row: fc.nat(20), col: fc.nat(14) }), { maxLength: 4 }),
  })
  .map((g) => {
    const values: Cell[][] = [];
    for (let i = 0; i < g.headerAt; i++) values.push([]);
    values.push(g.header);
    values.push(...g.rows);
    return { name: g.name, values, numberFormats: g.formats, hiddenRows: g.hiddenRows, merges: g.merges, formulasWithoutResult: g.noResult };
  });

function checkFindings(findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(typeof f.sheet).toBe("string");
    expect(f.cell === "" || parseA1(f.cell) !== undefined).toBe(true);
    expect(["error", "warning", "info"]).toContain(f.severity);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.messageZh.length).toBeGreaterThan(0);
    expect(f.message).not.toMatch(/\bundefined\b|\bNaN\b|\[object /);
  }
}

/** A report can be computed from everything the validator passes, and its figures are sane. */
function checkReport(wb: WorkbookGrids): void {
  const v = validateTemplate(wb);
  checkFindings(v.findings);
  if (v.errors > 0) return;
  const fig = computeReport(v);
  for (const p of fig.products) {
    for (const x of [p.recycled.share, p.recycled.preConsumerShare, p.recycled.postConsumerShare]) {
      expect(Number.isFinite(x)).toBe(true);
      expect(x >= 0 && x <= 1 + 1e-12).toBe(true);
    }
    expect(Number.isFinite(p.redMudIntensity)).toBe(true);
    expect(p.redMudIntensity >= 0).toBe(true);
  }
}

describe("the validator over arbitrary grids", () => {
  test("no grid throws; every finding names a sheet and a real cell; clean data always gives a report", () => {
    fc.assert(
      fc.property(fc.array(arbitraryGrid, { maxLength: 4 }), fc.boolean(), (sheets, date1904) => {
        checkReport({ sheets, date1904 });
      }),
      { numRuns: 300 },
    );
  });

  test("faulty cells planted in a valid template: never a throw, and a clean verdict always gives a sane report", () => {
    const keys = ["mass_t", "input_class", "recycled_share", "post_consumer_share", "al_content", "product_id", "source_smelter_id"] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ row: fc.nat(4), key: fc.constantFrom(...keys), v: anyCell }), { maxLength: 6 }),
        fc.array(fc.record({ row: fc.nat(1), key: fc.constantFrom("refinery_share", "redmud_per_alumina", "alumina_per_al"), v: anyCell }), { maxLength: 3 }),
        fc.array(fc.record({ row: fc.nat(1), key: fc.constantFrom("output_t", "dross_t", "product_id"), v: anyCell }), { maxLength: 3 }),
        (inp, prim, outs) => {
          const d = smallMill();
          for (const x of inp) d.metal_inputs![x.row][x.key] = x.v;
          for (const x of prim) d.primary_sources![x.row][x.key] = x.v;
          for (const x of outs) d.outputs![x.row][x.key] = x.v;
          checkReport(workbook(d));
        },
      ),
      { numRuns: 400 },
    );
  });

  test("the verdict and the figures do not depend on the order of the input rows", () => {
    const sig = (fs: readonly Finding[]) => fs.map((f) => `${f.sheet} ${f.severity} ${f.code} ${f.column ?? ""}`).sort();
    fc.assert(
      fc.property(
        fc.array(fc.record({ row: fc.nat(4), key: fc.constantFrom("mass_t", "input_class", "recycled_share"), v: anyCell }), { maxLength: 3 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        (faults, perm) => {
          const d = smallMill();
          for (const x of faults) d.metal_inputs![x.row][x.key] = x.v;
          const shuffled = smallMill();
          shuffled.metal_inputs = perm.map((i) => ({ ...d.metal_inputs![i] }) as RowInput);
          const a = validateTemplate(workbook(d));
          const b = validateTemplate(workbook(shuffled));
          expect(sig(b.findings)).toEqual(sig(a.findings));
          if (a.errors === 0) {
            const fa = computeReport(a);
            const fb = computeReport(b);
            fa.products.forEach((p, i) => {
              expect(fb.products[i].recycled.share).toBeCloseTo(p.recycled.share, 12);
              expect(fb.products[i].redMudIntensity).toBeCloseTo(p.redMudIntensity, 12);
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
