/**
 * The supplier template, declared once. This one declaration drives the blank template (Excel and
 * .xlsx), the dropdown lists, the validator, the header mapping and docs/TEMPLATE.md. Adding a
 * column is a change here and nowhere else.
 *
 * Based on REFERENCE §7 (a proposal), trimmed to what the calculations and checks use, with keys in
 * ASCII snake_case and display labels in English and Chinese.
 */

import { CODE_LISTS } from "../codes";

export const TEMPLATE_VERSION = "1.0.0";

/** Code lists a column can draw from; their entries live in src/core/codes.ts. */
export type CodeListId = keyof typeof CODE_LISTS;

export type ColumnType =
  /** Free text. */
  | "text"
  /** An identifier: kept as text; a number that lost digits or leading zeros is flagged. */
  | "id"
  /** One entry of a code list (code, or its English or Chinese label). */
  | "code"
  /** A mass in tonnes; a unit word in the cell ("12 kg", "3 万吨") is converted with a warning. */
  | "mass"
  /** A plain non-negative number in the column's unit (t/t ratios and the like). */
  | "number"
  /** A share as a fraction 0–1; "45%", a percent-formatted cell or 45 (percent points) are normalised with a warning. */
  | "share"
  /** A calendar date. */
  | "date"
  /** ISO 3166-1 alpha-2 country code. */
  | "country"
  | "email";

export interface Bilingual {
  en: string;
  zh: string;
}

export interface ColumnSpec {
  /** Stable key, used in code and exports; never shown as a header. */
  key: string;
  label: Bilingual;
  type: ColumnType;
  /** Display unit shown in the header, e.g. "t" or "t/t". */
  unit?: string;
  /** "yes": always; "no": optional; a string: required when the named condition holds (explained in help). */
  required: "yes" | "no" | "conditional";
  codeList?: CodeListId;
  /** Hard bounds: outside → error. */
  min?: number;
  max?: number;
  /** The lower bound is exclusive (e.g. "> 0"). */
  minExclusive?: boolean;
  /** Id of the default (src/core/defaults.ts) used when the cell is blank. */
  defaultId?: string;
  /** Regular expression an id/text must match (checked after trimming). */
  pattern?: string;
  /** Exact length for ids whose digits can be lost when typed as a number (e.g. USCC, CN code). */
  idLength?: number;
  help: Bilingual;
  /** Extra header texts recognised when mapping a sheet that is not ours. */
  synonyms?: string[];
  width?: number;
}

export type TemplateSheetKey =
  | "supplier"
  | "products"
  | "metal_inputs"
  | "primary_sources"
  | "refinery_redmud"
  | "redmud_pathways"
  | "outputs"
  | "footprint"
  | "evidence";

export interface TemplateSheetSpec {
  key: TemplateSheetKey;
  /** Default sheet name; users may rename it — sheets are found by their header row, not their name. */
  name: string;
  table: string;
  title: Bilingual;
  purpose: Bilingual;
  /** "yes": the sheet must be present with ≥1 row; "no": optional. */
  required: "yes" | "no";
  /** Exactly one data row (e.g. the supplier identity). */
  singleRow?: boolean;
  /** Rows pre-formatted (dropdowns, number formats) in a blank template. */
  blankRows: number;
  columns: ColumnSpec[];
}

/** Where the header row sits in a template sheet (0-based): title, purpose, then headers. */
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

const bi = (en: string, zh: string): Bilingual => ({ en, zh });

export const TEMPLATE_SHEETS: readonly TemplateSheetSpec[] = [
  {
    key: "supplier",
    name: "01_Supplier",
    table: "tbl_supplier",
    title: bi("Supplier and reporting period", "供应商与报告期"),
    purpose: bi(
      "One row: the company and site this workbook reports on, and the 12-month reporting period.",
      "填写一行：本工作簿所报告的公司、工厂及报告期（通常为12个月）。",
    ),
    required: "yes",
    singleRow: true,
    blankRows: 1,
    columns: [
      { key: "supplier_id", label: bi("Supplier ID", "供应商编号"), type: "id", required: "yes", help: bi("Your ID as the buyer knows it.", "采购方使用的供应商编号。"), synonyms: ["vendor id", "supplier code", "供应商代码"], width: 16 },
      { key: "legal_name_en", label: bi("Legal name (English)", "公司名称（英文）"), type: "text", required: "yes", help: bi("Registered company name in English.", "公司注册英文名称。"), synonyms: ["company name", "supplier name"], width: 30 },
      { key: "legal_name_zh", label: bi("Legal name (Chinese)", "公司名称（中文）"), type: "text", required: "no", help: bi("Registered company name in Chinese.", "公司注册中文名称。"), synonyms: ["公司名称", "企业名称"], width: 24 },
      {
        key: "uscc",
        label: bi("Unified Social Credit Code", "统一社会信用代码"),
        type: "id",
        required: "no",
        idLength: 18,
        pattern: "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$",
        help: bi("18 characters; enter it as text so Excel keeps every digit.", "18位；请以文本格式输入，以免Excel丢失数字。"),
        synonyms: ["uscc", "credit code", "信用代码"],
        width: 22,
      },
      { key: "site_name", label: bi("Site name", "工厂名称"), type: "text", required: "yes", help: bi("The plant or installation the data covers.", "数据所覆盖的工厂或装置。"), synonyms: ["plant", "installation", "工厂", "厂区"], width: 24 },
      { key: "country", label: bi("Country", "国家"), type: "country", required: "yes", help: bi("ISO 3166-1 two-letter code, e.g. CN.", "ISO 3166-1 两位国家代码，如 CN。"), synonyms: ["country code", "国家代码"], width: 10 },
      { key: "period_start", label: bi("Period start", "报告期开始"), type: "date", required: "yes", help: bi("First day of the reporting period.", "报告期第一天。"), synonyms: ["start date", "from", "开始日期"], width: 14 },
      { key: "period_end", label: bi("Period end", "报告期结束"), type: "date", required: "yes", help: bi("Last day of the reporting period (normally 12 months after the start).", "报告期最后一天（通常为开始后12个月）。"), synonyms: ["end date", "to", "结束日期"], width: 14 },
      { key: "contact_email", label: bi("Contact e-mail", "联系邮箱"), type: "email", required: "no", help: bi("Who answers questions on this data.", "数据问题联系人邮箱。"), synonyms: ["email", "e-mail", "邮箱"], width: 26 },
    ],
  },
  {
    key: "products",
    name: "02_Products",
    table: "tbl_products",
    title: bi("Products", "产品"),
    purpose: bi("One row per product the report covers, with its declared unit.", "每个产品一行，含申报单位。"),
    required: "yes",
    blankRows: 20,
    columns: [
      { key: "product_id", label: bi("Product ID", "产品编号"), type: "id", required: "yes", help: bi("Unique within this workbook.", "本工作簿内唯一。"), synonyms: ["product code", "item", "产品代码", "物料号"], width: 14 },
      { key: "product_name", label: bi("Product name", "产品名称"), type: "text", required: "yes", help: bi("As on the buyer's order.", "与采购订单一致。"), synonyms: ["description", "名称"], width: 28 },
      { key: "product_form", label: bi("Product form", "产品形态"), type: "code", codeList: "product_form", required: "yes", help: bi("Pick from the list.", "从下拉列表选择。"), synonyms: ["form", "形态"], width: 14 },
      { key: "alloy", label: bi("Alloy", "合金牌号"), type: "text", required: "no", help: bi("E.g. 5182, 6016, A380, ADC12.", "如 5182、6016、A380、ADC12。"), synonyms: ["alloy designation", "牌号"], width: 10 },
      { key: "cn_code", label: bi("CN code", "CN编码"), type: "id", required: "no", idLength: 8, pattern: "^76[0-9]{6}$", help: bi("8-digit EU Combined Nomenclature code (chapter 76 for aluminium).", "8位欧盟CN编码（铝为第76章）。"), synonyms: ["hs code", "海关编码"], width: 12 },
      { key: "declared_unit", label: bi("Declared unit", "申报单位"), type: "code", codeList: "declared_unit", required: "yes", help: bi("kilogram for semis; piece or square meter need the mass per unit.", "半成品用千克；按件或平方米时需填写单位质量。"), synonyms: ["unit", "单位"], width: 14 },
      { key: "mass_per_declared_unit_kg", label: bi("Mass per declared unit", "单位质量"), type: "number", unit: "kg", required: "conditional", min: 0, minExclusive: true, help: bi("Required for piece or square meter; 1 for kilogram.", "按件或平方米时必填；千克时为1。"), synonyms: ["unit mass", "单重"], width: 14 },
    ],
  },
  {
    key: "metal_inputs",
    name: "03_Metal_Inputs",
    table: "tbl_metal_inputs",
    title: bi("Metal inputs in the period", "报告期金属投入"),
    purpose: bi(
      "One row per input lot or source: primary metal, scrap by kind, alloying additions. Run-around scrap remelted in the same process is listed but never counts as recycled content (ISO 14021).",
      "每个投入批次或来源一行：原铝、各类废铝、合金添加剂。同一工序内回炉的循环废料需列出，但不计入再生含量（ISO 14021）。",
    ),
    required: "yes",
    blankRows: 50,
    columns: [
      { key: "input_id", label: bi("Input ID", "投入编号"), type: "id", required: "yes", help: bi("Unique within this sheet.", "本表内唯一。"), synonyms: ["lot", "batch", "批次号"], width: 12 },
      { key: "product_id", label: bi("Product ID (blank = whole site)", "产品编号（空白=全厂）"), type: "id", required: "no", help: bi("Leave blank when the input serves all products; it is then shared by output mass.", "若投入用于全部产品请留空，按产量分摊。"), synonyms: ["product", "产品"], width: 16 },
      { key: "input_class", label: bi("Input class", "投入类别"), type: "code", codeList: "input_class", required: "yes", help: bi("Pick from the list; see the Instructions sheet for what each class means.", "从下拉列表选择；各类别含义见说明页。"), synonyms: ["class", "material type", "类别", "物料类别"], width: 30 },
      { key: "mass_t", label: bi("Mass", "质量"), type: "mass", unit: "t", required: "yes", min: 0, help: bi("Tonnes of metal charged in the period.", "报告期内投入的金属吨数。"), synonyms: ["mass", "quantity", "weight", "qty", "重量", "数量"], width: 12 },
      { key: "recycled_share", label: bi("Recycled share of this input", "该投入的再生比例"), type: "share", required: "conditional", help: bi("Secondary ingot only: recycled share declared by its producer.", "仅再生铝锭：由其生产商声明的再生比例。"), synonyms: ["recycled content", "再生含量"], width: 14 },
      { key: "post_consumer_share", label: bi("Post-consumer part of recycled", "再生部分中消费后比例"), type: "share", required: "conditional", help: bi("Secondary ingot only: share of its recycled part that is post-consumer.", "仅再生铝锭：再生部分中消费后废料所占比例。"), synonyms: ["post-consumer share", "消费后比例"], width: 14 },
      { key: "al_content", label: bi("Aluminium content", "铝含量"), type: "share", required: "conditional", help: bi("Master alloys: aluminium share of the alloy (needed for an aluminium-only denominator).", "中间合金：合金中铝的比例（铝基分母时需要）。"), synonyms: ["al content", "铝含量"], width: 12 },
      { key: "source_supplier", label: bi("Source supplier", "来源供应商"), type: "text", required: "no", help: bi("Who delivered this input.", "该投入的供货方。"), synonyms: ["vendor", "供货商"], width: 22 },
      { key: "source_smelter_id", label: bi("Smelter ID", "电解铝厂编号"), type: "id", required: "conditional", help: bi("Primary metal only: must match a smelter on 04_Primary_Sources.", "仅原铝：须与原铝来源表中的电解铝厂编号一致。"), synonyms: ["smelter", "电解铝厂"], width: 14 },
      { key: "coc_model", label: bi("Chain-of-custody model", "监管链模式"), type: "code", codeList: "coc_model", required: "no", help: bi("ISO 22095 model for this input.", "该投入的ISO 22095监管链模式。"), synonyms: ["coc", "监管链"], width: 18 },
      { key: "evidence_id", label: bi("Evidence ref.", "证明文件编号"), type: "id", required: "no", help: bi("Invoice, mill certificate or weighbridge record.", "发票、质保书或过磅单编号。"), synonyms: ["evidence", "证明"], width: 14 },
    ],
  },
  {
    key: "primary_sources",
    name: "04_Primary_Sources",
    table: "tbl_primary_sources",
    title: bi("Primary aluminium sources: smelter → alumina refineries", "原铝来源：电解铝厂 → 氧化铝厂"),
    purpose: bi(
      "For each smelter that supplied primary metal, the refineries its alumina came from and their red mud (bauxite residue) per tonne of alumina, dry basis.",
      "每个供应原铝的电解铝厂，列出其氧化铝来源的氧化铝厂及每吨氧化铝产生的赤泥量（干基）。",
    ),
    required: "no",
    blankRows: 20,
    columns: [
      { key: "smelter_id", label: bi("Smelter ID", "电解铝厂编号"), type: "id", required: "yes", help: bi("As used on 03_Metal_Inputs.", "与金属投入表一致。"), synonyms: ["smelter", "电解铝厂"], width: 14 },
      { key: "smelter_name", label: bi("Smelter name", "电解铝厂名称"), type: "text", required: "no", help: bi("Company and plant.", "公司及工厂名称。"), width: 24 },
      { key: "alumina_per_al", label: bi("Alumina per t aluminium", "吨铝氧化铝单耗"), type: "number", unit: "t/t", required: "no", min: 0, minExclusive: true, defaultId: "ALUMINA_PER_AL", help: bi("Blank uses the default 1.928 t/t (European Aluminium LCI).", "留空则使用默认值1.928吨/吨。"), synonyms: ["alumina consumption", "氧化铝单耗"], width: 14 },
      { key: "refinery_id", label: bi("Refinery ID", "氧化铝厂编号"), type: "id", required: "yes", help: bi("One row per refinery supplying this smelter.", "每个供货氧化铝厂一行。"), synonyms: ["refinery", "氧化铝厂"], width: 14 },
      { key: "refinery_share", label: bi("Share of smelter's alumina", "占该厂氧化铝比例"), type: "share", required: "yes", min: 0, max: 1, help: bi("Shares of one smelter add up to 100 %.", "同一电解铝厂的比例合计须为100%。"), synonyms: ["share", "比例"], width: 14 },
      { key: "refinery_process", label: bi("Refinery process", "氧化铝工艺"), type: "code", codeList: "refinery_process", required: "no", help: bi("Bayer, sinter or combined.", "拜耳法、烧结法或联合法。"), width: 14 },
      { key: "bauxite_type", label: bi("Bauxite type", "铝土矿类型"), type: "code", codeList: "bauxite_type", required: "no", help: bi("Gibbsite, boehmite, diaspore …", "三水铝石、一水软铝石、一水硬铝石等。"), width: 14 },
      { key: "redmud_per_alumina", label: bi("Red mud per t alumina (dry)", "吨氧化铝赤泥产生量（干基）"), type: "number", unit: "t/t", required: "no", min: 0, defaultId: "REDMUD_PER_ALUMINA", help: bi("Dry tonnes of bauxite residue per tonne of alumina. Blank uses the IAI typical 1.2 (flagged in the report).", "每吨氧化铝产生的赤泥干吨数。留空则使用IAI典型值1.2（报告中标注）。"), synonyms: ["red mud ratio", "bauxite residue", "赤泥产率", "赤泥"], width: 16 },
      { key: "value_type", label: bi("Data source type", "数据来源类型"), type: "code", codeList: "value_type", required: "no", help: bi("Measured, calculated, supplier-declared or literature default.", "实测、计算、供应商声明或文献默认值。"), width: 16 },
      { key: "evidence_id", label: bi("Evidence ref.", "证明文件编号"), type: "id", required: "no", help: bi("Refinery statement or report.", "氧化铝厂声明或报告编号。"), width: 14 },
      { key: "primary_ghg", label: bi("Smelter's primary aluminium carbon footprint", "电解铝厂原铝碳足迹"), type: "number", unit: "t CO2e/t", required: "no", min: 0, help: bi("Optional: cradle-to-gate t CO2e per t of this smelter's primary aluminium, as it declares it; the same on each of its rows. Checked against 4.5–22 (V18).", "选填：该电解铝厂声明的原铝摇篮到大门碳足迹（吨CO2e/吨铝），其各行相同。与4.5–22核对（V18）。"), synonyms: ["primary carbon", "smelter carbon footprint", "原铝碳足迹"], width: 16 },
    ],
  },
  {
    key: "refinery_redmud",
    name: "05_Refinery_RedMud",
    table: "tbl_refinery_redmud",
    title: bi("Refinery red mud (bauxite residue) balance", "氧化铝厂赤泥平衡"),
    purpose: bi(
      "Only for refineries whose own period data you pass on: generation, utilisation of new red mud, storage, disposal and legacy stock, in tonnes.",
      "仅当您转交氧化铝厂自身报告期数据时填写：产生量、新增赤泥利用量、贮存、处置及历史堆存（吨）。",
    ),
    required: "no",
    blankRows: 10,
    columns: [
      { key: "refinery_id", label: bi("Refinery ID", "氧化铝厂编号"), type: "id", required: "yes", help: bi("As on 04_Primary_Sources.", "与原铝来源表一致。"), synonyms: ["refinery", "氧化铝厂"], width: 14 },
      { key: "alumina_output_t", label: bi("Alumina output", "氧化铝产量"), type: "mass", unit: "t", required: "yes", min: 0, minExclusive: true, help: bi("Alumina produced in the period.", "报告期氧化铝产量。"), synonyms: ["alumina production", "氧化铝产量"], width: 14 },
      { key: "mass_basis", label: bi("Red mud mass basis", "赤泥质量基准"), type: "code", codeList: "moisture_basis", required: "no", help: bi("dry (default) or wet; wet figures need the moisture and its basis and are converted to dry.", "干基（默认）或湿基；湿基需填写含水率及其基准，并换算为干基。"), width: 12 },
      { key: "moisture", label: bi("Moisture", "含水率"), type: "share", required: "conditional", min: 0, help: bi("Required when the basis is wet.", "湿基时必填。"), synonyms: ["water content", "含水率"], width: 10 },
      { key: "moisture_basis", label: bi("Moisture basis", "含水率基准"), type: "code", codeList: "moisture_basis", required: "conditional", help: bi("wet: water / (water + solids); dry: water / solids.", "湿基：水/(水+固体)；干基：水/固体。"), width: 12 },
      { key: "generated_t", label: bi("Red mud generated", "赤泥产生量"), type: "mass", unit: "t", required: "yes", min: 0, help: bi("G: generated in the period.", "G：报告期产生量。"), synonyms: ["generation", "产生量"], width: 14 },
      { key: "utilised_new_t", label: bi("Utilised (new)", "综合利用量（新增）"), type: "mass", unit: "t", required: "yes", min: 0, help: bi("Generated in the period and utilised in the period.", "报告期产生且在报告期内综合利用的量。"), synonyms: ["utilised", "综合利用量"], width: 14 },
      { key: "stored_new_t", label: bi("Stored (new)", "贮存量（新增）"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Generated in the period and put into storage.", "报告期产生并贮存的量。"), synonyms: ["stored", "贮存量"], width: 14 },
      { key: "disposed_new_t", label: bi("Disposed (new)", "处置量（新增）"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Generated in the period and disposed of.", "报告期产生并处置的量。"), synonyms: ["disposed", "处置量"], width: 14 },
      { key: "stock_start_t", label: bi("Stock at start", "期初堆存量"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Legacy stock at period start.", "报告期初历史堆存量。"), width: 14 },
      { key: "utilised_legacy_t", label: bi("Utilised from stock", "利用往年贮存量"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Legacy stock utilised in the period.", "报告期利用的往年贮存量。"), synonyms: ["综合利用往年贮存量"], width: 14 },
      { key: "disposed_legacy_t", label: bi("Disposed from stock", "处置往年贮存量"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Legacy stock disposed of in the period.", "报告期处置的往年贮存量。"), width: 14 },
      { key: "stock_end_t", label: bi("Stock at end", "期末堆存量"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Stock at period end.", "报告期末堆存量。"), width: 14 },
      { key: "evidence_id", label: bi("Evidence ref.", "证明文件编号"), type: "id", required: "no", help: bi("Refinery environmental statistics or statement.", "氧化铝厂环境统计或声明。"), width: 14 },
    ],
  },
  {
    key: "redmud_pathways",
    name: "06_RedMud_Pathways",
    table: "tbl_redmud_pathways",
    title: bi("Where the new red mud went", "新增赤泥去向"),
    purpose: bi(
      "For each refinery, the pathways of red mud generated in the period, same mass basis as 05 (shares are computed).",
      "每个氧化铝厂报告期产生赤泥的去向，质量基准与05表一致（比例自动计算）。",
    ),
    required: "no",
    blankRows: 20,
    columns: [
      { key: "refinery_id", label: bi("Refinery ID", "氧化铝厂编号"), type: "id", required: "yes", help: bi("As on 04/05.", "与04/05表一致。"), synonyms: ["refinery", "氧化铝厂"], width: 14 },
      { key: "pathway_code", label: bi("Pathway", "去向"), type: "code", codeList: "pathway_code", required: "yes", help: bi("Storage, utilisation or disposal route; pick from the list.", "贮存、利用或处置途径；从下拉列表选择。"), synonyms: ["pathway", "route", "去向", "途径"], width: 30 },
      { key: "mass_t", label: bi("Mass", "质量"), type: "mass", unit: "t", required: "yes", min: 0, help: bi("Tonnes to this pathway.", "进入该途径的吨数。"), synonyms: ["mass", "quantity", "数量"], width: 12 },
    ],
  },
  {
    key: "outputs",
    name: "07_Outputs",
    table: "tbl_outputs",
    title: bi("Outputs in the period", "报告期产出"),
    purpose: bi("Saleable output per product and the metal leaving as scrap, dross or loss (for the metal balance).", "各产品可销售产量及以废料、铝渣或损耗形式离开的金属（用于金属平衡）。"),
    required: "yes",
    blankRows: 20,
    columns: [
      { key: "product_id", label: bi("Product ID", "产品编号"), type: "id", required: "yes", help: bi("As on 02_Products.", "与产品表一致。"), synonyms: ["product", "产品"], width: 14 },
      { key: "output_t", label: bi("Saleable output", "可销售产量"), type: "mass", unit: "t", required: "yes", min: 0, help: bi("Tonnes shipped or ready to ship.", "已发货或待发货吨数。"), synonyms: ["output", "production", "产量"], width: 14 },
      { key: "process_scrap_out_t", label: bi("Process scrap sold", "外售工艺废料"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Scrap leaving the site (not run-around).", "离开工厂的废料（非厂内回炉料）。"), synonyms: ["scrap out", "废料"], width: 14 },
      { key: "dross_t", label: bi("Dross", "铝渣"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Metal in dross.", "铝渣中的金属量。"), synonyms: ["dross", "铝渣", "铝灰"], width: 12 },
      { key: "metal_loss_t", label: bi("Other metal loss", "其他金属损耗"), type: "mass", unit: "t", required: "no", min: 0, help: bi("Melt loss and other losses.", "烧损及其他损耗。"), synonyms: ["loss", "损耗"], width: 12 },
    ],
  },
  {
    key: "footprint",
    name: "09_Footprint",
    table: "tbl_footprint",
    title: bi("Carbon footprint per product (ISO 14067 / PACT)", "产品碳足迹（ISO 14067 / PACT）"),
    purpose: bi(
      "Only if you have a product carbon footprint: values per declared unit of 02_Products, fossil and biogenic separate, with the scrap method and data quality.",
      "如已有产品碳足迹请填写：按02表的申报单位填写，化石与生物源分开，并注明废料处理方法与数据质量。",
    ),
    required: "no",
    blankRows: 20,
    columns: [
      { key: "product_id", label: bi("Product ID", "产品编号"), type: "id", required: "yes", help: bi("As on 02_Products.", "与产品表一致。"), synonyms: ["product", "产品"], width: 14 },
      { key: "pcf_excl_biogenic", label: bi("PCF excluding biogenic", "碳足迹（不含生物源）"), type: "number", unit: "kg CO2e", required: "yes", min: 0, help: bi("kg CO2e per declared unit, cradle to gate, excluding biogenic emissions and removals (PACT pCfExcludingBiogenic).", "每申报单位的kg CO2e（摇篮到大门），不含生物源排放与移除。"), synonyms: ["pcf", "carbon footprint", "碳足迹"], width: 16 },
      { key: "pcf_incl_biogenic", label: bi("PCF including biogenic", "碳足迹（含生物源）"), type: "number", unit: "kg CO2e", required: "conditional", help: bi("Required for reference periods from 2025 (PACT).", "2025年及以后的报告期必填（PACT）。"), width: 16 },
      { key: "fossil_ghg", label: bi("Fossil GHG emissions", "化石源温室气体排放"), type: "number", unit: "kg CO2e", required: "yes", min: 0, help: bi("Fossil part, per declared unit (ISO 14067 reports it separately).", "化石源部分，每申报单位（ISO 14067要求分开报告）。"), width: 16 },
      { key: "fossil_carbon_content", label: bi("Fossil carbon content", "化石碳含量"), type: "number", unit: "kg C", required: "no", min: 0, help: bi("Usually 0 for aluminium.", "铝产品通常为0。"), width: 14 },
      { key: "biogenic_carbon_content", label: bi("Biogenic carbon content", "生物碳含量"), type: "number", unit: "kg C", required: "no", min: 0, help: bi("Usually 0 for aluminium.", "铝产品通常为0。"), width: 14 },
      { key: "dluc_ghg", label: bi("Direct land-use change", "直接土地利用变化排放"), type: "number", unit: "kg CO2e", required: "no", min: 0, help: bi("dLUC emissions, per declared unit.", "每申报单位的直接土地利用变化排放。"), width: 14 },
      { key: "aircraft_ghg", label: bi("Aircraft transport emissions", "航空运输排放"), type: "number", unit: "kg CO2e", required: "no", min: 0, help: bi("Per declared unit, if any.", "每申报单位（如有）。"), width: 14 },
      { key: "scrap_method", label: bi("Scrap treatment", "废料处理方法"), type: "code", codeList: "scrap_method", required: "yes", help: bi("How process scrap was treated in this footprint; with pre-consumer scrap, report both (V17).", "该碳足迹中工艺废料的处理方法；含消费前废料时应两种都报告。"), width: 18 },
      { key: "ghg_cut_off", label: bi("Footprint, cut-off", "碳足迹（截断法）"), type: "number", unit: "kg CO2e", required: "conditional", min: 0, help: bi("Per declared unit with scrap burden-free (RMI ghgEmissionsCutoff).", "废料无负担时每申报单位的碳足迹。"), width: 16 },
      { key: "ghg_allocation", label: bi("Footprint, allocation", "碳足迹（分配法）"), type: "number", unit: "kg CO2e", required: "conditional", min: 0, help: bi("Per declared unit with pre-consumer scrap carrying burden (RMI ghgEmissionsAllocation).", "消费前废料承担负担时每申报单位的碳足迹。"), width: 16 },
      { key: "ipcc_ar", label: bi("IPCC report of GWP factors", "GWP因子所用IPCC报告"), type: "code", codeList: "ipcc_ar", required: "yes", help: bi("AR6 preferred (V15).", "建议使用AR6。"), width: 12 },
      { key: "standard", label: bi("Accounting standard", "核算标准"), type: "code", codeList: "cross_sectoral_standard", required: "yes", help: bi("The main standard followed.", "所遵循的主要标准。"), width: 18 },
      { key: "primary_data_share", label: bi("Primary data share", "初级数据比例"), type: "share", required: "conditional", help: bi("Share of the footprint from primary data; required for periods from 2025 (PACT).", "碳足迹中来自初级数据的比例；2025年及以后必填。"), width: 12 },
      { key: "dqr_technological", label: bi("DQR technological", "数据质量：技术"), type: "number", required: "conditional", min: 1, max: 3, help: bi("Data quality rating 1 (best) to 3.", "数据质量评级1（最好）至3。"), width: 10 },
      { key: "dqr_temporal", label: bi("DQR temporal", "数据质量：时间"), type: "number", required: "conditional", min: 1, max: 3, help: bi("1 to 3.", "1至3。"), width: 10 },
      { key: "dqr_geographical", label: bi("DQR geographical", "数据质量：地理"), type: "number", required: "conditional", min: 1, max: 3, help: bi("1 to 3.", "1至3。"), width: 10 },
      { key: "exempted_share", label: bi("Exempted emissions", "豁免排放比例"), type: "share", required: "no", help: bi("Share of emissions excluded by cut-off rules (PACT exemptedEmissionsPercent); blank = 0.", "按截断规则排除的排放比例；留空为0。"), width: 12 },
      { key: "packaging_included", label: bi("Packaging included", "是否含包装"), type: "code", codeList: "yes_no", required: "no", help: bi("Whether packaging emissions are included.", "是否包含包装排放。"), width: 10 },
      { key: "assurance", label: bi("Assurance", "鉴证"), type: "code", codeList: "assurance_level", required: "no", help: bi("Third-party assurance of this footprint.", "该碳足迹的第三方鉴证。"), width: 14 },
      { key: "verifier", label: bi("Verifier", "核查机构"), type: "text", required: "no", help: bi("Who gave the assurance.", "鉴证机构名称。"), width: 18 },
      { key: "evidence_id", label: bi("Evidence ref.", "证明文件编号"), type: "id", required: "no", help: bi("PCF report or EPD reference.", "碳足迹报告或EPD编号。"), width: 14 },
      { key: "valid_until", label: bi("Footprint valid until", "碳足迹有效期至"), type: "date", required: "no", help: bi("Optional: last day this footprint may be used (PACT validityPeriodEnd): after the period end, at most 3 years later (V2). Blank: 3 years (PACT default).", "选填：该碳足迹可使用的最后一天，须晚于报告期结束日且不超过其后3年（V2）。留空：3年（PACT默认）。"), synonyms: ["validity", "valid to", "有效期"], width: 14 },
    ],
  },
  {
    key: "evidence",
    name: "10_Evidence",
    table: "tbl_evidence",
    title: bi("Evidence register", "证明文件登记"),
    purpose: bi("The documents behind your figures; the IDs are what the Evidence ref. columns point to.", "数据所依据的文件；其编号即各表\"证明文件编号\"所引用的编号。"),
    required: "no",
    blankRows: 30,
    columns: [
      { key: "evidence_id", label: bi("Evidence ref.", "证明文件编号"), type: "id", required: "yes", help: bi("Unique within this sheet.", "本表内唯一。"), synonyms: ["evidence id", "document id", "文件编号"], width: 14 },
      { key: "doc_type", label: bi("Document type", "文件类型"), type: "code", codeList: "doc_type", required: "yes", help: bi("Pick from the list.", "从下拉列表选择。"), width: 20 },
      { key: "issuer", label: bi("Issued by", "出具方"), type: "text", required: "no", help: bi("Who issued the document.", "文件出具方。"), width: 22 },
      { key: "doc_date", label: bi("Document date", "文件日期"), type: "date", required: "no", help: bi("Date on the document.", "文件日期。"), width: 14 },
      { key: "file_ref", label: bi("File or link", "文件或链接"), type: "text", required: "no", help: bi("Where the buyer or verifier can find it.", "采购方或核查方可查阅的位置。"), width: 30 },
    ],
  },
];

export function sheetSpec(key: TemplateSheetKey): TemplateSheetSpec {
  const s = TEMPLATE_SHEETS.find((x) => x.key === key);
  if (!s) throw new Error(`unknown template sheet ${key}`);
  return s;
}

export type Language = "en" | "zh-CN" | "bilingual";

/** The header text AluTrace writes for a column in a given language. */
export function headerText(col: ColumnSpec, lang: Language): string {
  const unit = col.unit ? ` (${col.unit})` : "";
  if (lang === "en") return col.label.en + unit;
  if (lang === "zh-CN") return col.label.zh + unit;
  return `${col.label.en}${unit} / ${col.label.zh}`;
}
