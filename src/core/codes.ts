/**
 * Code lists (REFERENCE §7.2) with EN + 中文 labels. Suppliers pick labels from dropdowns, so every
 * lookup accepts the canonical code (any case), the EN label, the 中文 label, or "EN / 中文", and
 * returns the canonical code. Order in each list is the display/report order.
 */

export interface CodeEntry {
  readonly code: string;
  readonly en: string;
  readonly zh: string;
  /** Other spellings accepted on input (e.g. an older code name). Never emitted. */
  readonly aliases?: readonly string[];
}

export interface PathwayEntry extends CodeEntry {
  readonly group: "storage" | "utilisation" | "disposal";
}

// ---------------------------------------------------------------------------------------------
// Metal input classes (ISO 14021 sense; REFERENCE §3.3, §7.2 03_Metal_Inputs)

export const INPUT_CLASSES = [
  { code: "primary_ingot", en: "Primary ingot", zh: "原铝锭" },
  { code: "primary_liquid", en: "Primary liquid aluminium", zh: "电解铝液" },
  { code: "secondary_ingot", en: "Secondary (recycled) ingot", zh: "再生铝锭" },
  { code: "pre_consumer_scrap_external", en: "Pre-consumer scrap, bought in", zh: "消费前废铝（外购）" },
  {
    code: "pre_consumer_scrap_internal_cross_process",
    en: "Pre-consumer scrap, internal from another process",
    zh: "消费前废铝（厂内其他工序）",
    // REFERENCE §7.2 spells it "..._internal_other_process"; accept both so a template built from
    // either spelling resolves to one code.
    aliases: ["pre_consumer_scrap_internal_other_process"],
  },
  { code: "post_consumer_scrap", en: "Post-consumer scrap", zh: "消费后废铝" },
  { code: "run_around_scrap", en: "Run-around scrap (same process)", zh: "同工序回炉料" },
  { code: "alloying_element", en: "Alloying element", zh: "合金元素" },
  { code: "master_alloy", en: "Master alloy", zh: "中间合金" },
] as const satisfies readonly CodeEntry[];
export type InputClass = (typeof INPUT_CLASSES)[number]["code"];

// ---------------------------------------------------------------------------------------------
// Red mud pathways, exactly as REFERENCE §7.2 06_RedMud_Pathways

export const PATHWAY_CODES = [
  { code: "STORE_DRY_STACK", group: "storage", en: "Dry stacking (filtered cake)", zh: "干法堆存" },
  { code: "STORE_WET_LAGOON", group: "storage", en: "Wet lagoon / impoundment", zh: "湿法堆存（赤泥库）" },
  { code: "STORE_THICKENED", group: "storage", en: "Thickened (high-density) disposal", zh: "浓缩（高浓度）堆存" },
  { code: "STORE_OTHER", group: "storage", en: "Other storage", zh: "其他堆存" },
  { code: "USE_CEMENT_CLINKER_RAW", group: "utilisation", en: "Cement clinker raw material", zh: "水泥熟料原料" },
  { code: "USE_SCM_BLENDED_CEMENT", group: "utilisation", en: "SCM in blended cement", zh: "混合水泥掺合料" },
  { code: "USE_CEMENTITIOUS_MATERIAL", group: "utilisation", en: "Cementitious material", zh: "胶凝材料" },
  { code: "USE_BRICK_WALL_MATERIAL", group: "utilisation", en: "Bricks / wall materials", zh: "砖及墙体材料" },
  { code: "USE_ROAD_BASE", group: "utilisation", en: "Road base / subgrade", zh: "道路路基材料" },
  { code: "USE_FE_RECOVERY", group: "utilisation", en: "Iron recovery", zh: "提取铁" },
  { code: "USE_VALUABLE_METALS", group: "utilisation", en: "Valuable metals (Sc, Ti, etc.)", zh: "提取有价金属（钪、钛等）" },
  { code: "USE_POWDER_MATERIAL", group: "utilisation", en: "Powder materials", zh: "粉体材料" },
  { code: "USE_SOIL_AMELIORATION", group: "utilisation", en: "Soil amelioration", zh: "土壤改良" },
  { code: "USE_BACKFILL", group: "utilisation", en: "Backfill", zh: "充填材料" },
  { code: "USE_ADSORBENT_ENV", group: "utilisation", en: "Adsorbent / environmental material", zh: "吸附剂及环保材料" },
  { code: "USE_OTHER", group: "utilisation", en: "Other utilisation", zh: "其他综合利用" },
  { code: "DISP_SEA", group: "disposal", en: "Sea discharge (historic)", zh: "排海（历史）" },
  { code: "DISP_RIVER", group: "disposal", en: "River discharge (historic)", zh: "排入河流（历史）" },
  { code: "DISP_OTHER", group: "disposal", en: "Other disposal", zh: "其他处置" },
] as const satisfies readonly PathwayEntry[];
export type PathwayCode = (typeof PATHWAY_CODES)[number]["code"];
export type PathwayGroup = PathwayEntry["group"];

// ---------------------------------------------------------------------------------------------
// Smaller lists (REFERENCE §7.2)

export const REFINERY_PROCESSES = [
  { code: "bayer", en: "Bayer", zh: "拜耳法" },
  { code: "sinter", en: "Sinter", zh: "烧结法" },
  { code: "combined", en: "Combined Bayer-sinter", zh: "联合法" },
  { code: "unknown", en: "Unknown", zh: "未知" },
] as const satisfies readonly CodeEntry[];
export type RefineryProcess = (typeof REFINERY_PROCESSES)[number]["code"];

export const BAUXITE_TYPES = [
  { code: "gibbsite", en: "Gibbsite", zh: "三水铝石型" },
  { code: "boehmite", en: "Boehmite", zh: "一水软铝石型" },
  { code: "diaspore", en: "Diaspore", zh: "一水硬铝石型" },
  { code: "mixed", en: "Mixed", zh: "混合型" },
  { code: "unknown", en: "Unknown", zh: "未知" },
] as const satisfies readonly CodeEntry[];
export type BauxiteType = (typeof BAUXITE_TYPES)[number]["code"];

export const MOISTURE_BASES = [
  { code: "wet", en: "Wet basis (water / total mass)", zh: "湿基" },
  { code: "dry", en: "Dry basis (water / dry solids)", zh: "干基" },
] as const satisfies readonly CodeEntry[];
export type MoistureBasis = (typeof MOISTURE_BASES)[number]["code"];

export const VALUE_TYPES = [
  { code: "measured", en: "Measured", zh: "实测值" },
  { code: "calculated", en: "Calculated", zh: "计算值" },
  { code: "supplier_declared", en: "Supplier-declared", zh: "供应商声明值" },
  { code: "literature_default", en: "Literature default", zh: "文献默认值" },
] as const satisfies readonly CodeEntry[];
export type ValueType = (typeof VALUE_TYPES)[number]["code"];

/** ISO 22095 chain-of-custody models [S41]. */
export const COC_MODELS = [
  { code: "identity_preserved", en: "Identity preserved", zh: "身份保持" },
  { code: "segregated", en: "Segregated", zh: "隔离" },
  { code: "controlled_blending", en: "Controlled blending", zh: "受控混合" },
  { code: "mass_balance", en: "Mass balance", zh: "质量平衡" },
  { code: "book_and_claim", en: "Book and claim", zh: "账簿与声明" },
] as const satisfies readonly CodeEntry[];
export type CocModel = (typeof COC_MODELS)[number]["code"];

export const PRODUCT_FORMS = [
  { code: "sheet", en: "Sheet", zh: "薄板" },
  { code: "plate", en: "Plate", zh: "厚板" },
  { code: "strip", en: "Strip", zh: "带材" },
  { code: "coil", en: "Coil", zh: "卷材" },
  { code: "foil", en: "Foil", zh: "箔材" },
  { code: "extrusion", en: "Extrusion", zh: "挤压材" },
  { code: "die_casting", en: "Die casting", zh: "压铸件" },
  { code: "ingot", en: "Ingot", zh: "铸锭" },
  { code: "billet", en: "Billet", zh: "铸棒" },
  { code: "slab", en: "Slab", zh: "扁锭" },
  { code: "other", en: "Other", zh: "其他" },
] as const satisfies readonly CodeEntry[];
export type ProductForm = (typeof PRODUCT_FORMS)[number]["code"];

/** PACT declaredUnit subset; codes are PACT's own strings (with a space) so exports need no mapping. */
export const DECLARED_UNITS = [
  { code: "kilogram", en: "kilogram", zh: "千克", aliases: ["kg"] },
  { code: "piece", en: "piece", zh: "件" },
  { code: "square meter", en: "square meter", zh: "平方米", aliases: ["square_meter", "m2", "m²"] },
] as const satisfies readonly CodeEntry[];
export type DeclaredUnit = (typeof DECLARED_UNITS)[number]["code"];

// ---------------------------------------------------------------------------------------------
// Footprint and evidence sheets (REFERENCE §7.2 09_Footprint, 10_Evidence; PACT v3 enums [S48])

/** How process scrap is treated in the supplier's carbon footprint (V17; RMI [S50], IAI [S36]). */
export const SCRAP_METHODS = [
  { code: "cut_off", en: "Cut-off (scrap burden-free)", zh: "截断法（废料无负担）" },
  { code: "allocation", en: "Allocation (scrap carries burden)", zh: "分配法（废料承担负担）" },
  { code: "both", en: "Both reported", zh: "两种均报告" },
] as const satisfies readonly CodeEntry[];
export type ScrapMethod = (typeof SCRAP_METHODS)[number]["code"];

/** IPCC assessment report of the GWP100 factors (V15). */
export const IPCC_REPORTS = [
  { code: "AR6", en: "IPCC AR6", zh: "IPCC第六次评估报告" },
  { code: "AR5", en: "IPCC AR5", zh: "IPCC第五次评估报告" },
] as const satisfies readonly CodeEntry[];
export type IpccReport = (typeof IPCC_REPORTS)[number]["code"];

/** PACT crossSectoralStandards values [S48]. */
export const CROSS_SECTORAL_STANDARDS = [
  { code: "ISO14067", en: "ISO 14067", zh: "ISO 14067 产品碳足迹" },
  { code: "GHGP-Product", en: "GHG Protocol Product Standard", zh: "温室气体核算体系产品标准" },
  { code: "ISO14040-44", en: "ISO 14040/14044", zh: "ISO 14040/14044 生命周期评价" },
  { code: "PEF", en: "Product Environmental Footprint (PEF)", zh: "产品环境足迹（PEF）" },
  { code: "PACT-3.0", en: "PACT Methodology 3.0", zh: "PACT方法学3.0" },
  { code: "PAS2050", en: "PAS 2050", zh: "PAS 2050 英国标准" },
] as const satisfies readonly CodeEntry[];
export type CrossSectoralStandard = (typeof CROSS_SECTORAL_STANDARDS)[number]["code"];

export const YES_NO = [
  { code: "yes", en: "Yes", zh: "是", aliases: ["true", "y", "1"] },
  { code: "no", en: "No", zh: "否", aliases: ["false", "n", "0"] },
] as const satisfies readonly CodeEntry[];
export type YesNo = (typeof YES_NO)[number]["code"];

/** PACT assurance level [S48]. */
export const ASSURANCE_LEVELS = [
  { code: "none", en: "No assurance", zh: "无鉴证" },
  { code: "limited", en: "Limited assurance", zh: "有限鉴证" },
  { code: "reasonable", en: "Reasonable assurance", zh: "合理鉴证" },
] as const satisfies readonly CodeEntry[];
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number]["code"];

/** Evidence document types (REFERENCE §7.2 10_Evidence). */
export const DOC_TYPES = [
  { code: "invoice", en: "Invoice", zh: "发票" },
  { code: "mill_cert", en: "Mill certificate", zh: "质保书" },
  { code: "weighbridge", en: "Weighbridge record", zh: "过磅单" },
  { code: "lab_moisture", en: "Lab moisture report", zh: "含水率检测报告" },
  { code: "refinery_statement", en: "Refinery statement", zh: "氧化铝厂声明" },
  { code: "epd", en: "EPD", zh: "环境产品声明（EPD）" },
  { code: "pcf_report", en: "PCF report", zh: "产品碳足迹报告" },
  { code: "cbam_communication", en: "CBAM communication", zh: "CBAM数据通报" },
  { code: "coc_certificate", en: "Chain-of-custody certificate", zh: "监管链证书" },
  { code: "other", en: "Other", zh: "其他" },
] as const satisfies readonly CodeEntry[];
export type DocType = (typeof DOC_TYPES)[number]["code"];

// ---------------------------------------------------------------------------------------------
// Lookups

/** Case-, width- and space-insensitive key: NFKC folds full-width letters typed with a Chinese IME. */
export function normaliseCodeText(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

interface CodeIndex {
  /** normaliseCodeText(key) → code. */
  readonly normalised: Map<string, string>;
  /**
   * The keys exactly as written (code, labels, "EN / 中文", aliases) → code: what a dropdown or a
   * canonical code gives, found without normalising (a million-row column stays cheap). Each entry
   * agrees with `normalised`, so the fast path never changes an answer.
   */
  readonly exact: Map<string, string>;
}

const indexes = new WeakMap<readonly CodeEntry[], CodeIndex>();
/** The last list looked up: a column of codes asks for the same list a million times in a row. */
let lastList: readonly CodeEntry[] | undefined;
let lastIndex: CodeIndex | undefined;

function indexOf(list: readonly CodeEntry[]): CodeIndex {
  if (list === lastList) return lastIndex!;
  let idx = indexes.get(list);
  if (idx) {
    lastList = list;
    lastIndex = idx;
    return idx;
  }
  const normalised = new Map<string, string>();
  const exact = new Map<string, string>();
  for (const e of list) {
    const keys = [e.code, e.en, e.zh, `${e.en} / ${e.zh}`, `${e.en}/${e.zh}`, ...(e.aliases ?? [])];
    for (const k of keys) {
      const n = normaliseCodeText(k);
      const prev = normalised.get(n);
      // A label shared by two codes would make lookups silently pick one: fail loudly instead.
      if (prev !== undefined && prev !== e.code) throw new Error(`code list: '${k}' maps to both ${prev} and ${e.code}`);
      normalised.set(n, e.code);
      exact.set(k, e.code);
    }
  }
  idx = { normalised, exact };
  indexes.set(list, idx);
  return idx;
}

/** Canonical code for a code or label, or undefined. Non-strings are never codes. */
export function lookupCode<L extends readonly CodeEntry[]>(list: L, text: unknown): L[number]["code"] | undefined {
  if (typeof text !== "string") return undefined;
  const idx = indexOf(list);
  return (idx.exact.get(text) ?? idx.normalised.get(normaliseCodeText(text))) as L[number]["code"] | undefined;
}

export function findEntry<L extends readonly CodeEntry[]>(list: L, code: string): L[number] | undefined {
  return list.find((e) => e.code === code);
}

export const lookupInputClass = (t: unknown): InputClass | undefined => lookupCode(INPUT_CLASSES, t);
export const lookupPathway = (t: unknown): PathwayCode | undefined => lookupCode(PATHWAY_CODES, t);
export const lookupRefineryProcess = (t: unknown): RefineryProcess | undefined => lookupCode(REFINERY_PROCESSES, t);
export const lookupBauxiteType = (t: unknown): BauxiteType | undefined => lookupCode(BAUXITE_TYPES, t);
export const lookupMoistureBasis = (t: unknown): MoistureBasis | undefined => lookupCode(MOISTURE_BASES, t);
export const lookupValueType = (t: unknown): ValueType | undefined => lookupCode(VALUE_TYPES, t);
export const lookupCocModel = (t: unknown): CocModel | undefined => lookupCode(COC_MODELS, t);
export const lookupProductForm = (t: unknown): ProductForm | undefined => lookupCode(PRODUCT_FORMS, t);
export const lookupDeclaredUnit = (t: unknown): DeclaredUnit | undefined => lookupCode(DECLARED_UNITS, t);

export function pathwayGroup(code: PathwayCode): PathwayGroup {
  return (findEntry(PATHWAY_CODES, code) as PathwayEntry).group;
}

/** All code lists by a stable name, for the template's hidden list sheet and docs. */
export const CODE_LISTS = {
  input_class: INPUT_CLASSES,
  pathway_code: PATHWAY_CODES,
  refinery_process: REFINERY_PROCESSES,
  bauxite_type: BAUXITE_TYPES,
  moisture_basis: MOISTURE_BASES,
  value_type: VALUE_TYPES,
  coc_model: COC_MODELS,
  product_form: PRODUCT_FORMS,
  declared_unit: DECLARED_UNITS,
  scrap_method: SCRAP_METHODS,
  ipcc_ar: IPCC_REPORTS,
  cross_sectoral_standard: CROSS_SECTORAL_STANDARDS,
  yes_no: YES_NO,
  assurance_level: ASSURANCE_LEVELS,
  doc_type: DOC_TYPES,
} as const satisfies Record<string, readonly CodeEntry[]>;
