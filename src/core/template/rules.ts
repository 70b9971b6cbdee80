/**
 * The cross-row and cross-sheet rules (docs/METHOD.md §7, V1–V22) over the typed columns that
 * validate.ts read. They add findings, fill documented defaults into blanks, convert wet red mud
 * (bauxite residue) to dry and clear values that do not apply; `i` is a data row, `d.rowOf[i]` its
 * sheet row. One small function per sheet, so each hot loop is optimised on its own (one function
 * of all the rules was too large for V8 to keep optimised across runs).
 */
import { a1 } from "../cells";
import { getDefault } from "../defaults";
import { clipText, type Msg } from "../findings";
import { addYearsToSerial, isoFromSerial } from "../parse";
import { Collector, findingAt, m } from "./collect";
import type { TemplateSheetKey } from "./spec";
import type { RowValue, SheetData, ValidateOptions } from "./validate";

type Sheets = Partial<Record<TemplateSheetKey, SheetData>>;

interface RuleContext {
  out: Collector;
  sheets: Sheets;
  opts: ValidateOptions;
  /** Default ID → the cells it filled. */
  defaults: Map<string, string[]>;
  notes: string[];
  /** Product IDs on 02_Products. */
  productIds: Set<string>;
  /** Smelter IDs on 04_Primary_Sources. */
  smelterIds: Set<string>;
  /** What later rules need from 03_Metal_Inputs, gathered in its one pass over the rows. */
  inputs: InputSummary;
}

/** Where a product's recycled-content denominator comes from: its first row with a class, and whether any holds metal. */
interface Reach {
  first: number;
  metal: boolean;
}

interface InputSummary {
  /** Tonnes of every input but run-around scrap (the metal balance, V9). */
  metalT: number;
  /** Any pre-consumer scrap with a mass (V17). */
  hasPreConsumer: boolean;
  /** Site-wide rows (no product ID), and rows per product ID. */
  site: Reach | undefined;
  byProduct: Map<string, Reach>;
}

/** Runs every rule; returns the defaults used (ID → cells) and notes for the report. */
export function applyRules(sheets: Sheets, out: Collector, opts: ValidateOptions): { defaults: Map<string, string[]>; notes: string[] } {
  const ctx: RuleContext = { out, sheets, opts, defaults: new Map(), notes: [], productIds: textsOf(sheets.products, "product_id"), smelterIds: new Set(), inputs: { metalT: 0, hasPreConsumer: false, site: undefined, byProduct: new Map() } };
  periodRule(ctx);
  productRules(ctx);
  primarySourceRules(ctx);
  metalInputRules(ctx);
  denominatorRule(ctx);
  refineryRules(ctx);
  pathwayRules(ctx);
  outputRules(ctx);
  footprintRules(ctx);
  evidenceRules(ctx);
  return { defaults: ctx.defaults, notes: ctx.notes };
}

const num = (x: RowValue): number | undefined => (typeof x === "number" ? x : undefined);
const str = (x: RowValue): string | undefined => (typeof x === "string" ? x : undefined);

/** The declared shares only secondary ingot takes (03_Metal_Inputs). */
const SECONDARY_SHARE_KEYS = ["recycled_share", "post_consumer_share"] as const;

/** The A1 address of column `key` on data row `i` ("" when the column is not on the sheet). */
function at(d: SheetData, i: number, key: string): string {
  const c = d.columns.get(key);
  return c === undefined ? "" : a1(d.rowOf[i], c);
}

function useDefault(ctx: RuleContext, id: string, where: string): void {
  const list = ctx.defaults.get(id);
  if (list) list.push(where);
  else ctx.defaults.set(id, [where]);
}

/** 09_Footprint columns PACT 3 makes required for periods ending from 2025 (V16). */
export const V16_KEYS = ["pcf_incl_biogenic", "primary_data_share", "dqr_technological", "dqr_temporal", "dqr_geographical"] as const;

/** Whether V16 applies: the period ends on or after 2025-01-01 (serial 45658). */
export function pactFrom2025(periodEnd: number | undefined): boolean {
  return periodEnd !== undefined && periodEnd >= 45658;
}

/** The last day a footprint may be valid: PACT's exclusive period end (the next day) + `years`, less one day. */
export function lastValidDay(periodEnd: number, years: number): number {
  return addYearsToSerial(Math.floor(periodEnd) + 1, years) - 1;
}

function redMudTolerance(opts: ValidateOptions): number {
  return opts.redMudBalanceTolerance ?? getDefault("REDMUD_BALANCE_TOLERANCE").value;
}

/** DUPLICATE_ID for every repeat of a key that must be unique on its sheet. */
function dupCheck(out: Collector, d: SheetData | undefined, keyOf: (i: number) => string | undefined, col: string, what: Msg, show: (key: string) => string = (k) => k): void {
  if (!d) return;
  if (strictlyAscending(d.count, keyOf)) return;
  // A Set finds whether any key repeats at a third of a Map's cost; only then is the Map built
  // that names each duplicate's first row.
  const keys = new Set<string>();
  let repeats = false;
  for (let i = 0; i < d.count; i++) {
    const k = keyOf(i);
    if (k === undefined) continue;
    const size = keys.size;
    keys.add(k);
    if (keys.size === size) {
      repeats = true;
      break;
    }
  }
  if (!repeats) return;
  const seen = new Map<string, number>();
  for (let i = 0; i < d.count; i++) {
    const k = keyOf(i);
    if (k === undefined) continue;
    const first = seen.get(k);
    if (first !== undefined) {
      out.add(d.sheet, at(d, i, col), "error", "DUPLICATE_ID", m(`${what.en} "${clipText(show(k))}" appears again (first at ${at(d, first, col)}); each must be unique.`, `${what.zh}"${clipText(show(k))}"重复（首次出现在 ${at(d, first, col)}）；须唯一。`), col);
    } else seen.set(k, i);
  }
}

/**
 * Keys that only ever increase (IDs numbered down the sheet, as ERP exports list them) cannot
 * repeat: one comparison per row instead of a hash-set insert.
 */
function strictlyAscending(count: number, keyOf: (i: number) => string | undefined): boolean {
  let prev: string | undefined;
  for (let i = 0; i < count; i++) {
    const k = keyOf(i);
    if (k === undefined) continue;
    if (prev !== undefined && !(prev < k)) return false;
    prev = k;
  }
  return true;
}

/** The distinct texts of one column. */
function textsOf(d: SheetData | undefined, key: string): Set<string> {
  const set = new Set<string>();
  if (!d) return set;
  for (const x of d.col(key)) if (typeof x === "string" && x) set.add(x);
  return set;
}


/** 01 supplier: period (V1) */
function periodRule(ctx: RuleContext): void {
  const { out, sheets } = ctx;
  const sup = sheets.supplier;
  if (sup && sup.count > 0) {
    const s = num(sup.col("period_start")[0]);
    const e = num(sup.col("period_end")[0]);
    if (s !== undefined && e !== undefined) {
      if (e <= s) {
        out.add(sup.sheet, at(sup, 0, "period_end"), "error", "V1", m(
          `The period ends (${isoFromSerial(e)}) before it starts (${isoFromSerial(s)}); check both dates.`,
          `报告期结束日期（${isoFromSerial(e)}）早于开始日期（${isoFromSerial(s)}）；请核对。`,
        ), "period_end");
      } else {
        const days = e - s + 1;
        if (days < 360 || days > 370) {
          out.add(sup.sheet, at(sup, 0, "period_end"), "warning", "V1", m(
            `The period covers ${days} days; reporting periods are normally 12 months (CBAM, PACT).`,
            `报告期为 ${days} 天；报告期通常为12个月（CBAM、PACT）。`,
          ), "period_end");
        }
      }
    }
  }
}

/** 02 products */
function productRules(ctx: RuleContext): void {
  const { out, sheets, productIds } = ctx;
  const prods = sheets.products;
  const prodId = prods?.col("product_id");
  dupCheck(out, prods, (i) => str(prodId![i]), "product_id", m("Product ID", "产品编号"));
  if (prods) {
    const unit = prods.col("declared_unit");
    const massPer = prods.col("mass_per_declared_unit_kg");
    for (let i = 0; i < prods.count; i++) {
      const du = str(unit[i]);
      const mass = num(massPer[i]);
      if ((du === "piece" || du === "square meter") && mass === undefined) {
        out.add(prods.sheet, at(prods, i, "mass_per_declared_unit_kg"), "error", "REQUIRED", m(`A ${du} declared unit needs its mass in kg.`, `申报单位为"${du}"时须填写单位质量（千克）。`), "mass_per_declared_unit_kg");
      }
      if (du === "kilogram" && mass !== undefined && mass !== 1) {
        out.add(prods.sheet, at(prods, i, "mass_per_declared_unit_kg"), "warning", "DECLARED_UNIT", m(`The declared unit is kilogram, so the mass per unit is 1 kg; ${mass} is ignored.`, `申报单位为千克，单位质量应为1千克；${mass} 已忽略。`), "mass_per_declared_unit_kg");
        massPer[i] = 1;
      }
      if (du === "kilogram" && mass === undefined) massPer[i] = 1;
    }
  }
}

/** 04 primary sources (chain factors) */
function primarySourceRules(ctx: RuleContext): void {
  const { out, sheets, smelterIds } = ctx;
  const prim = sheets.primary_sources;
  if (prim) {
    const smelter = prim.col("smelter_id");
    const refinery = prim.col("refinery_id");
    const share = prim.col("refinery_share");
    const alumina = prim.col("alumina_per_al");
    const redMud = prim.col("redmud_per_alumina");
    const redMudDefault = prim.col("redmud_default");
    const ghg = prim.col("primary_ghg");
    // The pair's key joins the IDs with a character no cell holds: "SM / A" + "B" is not "SM" + "A / B".
    dupCheck(out, prim, (i) => (str(smelter[i]) && str(refinery[i]) ? `${smelter[i]}\u0000${refinery[i]}` : undefined), "refinery_id", m("Smelter/refinery pair", "电解铝厂/氧化铝厂组合"), (k) => k.replace("\u0000", " / "));
    const aMin = getDefault("ALUMINA_PER_AL_STOICH_MIN").value;
    const aWarn = getDefault("ALUMINA_PER_AL_WARN_MAX").value;
    const rMin = getDefault("REDMUD_RATIO_WARN_MIN").value;
    const rMax = getDefault("REDMUD_RATIO_WARN_MAX").value;
    const bySmelter = new Map<string, number[]>();
    for (let i = 0; i < prim.count; i++) {
      const sid = str(smelter[i]);
      if (sid) {
        smelterIds.add(sid);
        const list = bySmelter.get(sid);
        if (list) list.push(i);
        else bySmelter.set(sid, [i]);
      }
      if (num(share[i]) === 0) {
        out.add(prim.sheet, at(prim, i, "refinery_share"), "warning", "ZERO_UNKNOWN", m(
          `A refinery share of 0 % adds nothing to the smelter's red mud: if the share is unknown, find it out (a 0 understates the refinery's part); if the refinery supplied no alumina in the period, delete the row.`,
          `氧化铝来源比例为0%不计入任何赤泥：若比例未知，请查明后填写（填0会低估该厂的份额）；若该厂在报告期内未供货，请删除该行。`,
        ), "refinery_share");
      }
      const a = num(alumina[i]);
      if (a === undefined && alumina[i] === undefined && !findingAt(out, prim.sheet, at(prim, i, "alumina_per_al"))) {
        alumina[i] = getDefault("ALUMINA_PER_AL").value;
        useDefault(ctx, "ALUMINA_PER_AL", `'${prim.sheet}'!${at(prim, i, "alumina_per_al") || a1(prim.rowOf[i], 0)}`);
        if (prim.columns.has("alumina_per_al")) {
          out.add(prim.sheet, at(prim, i, "alumina_per_al"), "info", "DEFAULT_USED", m(`Blank: the default ${alumina[i]} t alumina/t Al (${getDefault("ALUMINA_PER_AL").source.citation}) is used.`, `未填写：使用默认值 ${alumina[i]} 吨氧化铝/吨铝。`), "alumina_per_al");
        }
      } else if (a !== undefined) {
        if (a < aMin) {
          out.add(prim.sheet, at(prim, i, "alumina_per_al"), "error", "V7", m(`${a} t alumina/t Al is below the stoichiometric minimum ${aMin}; check the unit (t alumina per t aluminium).`, `${a} 吨氧化铝/吨铝低于化学计量最小值 ${aMin}；请核对单位。`), "alumina_per_al");
          alumina[i] = undefined;
        } else if (a > aWarn) {
          out.add(prim.sheet, at(prim, i, "alumina_per_al"), "warning", "V7", m(`${a} t alumina/t Al is above the usual ${aWarn}; confirm it.`, `${a} 吨氧化铝/吨铝高于常见值 ${aWarn}；请确认。`), "alumina_per_al");
        }
      }
      const ratio = num(redMud[i]);
      if (ratio === undefined && redMud[i] === undefined && !findingAt(out, prim.sheet, at(prim, i, "redmud_per_alumina"))) {
        const def = getDefault("REDMUD_PER_ALUMINA");
        redMud[i] = def.value;
        redMudDefault[i] = 1;
        useDefault(ctx, "REDMUD_PER_ALUMINA", `'${prim.sheet}'!${at(prim, i, "redmud_per_alumina") || a1(prim.rowOf[i], 0)}`);
        out.add(prim.sheet, at(prim, i, "redmud_per_alumina") || a1(prim.rowOf[i], 0), "warning", "DEFAULT_USED", m(
          `No red mud ratio for refinery ${refinery[i] ?? "?"}: the literature default ${def.value} dry t/t alumina (${def.source.citation}) is used and flagged in the report. Ask the refinery for its figure.`,
          `氧化铝厂 ${refinery[i] ?? "?"} 未提供赤泥产率：使用文献默认值 ${def.value} 干吨/吨氧化铝，并在报告中标注。请向氧化铝厂索取实际数据。`,
        ), "redmud_per_alumina");
      } else if (ratio !== undefined) {
        if (ratio === 0) {
          out.add(prim.sheet, at(prim, i, "redmud_per_alumina"), "error", "ZERO_UNKNOWN", m(`0 t red mud per t alumina is not possible for a refinery; if the figure is unknown leave the cell blank (the documented default is then used and flagged).`, `赤泥产率不可能为0；若未知请留空（将使用并标注默认值）。`), "redmud_per_alumina");
          redMud[i] = undefined;
        } else if (ratio < rMin || ratio > rMax) {
          out.add(prim.sheet, at(prim, i, "redmud_per_alumina"), "warning", "V6", m(`${ratio} t/t alumina is outside the published range ${rMin}–${rMax} (LME); check the unit and the moisture basis (dry).`, `${ratio} 吨/吨氧化铝超出公开范围 ${rMin}–${rMax}；请核对单位和干基。`), "redmud_per_alumina");
        }
      }
    }
    const tol = getDefault("REFINERY_SHARE_SUM_TOLERANCE").value;
    for (const [sid, rows] of bySmelter) {
      const shares = rows.map((i) => num(share[i]));
      if (shares.some((s) => s === undefined)) continue; // already reported per cell
      const sum = shares.reduce((a, b) => a! + b!, 0)!;
      if (Math.abs(sum - 1) > tol) {
        out.add(prim.sheet, at(prim, rows[0], "refinery_share"), "error", "V8", m(
          `The refinery shares of smelter ${sid} add up to ${+(sum * 100).toFixed(2)} %, not 100 %; correct rows ${rows.map((i) => prim.rowOf[i] + 1).join(", ")}.`,
          `电解铝厂 ${sid} 的氧化铝来源比例合计为 ${+(sum * 100).toFixed(2)}%，不是100%；请修正第 ${rows.map((i) => prim.rowOf[i] + 1).join("、")} 行。`,
        ), "refinery_share");
      }
      const as = new Set(rows.map((i) => num(alumina[i])).filter((x) => x !== undefined));
      if (as.size > 1) {
        out.add(prim.sheet, at(prim, rows[1], "alumina_per_al"), "error", "V7", m(`Smelter ${sid} has different alumina-per-aluminium figures on its rows; a smelter has one figure for the period.`, `电解铝厂 ${sid} 各行的吨铝氧化铝单耗不一致；每个电解铝厂在报告期内只有一个数值。`), "alumina_per_al");
      }
      // One declared footprint per smelter, on each of its rows (a blank beside a figure disagrees too).
      const ghgs = rows.filter((i) => num(ghg[i]) !== undefined);
      if (ghgs.length > 0 && (new Set(ghgs.map((i) => ghg[i])).size > 1 || ghgs.length < rows.length)) {
        const odd = rows.find((i) => ghg[i] !== ghg[ghgs[0]])!;
        const shown = rows.map((i) => (num(ghg[i]) === undefined ? "blank" : String(ghg[i])));
        out.add(prim.sheet, at(prim, odd, "primary_ghg"), "warning", "V18", m(
          `Smelter ${sid} has different primary aluminium footprints on its rows (${shown.join(", ")} t CO2e/t); a smelter declares one figure for the period: enter it on each of its rows.`,
          `电解铝厂 ${sid} 各行的原铝碳足迹不一致（${shown.map((x) => (x === "blank" ? "空白" : x)).join("、")} 吨CO2e/吨）；每个电解铝厂在报告期内只声明一个数值，请在其每一行填写。`,
        ), "primary_ghg");
      }
    }
    // V18: a declared primary aluminium footprint far outside the published range is most likely a unit slip (kg for t, per kg for per t).
    const gMin = getDefault("PRIMARY_GHG_WARN_MIN").value;
    const gMax = getDefault("PRIMARY_GHG_WARN_MAX").value;
    for (let i = 0; i < prim.count; i++) {
      const g = num(ghg[i]);
      if (g === undefined || (g >= gMin && g <= gMax)) continue;
      out.add(prim.sheet, at(prim, i, "primary_ghg"), "warning", "V18", m(
        `${g} t CO2e per t of primary aluminium is outside the published cradle-to-gate range ${gMin}–${gMax} (IAI); check the unit (t CO2e per t, not kg) and the boundary (cradle to gate, smelter's metal).`,
        `${g} 吨CO2e/吨原铝超出公开的摇篮到大门范围 ${gMin}–${gMax}（IAI）；请核对单位（吨CO2e/吨，而非千克）和边界（摇篮到大门，电解铝厂的原铝）。`,
      ), "primary_ghg");
    }
  }
}

/** 03 metal inputs */
function metalInputRules(ctx: RuleContext): void {
  const { out, sheets, productIds, smelterIds } = ctx;
  const prods = sheets.products;
  const prim = sheets.primary_sources;
  const inp = sheets.metal_inputs;
  if (inp) {
    const inputId = inp.col("input_id");
    const cls = inp.col("input_class");
    const mass = inp.col("mass_t");
    const product = inp.col("product_id");
    const smelter = inp.col("source_smelter_id");
    const alContent = inp.col("al_content");
    const declared = SECONDARY_SHARE_KEYS.map((k) => inp.col(k));
    const summary = ctx.inputs;
    dupCheck(out, inp, (i) => str(inputId[i]), "input_id", m("Input ID", "投入编号"));
    for (let i = 0; i < inp.count; i++) {
      if (mass[i] === 0) {
        out.add(inp.sheet, at(inp, i, "mass_t"), "warning", "ZERO_UNKNOWN", m(
          `A mass of 0 t adds nothing: if the mass is unknown, find it out (a 0 understates the inputs); if there was no such input, delete the row.`,
          `质量为0吨不计入任何数量：若质量未知，请查明后填写（填0会低估投入）；若无此投入，请删除该行。`,
        ), "mass_t");
      }
      const c = str(cls[i]);
      const pid = str(product[i]);
      if (pid) {
        const isSite = pid.length === 4 && pid.toUpperCase() === "SITE";
        if (isSite) product[i] = undefined;
        else if (prods && !productIds.has(pid)) {
          out.add(inp.sheet, at(inp, i, "product_id"), "error", "REF_PRODUCT", m(`Product "${clipText(pid)}" is not on ${prods.sheet}; add it there or correct the ID (blank = whole site).`, `产品"${clipText(pid)}"不在 ${prods.sheet} 中；请添加或更正编号（留空表示全厂）。`), "product_id");
        }
      }
      if (c === "primary_ingot" || c === "primary_liquid") {
        const sid = str(smelter[i]);
        if (!sid) {
          if (!findingAt(out, inp.sheet, at(inp, i, "source_smelter_id"))) out.add(inp.sheet, at(inp, i, "source_smelter_id") || at(inp, i, "input_class"), "error", "REQUIRED", m(`Primary metal needs its smelter ID so its red mud (bauxite residue) can be traced; add the smelter and list it on 04_Primary_Sources.`, `原铝须填写电解铝厂编号以追溯赤泥；请填写并在原铝来源表中列出该厂。`), "source_smelter_id");
        } else if (!smelterIds.has(sid)) {
          out.add(inp.sheet, at(inp, i, "source_smelter_id"), "error", "REF_SMELTER", m(`Smelter "${clipText(sid)}" is not on ${prim?.sheet ?? "04_Primary_Sources"}; add its refineries there.`, `电解铝厂"${clipText(sid)}"不在原铝来源表中；请在该表添加其氧化铝来源。`), "source_smelter_id");
        }
      }
      if (c === "secondary_ingot") {
        for (let j = 0; j < SECONDARY_SHARE_KEYS.length; j++) {
          const k = SECONDARY_SHARE_KEYS[j];
          if (num(declared[j][i]) === undefined && !findingAt(out, inp.sheet, at(inp, i, k))) {
            out.add(inp.sheet, at(inp, i, k) || at(inp, i, "input_class"), "error", "REQUIRED", m(
              `Secondary ingot needs the ${k === "recycled_share" ? "recycled share" : "post-consumer part of the recycled share"} declared by its producer.`,
              `再生铝锭须填写其生产商声明的${k === "recycled_share" ? "再生比例" : "再生部分中消费后比例"}。`,
            ), k);
          }
        }
        if (declared[0][i] === 0) {
          out.add(inp.sheet, at(inp, i, "recycled_share"), "warning", "ZERO_UNKNOWN", m(
            `Secondary ingot is remelted scrap, yet its recycled share is 0 %: a 0 typed for "unknown" counts the lot as primary metal and understates recycled content. Enter the share its producer declares; keep 0 only if the producer really declares 0 %.`,
            `再生铝锭由废铝重熔而成，但其再生比例为0%：以0表示"未知"会把该批次计为原铝，低估再生含量。请填写生产商声明的比例；仅当生产商确实声明为0%时保留0。`,
          ), "recycled_share");
        }
      } else if (c !== undefined) {
        for (let j = 0; j < SECONDARY_SHARE_KEYS.length; j++) {
          if (typeof declared[j][i] === "number") {
            const k = SECONDARY_SHARE_KEYS[j];
            out.add(inp.sheet, at(inp, i, k), "warning", "NOT_APPLICABLE", m(`Only secondary ingot takes a declared recycled share; for ${c} the class decides, so this value is ignored.`, `仅再生铝锭需填写声明的再生比例；对于该类别按类别计算，此值已忽略。`), k);
            declared[j][i] = undefined;
          }
        }
      }
      if (c === "master_alloy" && alContent[i] === 0) {
        out.add(inp.sheet, at(inp, i, "al_content"), "warning", "ZERO_UNKNOWN", m(
          `An aluminium master alloy (AlTi5B1, AlSr10 …) is mostly aluminium, so 0 % aluminium is most likely "unknown"; with an aluminium-only denominator the lot then counts as no aluminium. Enter the content from the mill certificate.`,
          `铝中间合金（如AlTi5B1、AlSr10）以铝为主，铝含量0%多半表示"未知"；采用铝基分母时该批次将按不含铝计。请按质保书填写铝含量。`,
        ), "al_content");
      }
      if (c === "master_alloy" && num(alContent[i]) === undefined && !findingAt(out, inp.sheet, at(inp, i, "al_content"))) {
        out.add(inp.sheet, at(inp, i, "al_content") || at(inp, i, "input_class"), "warning", "AL_CONTENT", m(`Master alloy without its aluminium content: with an aluminium-only denominator it is counted as 0 % aluminium.`, `中间合金未填写铝含量：采用铝基分母时按0%铝计。`), "al_content");
      }
      // For the later rules (the product ID is final now: "SITE" was made site-wide above).
      const t = num(mass[i]) ?? 0;
      if (c !== "run_around_scrap") summary.metalT += t;
      if (c !== undefined) {
        if (t > 0 && !summary.hasPreConsumer && c.startsWith("pre_consumer")) summary.hasPreConsumer = true;
        const metal = c !== "run_around_scrap" && t > 0;
        const p = str(product[i]);
        const e = p === undefined ? summary.site : summary.byProduct.get(p);
        if (e) {
          if (metal) e.metal = true;
        } else if (p === undefined) summary.site = { first: i, metal };
        else summary.byProduct.set(p, { first: i, metal });
      }
    }
  }
}

/** 03 metal inputs: a denominator for recycled content (NO_DENOMINATOR) */
function denominatorRule(ctx: RuleContext): void {
  const { out, productIds } = ctx;
  const inp = ctx.sheets.metal_inputs;
  if (!inp) return;
  // Recycled content needs metal to divide by: inputs of nothing but run-around scrap (or zero
  // masses) leave a product's denominator at 0. Checked per product over the rows that reach it
  // (site-wide rows and its own), as the report computes it.
  const { site, byProduct } = ctx.inputs;
  const noMetal = new Map<string, string[]>();
  for (const pid of productIds) {
    const own = byProduct.get(pid);
    if ((!own && !site) || own?.metal || site?.metal) continue;
    const first = own && site ? Math.min(own.first, site.first) : (own ?? site)!.first;
    const cell = at(inp, first, "mass_t") || a1(inp.rowOf[first], 0);
    if (findingAt(out, inp.sheet, cell)) continue;
    noMetal.set(cell, [...(noMetal.get(cell) ?? []), pid]);
  }
  for (const [cell, pids] of noMetal) {
    out.add(inp.sheet, cell, "error", "NO_DENOMINATOR", m(
      `The metal inputs of ${pids.map((x) => `"${clipText(x)}"`).join(", ")} hold nothing but run-around scrap or zero masses, so recycled content has nothing to divide by. Enter the metal charged (primary, secondary, scrap, alloying).`,
      `产品 ${pids.join("、")} 的金属投入只有同工序回炉料或零质量，再生含量无分母可计算。请填写实际投入的金属（原铝、再生铝、废铝、合金元素）。`,
    ), "mass_t");
  }
}

/** 05 refinery red mud: wet → dry, balances (V3, V4, V5) */
function refineryRules(ctx: RuleContext): void {
  const { out, sheets, opts, notes } = ctx;
  const ref = sheets.refinery_redmud;
  const redTol = redMudTolerance(opts);
  const massKeys = ["generated_t", "utilised_new_t", "stored_new_t", "disposed_new_t", "stock_start_t", "utilised_legacy_t", "disposed_legacy_t", "stock_end_t"];
  if (ref) {
    const V = ref.values;
    dupCheck(out, ref, (i) => str(V.refinery_id[i]), "refinery_id", m("Refinery ID", "氧化铝厂编号"));
    for (let i = 0; i < ref.count; i++) {
      if (str(V.mass_basis[i]) === "wet") {
        const w = num(V.moisture[i]);
        const basis = str(V.moisture_basis[i]);
        if (w === undefined || basis === undefined) {
          out.add(ref.sheet, at(ref, i, w === undefined ? "moisture" : "moisture_basis") || at(ref, i, "mass_basis"), "error", "V3", m(`Wet red mud figures need the moisture and its basis (wet or dry) to be converted to dry tonnes.`, `湿基赤泥数据须填写含水率及其基准（湿基或干基）以换算为干吨。`), w === undefined ? "moisture" : "moisture_basis");
          for (const k of massKeys) V[k][i] = undefined;
        } else if (basis === "wet" && w >= 1) {
          out.add(ref.sheet, at(ref, i, "moisture"), "error", "V3", m(`Moisture on a wet basis must be below 100 %.`, `湿基含水率须低于100%。`), "moisture");
          for (const k of massKeys) V[k][i] = undefined;
        } else {
          const factor = basis === "wet" ? 1 - w : 1 / (1 + w);
          for (const k of massKeys) {
            const x = num(V[k][i]);
            if (x !== undefined) V[k][i] = x * factor;
          }
          notes.push(`Refinery ${V.refinery_id[i]}: wet red mud figures converted to dry with moisture ${w} (${basis} basis), factor ${+factor.toPrecision(6)}.`);
          out.add(ref.sheet, at(ref, i, "mass_basis"), "info", "V3", m(`Red mud figures on this row were wet and are converted to dry tonnes (× ${+factor.toPrecision(6)}).`, `本行赤泥数据为湿基，已换算为干吨（× ${+factor.toPrecision(6)}）。`), "mass_basis");
        }
      }
      const g = num(V.generated_t[i]);
      const u = num(V.utilised_new_t[i]);
      const s = num(V.stored_new_t[i]);
      const dsp = num(V.disposed_new_t[i]);
      const al = num(V.alumina_output_t[i]);
      if (g !== undefined && al !== undefined && al > 0) {
        const ratio = g / al;
        if (g === 0) {
          out.add(ref.sheet, at(ref, i, "generated_t"), "error", "ZERO_UNKNOWN", m(`A refinery that produced alumina generated red mud; 0 is not a valid figure. Enter the generation (leave blank only if unknown — the sheet then cannot be used).`, `生产氧化铝必然产生赤泥；0不是有效数值。请填写产生量。`), "generated_t");
          V.generated_t[i] = undefined;
        } else if (ratio < getDefault("REDMUD_RATIO_WARN_MIN").value || ratio > getDefault("REDMUD_RATIO_WARN_MAX").value) {
          out.add(ref.sheet, at(ref, i, "generated_t"), "warning", "V6", m(`Generation ${+ratio.toPrecision(4)} t per t alumina is outside the published 0.3–2.5; check units and the dry basis.`, `每吨氧化铝产生 ${+ratio.toPrecision(4)} 吨赤泥，超出公开范围0.3–2.5；请核对单位和干基。`), "generated_t");
        }
      }
      const gNow = num(V.generated_t[i]);
      if (gNow !== undefined && u !== undefined && u > gNow) {
        out.add(ref.sheet, at(ref, i, "utilised_new_t"), "error", "V5", m(`Utilised new red mud (${u}) exceeds what was generated (${gNow}); legacy stock utilised belongs in "Utilised from stock".`, `新增赤泥利用量（${u}）超过产生量（${gNow}）；利用的往年贮存量应填入"利用往年贮存量"。`), "utilised_new_t");
      } else if (gNow !== undefined && gNow > 0 && u !== undefined) {
        if (s === undefined && dsp === undefined) {
          out.add(ref.sheet, at(ref, i, "stored_new_t") || at(ref, i, "generated_t"), "warning", "V4", m(`Stored and disposed red mud are not given, so the balance generated = utilised + stored + disposed cannot be checked.`, `未填写贮存量和处置量，无法核对"产生量=利用量+贮存量+处置量"平衡。`), "stored_new_t");
        } else {
          const rhs = u + (s ?? 0) + (dsp ?? 0);
          const resid = (gNow - rhs) / gNow;
          if (Math.abs(resid) > redTol) {
            out.add(ref.sheet, at(ref, i, "generated_t"), "error", "V4", m(
              `Red mud balance off by ${+(resid * 100).toFixed(2)} %: generated ${+gNow.toPrecision(8)} t vs utilised + stored + disposed ${+rhs.toPrecision(8)} t (tolerance ±${redTol * 100} %).`,
              `赤泥平衡偏差 ${+(resid * 100).toFixed(2)}%：产生量 ${+gNow.toPrecision(8)} 吨，利用+贮存+处置 ${+rhs.toPrecision(8)} 吨（允许±${redTol * 100}%）。`,
            ), "generated_t");
          }
        }
      }
      const s0 = num(V.stock_start_t[i]);
      const s1 = num(V.stock_end_t[i]);
      if (s0 !== undefined && s1 !== undefined) {
        const expected = s0 + (s ?? 0) - (num(V.utilised_legacy_t[i]) ?? 0) - (num(V.disposed_legacy_t[i]) ?? 0);
        const base = Math.max(s1, expected, 1e-9);
        if (Math.abs(expected - s1) / base > redTol) {
          out.add(ref.sheet, at(ref, i, "stock_end_t"), "warning", "V4", m(
            `Stock at end ${+s1.toPrecision(8)} t differs from start + stored − utilised from stock − disposed from stock = ${+expected.toPrecision(8)} t.`,
            `期末堆存量 ${+s1.toPrecision(8)} 吨与"期初+贮存−利用往年−处置往年"= ${+expected.toPrecision(8)} 吨不符。`,
          ), "stock_end_t");
        }
      }
    }
  }
}

/** 06 pathways */
function pathwayRules(ctx: RuleContext): void {
  const { out, sheets, opts } = ctx;
  const ref = sheets.refinery_redmud;
  const prim = sheets.primary_sources;
  const redTol = redMudTolerance(opts);
  const paths = sheets.redmud_pathways;
  if (paths) {
    const V = paths.values;
    const knownRefineries = new Set([...textsOf(ref, "refinery_id"), ...textsOf(prim, "refinery_id")]);
    const byRef = new Map<string, number[]>();
    for (let i = 0; i < paths.count; i++) {
      const rid = str(V.refinery_id[i]);
      if (!rid) continue;
      if (!knownRefineries.has(rid)) {
        out.add(paths.sheet, at(paths, i, "refinery_id"), "warning", "REF_REFINERY", m(`Refinery "${clipText(rid)}" is on neither 04_Primary_Sources nor 05_Refinery_RedMud; check the ID.`, `氧化铝厂"${clipText(rid)}"不在04或05表中；请核对编号。`), "refinery_id");
      }
      const list = byRef.get(rid);
      if (list) list.push(i);
      else byRef.set(rid, [i]);
      if (num(V.mass_t[i]) === 0) {
        out.add(paths.sheet, at(paths, i, "mass_t"), "warning", "ZERO_UNKNOWN", m(
          `A pathway with 0 t adds nothing: if the mass is unknown, find it out; if no red mud went this way, delete the row.`,
          `去向质量为0吨不计入任何数量：若未知，请查明后填写；若无赤泥进入该途径，请删除该行。`,
        ), "mass_t");
      }
      const code = str(V.pathway_code[i]);
      if ((code === "DISP_SEA" || code === "DISP_RIVER") && (num(V.mass_t[i]) ?? 0) > 0) {
        out.add(paths.sheet, at(paths, i, "pathway_code"), "warning", "HISTORIC_PATHWAY", m(`${code} is a historic practice (sea discharge ended in 2015); confirm this pathway.`, `${code} 为历史做法（排海已于2015年停止）；请确认。`), "pathway_code");
      }
    }
    const refIds = ref?.col("refinery_id");
    for (const [rid, rows] of byRef) {
      const refRow = ref && refIds ? refIds.findIndex((x) => str(x) === rid) : -1;
      const g = refRow >= 0 ? num(ref!.values.generated_t[refRow]) : undefined;
      const total = rows.reduce((a, i) => a + (num(V.mass_t[i]) ?? 0), 0);
      if (total === 0) {
        out.add(paths.sheet, at(paths, rows[0], "mass_t"), "error", "V8", m(`The pathway masses of refinery ${clipText(rid)} add up to 0; shares cannot be computed.`, `氧化铝厂 ${clipText(rid)} 的去向质量合计为0，无法计算比例。`), "mass_t");
      } else if (g !== undefined && g > 0 && str(ref!.values.mass_basis[refRow]) !== "wet" && Math.abs(total - g) / g > redTol) {
        out.add(paths.sheet, at(paths, rows[0], "mass_t"), "warning", "V8", m(`Pathway masses of refinery ${clipText(rid)} add up to ${+total.toPrecision(8)} t but ${ref!.sheet} reports ${+g.toPrecision(8)} t generated.`, `氧化铝厂 ${clipText(rid)} 的去向质量合计 ${+total.toPrecision(8)} 吨，但05表产生量为 ${+g.toPrecision(8)} 吨。`), "mass_t");
      }
    }
  }
}

/** 07 outputs and the metal balance (V9) */
function outputRules(ctx: RuleContext): void {
  const { out, sheets, opts, productIds } = ctx;
  const prods = sheets.products;
  const inp = sheets.metal_inputs;
  const outs = sheets.outputs;
  if (outs) {
    const V = outs.values;
    dupCheck(out, outs, (i) => str(V.product_id[i]), "product_id", m("Product ID", "产品编号"));
    const withOutput = new Set<string>();
    for (let i = 0; i < outs.count; i++) {
      const pid = str(V.product_id[i]);
      if (pid) {
        withOutput.add(pid);
        if (prods && !productIds.has(pid)) {
          out.add(outs.sheet, at(outs, i, "product_id"), "error", "REF_PRODUCT", m(`Product "${clipText(pid)}" is not on ${prods.sheet}.`, `产品"${clipText(pid)}"不在产品表中。`), "product_id");
        }
      }
      if (num(V.output_t[i]) === 0) {
        out.add(outs.sheet, at(outs, i, "output_t"), "error", "ZERO_UNKNOWN", m(`Output 0 t: intensities per tonne of product cannot be computed. Enter the output, or remove the product if it was not made.`, `产量为0：无法计算单位产品强度。请填写产量，或删除本期未生产的产品。`), "output_t");
      }
    }
    if (prods) {
      for (let i = 0; i < prods.count; i++) {
        const pid = str(prods.col("product_id")[i]);
        if (pid && !withOutput.has(pid)) {
          out.add(prods.sheet, at(prods, i, "product_id"), "error", "NO_OUTPUT", m(`Product "${clipText(pid)}" has no row on ${outs.sheet}; add its output.`, `产品"${clipText(pid)}"在产出表中没有记录；请填写产量。`), "product_id");
        }
      }
    }
    if (inp && inp.count > 0) {
      const inT = ctx.inputs.metalT;
      let outT = 0;
      for (let i = 0; i < outs.count; i++) outT += (num(V.output_t[i]) ?? 0) + (num(V.process_scrap_out_t[i]) ?? 0) + (num(V.dross_t[i]) ?? 0) + (num(V.metal_loss_t[i]) ?? 0);
      const tol = opts.metalBalanceTolerance ?? getDefault("METAL_BALANCE_TOLERANCE").value;
      if (inT > 0 && Math.abs(inT - outT) / inT > tol) {
        out.add(outs.sheet, a1(outs.headerRow, 0), "warning", "V9", m(
          `Metal balance off by ${+(((inT - outT) / inT) * 100).toFixed(2)} %: inputs (without run-around scrap) ${+inT.toPrecision(8)} t vs outputs + scrap + dross + losses ${+outT.toPrecision(8)} t (tolerance ±${tol * 100} %). Check units and missing rows; stock changes explain some difference.`,
          `金属平衡偏差 ${+(((inT - outT) / inT) * 100).toFixed(2)}%：投入（不含回炉料）${+inT.toPrecision(8)} 吨，产出+废料+铝渣+损耗 ${+outT.toPrecision(8)} 吨（允许±${tol * 100}%）。请核对单位及遗漏行。`,
        ));
      }
    }
  }
}

/** 09 footprint (V14–V17) */
function footprintRules(ctx: RuleContext): void {
  const { out, sheets, productIds } = ctx;
  const prods = sheets.products;
  const sup = sheets.supplier;
  const fp = sheets.footprint;
  if (fp) {
    const V = fp.values;
    dupCheck(out, fp, (i) => str(V.product_id[i]), "product_id", m("Product ID", "产品编号"));
    const periodEnd = sup && sup.count > 0 ? num(sup.col("period_end")[0]) : undefined;
    const periodStart = sup && sup.count > 0 ? num(sup.col("period_start")[0]) : undefined;
    const periodOk = periodEnd !== undefined && periodStart !== undefined && periodEnd > periodStart;
    const from2025 = pactFrom2025(periodEnd);
    const hasPreConsumer = ctx.inputs.hasPreConsumer;
    for (let i = 0; i < fp.count; i++) {
      const pid = str(V.product_id[i]);
      if (pid && prods && !productIds.has(pid)) {
        out.add(fp.sheet, at(fp, i, "product_id"), "error", "REF_PRODUCT", m(`Product "${clipText(pid)}" is not on ${prods.sheet}.`, `产品"${clipText(pid)}"不在产品表中。`), "product_id");
      }
      const excl = num(V.pcf_excl_biogenic[i]);
      const fossil = num(V.fossil_ghg[i]);
      if (excl !== undefined && fossil !== undefined && fossil > excl * (1 + 1e-9)) {
        out.add(fp.sheet, at(fp, i, "fossil_ghg"), "warning", "V14", m(`Fossil emissions (${fossil}) exceed the footprint excluding biogenic (${excl}); the footprint should include them. Check both: the report is made, but the PACT export refuses this footprint until they agree.`, `化石源排放（${fossil}）大于不含生物源的碳足迹（${excl}），后者应包含前者。请核对两者：报告照常生成，但在两者一致之前，PACT 导出将拒绝该碳足迹。`), "fossil_ghg");
      }
      if (str(V.ipcc_ar[i]) === "AR5") {
        out.add(fp.sheet, at(fp, i, "ipcc_ar"), "warning", "V15", m(`GWP factors from IPCC AR5; PACT 3 and current EPD practice expect AR6.`, `GWP因子来自IPCC AR5；PACT 3及现行EPD要求使用AR6。`), "ipcc_ar");
      }
      if (from2025) {
        for (const k of V16_KEYS) {
          if (V[k][i] === undefined && !findingAt(out, fp.sheet, at(fp, i, k))) {
            const col = fp.spec.columns.find((c) => c.key === k)!;
            out.add(fp.sheet, at(fp, i, k) || a1(fp.rowOf[i], 0), "error", "V16", m(`${col.label.en} is required for reporting periods from 2025 (PACT 3).`, `2025年及以后的报告期须填写"${col.label.zh}"（PACT 3）。`), k);
          }
        }
      }
      // V2 (PACT): a footprint is valid from the period's end for at most 3 years. PACT counts from its
      // exclusive end (the day after the last day), so the last valid day is that + 3 years − 1 day,
      // exactly what the PACT builder accepts. Skipped when the period itself is wrong (V1 says so).
      const until = num(V.valid_until[i]);
      if (until !== undefined && periodEnd !== undefined && periodOk) {
        const years = getDefault("PCF_VALIDITY_MAX_YEARS").value;
        const latest = lastValidDay(periodEnd, years);
        if (until <= periodEnd) {
          out.add(fp.sheet, at(fp, i, "valid_until"), "error", "V2", m(
            `The footprint's validity ends ${isoFromSerial(until)}, ${until === periodEnd ? "on the day" : "before"} the reporting period ends (${isoFromSerial(periodEnd)}); a footprint is valid from the day after the period (PACT). Enter a later date (at most ${isoFromSerial(latest)}), or leave the cell blank for PACT's default (${years} years).`,
            `碳足迹有效期至 ${isoFromSerial(until)}，${until === periodEnd ? "与报告期结束日为同一天" : "早于报告期结束日"}（${isoFromSerial(periodEnd)}）；碳足迹自报告期结束次日起有效（PACT）。请填写更晚的日期（最晚 ${isoFromSerial(latest)}），或留空使用PACT默认值（${years}年）。`,
          ), "valid_until");
        } else if (until > latest) {
          out.add(fp.sheet, at(fp, i, "valid_until"), "error", "V2", m(
            `The footprint's validity ends ${isoFromSerial(until)}, more than ${years} years after the period ends (${isoFromSerial(periodEnd)}); PACT allows at most ${isoFromSerial(latest)}. Enter that date or an earlier one, or leave the cell blank.`,
            `碳足迹有效期至 ${isoFromSerial(until)}，超过报告期结束日（${isoFromSerial(periodEnd)}）后${years}年；PACT 最长允许至 ${isoFromSerial(latest)}。请填写该日期或更早日期，或留空。`,
          ), "valid_until");
        }
      }
      const method = str(V.scrap_method[i]);
      const needs = method === "both" ? ["ghg_cut_off", "ghg_allocation"] : method === "allocation" ? ["ghg_allocation"] : [];
      for (const k of needs) {
        if (V[k][i] === undefined && !findingAt(out, fp.sheet, at(fp, i, k))) {
          out.add(fp.sheet, at(fp, i, k) || a1(fp.rowOf[i], 0), "error", "V17", m(`The scrap treatment "${method}" needs the ${k === "ghg_cut_off" ? "cut-off" : "allocation"} footprint.`, `废料处理方法为"${method}"时须填写${k === "ghg_cut_off" ? "截断法" : "分配法"}碳足迹。`), k);
        }
      }
      if (method === "cut_off" && V.ghg_cut_off[i] === undefined && excl !== undefined) V.ghg_cut_off[i] = excl;
      if (method && method !== "both" && hasPreConsumer) {
        out.add(fp.sheet, at(fp, i, "scrap_method"), "warning", "V17", m(`The site uses pre-consumer scrap, so buyers expect both the cut-off and the allocation footprint (RMI, IAI).`, `工厂使用消费前废料，采购方通常要求同时提供截断法和分配法碳足迹。`), "scrap_method");
      }
    }
  }
}

/** 10 evidence register (V22): references must resolve */
function evidenceRules(ctx: RuleContext): void {
  const { out, sheets } = ctx;
  const ev = sheets.evidence;
  const citing = (["metal_inputs", "primary_sources", "refinery_redmud", "footprint"] as const).map((k) => sheets[k]).filter((d): d is SheetData => d !== undefined);
  if (ev) {
    const evId = ev.col("evidence_id");
    dupCheck(out, ev, (i) => str(evId[i]), "evidence_id", m("Evidence ref.", "证明文件编号"));
  }
  if (ev && ev.count === 0) {
    let refs = 0;
    for (const d of citing) for (const x of d.col("evidence_id")) if (str(x)) refs++;
    if (refs > 0) out.add(ev.sheet, a1(ev.headerRow + 1, 0), "info", "V22", m(`${refs} rows cite evidence, but the evidence register is empty; list the documents here so a verifier can find them.`, `${refs} 行引用了证明文件，但登记表为空；请在此登记文件以便核查。`));
  } else if (ev) {
    const known = textsOf(ev, "evidence_id");
    for (const d of citing) {
      const ids = d.col("evidence_id");
      for (let i = 0; i < d.count; i++) {
        const id = str(ids[i]);
        if (id && !known.has(id)) {
          out.add(d.sheet, at(d, i, "evidence_id"), "warning", "V22", m(`Evidence "${clipText(id)}" is not on ${ev.sheet}; register the document there.`, `证明文件"${clipText(id)}"未在证明文件登记表中；请登记。`), "evidence_id");
        }
      }
    }
  }
}
