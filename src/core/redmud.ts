/**
 * Red mud (bauxite residue) formulas. Section numbers (§) refer to domain/REFERENCE.md.
 * All masses are dry tonnes (red mud) or tonnes of metal over one period; ratios are t/t = kg/kg.
 */
import { lookupPathway, pathwayGroup, PATHWAY_CODES, type MoistureBasis, type PathwayCode, type PathwayGroup } from "./codes";
import { defaultValue } from "./defaults";
import { CalcError, fmtNum } from "./errors";
import { divide, requireFinite, requireFraction, requireNonNegative, sumNonNegative } from "./numbers";

// --------------------------------------------------------------------------------------------
// §1.2 moisture

/**
 * Dry solids from a wet mass (§1.2, V3).
 * wet basis: w = water/(water+solids), dry = wet × (1 − w), 0 ≤ w < 1;
 * dry basis: u = water/solids,          dry = wet / (1 + u), u ≥ 0.
 */
export function dryMass(wetT: number, moisture: number, basis: MoistureBasis): number {
  requireNonNegative(wetT, "wet");
  requireFinite(moisture, "moisture");
  if (basis === "wet") {
    if (moisture < 0 || moisture >= 1) {
      throw new CalcError(
        "out_of_range",
        `moisture on a wet basis must be a fraction from 0 to below 1 (e.g. 35%), got ${fmtNum(moisture)}`,
        "moisture",
      );
    }
    return wetT * (1 - moisture);
  }
  if (basis === "dry") {
    if (moisture < 0) throw new CalcError("out_of_range", `moisture on a dry basis must be ≥ 0, got ${fmtNum(moisture)}`, "moisture");
    return wetT / (1 + moisture);
  }
  throw new CalcError("invalid_input", `moisture basis must be 'wet' or 'dry', got '${String(basis)}'`, "basis");
}

// --------------------------------------------------------------------------------------------
// §1.3 generation ratios

/**
 * Red mud per tonne of alumina over a period (§1.3, V6): Σ red mud / Σ alumina — a ratio of
 * totals, so a small month with an odd ratio does not weigh like a large one.
 */
export function redMudRatio(redMudDryT: ArrayLike<number>, aluminaT: ArrayLike<number>): number {
  if (redMudDryT.length !== aluminaT.length) {
    throw new CalcError("mismatch", `redMudDryT has ${redMudDryT.length} values but aluminaT has ${aluminaT.length}`, "aluminaT");
  }
  const rm = sumNonNegative(redMudDryT, "redMudDryT");
  const al = sumNonNegative(aluminaT, "aluminaT");
  return divide(rm, al, "total alumina", "aluminaT");
}

/** Alumina per Al must not be below stoichiometry (V7 error); > 1.98 is only a warning, for validation. */
export function requireAluminaPerAl(a: number, field = "aluminaPerAl", index?: number): number {
  requireFinite(a, field, index);
  const min = defaultValue("ALUMINA_PER_AL_STOICH_MIN");
  if (a < min) {
    throw new CalcError(
      "out_of_range",
      `alumina per aluminium ${fmtNum(a)} t/t is below the stoichiometric minimum ${min} t alumina/t Al; check the value and unit`,
      field,
      index,
    );
  }
  return a;
}

/** Red mud per tonne of primary aluminium: R = r × A (§1.3 DERIVED, §2.1). */
export function redMudPerAluminium(redMudPerAlumina: number, aluminaPerAl: number = defaultValue("ALUMINA_PER_AL")): number {
  requireNonNegative(redMudPerAlumina, "redMudPerAlumina");
  requireAluminaPerAl(aluminaPerAl);
  return redMudPerAlumina * aluminaPerAl;
}

export interface RefinerySupply {
  /** α: share of the smelter's alumina from this refinery, fraction 0..1. */
  readonly share: number;
  /** r: dry t red mud per t alumina at this refinery. */
  readonly redMudPerAlumina: number;
}

/**
 * Smelter red mud factor R_s = A_s × Σ_k α_k r_k (§2.1). Shares must sum to 1 within the
 * REFINERY_SHARE_SUM_TOLERANCE; within it they are normalised, so 3 × 33.3% does not understate.
 */
export function smelterRedMudFactor(aluminaPerAl: number, refineries: readonly RefinerySupply[]): number {
  requireAluminaPerAl(aluminaPerAl);
  if (refineries.length === 0) throw new CalcError("missing", "a smelter needs at least one refinery share", "refineries");
  let sumShare = 0;
  let weighted = 0;
  refineries.forEach((k, i) => {
    requireFraction(k.share, "share", i);
    requireNonNegative(k.redMudPerAlumina, "redMudPerAlumina", i);
    sumShare += k.share;
    weighted += k.share * k.redMudPerAlumina;
  });
  const tol = defaultValue("REFINERY_SHARE_SUM_TOLERANCE");
  if (Math.abs(sumShare - 1) > tol) {
    throw new CalcError("mismatch", `refinery shares sum to ${fmtNum(sumShare * 100)}%, not 100% (±${tol * 100} pp)`, "share");
  }
  return aluminaPerAl * (weighted / sumShare);
}

// --------------------------------------------------------------------------------------------
// §2.2 / §2.3 product intensity

export interface PrimaryInput {
  /** m_P,s: primary aluminium from smelter s entering the product system (t). */
  readonly massT: number;
  /** R_s: dry t red mud per t primary Al from that smelter. */
  readonly redMudPerTAl: number;
}

export interface PreConsumerInput {
  /** m_pre,j: purchased pre-consumer scrap (t). */
  readonly massT: number;
  /** RMI_j: red mud intensity declared for that scrap (kg/kg). */
  readonly intensity: number;
}

/**
 * Σ m_P,s R_s, one primary input at a time: for callers that hold their inputs as columns (the
 * custom functions read a million-cell range without making a row object per cell).
 */
export class PrimaryBurden {
  private s = 0;
  /** Adds PrimaryInput i; errors name it exactly as redMudIntensityCutoff does. */
  add(i: number, massT: number, redMudPerTAl: number): void {
    requireNonNegative(massT, "massT", i);
    requireNonNegative(redMudPerTAl, "redMudPerTAl", i);
    this.s += massT * redMudPerTAl;
  }
  get total(): number {
    return this.s;
  }
}

function primaryBurden(primary: readonly PrimaryInput[]): number {
  const b = new PrimaryBurden();
  primary.forEach((p, i) => b.add(i, p.massT, p.redMudPerTAl));
  return b.total;
}

/**
 * Cut-off intensity (§2.2): RMI = Σ m_P,s R_s / m_out. Scrap carries no red mud; outgoing process
 * scrap leaves burden-free, so yield losses raise the product's intensity.
 */
export function redMudIntensityCutoff(primary: readonly PrimaryInput[] | PrimaryBurden, outputT: number): number {
  const burden = primary instanceof PrimaryBurden ? primary.total : primaryBurden(primary);
  requireNonNegative(outputT, "outputT");
  return divide(burden, outputT, "product output", "outputT");
}

/**
 * Allocation intensity (§2.3): [Σ m_P R + Σ m_pre RMI_j] / (m_out + m_scrap,out), applied to the
 * product and to the process scrap sold on alike.
 */
export function redMudIntensityAllocation(
  primary: readonly PrimaryInput[],
  preConsumer: readonly PreConsumerInput[],
  outputT: number,
  scrapOutT: number,
): number {
  let burden = primaryBurden(primary);
  preConsumer.forEach((p, i) => {
    requireNonNegative(p.massT, "preConsumer.massT", i);
    requireNonNegative(p.intensity, "preConsumer.intensity", i);
    burden += p.massT * p.intensity;
  });
  requireNonNegative(outputT, "outputT");
  requireNonNegative(scrapOutT, "scrapOutT");
  return divide(burden, outputT + scrapOutT, "product output plus scrap out", "outputT");
}

// --------------------------------------------------------------------------------------------
// §1.4 utilisation rates and balances

/**
 * Utilisation rate of newly generated red mud, U_new / G (§1.4 PROPOSAL reading of 新增赤泥综合利用率).
 * U_new > G is an input error: newly generated mud cannot be used more than once (V5).
 */
export function utilisationRateNew(utilisedNew: number, generated: number): number {
  requireNonNegative(utilisedNew, "utilisedNew");
  requireNonNegative(generated, "generated");
  if (utilisedNew > generated) {
    throw new CalcError(
      "out_of_range",
      `utilised new red mud (${fmtNum(utilisedNew)}) exceeds red mud generated (${fmtNum(generated)}); legacy-stock use belongs in utilisedLegacy`,
      "utilisedNew",
    );
  }
  return divide(utilisedNew, generated, "red mud generated", "generated");
}

/** NBS-style rate (U_new + U_legacy) / (G + U_legacy) (§1.4, [S16]). */
export function utilisationRateNbs(utilisedNew: number, utilisedLegacy: number, generated: number): number {
  requireNonNegative(utilisedNew, "utilisedNew");
  requireNonNegative(utilisedLegacy, "utilisedLegacy");
  requireNonNegative(generated, "generated");
  if (utilisedNew > generated) {
    throw new CalcError(
      "out_of_range",
      `utilised new red mud (${fmtNum(utilisedNew)}) exceeds red mud generated (${fmtNum(generated)})`,
      "utilisedNew",
    );
  }
  return divide(utilisedNew + utilisedLegacy, generated + utilisedLegacy, "red mud generated plus legacy utilised", "generated");
}

export interface BalanceCheck {
  /** Reported minus expected (t); positive = more reported than the balance explains. */
  readonly residualT: number;
  /** residualT relative to the reference quantity (fraction; 0 when both sides are zero). */
  readonly relative: number;
  readonly tolerance: number;
  readonly withinTolerance: boolean;
}

function check(residualT: number, reference: number, tolerance: number): BalanceCheck {
  const relative = reference === 0 ? (residualT === 0 ? 0 : Math.sign(residualT)) : residualT / reference;
  return { residualT, relative, tolerance, withinTolerance: Math.abs(relative) <= tolerance };
}

export interface RefineryBalance {
  readonly generated: number;
  readonly utilisedNew: number;
  readonly storedNew: number;
  readonly disposedNew: number;
  /** 倾倒丢弃量 in the NBS identity; normally zero. */
  readonly dumpedNew?: number;
}

/**
 * Refinery balance (§1.4 NBS identity, V4): G = U_new + S_new + D_new (+ dumping).
 * residual = G − Σ pathways, relative to G. With G = 0 and pathways > 0 the relative residual is −1
 * (a full mismatch) rather than a division error, so a validator can still report it.
 */
export function refineryBalanceResidual(b: RefineryBalance, tolerance: number = defaultValue("REDMUD_BALANCE_TOLERANCE")): BalanceCheck {
  const g = requireNonNegative(b.generated, "generated");
  const out =
    requireNonNegative(b.utilisedNew, "utilisedNew") +
    requireNonNegative(b.storedNew, "storedNew") +
    requireNonNegative(b.disposedNew, "disposedNew") +
    requireNonNegative(b.dumpedNew ?? 0, "dumpedNew");
  return check(g - out, g === 0 ? 0 : g, tolerance);
}

/**
 * Legacy stock balance (V4): Stock_end = Stock_start + S_new − U_legacy − D_legacy.
 * residual = reported end − expected end, relative to the larger of the two (both ≥ 0).
 */
export function stockBalanceResidual(
  stockStart: number,
  storedNew: number,
  utilisedLegacy: number,
  disposedLegacy: number,
  stockEnd: number,
  tolerance: number = defaultValue("REDMUD_BALANCE_TOLERANCE"),
): BalanceCheck {
  const expected =
    requireNonNegative(stockStart, "stockStart") +
    requireNonNegative(storedNew, "storedNew") -
    requireNonNegative(utilisedLegacy, "utilisedLegacy") -
    requireNonNegative(disposedLegacy, "disposedLegacy");
  requireNonNegative(stockEnd, "stockEnd");
  return check(stockEnd - expected, Math.max(Math.abs(expected), stockEnd), tolerance);
}

// --------------------------------------------------------------------------------------------
// §2.5 pathway split

export interface PathwayRow {
  /** A pathway code or its EN/中文 label. */
  readonly code: string;
  readonly massT: number;
}

export interface PathwayShare {
  readonly code: PathwayCode;
  readonly group: PathwayGroup;
  readonly massT: number;
  readonly share: number;
}

/**
 * Pathway shares f_p = m_p / Σ m (§2.5, V8), aggregated by code and returned in code-list order
 * (only codes that occur). Shares sum to 1 up to floating-point rounding.
 */
export function pathwayShares(rows: readonly PathwayRow[]): PathwayShare[] {
  const byCode = new Map<PathwayCode, number>();
  let total = 0;
  rows.forEach((r, i) => {
    const code = lookupPathway(r.code);
    if (code === undefined) {
      throw new CalcError("unknown_code", `'${String(r.code)}' is not a red mud pathway code (e.g. STORE_DRY_STACK, USE_CEMENT_CLINKER_RAW)`, "code", i);
    }
    requireNonNegative(r.massT, "massT", i);
    byCode.set(code, (byCode.get(code) ?? 0) + r.massT);
    total += r.massT;
  });
  divide(1, total, "total red mud mass over all pathways", "massT");
  const out: PathwayShare[] = [];
  for (const e of PATHWAY_CODES) {
    const m = byCode.get(e.code);
    if (m !== undefined) out.push({ code: e.code, group: pathwayGroup(e.code), massT: m, share: m / total });
  }
  return out;
}
