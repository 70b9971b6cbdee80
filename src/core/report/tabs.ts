/**
 * The report tabs as SheetSpecs. Every computed figure is a native Excel formula (SUMIFS,
 * SUMPRODUCT, INDEX/MATCH …) over the normalised data tab, with the engine's value as its cached
 * result — so a buyer without AluTrace can audit each number, and an independent engine can be
 * checked against ours. The data tab restates each supplier value with the cell it came from.
 */
import { columnLetters, quoteSheetName } from "../cells";
import { defaultValue, findDefault } from "../defaults";
import { SOURCES } from "../sources";
import type { CellStyleName, SheetSpec, SpecCell, SpecValue, WorkbookSpec } from "../sheetspec";
import { TEMPLATE_VERSION } from "../template/spec";
import { lastValidDay } from "../template/rules";
import type { SheetData, TypedRow, ValidationResult } from "../template/validate";
import { DEFAULT_REFINERY, ReportFigures, UNREPORTED_PATHWAY, inputRedMudByRefinery, isPrimaryClass, pathwayLabel, smelterFigures } from "./compute";

export const REPORT_SHEETS = {
  cover: "R0_Cover",
  method: "R1_Method",
  gwp: "R2_GWP",
  recycled: "R3_Recycled_Content",
  redMud: "R4_Red_Mud",
  cbam: "R5_CBAM_View",
  dataQuality: "R6_Data_Quality",
  exportMap: "R7_Export_Map",
  sources: "R8_Sources",
  data: "R9_Data",
} as const;

export interface Provenance {
  sourceName: string;
  /** SHA-256 of the source, hex: of the file's bytes (command line) or of its sheet values (task pane). */
  sourceSha256?: string;
  /** What sourceSha256 is the hash of; "file" when omitted. */
  sourceSha256Of?: "file" | "sheet-values";
  alutraceVersion: string;
  generatedAt: string;
}

const PCT = "0.00%";
const T = "#,##0.000";
const RATIO = "0.0000";

type Cell = SpecCell;
// Plain assignments rather than object spreads: the data tab makes millions of these.
const v = (x: SpecValue, style?: CellStyleName, numFmt?: string): Cell => {
  const c: Cell = { v: x };
  if (style) c.style = style;
  if (numFmt) c.numFmt = numFmt;
  return c;
};
const f = (formula: string, cached: SpecValue, numFmt?: string, style: CellStyleName = "computed"): Cell => {
  const c: Cell = { f: formula, v: cached, style };
  if (numFmt) c.numFmt = numFmt;
  return c;
};

/** Stands for a row number in a formula template (never part of a sheet name or formula). */
const ROW_HOLE = "\u0000";

/** Builds a sheet row by row and hands out absolute references into it. */
class SheetBuilder {
  rows: Cell[][] = [];
  constructor(readonly name: string) {}
  get next(): number {
    return this.rows.length;
  }
  push(cells: Cell[]): number {
    this.rows.push(cells);
    return this.rows.length - 1;
  }
  blank(): void {
    this.rows.push([]);
  }
  /** Absolute reference to one cell, sheet-qualified. */
  ref(row: number, col: number): string {
    return `${quoteSheetName(this.name)}!$${columnLetters(col)}$${row + 1}`;
  }
  /**
   * A formula whose references all point into one row (`c(col)`, the same text `ref(row, col)`
   * gives), built once: the returned function fills in the row. Joining the pieces makes each
   * formula one flat string; building it from a dozen template pieces per row would make a rope of
   * small strings that costs several times the memory until something flattens it.
   */
  rowFormula(build: (c: (col: number) => string) => string): (row: number) => string {
    const prefix = `${quoteSheetName(this.name)}!$`;
    const parts = build((col) => `${prefix}${columnLetters(col)}$${ROW_HOLE}`).split(ROW_HOLE);
    return (row) => parts.join(String(row + 1));
  }
  /** Absolute column range over rows [r0, r1], sheet-qualified. Empty blocks get one blank row. */
  range(col: number, r0: number, r1: number): string {
    const last = Math.max(r0, r1);
    return `${quoteSheetName(this.name)}!$${columnLetters(col)}$${r0 + 1}:$${columnLetters(col)}$${last + 1}`;
  }
}

interface Block {
  first: number;
  last: number;
  col: (key: string) => number;
  rng: (key: string) => string;
}

function block(b: SheetBuilder, title: string, keys: string[], headers: string[], fill: (row: number, i: number) => Cell[], count: number): Block {
  b.push([v(title, "subtitle")]);
  b.push(headers.map((h) => v(h, "header")));
  const first = b.next;
  for (let i = 0; i < count; i++) b.push(fill(b.next, i));
  if (count === 0) b.push([]);
  const last = b.next - 1;
  b.blank();
  const col = (k: string) => {
    const i = keys.indexOf(k);
    if (i < 0) throw new Error(`no column ${k}`);
    return i;
  };
  return { first, last, col, rng: (k) => b.range(col(k), first, last) };
}

const str = (x: unknown) => (typeof x === "string" ? x : undefined);
const num = (x: unknown) => (typeof x === "number" ? x : undefined);

function src(d: SheetData | undefined, r: TypedRow): string {
  return srcOf(d)(r);
}

/** `src` for many rows of one sheet: the sheet part is worked out once. */
function srcOf(d: SheetData | undefined): (r: TypedRow) => string {
  if (!d) return () => "";
  const prefix = `${quoteSheetName(d.sheet)}!A`;
  return (r) => [prefix, r.row + 1].join("");
}

/** Where the data tab keeps what; report tabs reference these. */
interface DataRefs {
  denominator: string;
  countInternal: string;
  defaultR: string;
  averageR: string;
  inputs: Block;
  products: Block;
  productRow: Map<string, number>;
  smelters: Block;
  smelterRow: Map<string, number>;
  refineryBlock: Block;
  refineryRow: Map<string, number>;
  pathMatrixFirst: number;
  pathMatrixCol: Map<string, number>;
  rmkFirst: number;
  rmkCol: Map<string, number>;
  refineryOrder: string[];
  footprint: Block;
  fpRow: Map<string, number>;
  fpKeys: string[];
  evidence: Block;
  b: SheetBuilder;
}

function dataTab(val: ValidationResult, fig: ReportFigures): { sheet: SheetSpec; refs: DataRefs } {
  const b = new SheetBuilder(REPORT_SHEETS.data);
  const S = val.sheets;
  b.push([v("Normalised supplier data (every value traced to its source cell)", "title")]);
  b.push([v("Values as read and normalised by AluTrace (units converted to t, shares to fractions, wet red mud to dry). Computed columns are live formulas.", "note")]);
  b.blank();
  b.push([v("Parameter", "header"), v("Value", "header"), v("Meaning", "header")]);
  const method = fig.options.recycledMethod;
  const pDen = b.push([v("denominator", "label"), v(method.denominator, "input"), v("all_metal or al_only (recycled-content denominator)", "note")]);
  const pInt = b.push([v("count_internal_cross_process", "label"), v(method.countInternalCrossProcess, "input"), v("TRUE: internal scrap from another process counts as pre-consumer", "note")]);
  const pA = b.push([v("alumina_per_al_default", "label"), v(defaultValue("ALUMINA_PER_AL"), undefined, RATIO), v(findDefault("ALUMINA_PER_AL")!.source.citation, "note")]);
  const pRm = b.push([v("redmud_per_alumina_default", "label"), v(defaultValue("REDMUD_PER_ALUMINA"), undefined, RATIO), v(findDefault("REDMUD_PER_ALUMINA")!.source.citation, "note")]);
  const pR = b.push([v("redmud_per_al_default", "label"), f(`${b.ref(pA, 1)}*${b.ref(pRm, 1)}`, fig.defaultRedMudPerAl, RATIO), v("t red mud per t aluminium of unknown origin", "note")]);
  const pAvgRow = b.push([v("average_redmud_per_primary_t", "label"), {}, v("site average, t red mud per t primary metal (allocation variant)", "note")]);
  const pTotRow = b.push([v("total_output_t", "label"), {}, v("Σ saleable output", "note")]);
  b.blank();

  // Products
  const prodRows = (S.products?.rows ?? []).filter((r) => str(r.v.product_id));
  const outBy = new Map<string, TypedRow>();
  for (const r of S.outputs?.rows ?? []) if (str(r.v.product_id)) outBy.set(str(r.v.product_id)!, r);
  const figBy = new Map(fig.products.map((p) => [p.productId, p]));
  const productRow = new Map<string, number>();
  const totalRef = b.ref(pTotRow, 1);
  const products = block(b, "Products and outputs", ["id", "name", "unit", "mass", "out", "scrap", "alloc", "src", "cn", "form"], ["product_id", "product_name", "declared_unit", "kg per declared unit", "output_t", "process_scrap_out_t", "share of site inputs", "source", "CN code", "product form"], (row, i) => {
    const r = prodRows[i];
    const id = str(r.v.product_id)!;
    productRow.set(id, row);
    const o = outBy.get(id);
    const p = figBy.get(id);
    return [v(id, undefined, "@"), v(str(r.v.product_name) ?? ""), v(str(r.v.declared_unit) ?? ""), v(num(r.v.mass_per_declared_unit_kg) ?? 1), v(num(o?.v.output_t) ?? 0, undefined, T), v(num(o?.v.process_scrap_out_t) ?? 0, undefined, T), f(`IFERROR(${b.ref(row, 4)}/${totalRef},0)`, p?.allocationShare ?? 0, PCT), v(src(S.products, r), "note"), v(str(r.v.cn_code) ?? "", undefined, "@"), v(str(r.v.product_form) ?? "")];
  }, prodRows.length);
  b.rows[pTotRow][1] = f(`SUM(${products.rng("out")})`, fig.products.reduce((a, p) => a + p.outputT, 0), T);

  // Evidence register (what the evidence columns point to)
  const evRows = (S.evidence?.rows ?? []).filter((r) => str(r.v.evidence_id));
  const evidence = block(b, "Evidence register", ["id", "type", "issuer", "date", "ref", "src"], ["evidence_id", "doc_type", "issuer", "date", "file or link", "source"], (_row, i) => {
    const r = evRows[i];
    const d = num(r.v.doc_date);
    return [v(str(r.v.evidence_id)!, undefined, "@"), v(str(r.v.doc_type) ?? ""), v(str(r.v.issuer) ?? ""), d === undefined ? {} : { v: d, date: true, numFmt: "yyyy-mm-dd" }, v(str(r.v.file_ref) ?? ""), v(src(S.evidence, r), "note")];
  }, evRows.length);
  const evIds = new Set(evRows.map((r) => str(r.v.evidence_id)!));

  // Footprints as declared (per declared unit)
  const fpRows = (S.footprint?.rows ?? []).filter((r) => str(r.v.product_id));
  const fpRow = new Map<string, number>();
  const fpKeys = ["id", "excl", "incl", "fossil", "dluc", "aircraft", "cut", "alloc", "method", "ar", "std", "pds", "dqrT", "dqrTe", "dqrG", "exempt", "pack", "assur", "verifier", "src"];
  const footprint = block(b, "Product carbon footprints as declared (kg CO2e per declared unit)", fpKeys, ["product_id", "PCF excl. biogenic", "PCF incl. biogenic", "fossil GHG", "dLUC GHG", "aircraft GHG", "cut-off", "allocation", "scrap treatment", "IPCC", "standard", "primary data share", "DQR technological", "DQR temporal", "DQR geographical", "exempted share", "packaging included", "assurance", "verifier", "source"], (row, i) => {
    const r = fpRows[i];
    fpRow.set(str(r.v.product_id)!, row);
    const n2 = (k: string, fmt = RATIO): Cell => (num(r.v[k]) === undefined ? {} : v(num(r.v[k])!, undefined, fmt));
    return [v(str(r.v.product_id)!, undefined, "@"), n2("pcf_excl_biogenic"), n2("pcf_incl_biogenic"), n2("fossil_ghg"), n2("dluc_ghg"), n2("aircraft_ghg"), n2("ghg_cut_off"), n2("ghg_allocation"), v(str(r.v.scrap_method) ?? ""), v(str(r.v.ipcc_ar) ?? ""), v(str(r.v.standard) ?? ""), n2("primary_data_share", PCT), n2("dqr_technological", "0.0"), n2("dqr_temporal", "0.0"), n2("dqr_geographical", "0.0"), n2("exempted_share", PCT), v(str(r.v.packaging_included) ?? ""), v(str(r.v.assurance) ?? ""), v(str(r.v.verifier) ?? ""), v(src(S.footprint, r), "note")];
  }, fpRows.length);

  // Primary sources and smelters
  const primRows = (S.primary_sources?.rows ?? []).filter((r) => str(r.v.smelter_id) && str(r.v.refinery_id));
  const primRowIndex = new Map<string, number>();
  const prim = block(b, "Primary sources: smelter → refinery", ["smelter", "refinery", "share", "ratio", "a", "ar", "def", "ghg", "src"], ["smelter_id", "refinery_id", "share of smelter's alumina", "red mud t per t alumina (dry)", "alumina t per t Al", "share × ratio", "default used", "declared primary Al footprint t CO2e/t (V18)", "source"], (row, i) => {
    const r = primRows[i];
    primRowIndex.set(`${r.v.smelter_id}\u0000${r.v.refinery_id}`, row);
    const share = num(r.v.refinery_share) ?? 0;
    const ratio = num(r.v.redmud_per_alumina) ?? 0;
    return [v(str(r.v.smelter_id)!), v(str(r.v.refinery_id)!), v(share, undefined, PCT), v(ratio, undefined, RATIO), v(num(r.v.alumina_per_al) ?? 0, undefined, RATIO), f(`${b.ref(row, 2)}*${b.ref(row, 3)}`, share * ratio, RATIO), v(r.v.redmud_default === 1 ? "default" : ""), num(r.v.primary_ghg) === undefined ? {} : v(num(r.v.primary_ghg)!, undefined, RATIO), v(src(S.primary_sources, r), "note")];
  }, primRows.length);
  const smelterFig = smelterFigures(S.primary_sources);
  const smelterList = [...smelterFig.values()];
  const smelterRow = new Map<string, number>();
  const smelters = block(b, "Smelters: red mud per t primary aluminium (R = A × Σ share × ratio)", ["id", "a", "r"], ["smelter_id", "alumina t per t Al (A)", "red mud t per t Al (R)"], (row, i) => {
    const sm = smelterList[i];
    smelterRow.set(sm.smelterId, row);
    return [v(sm.smelterId), v(sm.aluminaPerAl, undefined, RATIO), f(`${b.ref(row, 1)}*SUMIFS(${prim.rng("ar")},${prim.rng("smelter")},${b.ref(row, 0)})`, sm.redMudPerAl, RATIO)];
  }, smelterList.length);

  // Metal inputs with computed columns. Every row has the same formulas but for its row number,
  // so each column's formula is built once as a template (rowFormula) and filled in per row.
  const inRows = S.metal_inputs?.rows ?? [];
  const inKeys = ["id", "scope", "class", "mass", "rs", "ps", "al", "smelter", "src", "f", "counted", "pre", "post", "primary", "redmud", "scrap", "prescrap", "run", "extpre", "nonal", "evidence", "evok"];
  const K = (k: string): number => inKeys.indexOf(k);
  const inputRowIdx: number[] = [];
  const inputRm: { refineryId: string; t: number }[][] = [];
  // The red mud column sums attribution rows, which are built after the inputs; its formulas are
  // set once that block's range is known.
  const redMudCells: Cell[] = [];
  const den = b.ref(pDen, 1);
  const countInt = b.ref(pInt, 1);
  const evRange = evidence.rng("id");
  const F = {
    f: b.rowFormula((c) => `IF(${den}="al_only",IF(${c(K("class"))}="alloying_element",0,IF(ISNUMBER(${c(K("al"))}),${c(K("al"))},IF(${c(K("class"))}="master_alloy",0,1))),1)`),
    counted: b.rowFormula((c) => `IF(${c(K("class"))}="run_around_scrap",0,${c(K("mass"))}*${c(K("f"))})`),
    pre: b.rowFormula((c) => `IF(${c(K("class"))}="pre_consumer_scrap_external",${c(K("counted"))},IF(${c(K("class"))}="pre_consumer_scrap_internal_cross_process",IF(${countInt},${c(K("counted"))},0),IF(${c(K("class"))}="secondary_ingot",${c(K("counted"))}*${c(K("rs"))}*(1-${c(K("ps"))}),0)))`),
    post: b.rowFormula((c) => `IF(${c(K("class"))}="post_consumer_scrap",${c(K("counted"))},IF(${c(K("class"))}="secondary_ingot",${c(K("counted"))}*${c(K("rs"))}*${c(K("ps"))},0))`),
    primary: b.rowFormula((c) => `IF(OR(${c(K("class"))}="primary_ingot",${c(K("class"))}="primary_liquid"),${c(K("mass"))},IF(${c(K("class"))}="secondary_ingot",${c(K("mass"))}*(1-${c(K("rs"))}),0))`),
    scrap: b.rowFormula((c) => `IF(OR(${c(K("class"))}="pre_consumer_scrap_external",${c(K("class"))}="pre_consumer_scrap_internal_cross_process",${c(K("class"))}="post_consumer_scrap"),${c(K("mass"))},0)`),
    prescrap: b.rowFormula((c) => `IF(OR(${c(K("class"))}="pre_consumer_scrap_external",${c(K("class"))}="pre_consumer_scrap_internal_cross_process"),${c(K("mass"))},0)`),
    run: b.rowFormula((c) => `IF(${c(K("class"))}="run_around_scrap",${c(K("mass"))},0)`),
    extpre: b.rowFormula((c) => `IF(${c(K("class"))}="pre_consumer_scrap_external",${c(K("mass"))},0)`),
    nonal: b.rowFormula((c) => `IF(${c(K("class"))}="alloying_element",${c(K("mass"))},IF(${c(K("class"))}="master_alloy",${c(K("mass"))}*(1-IF(ISNUMBER(${c(K("al"))}),${c(K("al"))},0)),0))`),
    evok: b.rowFormula((c) => `IF(${c(K("evidence"))}="","no",IF(COUNTIF(${evRange},${c(K("evidence"))})>0,"yes","no"))`),
  };
  const inputSrc = srcOf(S.metal_inputs);
  const alOnly = method.denominator === "al_only";
  const inputs = block(b, "Metal inputs (ISO 14021 classes) with computed columns", inKeys, ["input_id", "scope (product or SITE)", "input_class", "mass_t", "recycled share (secondary ingot)", "post-consumer part", "Al content", "smelter_id", "source", "Al fraction counted", "counted in denominator t", "pre-consumer t", "post-consumer t", "primary metal t", "red mud t", "CBAM scrap t", "pre-consumer scrap t", "run-around t", "external pre-consumer t", "non-aluminium t", "evidence_id", "evidence registered"], (row, i) => {
    const r = inRows[i];
    inputRowIdx.push(row);
    const cls = str(r.v.input_class) ?? "";
    const mass = num(r.v.mass_t) ?? 0;
    const rs = num(r.v.recycled_share);
    const ps = num(r.v.post_consumer_share);
    const al = num(r.v.al_content);
    const fr = alOnly ? (cls === "alloying_element" ? 0 : al !== undefined ? al : cls === "master_alloy" ? 0 : 1) : 1;
    const counted = cls === "run_around_scrap" ? 0 : mass * fr;
    const pre = cls === "pre_consumer_scrap_external" ? counted : cls === "pre_consumer_scrap_internal_cross_process" ? (method.countInternalCrossProcess ? counted : 0) : cls === "secondary_ingot" ? counted * (rs ?? 0) * (1 - (ps ?? 0)) : 0;
    const post = cls === "post_consumer_scrap" ? counted : cls === "secondary_ingot" ? counted * (rs ?? 0) * (ps ?? 0) : 0;
    const primary = isPrimaryClass(cls) ? mass : cls === "secondary_ingot" ? mass * (1 - (rs ?? 0)) : 0;
    const byRefinery = inputRedMudByRefinery(r, smelterFig, fig.defaultRedMudPerAl);
    inputRm.push(byRefinery);
    const rm = byRefinery.reduce((a, x) => a + x.t, 0);
    const isPreScrap = cls === "pre_consumer_scrap_external" || cls === "pre_consumer_scrap_internal_cross_process";
    const isScrap = isPreScrap || cls === "post_consumer_scrap";
    const redMud = f("", rm, T);
    redMudCells.push(redMud);
    return [
      v(str(r.v.input_id) ?? "", undefined, "@"),
      v(str(r.v.product_id) ?? "SITE"),
      v(cls),
      v(mass, undefined, T),
      rs === undefined ? {} : v(rs, undefined, PCT),
      ps === undefined ? {} : v(ps, undefined, PCT),
      al === undefined ? {} : v(al, undefined, PCT),
      v(str(r.v.source_smelter_id) ?? ""),
      v(inputSrc(r), "note"),
      f(F.f(row), fr, PCT),
      f(F.counted(row), counted, T),
      f(F.pre(row), pre, T),
      f(F.post(row), post, T),
      f(F.primary(row), primary, T),
      redMud,
      f(F.scrap(row), isScrap ? mass : 0, T),
      f(F.prescrap(row), isPreScrap ? mass : 0, T),
      f(F.run(row), cls === "run_around_scrap" ? mass : 0, T),
      f(F.extpre(row), cls === "pre_consumer_scrap_external" ? mass : 0, T),
      f(F.nonal(row), cls === "alloying_element" ? mass : cls === "master_alloy" ? mass * (1 - (al ?? 0)) : 0, T),
      v(str(r.v.evidence_id) ?? "", undefined, "@"),
      f(F.evok(row), evIds.has(str(r.v.evidence_id) ?? "\u0000") ? "yes" : "no"),
    ];
  }, inRows.length);

  // Attribution: red mud of each input row, by refinery
  type Attr = { inputRow: number; r: TypedRow; refineryId: string; t: number };
  const attrs: Attr[] = [];
  inRows.forEach((r, i) => {
    for (const x of inputRm[i]) attrs.push({ inputRow: inputRowIdx[i], r, refineryId: x.refineryId, t: x.t });
  });
  const idOf = b.rowFormula((c) => c(K("id")));
  const scopeOf = b.rowFormula((c) => c(K("scope")));
  const defaultAttr = b.rowFormula((c) => `${c(K("mass"))}*(1-${c(K("rs"))})*${b.ref(pR, 1)}`);
  const smelterAttr = new Map<string, (row: number) => string>();
  const attr = block(b, "Red mud attribution: input × refinery (t dry red mud)", ["id", "scope", "refinery", "rm"], ["input_id", "scope", "refinery_id", "red mud t"], (_row, i) => {
    const a = attrs[i];
    let formula: string;
    if (a.refineryId === DEFAULT_REFINERY) formula = defaultAttr(a.inputRow);
    else {
      const sid = str(a.r.v.source_smelter_id)!;
      const key = `${sid}\u0000${a.refineryId}`;
      let tpl = smelterAttr.get(key);
      if (!tpl) {
        const pr = primRowIndex.get(key)!;
        tpl = b.rowFormula((c) => `${c(K("mass"))}*${b.ref(smelterRow.get(sid)!, 1)}*${b.ref(pr, 2)}*${b.ref(pr, 3)}`);
        smelterAttr.set(key, tpl);
      }
      formula = tpl(a.inputRow);
    }
    return [f(idOf(a.inputRow), str(a.r.v.input_id) ?? "", undefined, "computed"), f(scopeOf(a.inputRow), str(a.r.v.product_id) ?? "SITE", undefined, "computed"), v(a.refineryId), f(formula, a.t, T)];
  }, attrs.length);
  // The attribution ranges into the inputs' red mud column.
  const redMudOf = b.rowFormula((c) => `SUMIFS(${b.range(3, attr.first, attr.last)},${b.range(0, attr.first, attr.last)},${c(K("id"))})`);
  redMudCells.forEach((cell, i) => {
    cell.f = redMudOf(inputRowIdx[i]);
  });
  b.rows[pAvgRow][1] = f(`IFERROR(SUM(${inputs.rng("redmud")})/SUM(${inputs.rng("primary")}),${b.ref(pR, 1)})`, fig.averageRedMudPerPrimaryT, RATIO);

  // Pathway rows and the refinery × pathway share matrix
  const pathRows = (S.redmud_pathways?.rows ?? []).filter((r) => str(r.v.refinery_id) && str(r.v.pathway_code));
  const paths = block(b, "Red mud pathways as reported (same basis per refinery)", ["ref", "code", "mass", "src"], ["refinery_id", "pathway_code", "mass t", "source"], (_row, i) => {
    const r = pathRows[i];
    return [v(str(r.v.refinery_id)!), v(str(r.v.pathway_code)!), v(num(r.v.mass_t) ?? 0, undefined, T), v(src(S.redmud_pathways, r), "note")];
  }, pathRows.length);
  const refineryOrder = fig.refineryOrder;
  b.push([v("Pathway shares by refinery (share of newly generated red mud)", "subtitle")]);
  const pathHeaderRow = b.push([v("refinery_id", "header"), ...fig.pathwayColumns.map((c) => v(c, "header"))]);
  const pathMatrixFirst = b.next;
  const pathMatrixCol = new Map(fig.pathwayColumns.map((c, i) => [c, i + 1]));
  for (const rid of refineryOrder) {
    const row = b.next;
    const shares = fig.pathwayShares.get(rid)!;
    const total = `SUMIFS(${paths.rng("mass")},${paths.rng("ref")},${b.ref(row, 0)})`;
    b.push([v(rid), ...fig.pathwayColumns.map((c, i) =>
      c === UNREPORTED_PATHWAY
        ? f(`IF(${total}=0,1,0)`, shares.get(c) ?? 0, PCT)
        : f(`IFERROR(SUMIFS(${paths.rng("mass")},${paths.rng("ref")},${b.ref(row, 0)},${paths.rng("code")},${b.ref(pathHeaderRow, i + 1)})/${total},0)`, shares.get(c) ?? 0, PCT),
    )]);
  }
  if (refineryOrder.length === 0) b.push([]);
  b.blank();

  // Red mud t by refinery × product
  b.push([v("Red mud t by refinery and product (site inputs shared by output)", "subtitle")]);
  const rmkHeader = b.push([v("refinery_id", "header"), ...fig.products.map((p) => v(p.productId, "header"))]);
  const rmkFirst = b.next;
  const rmkCol = new Map(fig.products.map((p, i) => [p.productId, i + 1]));
  for (const rid of refineryOrder) {
    const row = b.next;
    b.push([v(rid), ...fig.products.map((p, i) => {
      const pr = productRow.get(p.productId)!;
      const formula = `SUMIFS(${attr.rng("rm")},${attr.rng("refinery")},${b.ref(row, 0)},${attr.rng("scope")},${b.ref(rmkHeader, i + 1)})+SUMIFS(${attr.rng("rm")},${attr.rng("refinery")},${b.ref(row, 0)},${attr.rng("scope")},"SITE")*${b.ref(pr, products.col("alloc"))}`;
      return f(formula, p.redMudByRefinery.get(rid) ?? 0, T);
    })]);
  }
  if (refineryOrder.length === 0) b.push([]);
  b.blank();

  // Refinery balances
  const refRows = (S.refinery_redmud?.rows ?? []).filter((r) => fig.refineries.some((x) => x.refineryId === str(r.v.refinery_id)));
  const refineryRow = new Map<string, number>();
  const refineryBlock = block(b, "Refinery red mud balance (dry t)", ["id", "al", "g", "u", "ul", "ratio", "rnew", "rnbs", "src"], ["refinery_id", "alumina t", "generated t (G)", "utilised new t (U_new)", "utilised from stock t (U_legacy)", "red mud t per t alumina", "utilisation rate, new (U_new/G)", "rate incl. legacy (U_new+U_legacy)/(G+U_legacy)", "source"], (row, i) => {
    const r = refRows[i];
    const x = fig.refineries.find((y) => y.refineryId === str(r.v.refinery_id))!;
    refineryRow.set(x.refineryId, row);
    return [v(x.refineryId), v(x.aluminaT, undefined, T), v(x.generatedT, undefined, T), v(x.utilisedNewT, undefined, T), x.utilisedLegacyT === undefined ? {} : v(x.utilisedLegacyT, undefined, T), f(`${b.ref(row, 2)}/${b.ref(row, 1)}`, x.ratio, RATIO), f(`${b.ref(row, 3)}/${b.ref(row, 2)}`, x.rateNew, PCT), x.rateNbs === undefined ? v("n/a") : f(`(${b.ref(row, 3)}+${b.ref(row, 4)})/(${b.ref(row, 2)}+${b.ref(row, 4)})`, x.rateNbs, PCT), v(src(S.refinery_redmud, r), "note")];
  }, refRows.length);

  const sheet: SheetSpec = { name: b.name, kind: "report", rows: b.rows, columnWidths: [26, 22, 18, 16, 16, 16, 16, 16, 30, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14], freeze: { rows: 0, cols: 1 }, tabColor: "7F7F7F" };
  return {
    sheet,
    refs: { denominator: b.ref(pDen, 1), countInternal: b.ref(pInt, 1), defaultR: b.ref(pR, 1), averageR: b.ref(pAvgRow, 1), inputs, products, productRow, smelters, smelterRow, refineryBlock, refineryRow, pathMatrixFirst, pathMatrixCol, rmkFirst, rmkCol, refineryOrder, footprint, fpRow, fpKeys, evidence, b },
  };
}

/**
 * A product's share of an inputs column: its own rows plus site-level rows ("SITE") weighted by its
 * share of output (REFERENCE §2.4 mass balance). `productCell` holds the product id.
 */
function productSum(d: DataRefs, productCell: string, productId: string): (key: string) => string {
  const inp = d.inputs;
  const alloc = d.b.ref(d.productRow.get(productId)!, d.products.col("alloc"));
  return (k) => `(SUMIFS(${inp.rng(k)},${inp.rng("scope")},${productCell})+SUMIFS(${inp.rng(k)},${inp.rng("scope")},"SITE")*${alloc})`;
}

function redMudTab(fig: ReportFigures, d: DataRefs): SheetSpec {
  const b = new SheetBuilder(REPORT_SHEETS.redMud);
  const D = d.b;
  b.push([v("Dimension 1: red mud (bauxite residue) upstream of the product", "title")]);
  b.push([v("Dry tonnes of bauxite residue generated at the alumina refineries for the primary metal in each product. Cut-off approach: scrap carries no red mud (AluTrace METHOD §1.4); allocation variant: bought-in pre-consumer scrap carries the site-average primary burden (METHOD §1.5).", "note")]);
  b.blank();
  b.push(["product_id", "output t", "red mud t (dry)", "red mud kg per kg product (cut-off)", "declared unit", "red mud kg per declared unit", "red mud kg per kg (allocation variant)"].map((h) => v(h, "header")));
  for (const p of fig.products) {
    const row = b.next;
    const pr = d.productRow.get(p.productId)!;
    const rmCol = d.rmkCol.get(p.productId)!;
    const rmRange = D.range(rmCol, d.rmkFirst, d.rmkFirst + Math.max(0, d.refineryOrder.length - 1));
    const extPre = productSum(d, b.ref(row, 0), p.productId)("extpre");
    b.push([
      v(p.productId, "label"),
      f(D.ref(pr, d.products.col("out")), p.outputT, T),
      f(`SUM(${rmRange})`, p.redMudT, T),
      f(`IFERROR(${b.ref(row, 2)}/${b.ref(row, 1)},0)`, p.redMudIntensity, RATIO),
      v(p.declaredUnit),
      f(`${b.ref(row, 3)}*${D.ref(pr, d.products.col("mass"))}`, p.redMudPerDeclaredUnitKg, RATIO),
      f(`IFERROR((${b.ref(row, 2)}+${extPre}*${d.averageR})/(${b.ref(row, 1)}+${D.ref(pr, d.products.col("scrap"))}),0)`, p.redMudIntensityAllocation, RATIO),
    ]);
  }
  b.blank();
  b.push([v("Pathways of that red mud: kg per kg product (refinery pathway shares of newly generated red mud, METHOD §1.6)", "subtitle")]);
  b.push([v("product_id", "header"), ...fig.pathwayColumns.map((c) => v(`${c}\n${pathwayLabel(c).en}`, "header"))]);
  const nRef = d.refineryOrder.length;
  for (const p of fig.products) {
    const pr = d.productRow.get(p.productId)!;
    const rmRange = D.range(d.rmkCol.get(p.productId)!, d.rmkFirst, d.rmkFirst + Math.max(0, nRef - 1));
    b.push([v(p.productId, "label"), ...fig.pathwayColumns.map((c) => {
      const fRange = D.range(d.pathMatrixCol.get(c)!, d.pathMatrixFirst, d.pathMatrixFirst + Math.max(0, nRef - 1));
      return f(`IFERROR(SUMPRODUCT(${rmRange},${fRange})/${D.ref(pr, d.products.col("out"))},0)`, p.pathwayKgPerKg.get(c) ?? 0, RATIO);
    })]);
  }
  b.blank();
  b.push([v("Chain factors: smelters", "subtitle")]);
  b.push(["smelter_id", "alumina t per t Al (A)", "red mud t per t Al (R)"].map((h) => v(h, "header")));
  for (const sm of fig.smelters) {
    const r = d.smelterRow.get(sm.smelterId)!;
    b.push([v(sm.smelterId, "label"), f(D.ref(r, 1), sm.aluminaPerAl, RATIO), f(D.ref(r, 2), sm.redMudPerAl, RATIO)]);
  }
  b.blank();
  const t27 = defaultValue("REDMUD_UTILISATION_TARGET_2027");
  const t30 = defaultValue("REDMUD_UTILISATION_TARGET_2030");
  b.push([v("Refinery utilisation of newly generated red mud vs national targets (工信部联节〔2024〕225号: 15 % by 2027, 25 % by 2030)", "subtitle")]);
  b.push(["refinery_id", "red mud t per t alumina", "utilisation rate, new", "rate incl. legacy stock", "2027 target", "2030 target", "status"].map((h) => v(h, "header")));
  for (const x of fig.refineries) {
    const row = b.next;
    const r = d.refineryRow.get(x.refineryId)!;
    const status = x.rateNew >= t30 ? "meets 2030 target" : x.rateNew >= t27 ? "meets 2027 target" : "below 2027 target";
    b.push([
      v(x.refineryId, "label"),
      f(D.ref(r, 5), x.ratio, RATIO),
      f(D.ref(r, 6), x.rateNew, PCT),
      x.rateNbs === undefined ? v("n/a") : f(D.ref(r, 7), x.rateNbs, PCT),
      v(t27, undefined, PCT),
      v(t30, undefined, PCT),
      f(`IF(${b.ref(row, 2)}>=${b.ref(row, 5)},"meets 2030 target",IF(${b.ref(row, 2)}>=${b.ref(row, 4)},"meets 2027 target","below 2027 target"))`, status, undefined, x.rateNew >= t27 ? "good" : "warning"),
    ]);
  }
  if (fig.refineries.length === 0) b.push([v("No refinery balance was supplied (sheet 05), so utilisation rates cannot be shown.", "note")]);
  return { name: b.name, kind: "report", rows: b.rows, columnWidths: [22, 16, 18, 22, 16, 20, 22, 18, 18, 18, 18, 18, 18], tabColor: "A0522D" };
}

function recycledTab(fig: ReportFigures, d: DataRefs): SheetSpec {
  const b = new SheetBuilder(REPORT_SHEETS.recycled);
  const D = d.b;
  const m = fig.options.recycledMethod;
  b.push([v("Dimension 2: recycled aluminium content (ISO 14021)", "title")]);
  b.push([v("Input-based share by mass. Only pre- and post-consumer material counts; run-around scrap from the same process is excluded from numerator and denominator (AluTrace METHOD §2.1, rule V10).", "note")]);
  b.push([v("Method", "label"), v(`denominator = ${m.denominator}; internal cross-process scrap counted as pre-consumer = ${m.countInternalCrossProcess ? "yes" : "no"}`)]);
  b.push([v("Denominator (live)", "label"), f(d.denominator, m.denominator, undefined, "computed"), v("Internal cross-process counted (live)", "label"), f(d.countInternal, m.countInternalCrossProcess, undefined, "computed")]);
  b.blank();
  b.push(["product_id", "metal counted t", "pre-consumer t", "post-consumer t", "recycled content", "pre-consumer share", "post-consumer share", "run-around excluded t", "CBAM: scrap t per t product", "CBAM: pre-consumer share of scrap"].map((h) => v(h, "header")));
  for (const p of fig.products) {
    const row = b.next;
    const pr = d.productRow.get(p.productId)!;
    const sum = productSum(d, b.ref(row, 0), p.productId);
    const out = D.ref(pr, d.products.col("out"));
    b.push([
      v(p.productId, "label"),
      f(sum("counted"), p.recycled.denominatorT, T),
      f(sum("pre"), p.recycled.preConsumerT, T),
      f(sum("post"), p.recycled.postConsumerT, T),
      f(`IFERROR((${b.ref(row, 2)}+${b.ref(row, 3)})/${b.ref(row, 1)},0)`, p.recycled.share, PCT),
      f(`IFERROR(${b.ref(row, 2)}/${b.ref(row, 1)},0)`, p.recycled.preConsumerShare, PCT),
      f(`IFERROR(${b.ref(row, 3)}/${b.ref(row, 1)},0)`, p.recycled.postConsumerShare, PCT),
      f(sum("run"), p.runAroundT, T),
      f(`IFERROR(${sum("scrap")}/${out},0)`, p.scrapPerTonne, RATIO),
      p.preConsumerScrapShare === undefined ? v("n/a") : f(`IFERROR(${sum("prescrap")}/${sum("scrap")},0)`, p.preConsumerScrapShare, PCT),
    ]);
  }
  return { name: b.name, kind: "report", rows: b.rows, columnWidths: [22, 16, 16, 16, 16, 16, 16, 18, 20, 22], tabColor: "2E8B57" };
}

function dateCell(serial: unknown): Cell {
  return typeof serial === "number" ? { v: serial, date: true, numFmt: "yyyy-mm-dd" } : {};
}

function coverTab(val: ValidationResult, fig: ReportFigures, prov: Provenance): SheetSpec {
  const sup = val.sheets.supplier?.rows[0]?.v ?? {};
  const end = typeof sup.period_end === "number" ? sup.period_end : undefined;
  // PACT: validity defaults to 3 years after the reference period (V2), unless 09_Footprint states one.
  const stated = (val.sheets.footprint?.rows ?? []).map((r) => r.v.valid_until).filter((x): x is number => typeof x === "number");
  const earliest = stated.length ? Math.min(...stated) : undefined;
  const validUntil = earliest ?? (end === undefined ? undefined : lastValidDay(end, defaultValue("PCF_VALIDITY_MAX_YEARS")));
  const validNote = earliest === undefined
    ? "3 years after the reporting period (PACT default)"
    : new Set(stated).size === 1 && stated.length === (val.sheets.footprint?.rows.length ?? 0)
      ? "as stated on 09_Footprint (V2)"
      : "the earliest stated on 09_Footprint; each product's own date there (V2)";
  const rows: Cell[][] = [
    [v("AluTrace dual-dimension report: red mud (bauxite residue) and recycled aluminium content", "title")],
    [v("Standards: ISO 14021 (recycled content), ISO 14067 (carbon footprint of products), EN 15804+A2-style tables, PACT v3 data model; red mud attribution as documented on R1_Method.", "note")],
    [],
    [v("Supplier", "label"), v(String(sup.legal_name_en ?? ""))],
    [v("Supplier (中文)", "label"), v(String(sup.legal_name_zh ?? ""))],
    [v("Supplier ID", "label"), v(String(sup.supplier_id ?? ""), undefined, "@")],
    [v("Unified Social Credit Code", "label"), v(String(sup.uscc ?? ""), undefined, "@")],
    [v("Site", "label"), v(String(sup.site_name ?? "")), v(String(sup.country ?? ""))],
    [v("Reporting period", "label"), dateCell(sup.period_start), dateCell(sup.period_end)],
    [v("Declared unit(s)", "label"), v([...new Set(fig.products.map((p) => p.declaredUnit))].join(", "))],
    [v("Products", "label"), v(fig.products.map((p) => `${p.productId} (${p.name})`).join("; "))],
    [v("Status", "label"), v(val.errors === 0 ? "Validated: no errors" : `NOT VALID: ${val.errors} errors`, val.errors === 0 ? "good" : "error"), v(`${val.warnings} warnings — see ${REPORT_SHEETS.dataQuality}`)],
    [v("Valid until", "label"), dateCell(validUntil), v(validNote, "note")],
    [v("Report version", "label"), v(1)],
    [],
    [v("Provenance", "subtitle")],
    [v("Source workbook", "label"), v(prov.sourceName)],
    [v("Source SHA-256", "label"), v(prov.sourceSha256 ?? "", undefined, "@"), v(prov.sourceSha256 ? (prov.sourceSha256Of === "sheet-values" ? "of the values of the workbook's supplier sheets (hashed in Excel)" : "of the source file's bytes") : "", "note")],
    [v("Template version", "label"), v(TEMPLATE_VERSION, undefined, "@")],
    [v("AluTrace version", "label"), v(prov.alutraceVersion, undefined, "@")],
    [v("Generated at (UTC)", "label"), v(prov.generatedAt)],
    [v("Recycled-content denominator", "label"), v(fig.options.recycledMethod.denominator)],
    [v("Internal cross-process scrap counted", "label"), v(fig.options.recycledMethod.countInternalCrossProcess)],
    [],
    [v("Tabs", "subtitle")],
    [v(REPORT_SHEETS.method), v("system boundary, allocation and scrap treatment, recycled-content method, data quality, limitations")],
    [v(REPORT_SHEETS.gwp), v("carbon footprint as declared: fossil and biogenic separate, cut-off and allocation side by side")],
    [v(REPORT_SHEETS.recycled), v("recycled content: total, pre- and post-consumer, excluded same-process scrap")],
    [v(REPORT_SHEETS.redMud), v("red mud intensity, chain factors, pathways, refinery utilisation vs national targets")],
    [v(REPORT_SHEETS.cbam), v("CBAM aluminium parameters")],
    [v(REPORT_SHEETS.dataQuality), v("all findings, evidence coverage, defaults used with sources")],
    [v(REPORT_SHEETS.exportMap), v("where each exported field comes from")],
    [v(REPORT_SHEETS.sources), v("published sources behind defaults and methods")],
    [v(REPORT_SHEETS.data), v("normalised supplier data with source cells and computed columns")],
  ];
  return { name: REPORT_SHEETS.cover, kind: "report", rows, columnWidths: [34, 44, 18, 60, 40], tabColor: "1F6F78" };
}

function methodTab(val: ValidationResult, fig: ReportFigures, d: DataRefs): SheetSpec {
  const b = new SheetBuilder(REPORT_SHEETS.method);
  const m = fig.options.recycledMethod;
  b.push([v("Method", "title")]);
  b.blank();
  b.push([v("System boundary and modules declared (EN 15804 style)", "subtitle")]);
  b.push(["module", "A1", "A2", "A3", "A4–A5", "B1–B7", "C1–C4", "D"].map((h) => v(h, "header")));
  b.push([v("declared", "label"), v("X"), v("X"), v("X"), v("MND"), v("MND"), v("MND"), v("MND")]);
  b.push([v("Cradle to gate (A1–A3): raw material supply including bauxite → alumina → primary aluminium, transport, and manufacturing at the site. Other modules not declared (MND).", "note")]);
  b.blank();
  b.push([v("Red mud (bauxite residue)", "subtitle")]);
  b.push([v("Basis", "label"), v("dry tonnes; wet figures converted with moisture and basis (AluTrace METHOD §1.1)")]);
  b.push([v("Attribution", "label"), v("R = A × Σ share × ratio per smelter; intensity = Σ primary metal × R / output (cut-off, METHOD §1.4); allocation variant gives bought-in pre-consumer scrap the site-average primary burden (METHOD §1.5)")]);
  b.push([v("Default red mud per t Al (live)", "label"), f(d.defaultR, fig.defaultRedMudPerAl, RATIO), v("used for metal of unknown origin (primary part of secondary ingot)", "note")]);
  b.push([v("Pathways", "label"), v("shares of newly generated red mud per refinery; red mud from refineries without pathway data is shown as UNREPORTED")]);
  b.blank();
  b.push([v("Recycled content (ISO 14021)", "subtitle")]);
  b.push([v("Denominator (live)", "label"), f(d.denominator, m.denominator, undefined, "computed"), v("all_metal: every input except run-around scrap; al_only: aluminium only", "note")]);
  b.push([v("Internal cross-process scrap counted (live)", "label"), f(d.countInternal, m.countInternalCrossProcess, undefined, "computed")]);
  b.push([v("Same-process boundary", "label"), v("run-around scrap remelted in the process that generated it is excluded from numerator and denominator (V10)")]);
  b.push([v("Site-level inputs", "label"), v("shared by products in proportion to saleable output (mass balance, ISO 22095)")]);
  b.blank();
  b.push([v("Carbon footprint as declared by the supplier", "subtitle")]);
  b.push(["product_id", "scrap treatment", "IPCC", "standard", "primary data share", "DQR tech.", "DQR temp.", "DQR geo.", "assurance"].map((h) => v(h, "header")));
  const fk = (k: string) => d.fpKeys.indexOf(k);
  if (d.fpRow.size === 0) b.push([v("No footprint supplied (sheet 09_Footprint empty): GWP values are not reported.", "note")]);
  for (const [pid, row] of d.fpRow) {
    const fpr = val.sheets.footprint?.rows.find((r) => r.v.product_id === pid);
    const ref = (k: string, fmt?: string): Cell => (fpr?.v[keyOfFp(k)] === undefined ? v("") : f(d.b.ref(row, fk(k)), fpr.v[keyOfFp(k)] as SpecValue, fmt));
    b.push([v(pid, "label"), ref("method"), ref("ar"), ref("std"), ref("pds", PCT), ref("dqrT", "0.0"), ref("dqrTe", "0.0"), ref("dqrG", "0.0"), ref("assur")]);
  }
  b.blank();
  b.push([v("Limitations", "subtitle")]);
  for (const l of [
    "Red mud intensity depends on refinery ratios; where a refinery gave none, the IAI typical 1.2 t/t is used and listed on R6_Data_Quality.",
    "The official calculation rule of 新增赤泥综合利用率 is not published; the rate shown is U_new / G (PROPOSAL), with the rate including legacy stock alongside.",
    "Recycled content is input-based for the period; it is not a chain-of-custody claim for an individual delivery.",
    "Carbon footprint values are as declared by the supplier; AluTrace checks form and consistency, not the underlying LCA.",
    ...val.notes,
  ]) b.push([v(l, "note")]);
  return { name: b.name, kind: "report", rows: b.rows, columnWidths: [36, 60, 12, 16, 16, 12, 12, 12, 14], tabColor: "1F6F78" };
}

const FP_KEY: Record<string, string> = { method: "scrap_method", ar: "ipcc_ar", std: "standard", pds: "primary_data_share", dqrT: "dqr_technological", dqrTe: "dqr_temporal", dqrG: "dqr_geographical", assur: "assurance", excl: "pcf_excl_biogenic", incl: "pcf_incl_biogenic", fossil: "fossil_ghg", dluc: "dluc_ghg", aircraft: "aircraft_ghg", cut: "ghg_cut_off", alloc: "ghg_allocation" };
function keyOfFp(k: string): string {
  return FP_KEY[k] ?? k;
}

function gwpTab(val: ValidationResult, fig: ReportFigures, d: DataRefs): SheetSpec {
  const b = new SheetBuilder(REPORT_SHEETS.gwp);
  b.push([v("Global warming potential (GWP100) as declared, A1–A3", "title")]);
  b.push([v("kg CO2e per declared unit unless stated; fossil and biogenic reported separately (ISO 14067); cut-off and allocation treatment of scrap side by side (RMI, IAI).", "note")]);
  b.blank();
  b.push(["product_id", "declared unit", "PCF excl. biogenic", "PCF incl. biogenic", "fossil GHG", "biogenic (incl. − excl.)", "dLUC GHG", "cut-off", "allocation", "PCF excl. biogenic per kg", "cut-off per kg", "allocation per kg"].map((h) => v(h, "header")));
  if (d.fpRow.size === 0) b.push([v("No carbon footprint was supplied on 09_Footprint.", "note")]);
  const fk = (k: string) => d.fpKeys.indexOf(k);
  for (const p of fig.products) {
    const row = d.fpRow.get(p.productId);
    if (row === undefined) continue;
    const r = b.next;
    const fv = val.sheets.footprint!.rows.find((x) => x.v.product_id === p.productId)!.v;
    const n2 = (k: string) => (typeof fv[keyOfFp(k)] === "number" ? (fv[keyOfFp(k)] as number) : undefined);
    const ref = (k: string): Cell => (n2(k) === undefined ? v("") : f(d.b.ref(row, fk(k)), n2(k)!, RATIO));
    const massRef = d.b.ref(d.productRow.get(p.productId)!, d.products.col("mass"));
    const perKg = (col: number, val0: number | undefined): Cell => (val0 === undefined ? v("") : f(`IFERROR(${b.ref(r, col)}/${massRef},"")`, val0 / p.massPerDeclaredUnitKg, RATIO));
    const excl = n2("excl");
    const incl = n2("incl");
    b.push([
      v(p.productId, "label"),
      v(p.declaredUnit),
      ref("excl"),
      ref("incl"),
      ref("fossil"),
      incl === undefined || excl === undefined ? v("") : f(`${b.ref(r, 3)}-${b.ref(r, 2)}`, incl - excl, RATIO),
      ref("dluc"),
      ref("cut"),
      ref("alloc"),
      perKg(2, excl),
      perKg(7, n2("cut")),
      perKg(8, n2("alloc")),
    ]);
  }
  return { name: b.name, kind: "report", rows: b.rows, columnWidths: [20, 14, 16, 16, 14, 18, 12, 12, 12, 20, 16, 16], tabColor: "4B0082" };
}

function cbamTab(fig: ReportFigures, d: DataRefs): SheetSpec {
  const b = new SheetBuilder(REPORT_SHEETS.cbam);
  const D = d.b;
  b.push([v("CBAM view: aluminium parameters per product (shaped like Summary_Products)", "title")]);
  b.push([v("Scrap per t product counts bought-in pre-consumer, internal cross-process and post-consumer scrap (may exceed 100 %, METHOD §2.4, rule V12). SEE (direct embedded emissions) is not part of this template.", "note")]);
  b.blank();
  b.push(["product_id", "CN code", "route (indicative)", "scrap t per t product", "pre-consumer share of scrap", "non-aluminium content share", "SEE direct t CO2e/t", "red mud data source"].map((h) => v(h, "header")));
  for (const p of fig.products) {
    const row = b.next;
    const pr = d.productRow.get(p.productId)!;
    const sum = productSum(d, b.ref(row, 0), p.productId);
    const out = D.ref(pr, d.products.col("out"));
    const nonAl = p.nonAluminiumShare;
    const defaulted = [...p.redMudByRefinery.keys()].some((k) => k === DEFAULT_REFINERY) || fig.smelters.some((s) => s.refineries.some((x) => x.isDefault));
    b.push([
      v(p.productId, "label"),
      f(D.ref(pr, d.products.col("cn")), p.cnCode ?? "", "@"),
      f(`IF(IFERROR((${sum("pre")}+${sum("post")})/${sum("counted")},0)>0.5,"secondary","primary")`, p.recycled.share > 0.5 ? "secondary" : "primary"),
      f(`IFERROR(${sum("scrap")}/${out},0)`, p.scrapPerTonne, RATIO),
      p.preConsumerScrapShare === undefined ? v("n/a") : f(`IFERROR(${sum("prescrap")}/${sum("scrap")},0)`, p.preConsumerScrapShare, PCT),
      f(`IFERROR(${sum("nonal")}/(${sum("mass")}-${sum("run")}),0)`, nonAl, PCT),
      v("not supplied"),
      v(defaulted ? "partly default values" : "supplier data"),
    ]);
  }
  return { name: b.name, kind: "report", rows: b.rows, columnWidths: [20, 12, 16, 18, 22, 22, 18, 22], tabColor: "003399" };
}

function dataQualityTab(val: ValidationResult, fig: ReportFigures, d: DataRefs): SheetSpec {
  const b = new SheetBuilder(REPORT_SHEETS.dataQuality);
  const fs = val.findings;
  b.push([v("Data quality", "title")]);
  b.push([v("Findings", "label"), v(`${fs.filter((x) => x.severity === "error").length} errors`), v(`${fs.filter((x) => x.severity === "warning").length} warnings`), v(`${fs.filter((x) => x.severity === "info").length} notes`)]);
  const inp = d.inputs;
  const evShare = fig.evidenceCoverage;
  b.push([v("Evidence coverage (share of input mass with a registered document)", "label"), f(`IFERROR(SUMIFS(${inp.rng("mass")},${inp.rng("evok")},"yes")/SUM(${inp.rng("mass")}),0)`, evShare, PCT)]);
  b.blank();
  b.push([v("Defaults used", "subtitle")]);
  b.push([v("Defaults put into blank cells, and the default chain carried by the primary part of secondary ingot (origin unknown), with the cells each applies to.", "note")]);
  b.push(["id", "value", "unit", "source", "year", "cells"].map((h) => v(h, "header")));
  if (fig.defaultsUsed.length === 0) b.push([v("none", "note")]);
  for (const u of fig.defaultsUsed) {
    const dd = findDefault(u.id)!;
    b.push([v(u.id), v(dd.value), v(dd.unit), v(dd.source.citation, "note"), dd.year === null ? v("") : v(dd.year), v(u.cells.slice(0, 20).join(", ") + (u.cells.length > 20 ? ` … (+${u.cells.length - 20})` : ""), "note")]);
  }
  b.blank();
  b.push([v("All findings", "subtitle")]);
  b.push(["sheet", "cell", "severity", "code", "message", "说明"].map((h) => v(h, "header")));
  for (const x of fs) b.push([v(x.sheet), v(x.cell), v(x.severity, x.severity === "error" ? "error" : x.severity === "warning" ? "warning" : undefined), v(x.code), v(x.message), v(x.messageZh)]);
  return { name: b.name, kind: "report", rows: b.rows, columnWidths: [26, 14, 12, 40, 90, 70], tabColor: "7F7F7F" };
}

function exportMapTab(): SheetSpec {
  const rows: Cell[][] = [[v("Export map: where exported fields come from", "title")], [v("PACT v3 ProductFootprint (one per product) with AluTrace's DataModelExtension; see docs/EXPORTS.md.", "note")], [], ["export field", "report source", "template source"].map((h) => v(h, "header"))];
  const map: [string, string, string][] = [
    ["companyName", `${REPORT_SHEETS.cover}: Supplier`, "01_Supplier legal_name_en"],
    ["companyIds", `${REPORT_SHEETS.cover}: Supplier ID, USCC`, "01_Supplier supplier_id, uscc"],
    ["productIds / productNameCompany", `${REPORT_SHEETS.data}: Products`, "02_Products product_id, product_name"],
    ["pcf.declaredUnitOfMeasurement / declaredUnitAmount", `${REPORT_SHEETS.gwp}: declared unit`, "02_Products declared_unit, mass_per_declared_unit_kg"],
    ["pcf.referencePeriodStart / End (end exclusive)", `${REPORT_SHEETS.cover}: Reporting period`, "01_Supplier period_start, period_end"],
    ["validityPeriodStart / End (only when stated)", `${REPORT_SHEETS.cover}: Reporting period`, "01_Supplier period_end; 09_Footprint valid_until"],
    ["pcf.pcfExcludingBiogenicUptake / pcfIncludingBiogenicUptake", `${REPORT_SHEETS.gwp}`, "09_Footprint pcf_excl_biogenic, pcf_incl_biogenic"],
    ["pcf.fossilGhgEmissions, dlucGhgEmissions, aircraftGhgEmissions", `${REPORT_SHEETS.gwp}`, "09_Footprint fossil_ghg, dluc_ghg, aircraft_ghg"],
    ["pcf.ipccCharacterizationFactors / crossSectoralStandards", `${REPORT_SHEETS.method}`, "09_Footprint ipcc_ar, standard"],
    ["pcf.primaryDataShare / dqi", `${REPORT_SHEETS.method}`, "09_Footprint primary_data_share, dqr_*"],
    ["extensions[].data.recycledContent", `${REPORT_SHEETS.recycled}`, "03_Metal_Inputs"],
    ["extensions[].data.redMud", `${REPORT_SHEETS.redMud}`, "03_Metal_Inputs, 04_Primary_Sources, 05_Refinery_RedMud, 06_RedMud_Pathways"],
    ["extensions[].data.recycledContent.cbam", `${REPORT_SHEETS.cbam}`, "03_Metal_Inputs, 07_Outputs"],
    ["extensions[].data.provenance", `${REPORT_SHEETS.cover}: Provenance`, "the source workbook"],
  ];
  for (const [a, b2, c] of map) rows.push([v(a), v(b2), v(c)]);
  return { name: REPORT_SHEETS.exportMap, kind: "report", rows, columnWidths: [56, 40, 60], tabColor: "7F7F7F" };
}

function sourcesTab(fig: ReportFigures): SheetSpec {
  const used = new Set<string>(["S1", "S10", "S16", "S25", "S30", "S33", "S35", "S36", "S41", "S48", "S50", "S55", "S56", "S57", "S58", "S62"]);
  for (const u of fig.defaultsUsed) for (const id of findDefault(u.id)?.source.ids ?? []) used.add(id);
  const rows: Cell[][] = [[v("Sources", "title")], [v("AluTrace's source register (docs/SOURCES.md); defaults carry their value, unit and year on R6_Data_Quality.", "note")], [], ["id", "source", "supports", "link"].map((h) => v(h, "header"))];
  for (const s of SOURCES) if (used.has(s.id)) rows.push([v(s.id), v(s.title), v(s.supports), v(s.url)]);
  return { name: REPORT_SHEETS.sources, kind: "report", rows, columnWidths: [8, 60, 60, 70], tabColor: "7F7F7F" };
}

export function buildReport(val: ValidationResult, fig: ReportFigures, prov: Provenance): WorkbookSpec {
  const data = dataTab(val, fig);
  const recycled = recycledTab(fig, data.refs);
  return {
    sheets: [
      coverTab(val, fig, prov),
      methodTab(val, fig, data.refs),
      gwpTab(val, fig, data.refs),
      recycled,
      redMudTab(fig, data.refs),
      cbamTab(fig, data.refs),
      dataQualityTab(val, fig, data.refs),
      exportMapTab(),
      sourcesTab(fig),
      data.sheet,
    ],
  };
}
