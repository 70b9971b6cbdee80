import fc from "fast-check";
import { CalcError } from "../../src/core/errors";
import { convertMass, MASS_UNITS, parseMassUnit, parseShare, shareFromPercent, toTonnes } from "../../src/core/units";

function unitCode(text: string): string | undefined {
  const r = parseMassUnit(text);
  return r.ok ? r.unit.code : undefined;
}

describe("parseMassUnit", () => {
  test.each([
    ["t", "t"],
    ["tonne", "t"],
    ["Tonnes", "t"],
    ["metric ton", "t"],
    ["metric tonnes", "t"],
    ["吨", "t"],
    ["公吨", "t"],
    ["kg", "kg"],
    ["KG", "kg"],
    ["千克", "kg"],
    ["公斤", "kg"],
    ["g", "g"],
    ["克", "g"],
    ["kt", "kt"],
    ["千吨", "kt"],
    ["Mt", "Mt"],
    ["百万吨", "Mt"],
    ["万吨", "万吨"],
    ["亿吨", "亿吨"],
    ["lb", "lb"],
    ["lbs", "lb"],
    ["short ton", "short ton"],
    ["long tons", "long ton"],
    ["市斤", "市斤"],
    ["  kg  ", "kg"],
    ["ｋｇ", "kg"], // full-width letters from a Chinese IME
    ["lb.", "lb"],
  ])("%s → %s", (text, code) => {
    expect(unitCode(text)).toBe(code);
  });

  test.each(["ton", "tons", "TON", "mt", "MT", "mT", "斤"])("refuses ambiguous %s with a reason and an alternative", (text) => {
    const r = parseMassUnit(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/may be|is read as/);
      expect(r.message).toMatch(/write/);
    }
  });

  test("MT message explains metric ton vs megatonne", () => {
    const r = parseMassUnit("MT");
    expect(!r.ok && r.message).toMatch(/megatonne/);
  });

  test("unknown and blank units are refused with the accepted list", () => {
    const r = parseMassUnit("furlong");
    expect(!r.ok && r.message).toMatch(/'furlong' is not a known mass unit/);
    expect(parseMassUnit("").ok).toBe(false);
    expect(parseMassUnit(5 as unknown as string).ok).toBe(false);
  });
});

describe("toTonnes / convertMass", () => {
  test("published-figure conversions", () => {
    // 10.5 Mt utilised in 2023 [S10] = 1050 万吨 = 10,500 kt = 1.05e7 t
    expect(toTonnes(10.5, "Mt")).toBe(10_500_000);
    expect(convertMass(10.5, "Mt", "万吨")).toBeCloseTo(1050, 10);
    expect(convertMass(10.5, "Mt", "kt")).toBe(10_500);
    // ~85 Mt alumina (China 2024) [S11] = 0.85 亿吨
    expect(convertMass(85, "Mt", "亿吨")).toBeCloseTo(0.85, 12);
    expect(toTonnes(1500, "kg")).toBe(1.5);
    expect(toTonnes(1, "千吨")).toBe(1000);
    expect(convertMass(1, "t", "kg")).toBe(1000);
    expect(convertMass(1, "kg", "t")).toBe(0.001);
    // lb is exactly 0.45359237 kg; a short ton is 2000 lb = 907.18474 kg
    expect(convertMass(2000, "lb", "kg")).toBeCloseTo(907.18474, 9);
    expect(convertMass(1, "short ton", "lb")).toBeCloseTo(2000, 9);
    expect(convertMass(1, "long ton", "lb")).toBeCloseTo(2240, 9);
    expect(convertMass(2, "市斤", "kg")).toBe(1);
  });

  test("an ambiguous or unknown unit string throws a CalcError with the reason", () => {
    expect(() => toTonnes(1, "ton")).toThrow(CalcError);
    expect(() => convertMass(1, "t", "MT")).toThrow(/megatonne/);
  });

  test("round trip through every pair of units returns the value", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.constantFrom(...MASS_UNITS),
        fc.constantFrom(...MASS_UNITS),
        (v, a, b) => {
          const back = convertMass(convertMass(v, a, b), b, a);
          expect(Math.abs(back - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        },
      ),
    );
  });
});

describe("shares", () => {
  test("parseShare accepts 0..1 only, with a percent hint", () => {
    expect(parseShare(0.45)).toBe(0.45);
    expect(parseShare(0)).toBe(0);
    expect(parseShare(1)).toBe(1);
    expect(() => parseShare(45, "recycledShare")).toThrow(/recycledShare = 45 is not a fraction.*45%/);
    expect(() => parseShare(-0.1)).toThrow(CalcError);
  });

  test("shareFromPercent", () => {
    expect(shareFromPercent(45)).toBe(0.45);
    expect(shareFromPercent(100)).toBe(1);
    expect(() => shareFromPercent(101)).toThrow(/between 0 and 100/);
  });
});
