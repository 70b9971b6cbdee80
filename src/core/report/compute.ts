/**
 * The figures of the dual-dimension report, computed from validated template rows:
 * red mud (bauxite residue) attributed to each product (REFERENCE §2), and recycled content
 * (ISO 14021, §3.3) with the CBAM scrap parameters. The report tabs restate every figure as a
 * native Excel formula; tests check that an independent engine gets the same numbers.
 */
import { PATHWAY_CODES, PathwayCode } from "../codes";
import { defaultValue } from "../defaults";
import { CBAM_SCRAP_CLASSES, MetalInputRow, RecycledMethod, RecycledResult, recycledContent } from "../recycled";
import { utilisationRateNbs, utilisationRateNew } from "../redmud";
import { a1 } from "../cells";
import type { DefaultUse, SheetData, TypedRow, ValidationResult } from "../template/validate";

export type ScrapTreatment = "cut_off" | "allocation";

export interface ReportOptions {
  recycledMethod: RecycledMethod;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = { recycledMethod: { denominator: "all_metal", countInternalCrossProcess: false } };

/** Pseudo refinery for red mud attributed through defaults (unknown origin). */
export const DEFAULT_REFINERY = "DEFAULT (unknown origin)";
export const UNREPORTED_PATHWAY = "UNREPORTED";

export interface ProductFigures {
  productId: string;
  name: string;
  declaredUnit: string;
  massPerDeclaredUnitKg: number;
  outputT: number;
  scrapOutT: number;
  /** Share of site-level inputs carried by this product (its share of total output). */
  allocationShare: number;
  recycled: RecycledResult;
  runAroundT: number;
  redMudT: number;
  /** Cut-off approach (§2.2): kg dry red mud per kg product. */
  redMudIntensity: number;
  /** Allocation variant (§2.3). */
  redMudIntensityAllocation: number;
  redMudPerDeclaredUnitKg: number;
  /** kg red mud per kg product by pathway (incl. UNREPORTED), §2.5. */
  pathwayKgPerKg: Map<string, number>;
  externalPreConsumerT: number;
  scrapT: number;
  scrapPerTonne: number;
  preConsumerScrapShare: number | undefined;
  /** Red mud t by refinery (incl. DEFAULT). */
  redMudByRefinery: Map<string, number>;
  /** Non-aluminium share of the metal charged (alloying elements, non-Al part of master alloys), run-around excluded (CBAM). */
  nonAluminiumShare: number;
  cnCode: string | undefined;
}

export interface SmelterFigures {
  smelterId: string;
  aluminaPerAl: number;
  /** R_s: t red mud per t primary aluminium. */
  redMudPerAl: number;
  refineries: { refineryId: string; share: number; redMudPerAlumina: number; isDefault: boolean }[];
}

export interface RefineryFigures {
  refineryId: string;
  aluminaT: number;
  generatedT: number;
  utilisedNewT: number;
  utilisedLegacyT: number | undefined;
  ratio: number;
  rateNew: number;
  rateNbs: number | undefined;
}

export interface ReportFigures {
  products: ProductFigures[];
  smelters: SmelterFigures[];
  refineries: RefineryFigures[];
  /** Pathway shares by refinery (refinery → pathway → share); UNREPORTED = 1 when none given. */
  pathwayShares: Map<string, Map<string, number>>;
  /** Pathways that appear anywhere, in code-list order, then UNREPORTED. */
  pathwayColumns: string[];
  /** All refineries that carry attributed red mud or pathway data, in first-seen order. */
  refineryOrder: string[];
  /** Site-average red mud per t of primary metal (used for the allocation variant). */
  averageRedMudPerPrimaryT: number;
  /** Share of input mass (all rows) whose evidence reference is in the evidence register (V22). */
  evidenceCoverage: number;
  defaultRedMudPerAl: number;
  /**
   * Every default a figure rests on: those the validator put into blank cells, and the default
   * chain (alumina per aluminium × red mud per alumina) that the primary part of secondary ingot
   * carries, its origin being unknown — listed with the mass cells of the lots it applies to.
   */
  defaultsUsed: DefaultUse[];
  options: ReportOptions;
}

/** A metal input's mass cell, as defaults list the cells they apply to ("'03_Metal_Inputs'!D9"). */
export function inputMassCell(inp: SheetData, r: TypedRow): string {
  return `'${inp.sheet}'!${a1(r.row, inp.columns.get("mass_t") ?? 0)}`;
}

/** The validator's defaults plus those the computation applied (see ReportFigures.defaultsUsed). */
function defaultsUsedBy(v: ValidationResult, attribution: readonly { refineryId: string; t: number }[][]): DefaultUse[] {
  const out = v.defaultsUsed.map((u) => ({ id: u.id, cells: [...u.cells] }));
  const inp = v.sheets.metal_inputs;
  if (!inp) return out;
  const cells: string[] = [];
  attribution.forEach((a, i) => {
    if (a.some((x) => x.refineryId === DEFAULT_REFINERY)) cells.push(inputMassCell(inp, inp.rows[i]));
  });
  if (cells.length === 0) return out;
  for (const id of ["ALUMINA_PER_AL", "REDMUD_PER_ALUMINA"]) {
    const u = out.find((x) => x.id === id);
    if (u) u.cells.push(...cells.filter((c) => !u.cells.includes(c)));
    else out.push({ id, cells: [...cells] });
  }
  return out;
}

const n = (x: unknown): number | undefined => (typeof x === "number" ? x : undefined);
const s = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

export function isPrimaryClass(c: string | undefined): boolean {
  return c === "primary_ingot" || c === "primary_liquid";
}

/** Red mud t of one input row, split by refinery (the attribution rows of the report's data tab). */
export function inputRedMudByRefinery(r: TypedRow, smelters: Map<string, SmelterFigures>, defaultR: number): { refineryId: string; t: number }[] {
  const cls = s(r.v.input_class);
  const m = n(r.v.mass_t) ?? 0;
  if (isPrimaryClass(cls)) {
    const sm = smelters.get(s(r.v.source_smelter_id) ?? "");
    if (!sm) return [];
    return sm.refineries.map((k) => ({ refineryId: k.refineryId, t: m * sm.aluminaPerAl * k.share * k.redMudPerAlumina }));
  }
  if (cls === "secondary_ingot") {
    const primaryPart = m * (1 - (n(r.v.recycled_share) ?? 0));
    return primaryPart > 0 ? [{ refineryId: DEFAULT_REFINERY, t: primaryPart * defaultR }] : [];
  }
  return [];
}

export function smelterFigures(prim: SheetData | undefined): Map<string, SmelterFigures> {
  const out = new Map<string, SmelterFigures>();
  for (const r of prim?.rows ?? []) {
    const id = s(r.v.smelter_id);
    const rid = s(r.v.refinery_id);
    const share = n(r.v.refinery_share);
    const ratio = n(r.v.redmud_per_alumina);
    const a = n(r.v.alumina_per_al);
    if (!id || !rid || share === undefined || ratio === undefined || a === undefined) continue;
    let sm = out.get(id);
    if (!sm) {
      sm = { smelterId: id, aluminaPerAl: a, redMudPerAl: 0, refineries: [] };
      out.set(id, sm);
    }
    sm.refineries.push({ refineryId: rid, share, redMudPerAlumina: ratio, isDefault: r.v.redmud_default === 1 });
  }
  // R_s = A_s × Σ α r (§2.1); summed directly so a rounding-level share mismatch does not throw here
  // (the validator already reported it).
  for (const sm of out.values()) sm.redMudPerAl = sm.aluminaPerAl * sm.refineries.reduce((acc, k) => acc + k.share * k.redMudPerAlumina, 0);
  return out;
}

export function computeReport(v: ValidationResult, options: ReportOptions = DEFAULT_REPORT_OPTIONS): ReportFigures {
  const defaultR = defaultValue("REDMUD_PER_ALUMINA") * defaultValue("ALUMINA_PER_AL");
  const smelters = smelterFigures(v.sheets.primary_sources);
  const inputs = v.sheets.metal_inputs?.rows ?? [];
  const outputs = v.sheets.outputs?.rows ?? [];
  const outputBy = new Map<string, { out: number; scrap: number }>();
  for (const r of outputs) {
    const id = s(r.v.product_id);
    if (id) outputBy.set(id, { out: n(r.v.output_t) ?? 0, scrap: n(r.v.process_scrap_out_t) ?? 0 });
  }
  const totalOut = [...outputBy.values()].reduce((a, b) => a + b.out, 0);

  // Attribution of red mud to input rows, by refinery.
  const attribution = inputs.map((r) => inputRedMudByRefinery(r, smelters, defaultR));
  let primaryT = 0;
  let primaryRedMud = 0;
  inputs.forEach((r, i) => {
    const cls = s(r.v.input_class);
    const m = n(r.v.mass_t) ?? 0;
    const p = isPrimaryClass(cls) ? m : cls === "secondary_ingot" ? m * (1 - (n(r.v.recycled_share) ?? 0)) : 0;
    primaryT += p;
    primaryRedMud += attribution[i].reduce((a, x) => a + x.t, 0);
  });
  const averageR = primaryT > 0 ? primaryRedMud / primaryT : defaultR;

  // Pathway shares per refinery.
  const pathRows = v.sheets.redmud_pathways?.rows ?? [];
  const pathMass = new Map<string, Map<string, number>>();
  for (const r of pathRows) {
    const rid = s(r.v.refinery_id);
    const code = s(r.v.pathway_code);
    const m = n(r.v.mass_t);
    if (!rid || !code || m === undefined) continue;
    const mm = pathMass.get(rid) ?? new Map<string, number>();
    mm.set(code, (mm.get(code) ?? 0) + m);
    pathMass.set(rid, mm);
  }
  const refineryOrder: string[] = [];
  const addRef = (id: string) => {
    if (!refineryOrder.includes(id)) refineryOrder.push(id);
  };
  attribution.forEach((a) => a.forEach((x) => addRef(x.refineryId)));
  for (const id of pathMass.keys()) addRef(id);
  const usedCodes = new Set<string>();
  for (const mm of pathMass.values()) for (const c of mm.keys()) usedCodes.add(c);
  const pathwayColumns = [...PATHWAY_CODES.map((p) => p.code as string).filter((c) => usedCodes.has(c)), UNREPORTED_PATHWAY];
  const pathwayShares = new Map<string, Map<string, number>>();
  for (const rid of refineryOrder) {
    const mm = pathMass.get(rid);
    const total = mm ? [...mm.values()].reduce((a, b) => a + b, 0) : 0;
    const shares = new Map<string, number>();
    for (const c of pathwayColumns) {
      if (c === UNREPORTED_PATHWAY) shares.set(c, total === 0 ? 1 : 0);
      else shares.set(c, total === 0 ? 0 : (mm!.get(c) ?? 0) / total);
    }
    pathwayShares.set(rid, shares);
  }

  const products: ProductFigures[] = [];
  for (const pr of v.sheets.products?.rows ?? []) {
    const id = s(pr.v.product_id);
    if (!id) continue;
    const o = outputBy.get(id) ?? { out: 0, scrap: 0 };
    const alloc = totalOut > 0 ? o.out / totalOut : 0;
    const weightOf = (r: TypedRow): number => {
      const scope = s(r.v.product_id);
      return scope === undefined ? alloc : scope === id ? 1 : 0;
    };
    const rows: MetalInputRow[] = [];
    let runAround = 0;
    let extPre = 0;
    let scrap = 0;
    let preScrap = 0;
    let nonAl = 0;
    let charged = 0;
    const byRef = new Map<string, number>();
    inputs.forEach((r, i) => {
      const w = weightOf(r);
      if (w === 0) return;
      const cls = s(r.v.input_class);
      const m = (n(r.v.mass_t) ?? 0) * w;
      if (!cls) return;
      if (cls === "run_around_scrap") runAround += m;
      else charged += m;
      if (cls === "alloying_element") nonAl += m;
      if (cls === "master_alloy") nonAl += m * (1 - (n(r.v.al_content) ?? 0));
      if (cls === "pre_consumer_scrap_external") extPre += m;
      if ((CBAM_SCRAP_CLASSES as readonly string[]).includes(cls)) {
        scrap += m;
        if (cls !== "post_consumer_scrap") preScrap += m;
      }
      // Master alloy without its Al content counts as 0 % aluminium (the validator warned).
      const alContent = n(r.v.al_content) ?? (cls === "master_alloy" ? 0 : undefined);
      rows.push({ massT: m, inputClass: cls, recycledShare: n(r.v.recycled_share), postConsumerShare: n(r.v.post_consumer_share), alContent });
      for (const x of attribution[i]) byRef.set(x.refineryId, (byRef.get(x.refineryId) ?? 0) + x.t * w);
    });
    const recycled = rows.length ? recycledContent(rows, options.recycledMethod) : emptyRecycled(options.recycledMethod);
    const redMudT = [...byRef.values()].reduce((a, b) => a + b, 0);
    const intensity = o.out > 0 ? redMudT / o.out : 0;
    const alloc2 = o.out + o.scrap > 0 ? (redMudT + extPre * averageR) / (o.out + o.scrap) : 0;
    const pathwayKgPerKg = new Map<string, number>();
    for (const c of pathwayColumns) {
      let t = 0;
      for (const [rid, rm] of byRef) t += rm * (pathwayShares.get(rid)?.get(c) ?? 0);
      pathwayKgPerKg.set(c, o.out > 0 ? t / o.out : 0);
    }
    const massPerUnit = n(pr.v.mass_per_declared_unit_kg) ?? 1;
    products.push({
      productId: id,
      name: s(pr.v.product_name) ?? id,
      declaredUnit: s(pr.v.declared_unit) ?? "kilogram",
      massPerDeclaredUnitKg: massPerUnit,
      outputT: o.out,
      scrapOutT: o.scrap,
      allocationShare: alloc,
      recycled,
      runAroundT: runAround,
      redMudT,
      redMudIntensity: intensity,
      redMudIntensityAllocation: alloc2,
      redMudPerDeclaredUnitKg: intensity * massPerUnit,
      pathwayKgPerKg,
      externalPreConsumerT: extPre,
      scrapT: scrap,
      scrapPerTonne: o.out > 0 ? scrap / o.out : 0,
      preConsumerScrapShare: scrap > 0 ? preScrap / scrap : undefined,
      redMudByRefinery: byRef,
      nonAluminiumShare: charged > 0 ? nonAl / charged : 0,
      cnCode: s(pr.v.cn_code),
    });
  }

  const refineries: RefineryFigures[] = [];
  for (const r of v.sheets.refinery_redmud?.rows ?? []) {
    const id = s(r.v.refinery_id);
    const al = n(r.v.alumina_output_t);
    const g = n(r.v.generated_t);
    const u = n(r.v.utilised_new_t);
    if (!id || al === undefined || g === undefined || u === undefined || g <= 0 || al <= 0 || u > g) continue;
    const ul = n(r.v.utilised_legacy_t);
    refineries.push({
      refineryId: id,
      aluminaT: al,
      generatedT: g,
      utilisedNewT: u,
      utilisedLegacyT: ul,
      ratio: g / al,
      rateNew: utilisationRateNew(u, g),
      rateNbs: ul === undefined ? undefined : utilisationRateNbs(u, ul, g),
    });
  }

  const registered = new Set((v.sheets.evidence?.rows ?? []).map((r) => s(r.v.evidence_id)).filter((x): x is string => !!x));
  let massAll = 0;
  let massEv = 0;
  for (const r of inputs) {
    const m = n(r.v.mass_t) ?? 0;
    massAll += m;
    const ev = s(r.v.evidence_id);
    if (ev && registered.has(ev)) massEv += m;
  }
  return {
    products,
    evidenceCoverage: massAll > 0 ? massEv / massAll : 0,
    smelters: [...smelters.values()],
    refineries,
    pathwayShares,
    pathwayColumns,
    refineryOrder,
    averageRedMudPerPrimaryT: averageR,
    defaultRedMudPerAl: defaultR,
    defaultsUsed: defaultsUsedBy(v, attribution),
    options,
  };
}

function emptyRecycled(method: RecycledMethod): RecycledResult {
  return { share: 0, preConsumerShare: 0, postConsumerShare: 0, recycledT: 0, preConsumerT: 0, postConsumerT: 0, denominatorT: 0, nonRecycledT: 0, excludedRunAroundT: 0, internalCrossProcessT: 0, method };
}

export function pathwayLabel(code: string): { en: string; zh: string } {
  if (code === UNREPORTED_PATHWAY) return { en: "Not reported by the refinery", zh: "氧化铝厂未报告" };
  const e = PATHWAY_CODES.find((p) => p.code === (code as PathwayCode));
  return e ? { en: e.en, zh: e.zh } : { en: code, zh: code };
}
