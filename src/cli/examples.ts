/**
 * The bundled sample supplier workbooks (examples/*.xlsx), built in memory from the blank template.
 *
 * Each sample is `buildTemplate(lang)` with the data rows of the template sheets filled in (rows from
 * index FIRST_DATA_ROW = Excel row 4), header rows, dropdowns, formats and code-list sheet untouched,
 * so the files look exactly like a template a supplier filled. Coded cells are written the way the
 * dropdown writes them in that language ("Primary ingot / 原铝锭" in the bilingual template, "原铝锭"
 * in the Chinese one).
 *
 * All companies, sites, smelters and refineries are FICTIONAL ("Example … (fictional)"); the
 * engineering figures (red mud per t alumina, alumina per t Al, recycled shares, yields) are chosen
 * inside the published ranges cited in examples/README.md (source IDs from REFERENCE §0).
 *
 * scripts/make-examples.js writes these specs to examples/*.xlsx; test/integration/examples.test.ts
 * renders, reads back, validates and computes them, and checks the committed files are up to date.
 */
import type { CellError } from "../core/cells";
import { a1 } from "../core/cells";
import { CODE_LISTS, lookupCode } from "../core/codes";
import { serialFromYMD } from "../core/parse";
import type { SheetSpec, SpecCell, SpecValue, WorkbookSpec } from "../core/sheetspec";
import { buildTemplate, codeDisplay } from "../core/template/build";
import { FIRST_DATA_ROW, Language, TemplateSheetKey, sheetSpec } from "../core/template/spec";

export interface ExampleWorkbook {
  /** File name under examples/, e.g. "rolling-mill-valid.xlsx". */
  name: string;
  spec: WorkbookSpec;
  description: string;
}

// ---------------------------------------------------------------------------------------------
// Filling a template sheet

/**
 * What goes into one cell:
 * - a number, text or CellError: written as is; text in a coded column that is a canonical code
 *   ("primary_ingot") is written as the dropdown label of the template's language;
 * - `date("2025-01-01")`: an Excel date serial, date-formatted;
 * - `raw(v, numFmt?)`: written exactly as given (no code → label mapping), optionally with another
 *   number format (a supplier pasting values from another file replaces the cell's format).
 */
export type FillValue = SpecValue | CellError | FillCell | undefined;

export interface FillCell {
  readonly fill: true;
  readonly v: SpecValue | CellError;
  readonly numFmt?: string;
  readonly date?: boolean;
  readonly raw?: boolean;
}

export function date(iso: string): FillCell {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const serial = m ? serialFromYMD(+m[1], +m[2], +m[3]) : undefined;
  if (serial === undefined) throw new Error(`examples: bad date ${iso}`);
  return { fill: true, v: serial, date: true };
}

export function raw(v: SpecValue | CellError, numFmt?: string): FillCell {
  return { fill: true, v, raw: true, ...(numFmt !== undefined ? { numFmt } : {}) };
}

function isFillCell(x: FillValue): x is FillCell {
  return typeof x === "object" && x !== null && (x as FillCell).fill === true;
}

export type FillRow = Record<string, FillValue>;

/** Grows a template sheet's data area (rows, table, validations) to at least `n` data rows. */
function ensureDataRows(sheet: SheetSpec, n: number): void {
  const lastNeeded = FIRST_DATA_ROW + n - 1;
  const template = sheet.rows[sheet.rows.length - 1];
  while (sheet.rows.length - 1 < lastNeeded) sheet.rows.push(template.map((c) => ({ ...c, v: undefined })));
  for (const t of sheet.tables ?? []) if (t.range.bottom < lastNeeded) t.range = { ...t.range, bottom: lastNeeded };
  for (const v of sheet.validations ?? []) if (v.range.bottom < lastNeeded) v.range = { ...v.range, bottom: lastNeeded };
}

/** Writes `rows` into the data rows of template sheet `key` of `wb` (built in language `lang`). */
export function fillSheet(wb: WorkbookSpec, lang: Language, key: TemplateSheetKey, rows: readonly FillRow[]): void {
  const spec = sheetSpec(key);
  const sheet = wb.sheets.find((s) => s.name === spec.name);
  if (!sheet) throw new Error(`examples: no sheet ${spec.name} in the template`);
  ensureDataRows(sheet, rows.length);
  rows.forEach((row, i) => {
    const r = FIRST_DATA_ROW + i;
    for (const [k, value] of Object.entries(row)) {
      const c = spec.columns.findIndex((col) => col.key === k);
      if (c < 0) throw new Error(`examples: ${spec.name} has no column ${k}`);
      if (value === undefined) continue;
      const col = spec.columns[c];
      const base: SpecCell = sheet.rows[r][c] ?? {};
      let cell: SpecCell;
      if (isFillCell(value)) {
        cell = { ...base, v: value.v };
        if (value.numFmt !== undefined) cell.numFmt = value.numFmt;
        if (value.date) cell.date = true;
      } else if (typeof value === "string" && col.type === "code" && col.codeList) {
        const list = CODE_LISTS[col.codeList] as readonly { code: string; en: string; zh: string }[];
        const entry = list.find((e) => e.code === value);
        if (!entry) throw new Error(`examples: "${value}" is not a ${col.codeList} code (use raw() for a planted mistake)`);
        if (lookupCode(list, codeDisplay(entry, lang)) !== entry.code) throw new Error(`examples: label of ${value} does not resolve`);
        cell = { ...base, v: codeDisplay(entry, lang) };
      } else {
        cell = { ...base, v: value };
      }
      sheet.rows[r][c] = cell;
    }
  });
}

/** The A1 address of a column's cell in the n-th data row (0-based) of a template sheet. */
export function dataCell(key: TemplateSheetKey, column: string, dataRow: number): string {
  const spec = sheetSpec(key);
  const c = spec.columns.findIndex((col) => col.key === column);
  if (c < 0) throw new Error(`examples: ${spec.name} has no column ${column}`);
  return a1(FIRST_DATA_ROW + dataRow, c);
}

// ---------------------------------------------------------------------------------------------
// (a) Flat-rolling mill, bilingual template, valid

export const ROLLING_MILL_FILE = "rolling-mill-valid.xlsx";

export function rollingMillSpec(): WorkbookSpec {
  const lang: Language = "bilingual";
  const wb = buildTemplate(lang);
  fillSheet(wb, lang, "supplier", [
    {
      supplier_id: "SUP-EX-001",
      legal_name_en: "Example Huaxia Auto Sheet Co., Ltd. (fictional)",
      legal_name_zh: "示例华夏汽车板有限公司（虚构）",
      uscc: "91330000MA2EXAMP1X",
      site_name: "Example Ningbo rolling mill (fictional)",
      country: "CN",
      period_start: date("2025-01-01"),
      period_end: date("2025-12-31"),
      contact_email: "sustainability@example.com",
    },
  ]);
  fillSheet(wb, lang, "products", [
    { product_id: "P5182", product_name: "5182-O automotive inner-panel sheet", product_form: "sheet", alloy: "5182", cn_code: "76061292", declared_unit: "kilogram", mass_per_declared_unit_kg: 1 },
    { product_id: "P6016", product_name: "6016-T4 automotive outer-panel coil", product_form: "coil", alloy: "6016", cn_code: "76061292", declared_unit: "kilogram", mass_per_declared_unit_kg: 1 },
  ]);
  // Charge recipes per alloy family (product-scoped rows) plus site-level rows shared by output mass.
  fillSheet(wb, lang, "metal_inputs", [
    { input_id: "IN-01", product_id: "P5182", input_class: "primary_ingot", mass_t: 9000, source_supplier: "Example Binhai Smelter (fictional)", source_smelter_id: "SM-A", coc_model: "segregated", evidence_id: "INV-2025-PA" },
    { input_id: "IN-02", product_id: "P6016", input_class: "primary_ingot", mass_t: 30000, source_supplier: "Example Binhai Smelter (fictional)", source_smelter_id: "SM-A", coc_model: "segregated", evidence_id: "INV-2025-PA" },
    { input_id: "IN-03", product_id: "P6016", input_class: "primary_ingot", mass_t: 7000, source_supplier: "Example Jinzhong Smelter (fictional)", source_smelter_id: "SM-B", coc_model: "segregated", evidence_id: "INV-2025-PB" },
    { input_id: "IN-04", input_class: "secondary_ingot", mass_t: 6000, recycled_share: 0.9, post_consumer_share: 0.6, source_supplier: "Example Green Remelt Co. (fictional)", coc_model: "mass_balance", evidence_id: "CERT-RC-2025-07" },
    { input_id: "IN-05", product_id: "P5182", input_class: "pre_consumer_scrap_external", mass_t: 7000, source_supplier: "Example OEM press shop (fictional)", coc_model: "segregated", evidence_id: "WB-2025-SCRAP-5" },
    { input_id: "IN-06", product_id: "P6016", input_class: "pre_consumer_scrap_external", mass_t: 5000, source_supplier: "Example OEM press shop (fictional)", coc_model: "segregated", evidence_id: "WB-2025-SCRAP-6" },
    { input_id: "IN-07", product_id: "P5182", input_class: "post_consumer_scrap", mass_t: 11500, source_supplier: "Example Sorting Centre (fictional)", coc_model: "controlled_blending", evidence_id: "WB-2025-EOL" },
    { input_id: "IN-08", input_class: "run_around_scrap", mass_t: 24000, evidence_id: "MES-2025" },
    { input_id: "IN-09", product_id: "P5182", input_class: "alloying_element", mass_t: 1150, source_supplier: "Mg ingot 99.9 %", evidence_id: "INV-2025-MG" },
    { input_id: "IN-10", input_class: "alloying_element", mass_t: 120, source_supplier: "Electrolytic Mn", evidence_id: "INV-2025-MN" },
    { input_id: "IN-11", product_id: "P6016", input_class: "alloying_element", mass_t: 560, source_supplier: "Silicon metal 553", evidence_id: "INV-2025-SI" },
    { input_id: "IN-12", product_id: "P6016", input_class: "alloying_element", mass_t: 180, source_supplier: "Mg ingot 99.9 %", evidence_id: "INV-2025-MG" },
    { input_id: "IN-13", input_class: "master_alloy", mass_t: 60, al_content: 0.94, source_supplier: "AlTi5B1 grain refiner rod", evidence_id: "INV-2025-TIB" },
  ]);
  fillSheet(wb, lang, "primary_sources", [
    { smelter_id: "SM-A", smelter_name: "Example Binhai Smelter (fictional)", alumina_per_al: 1.928, refinery_id: "RF-A", refinery_share: 0.6, refinery_process: "bayer", bauxite_type: "gibbsite", redmud_per_alumina: 1.0, value_type: "supplier_declared", evidence_id: "SM-A-STMT-2025", primary_ghg: 14.8 },
    { smelter_id: "SM-A", smelter_name: "Example Binhai Smelter (fictional)", alumina_per_al: 1.928, refinery_id: "RF-B", refinery_share: 0.4, refinery_process: "bayer", bauxite_type: "diaspore", redmud_per_alumina: 1.6, value_type: "measured", evidence_id: "RF-B-ENV-2025", primary_ghg: 14.8 },
    { smelter_id: "SM-B", smelter_name: "Example Jinzhong Smelter (fictional)", refinery_id: "RF-B", refinery_share: 1, refinery_process: "bayer", bauxite_type: "diaspore", redmud_per_alumina: 1.6, value_type: "measured", evidence_id: "RF-B-ENV-2025" },
  ]);
  fillSheet(wb, lang, "refinery_redmud", [
    { refinery_id: "RF-B", alumina_output_t: 2_000_000, mass_basis: "dry", generated_t: 3_200_000, utilised_new_t: 320_000, stored_new_t: 2_880_000, disposed_new_t: 0, stock_start_t: 28_000_000, utilised_legacy_t: 150_000, disposed_legacy_t: 0, stock_end_t: 30_730_000, evidence_id: "RF-B-ENV-2025" },
  ]);
  fillSheet(wb, lang, "redmud_pathways", [
    { refinery_id: "RF-B", pathway_code: "STORE_DRY_STACK", mass_t: 2_880_000 },
    { refinery_id: "RF-B", pathway_code: "USE_CEMENT_CLINKER_RAW", mass_t: 180_000 },
    { refinery_id: "RF-B", pathway_code: "USE_ROAD_BASE", mass_t: 80_000 },
    { refinery_id: "RF-B", pathway_code: "USE_FE_RECOVERY", mass_t: 60_000 },
    { refinery_id: "RF-A", pathway_code: "STORE_DRY_STACK", mass_t: 1_275_000 },
    { refinery_id: "RF-A", pathway_code: "USE_CEMENT_CLINKER_RAW", mass_t: 150_000 },
    { refinery_id: "RF-A", pathway_code: "USE_ROAD_BASE", mass_t: 75_000 },
  ]);
  fillSheet(wb, lang, "outputs", [
    { product_id: "P5182", output_t: 30_000, process_scrap_out_t: 600, dross_t: 300, metal_loss_t: 150 },
    { product_id: "P6016", output_t: 45_000, process_scrap_out_t: 900, dross_t: 450, metal_loss_t: 225 },
  ]);
  // Illustrative supplier-declared footprints (kg CO2e per kg), shaped by the inputs above: primary
  // metal near China's ~20 kg/kg [S44], recycled ~0.5 kg/kg [S35], plus rolling. Not sourced figures.
  fillSheet(wb, lang, "footprint", [
    { product_id: "P5182", pcf_excl_biogenic: 7.9, pcf_incl_biogenic: 7.9, fossil_ghg: 7.85, fossil_carbon_content: 0, biogenic_carbon_content: 0, dluc_ghg: 0.02, aircraft_ghg: 0, scrap_method: "both", ghg_cut_off: 7.9, ghg_allocation: 10.6, ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.62, dqr_technological: 1.4, dqr_temporal: 1, dqr_geographical: 1.5, exempted_share: 0.01, packaging_included: "no", assurance: "limited", verifier: "Example Verification Ltd (fictional)", evidence_id: "PCF-2025-MILL", valid_until: date("2028-12-31") },
    { product_id: "P6016", pcf_excl_biogenic: 16.2, pcf_incl_biogenic: 16.2, fossil_ghg: 16.1, fossil_carbon_content: 0, biogenic_carbon_content: 0, dluc_ghg: 0.05, aircraft_ghg: 0, scrap_method: "both", ghg_cut_off: 16.2, ghg_allocation: 16.9, ipcc_ar: "AR6", standard: "ISO14067", primary_data_share: 0.55, dqr_technological: 1.6, dqr_temporal: 1, dqr_geographical: 1.5, exempted_share: 0.01, packaging_included: "no", assurance: "limited", verifier: "Example Verification Ltd (fictional)", evidence_id: "PCF-2025-MILL", valid_until: date("2028-12-31") },
  ]);
  fillSheet(wb, lang, "evidence", [
    ...["INV-2025-PA", "INV-2025-PB", "INV-2025-MG", "INV-2025-MN", "INV-2025-SI", "INV-2025-TIB"].map((id) => ({ evidence_id: id, doc_type: "invoice", issuer: "Supplier invoices (fictional)", doc_date: date("2025-12-31"), file_ref: `evidence/${id}.pdf` })),
    { evidence_id: "CERT-RC-2025-07", doc_type: "coc_certificate", issuer: "Example Green Remelt Co. (fictional)", doc_date: date("2025-07-15"), file_ref: "evidence/CERT-RC-2025-07.pdf" },
    ...["WB-2025-SCRAP-5", "WB-2025-SCRAP-6", "WB-2025-EOL"].map((id) => ({ evidence_id: id, doc_type: "weighbridge", issuer: "Mill weighbridge", doc_date: date("2025-12-31"), file_ref: `evidence/${id}.csv` })),
    { evidence_id: "MES-2025", doc_type: "other", issuer: "Mill MES export", doc_date: date("2026-01-05"), file_ref: "evidence/MES-2025.xlsx" },
    { evidence_id: "SM-A-STMT-2025", doc_type: "refinery_statement", issuer: "Example Binhai Smelter (fictional)", doc_date: date("2026-01-20"), file_ref: "evidence/SM-A-STMT-2025.pdf" },
    { evidence_id: "RF-B-ENV-2025", doc_type: "refinery_statement", issuer: "Refinery RF-B environmental statistics (fictional)", doc_date: date("2026-01-25"), file_ref: "evidence/RF-B-ENV-2025.pdf" },
    { evidence_id: "PCF-2025-MILL", doc_type: "pcf_report", issuer: "Example Verification Ltd (fictional)", doc_date: date("2026-02-10"), file_ref: "evidence/PCF-2025-MILL.pdf" },
  ]);
  return wb;
}

/**
 * Hand-worked headline figures of (a); the arithmetic is in examples/README.md and in the comments
 * of test/integration/examples.test.ts.
 */
export const ROLLING_MILL_EXPECTED = {
  /** R_s = A_s × Σ α r (t red mud per t primary Al). */
  smelterRedMudPerAl: { "SM-A": 1.928 * (0.6 * 1.0 + 0.4 * 1.6), "SM-B": 1.928 * 1.6 },
  products: {
    P5182: {
      denominatorT: 31_122,
      preConsumerT: 7_864,
      postConsumerT: 12_796,
      recycledShare: 20_660 / 31_122,
      preConsumerShare: 7_864 / 31_122,
      postConsumerShare: 12_796 / 31_122,
      runAroundT: 9_600,
      redMudT: 22_071.744,
      redMudIntensity: 22_071.744 / 30_000,
      redMudByRefinery: { "RF-A": 10_411.2, "RF-B": 11_105.28, "DEFAULT (unknown origin)": 555.264 },
      scrapPerTonne: 18_500 / 30_000,
      preConsumerScrapShare: 7_000 / 18_500,
    },
    P6016: {
      denominatorT: 46_448,
      preConsumerT: 6_296,
      postConsumerT: 1_944,
      recycledShare: 8_240 / 46_448,
      preConsumerShare: 6_296 / 46_448,
      postConsumerShare: 1_944 / 46_448,
      runAroundT: 14_400,
      redMudT: 94_148.096,
      redMudIntensity: 94_148.096 / 45_000,
      redMudByRefinery: { "RF-A": 34_704, "RF-B": 58_611.2, "DEFAULT (unknown origin)": 832.896 },
      scrapPerTonne: 5_000 / 45_000,
      preConsumerScrapShare: 1,
    },
  },
  refinery: { id: "RF-B", ratio: 1.6, rateNew: 0.1, rateNbs: 470_000 / 3_350_000 },
  metalBalance: { inputsT: 77_570, outputsT: 77_625 },
} as const;

// ---------------------------------------------------------------------------------------------
// (b) Die-caster, Chinese template, valid

export const DIE_CASTER_FILE = "die-caster-zh.xlsx";

export function dieCasterSpec(): WorkbookSpec {
  const lang: Language = "zh-CN";
  const wb = buildTemplate(lang);
  fillSheet(wb, lang, "supplier", [
    {
      supplier_id: "SUP-EX-002",
      legal_name_en: "Example Lingnan Precision Die-Casting Co., Ltd. (fictional)",
      legal_name_zh: "示例岭南精密压铸有限公司（虚构）",
      uscc: "91441900MA5EXAMP2Y",
      site_name: "示例东莞压铸一厂（虚构）",
      country: "CN",
      period_start: date("2025-01-01"),
      period_end: date("2025-12-31"),
      contact_email: "esg@example.com",
    },
  ]);
  fillSheet(wb, lang, "products", [
    { product_id: "DC-GH-01", product_name: "变速箱壳体（ADC12）", product_form: "die_casting", alloy: "ADC12", cn_code: "76169910", declared_unit: "piece", mass_per_declared_unit_kg: 8.6 },
    { product_id: "DC-MC-02", product_name: "电机端盖（A380）", product_form: "die_casting", alloy: "A380", cn_code: "76169910", declared_unit: "piece", mass_per_declared_unit_kg: 2.4 },
  ]);
  fillSheet(wb, lang, "metal_inputs", [
    { input_id: "ZH-01", input_class: "secondary_ingot", mass_t: 7600, recycled_share: 0.95, post_consumer_share: 0.8, source_supplier: "示例再生铝业有限公司（虚构）", coc_model: "mass_balance", evidence_id: "质保书-2025-RC" },
    { input_id: "ZH-02", input_class: "post_consumer_scrap", mass_t: 1200, source_supplier: "示例废铝分拣中心（虚构）", coc_model: "controlled_blending", evidence_id: "过磅单-2025-EOL" },
    { input_id: "ZH-03", input_class: "pre_consumer_scrap_external", mass_t: 300, source_supplier: "客户机加工铝屑回收", coc_model: "segregated", evidence_id: "过磅单-2025-CHIP" },
    { input_id: "ZH-04", input_class: "primary_ingot", mass_t: 600, source_supplier: "示例包头电解铝厂（虚构）", source_smelter_id: "SM-X", coc_model: "segregated", evidence_id: "发票-2025-AL" },
    { input_id: "ZH-05", input_class: "run_around_scrap", mass_t: 6500, evidence_id: "MES-2025" },
    { input_id: "ZH-06", input_class: "alloying_element", mass_t: 180, source_supplier: "工业硅 553", evidence_id: "发票-2025-SI" },
    { input_id: "ZH-07", input_class: "alloying_element", mass_t: 40, source_supplier: "电解铜", evidence_id: "发票-2025-CU" },
  ]);
  fillSheet(wb, lang, "primary_sources", [
    { smelter_id: "SM-X", smelter_name: "示例包头电解铝厂（虚构）", alumina_per_al: 1.94, refinery_id: "RF-X", refinery_share: 0.7, refinery_process: "bayer", bauxite_type: "diaspore", redmud_per_alumina: 1.55, value_type: "supplier_declared", evidence_id: "SM-X-声明-2025" },
    { smelter_id: "SM-X", smelter_name: "示例包头电解铝厂（虚构）", alumina_per_al: 1.94, refinery_id: "RF-Y", refinery_share: 0.3, refinery_process: "bayer", bauxite_type: "gibbsite", redmud_per_alumina: 1.05, value_type: "supplier_declared", evidence_id: "SM-X-声明-2025" },
  ]);
  fillSheet(wb, lang, "outputs", [
    { product_id: "DC-GH-01", output_t: 6000, process_scrap_out_t: 310, dross_t: 160, metal_loss_t: 45 },
    { product_id: "DC-MC-02", output_t: 3200, process_scrap_out_t: 150, dross_t: 80, metal_loss_t: 25 },
  ]);
  fillSheet(wb, lang, "evidence", [
    { evidence_id: "质保书-2025-RC", doc_type: "mill_cert", issuer: "示例再生铝业有限公司（虚构）", doc_date: date("2025-12-31"), file_ref: "证明文件/质保书-2025-RC.pdf" },
    { evidence_id: "过磅单-2025-EOL", doc_type: "weighbridge", issuer: "厂内地磅", doc_date: date("2025-12-31"), file_ref: "证明文件/过磅单-2025-EOL.xlsx" },
    { evidence_id: "过磅单-2025-CHIP", doc_type: "weighbridge", issuer: "厂内地磅", doc_date: date("2025-12-31"), file_ref: "证明文件/过磅单-2025-CHIP.xlsx" },
    { evidence_id: "发票-2025-AL", doc_type: "invoice", issuer: "示例包头电解铝厂（虚构）", doc_date: date("2025-12-31"), file_ref: "证明文件/发票-2025-AL.pdf" },
    { evidence_id: "MES-2025", doc_type: "other", issuer: "压铸车间MES导出", doc_date: date("2026-01-05"), file_ref: "证明文件/MES-2025.xlsx" },
    { evidence_id: "发票-2025-SI", doc_type: "invoice", issuer: "工业硅供应商", doc_date: date("2025-12-31"), file_ref: "证明文件/发票-2025-SI.pdf" },
    { evidence_id: "发票-2025-CU", doc_type: "invoice", issuer: "电解铜供应商", doc_date: date("2025-12-31"), file_ref: "证明文件/发票-2025-CU.pdf" },
    { evidence_id: "SM-X-声明-2025", doc_type: "refinery_statement", issuer: "示例包头电解铝厂（虚构）", doc_date: date("2026-01-15"), file_ref: "证明文件/SM-X-声明-2025.pdf" },
  ]);
  return wb;
}

/** Hand-worked figures of (b) (site-level inputs only, so both products share them). */
export const DIE_CASTER_EXPECTED = {
  denominatorT: 9_920,
  preConsumerT: 1_744,
  postConsumerT: 6_976,
  recycledShare: 8_720 / 9_920,
  /** SM-X: 1.94 × (0.7 × 1.55 + 0.3 × 1.05) = 2.716 t/t Al. */
  smelterRedMudPerAl: 2.716,
  /** 600 × 2.716 + 7,600 × 0.05 × 1.2 × 1.928 = 1,629.6 + 879.168 t. */
  siteRedMudT: 2_508.768,
  redMudIntensity: 2_508.768 / 9_200,
  redMudPerPiece: { "DC-GH-01": (2_508.768 / 9_200) * 8.6, "DC-MC-02": (2_508.768 / 9_200) * 2.4 },
} as const;

// ---------------------------------------------------------------------------------------------
// (c) Typical supplier mistakes, bilingual template

export const MISTAKES_FILE = "supplier-with-mistakes.xlsx";

export interface PlantedMistake {
  sheet: string;
  cell: string;
  code: string;
  severity: "error" | "warning" | "info";
  /** What the supplier did. */
  mistake: string;
}

/**
 * Every finding the mistakes file must produce, one per planted mistake. The test checks that the
 * findings and this list are the same set, so nothing else fires.
 */
export const PLANTED_MISTAKES: readonly PlantedMistake[] = [
  { sheet: "01_Supplier", cell: "D4", code: "ID_AS_NUMBER", severity: "error", mistake: "USCC typed as a number: Excel kept 15 significant digits (913301006789012000)" },
  { sheet: "01_Supplier", cell: "H4", code: "V1", severity: "error", mistake: "Period end 2024-12-31 before period start 2025-01-01 (year typo)" },
  { sheet: "01_Supplier", cell: "A5", code: "SINGLE_ROW", severity: "error", mistake: "A second site row pasted into the one-row supplier sheet" },
  { sheet: "01_Supplier", cell: "G5", code: "DATE_AMBIGUOUS", severity: "error", mistake: "Date typed as the text \"03/04/2025\" (3 April or 4 March?)" },
  { sheet: "02_Products", cell: "C5", code: "PLACEHOLDER", severity: "error", mistake: "\"n/a\" in the required product form" },
  { sheet: "03_Metal_Inputs", cell: "D4", code: "NUMBER_TEXT", severity: "warning", mistake: "Mass typed as text with a thousands separator: \"39,000\"" },
  { sheet: "03_Metal_Inputs", cell: "I5", code: "REQUIRED", severity: "error", mistake: "Primary ingot without its smelter ID" },
  { sheet: "03_Metal_Inputs", cell: "D6", code: "NUMBER_TEXT", severity: "warning", mistake: "Mass typed with full-width digits: \"６０００\"" },
  { sheet: "03_Metal_Inputs", cell: "F6", code: "PERCENT_POINTS", severity: "warning", mistake: "45 (meaning 45 %) pasted into a share cell that lost its % format" },
  { sheet: "03_Metal_Inputs", cell: "D7", code: "UNIT", severity: "error", mistake: "Ambiguous unit: \"1,200 ton\" (short, long or metric?)" },
  { sheet: "03_Metal_Inputs", cell: "D8", code: "UNIT_CONVERTED", severity: "warning", mistake: "Mass with a Chinese unit: \"1.1万吨\" (= 11,000 t)" },
  { sheet: "03_Metal_Inputs", cell: "B10", code: "REF_PRODUCT", severity: "error", mistake: "Product ID \"P5182A\" not on 02_Products" },
  { sheet: "03_Metal_Inputs", cell: "D11", code: "UNIT_CONVERTED", severity: "warning", mistake: "Mass in kilograms: \"850 kg\" (= 0.85 t)" },
  { sheet: "03_Metal_Inputs", cell: "D12", code: "PLACEHOLDER", severity: "error", mistake: "\"无\" (none) in the required mass" },
  { sheet: "04_Primary_Sources", cell: "E4", code: "V8", severity: "error", mistake: "Refinery shares of smelter SM-A add up to 90 % (60 % + 30 %)" },
  { sheet: "04_Primary_Sources", cell: "H6", code: "ZERO_UNKNOWN", severity: "error", mistake: "Red mud ratio 0 typed to mean \"unknown\"" },
  { sheet: "05_Refinery_RedMud", cell: "F4", code: "V4", severity: "error", mistake: "Red mud balance off by 5.63 %: 180,000 t of stored red mud left out" },
  { sheet: "06_RedMud_Pathways", cell: "B7", code: "CODE_UNKNOWN", severity: "error", mistake: "Pathway \"Landfill / 填埋\" is not in the code list" },
  { sheet: "07_Outputs", cell: "D4", code: "ERROR_CELL", severity: "error", mistake: "#N/A from a failed lookup in the dross cell" },
];

export function mistakesSpec(): WorkbookSpec {
  const lang: Language = "bilingual";
  const wb = buildTemplate(lang);
  fillSheet(wb, lang, "supplier", [
    {
      supplier_id: "SUP-EX-003",
      legal_name_en: "Example Jiangnan Aluminium Strip Co., Ltd. (fictional)",
      legal_name_zh: "示例江南铝带有限公司（虚构）",
      // Typed into a cell whose Text format was lost: Excel keeps 15 significant digits.
      uscc: raw(913301006789012000, "General"),
      site_name: "Example Wuxi strip mill (fictional)",
      country: "CN",
      period_start: date("2025-01-01"),
      period_end: date("2024-12-31"),
      contact_email: "data@example.com",
    },
    {
      supplier_id: "SUP-EX-003",
      legal_name_en: "Example Jiangnan Aluminium Strip Co., Ltd. (fictional)",
      site_name: "Example Wuxi strip mill, plant 2 (fictional)",
      country: "CN",
      period_start: raw("03/04/2025"),
      period_end: date("2026-03-31"),
    },
  ]);
  fillSheet(wb, lang, "products", [
    { product_id: "P5182", product_name: "5182-O automotive inner-panel sheet", product_form: "sheet", alloy: "5182", cn_code: "76061292", declared_unit: "kilogram", mass_per_declared_unit_kg: 1 },
    { product_id: "P6016", product_name: "6016-T4 automotive outer-panel coil", product_form: raw("n/a"), alloy: "6016", cn_code: "76061292", declared_unit: "kilogram", mass_per_declared_unit_kg: 1 },
  ]);
  fillSheet(wb, lang, "metal_inputs", [
    { input_id: "IN-01", input_class: "primary_ingot", mass_t: raw("39,000"), source_smelter_id: "SM-A" },
    { input_id: "IN-02", input_class: "primary_ingot", mass_t: 7000 },
    { input_id: "IN-03", input_class: "secondary_ingot", mass_t: raw("６０００"), recycled_share: 0.9, post_consumer_share: raw(45, "General") },
    { input_id: "IN-04", product_id: "P5182", input_class: "pre_consumer_scrap_external", mass_t: raw("1,200 ton") },
    { input_id: "IN-05", product_id: "P5182", input_class: "post_consumer_scrap", mass_t: raw("1.1万吨") },
    { input_id: "IN-06", input_class: "run_around_scrap", mass_t: 24000 },
    { input_id: "IN-07", product_id: "P5182A", input_class: "alloying_element", mass_t: 1100 },
    { input_id: "IN-08", input_class: "master_alloy", mass_t: raw("850 kg"), al_content: 0.94 },
    { input_id: "IN-09", product_id: "P6016", input_class: "pre_consumer_scrap_external", mass_t: raw("无") },
    { input_id: "IN-10", product_id: "P6016", input_class: "primary_ingot", mass_t: 14000, source_smelter_id: "SM-B" },
  ]);
  fillSheet(wb, lang, "primary_sources", [
    { smelter_id: "SM-A", smelter_name: "Example Binhai Smelter (fictional)", alumina_per_al: 1.928, refinery_id: "RF-A", refinery_share: 0.6, refinery_process: "bayer", bauxite_type: "gibbsite", redmud_per_alumina: 1.0 },
    { smelter_id: "SM-A", smelter_name: "Example Binhai Smelter (fictional)", alumina_per_al: 1.928, refinery_id: "RF-B", refinery_share: 0.3, refinery_process: "bayer", bauxite_type: "diaspore", redmud_per_alumina: 1.6 },
    { smelter_id: "SM-B", smelter_name: "Example Jinzhong Smelter (fictional)", alumina_per_al: 1.928, refinery_id: "RF-C", refinery_share: 1, refinery_process: "bayer", bauxite_type: "diaspore", redmud_per_alumina: 0 },
  ]);
  fillSheet(wb, lang, "refinery_redmud", [
    { refinery_id: "RF-B", alumina_output_t: 2_000_000, mass_basis: "dry", generated_t: 3_200_000, utilised_new_t: 320_000, stored_new_t: 2_700_000, disposed_new_t: 0, stock_start_t: 28_000_000, utilised_legacy_t: 150_000, disposed_legacy_t: 0, stock_end_t: 30_550_000 },
  ]);
  fillSheet(wb, lang, "redmud_pathways", [
    { refinery_id: "RF-B", pathway_code: "STORE_DRY_STACK", mass_t: 2_880_000 },
    { refinery_id: "RF-B", pathway_code: "USE_CEMENT_CLINKER_RAW", mass_t: 180_000 },
    { refinery_id: "RF-B", pathway_code: "USE_ROAD_BASE", mass_t: 80_000 },
    { refinery_id: "RF-A", pathway_code: raw("Landfill / 填埋"), mass_t: 50_000 },
    { refinery_id: "RF-B", pathway_code: "USE_FE_RECOVERY", mass_t: 60_000 },
  ]);
  fillSheet(wb, lang, "outputs", [
    { product_id: "P5182", output_t: 30_000, process_scrap_out_t: 600, dross_t: raw({ kind: "error", code: "#N/A" }), metal_loss_t: 150 },
    { product_id: "P6016", output_t: 45_000, process_scrap_out_t: 900, dross_t: 450, metal_loss_t: 225 },
  ]);
  return wb;
}

// ---------------------------------------------------------------------------------------------

export function buildExampleSpecs(): ExampleWorkbook[] {
  return [
    {
      name: ROLLING_MILL_FILE,
      spec: rollingMillSpec(),
      description:
        "Flat-rolling mill (5182 / 6016 automotive sheet and coil), bilingual template, fictional supplier. Valid: 0 errors, 0 warnings; one info (SM-B alumina per Al left blank on purpose, default 1.928 t/t [S25] used).",
    },
    {
      name: DIE_CASTER_FILE,
      spec: dieCasterSpec(),
      description:
        "High-pressure die-caster (ADC12 / A380 parts declared per piece), Chinese template, fictional supplier. Mostly secondary ingot and post-consumer scrap, a little primary ingot. Valid: 0 errors, 0 warnings.",
    },
    {
      name: MISTAKES_FILE,
      spec: mistakesSpec(),
      description:
        "The same kind of rolling-mill data with typical supplier mistakes planted on purpose (text numbers, units, placeholders, lost USCC digits, ambiguous dates, #N/A, shares that do not add up …); see examples/README.md for each mistake and the finding it must produce.",
    },
  ];
}
