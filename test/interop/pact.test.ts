import * as os from "node:os";
import { main as cliMain } from "../../src/cli/main";
/**
 * PACT v3 interop: footprints built from a validated workbook must validate against the official
 * openapi.yaml (components.schemas.ProductFootprint), and AluTrace's extension data against its
 * published schema. The harness is checked on the official examples first, and must reject
 * deliberately broken footprints.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import YAML from "yaml";
import { COC_MODELS, PATHWAY_CODES, VALUE_TYPES, DECLARED_UNITS } from "../../src/core/codes";
import {
  ALUTRACE_EXTENSION_SCHEMA_URL,
  DATA_MODEL_EXTENSION_SPEC_VERSION,
  PACT_DECLARED_UNITS,
  PACT_SPEC_VERSION,
  PcfInput,
  ProductFootprint,
  buildExtensionData,
  buildExtensionDocument,
  buildPactFootprints,
  canonicalJson,
  sha256,
  toDecimalString,
  toHex,
  uuidFromName,
} from "../../src/core/export/pact";
import { computeReport } from "../../src/core/report/compute";
import type { Provenance } from "../../src/core/report/tabs";
import { validateTemplate } from "../../src/core/template/validate";
import { smallMill, workbook } from "../helpers/fixtures";

/**
 * The official PACT v3 files (reference copies, not part of the project): PACT_STANDARDS_DIR, else
 * shared/standards/pact-v3 beside the project, where CI puts them. Locally the suite is skipped
 * without them, saying so; under CI their absence fails the run.
 */
const STD_DIRS = [process.env.PACT_STANDARDS_DIR, path.resolve(__dirname, "../../../shared/standards/pact-v3")].filter((d): d is string => !!d);
const FOUND = STD_DIRS.find((d) => fs.existsSync(path.join(d, "openapi.yaml")));
if (!FOUND && (process.env.CI === "true" || process.env.CI === "1")) {
  throw new Error(`The PACT v3 openapi.yaml was not found in ${STD_DIRS.join(" or ")}; CI needs it beside the project (shared/standards/pact-v3) or in PACT_STANDARDS_DIR.`);
}
const STD = FOUND ?? "";
const describeStd = FOUND ? describe : (name: string, fn: () => void) => describe.skip(`${name} (PACT v3 files not found beside the project)`, fn);
const SCHEMA_FILE = path.resolve(__dirname, "../../src/core/export/alutrace-extension.schema.json");
const DOCS_SCHEMA_FILE = path.resolve(__dirname, "../../docs/schemas/alutrace-pact-extension-1.0.0.json");
const OPENAPI_ID = "https://pact.test/openapi.json";

const readJson = (f: string) => JSON.parse(fs.readFileSync(f, "utf8"));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

// RFC 8141 URN syntax: "urn:" NID ":" NSS, NSS = pchar *( pchar / "/" ), optional r/q/f-components.
const PCHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
const URN_RE = new RegExp(`^[uU][rR][nN]:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:${PCHAR}(?:${PCHAR}|/)*(?:\\?\\+.*)?(?:\\?=.*)?(?:#.*)?$`);

function makeAjv(): Ajv2020 {
  // OpenAPI 3.1 schema objects are JSON Schema 2020-12 plus annotation keywords (x-*, note,
  // summary, example): strict:false ignores those annotations only. The two OpenAPI-specific
  // formats get real checks rather than being ignored.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("decimal", /^[+-]?\d+(\.\d+)?$/);
  ajv.addFormat("urn", URN_RE);
  return ajv;
}

let ajv: Ajv2020;
let validatePf: ValidateFunction;
let validateExt: ValidateFunction;
let validateExtDoc: ValidateFunction;
let openapi: any;
let extSchema: any;

beforeAll(() => {
  if (!FOUND) return;
  openapi = YAML.parse(fs.readFileSync(path.join(STD, "openapi.yaml"), "utf8"));
  extSchema = readJson(SCHEMA_FILE);
  ajv = makeAjv();
  // The whole components.schemas set under one document, so internal $refs resolve.
  ajv.addSchema({ $id: OPENAPI_ID, components: openapi.components });
  ajv.addSchema(extSchema);
  validatePf = ajv.compile({ $ref: `${OPENAPI_ID}#/components/schemas/ProductFootprint` });
  validateExt = ajv.getSchema(extSchema.$id)!;
  validateExtDoc = ajv.compile({ $ref: `${extSchema.$id}#/$defs/ExtensionDocument` });
});

const errorsOf = (v: ValidateFunction) => ajv.errorsText(v.errors, { separator: "\n" });

// ---------------------------------------------------------------------------------------------
// Fixture

const PROV: Provenance = {
  sourceName: "small-mill.xlsx",
  sourceSha256: "a".repeat(64),
  alutraceVersion: "0.1.0-test",
  generatedAt: "2026-02-01T08:00:00Z",
};

function pcfInput(over: Partial<PcfInput> = {}): PcfInput {
  return {
    pcfExcludingBiogenicUptake: 8.42,
    pcfIncludingBiogenicUptake: "8.42",
    fossilGhgEmissions: 8.3,
    fossilCarbonContent: 0,
    ipccCharacterizationFactors: ["AR6"],
    crossSectoralStandards: ["ISO14067", "PACT-3.0"],
    exemptedEmissionsPercent: 0.4,
    packagingEmissionsIncluded: false,
    primaryDataShare: 62.5,
    dqi: { technologicalDQR: 1.6, geographicalDQR: 1.2, temporalDQR: 1 },
    boundaryProcessesDescription: "Cradle to gate: primary and scrap metal supply, casting, rolling.",
    ...over,
  };
}

function fixture(data = smallMill()) {
  const val = validateTemplate(workbook(data));
  const fig = computeReport(val);
  return { val, fig };
}

const PCF = { P1: pcfInput(), P2: pcfInput({ pcfExcludingBiogenicUptake: "9.1", fossilGhgEmissions: "9.0" }) };
const CREATED = "2026-02-01T09:00:00Z";

function built(): ProductFootprint[] {
  const { val, fig } = fixture();
  const res = buildPactFootprints(val, fig, PROV, { pcf: PCF, created: CREATED });
  if (!res.ok) throw new Error(res.message);
  return res.footprints;
}

// ---------------------------------------------------------------------------------------------

describeStd("harness: the official PACT v3 examples", () => {
  test.each(["example-1.json", "example-2.json", "example-3.json", "example-4.json"])("%s validates", (f) => {
    const ok = validatePf(readJson(path.join(STD, f)));
    expect(errorsOf(validatePf)).toBe("No errors");
    expect(ok).toBe(true);
  });

  test("invalid-response-all-properties.json passes, as upstream's validation task expects (extra and legacy properties are tolerated)", () => {
    const doc = readJson(path.join(STD, "invalid-response-all-properties.json"));
    expect(doc.data.length).toBeGreaterThan(0);
    for (const pf of doc.data) expect(validatePf(pf)).toBe(true);
  });

  test("rejects broken copies of an official example", () => {
    const ex = readJson(path.join(STD, "example-1.json"));
    const noPcf = clone(ex);
    delete noPcf.pcf;
    expect(validatePf(noPcf)).toBe(false);
    const numeric = clone(ex);
    numeric.pcf.pcfExcludingBiogenicUptake = 0.384;
    expect(validatePf(numeric)).toBe(false);
    const badUrn = clone(ex);
    badUrn.companyIds = ["company1"];
    expect(validatePf(badUrn)).toBe(false);
  });

  test("PACT_SPEC_VERSION is the version of the openapi.yaml the tests validate against", () => {
    expect(PACT_SPEC_VERSION).toBe(openapi.info.version);
    expect(PACT_SPEC_VERSION).toMatch(new RegExp(openapi.components.schemas.ProductFootprint.properties.specVersion.pattern));
  });

  test("AluTrace's declared units are PACT units; the PACT enum constant matches the schema", () => {
    expect([...PACT_DECLARED_UNITS]).toEqual(openapi.components.schemas.CarbonFootprint.properties.declaredUnitOfMeasurement.enum);
    for (const u of DECLARED_UNITS) expect(PACT_DECLARED_UNITS as readonly string[]).toContain(u.code);
  });
});

describeStd("footprints built from a validated workbook", () => {
  test("a stated validity is written from the reference period's end, and validates", () => {
    const { val, fig } = fixture();
    const res = buildPactFootprints(val, fig, PROV, { pcf: { P1: pcfInput({ validityPeriodEnd: "2029-01-01T00:00:00Z" }), P2: PCF.P2 }, created: CREATED });
    if (!res.ok) throw new Error(res.message);
    const [p1, p2] = res.footprints;
    expect(p1).toMatchObject({ validityPeriodStart: "2026-01-01T00:00:00Z", validityPeriodEnd: "2029-01-01T00:00:00Z" });
    expect("validityPeriodStart" in p2).toBe(false);
    expect(validatePf(p1)).toBe(true);
  });

  test("validate against components.schemas.ProductFootprint", () => {
    const fps = built();
    expect(fps).toHaveLength(2);
    for (const fp of fps) {
      const ok = validatePf(fp);
      expect(errorsOf(validatePf)).toBe("No errors");
      expect(ok).toBe(true);
    }
  });

  test("carry the workbook's identity, period (end exclusive) and product facts", () => {
    const [p1] = built();
    expect(p1.specVersion).toBe(PACT_SPEC_VERSION);
    expect(p1.status).toBe("Active");
    expect(p1.created).toBe(CREATED);
    expect(p1.companyName).toBe("Example Rolling Co.");
    expect(p1.companyIds).toEqual(["urn:pact:company:customcode:buyer-id:S-001"]);
    expect(p1.productIds).toEqual(["urn:pact:product:customcode:supplier-id:P1"]);
    expect(p1.productNameCompany).toBe("5182 sheet");
    expect(p1.pcf.referencePeriodStart).toBe("2025-01-01T00:00:00Z");
    expect(p1.pcf.referencePeriodEnd).toBe("2026-01-01T00:00:00Z"); // period_end 2025-12-31 inclusive
    expect(p1.pcf.declaredUnitOfMeasurement).toBe("kilogram");
    expect(p1.pcf.declaredUnitAmount).toBe("1");
    expect(p1.pcf.productMassPerDeclaredUnit).toBe("1");
    expect(p1.pcf.geographyCountry).toBe("CN");
    expect(p1.pcf.pcfExcludingBiogenicUptake).toBe("8.42");
    expect(p1.pcf.exemptedEmissionsPercent).toBe("0.4");
    expect(p1.pcf.dqi).toEqual({ technologicalDQR: "1.6", geographicalDQR: "1.2", temporalDQR: "1" });
    expect(p1.pcf.packagingGhgEmissions).toBeUndefined();
    expect((p1 as unknown as Record<string, unknown>).version).toBeUndefined(); // removed in 3.0.3
  });

  test("every decimal is a JSON string (no JSON numbers anywhere in pcf or the extension)", () => {
    const numbers: string[] = [];
    const walk = (x: unknown, at: string) => {
      if (typeof x === "number") numbers.push(at);
      else if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${at}[${i}]`));
      else if (x && typeof x === "object") for (const [k, y] of Object.entries(x)) walk(y, `${at}.${k}`);
    };
    for (const fp of built()) walk(fp, "fp");
    expect(numbers).toEqual([]);
  });

  test("extension: DataModelExtension 2.0.0 pointing at our schema; data validates against it with the expected figures", () => {
    const [p1, p2] = built();
    const ext = p1.extensions![0];
    expect(ext.specVersion).toBe(DATA_MODEL_EXTENSION_SPEC_VERSION);
    expect(ext.dataSchema).toBe(ALUTRACE_EXTENSION_SCHEMA_URL);
    for (const fp of [p1, p2]) {
      const ok = validateExt(fp.extensions![0].data);
      expect(errorsOf(validateExt)).toBe("No errors");
      expect(ok).toBe(true);
    }
    const d = ext.data;
    // Figures of test/core/report.test.ts (smallMill): RC 36 %, 16 % pre, 20 % post.
    expect(d.recycledContent.share).toBe("0.36");
    expect(d.recycledContent.preConsumerShare).toBe("0.16");
    expect(d.recycledContent.postConsumerShare).toBe("0.2");
    expect(d.recycledContent.excludedRunAroundScrapT).toBe("187.5");
    expect(d.recycledContent.method).toMatchObject({ standard: "ISO 14021", denominator: "all_metal", countInternalCrossProcess: false });
    expect(d.recycledContent.cbam.preConsumerShareOfScrap).toBe(toDecimalString(160 / 360));
    expect(d.redMud.basis).toBe("dry");
    expect(d.redMud.intensityKgPerKgCutOff).toBe("1.6388");
    expect(d.redMud.intensityKgPerKgAllocation).toBe(toDecimalString(1245.488 / 620));
    expect(d.redMud.smelters).toEqual([
      {
        smelterId: "SM1",
        aluminaPerAlTonnesPerTonne: "1.928",
        aluminaPerAlDefaultUsed: false,
        redMudPerAlTonnesPerTonne: "2.62208",
        refineries: [
          { refineryId: "RF1", shareOfSmelterAlumina: "0.6", redMudPerAluminaTonnesPerTonne: "1.2", defaultUsed: false },
          { refineryId: "RF2", shareOfSmelterAlumina: "0.4", redMudPerAluminaTonnesPerTonne: "1.6", defaultUsed: false },
        ],
      },
    ]);
    const shareSum = d.redMud.pathwayShares.reduce((a, x) => a + Number(x.share), 0);
    expect(shareSum).toBeCloseTo(1, 9);
    expect(d.redMud.pathwayShares.map((x) => x.code)).toEqual(["STORE_DRY_STACK", "USE_CEMENT_CLINKER_RAW", "USE_FE_RECOVERY", "UNREPORTED"]);
    expect(d.redMud.refineryUtilisation).toEqual([{ refineryId: "RF1", redMudPerAluminaTonnesPerTonne: "1.2", rateNew: "0.105", target2027: "0.15", target2030: "0.25" }]);
    expect(d.provenance).toEqual({ sourceWorkbook: "small-mill.xlsx", sourceSha256: "a".repeat(64), templateVersion: "1.0.0", alutraceVersion: "0.1.0-test", generatedAt: PROV.generatedAt, sourceSha256Of: "file" });
    expect(d.referencePeriodEnd).toBe(p1.pcf.referencePeriodEnd);
  });

  test("ids: v4 layout, deterministic for identical inputs, new when any content changes; opts.footprintIds wins", () => {
    const a = built();
    const b = built();
    expect(a.map((x) => x.id)).toEqual(b.map((x) => x.id));
    expect(a[0].id).not.toBe(a[1].id);
    for (const fp of a) expect(fp.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const { val, fig } = fixture();
    const changed = buildPactFootprints(val, fig, PROV, { pcf: { ...PCF, P1: pcfInput({ pcfExcludingBiogenicUptake: "8.43" }) }, created: CREATED });
    expect(changed.ok && changed.footprints[0].id).not.toBe(a[0].id);
    expect(changed.ok && changed.footprints[1].id).toBe(a[1].id);
    const later = buildPactFootprints(val, fig, PROV, { pcf: PCF, created: "2026-02-02T09:00:00Z" });
    expect(later.ok && later.footprints[0].id).not.toBe(a[0].id);
    const ids = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];
    const given = buildPactFootprints(val, fig, PROV, { pcf: PCF, created: CREATED, footprintIds: ids });
    expect(given.ok && given.footprints.map((x) => x.id)).toEqual(ids);
  });

  test("options: a subset of products, USCC, supplier-assigned company id, issuer domain, CN code", () => {
    const data = smallMill();
    data.supplier![0].uscc = "91310000MA1FL4XQ3K";
    data.products![0].cn_code = "76061292";
    const { val, fig } = fixture(data);
    const res = buildPactFootprints(val, fig, PROV, { pcf: { P1: PCF.P1 }, products: ["P1"], supplierIdAssignedBy: "supplier", productIdIssuerDomain: "example-rolling.cn", created: CREATED });
    if (!res.ok) throw new Error(res.message);
    expect(res.footprints).toHaveLength(1);
    const fp = res.footprints[0];
    expect(fp.companyIds).toEqual(["urn:pact:company:customcode:supplier-id:S-001", "urn:pact:samr.gov.cn:uscc:91310000MA1FL4XQ3K"]);
    expect(fp.productIds).toEqual(["urn:pact:example-rolling.cn:supplier-id:P1"]);
    expect(fp.productClassifications).toEqual(["urn:pact:ec.europa.eu:cn:76061292"]);
    expect(validatePf(fp)).toBe(true);
  });

  test("ids with spaces, slashes and Chinese are percent-encoded into valid URNs", () => {
    const data = smallMill();
    data.supplier![0].supplier_id = "供应商 01/A";
    for (const k of ["products", "outputs"] as const) for (const r of data[k]!) if (r.product_id === "P1") r.product_id = "板材 5182:H";
    const { val, fig } = fixture(data);
    expect(val.errors).toBe(0);
    const res = buildPactFootprints(val, fig, PROV, { pcf: { "板材 5182:H": PCF.P1, P2: PCF.P2 }, created: CREATED });
    if (!res.ok) throw new Error(res.message);
    const fp = res.footprints[0];
    expect(fp.companyIds[0]).toBe(`urn:pact:company:customcode:buyer-id:${encodeURIComponent("供应商 01/A")}`);
    expect(fp.productIds[0]).toMatch(URN_RE);
    expect(validatePf(fp)).toBe(true);
  });
});

describeStd("broken footprints are rejected by the PACT schema", () => {
  const base = () => clone(built()[0]) as any;

  test.each([
    ["top-level companyName", (f: any) => delete f.companyName],
    ["top-level productIds", (f: any) => delete f.productIds],
    ["pcf.fossilGhgEmissions", (f: any) => delete f.pcf.fossilGhgEmissions],
    ["pcf.ipccCharacterizationFactors", (f: any) => delete f.pcf.ipccCharacterizationFactors],
    ["pcf.referencePeriodEnd", (f: any) => delete f.pcf.referencePeriodEnd],
    ["extensions[0].dataSchema", (f: any) => delete f.extensions[0].dataSchema],
  ])("required %s removed", (_name, mutate) => {
    const f = base();
    mutate(f);
    expect(validatePf(f)).toBe(false);
  });

  test.each([
    ["pcf.pcfExcludingBiogenicUptake", (f: any) => (f.pcf.pcfExcludingBiogenicUptake = 8.42)],
    ["pcf.declaredUnitAmount", (f: any) => (f.pcf.declaredUnitAmount = 1)],
    ["pcf.exemptedEmissionsPercent", (f: any) => (f.pcf.exemptedEmissionsPercent = 0)],
    ["pcf.dqi.temporalDQR", (f: any) => (f.pcf.dqi.temporalDQR = 1)],
    ["pcf.fossilCarbonContent as exponent string", (f: any) => (f.pcf.fossilCarbonContent = "1e-3")],
  ])("a number where the schema wants a decimal string: %s", (_name, mutate) => {
    const f = base();
    mutate(f);
    expect(validatePf(f)).toBe(false);
  });

  test.each(["tonne", "kg", "Kilogram", ""])("bad declaredUnitOfMeasurement %p", (u) => {
    const f = base();
    f.pcf.declaredUnitOfMeasurement = u;
    expect(validatePf(f)).toBe(false);
  });

  test("other breakages: bad id, two geographies, bad status, non-URN company id, negative fossil emissions", () => {
    const cases: ((f: any) => void)[] = [
      (f) => (f.id = "not-a-uuid"),
      (f) => (f.pcf.geographyRegionOrSubregion = "Eastern Asia"),
      (f) => (f.status = "active"),
      (f) => (f.companyIds = ["S-001"]),
      (f) => (f.pcf.fossilGhgEmissions = "-1"),
      (f) => (f.pcf.ipccCharacterizationFactors = ["IPCC AR6"]),
      (f) => (f.created = "2026-02-01"),
    ];
    for (const mutate of cases) {
      const f = base();
      mutate(f);
      expect(validatePf(f)).toBe(false);
    }
  });
});

describeStd("broken extension data is rejected by the AluTrace schema", () => {
  const data = () => clone(built()[0].extensions![0].data) as any;
  test.each([
    ["share as a JSON number", (d: any) => (d.recycledContent.share = 0.36)],
    ["share above 1", (d: any) => (d.recycledContent.share = "1.5")],
    ["share as a percent string", (d: any) => (d.recycledContent.share = "36%")],
    ["negative red mud intensity", (d: any) => (d.redMud.intensityKgPerKgCutOff = "-1.6")],
    ["wet basis", (d: any) => (d.redMud.basis = "wet")],
    ["redMud removed", (d: any) => delete d.redMud],
    ["provenance without templateVersion", (d: any) => delete d.provenance.templateVersion],
    ["unknown pathway code", (d: any) => (d.redMud.pathwayShares[0].code = "STORE_MOON")],
    ["unknown denominator", (d: any) => (d.recycledContent.method.denominator = "product")],
    ["misspelt property", (d: any) => (d.redMud.intensityKgPerKgCutoff = d.redMud.intensityKgPerKgCutOff)],
    ["bad sha256", (d: any) => (d.provenance.sourceSha256 = "xyz")],
  ])("%s", (_name, mutate) => {
    const d = data();
    mutate(d);
    expect(validateExt(d)).toBe(false);
  });
});

describeStd("refusals: no invented carbon numbers", () => {
  test("no carbon figures at all: refused, naming each product and every missing field", () => {
    const { val, fig } = fixture();
    const res = buildPactFootprints(val, fig, PROV, { created: CREATED });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reason).toBe("missing_footprint_values");
    expect(res.refusals.map((r) => r.productId)).toEqual(["P1", "P2"]);
    expect(res.refusals[0].missing).toEqual(expect.arrayContaining(["pcf.pcfExcludingBiogenicUptake", "pcf.fossilGhgEmissions", "pcf.ipccCharacterizationFactors", "pcf.crossSectoralStandards", "pcf.packagingEmissionsIncluded", "pcf.primaryDataShare"]));
    expect(res.message).toMatch(/will not invent/);
    expect(res.message).toMatch(/buildExtensionDocument/);
  });

  test("one product without figures refuses the whole export; only that product is named", () => {
    const { val, fig } = fixture();
    const res = buildPactFootprints(val, fig, PROV, { pcf: { P1: PCF.P1 }, created: CREATED });
    expect(!res.ok && res.refusals.map((r) => r.productId)).toEqual(["P2"]);
  });

  test("partial figures: the absent fields are listed", () => {
    const { val, fig } = fixture();
    const partial = pcfInput();
    delete (partial as Partial<PcfInput>).fossilCarbonContent;
    delete (partial as Partial<PcfInput>).crossSectoralStandards;
    const res = buildPactFootprints(val, fig, PROV, { pcf: { P1: partial, P2: PCF.P2 }, created: CREATED });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.refusals).toEqual([{ productId: "P1", missing: ["pcf.fossilCarbonContent", "pcf.crossSectoralStandards"], invalid: [] }]);
  });

  test.each([
    ["negative fossil emissions", { fossilGhgEmissions: -1 }, "pcf.fossilGhgEmissions"],
    ["exponent string", { pcfExcludingBiogenicUptake: "8e0" }, "pcf.pcfExcludingBiogenicUptake"],
    ["NaN", { pcfIncludingBiogenicUptake: Number.NaN }, "pcf.pcfIncludingBiogenicUptake"],
    ["percent above 100", { primaryDataShare: 162 }, "pcf.primaryDataShare"],
    ["DQR outside 1–5", { dqi: { technologicalDQR: 0, geographicalDQR: 2, temporalDQR: 2 } }, "pcf.dqi.technologicalDQR"],
    ["IPCC name", { ipccCharacterizationFactors: ["AR 6"] }, "pcf.ipccCharacterizationFactors"],
    ["packaging emissions without packaging", { packagingGhgEmissions: 0.1 }, "pcf.packagingGhgEmissions"],
    ["fossil above total", { fossilGhgEmissions: 9 }, "pcf.fossilGhgEmissions"],
    ["positive uptake", { biogenicCO2Uptake: 0.2 }, "pcf.biogenicCO2Uptake"],
    ["bad country", { geography: { country: "China" } }, "pcf.geographyCountry"],
    ["PACT 2.x field name", { pCfExcludingBiogenic: "8.4" } as Partial<PcfInput>, "pcf.pCfExcludingBiogenic"],
    ["validity end not a UTC date-time", { validityPeriodEnd: "2028-12-31" }, "validityPeriodEnd"],
    ["validity ending with the reference period", { validityPeriodEnd: "2026-01-01T00:00:00Z" }, "validityPeriodEnd"],
    ["validity beyond 3 years", { validityPeriodEnd: "2029-01-01T00:00:01Z" }, "validityPeriodEnd"],
  ] as [string, Partial<PcfInput>, string][])("malformed figures are refused, not repaired: %s", (_n, over, field) => {
    const { val, fig } = fixture();
    const res = buildPactFootprints(val, fig, PROV, { pcf: { P1: pcfInput(over), P2: PCF.P2 }, created: CREATED });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reason).toBe("invalid_footprint_values");
    expect(res.refusals[0].invalid.map((i) => i.field)).toContain(field);
  });

  test("a workbook with validation errors exports nothing", () => {
    const data = smallMill();
    data.primary_sources![1].refinery_share = 0.3; // shares add up to 90 % → V8 error
    const { val, fig } = fixture(data);
    expect(val.errors).toBeGreaterThan(0);
    const a = buildPactFootprints(val, fig, PROV, { pcf: PCF, created: CREATED });
    expect(!a.ok && a.reason).toBe("validation_errors");
    const b = buildExtensionDocument(val, fig, PROV);
    expect(!b.ok && b.reason).toBe("validation_errors");
  });

  test("bad options are refused", () => {
    const { val, fig } = fixture();
    const cases = [
      { products: ["P9"] },
      { footprintIds: ["11111111-1111-4111-8111-111111111111"] },
      { footprintIds: ["x", "y"] },
      { created: "1 Feb 2026" },
      { productIdIssuerDomain: "not a domain" },
    ];
    for (const c of cases) {
      const res = buildPactFootprints(val, fig, PROV, { pcf: PCF, created: CREATED, ...c });
      expect(!res.ok && res.reason).toBe("invalid_options");
    }
  });
});

describeStd("standalone extension document (no PCF values)", () => {
  test("validates against $defs/ExtensionDocument, carries no carbon numbers, says so", () => {
    const { val, fig } = fixture();
    const res = buildExtensionDocument(val, fig, PROV);
    if (!res.ok) throw new Error(res.message);
    const ok = validateExtDoc(res.document);
    expect(errorsOf(validateExtDoc)).toBe("No errors");
    expect(ok).toBe(true);
    expect(res.document.products).toHaveLength(2);
    expect(res.document.created).toBe(PROV.generatedAt);
    expect(res.document.statement).toMatch(/NO product carbon footprint/);
    expect(JSON.stringify(res.document)).not.toMatch(/pcf|Ghg|CO2e/i);
    // Same extension as inside the PACT footprint.
    expect(res.document.products[0].extension).toEqual(built()[0].extensions![0]);
  });

  test("defaults and unknown-origin primary metal are disclosed", () => {
    const data = smallMill();
    delete data.primary_sources![1].redmud_per_alumina; // RF2 ratio blank → IAI default 1.2, flagged
    data.primary_sources![0].value_type = "measured";
    data.metal_inputs!.push({ input_id: "I6", input_class: "secondary_ingot", mass_t: 50, recycled_share: 0.8, post_consumer_share: 0.5 });
    const { val, fig } = fixture(data);
    expect(val.errors).toBe(0);
    const d = buildExtensionData(val, fig, PROV, "P1");
    expect(validateExt(d)).toBe(true);
    const rf = d.redMud.smelters[0].refineries;
    expect(rf[0]).toMatchObject({ refineryId: "RF1", dataSourceType: "measured", defaultUsed: false });
    expect(rf[1]).toMatchObject({ refineryId: "RF2", dataSourceType: "literature_default", defaultUsed: true, redMudPerAluminaTonnesPerTonne: "1.2" });
    expect(d.redMud.unknownOriginPrimary).toMatchObject({ redMudPerAlTonnesPerTonne: "2.3136", defaultUsed: true });
    const ids = d.defaultsUsed.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(["REDMUD_PER_ALUMINA", "ALUMINA_PER_AL"]));
    // The ratio filled into RF2's blank cell, and the chain carried by the secondary ingot lot I6
    // (its mass cell), as R6_Data_Quality lists them.
    expect(d.defaultsUsed.find((x) => x.id === "REDMUD_PER_ALUMINA")!.cells).toEqual(["'04_Primary_Sources'!H5", "'03_Metal_Inputs'!D9"]);
    expect(d.defaultsUsed.find((x) => x.id === "ALUMINA_PER_AL")!.cells).toEqual(["'03_Metal_Inputs'!D9"]);
  });
});

describeStd("the extension schema file", () => {
  test("the docs copy is byte-identical to the source (one source of truth)", () => {
    expect(fs.readFileSync(DOCS_SCHEMA_FILE, "utf8")).toBe(fs.readFileSync(SCHEMA_FILE, "utf8"));
  });

  test("its $id is the dataSchema URL the exporter writes, and it compiles under draft 2020-12 in strict mode", () => {
    expect(extSchema.$id).toBe(ALUTRACE_EXTENSION_SCHEMA_URL);
    const strict = new Ajv2020({ strict: true });
    addFormats(strict);
    expect(() => strict.compile(extSchema)).not.toThrow();
  });

  test("its enums follow the code lists", () => {
    const d = extSchema.$defs;
    expect(d.PathwayShare.properties.code.enum).toEqual([...PATHWAY_CODES.map((p) => p.code), "UNREPORTED"]);
    expect(d.RecycledContent.properties.method.properties.chainOfCustodyModels.items.enum).toEqual(COC_MODELS.map((c) => c.code));
    expect(d.Smelter.properties.refineries.items.properties.dataSourceType.enum).toEqual(VALUE_TYPES.map((c) => c.code));
    expect(d.RedMud.properties.declaredUnit.enum).toEqual(DECLARED_UNITS.map((c) => c.code));
  });
});

describeStd("building blocks", () => {
  test("sha256 matches Node's crypto (ASCII, Chinese, block boundaries, empty)", () => {
    const inputs = ["", "abc", "赤泥 bauxite residue", "a".repeat(55), "a".repeat(56), "a".repeat(64), "x".repeat(1000), "😀 surrogate pair"];
    for (const s of inputs) expect(toHex(sha256(s))).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
  });

  test("uuidFromName: v4 layout, stable", () => {
    expect(uuidFromName("x")).toBe(uuidFromName("x"));
    expect(uuidFromName("x")).not.toBe(uuidFromName("y"));
    expect(uuidFromName("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test.each([
    [0, "0"],
    [-0, "0"],
    [0.1 + 0.2, "0.3"],
    [1.6388000000000003, "1.6388"],
    [1e-7, "0.0000001"],
    [-2.5e-10, "-0.00000000025"],
    [1.23456789e21, "1234567890000000000000"],
    [100, "100"],
    [-42.12, "-42.12"],
    [2 / 3, "0.666666666667"],
  ])("toDecimalString(%p) = %p", (x, s) => {
    expect(toDecimalString(x)).toBe(s);
    expect(s).toMatch(/^-?\d+(\.\d+)?$/);
  });

  test("canonicalJson sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

// ---------------------------------------------------------------------------------------------
// The command line, as a user runs it: alutrace report … --pact DIR

describeStd("alutrace report --pact on the bundled samples", () => {
  const run = async (...args: string[]) => {
    let out = "";
    let err = "";
    const code = await cliMain(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  const examples = path.join(__dirname, "..", "..", "examples");

  test("the rolling mill (with 09_Footprint): one valid ProductFootprint per product plus the extension document", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alutrace-pact-"));
    const r = await run("report", path.join(examples, "rolling-mill-valid.xlsx"), "-o", path.join(dir, "r.xlsx"), "--pact", path.join(dir, "pact"));
    expect(r.code).toBe(0);
    const files = fs.readdirSync(path.join(dir, "pact")).sort();
    expect(files).toEqual(["P5182.pact.json", "P6016.pact.json", "alutrace-extension.json"]);
    for (const f of files.filter((x) => x.endsWith(".pact.json"))) {
      const pf = readJson(path.join(dir, "pact", f));
      expect([f, validatePf(pf) || errorsOf(validatePf)]).toEqual([f, true]);
      expect(validateExt(pf.extensions[0].data) || errorsOf(validateExt)).toBe(true);
      // Values come from 09_Footprint, not invented: P5182 declares 7.9 kg CO2e/kg.
      if (f.startsWith("P5182")) expect(pf.pcf.pcfExcludingBiogenicUptake).toBe("7.9");
    }
    expect(validateExtDoc(readJson(path.join(dir, "pact", "alutrace-extension.json"))) || errorsOf(validateExtDoc)).toBe(true);
  });

  test("the die-caster (no footprint): PACT refused naming the 09_Footprint columns to fill in, exit 1; the extension document is still written", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alutrace-pact-"));
    const r = await run("report", path.join(examples, "die-caster-zh.xlsx"), "-o", path.join(dir, "d.xlsx"), "--pact", path.join(dir, "pact"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\n  DC-GH-01: no row on 09_Footprint; add one with PCF excluding biogenic \(column B\), /);
    expect(fs.readdirSync(path.join(dir, "pact"))).toEqual(["alutrace-extension.json"]);
    expect(validateExtDoc(readJson(path.join(dir, "pact", "alutrace-extension.json"))) || errorsOf(validateExtDoc)).toBe(true);
  });
});
