/**
 * PACT v3 export (WBCSD Technical Specifications for PCF Data Exchange, 3.0.3, openapi.yaml
 * components.schemas.ProductFootprint) with AluTrace's own DataModelExtension carrying red mud
 * (bauxite residue) and recycled content, which neither PACT nor the RMI aluminium extension has a
 * field for.
 *
 * Honesty rule: the supplier template carries no greenhouse-gas figures, so AluTrace never makes up
 * the PCF part. `buildPactFootprints` takes the carbon figures per product from the caller and
 * REFUSES (a typed result naming each product and field) when they are missing or malformed.
 * `buildExtensionDocument` always works on a valid workbook: the extension data alone, so a buyer
 * still gets machine-readable red mud and recycled content.
 *
 * Pure TypeScript: no Node or browser APIs (SHA-256 is implemented here), so the add-in and the
 * CLI produce byte-identical JSON. Docs: docs/EXPORTS.md.
 */
import { a1 } from "../cells";
import { PATHWAY_CODES, PRODUCT_FORMS, findEntry } from "../codes";
import { defaultValue, findDefault, getDefault } from "../defaults";
import { addYearsToSerial, isoFromSerial, serialFromYMD } from "../parse";
import { DEFAULT_REFINERY, UNREPORTED_PATHWAY, inputMassCell, type ProductFigures, type ReportFigures } from "../report/compute";
import type { Provenance } from "../report/tabs";
import { TEMPLATE_VERSION } from "../template/spec";
import type { SheetData, TypedRow, ValidationResult } from "../template/validate";

// ---------------------------------------------------------------------------------------------
// Constants

/** The PACT Technical Specification version the footprints follow (openapi.yaml info.version). */
export const PACT_SPEC_VERSION = "3.0.3";
/** DataModelExtension container version (openapi.yaml DataModelExtension example; PACT data-model-extensions spec). */
export const DATA_MODEL_EXTENSION_SPEC_VERSION = "2.0.0";
/** Version of AluTrace's extension schema (src/core/export/alutrace-extension.schema.json). */
export const ALUTRACE_EXTENSION_VERSION = "1.0.0";
/** Where the extension schema is documented. A documentation URL: nothing fetches it at run time. */
export const ALUTRACE_EXTENSION_SCHEMA_URL = `https://alutrace.example/schemas/alutrace-pact-extension-${ALUTRACE_EXTENSION_VERSION}.json`;
export const ALUTRACE_EXTENSION_DOCS_URL = "https://alutrace.example/docs/EXPORTS.md";
export const EXTENSION_DOCUMENT_TYPE = "AluTraceExtensionDocument";

/** PACT 3 declaredUnitOfMeasurement enum (openapi.yaml). */
export const PACT_DECLARED_UNITS = [
  "liter",
  "kilogram",
  "cubic meter",
  "kilowatt hour",
  "megajoule",
  "ton kilometer",
  "square meter",
  "piece",
  "hour",
  "megabit second",
] as const;

/** UN M49 regions/subregions accepted by geographyRegionOrSubregion (openapi.yaml). */
export const PACT_REGIONS = [
  "Africa", "Americas", "Asia", "Europe", "Oceania", "Australia and New Zealand", "Central Asia", "Eastern Asia",
  "Eastern Europe", "Latin America and the Caribbean", "Melanesia", "Micronesia", "Northern Africa", "Northern America",
  "Northern Europe", "Polynesia", "South-eastern Asia", "Southern Asia", "Southern Europe", "Sub-Saharan Africa",
  "Western Asia", "Western Europe",
] as const;

// ---------------------------------------------------------------------------------------------
// PACT types (the subset AluTrace writes)

export type DecimalString = string;

export interface DataModelExtension<D = AluTraceExtensionData> {
  specVersion: string;
  dataSchema: string;
  documentation?: string;
  data: D;
}

export interface ProductOrSectorSpecificRule {
  operator: "PEF" | "EPD International" | "Other";
  ruleNames: string[];
  otherOperatorName?: string;
}

export interface EmissionFactorSource {
  name: string;
  version: string;
}

export interface DataQualityIndicators {
  technologicalDQR: DecimalString;
  geographicalDQR: DecimalString;
  temporalDQR: DecimalString;
}

export interface Verification {
  coverage?: "PCF calculation model" | "PCF program" | "product level";
  providerName?: string;
  completedAt?: string;
  standardName?: string;
  comments?: string;
}

export interface CarbonFootprint {
  declaredUnitOfMeasurement: (typeof PACT_DECLARED_UNITS)[number];
  declaredUnitAmount: DecimalString;
  productMassPerDeclaredUnit: DecimalString;
  referencePeriodStart: string;
  referencePeriodEnd: string;
  geographyRegionOrSubregion?: string;
  geographyCountry?: string;
  geographyCountrySubdivision?: string;
  boundaryProcessesDescription?: string;
  pcfExcludingBiogenicUptake: DecimalString;
  pcfIncludingBiogenicUptake: DecimalString;
  fossilGhgEmissions: DecimalString;
  fossilCarbonContent: DecimalString;
  biogenicCarbonContent?: DecimalString;
  recycledCarbonContent?: DecimalString;
  landUseChangeGhgEmissions?: DecimalString;
  landManagementFossilGhgEmissions?: DecimalString;
  landManagementBiogenicCO2Emissions?: DecimalString;
  landManagementBiogenicCO2Removals?: DecimalString;
  biogenicCO2Uptake?: DecimalString;
  biogenicNonCO2Emissions?: DecimalString;
  aircraftGhgEmissions?: DecimalString;
  packagingEmissionsIncluded: boolean;
  packagingGhgEmissions?: DecimalString;
  outboundLogisticsGhgEmissions?: DecimalString;
  ipccCharacterizationFactors: string[];
  crossSectoralStandards: string[];
  productOrSectorSpecificRules?: ProductOrSectorSpecificRule[];
  exemptedEmissionsPercent: DecimalString;
  exemptedEmissionsDescription?: string;
  allocationRulesDescription?: string;
  secondaryEmissionFactorSources?: EmissionFactorSource[];
  primaryDataShare: DecimalString;
  dqi?: DataQualityIndicators;
  verification?: Verification;
}

export interface ProductFootprint {
  id: string;
  specVersion: string;
  created: string;
  status: "Active" | "Deprecated";
  companyName: string;
  companyIds: string[];
  productDescription: string;
  productIds: string[];
  productClassifications?: string[];
  productNameCompany: string;
  comment?: string;
  /** Only with a validity the supplier states: from the reference period's end (PACT's default otherwise: 3 years). */
  validityPeriodStart?: string;
  validityPeriodEnd?: string;
  pcf: CarbonFootprint;
  extensions?: DataModelExtension[];
}

// ---------------------------------------------------------------------------------------------
// Caller-supplied carbon figures

/** A number, or a decimal string as PACT writes it ("0.384"); exponents are not accepted in strings. */
export type DecimalInput = number | string;

export type GeographyInput =
  | "global"
  | { country: string }
  | { regionOrSubregion: (typeof PACT_REGIONS)[number] }
  | { countrySubdivision: string };

/**
 * The PCF figures of one product, per DECLARED UNIT of that product (kg CO2e per declared unit,
 * kg C per declared unit), computed over the workbook's reporting period. AluTrace does not compute
 * any of these. Names are PACT's.
 */
export interface PcfInput {
  // Required by the schema or x-rule SHALL
  pcfExcludingBiogenicUptake: DecimalInput;
  pcfIncludingBiogenicUptake: DecimalInput;
  fossilGhgEmissions: DecimalInput;
  fossilCarbonContent: DecimalInput;
  /** e.g. ["AR6"] */
  ipccCharacterizationFactors: string[];
  /** e.g. ["ISO14067", "PACT-3.0"] */
  crossSectoralStandards: string[];
  exemptedEmissionsPercent: DecimalInput;
  packagingEmissionsIncluded: boolean;
  /** Share of primary data, percent (0–100). x-rule SHALL. */
  primaryDataShare: DecimalInput;
  // Optional
  biogenicCarbonContent?: DecimalInput;
  recycledCarbonContent?: DecimalInput;
  landUseChangeGhgEmissions?: DecimalInput;
  landManagementFossilGhgEmissions?: DecimalInput;
  landManagementBiogenicCO2Emissions?: DecimalInput;
  landManagementBiogenicCO2Removals?: DecimalInput;
  biogenicCO2Uptake?: DecimalInput;
  biogenicNonCO2Emissions?: DecimalInput;
  aircraftGhgEmissions?: DecimalInput;
  packagingGhgEmissions?: DecimalInput;
  outboundLogisticsGhgEmissions?: DecimalInput;
  /**
   * DQRs 1–5, the range PACT v3 allows (x-rule SHALL-2027), which is what is checked here. The
   * supplier template (09_Footprint dqr_*, src/core/template/spec.ts) and its validator take only
   * 1–3, so a footprint made from a workbook carries 1–3.
   */
  dqi?: { technologicalDQR: DecimalInput; geographicalDQR: DecimalInput; temporalDQR: DecimalInput };
  productOrSectorSpecificRules?: ProductOrSectorSpecificRule[];
  secondaryEmissionFactorSources?: EmissionFactorSource[];
  boundaryProcessesDescription?: string;
  allocationRulesDescription?: string;
  exemptedEmissionsDescription?: string;
  verification?: Verification;
  /** Default: the supplier's country (01_Supplier). */
  geography?: GeographyInput;
  /** ProductFootprint.comment: calculation notes for the buyer. */
  comment?: string;
  /**
   * ProductFootprint.validityPeriodEnd, a UTC date-time after the reference period's end and at most
   * 3 years after it; the validity then starts at the reference period's end. Blank: PACT's default.
   */
  validityPeriodEnd?: string;
}

export interface PactOptions {
  /** Carbon figures by product id. A product exported without them is refused. */
  pcf?: Record<string, PcfInput | undefined>;
  /** Export only these products (default: every product of the workbook). */
  products?: string[];
  /** Footprint ids in the order of the exported products (tests; or random v4 ids from the caller). */
  footprintIds?: string[];
  /** ProductFootprint.created; default the provenance's generatedAt. */
  created?: string;
  /**
   * Who assigned 01_Supplier's supplier_id. The template defines it as "your ID as the buyer knows
   * it" (the buyer's vendor number), hence "buyer" → urn:pact:company:customcode:buyer-id:…;
   * "supplier" → …:supplier-id:…
   */
  supplierIdAssignedBy?: "buyer" | "supplier";
  /** FQDN of the supplier: product ids then follow PACT's urn:pact:<domain>:supplier-id:<id> form. */
  productIdIssuerDomain?: string;
  /** Overrides of the documentation URLs written into each extension. */
  extensionSchemaUrl?: string;
  extensionDocumentationUrl?: string;
}

export interface PactRefusal {
  /** "" for problems of the workbook or the options rather than of one product. */
  productId: string;
  /** PACT field names (pcf.*) that are required and absent. */
  missing: string[];
  /** What is wrong with each field; `messageZh` where AluTrace words it in Chinese too. */
  invalid: { field: string; message: string; messageZh?: string }[];
}

export type PactRefusalReason = "validation_errors" | "missing_footprint_values" | "invalid_footprint_values" | "invalid_options";

export type PactResult =
  | { ok: true; footprints: ProductFootprint[]; notes: string[] }
  | { ok: false; reason: PactRefusalReason; message: string; refusals: PactRefusal[] };

// ---------------------------------------------------------------------------------------------
// AluTrace extension data (schema: alutrace-extension.schema.json)

export interface PathwayShareOut {
  code: string;
  group: "storage" | "utilisation" | "disposal" | "unreported";
  kgPerKgProduct: DecimalString;
  /** Share of this product's (cut-off) red mud. */
  share: DecimalString;
}

export interface RefineryOut {
  refineryId: string;
  shareOfSmelterAlumina: DecimalString;
  redMudPerAluminaTonnesPerTonne: DecimalString;
  dataSourceType?: string;
  defaultUsed: boolean;
}

export interface SmelterOut {
  smelterId: string;
  aluminaPerAlTonnesPerTonne: DecimalString;
  aluminaPerAlDefaultUsed: boolean;
  redMudPerAlTonnesPerTonne: DecimalString;
  refineries: RefineryOut[];
}

export interface RefineryUtilisationOut {
  refineryId: string;
  redMudPerAluminaTonnesPerTonne: DecimalString;
  rateNew: DecimalString;
  rateInclLegacy?: DecimalString;
  target2027: DecimalString;
  target2030: DecimalString;
}

export interface AluTraceExtensionData {
  extensionVersion: string;
  productId: string;
  referencePeriodStart: string;
  referencePeriodEnd: string;
  recycledContent: {
    share: DecimalString;
    preConsumerShare: DecimalString;
    postConsumerShare: DecimalString;
    recycledMassT: DecimalString;
    preConsumerMassT: DecimalString;
    postConsumerMassT: DecimalString;
    denominatorMassT: DecimalString;
    excludedRunAroundScrapT: DecimalString;
    internalCrossProcessScrapT: DecimalString;
    method: {
      standard: "ISO 14021";
      basis: string;
      denominator: "all_metal" | "al_only";
      countInternalCrossProcess: boolean;
      sameProcessBoundary: string;
      chainOfCustodyModels: string[];
    };
    cbam: {
      scrapMassT: DecimalString;
      scrapPerTonneProduct: DecimalString;
      preConsumerShareOfScrap?: DecimalString;
    };
  };
  redMud: {
    basis: "dry";
    declaredUnit: string;
    redMudMassT: DecimalString;
    intensityKgPerKgCutOff: DecimalString;
    intensityKgPerKgAllocation: DecimalString;
    perDeclaredUnitKg: DecimalString;
    smelters: SmelterOut[];
    unknownOriginPrimary?: { redMudMassT: DecimalString; redMudPerAlTonnesPerTonne: DecimalString; defaultUsed: true; description: string };
    pathwayShares: PathwayShareOut[];
    refineryUtilisation: RefineryUtilisationOut[];
  };
  provenance: {
    sourceWorkbook: string;
    sourceSha256?: string;
    sourceSha256Of?: "file" | "sheet-values";
    templateVersion: string;
    alutraceVersion: string;
    generatedAt: string;
  };
  defaultsUsed: { id: string; value: DecimalString; unit: string; source: string; cells: string[] }[];
}

export interface ExtensionDocument {
  documentType: typeof EXTENSION_DOCUMENT_TYPE;
  documentVersion: string;
  statement: string;
  created: string;
  companyName: string;
  companyIds: string[];
  products: {
    productIds: string[];
    productNameCompany: string;
    productDescription: string;
    extension: DataModelExtension;
  }[];
}

export type ExtensionDocumentResult =
  | { ok: true; document: ExtensionDocument }
  | { ok: false; reason: "validation_errors" | "invalid_options"; message: string; refusals: PactRefusal[] };

// ---------------------------------------------------------------------------------------------
// Decimals

const DECIMAL_RE = /^[+-]?\d+(\.\d+)?$/;

/**
 * A finite number as a PACT decimal string: plain digits, no exponent, at most `significant`
 * significant digits (12 by default: enough for any measured quantity, and it drops binary noise
 * such as 0.30000000000000004 → "0.3"). -0 → "0".
 */
export function toDecimalString(x: number, significant = 12): DecimalString {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new RangeError(`not a finite number: ${String(x)}`);
  if (x === 0) return "0";
  const neg = x < 0;
  const p = Math.abs(x).toPrecision(significant);
  const [mant, expText] = p.split("e");
  const exp = expText === undefined ? 0 : parseInt(expText, 10);
  const [ip, fp = ""] = mant.split(".");
  const digits = ip + fp;
  const point = ip.length + exp;
  let s: string;
  if (point <= 0) s = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) s = digits + "0".repeat(point - digits.length);
  else s = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  s = s.replace(/^0+(?=\d)/, "");
  if (s === "0") return "0";
  return neg ? `-${s}` : s;
}

type Bound = "any" | "nonNegative" | "nonPositive" | "positive";

function decimalIn(v: DecimalInput, bound: Bound, range?: [number, number]): { ok: true; value: string } | { ok: false; message: string; messageZh: string } {
  let s: string;
  let n: number;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, message: `${String(v)} is not a finite number`, messageZh: `${String(v)} 不是有限数值` };
    s = toDecimalString(v);
    n = v;
  } else if (typeof v === "string") {
    s = v.trim();
    if (!DECIMAL_RE.test(s)) return { ok: false, message: `"${v}" is not a decimal string (digits with an optional sign and decimal point, e.g. "0.384")`, messageZh: `"${v}" 不是小数字符串（数字，可带符号和小数点，如 "0.384"）` };
    n = Number(s);
  } else {
    return { ok: false, message: `expected a number or a decimal string, got ${v === null ? "null" : typeof v}`, messageZh: `应为数字或小数字符串，实际为 ${v === null ? "null" : typeof v}` };
  }
  if (bound === "nonNegative" && n < 0) return { ok: false, message: `${s} is negative; must be ≥ 0`, messageZh: `${s} 为负数；须 ≥ 0` };
  if (bound === "positive" && !(n > 0)) return { ok: false, message: `${s} must be > 0`, messageZh: `${s} 须 > 0` };
  if (bound === "nonPositive" && n > 0) return { ok: false, message: `${s} is positive; must be ≤ 0 (a removal or uptake)`, messageZh: `${s} 为正数；须 ≤ 0（移除或吸收量）` };
  if (range && (n < range[0] || n > range[1])) return { ok: false, message: `${s} is outside ${range[0]}–${range[1]}`, messageZh: `${s} 超出 ${range[0]}–${range[1]}` };
  // Keep sign conventions the schema patterns accept: "-0" is written "0"; "+" is dropped.
  if (n === 0) s = "0";
  else if (s.startsWith("+")) s = s.slice(1);
  return { ok: true, value: s };
}

const dec = (x: number): DecimalString => toDecimalString(x);

// ---------------------------------------------------------------------------------------------
// SHA-256 and ids (pure TS)

function utf8(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** SHA-256 (FIPS 180-4) of a byte array or of a string's UTF-8 bytes. */
export function sha256(input: string | ArrayLike<number>): Uint8Array {
  const bytes = typeof input === "string" ? utf8(input) : Array.from(input, (b) => b & 0xff);
  const bitLen = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  const hi = Math.floor(bitLen / 0x100000000);
  const lo = bitLen >>> 0;
  bytes.push((hi >>> 24) & 255, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255, (lo >>> 24) & 255, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = new Array<number>(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < bytes.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = ((bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3]) >>> 0;
    }
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K256[i] + w[i]) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0] + a) >>> 0;
    h[1] = (h[1] + b) >>> 0;
    h[2] = (h[2] + c) >>> 0;
    h[3] = (h[3] + d) >>> 0;
    h[4] = (h[4] + e) >>> 0;
    h[5] = (h[5] + f) >>> 0;
    h[6] = (h[6] + g) >>> 0;
    h[7] = (h[7] + hh) >>> 0;
  }
  const out = new Uint8Array(32);
  h.forEach((x, i) => {
    out[i * 4] = x >>> 24;
    out[i * 4 + 1] = (x >>> 16) & 255;
    out[i * 4 + 2] = (x >>> 8) & 255;
    out[i * 4 + 3] = x & 255;
  });
  return out;
}

export function toHex(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}

/**
 * A UUID in version-4 layout (PACT: "A PfId MUST be a UUID v4") whose 122 free bits are the first
 * bits of SHA-256(name) instead of random bits: the same name always gives the same id.
 */
export function uuidFromName(name: string): string {
  const b = sha256(name).slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** JSON with object keys sorted at every level: the canonical text an id is derived from. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? "null" : canonicalJson(x))).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 3339 date-time with an explicit UTC designator (PACT: "The timezone MUST be UTC"). */
/** PACT: a footprint is valid for at most this long after its reference period (defaults table, V2). */
const PCF_VALIDITY_MAX_YEARS = getDefault("PCF_VALIDITY_MAX_YEARS").value;

/** A midnight PACT date-time (as referencePeriod writes them) `years` later. */
function plusYears(dateTime: string, years: number): string {
  const [y, m, d] = dateTime.slice(0, 10).split("-").map(Number);
  return `${isoFromSerial(addYearsToSerial(serialFromYMD(y, m, d)!, years))}T00:00:00Z`;
}

const UTC_DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/;

// ---------------------------------------------------------------------------------------------
// Reading the validated workbook

const str = (x: unknown): string | undefined => (typeof x === "string" && x.trim() !== "" ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === "number" && Number.isFinite(x) ? x : undefined);

/** URN NSS segment: RFC 8141 pchar only (percent-encoding everything else, incl. ':' and '/'). */
export function urnSegment(s: string): string {
  return encodeURIComponent(s.trim());
}

/** Reporting period of the workbook as PACT date-times (end exclusive: the day after the last day). */
export function referencePeriod(val: ValidationResult): { start: string; end: string } | undefined {
  const sup = val.sheets.supplier?.rows[0]?.v;
  const s = num(sup?.period_start);
  const e = num(sup?.period_end);
  if (s === undefined || e === undefined) return undefined;
  return { start: `${isoFromSerial(Math.floor(s))}T00:00:00Z`, end: `${isoFromSerial(Math.floor(e) + 1)}T00:00:00Z` };
}

interface Identity {
  companyName: string;
  companyIds: string[];
  supplierId: string;
  country?: string;
  siteName?: string;
  period: { start: string; end: string };
}

function identity(val: ValidationResult, opts: Pick<PactOptions, "supplierIdAssignedBy">): Identity | PactRefusal {
  const sup = val.sheets.supplier?.rows[0]?.v;
  const missing: string[] = [];
  const supplierId = str(sup?.supplier_id);
  const name = str(sup?.legal_name_en);
  const period = referencePeriod(val);
  if (!supplierId) missing.push("01_Supplier.supplier_id");
  if (!name) missing.push("01_Supplier.legal_name_en");
  if (!period) missing.push("01_Supplier.period_start/period_end");
  if (!supplierId || !name || !period) return { productId: "", missing, invalid: [] };
  const by = opts.supplierIdAssignedBy ?? "buyer";
  const companyIds = [`urn:pact:company:customcode:${by === "buyer" ? "buyer-id" : "supplier-id"}:${urnSegment(supplierId)}`];
  const uscc = str(sup?.uscc);
  // USCC (GB 32100): no registered URN namespace; PACT's urn:pact:<issuer-domain>:<type>:<id> form,
  // issuer = State Administration for Market Regulation.
  if (uscc) companyIds.push(`urn:pact:samr.gov.cn:uscc:${urnSegment(uscc.toUpperCase())}`);
  return { companyName: name, companyIds, supplierId, country: str(sup?.country), siteName: str(sup?.site_name), period };
}

function productRows(val: ValidationResult): TypedRow[] {
  return (val.sheets.products?.rows ?? []).filter((r) => str(r.v.product_id));
}

function productIdsFor(productId: string, opts: Pick<PactOptions, "productIdIssuerDomain">): string[] {
  const d = opts.productIdIssuerDomain?.trim().toLowerCase();
  return d ? [`urn:pact:${d}:supplier-id:${urnSegment(productId)}`] : [`urn:pact:product:customcode:supplier-id:${urnSegment(productId)}`];
}

function productDescription(r: TypedRow, id: Identity): string {
  const form = str(r.v.product_form);
  const formLabel = form ? (findEntry(PRODUCT_FORMS, form)?.en ?? form) : undefined;
  const parts = [`Aluminium ${formLabel ? formLabel.toLowerCase() : "product"}`];
  const alloy = str(r.v.alloy) ?? (typeof r.v.alloy === "number" ? String(r.v.alloy) : undefined);
  if (alloy) parts.push(`alloy ${alloy}`);
  const cn = str(r.v.cn_code);
  if (cn) parts.push(`CN ${cn}`);
  const site = [id.siteName, id.country].filter(Boolean).join(", ");
  return `${parts.join(", ")} (${str(r.v.product_name) ?? str(r.v.product_id)}). Produced at ${site || "the reporting site"}.`;
}

function classifications(r: TypedRow): string[] | undefined {
  const cn = str(r.v.cn_code);
  // EU Combined Nomenclature: no registered URN namespace; PACT's urn:pact:<issuer-domain>:<type>:<value>.
  return cn && /^\d{8}$/.test(cn) ? [`urn:pact:ec.europa.eu:cn:${cn}`] : undefined;
}

function findRowDefault(val: ValidationResult, id: string, sheet: SheetData | undefined, r: TypedRow, key: string): boolean {
  if (!sheet) return false;
  const c = sheet.columns.get(key);
  const addr = `'${sheet.sheet}'!${c === undefined ? a1(r.row, 0) : a1(r.row, c)}`;
  return val.defaultsUsed.some((u) => u.id === id && u.cells.includes(addr));
}

/** Share of a site-level input (blank product id) carried by a product, and the product's own rows. */
function inputWeight(r: TypedRow, p: ProductFigures): number {
  const scope = str(r.v.product_id);
  return scope === undefined ? p.allocationShare : scope === p.productId ? 1 : 0;
}

function pathwayGroupOf(code: string): PathwayShareOut["group"] {
  if (code === UNREPORTED_PATHWAY) return "unreported";
  return (PATHWAY_CODES.find((x) => x.code === code)?.group ?? "unreported") as PathwayShareOut["group"];
}

// ---------------------------------------------------------------------------------------------
// Extension data

/** The AluTrace extension data of one product (valid against alutrace-extension.schema.json). */
export function buildExtensionData(val: ValidationResult, fig: ReportFigures, prov: Provenance, productId: string): AluTraceExtensionData {
  const p = fig.products.find((x) => x.productId === productId);
  if (!p) throw new RangeError(`product ${productId} is not in the report figures`);
  const period = referencePeriod(val);
  if (!period) throw new RangeError("the workbook has no reporting period");
  const inputsSheet = val.sheets.metal_inputs;
  const inputs = inputsSheet?.rows ?? [];
  const prim = val.sheets.primary_sources;
  const rc = p.recycled;

  const coc = new Set<string>();
  const smelterIds = new Set<string>();
  for (const r of inputs) {
    if (inputWeight(r, p) <= 0) continue;
    const m = str(r.v.coc_model);
    if (m) coc.add(m);
    const cls = str(r.v.input_class);
    const sid = str(r.v.source_smelter_id);
    if ((cls === "primary_ingot" || cls === "primary_liquid") && sid) smelterIds.add(sid);
  }

  const smelters: SmelterOut[] = [];
  for (const sm of fig.smelters) {
    if (!smelterIds.has(sm.smelterId)) continue;
    const rows = (prim?.rows ?? []).filter((r) => str(r.v.smelter_id) === sm.smelterId);
    const aDefault = rows.some((r) => findRowDefault(val, "ALUMINA_PER_AL", prim, r, "alumina_per_al"));
    smelters.push({
      smelterId: sm.smelterId,
      aluminaPerAlTonnesPerTonne: dec(sm.aluminaPerAl),
      aluminaPerAlDefaultUsed: aDefault,
      redMudPerAlTonnesPerTonne: dec(sm.redMudPerAl),
      refineries: sm.refineries.map((k) => {
        const row = rows.find((r) => str(r.v.refinery_id) === k.refineryId);
        const vt = k.isDefault ? "literature_default" : str(row?.v.value_type);
        return {
          refineryId: k.refineryId,
          shareOfSmelterAlumina: dec(k.share),
          redMudPerAluminaTonnesPerTonne: dec(k.redMudPerAlumina),
          ...(vt ? { dataSourceType: vt } : {}),
          defaultUsed: k.isDefault,
        };
      }),
    });
  }

  const unknownT = p.redMudByRefinery.get(DEFAULT_REFINERY) ?? 0;
  // Pathways that carry some of this product's red mud (UNREPORTED = refinery gave no split).
  const pathwayShares: PathwayShareOut[] = fig.pathwayColumns
    .map((code) => ({ code, k: p.pathwayKgPerKg.get(code) ?? 0 }))
    .filter((x) => x.k > 0)
    .map((x) => ({ code: x.code, group: pathwayGroupOf(x.code), kgPerKgProduct: dec(x.k), share: dec(Math.min(1, x.k / p.redMudIntensity)) }));

  const t27 = defaultValue("REDMUD_UTILISATION_TARGET_2027");
  const t30 = defaultValue("REDMUD_UTILISATION_TARGET_2030");
  const refineryUtilisation: RefineryUtilisationOut[] = fig.refineries
    .filter((x) => (p.redMudByRefinery.get(x.refineryId) ?? 0) > 0)
    .map((x) => ({
      refineryId: x.refineryId,
      redMudPerAluminaTonnesPerTonne: dec(x.ratio),
      rateNew: dec(x.rateNew),
      ...(x.rateNbs === undefined ? {} : { rateInclLegacy: dec(x.rateNbs) }),
      target2027: dec(t27),
      target2030: dec(t30),
    }));

  const defaultsUsed = val.defaultsUsed.map((u) => {
    const d = findDefault(u.id)!;
    return { id: u.id, value: dec(d.value), unit: d.unit, source: d.source.citation, cells: [...u.cells] };
  });
  if (unknownT > 0) {
    // The primary part of secondary ingot carries the default chain (docs/METHOD.md §1.4); the
    // validator does not list it because no cell was blank. Its cells: the mass cells of the
    // secondary ingot lots that reach this product, as R6_Data_Quality lists them for the site.
    const lots = inputsSheet ? inputs.filter((r) => str(r.v.input_class) === "secondary_ingot" && inputWeight(r, p) > 0).map((r) => inputMassCell(inputsSheet, r)) : [];
    const chain = new Map(fig.defaultsUsed.map((u) => [u.id, new Set(u.cells)]));
    for (const did of ["ALUMINA_PER_AL", "REDMUD_PER_ALUMINA"]) {
      const cells = lots.filter((c) => chain.get(did)?.has(c));
      const have = defaultsUsed.find((d) => d.id === did);
      if (have) {
        for (const c of cells) if (!have.cells.includes(c)) have.cells.push(c);
        continue;
      }
      const d = findDefault(did)!;
      defaultsUsed.push({ id: did, value: dec(d.value), unit: d.unit, source: d.source.citation, cells });
    }
  }

  return {
    extensionVersion: ALUTRACE_EXTENSION_VERSION,
    productId: p.productId,
    referencePeriodStart: period.start,
    referencePeriodEnd: period.end,
    recycledContent: {
      share: dec(rc.share),
      preConsumerShare: dec(rc.preConsumerShare),
      postConsumerShare: dec(rc.postConsumerShare),
      recycledMassT: dec(rc.recycledT),
      preConsumerMassT: dec(rc.preConsumerT),
      postConsumerMassT: dec(rc.postConsumerT),
      denominatorMassT: dec(rc.denominatorT),
      excludedRunAroundScrapT: dec(p.runAroundT),
      internalCrossProcessScrapT: dec(rc.internalCrossProcessT),
      method: {
        standard: "ISO 14021",
        basis: "input-based share by mass over the reporting period; site-level inputs shared by saleable output",
        denominator: rc.method.denominator,
        countInternalCrossProcess: rc.method.countInternalCrossProcess,
        sameProcessBoundary: "run-around scrap remelted in the same process is excluded",
        chainOfCustodyModels: [...coc].sort(),
      },
      cbam: {
        scrapMassT: dec(p.scrapT),
        scrapPerTonneProduct: dec(p.scrapPerTonne),
        ...(p.preConsumerScrapShare === undefined ? {} : { preConsumerShareOfScrap: dec(p.preConsumerScrapShare) }),
      },
    },
    redMud: {
      basis: "dry",
      declaredUnit: p.declaredUnit,
      redMudMassT: dec(p.redMudT),
      intensityKgPerKgCutOff: dec(p.redMudIntensity),
      intensityKgPerKgAllocation: dec(p.redMudIntensityAllocation),
      perDeclaredUnitKg: dec(p.redMudPerDeclaredUnitKg),
      smelters,
      ...(unknownT > 0
        ? {
            unknownOriginPrimary: {
              redMudMassT: dec(unknownT),
              redMudPerAlTonnesPerTonne: dec(fig.defaultRedMudPerAl),
              defaultUsed: true as const,
              description: "primary part of secondary ingot, origin unknown: default alumina per t Al × default red mud per t alumina",
            },
          }
        : {}),
      pathwayShares,
      refineryUtilisation,
    },
    provenance: {
      sourceWorkbook: prov.sourceName,
      ...(prov.sourceSha256 ? { sourceSha256: prov.sourceSha256.toLowerCase(), sourceSha256Of: prov.sourceSha256Of ?? "file" } : {}),
      templateVersion: TEMPLATE_VERSION,
      alutraceVersion: prov.alutraceVersion,
      generatedAt: prov.generatedAt,
    },
    defaultsUsed,
  };
}

function extensionOf(data: AluTraceExtensionData, opts: Pick<PactOptions, "extensionSchemaUrl" | "extensionDocumentationUrl">): DataModelExtension {
  return {
    specVersion: DATA_MODEL_EXTENSION_SPEC_VERSION,
    dataSchema: opts.extensionSchemaUrl ?? ALUTRACE_EXTENSION_SCHEMA_URL,
    documentation: opts.extensionDocumentationUrl ?? ALUTRACE_EXTENSION_DOCS_URL,
    data,
  };
}

function selectProducts(val: ValidationResult, fig: ReportFigures, wanted: string[] | undefined): { rows: TypedRow[]; unknown: string[] } {
  const all = productRows(val).filter((r) => fig.products.some((p) => p.productId === str(r.v.product_id)));
  if (!wanted) return { rows: all, unknown: [] };
  const unknown = wanted.filter((id) => !all.some((r) => str(r.v.product_id) === id));
  return { rows: wanted.map((id) => all.find((r) => str(r.v.product_id) === id)).filter((r): r is TypedRow => !!r), unknown };
}

function validationRefusal(val: ValidationResult): { reason: "validation_errors"; message: string; refusals: PactRefusal[] } {
  const first = val.findings.filter((f) => f.severity === "error").slice(0, 10);
  return {
    reason: "validation_errors",
    message: `The workbook has ${val.errors} validation error(s); fix them before exporting machine-readable data.`,
    refusals: [{ productId: "", missing: [], invalid: first.map((f) => ({ field: `${f.sheet}!${f.cell}`, message: f.message, messageZh: f.messageZh })) }],
  };
}

/**
 * Red mud and recycled content without any carbon footprint: for buyers when no PCF values exist.
 * Refused only when the workbook has validation errors.
 */
export function buildExtensionDocument(
  val: ValidationResult,
  fig: ReportFigures,
  prov: Provenance,
  opts: Pick<PactOptions, "products" | "created" | "supplierIdAssignedBy" | "productIdIssuerDomain" | "extensionSchemaUrl" | "extensionDocumentationUrl"> = {},
): ExtensionDocumentResult {
  if (val.errors > 0) return { ok: false, ...validationRefusal(val) };
  const id = identity(val, opts);
  if (!("companyIds" in id)) return { ok: false, reason: "validation_errors", message: "The supplier sheet lacks the company identity or period.", refusals: [id] };
  const { rows, unknown } = selectProducts(val, fig, opts.products);
  if (unknown.length) {
    return { ok: false, reason: "invalid_options", message: `Unknown product id(s): ${unknown.join(", ")}.`, refusals: unknown.map((u) => ({ productId: u, missing: [], invalid: [{ field: "products", message: "not a product of this workbook" }] })) };
  }
  const created = opts.created ?? prov.generatedAt;
  if (!UTC_DATE_TIME_RE.test(created)) {
    return { ok: false, reason: "invalid_options", message: `created "${created}" is not a UTC date-time (e.g. 2026-01-31T00:00:00Z).`, refusals: [{ productId: "", missing: [], invalid: [{ field: "created", message: "not a UTC date-time" }] }] };
  }
  return {
    ok: true,
    document: {
      documentType: EXTENSION_DOCUMENT_TYPE,
      documentVersion: ALUTRACE_EXTENSION_VERSION,
      statement:
        "Red mud (bauxite residue) and recycled aluminium content per product. This document carries NO product carbon footprint and is not a PACT ProductFootprint; each extension is the DataModelExtension AluTrace adds to PACT footprints when carbon figures are supplied.",
      created,
      companyName: id.companyName,
      companyIds: id.companyIds,
      products: rows.map((r) => {
        const pid = str(r.v.product_id)!;
        return {
          productIds: productIdsFor(pid, opts),
          productNameCompany: str(r.v.product_name) ?? pid,
          productDescription: productDescription(r, id),
          extension: extensionOf(buildExtensionData(val, fig, prov, pid), opts),
        };
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PACT footprints

const REQUIRED_DECIMALS: { key: keyof PcfInput; bound: Bound; range?: [number, number] }[] = [
  { key: "pcfExcludingBiogenicUptake", bound: "nonNegative" },
  { key: "pcfIncludingBiogenicUptake", bound: "any" },
  { key: "fossilGhgEmissions", bound: "nonNegative" },
  { key: "fossilCarbonContent", bound: "nonNegative" },
  { key: "exemptedEmissionsPercent", bound: "nonNegative", range: [0, 100] },
  { key: "primaryDataShare", bound: "nonNegative", range: [0, 100] },
];

const OPTIONAL_DECIMALS: { key: keyof PcfInput; bound: Bound }[] = [
  { key: "biogenicCarbonContent", bound: "nonNegative" },
  { key: "recycledCarbonContent", bound: "nonNegative" },
  { key: "landUseChangeGhgEmissions", bound: "nonNegative" },
  { key: "landManagementFossilGhgEmissions", bound: "nonNegative" },
  { key: "landManagementBiogenicCO2Emissions", bound: "nonNegative" },
  { key: "landManagementBiogenicCO2Removals", bound: "nonPositive" },
  { key: "biogenicCO2Uptake", bound: "nonPositive" },
  { key: "biogenicNonCO2Emissions", bound: "nonNegative" },
  { key: "aircraftGhgEmissions", bound: "nonNegative" },
  { key: "packagingGhgEmissions", bound: "nonNegative" },
  { key: "outboundLogisticsGhgEmissions", bound: "nonNegative" },
];

/** Field names a refusal lists when a product has no carbon figures at all. */
export const PCF_REQUIRED_FIELDS: readonly string[] = [
  ...REQUIRED_DECIMALS.map((d) => d.key),
  "ipccCharacterizationFactors",
  "crossSectoralStandards",
  "packagingEmissionsIncluded",
];

const KNOWN_INPUT_KEYS = new Set<string>([
  ...REQUIRED_DECIMALS.map((d) => d.key),
  ...OPTIONAL_DECIMALS.map((d) => d.key),
  "ipccCharacterizationFactors", "crossSectoralStandards", "packagingEmissionsIncluded", "dqi", "productOrSectorSpecificRules",
  "secondaryEmissionFactorSources", "boundaryProcessesDescription", "allocationRulesDescription", "exemptedEmissionsDescription",
  "verification", "geography", "comment", "validityPeriodEnd",
]);

const absent = (x: unknown) => x === undefined || x === null || (typeof x === "string" && x.trim() === "");

function checkStringSet(v: unknown, field: string, re: RegExp | undefined, missing: string[], invalid: PactRefusal["invalid"]): string[] | undefined {
  if (absent(v) || (Array.isArray(v) && v.length === 0)) {
    missing.push(`pcf.${field}`);
    return undefined;
  }
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || x.trim() === "")) {
    invalid.push({ field: `pcf.${field}`, message: "expected a non-empty list of non-empty strings" });
    return undefined;
  }
  const out = v.map((x: string) => x.trim());
  if (new Set(out).size !== out.length) invalid.push({ field: `pcf.${field}`, message: "contains duplicates" });
  if (re) for (const x of out) if (!re.test(x)) invalid.push({ field: `pcf.${field}`, message: `"${x}" does not have the form ${re.source}` });
  return out;
}

/** Assemble pcf from caller input plus workbook facts; problems are collected, never guessed around. */
function buildPcf(input: PcfInput | undefined, unit: string, massPerUnit: number, id: Identity): { pcf?: CarbonFootprint; missing: string[]; invalid: PactRefusal["invalid"] } {
  const missing: string[] = [];
  const invalid: PactRefusal["invalid"] = [];
  if (!(PACT_DECLARED_UNITS as readonly string[]).includes(unit)) invalid.push({ field: "pcf.declaredUnitOfMeasurement", message: `"${unit}" is not a PACT declared unit`, messageZh: `"${unit}" 不是 PACT 的申报单位` });
  if (!(massPerUnit > 0)) invalid.push({ field: "pcf.productMassPerDeclaredUnit", message: "the product's mass per declared unit is not known (02_Products)", messageZh: "产品的单位质量未知（02_Products）" });
  if (!input) return { missing: PCF_REQUIRED_FIELDS.map((f) => `pcf.${f}`), invalid };

  for (const k of Object.keys(input)) {
    if (!KNOWN_INPUT_KEYS.has(k)) invalid.push({ field: `pcf.${k}`, message: "not a PACT 3 CarbonFootprint field AluTrace accepts (a PACT 2.x name or a typo?)" });
  }
  const out: Record<string, unknown> = {};
  for (const d of REQUIRED_DECIMALS) {
    const v = input[d.key] as DecimalInput | undefined;
    if (absent(v)) {
      missing.push(`pcf.${d.key}`);
      continue;
    }
    const r = decimalIn(v!, d.bound, d.range);
    if (r.ok) out[d.key] = r.value;
    else invalid.push({ field: `pcf.${d.key}`, message: r.message, messageZh: r.messageZh });
  }
  for (const d of OPTIONAL_DECIMALS) {
    const v = input[d.key] as DecimalInput | undefined;
    if (absent(v)) continue;
    const r = decimalIn(v!, d.bound);
    if (r.ok) out[d.key] = r.value;
    else invalid.push({ field: `pcf.${d.key}`, message: r.message, messageZh: r.messageZh });
  }
  const ipcc = checkStringSet(input.ipccCharacterizationFactors, "ipccCharacterizationFactors", /^AR\d+$/, missing, invalid);
  const css = checkStringSet(input.crossSectoralStandards, "crossSectoralStandards", undefined, missing, invalid);
  if (typeof input.packagingEmissionsIncluded !== "boolean") {
    if (absent(input.packagingEmissionsIncluded)) missing.push("pcf.packagingEmissionsIncluded");
    else invalid.push({ field: "pcf.packagingEmissionsIncluded", message: "expected true or false" });
  } else if (!input.packagingEmissionsIncluded && !absent(input.packagingGhgEmissions)) {
    invalid.push({ field: "pcf.packagingGhgEmissions", message: "must be undefined when packagingEmissionsIncluded is false (PACT 3)" });
  }
  // pcfExcludingBiogenicUptake includes the fossil emissions.
  if (typeof out.pcfExcludingBiogenicUptake === "string" && typeof out.fossilGhgEmissions === "string" && Number(out.fossilGhgEmissions) > Number(out.pcfExcludingBiogenicUptake) * (1 + 1e-9)) {
    invalid.push({ field: "pcf.fossilGhgEmissions", message: `${out.fossilGhgEmissions} exceeds pcfExcludingBiogenicUptake ${out.pcfExcludingBiogenicUptake}, which includes it`, messageZh: `${out.fossilGhgEmissions} 大于 pcfExcludingBiogenicUptake ${out.pcfExcludingBiogenicUptake}，而后者包含前者` });
  }
  let dqi: DataQualityIndicators | undefined;
  if (input.dqi !== undefined) {
    const q: Record<string, string> = {};
    for (const k of ["technologicalDQR", "geographicalDQR", "temporalDQR"] as const) {
      const v = input.dqi?.[k];
      if (absent(v)) {
        missing.push(`pcf.dqi.${k}`);
        continue;
      }
      const r = decimalIn(v!, "positive", [1, 5]);
      if (r.ok) q[k] = r.value;
      else invalid.push({ field: `pcf.dqi.${k}`, message: r.message });
    }
    if (Object.keys(q).length === 3) dqi = q as unknown as DataQualityIndicators;
  }

  const geo: Partial<CarbonFootprint> = {};
  const g = input.geography ?? (id.country ? { country: id.country } : "global");
  if (g !== "global") {
    if ("country" in g) {
      if (/^[A-Z]{2}$/.test(g.country)) geo.geographyCountry = g.country;
      else invalid.push({ field: "pcf.geographyCountry", message: `"${g.country}" is not an ISO 3166-1 alpha-2 code` });
    } else if ("countrySubdivision" in g) {
      if (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(g.countrySubdivision)) geo.geographyCountrySubdivision = g.countrySubdivision;
      else invalid.push({ field: "pcf.geographyCountrySubdivision", message: `"${g.countrySubdivision}" is not an ISO 3166-2 code` });
    } else if ("regionOrSubregion" in g) {
      if ((PACT_REGIONS as readonly string[]).includes(g.regionOrSubregion)) geo.geographyRegionOrSubregion = g.regionOrSubregion;
      else invalid.push({ field: "pcf.geographyRegionOrSubregion", message: `"${g.regionOrSubregion}" is not a UN region or subregion` });
    }
  }
  for (const k of ["productOrSectorSpecificRules", "secondaryEmissionFactorSources"] as const) {
    const v = input[k];
    if (v !== undefined && (!Array.isArray(v) || v.length === 0)) invalid.push({ field: `pcf.${k}`, message: "if given, must be a non-empty list" });
  }
  for (const r of input.productOrSectorSpecificRules ?? []) {
    if (!["PEF", "EPD International", "Other"].includes(r.operator) || !Array.isArray(r.ruleNames) || r.ruleNames.length === 0) {
      invalid.push({ field: "pcf.productOrSectorSpecificRules", message: "each rule needs operator PEF, EPD International or Other and at least one rule name" });
    }
  }
  for (const s of input.secondaryEmissionFactorSources ?? []) {
    if (!str(s?.name) || !str(s?.version)) invalid.push({ field: "pcf.secondaryEmissionFactorSources", message: "each source needs a name and a version" });
  }
  if (!absent(input.validityPeriodEnd)) {
    const end = input.validityPeriodEnd;
    const latest = plusYears(id.period.end, PCF_VALIDITY_MAX_YEARS);
    if (typeof end !== "string" || !UTC_DATE_TIME_RE.test(end) || Number.isNaN(Date.parse(end))) invalid.push({ field: "validityPeriodEnd", message: `"${String(end)}" is not a UTC date-time (e.g. 2028-12-31T00:00:00Z)`, messageZh: `"${String(end)}" 不是 UTC 日期时间（如 2028-12-31T00:00:00Z）` });
    else if (Date.parse(end) <= Date.parse(id.period.end)) invalid.push({ field: "validityPeriodEnd", message: `${end} is not after the reference period's end (${id.period.end})`, messageZh: `${end} 不晚于报告期结束（${id.period.end}）` });
    else if (Date.parse(end) > Date.parse(latest)) invalid.push({ field: "validityPeriodEnd", message: `${end} is more than ${PCF_VALIDITY_MAX_YEARS} years after the reference period's end (at most ${latest})`, messageZh: `${end} 超过报告期结束后${PCF_VALIDITY_MAX_YEARS}年（最晚 ${latest}）` });
  }
  if (missing.length || invalid.length) return { missing, invalid };

  const pcf: CarbonFootprint = {
    declaredUnitOfMeasurement: unit as CarbonFootprint["declaredUnitOfMeasurement"],
    declaredUnitAmount: "1",
    productMassPerDeclaredUnit: dec(massPerUnit),
    referencePeriodStart: id.period.start,
    referencePeriodEnd: id.period.end,
    ...geo,
    ...(str(input.boundaryProcessesDescription) ? { boundaryProcessesDescription: input.boundaryProcessesDescription } : {}),
    pcfExcludingBiogenicUptake: out.pcfExcludingBiogenicUptake as string,
    pcfIncludingBiogenicUptake: out.pcfIncludingBiogenicUptake as string,
    fossilGhgEmissions: out.fossilGhgEmissions as string,
    fossilCarbonContent: out.fossilCarbonContent as string,
    ...Object.fromEntries(OPTIONAL_DECIMALS.filter((d) => out[d.key] !== undefined).map((d) => [d.key, out[d.key]])),
    packagingEmissionsIncluded: input.packagingEmissionsIncluded,
    ipccCharacterizationFactors: ipcc!,
    crossSectoralStandards: css!,
    ...(input.productOrSectorSpecificRules ? { productOrSectorSpecificRules: input.productOrSectorSpecificRules } : {}),
    exemptedEmissionsPercent: out.exemptedEmissionsPercent as string,
    ...(str(input.exemptedEmissionsDescription) ? { exemptedEmissionsDescription: input.exemptedEmissionsDescription } : {}),
    ...(str(input.allocationRulesDescription) ? { allocationRulesDescription: input.allocationRulesDescription } : {}),
    ...(input.secondaryEmissionFactorSources ? { secondaryEmissionFactorSources: input.secondaryEmissionFactorSources } : {}),
    primaryDataShare: out.primaryDataShare as string,
    ...(dqi ? { dqi } : {}),
    ...(input.verification ? { verification: input.verification } : {}),
  };
  return { pcf, missing, invalid };
}

/**
 * One PACT v3 ProductFootprint per product, with the AluTrace extension. The carbon figures come
 * from `opts.pcf`; any product without complete, well-formed figures makes the whole call refuse
 * (use `opts.products` to export a subset deliberately). Ids: `opts.footprintIds`, else a v4-layout
 * UUID derived from SHA-256 of the footprint's canonical JSON (so any change of content, including
 * `created`, gives a new id, as PACT 3 requires; identical inputs give the identical id).
 */
export function buildPactFootprints(val: ValidationResult, fig: ReportFigures, prov: Provenance, opts: PactOptions = {}): PactResult {
  if (val.errors > 0) return { ok: false, ...validationRefusal(val) };
  const id = identity(val, opts);
  if (!("companyIds" in id)) return { ok: false, reason: "validation_errors", message: "The supplier sheet lacks the company identity or period.", refusals: [id] };
  const { rows, unknown } = selectProducts(val, fig, opts.products);
  const optionProblems: PactRefusal[] = unknown.map((u) => ({ productId: u, missing: [], invalid: [{ field: "products", message: "not a product of this workbook" }] }));
  const created = opts.created ?? prov.generatedAt;
  if (!UTC_DATE_TIME_RE.test(created)) optionProblems.push({ productId: "", missing: [], invalid: [{ field: "created", message: `"${created}" is not a UTC date-time (e.g. 2026-01-31T00:00:00Z)` }] });
  if (opts.footprintIds) {
    const ids = opts.footprintIds;
    if (ids.length !== rows.length) optionProblems.push({ productId: "", missing: [], invalid: [{ field: "footprintIds", message: `${ids.length} id(s) for ${rows.length} product(s)` }] });
    if (ids.some((x) => !UUID_RE.test(x))) optionProblems.push({ productId: "", missing: [], invalid: [{ field: "footprintIds", message: "every id must be a UUID (8-4-4-4-12 hex digits)" }] });
    if (new Set(ids.map((x) => x.toLowerCase())).size !== ids.length) optionProblems.push({ productId: "", missing: [], invalid: [{ field: "footprintIds", message: "ids must be unique" }] });
  }
  const dom = opts.productIdIssuerDomain;
  if (dom !== undefined && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(dom.trim())) {
    optionProblems.push({ productId: "", missing: [], invalid: [{ field: "productIdIssuerDomain", message: `"${dom}" is not a fully qualified domain name` }] });
  }
  if (optionProblems.length) return { ok: false, reason: "invalid_options", message: "The export options are not usable; see the listed fields.", refusals: optionProblems };
  if (rows.length === 0) return { ok: false, reason: "invalid_options", message: "No product to export.", refusals: [] };

  const refusals: PactRefusal[] = [];
  const built: { row: TypedRow; pid: string; pcf: CarbonFootprint; comment?: string; validityEnd?: string }[] = [];
  for (const r of rows) {
    const pid = str(r.v.product_id)!;
    const p = fig.products.find((x) => x.productId === pid)!;
    const input = opts.pcf?.[pid];
    const res = buildPcf(input, p.declaredUnit, p.massPerDeclaredUnitKg, id);
    if (res.pcf) built.push({ row: r, pid, pcf: res.pcf, comment: str(input?.comment), validityEnd: str(input?.validityPeriodEnd)?.trim() || undefined });
    else refusals.push({ productId: pid, missing: res.missing, invalid: res.invalid });
  }
  if (refusals.length) {
    const anyMissing = refusals.some((x) => x.missing.length > 0);
    const names = refusals.map((x) => `${x.productId}: ${[...x.missing, ...x.invalid.map((i) => i.field)].join(", ")}`).join("; ");
    return {
      ok: false,
      reason: anyMissing ? "missing_footprint_values" : "invalid_footprint_values",
      message: `No PACT footprint is exported: AluTrace does not compute carbon footprints and will not invent them. ${anyMissing ? "Supply" : "Correct"} the figures per product (${names}). The red mud and recycled-content data can still be exported with buildExtensionDocument.`,
      refusals,
    };
  }

  const notes: string[] = [];
  const footprints = built.map((b, i) => {
    const fp: ProductFootprint = {
      id: "",
      specVersion: PACT_SPEC_VERSION,
      created,
      status: "Active",
      companyName: id.companyName,
      companyIds: id.companyIds,
      productDescription: productDescription(b.row, id),
      productIds: productIdsFor(b.pid, opts),
      ...(classifications(b.row) ? { productClassifications: classifications(b.row) } : {}),
      productNameCompany: str(b.row.v.product_name) ?? b.pid,
      ...(b.comment ? { comment: b.comment } : {}),
      ...(b.validityEnd ? { validityPeriodStart: id.period.end, validityPeriodEnd: b.validityEnd } : {}),
      pcf: b.pcf,
      extensions: [extensionOf(buildExtensionData(val, fig, prov, b.pid), opts)],
    };
    const { id: _omit, ...content } = fp;
    fp.id = opts.footprintIds ? opts.footprintIds[i].toLowerCase() : uuidFromName(`alutrace:pact-footprint:v1\n${canonicalJson(content)}`);
    if (!b.pcf.dqi) notes.push(`${b.pid}: no data quality indicators (pcf.dqi); PACT makes them mandatory by 2027.`);
    if (!b.pcf.boundaryProcessesDescription) notes.push(`${b.pid}: no boundaryProcessesDescription (PACT: SHOULD).`);
    return fp;
  });
  // Reorder keys so id comes first in the JSON text.
  return { ok: true, footprints: footprints.map(({ id: fid, ...rest }) => ({ id: fid, ...rest })), notes };
}
