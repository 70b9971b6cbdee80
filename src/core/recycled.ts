/**
 * Recycled content, input-based, per ISO 14021 (REFERENCE §3.1–3.3; rules V10–V13).
 *
 * RC = (pre-consumer + post-consumer recycled mass) / (metal mass in the product), where:
 * - run_around_scrap (same-process rework) is excluded from numerator AND denominator (V10): it is
 *   neither recycled content nor new metal, it circulates inside the process.
 * - pre_consumer_scrap_internal_cross_process (scrap from another process of the same company) is
 *   metal that ends up in the product, so it always stays in the DENOMINATOR. It enters the
 *   NUMERATOR as pre-consumer only when method.countInternalCrossProcess is true (V13: the
 *   "same process" boundary is a disclosed method choice). Dropping it from the denominator when
 *   not counted would inflate RC by shrinking the product.
 * - secondary_ingot carries its producer's declared recycledShare (of the ingot) and
 *   postConsumerShare (of the recycled part); its non-recycled remainder counts as primary.
 * - denominator "all_metal" counts every metal input; "al_only" counts aluminium only: alloying
 *   elements drop out, and each other row counts massT × alContent (alContent defaults to 1, and is
 *   required for master_alloy). The same alContent scales the row's recycled part, so RC stays
 *   a ratio of aluminium to aluminium.
 */
import { INPUT_CLASSES, lookupInputClass, type InputClass } from "./codes";
import { CalcError } from "./errors";
import { divide, requireFraction, requireNonNegative } from "./numbers";

export interface MetalInputRow {
  readonly massT: number;
  /** Canonical class code (labels are accepted too and resolved via the code list). */
  readonly inputClass: InputClass | string;
  /**
   * secondary_ingot only: recycled share of the ingot, 0..1, declared by its producer. Ignored on
   * other classes (their status follows from the class; Excel may pass their blank cells as 0).
   */
  readonly recycledShare?: number;
  /** secondary_ingot only: post-consumer share OF the recycled part, 0..1. */
  readonly postConsumerShare?: number;
  /** Aluminium mass fraction 0..1; used by the al_only denominator (required for master_alloy). */
  readonly alContent?: number;
}

export type Denominator = "all_metal" | "al_only";

export interface RecycledMethod {
  readonly denominator: Denominator;
  readonly countInternalCrossProcess: boolean;
}

export const DEFAULT_RECYCLED_METHOD: RecycledMethod = { denominator: "all_metal", countInternalCrossProcess: false };

export interface RecycledResult {
  /** (pre + post) / denominator. */
  readonly share: number;
  readonly preConsumerShare: number;
  readonly postConsumerShare: number;
  readonly recycledT: number;
  readonly preConsumerT: number;
  readonly postConsumerT: number;
  /** Metal counted in the denominator (t). */
  readonly denominatorT: number;
  /** denominatorT − recycledT: primary, uncounted internal scrap, and (all_metal) alloying metal. */
  readonly nonRecycledT: number;
  readonly excludedRunAroundT: number;
  /** Internal cross-process scrap mass seen (t), whether or not it was counted as recycled. */
  readonly internalCrossProcessT: number;
  /** Echoed so every output discloses the method it was computed with (V13). */
  readonly method: RecycledMethod;
}

function resolveClass(c: string, i: number): InputClass {
  const code = lookupInputClass(c);
  if (code === undefined) {
    throw new CalcError(
      "unknown_code",
      `'${String(c)}' is not an input class; use one of ${INPUT_CLASSES.map((e) => e.code).join(", ")}`,
      "inputClass",
      i,
    );
  }
  return code;
}

export function recycledContent(rows: readonly MetalInputRow[], method: RecycledMethod = DEFAULT_RECYCLED_METHOD): RecycledResult {
  const acc = new RecycledContentSum(method);
  rows.forEach((r, i) => acc.add(i, r.massT, r.inputClass, r.recycledShare, r.postConsumerShare, r.alContent));
  return acc.result();
}

/**
 * recycledContent one row at a time, for callers that hold their rows as columns (the custom
 * functions read a million-cell range without making a row object per cell). `add(i, …)` takes the
 * fields of MetalInputRow i in order; errors name row i exactly as recycledContent does.
 */
export class RecycledContentSum {
  private readonly alOnly: boolean;
  private pre = 0;
  private post = 0;
  private denom = 0;
  private runAround = 0;
  private internal = 0;

  constructor(private readonly method: RecycledMethod = DEFAULT_RECYCLED_METHOD) {
    if (method.denominator !== "all_metal" && method.denominator !== "al_only") {
      throw new CalcError("invalid_input", `denominator must be 'all_metal' or 'al_only', got '${String(method.denominator)}'`, "denominator");
    }
    this.alOnly = method.denominator === "al_only";
  }

  add(i: number, massT: number, inputClass: InputClass | string, recycledShare?: number, postConsumerShare?: number, alContent?: number): void {
    const cls = resolveClass(inputClass, i);
    const m = requireNonNegative(massT, "massT", i);
    if (cls === "run_around_scrap") {
      this.runAround += m;
      return;
    }
    // Al fraction of this row under al_only; 1 under all_metal (whole metal mass counts).
    let f = 1;
    if (this.alOnly) {
      if (cls === "alloying_element") return;
      if (alContent !== undefined) f = requireFraction(alContent, "alContent", i);
      else if (cls === "master_alloy") {
        throw new CalcError("missing", "master_alloy needs its aluminium content (alContent) for an al_only denominator", "alContent", i);
      }
    }
    const counted = m * f;
    this.denom += counted;
    switch (cls) {
      case "pre_consumer_scrap_external":
        this.pre += counted;
        break;
      case "post_consumer_scrap":
        this.post += counted;
        break;
      case "pre_consumer_scrap_internal_cross_process":
        this.internal += m;
        if (this.method.countInternalCrossProcess) this.pre += counted;
        break;
      case "secondary_ingot": {
        if (recycledShare === undefined) {
          throw new CalcError("missing", "secondary_ingot needs the recycled share declared by its producer", "recycledShare", i);
        }
        if (postConsumerShare === undefined) {
          throw new CalcError(
            "missing",
            "secondary_ingot needs the post-consumer share of its recycled part, declared by its producer",
            "postConsumerShare",
            i,
          );
        }
        const s = requireFraction(recycledShare, "recycledShare", i);
        const p = requireFraction(postConsumerShare, "postConsumerShare", i);
        this.post += counted * s * p;
        this.pre += counted * s * (1 - p);
        break;
      }
      default:
        // primary_ingot, primary_liquid, master_alloy, alloying_element (all_metal): not recycled.
        break;
    }
  }

  result(): RecycledResult {
    const { pre, post, denom, method } = this;
    const recycled = pre + post;
    divide(1, denom, "metal counted in the denominator", "massT");
    return {
      share: clamp01(recycled / denom),
      preConsumerShare: clamp01(pre / denom),
      postConsumerShare: clamp01(post / denom),
      recycledT: recycled,
      preConsumerT: pre,
      postConsumerT: post,
      denominatorT: denom,
      nonRecycledT: Math.max(0, denom - recycled),
      excludedRunAroundT: this.runAround,
      internalCrossProcessT: this.internal,
      method: { denominator: method.denominator, countInternalCrossProcess: method.countInternalCrossProcess },
    };
  }
}

/** Guards against 1.0000000000000002 from summing parts that are each ≤ the whole. */
function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Mass-weighted share Σ s·m / Σ m (§3.3 RC_portfolio). Shares are fractions 0..1. */
export function weightedShare(shares: ArrayLike<number>, masses: ArrayLike<number>): number {
  if (shares.length !== masses.length) {
    throw new CalcError("mismatch", `shares has ${shares.length} values but masses has ${masses.length}`, "masses");
  }
  let sm = 0;
  let m = 0;
  for (let i = 0; i < shares.length; i++) {
    const s = requireFraction(shares[i], "shares", i);
    const w = requireNonNegative(masses[i], "masses", i);
    sm += s * w;
    m += w;
  }
  return clamp01(divide(sm, m, "total mass", "masses"));
}

// --------------------------------------------------------------------------------------------
// CBAM scrap parameters (REFERENCE §5.4, V12)

/**
 * Classes counted as scrap for the CBAM "scrap per tonne" and "share of pre-consumer scrap"
 * parameters: bought-in pre-consumer, internal cross-process and post-consumer scrap. Run-around
 * scrap is excluded (it never leaves the process, V10); secondary ingot, primary metal and
 * alloying additions are not scrap.
 */
export const CBAM_SCRAP_CLASSES: readonly InputClass[] = [
  "pre_consumer_scrap_external",
  "pre_consumer_scrap_internal_cross_process",
  "post_consumer_scrap",
];

export interface ScrapRow {
  readonly massT: number;
  /** Omitted = the row is scrap of an unstated kind (counted in scrapMassT). */
  readonly inputClass?: InputClass | string;
}

/** Σ mass of rows whose class is a CBAM scrap class (rows without a class count). */
export function scrapMassT(rows: readonly ScrapRow[]): number {
  let s = 0;
  rows.forEach((r, i) => {
    const m = requireNonNegative(r.massT, "massT", i);
    if (r.inputClass === undefined || CBAM_SCRAP_CLASSES.includes(resolveClass(r.inputClass, i))) s += m;
  });
  return s;
}

/** Scrap per tonne of product (CBAM parameter; an input/output ratio that may exceed 1, V12). */
export function scrapPerTonne(scrapT: number, productOutputT: number): number {
  requireNonNegative(scrapT, "scrapT");
  requireNonNegative(productOutputT, "productOutputT");
  return divide(scrapT, productOutputT, "product output", "productOutputT");
}

/**
 * Pre-consumer share of the scrap counted above: (external + internal cross-process) / all counted
 * scrap. Internal cross-process scrap is pre-consumer by nature here; whether it counts as
 * recycled *content* is a separate method flag (recycledContent).
 */
export function preConsumerScrapShareOfScrap(rows: readonly { readonly massT: number; readonly inputClass: InputClass | string }[]): number {
  let pre = 0;
  let all = 0;
  rows.forEach((r, i) => {
    const cls = resolveClass(r.inputClass, i);
    const m = requireNonNegative(r.massT, "massT", i);
    if (!CBAM_SCRAP_CLASSES.includes(cls)) return;
    all += m;
    if (cls !== "post_consumer_scrap") pre += m;
  });
  return clamp01(divide(pre, all, "total scrap", "massT"));
}
