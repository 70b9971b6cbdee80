/**
 * AluTrace custom functions (namespace ALU). Thin wrappers: convert Excel's arguments (args.ts),
 * call the pure core, and turn failures into real Excel errors whose message names the argument
 * and the cell position. Metadata (functions.json) is generated from these JSDoc comments at build
 * time, so the TypeScript parameter types matter: `any[][]` for ranges (blanks and text arrive
 * unconverted), `any` for single values, `x?: any` for optional arguments.
 * No Office calls at import time; CustomFunctions.associate is appended by the metadata plugin.
 */
import { INPUT_CLASSES, lookupInputClass, lookupMoistureBasis } from "../core/codes";
import { defaultValue } from "../core/defaults";
import { CalcError, fmtNum } from "../core/errors";
import { RecycledContentSum, scrapMassT, scrapPerTonne, weightedShare, type Denominator, type RecycledMethod, type RecycledResult } from "../core/recycled";
import {
  PrimaryBurden,
  dryMass,
  pathwayShares,
  redMudIntensityCutoff,
  redMudPerAluminium,
  redMudRatio,
  requireAluminaPerAl,
  utilisationRateNbs,
  utilisationRateNew,
  type PathwayRow,
} from "../core/redmud";
import { convertMass as coreConvertMass, parseMassUnit } from "../core/units";
import {
  BLANK_CODE,
  UNKNOWN_CODE,
  asArg,
  cell,
  cellCount,
  checkNumber,
  checkNumbers,
  codeFill,
  columnCells,
  fail,
  finite,
  isBlankCell,
  locator,
  optionalBoolean,
  optionalNumber,
  optionalNumberAt,
  optionalText,
  pairedLength,
  quickNumber,
  readCodes,
  readNumbers,
  numberFill,
  readTexts,
  requireComplete,
  requiredNumber,
  run,
  sumArg,
  textAt,
  textFill,
  where,
  type Arg,
  type NumberColumn,
} from "./args";

const INPUT_CLASS_CODES: readonly string[] = INPUT_CLASSES.map((e) => e.code);

/** A shape-only stand-in so errors about an omitted optional range can still name the row. */
function shapeOf(a: Arg, name: string): Pick<Arg, "name" | "rows" | "cols"> {
  return { name, rows: a.rows, cols: a.cols };
}

/**
 * Red mud generated per tonne of alumina over a period: total red mud ÷ total alumina (a ratio of totals, not a mean of ratios).
 * @customfunction REDMUD_RATIO
 * @param redMud Red mud generated, dry tonnes (one cell per month, refinery or batch).
 * @param alumina Alumina produced, tonnes, paired cell by cell with redMud.
 * @returns Dry tonnes of red mud per tonne of alumina.
 */
export function REDMUD_RATIO(redMud: any[][], alumina: any[][]): number {
  return run(() => {
    const a = asArg(redMud, "redMud");
    const b = asArg(alumina, "alumina");
    const n = pairedLength([a, b]);
    const rm = readNumbers(a, n, { nonNegative: true });
    const al = readNumbers(b, n, { nonNegative: true });
    requireComplete(n, [
      { arg: a, fill: numberFill(rm) },
      { arg: b, fill: numberFill(al) },
    ]);
    return finite(redMudRatio(rm.values, al.values), "REDMUD_RATIO");
  }, (e) => (e.kind === "division_by_zero" ? "alumina" : undefined));
}

/**
 * Dry red mud mass from a wet mass and its moisture content. Returns one value per cell of wet.
 * @customfunction DRY_MASS
 * @param wet Wet mass (tonnes); a single cell or a range.
 * @param moisture Moisture as a fraction or percentage (35% or 0.35): one cell for all, or one per cell of wet.
 * @param [basis] "wet" (default): moisture = water / total mass. "dry": moisture = water / dry solids. 湿基/干基 accepted.
 * @returns Dry mass (same unit as wet), same shape as wet; blank wet cells stay blank.
 */
export function DRY_MASS(wet: any[][], moisture: any[][], basis?: any): any[][] {
  return run(() => {
    const w = asArg(wet, "wet");
    const m = asArg(moisture, "moisture");
    const basisText = optionalText(basis, "basis");
    const b = basisText === undefined ? "wet" : lookupMoistureBasis(basisText);
    if (b === undefined) {
      fail("invalidValue", `basis: '${basisText}' is not a moisture basis; use "wet" (water / total mass) or "dry" (water / dry solids)`);
    }
    const total = cellCount(w);
    if (!m.present || cellCount(m) === 0) fail("invalidValue", "moisture is missing; enter the moisture (e.g. 35%)");
    const broadcast = cellCount(m) === 1;
    if (!broadcast && cellCount(m) !== total) {
      fail("invalidValue", `moisture has ${cellCount(m)} cells but wet has ${total}; give one moisture for all, or one per cell of wet`);
    }
    const out: any[][] = new Array(w.rows);
    for (let r = 0; r < w.rows; r++) out[r] = new Array(w.cols);
    for (let i = 0; i < total; i++) {
      const r = Math.floor(i / w.cols);
      const c = i - r * w.cols;
      const v = cell(w, i);
      if (isBlankCell(v)) {
        out[r][c] = "";
        continue;
      }
      const wetT = checkNumber(v, w, i, { nonNegative: true });
      const mi = broadcast ? 0 : i;
      const mv = cell(m, mi);
      if (isBlankCell(mv)) fail("invalidValue", `${where(m, mi)}: is blank; enter the moisture (e.g. 35%)`);
      const u = checkNumber(mv, m, mi, b === "wet" ? { fraction: true } : { nonNegative: true });
      try {
        out[r][c] = finite(dryMass(wetT, u, b), "DRY_MASS");
      } catch (e) {
        if (e instanceof CalcError) fail("invalidValue", `${where(m, mi)}: ${e.message}`);
        throw e;
      }
    }
    return out;
  });
}

/**
 * Red mud per tonne of primary aluminium: red mud per tonne of alumina × alumina per tonne of aluminium.
 * @customfunction REDMUD_PER_AL
 * @param ratio Dry tonnes of red mud per tonne of alumina (e.g. 1.2, the IAI typical value).
 * @param [aluminaPerAl] Tonnes of alumina per tonne of aluminium; default 1.928 (European Aluminium EPR 2018, global). Must be ≥ 1.8895 (stoichiometry).
 * @returns Dry tonnes of red mud per tonne of primary aluminium.
 */
export function REDMUD_PER_AL(ratio: any, aluminaPerAl?: any): number {
  return run(() => {
    const r = requiredNumber(ratio, "ratio", { nonNegative: true });
    const a = optionalNumber(aluminaPerAl, "aluminaPerAl") ?? defaultValue("ALUMINA_PER_AL");
    return finite(redMudPerAluminium(r, a), "REDMUD_PER_AL");
  }, (e) => (e.field === "aluminaPerAl" ? "aluminaPerAl" : e.field === "redMudPerAlumina" ? "ratio" : undefined));
}

/**
 * Red mud intensity of a product, cut-off method: red mud behind the primary aluminium used ÷ product output. Scrap inputs carry no red mud.
 * @customfunction REDMUD_INTENSITY
 * @param primaryMassT Primary aluminium used, tonnes (one cell per source smelter).
 * @param redMudPerTAlumina Dry tonnes of red mud per tonne of alumina for each source, paired with primaryMassT.
 * @param productOutputT Saleable product output, tonnes (a cell, or a range that is summed).
 * @param [aluminaPerAl] Tonnes of alumina per tonne of aluminium: one value for all sources or one per source; default 1.928.
 * @returns kg of dry red mud per kg of product (= t/t).
 */
export function REDMUD_INTENSITY(primaryMassT: any[][], redMudPerTAlumina: any[][], productOutputT: any[][], aluminaPerAl?: any[][]): number {
  const pm = asArg(primaryMassT, "primaryMassT");
  const rr = asArg(redMudPerTAlumina, "redMudPerTAlumina");
  const aa = asArg(aluminaPerAl, "aluminaPerAl");
  return run(() => {
    const broadcastA = !aa.present || cellCount(aa) <= 1;
    const n = pairedLength(broadcastA ? [pm, rr] : [pm, rr, aa]);
    const quick = intensityInOnePass(n, pm, rr, broadcastA ? undefined : aa, aluminaPerAl, productOutputT);
    if (quick !== undefined) return quick;
    const m = readNumbers(pm, n, { nonNegative: true });
    const r = readNumbers(rr, n, { nonNegative: true });
    const parts = [
      { arg: pm, fill: numberFill(m) },
      { arg: rr, fill: numberFill(r) },
    ];
    let aCol: NumberColumn | undefined;
    let aAll = defaultValue("ALUMINA_PER_AL");
    if (broadcastA) {
      const given = optionalNumber(aluminaPerAl, "aluminaPerAl");
      if (given !== undefined) aAll = requireAluminaPerAl(given);
    } else {
      aCol = readNumbers(aa, n);
      parts.push({ arg: aa, fill: numberFill(aCol) });
    }
    requireComplete(n, parts);
    const out = sumArg(asArg(productOutputT, "productOutputT"), { nonNegative: true });
    if (out.count === 0) fail("invalidValue", "productOutputT is blank; enter the product output in tonnes");
    // One PrimaryInput per cell with a mass, summed as it is read (no row objects: ranges can be whole columns).
    const burden = new PrimaryBurden();
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (m.blank[i] || m.values[i] === 0) continue; // contributes nothing
      const a = aCol ? requireAluminaPerAl(aCol.values[i], "aluminaPerAl", i) : aAll;
      burden.add(k++, m.values[i], r.values[i] * a);
    }
    return finite(redMudIntensityCutoff(burden, out.sum), "REDMUD_INTENSITY");
  }, (e) => {
    if (e.kind === "overflow") return "primaryMassT × redMudPerTAlumina";
    if (e.field === "aluminaPerAl") return e.index === undefined ? "aluminaPerAl" : where(aa, e.index);
    if (e.field === "outputT") return "productOutputT";
    return undefined;
  });
}

/**
 * REDMUD_INTENSITY in one pass over the cells, for the common case of column ranges whose every
 * cell is valid and every row complete (a whole-column argument then costs one read of its used
 * part). It gives up (undefined) wherever the full path in REDMUD_INTENSITY would raise an error,
 * so every message, its order and its cell come from that path; when it returns a value, the full
 * path would have summed the same inputs in the same order to the same number.
 */
function intensityInOnePass(n: number, pm: Arg, rr: Arg, aa: Arg | undefined, aluminaPerAl: unknown, productOutputT: unknown): number | undefined {
  const mc = columnCells(pm);
  const rc = columnCells(rr);
  const ac = aa && columnCells(aa);
  if (!mc || !rc || (aa && !ac)) return undefined;
  try {
    let aAll = defaultValue("ALUMINA_PER_AL");
    if (!aa) {
      const given = optionalNumber(aluminaPerAl, "aluminaPerAl");
      if (given !== undefined) aAll = requireAluminaPerAl(given);
    }
    const out = sumArg(asArg(productOutputT, "productOutputT"), { nonNegative: true });
    if (out.count === 0) return undefined;
    const burden = new PrimaryBurden();
    let k = 0;
    for (let i = 0; i < n; i++) {
      const m = quickNumber(mc[i]?.[0], true, false);
      const r = quickNumber(rc[i]?.[0], true, false);
      const a = ac ? quickNumber(ac[i]?.[0], false, false) : aAll;
      if (m !== m || r !== r || a !== a) return undefined; // NaN: a cell the full path reports
      // Incomplete row (a blank beside a non-zero value): the full path reports it.
      if ((m === null || r === null || a === null) && ((m !== null && m !== 0) || (r !== null && r !== 0) || (a !== null && a !== 0 && ac))) return undefined;
      if (m === null || m === 0) continue; // contributes nothing
      burden.add(k++, m, (r as number) * (ac ? requireAluminaPerAl(a as number, "aluminaPerAl", i) : aAll));
    }
    return finite(redMudIntensityCutoff(burden, out.sum), "REDMUD_INTENSITY");
  } catch {
    return undefined;
  }
}

/**
 * Red mud utilisation rate: utilised ÷ generated for newly generated red mud; with utilisedLegacy, the NBS-style rate (new + legacy utilised) ÷ (generated + legacy utilised).
 * @customfunction REDMUD_UTILIZATION
 * @param utilisedNew Red mud generated in the period and utilised in the period, dry tonnes (one cell per refinery).
 * @param generated Red mud generated in the period, dry tonnes, paired with utilisedNew.
 * @param [utilisedLegacy] Red mud taken from legacy stock and utilised in the period, dry tonnes. Given → NBS-style rate.
 * @returns Utilisation rate as a fraction (format as %).
 */
export function REDMUD_UTILIZATION(utilisedNew: any[][], generated: any[][], utilisedLegacy?: any[][]): number {
  return run(() => {
    const u = asArg(utilisedNew, "utilisedNew");
    const g = asArg(generated, "generated");
    const l = asArg(utilisedLegacy, "utilisedLegacy");
    // One legacy cell is a site total; a range is paired refinery by refinery.
    const legacyTotal = l.present && cellCount(l) <= 1;
    const n = pairedLength(legacyTotal ? [u, g] : [u, g, l]);
    const uc = readNumbers(u, n, { nonNegative: true });
    const gc = readNumbers(g, n, { nonNegative: true });
    const lc = readNumbers(legacyTotal ? asArg(null, l.name) : l, n, { nonNegative: true });
    requireComplete(n, [
      { arg: u, fill: numberFill(uc) },
      { arg: g, fill: numberFill(gc) },
    ]);
    let su = 0;
    let sg = 0;
    let sl = 0;
    for (let i = 0; i < n; i++) {
      if (uc.values[i] > gc.values[i]) {
        fail(
          "invalidValue",
          `${where(u, i)}: ${fmtNum(uc.values[i])} t utilised exceeds ${fmtNum(gc.values[i])} t generated; legacy-stock use belongs in utilisedLegacy`,
        );
      }
      su += uc.values[i];
      sg += gc.values[i];
      sl += lc.values[i];
    }
    if (legacyTotal) sl = optionalNumber(utilisedLegacy, "utilisedLegacy", { nonNegative: true }) ?? 0;
    const rate = l.present ? utilisationRateNbs(su, sl, sg) : utilisationRateNew(su, sg);
    return finite(rate, "REDMUD_UTILIZATION");
  }, (e) => (e.kind === "division_by_zero" ? "generated" : e.field));
}

/**
 * Shares of red mud going to each disposal/utilisation pathway, aggregated by pathway code, as a spilled two-column list.
 * @customfunction PATHWAY_SHARES
 * @param codes Pathway codes (e.g. STORE_DRY_STACK, USE_CEMENT_CLINKER_RAW) or their EN/中文 labels.
 * @param masses Dry tonnes sent to each pathway, paired with codes.
 * @param [withHeader] TRUE to add a header row (pathway_code, share). Default FALSE.
 * @returns Rows of [pathway code, share] in code-list order; shares sum to 1.
 */
export function PATHWAY_SHARES(codes: any[][], masses: any[][], withHeader?: any): any[][] {
  const c = asArg(codes, "codes");
  const m = asArg(masses, "masses");
  const pos: number[] = [];
  return run(() => {
    const header = optionalBoolean(withHeader, "withHeader", false);
    const n = pairedLength([c, m]);
    const ct = readTexts(c, n, "a red mud pathway code");
    const mc = readNumbers(m, n, { nonNegative: true });
    requireComplete(n, [
      { arg: c, fill: textFill(ct) },
      { arg: m, fill: numberFill(mc) },
    ]);
    const rows: PathwayRow[] = [];
    for (let i = 0; i < n; i++) {
      if (ct[i] === undefined) continue;
      rows.push({ code: ct[i] as string, massT: mc.values[i] });
      pos.push(i);
    }
    const shares = pathwayShares(rows);
    const out: any[][] = header ? [["pathway_code", "share"]] : [];
    for (const s of shares) out.push([s.code, finite(s.share, "PATHWAY_SHARES")]);
    return out;
  }, (e) => (e.kind === "division_by_zero" ? "masses" : locator({ code: c, massT: m }, pos)(e)));
}

// ---------------------------------------------------------------------------------------------
// Recycled content

function recycledFromArgs(
  masses: unknown,
  classes: unknown,
  denominator: unknown,
  countInternalCrossProcess: unknown,
  recycledShares: unknown,
  postConsumerShares: unknown,
  alContents: unknown,
) {
  const m = asArg(masses, "masses");
  const c = asArg(classes, "classes");
  const rs = asArg(recycledShares, "recycledShares");
  const ps = asArg(postConsumerShares, "postConsumerShares");
  const ac = asArg(alContents, "alContents");
  // pos[k] = the cell of the k-th row handed to the core (rows without a class are skipped).
  let pos = new Int32Array(0);
  return run(() => {
    const denomText = optionalText(denominator, "denominator") ?? "all_metal";
    const denom = denomText.toLowerCase();
    if (denom !== "all_metal" && denom !== "al_only") {
      fail("invalidValue", `denominator: '${denomText}' is not a method; use "all_metal" (all metal inputs) or "al_only" (aluminium only)`);
    }
    const countInternal = optionalBoolean(countInternalCrossProcess, "countInternalCrossProcess", false);
    // Rows are where a mass or a class is; a share or Al content beside no class is never read.
    const n = pairedLength([m, c, rs, ps, ac], [m, c]);
    const method: RecycledMethod = { denominator: denom as Denominator, countInternalCrossProcess: countInternal };
    const quick = recycledInOnePass(n, m, c, rs, ps, ac, method);
    if (quick) return quick;
    const mc = readNumbers(m, n, { nonNegative: true });
    const cc = readCodes(c, n, "an input class", lookupInputClass, INPUT_CLASS_CODES);
    checkNumbers(rs, n, { fraction: true });
    checkNumbers(ps, n, { fraction: true });
    checkNumbers(ac, n, { fraction: true });
    requireComplete(n, [
      { arg: m, fill: numberFill(mc) },
      { arg: c, fill: codeFill(cc) },
    ]);
    // One MetalInputRow per cell with a class, summed as it is read (no row objects: ranges can be whole columns).
    const sum = new RecycledContentSum(method);
    pos = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const code = cc[i];
      if (code === BLANK_CODE) continue;
      if (code === UNKNOWN_CODE) {
        fail("invalidValue", `${where(c, i)}: '${textAt(c, i)}' is not an input class; use one of ${INPUT_CLASSES.map((e) => e.code).join(", ")}`);
      }
      pos[k] = i;
      sum.add(
        k++,
        mc.values[i],
        INPUT_CLASS_CODES[code - 1],
        optionalNumberAt(rs, i),
        optionalNumberAt(ps, i),
        optionalNumberAt(ac, i),
      );
    }
    return sum.result();
  }, (e) => {
    if (e.kind === "division_by_zero") return "masses";
    return locator(
      {
        massT: m,
        inputClass: c,
        recycledShare: rs.present ? rs : shapeOf(m, "recycledShares"),
        postConsumerShare: ps.present ? ps : shapeOf(m, "postConsumerShares"),
        alContent: ac.present ? ac : shapeOf(m, "alContents"),
      },
      pos,
    )(e);
  });
}

/**
 * recycledFromArgs in one pass over the cells, for the common case of column ranges whose every
 * cell is valid and every row complete. It gives up (undefined) wherever the full path would raise
 * an error (a bad cell, an incomplete row, an unknown class, an error of the core), so every
 * message, its order and its cell come from that path; when it returns a result, the full path
 * would have summed the same rows in the same order with the same numbers.
 */
function recycledInOnePass(n: number, m: Arg, c: Arg, rs: Arg, ps: Arg, ac: Arg, method: RecycledMethod): RecycledResult | undefined {
  const mc = columnCells(m);
  const cc = columnCells(c);
  const sc = columnCells(rs);
  const pc = columnCells(ps);
  const alc = columnCells(ac);
  if (!mc || !cc || (rs.present && !sc) || (ps.present && !pc) || (ac.present && !alc)) return undefined;
  // Class text → code (null: not an input class); texts repeat down a column.
  const classes = new Map<string, string | null>();
  try {
    const sum = new RecycledContentSum(method);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const mass = quickNumber(mc[i]?.[0], true, false);
      const s = sc ? quickNumber(sc[i]?.[0], false, true) : null;
      const p = pc ? quickNumber(pc[i]?.[0], false, true) : null;
      const al = alc ? quickNumber(alc[i]?.[0], false, true) : null;
      if (mass !== mass || s !== s || p !== p || al !== al) return undefined; // NaN: a cell the full path reports
      const v = cc[i]?.[0];
      if (isBlankCell(v) || v === 0) {
        if (mass !== null && mass !== 0) return undefined; // a mass without its class
        continue;
      }
      if (typeof v !== "string" || mass === null) return undefined;
      let cls = classes.get(v);
      if (cls === undefined) {
        cls = lookupInputClass(v.trim()) ?? null;
        classes.set(v, cls);
      }
      if (cls === null) return undefined;
      sum.add(k++, mass, cls, s ?? undefined, p ?? undefined, al ?? undefined);
    }
    return sum.result();
  } catch {
    return undefined;
  }
}

/**
 * Recycled content share (ISO 14021, input-based): (pre-consumer + post-consumer) ÷ metal input. Run-around scrap is excluded from both sides.
 * @customfunction RECYCLED_SHARE
 * @param masses Metal input masses, tonnes (one cell per input lot).
 * @param classes Input class per lot: primary_ingot, primary_liquid, secondary_ingot, pre_consumer_scrap_external, pre_consumer_scrap_internal_cross_process, post_consumer_scrap, run_around_scrap, alloying_element, master_alloy (or EN/中文 labels).
 * @param [denominator] "all_metal" (default): all metal inputs. "al_only": aluminium only (alloying elements and the non-Al part of master alloys left out).
 * @param [countInternalCrossProcess] TRUE to count scrap from another process of the same company as pre-consumer. Default FALSE (it stays in the denominator only).
 * @param [recycledShares] For secondary_ingot rows: recycled share declared by the ingot producer (0-100%).
 * @param [postConsumerShares] For secondary_ingot rows: post-consumer share of the recycled part (0-100%).
 * @param [alContents] Aluminium content per row (0-100%); needed for master_alloy rows when denominator is "al_only".
 * @returns Recycled content as a fraction (format as %).
 */
export function RECYCLED_SHARE(
  masses: any[][],
  classes: any[][],
  denominator?: any,
  countInternalCrossProcess?: any,
  recycledShares?: any[][],
  postConsumerShares?: any[][],
  alContents?: any[][],
): number {
  const r = recycledFromArgs(masses, classes, denominator, countInternalCrossProcess, recycledShares, postConsumerShares, alContents);
  return finite(r.share, "RECYCLED_SHARE");
}

/**
 * Recycled content split into pre-consumer, post-consumer and total shares (ISO 14021, input-based), as a spilled 3×2 table.
 * @customfunction RECYCLED_SPLIT
 * @param masses Metal input masses, tonnes (one cell per input lot).
 * @param classes Input class per lot (same codes as RECYCLED_SHARE).
 * @param [denominator] "all_metal" (default) or "al_only".
 * @param [countInternalCrossProcess] TRUE to count internal cross-process scrap as pre-consumer. Default FALSE.
 * @param [recycledShares] For secondary_ingot rows: recycled share declared by the ingot producer.
 * @param [postConsumerShares] For secondary_ingot rows: post-consumer share of the recycled part.
 * @param [alContents] Aluminium content per row; needed for master_alloy rows when denominator is "al_only".
 * @returns Rows pre_consumer, post_consumer and total, each with its share as a fraction.
 */
export function RECYCLED_SPLIT(
  masses: any[][],
  classes: any[][],
  denominator?: any,
  countInternalCrossProcess?: any,
  recycledShares?: any[][],
  postConsumerShares?: any[][],
  alContents?: any[][],
): any[][] {
  const r = recycledFromArgs(masses, classes, denominator, countInternalCrossProcess, recycledShares, postConsumerShares, alContents);
  return [
    ["pre_consumer", finite(r.preConsumerShare, "RECYCLED_SPLIT")],
    ["post_consumer", finite(r.postConsumerShare, "RECYCLED_SPLIT")],
    ["total", finite(r.share, "RECYCLED_SPLIT")],
  ];
}

/**
 * Mass-weighted average of shares (e.g. recycled content over batches or products): Σ share × mass ÷ Σ mass.
 * @customfunction WEIGHTED_SHARE
 * @param shares Shares as fractions or percentages (40% or 0.4).
 * @param masses Masses, paired with shares.
 * @returns The mass-weighted share as a fraction.
 */
export function WEIGHTED_SHARE(shares: any[][], masses: any[][]): number {
  return run(() => {
    const s = asArg(shares, "shares");
    const m = asArg(masses, "masses");
    const n = pairedLength([s, m]);
    const sc = readNumbers(s, n, { fraction: true });
    const mc = readNumbers(m, n, { nonNegative: true });
    requireComplete(n, [
      { arg: s, fill: numberFill(sc) },
      { arg: m, fill: numberFill(mc) },
    ]);
    return finite(weightedShare(sc.values, mc.values), "WEIGHTED_SHARE");
  }, (e) => (e.kind === "division_by_zero" || e.kind === "overflow" ? "masses" : undefined));
}

/**
 * Scrap used per tonne of product (EU CBAM parameter; may exceed 100%). With classes, only scrap classes count: pre-consumer (bought-in and internal cross-process) and post-consumer; run-around scrap, primary, secondary ingot and alloying inputs are left out.
 * @customfunction SCRAP_PER_TONNE
 * @param scrapMasses Scrap masses, tonnes (or all metal input masses when classes is given).
 * @param productOutput Product output, tonnes, same unit as scrapMasses (a cell, or a range that is summed).
 * @param [classes] Input class per row of scrapMasses; rows that are not scrap are left out.
 * @returns Tonnes of scrap per tonne of product.
 */
export function SCRAP_PER_TONNE(scrapMasses: any[][], productOutput: any[][], classes?: any[][]): number {
  const m = asArg(scrapMasses, "scrapMasses");
  const c = asArg(classes, "classes");
  return run(() => {
    const n = pairedLength([m, c]);
    const mc = readNumbers(m, n, { nonNegative: true });
    let scrap = 0;
    if (c.present) {
      const ct = readTexts(c, n, "an input class");
      requireComplete(n, [
        { arg: m, fill: numberFill(mc) },
        { arg: c, fill: textFill(ct) },
      ]);
      const rows: { massT: number; inputClass: string }[] = [];
      for (let i = 0; i < n; i++) {
        const t = ct[i];
        if (t === undefined) continue;
        if (lookupInputClass(t) === undefined) fail("invalidValue", `${where(c, i)}: '${t}' is not an input class`);
        rows.push({ massT: mc.values[i], inputClass: t });
      }
      scrap = scrapMassT(rows);
    } else {
      for (let i = 0; i < n; i++) scrap += mc.values[i];
    }
    const out = sumArg(asArg(productOutput, "productOutput"), { nonNegative: true });
    if (out.count === 0) fail("invalidValue", "productOutput is blank; enter the product output in tonnes");
    return finite(scrapPerTonne(scrap, out.sum), "SCRAP_PER_TONNE");
  }, (e) => (e.kind === "division_by_zero" ? "productOutput" : e.kind === "overflow" ? "scrapMasses" : undefined));
}

/**
 * Converts a mass between units: t, kg, g, kt, Mt (megatonne), lb, short ton, long ton, 吨, 千克, 公斤, 克, 千吨, 万吨, 百万吨, 亿吨, 市斤. Ambiguous units (ton, MT, 斤) are refused with an explanation.
 * @customfunction CONVERT_MASS
 * @param value Mass to convert: a cell or a range (converted cell by cell).
 * @param fromUnit Unit of value, e.g. "kg" or "万吨".
 * @param toUnit Unit wanted, e.g. "t".
 * @returns The converted mass, same shape as value; blank cells stay blank.
 */
export function CONVERT_MASS(value: any[][], fromUnit: any, toUnit: any): any[][] {
  return run(() => {
    const from = parseMassUnit(optionalText(fromUnit, "fromUnit") ?? "");
    if (!from.ok) fail("invalidValue", `fromUnit: ${from.message}`);
    const to = parseMassUnit(optionalText(toUnit, "toUnit") ?? "");
    if (!to.ok) fail("invalidValue", `toUnit: ${to.message}`);
    const v = asArg(value, "value");
    if (cellCount(v) === 0) fail("invalidValue", "value is missing; enter a mass");
    const out: any[][] = new Array(v.rows);
    for (let r = 0; r < v.rows; r++) out[r] = new Array(v.cols);
    const total = cellCount(v);
    for (let i = 0; i < total; i++) {
      const r = Math.floor(i / v.cols);
      const x = cell(v, i);
      out[r][i - r * v.cols] = isBlankCell(x) ? "" : finite(coreConvertMass(checkNumber(x, v, i, {}), from.unit, to.unit), "CONVERT_MASS");
    }
    return out;
  });
}
