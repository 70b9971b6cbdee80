/**
 * The ONE table of default values, plausibility bounds and tolerances. Every number the core uses
 * without the user supplying it comes from here, with its unit, source and year, so a report can
 * list each default it used (DESIGN §5). Source IDs are those of src/core/sources.ts (docs/SOURCES.md).
 *
 * status: "sourced"  — a published figure;
 *         "derived"  — computed from sourced/physical facts (the derivation is in `description`);
 *         "proposal" — our own choice, to be confirmed with users (marked PROPOSAL in docs/METHOD.md).
 */

export type DefaultStatus = "sourced" | "derived" | "proposal";

export interface DefaultSource {
  /** Source IDs of src/core/sources.ts, e.g. ["S25"]. Empty for pure derivations. */
  readonly ids: readonly string[];
  /** Short citation string, fit for a report's sources table. */
  readonly citation: string;
}

export interface DefaultEntry {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly description: string;
  readonly source: DefaultSource;
  /** Data year (or publication year where the data year is not stated); null when not applicable. */
  readonly year: number | null;
  readonly status: DefaultStatus;
}

const TABLE = [
  {
    id: "ALUMINA_PER_AL",
    value: 1.928,
    unit: "t alumina/t Al",
    description: "Alumina consumed per tonne of primary aluminium, global average (METHOD §1.3)",
    source: { ids: ["S25"], citation: "S25 European Aluminium EPR 2018 LCI, 2015 data, global" },
    year: 2015,
    status: "sourced",
  },
  {
    id: "REDMUD_PER_ALUMINA",
    value: 1.2,
    unit: "dry t red mud/t alumina",
    description: "Red mud (bauxite residue) generated per tonne of alumina, global typical (METHOD §1.3)",
    source: { ids: ["S1"], citation: "S1 IAI, Sustainable Bauxite Residue Management Guidance release (~1.2 t/t alumina)" },
    year: 2022,
    status: "sourced",
  },
  {
    id: "REDMUD_RATIO_WARN_MIN",
    value: 0.3,
    unit: "dry t red mud/t alumina",
    description: "Lower plausibility bound for red mud per alumina; warn below (V6)",
    source: { ids: ["S4"], citation: "S4 LME Insight, bauxite residue 0.3–2.5 t/t alumina" },
    year: null,
    status: "sourced",
  },
  {
    id: "REDMUD_RATIO_WARN_MAX",
    value: 2.5,
    unit: "dry t red mud/t alumina",
    description: "Upper plausibility bound for red mud per alumina; warn above (V6)",
    source: { ids: ["S4"], citation: "S4 LME Insight, bauxite residue 0.3–2.5 t/t alumina" },
    year: null,
    status: "sourced",
  },
  {
    id: "ALUMINA_PER_AL_STOICH_MIN",
    value: 1.8895,
    unit: "t alumina/t Al",
    description:
      "Stoichiometric minimum alumina per Al: 101.96 / (2 × 26.98) ≈ 1.8895; a lower figure is physically impossible (V7 error)",
    source: { ids: [], citation: "DERIVED from atomic masses (Al 26.98, O 16.00)" },
    year: null,
    status: "derived",
  },
  {
    id: "ALUMINA_PER_AL_WARN_MAX",
    value: 1.98,
    unit: "t alumina/t Al",
    description: "Warn above this alumina per Al (V7); Chinese smelters run ~1.93–1.98, global LCI 1.928",
    source: { ids: ["S25", "S65"], citation: "S25 EA EPR 2018 LCI (1.928); S65 Chinese cost explainer (1.93–1.98)" },
    year: null,
    status: "derived",
  },
  {
    id: "REDMUD_UTILISATION_TARGET_2027",
    value: 0.15,
    unit: "fraction",
    description: "China national target: utilisation rate of newly generated red mud ≥ 15% by 2027",
    source: { ids: ["S10"], citation: "S10 《赤泥综合利用行动方案》 工信部联节〔2024〕225号" },
    year: 2027,
    status: "sourced",
  },
  {
    id: "REDMUD_UTILISATION_TARGET_2030",
    value: 0.25,
    unit: "fraction",
    description: "China national target: utilisation rate of newly generated red mud ≥ 25% by 2030",
    source: { ids: ["S10"], citation: "S10 《赤泥综合利用行动方案》 工信部联节〔2024〕225号" },
    year: 2030,
    status: "sourced",
  },
  {
    id: "REDMUD_BALANCE_TOLERANCE",
    value: 0.02,
    unit: "fraction of generation",
    description: "Refinery red mud balance G = U_new + S_new + D_new (+ dumping) must close within ±2% (V4)",
    source: { ids: ["S16"], citation: "S16 NBS balance identity; tolerance PROPOSAL" },
    year: null,
    status: "proposal",
  },
  {
    id: "METAL_BALANCE_TOLERANCE",
    value: 0.03,
    unit: "fraction of inputs",
    description: "Metal balance Σ inputs (excl. run-around) = outputs + scrap out + dross/losses within ±3% (V9)",
    source: { ids: ["S30", "S41"], citation: "S30 ISO 14021 same-process exclusion; S41 ISO 22095 mass balance; tolerance PROPOSAL" },
    year: null,
    status: "proposal",
  },
  {
    id: "PRIMARY_GHG_WARN_MIN",
    value: 4.5,
    unit: "t CO2e/t Al",
    description: "Lower plausibility bound for a smelter's declared primary aluminium footprint, cradle to gate; warn below (V18)",
    source: { ids: ["S27"], citation: "S27 IAI carbon footprint FAQs, primary aluminium 4.5–22 t CO2e/t" },
    year: 2019,
    status: "sourced",
  },
  {
    id: "PRIMARY_GHG_WARN_MAX",
    value: 22,
    unit: "t CO2e/t Al",
    description: "Upper plausibility bound for a smelter's declared primary aluminium footprint, cradle to gate; warn above (V18)",
    source: { ids: ["S27"], citation: "S27 IAI carbon footprint FAQs, primary aluminium 4.5–22 t CO2e/t" },
    year: 2019,
    status: "sourced",
  },
  {
    id: "PCF_VALIDITY_MAX_YEARS",
    value: 3,
    unit: "years",
    description: "A footprint's validity ends at most this long after its reference period ends (V2; PACT validityPeriodEnd)",
    source: { ids: ["S48"], citation: "S48 PACT Technical Specification v3, validityPeriodEnd ≤ referencePeriodEnd + 3 years" },
    year: 2025,
    status: "sourced",
  },
  {
    id: "REFINERY_SHARE_SUM_TOLERANCE",
    value: 0.005,
    unit: "fraction",
    description: "A smelter's alumina sourcing shares α over refineries must sum to 1 within ±0.005 (V8)",
    source: { ids: [], citation: "PROPOSAL (V8: Σ α = 1)" },
    year: null,
    status: "proposal",
  },
  {
    id: "MASS_PLAUSIBLE_MAX_T",
    value: 1e9,
    unit: "t",
    description: "Largest mass a template cell may hold: 1,000 Mt, above any site's annual flows and any refinery's red mud stock (the world's whole bauxite residue inventory is a few Bt). Larger values are unit or typing errors, and would overflow the sums",
    source: { ids: ["S3"], citation: "S3 IAI Bauxite Residue Roadmap: ~160 Mt/yr generated, 7–8 Bt inventory by 2040; ceiling PROPOSAL" },
    year: null,
    status: "proposal",
  },
  {
    id: "NUMBER_PLAUSIBLE_MAX",
    value: 1e12,
    unit: "the column's unit",
    description: "Largest magnitude of any other number in the template without a bound of its own (footprints per declared unit, masses per unit, ratios)",
    source: { ids: [], citation: "PROPOSAL: no product or ratio in the template comes near it; larger values are typing errors" },
    year: null,
    status: "proposal",
  },
] as const satisfies readonly DefaultEntry[];

export type DefaultId = (typeof TABLE)[number]["id"];

/** Every default, in table order (the report's "defaults used" section reads from here). */
export const DEFAULTS: readonly DefaultEntry[] = TABLE;

const BY_ID = new Map<string, DefaultEntry>(DEFAULTS.map((d) => [d.id, d]));

export function getDefault(id: DefaultId): DefaultEntry {
  const d = BY_ID.get(id);
  /* istanbul ignore next -- DefaultId makes this unreachable from typed code */
  if (!d) throw new Error(`unknown default id ${id}`);
  return d;
}

/** Lookup by a runtime string (e.g. from a report spec); undefined when unknown. */
export function findDefault(id: string): DefaultEntry | undefined {
  return BY_ID.get(id);
}

export function defaultValue(id: DefaultId): number {
  return getDefault(id).value;
}
