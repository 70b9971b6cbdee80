import { INVISIBLE_CHARS } from "../../src/core/cells";
import fc from "fast-check";
import { cellError } from "../../src/core/cells";
import { isFormulaLikeText, isPercentFormat, isPlainValueText, isoFromSerial, parseDate, parseId, parseMassTonnes, parseNumber, parseShare, parseText } from "../../src/core/parse";

const val = (p: { kind: string; value?: unknown }) => (p.kind === "value" ? (p as { value: unknown }).value : p.kind);
const codes = (p: { issues: readonly { code: string }[] }) => p.issues.map((i) => i.code);

describe("numbers typed as text are normalised with a warning, never silently", () => {
  test.each([
    ["1,234.5", 1234.5],
    ["１２３４．５", 1234.5],
    ["1.234,5", 1234.5],
    ["12,5", 12.5],
    ["\u22125", -5],
    ["1\u00a0234", 1234],
    ["1\u3000234", 1234],
  ])("%s → %d", (text, n) => {
    const p = parseNumber(text);
    expect(val(p)).toBe(n);
    expect(codes(p)).toEqual(["NUMBER_TEXT"]);
  });
  test("a real number passes without findings", () => {
    expect(parseNumber(12.5)).toEqual({ kind: "value", value: 12.5, issues: [] });
  });
  test("words are an error, placeholders are blanks, error cells are their own finding", () => {
    expect(codes(parseNumber("about twelve"))).toEqual(["TYPE"]);
    expect(parseNumber("n/a").kind).toBe("blank");
    expect(parseNumber("无").kind).toBe("blank");
    expect(codes(parseNumber(cellError("#N/A")))).toEqual(["ERROR_CELL"]);
    expect(codes(parseNumber("1.2.3"))).toEqual(["NUMBER_AMBIGUOUS"]);
  });
});

describe("masses with unit words", () => {
  test.each([
    ["12 kg", 0.012],
    ["3万吨", 30000],
    ["1,200 吨", 1200],
    ["2.5 kt", 2500],
    ["500千克", 0.5],
  ])("%s → %d t", (text, t) => {
    const p = parseMassTonnes(text);
    expect(val(p)).toBeCloseTo(t, 12);
    expect(codes(p)).toEqual(["UNIT_CONVERTED"]);
  });
  test("ambiguous units are refused", () => {
    expect(codes(parseMassTonnes("12 ton"))).toEqual(["UNIT"]);
    expect(codes(parseMassTonnes("5 mt"))).toEqual(["UNIT"]);
  });
});

describe("shares in every form people type them", () => {
  test("fractions pass; percent text and percent points are normalised with a warning", () => {
    expect(val(parseShare(0.45))).toBe(0.45);
    expect(val(parseShare("45%"))).toBeCloseTo(0.45, 12);
    expect(val(parseShare("45 ％"))).toBeCloseTo(0.45, 12);
    const pp = parseShare(45);
    expect(val(pp)).toBeCloseTo(0.45, 12);
    expect(codes(pp)).toEqual(["PERCENT_POINTS"]);
  });
  test("a percent-formatted cell already holds a fraction; a literal % in quotes is not a percent format", () => {
    expect(val(parseShare(1, "0%"))).toBe(1);
    expect(codes(parseShare(45, '0 "%"'))).toEqual(["PERCENT_POINTS"]);
  });
  test("a fraction in a cell that prints a literal % is read as the percent the supplier sees", () => {
    for (const fmt of ['0.0" %"', '0.0"%"', "0.0\\%"]) {
      const p = parseShare(0.9, fmt);
      expect(val(p)).toBeCloseTo(0.009, 15);
      expect(codes(p)).toEqual(["PERCENT_POINTS"]);
      expect((p.issues[0].msg.en)).toContain("shown as 0.9 %");
    }
    // A scaling % format, or none, keeps the fraction.
    expect(parseShare(0.9, "0.0%")).toEqual({ kind: "value", value: 0.9, issues: [] });
    expect(parseShare(0.9, "General")).toEqual({ kind: "value", value: 0.9, issues: [] });
    expect(parseShare(0, '0"%"')).toEqual({ kind: "value", value: 0, issues: [] });
  });
  test("the literal-% reading follows the format's section for the value, and never applies to text", () => {
    // Positive values use the first section: 0.0" %";-0.0% shows 0.9 as "0.9 %", 45 as "45.0 %".
    expect(val(parseShare(0.9, '0.0" %";-0.0%'))).toBeCloseTo(0.009, 15);
    expect(val(parseShare(45, '0.0" %";-0.0%'))).toBeCloseTo(0.45, 15);
    expect(codes(parseShare(45, '0.0" %";-0.0%'))).toEqual(["PERCENT_POINTS"]);
    // Only the negative or zero section prints a %: a positive 0.9 shows "0.9", a fraction.
    expect(parseShare(0.9, '0.0;-0.0" %"')).toEqual({ kind: "value", value: 0.9, issues: [] });
    expect(parseShare(0.9, '0.0;-0.0;0" %"')).toEqual({ kind: "value", value: 0.9, issues: [] });
    // A real percent format in the first section scales: 0.9 is 90 %.
    expect(parseShare(0.9, '0.0%;-0.0" %"')).toEqual({ kind: "value", value: 0.9, issues: [] });
    // Full-width ％ and a [$%] currency print a literal sign too.
    expect(val(parseShare(0.9, '0.0"％"'))).toBeCloseTo(0.009, 15);
    expect(val(parseShare(0.9, "0.0[$%]"))).toBeCloseTo(0.009, 15);
    // Text is shown as typed: "0.9" is 0.9 (90 %) whatever the format; "90" is percent points.
    expect(val(parseShare("0.9", '0.0" %"'))).toBe(0.9);
    expect(val(parseShare("90", "0%"))).toBeCloseTo(0.9, 15);
  });
  test("rounding noise at both ends of [0, 1] snaps, up to 1e-9 exactly; beyond it does not", () => {
    expect(codes(parseShare(1 + 1e-9))).toEqual(["SHARE_ROUNDED"]);
    expect(val(parseShare(1 + 1e-9, "0.0%"))).toBe(1);
    expect(codes(parseShare(1 + 2e-9))).toEqual(["PERCENT_POINTS"]);
    expect(val(parseShare(0.3 - 0.1 - 0.2))).toBe(0);
    expect(codes(parseShare(0.3 - 0.1 - 0.2))).toEqual(["SHARE_ROUNDED"]);
    expect(val(parseShare("100.0000001%"))).toBe(1);
    expect(val(parseShare(100.00000000000001))).toBe(1);
  });
  test("1 plus a formula's rounding noise is 100 %, with a warning; a real excess is not", () => {
    const p = parseShare(1.0000000000000002);
    expect(val(p)).toBe(1);
    expect(codes(p)).toEqual(["SHARE_ROUNDED"]);
    expect(codes(parseShare(1.0000000000000002, "0%"))).toEqual(["SHARE_ROUNDED"]);
    expect(codes(parseShare(1.001))).toEqual(["PERCENT_POINTS"]);
  });
});

describe("dates", () => {
  test("serials in the 1900 and 1904 systems", () => {
    expect(isoFromSerial(val(parseDate(45658)) as number)).toBe("2025-01-01");
    expect(isoFromSerial(val(parseDate(44196, { date1904: true })) as number)).toBe("2025-01-01");
  });
  test.each([
    ["2025-01-01", "2025-01-01"],
    ["2025/1/31", "2025-01-31"],
    ["2025年3月4日", "2025-03-04"],
    ["31/12/2025", "2025-12-31"],
    ["1 Jan 2025", "2025-01-01"],
    ["Jan 31, 2025", "2025-01-31"],
  ])("text %s → %s with a warning", (text, iso) => {
    const p = parseDate(text);
    expect(isoFromSerial(val(p) as number)).toBe(iso);
    expect(codes(p)).toEqual(["DATE_TEXT"]);
  });
  test("ambiguous day/month and impossible dates are errors", () => {
    expect(codes(parseDate("03/04/2025"))).toEqual(["DATE_AMBIGUOUS"]);
    expect(codes(parseDate("2025-02-30"))).toEqual(["DATE_INVALID"]);
    expect(codes(parseDate(12))).toEqual(["DATE_RANGE"]);
  });
});

describe("identifiers", () => {
  test("an 18-character USCC typed as a number lost digits", () => {
    expect(codes(parseId(911100001000010000, 18))).toEqual(["ID_AS_NUMBER"]);
  });
  test("a CN code that lost a leading zero or digit", () => {
    expect(codes(parseId(7606123, 8))).toEqual(["ID_LENGTH"]);
    expect(val(parseId(76061230, 8))).toBe("76061230");
  });
});

describe("audit of issue #4: more forms of the same faults", () => {
  test.each([
    ["\uff0d0.5", -0.5], // full-width hyphen-minus
    ["\u20100.5", -0.5], // hyphen
    ["\u20110.5", -0.5], // non-breaking hyphen
    ["\ufe630.5", -0.5], // small hyphen-minus
    ["1'234.5", 1234.5], // apostrophe thousands
    ["1\u2019234", 1234], // typographic apostrophe thousands
    ["'600", 600], // Excel's text apostrophe kept by an export
  ])("%s → %d, with a warning", (text, n) => {
    const p = parseNumber(text, "kg CO2e");
    expect(val(p)).toBe(n);
    expect(codes(p)).toEqual(["NUMBER_TEXT"]);
  });
  test.each([
    ["1-Jan-2025", "2025-01-01"],
    ["Jan 31, 2025", "2025-01-31"],
    ["31 January 2025", "2025-01-31"],
    ["2025年3月1号", "2025-03-01"],
    ["31/12/2025", "2025-12-31"],
  ])("the text date %s reads as %s, with a warning", (text, iso) => {
    const p = parseDate(text);
    expect(p.kind).toBe("value");
    expect(isoFromSerial(val(p) as number)).toBe(iso);
    expect(codes(p)).toEqual(["DATE_TEXT"]);
  });
  test("a two-digit year is not guessed", () => {
    expect(codes(parseDate("01-JAN-25"))).toEqual(["DATE_INVALID"]);
  });
  test("a literal % in a number format does not scale the value", () => {
    expect(isPercentFormat("0%")).toBe(true);
    expect(isPercentFormat("0\\%")).toBe(false);
    expect(isPercentFormat('0.0" %"')).toBe(false);
    expect(val(parseShare(60, "0\\%"))).toBe(0.6);
    expect(codes(parseShare(60, "0\\%"))).toEqual(["PERCENT_POINTS"]);
  });
  test("identifiers that change when normalised say so; grouping of fixed-length codes is dropped", () => {
    expect(val(parseId("7606 12 90", 8))).toBe("76061290");
    expect(codes(parseId("7606.12.90", 8))).toEqual(["ID_NORMALISED"]);
    expect(val(parseId("９１３３０１００６７８９０１２０ＸＹ", 18))).toBe("9133010067890120XY");
    expect(codes(parseId("I\u20132"))).toEqual(["ID_NORMALISED"]);
    // Surrounding spaces alone are no change worth a warning.
    expect(parseId(" P1\u00a0")).toEqual({ kind: "value", value: "P1", issues: [] });
    expect(codes(parseId("9.13301E+17", 18))).toEqual(["ID_LENGTH"]);
  });
});

describe("isPlainValueText: the validator's fast path takes a text as the full parsers would", () => {
  const samples = ["IN-0000001", "Supplier 17", " padded ", "n/a", "N/A", "无", "-", "—", "=1+1", "+86 123", "@x", "(DISPIMG)", '=DISPIMG("ID_1",1)', "１２３", "a\u00a0b", "", " ", "unknown", "tbd", "null", "#N/A", "x\ty"];
  const texts = fc.oneof(fc.constantFrom(...samples), fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: fc.constantFrom("a", "N", "/", " ", "-", "=", "(", "无", "\u3000", "1") }));

  test("whenever it says plain, parseText and parseId return the text unchanged with no issue, and it is not formula-like", () => {
    fc.assert(
      fc.property(texts, (s) => {
        if (!isPlainValueText(s)) return;
        expect(parseText(s)).toEqual({ kind: "value", value: s, issues: [] });
        expect(parseId(s)).toEqual({ kind: "value", value: s, issues: [] });
        expect(isFormulaLikeText(s)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  test("placeholders, padded, formula-like, pictures and non-ASCII texts take the full path", () => {
    for (const s of ["n/a", "N/A", "无", "-", " padded ", "=1+1", "+86 123", "@x", '=DISPIMG("ID_1",1)', "１２３", "a\u00a0b", "", " ", "unknown"]) expect(isPlainValueText(s)).toBe(false);
    for (const s of ["IN-0000001", "Supplier 17", "SM1", "5182"]) expect(isPlainValueText(s)).toBe(true);
  });
});

describe("a first group of 0 is a decimal comma, never thousands (second-round tester)", () => {
  test.each([
    ["0,120", 0.12],
    ["0,940", 0.94],
    ["-0,5", -0.5],
  ])("%s → %d with a decimal-comma warning", (text, value) => {
    const p = parseNumber(text);
    expect(val(p)).toBe(value);
    expect(p.issues.map((i) => i.msg.en).join(" ")).toMatch(/decimal comma/);
  });

  test("thousands grouping still reads 1,234 and 12,345.6", () => {
    expect(val(parseNumber("1,234"))).toBe(1234);
    expect(val(parseNumber("12,345.6"))).toBe(12345.6);
    expect(codes(parseNumber("01,234"))).toEqual(["NUMBER_AMBIGUOUS"]);
  });

  test("an identifier's leading apostrophe is dropped with ID_NORMALISED; a text keeps it", () => {
    expect(val(parseId("'P5182"))).toBe("P5182");
    expect(codes(parseId("'P5182"))).toEqual(["ID_NORMALISED"]);
    expect(val(parseText("'s-Hertogenbosch"))).toBe("'s-Hertogenbosch");
    expect(isPlainValueText("'P5182")).toBe(false);
  });
});

test("a number cell holding NaN or ±Infinity is NOT_A_NUMBER for every parser, never 'the identifier NaN' (fast-check found it)", () => {
  for (const v of [NaN, Infinity, -Infinity]) {
    for (const p of [parseId(v), parseText(v), parseDate(v), parseNumber(v), parseMassTonnes(v), parseShare(v)]) {
      expect(p.kind).toBe("invalid");
      expect(codes(p)).toEqual(["NOT_A_NUMBER"]);
      expect(p.issues[0].msg.en).not.toMatch(/\bNaN\b|Infinity/);
    }
  }
});

test("every invisible character is one the placeholder fast path may drop: 'n/a' padded with any of them is still a placeholder", () => {
  // plainText (the fast path of preliminary) keeps its own list of droppable characters; this keeps it in step with INVISIBLE_CHARS.
  const invisible: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (ch.replace(INVISIBLE_CHARS, "") === "") invisible.push(ch);
  }
  invisible.push("\u{e0041}", "\u{e0100}");
  expect(invisible.length).toBeGreaterThan(100);
  for (const ch of invisible) {
    const p = parseNumber(`n/a${ch.repeat(20)}`);
    expect({ ch: ch.codePointAt(0), kind: p.kind, placeholder: p.kind === "blank" && p.placeholder !== undefined }).toEqual({ ch: ch.codePointAt(0), kind: "blank", placeholder: true });
  }
});
