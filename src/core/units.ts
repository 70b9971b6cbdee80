/**
 * Mass units and shares.
 *
 * Decisions (refused spellings get a message saying why and what to write instead):
 * - "ton"/"tons": short (907.18 kg), long (1016.05 kg) or metric (1000 kg) — refused. Write "t",
 *   "short ton" or "long ton".
 * - "mt"/"MT"/"mT": trade usage reads it as metric ton, SI reads "Mt" as megatonne — refused.
 *   Only the exact SI spelling "Mt" is accepted, as megatonne (10⁶ t).
 * - "斤": the PRC market jin (市斤) is 0.5 kg, but the older 16-liang jin (~0.597 kg) and the
 *   Taiwan/HK catty (0.6 kg) are still in use — refused. "市斤" is unambiguous and accepted (0.5 kg).
 * Every other spelling is case-insensitive and width-insensitive (full-width "ｋｇ" from an IME).
 */
import { CalcError, fmtNum } from "./errors";
import { clipText } from "./findings";
import { requireFinite, requireFraction } from "./numbers";

export interface MassUnit {
  /** Canonical symbol used in messages and outputs. */
  readonly code: string;
  readonly en: string;
  readonly zh: string;
  /** Grams per unit. Kept in grams so the usual factors are exact integers in binary floating point. */
  readonly grams: number;
}

export const MASS_UNITS = [
  { code: "g", en: "gram", zh: "克", grams: 1 },
  { code: "kg", en: "kilogram", zh: "千克", grams: 1e3 },
  { code: "t", en: "tonne (metric ton)", zh: "吨", grams: 1e6 },
  { code: "kt", en: "kilotonne", zh: "千吨", grams: 1e9 },
  { code: "万吨", en: "10,000 tonnes", zh: "万吨", grams: 1e10 },
  { code: "Mt", en: "megatonne", zh: "百万吨", grams: 1e12 },
  { code: "亿吨", en: "100 million tonnes", zh: "亿吨", grams: 1e14 },
  { code: "lb", en: "pound (avoirdupois)", zh: "磅", grams: 453.59237 },
  { code: "short ton", en: "short ton (2,000 lb)", zh: "短吨", grams: 907184.74 },
  { code: "long ton", en: "long ton (2,240 lb)", zh: "长吨", grams: 1016046.9088 },
  { code: "市斤", en: "market jin (0.5 kg)", zh: "市斤", grams: 500 },
] as const satisfies readonly MassUnit[];

export type MassUnitCode = (typeof MASS_UNITS)[number]["code"];

const UNIT_BY_CODE = new Map<string, MassUnit>(MASS_UNITS.map((u) => [u.code, u]));

/** Accepted spellings (lower-cased after NFKC) → unit code. "Mt" is handled before lower-casing. */
const SPELLINGS: Record<string, MassUnitCode> = {
  g: "g", gram: "g", grams: "g", gramme: "g", grammes: "g", 克: "g",
  kg: "kg", kgs: "kg", kilogram: "kg", kilograms: "kg", kilogramme: "kg", 千克: "kg", 公斤: "kg",
  t: "t", tonne: "t", tonnes: "t", "metric ton": "t", "metric tons": "t", "metric tonne": "t", "metric tonnes": "t",
  吨: "t", 公吨: "t",
  kt: "kt", kilotonne: "kt", kilotonnes: "kt", 千吨: "kt",
  万吨: "万吨",
  megatonne: "Mt", megatonnes: "Mt", 百万吨: "Mt",
  亿吨: "亿吨",
  lb: "lb", lbs: "lb", pound: "lb", pounds: "lb", 磅: "lb",
  "short ton": "short ton", "short tons": "short ton", 短吨: "short ton",
  "long ton": "long ton", "long tons": "long ton", 长吨: "long ton",
  市斤: "市斤",
};

const AMBIGUOUS: Record<string, string> = {
  ton: "'ton' may be a short ton (907 kg), a long ton (1016 kg) or a metric tonne (1000 kg); write 't' for metric tonnes, or 'short ton' / 'long ton'",
  tons: "'tons' may be short tons (907 kg), long tons (1016 kg) or metric tonnes (1000 kg); write 't' for metric tonnes, or 'short ton' / 'long ton'",
  mt: "'mt'/'MT' is read as metric ton in trade but as megatonne (Mt) in SI; write 't' for tonnes or 'Mt' (capital M, small t) for megatonnes",
  斤: "'斤' may be the market jin 市斤 (0.5 kg) or an older jin (≈0.6 kg); write '市斤', 'kg' or '公斤'",
};

/** `ambiguous`: a known word with several readings ("ton", "MT", "斤"), as opposed to an unknown one. */
export type ParseUnitResult = { readonly ok: true; readonly unit: MassUnit } | { readonly ok: false; readonly message: string; readonly ambiguous?: true };

export function parseMassUnit(text: unknown): ParseUnitResult {
  if (typeof text !== "string") return { ok: false, message: `a mass unit must be text such as 't' or 'kg', got ${typeof text}` };
  const folded = text.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (folded === "") return { ok: false, message: "the mass unit is blank; write 't', 'kg', 'kt', 'Mt', '吨' …" };
  // Case matters only here: SI "Mt" is a megatonne; every other casing of m+t is ambiguous.
  if (folded.replace(/\.$/, "") === "Mt") return { ok: true, unit: UNIT_BY_CODE.get("Mt") as MassUnit };
  const key = folded.toLowerCase().replace(/\.$/, "");
  const amb = AMBIGUOUS[key];
  if (amb) return { ok: false, message: amb, ambiguous: true };
  const code = SPELLINGS[key];
  if (code) return { ok: true, unit: UNIT_BY_CODE.get(code) as MassUnit };
  return {
    ok: false,
    message: `'${clipText(text.trim())}' is not a known mass unit; use t, kg, g, kt, Mt, lb, 吨, 千克, 公斤, 克, 千吨, 万吨, 百万吨 or 亿吨`,
  };
}

function resolve(unit: MassUnit | string, field: string): MassUnit {
  if (typeof unit !== "string") return unit;
  const r = parseMassUnit(unit);
  if (!r.ok) throw new CalcError("invalid_input", r.message, field);
  return r.unit;
}

export function toTonnes(value: number, unit: MassUnit | string): number {
  requireFinite(value, "value");
  return (value * resolve(unit, "unit").grams) / 1e6;
}

export function convertMass(value: number, from: MassUnit | string, to: MassUnit | string): number {
  requireFinite(value, "value");
  const f = resolve(from, "from");
  const t = resolve(to, "to");
  if (f.grams === t.grams) return value;
  return (value * f.grams) / t.grams;
}

// ---------------------------------------------------------------------------------------------
// Shares. The core works in fractions 0..1 only. Whether "45" in a cell meant 45% is a
// validation question (it needs the cell's number format and the column's meaning), not a units one.

/** A share as a fraction 0..1; anything else is an out-of-range CalcError. */
export function parseShare(v: number, field = "share", index?: number): number {
  return requireFraction(v, field, index);
}

/** 45 (percent) → 0.45, with the 0..100 range checked. */
export function shareFromPercent(percent: number, field = "percent", index?: number): number {
  requireFinite(percent, field, index);
  if (percent < 0 || percent > 100) {
    throw new CalcError("out_of_range", `${field} = ${fmtNum(percent)} is not a percentage between 0 and 100`, field, index);
  }
  return percent / 100;
}
