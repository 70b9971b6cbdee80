/**
 * The machine-readable exports as files (name, media type, text): one PACT v3 ProductFootprint per
 * product, AluTrace's extension document, and one CSV per report tab. The command line writes them
 * to folders; the task pane offers them as downloads. One function, so both give the same files.
 */
import type { Cell, WorkbookGrids } from "../cells";
import { a1, columnLetters, isCellError } from "../cells";
import type { ReportFigures } from "../report/compute";
import type { Provenance } from "../report/tabs";
import type { WorkbookSpec } from "../sheetspec";
import { V16_KEYS, pactFrom2025 } from "../template/rules";
import { sheetSpec, type ColumnSpec, type TemplateSheetKey } from "../template/spec";
import type { ValidationResult } from "../template/validate";
import { reportCsvFiles } from "./csv";
import { buildExtensionDocument, buildPactFootprints, type PactRefusal } from "./pact";
import { pcfFromTemplate } from "./pcf-from-template";

export interface ExportFile {
  /** A file name safe on Windows, macOS and Linux. */
  readonly name: string;
  readonly mediaType: "application/json" | "text/csv";
  readonly text: string;
}

export interface ExportFiles {
  /** PACT footprints (`<product>.pact.json`) and `alutrace-extension.json`. */
  readonly pact: ExportFile[];
  /** Why no PACT footprints were made (usually: no footprint values on 09_Footprint). */
  readonly pactRefusal?: PactRefusalText;
  readonly csv: ExportFile[];
}

/**
 * A PACT refusal in the supplier's terms: sheets, columns and cells of the template (not PACT's
 * JSON field names), and what to do. `message` is the whole text in one paragraph.
 */
export interface PactRefusalWords {
  readonly message: string;
  readonly summary: string;
  /** One line per product (or for the workbook): what is missing or wrong, and where. */
  readonly details: string[];
  readonly advice: string;
}

export interface PactRefusalText extends PactRefusalWords {
  /** The same in Chinese, for suppliers (the CLI's --lang zh-CN, the task pane in Chinese). */
  readonly zh: PactRefusalWords;
  /** The refusal as the PACT builder gave it, for programs. */
  readonly refusals: PactRefusal[];
}

export interface ExportFilesOptions {
  readonly pact?: boolean;
  readonly csv?: boolean;
}

/** Letters, digits, ".", "_" and "-" kept; everything else "_"; never empty, at most 100 characters. */
export function safeFileName(s: string): string {
  return s.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+/, "").slice(0, 100) || "product";
}

const json = (x: unknown): string => JSON.stringify(x, null, 2) + "\n";

export function exportFiles(val: ValidationResult, fig: ReportFigures, spec: WorkbookSpec, prov: Provenance, opts: ExportFilesOptions = { pact: true, csv: true }): ExportFiles {
  const pact: ExportFile[] = [];
  let pactRefusal: ExportFiles["pactRefusal"];
  if (opts.pact) {
    const ext = buildExtensionDocument(val, fig, prov);
    if (ext.ok) pact.push({ name: "alutrace-extension.json", mediaType: "application/json", text: json(ext.document) });
    const r = buildPactFootprints(val, fig, prov, { pcf: pcfFromTemplate(val) });
    if (r.ok) {
      const used = new Set<string>(["alutrace-extension.json"]);
      for (const fp of r.footprints) {
        const pid = fp.productIds[0]?.split(":").pop() ?? fp.id;
        let name = `${safeFileName(decodeURIComponent(pid))}.pact.json`;
        for (let i = 2; used.has(name.toLowerCase()); i++) name = `${safeFileName(decodeURIComponent(pid))}_${i}.pact.json`;
        used.add(name.toLowerCase());
        pact.push({ name, mediaType: "application/json", text: json(fp) });
      }
    } else pactRefusal = pactRefusalText(val, r.message, r.refusals);
  }
  const csv: ExportFile[] = opts.csv ? reportCsvFiles(spec).map((c) => ({ name: c.name, mediaType: "text/csv" as const, text: c.csv })) : [];
  return { pact, ...(pactRefusal ? { pactRefusal } : {}), csv };
}

/** The template column each PACT field is read from (see pcfFromTemplate and the identity). */
const PACT_FIELD_COLUMNS: Record<string, readonly [TemplateSheetKey, string]> = {
  pcfExcludingBiogenicUptake: ["footprint", "pcf_excl_biogenic"],
  pcfIncludingBiogenicUptake: ["footprint", "pcf_incl_biogenic"],
  fossilGhgEmissions: ["footprint", "fossil_ghg"],
  fossilCarbonContent: ["footprint", "fossil_carbon_content"],
  biogenicCarbonContent: ["footprint", "biogenic_carbon_content"],
  landUseChangeGhgEmissions: ["footprint", "dluc_ghg"],
  aircraftGhgEmissions: ["footprint", "aircraft_ghg"],
  exemptedEmissionsPercent: ["footprint", "exempted_share"],
  primaryDataShare: ["footprint", "primary_data_share"],
  ipccCharacterizationFactors: ["footprint", "ipcc_ar"],
  crossSectoralStandards: ["footprint", "standard"],
  packagingEmissionsIncluded: ["footprint", "packaging_included"],
  "dqi.technologicalDQR": ["footprint", "dqr_technological"],
  "dqi.temporalDQR": ["footprint", "dqr_temporal"],
  "dqi.geographicalDQR": ["footprint", "dqr_geographical"],
  allocationRulesDescription: ["footprint", "scrap_method"],
  validityPeriodEnd: ["footprint", "valid_until"],
  declaredUnitOfMeasurement: ["products", "declared_unit"],
  productMassPerDeclaredUnit: ["products", "mass_per_declared_unit_kg"],
  geographyCountry: ["supplier", "country"],
  "01_Supplier.supplier_id": ["supplier", "supplier_id"],
  "01_Supplier.legal_name_en": ["supplier", "legal_name_en"],
  "01_Supplier.period_start/period_end": ["supplier", "period_start"],
};

/** Columns whose blank pcfFromTemplate reads as a value (exempted emissions: blank = 0 %). */
const BLANK_IS_A_VALUE = new Set(["exempted_share"]);

const columnFor = (field: string) => PACT_FIELD_COLUMNS[field.replace(/^pcf\./, "")];

type Lang = "en" | "zh";

/** A template column's label (its key if the spec has no such column). */
const columnLabel = (sheetKey: TemplateSheetKey, key: string, lang: Lang = "en"): string => sheetSpec(sheetKey).columns.find((x) => x.key === key)?.label[lang] ?? key;

/** "PCF excluding biogenic (09_Footprint!B5)", or the column when the product has no row there. */
function place(val: ValidationResult, pid: string, field: string, lang: Lang): string {
  const c = columnFor(field);
  if (!c) return field;
  const [sheetKey, key] = c;
  const label = columnLabel(sheetKey, key, lang);
  const d = val.sheets[sheetKey];
  const sheet = d?.sheet ?? sheetSpec(sheetKey).name;
  const col = d?.columns.get(key);
  if (col === undefined) return lang === "zh" ? `${label}（${sheet}：请添加该列）` : `${label} (${sheet}: add the column)`;
  const row = sheetKey === "supplier" ? d!.rows[0] : d!.rows.find((r) => r.v.product_id === pid);
  if (row) return lang === "zh" ? `${label}（${sheet}!${a1(row.row, col)}）` : `${label} (${sheet}!${a1(row.row, col)})`;
  return lang === "zh" ? `${label}（${sheet} 第 ${columnLetters(col)} 列）` : `${label} (${sheet} column ${columnLetters(col)})`;
}

/** PACT's field names in a builder message, as the template's column labels. */
function inSupplierTerms(message: string, lang: Lang = "en"): string {
  return message.replace(/\b(?:pcf\.)?([a-z][A-Za-z]+(?:\.[a-z][A-Za-z]+)?)\b/g, (whole, name: string) => {
    const c = PACT_FIELD_COLUMNS[name];
    return c ? columnLabel(c[0], c[1], lang) : whole;
  });
}

/**
 * The refusal of the PACT export for a person, not a program: AluTrace never computes a carbon
 * footprint, so the fix is always in the supplier's sheets, named by sheet, column and cell.
 * In English, and in Chinese under `zh` (a reason AluTrace has no Chinese for stays in English,
 * with the template's Chinese column names).
 */
export function pactRefusalText(val: ValidationResult, builderMessage: string, refusals: PactRefusal[]): PactRefusalText {
  const en = refusalIn("en", val, builderMessage, refusals);
  return { ...en, zh: refusalIn("zh", val, builderMessage, refusals), refusals };
}

function refusalIn(lang: Lang, val: ValidationResult, builderMessage: string, refusals: PactRefusal[]): PactRefusalWords {
  const zh = lang === "zh";
  const fp = val.sheets.footprint;
  const fpName = sheetSpec("footprint").name;
  const details: string[] = [];
  for (const r of refusals) {
    const who = r.productId || (zh ? "工作簿" : "the workbook");
    const hasRow = !!fp?.rows.some((x) => x.v.product_id === r.productId);
    const missing = r.missing.map((f) => place(val, r.productId, f, lang));
    const invalid = r.invalid.map((i) => `${place(val, r.productId, i.field, lang)}${zh ? "：" : ": "}${inSupplierTerms(zh && i.messageZh ? i.messageZh : i.message, lang).replace(/[.。]$/, "")}`);
    const parts: string[] = [];
    if (r.productId && !hasRow && r.missing.some((f) => columnFor(f)?.[0] === "footprint")) {
      // What PACT misses, and what the validator will ask of the new row: the template's required
      // columns, and V16's for periods from 2025.
      const periodEnd = val.sheets.supplier?.rows[0]?.v.period_end;
      const keys = [
        ...r.missing.map((f) => columnFor(f)).filter((c) => c?.[0] === "footprint" && !BLANK_IS_A_VALUE.has(c[1])).map((c) => c![1]),
        ...sheetSpec("footprint").columns.filter((c) => c.required === "yes" && c.key !== "product_id").map((c) => c.key),
        ...(pactFrom2025(typeof periodEnd === "number" ? periodEnd : undefined) ? V16_KEYS : []),
      ];
      // A footprint column by its label, with its letter where the sheet has it.
      const named = (c: ColumnSpec) => {
        const col = fp?.columns.get(c.key);
        if (col === undefined) return c.label[lang];
        return zh ? `${c.label.zh}（第 ${columnLetters(col)} 列）` : `${c.label.en} (column ${columnLetters(col)})`;
      };
      const cols = sheetSpec("footprint").columns.filter((c) => keys.includes(c.key)).map(named);
      parts.push(zh ? `${fp?.sheet ?? fpName} 中没有该产品的行；请添加一行并填写${cols.join("、")}` : `no row on ${fp?.sheet ?? fpName}; add one with ${cols.join(", ")}`);
      // V17: the scrap treatment chosen decides which of the two variant footprints the row needs.
      const variant = (key: string) => named(sheetSpec("footprint").columns.find((x) => x.key === key)!);
      parts.push(zh ? `废料处理方法为"两种均报告"时还须填写${variant("ghg_cut_off")}和${variant("ghg_allocation")}，为"分配法"时须填写${variant("ghg_allocation")}（V17）` : `with the scrap treatment "both" also ${variant("ghg_cut_off")} and ${variant("ghg_allocation")}, with "allocation" ${variant("ghg_allocation")} (V17)`);
      const other = r.missing.filter((f) => columnFor(f)?.[0] !== "footprint").map((f) => place(val, r.productId, f, lang));
      if (other.length) parts.push(zh ? `请填写${other.join("、")}` : `fill in ${other.join(", ")}`);
    } else if (missing.length) parts.push(zh ? `请填写${missing.join("、")}` : `fill in ${missing.join(", ")}`);
    if (invalid.length) parts.push(zh ? `请更正${invalid.join("；")}` : `correct ${invalid.join("; ")}`);
    details.push(`${who}${zh ? "：" : ": "}${parts.length ? parts.join(zh ? "；" : "; ") : builderMessage}`);
  }
  // "incomplete" only when something is missing; a value PACT refuses is "not valid".
  const incomplete = refusals.some((r) => r.missing.length > 0) || refusals.length === 0;
  const summary = zh
    ? fp
      ? `AluTrace 不计算也从不编造碳足迹；它导出供应商在 ${fp.sheet} 中声明的碳足迹，而这些数据${incomplete ? "不完整" : "有PACT不接受的数值"}。`
      : `AluTrace 不计算也从不编造碳足迹；它导出供应商在 ${fpName} 中声明的碳足迹，而工作簿中没有该工作表（请从空白模板插入）。`
    : fp
      ? `AluTrace does not compute carbon footprints and never invents them; it exports the ones the supplier declares on ${fp.sheet}, and ${incomplete ? "these are incomplete" : "some of their values are not valid for PACT"}.`
      : `AluTrace does not compute carbon footprints and never invents them; it exports the ones the supplier declares on ${fpName}, and the workbook has no such sheet (insert it from a blank template).`;
  const advice = zh
    ? `请供应商补全或更正这些单元格（或自行修改），然后再次导出。赤泥和再生含量数据照常导出，见 alutrace-extension.json。`
    : `Have the supplier complete or correct these cells (or do it yourself), then export again. The red mud and recycled-content data are exported regardless, in alutrace-extension.json.`;
  const message = zh ? [summary, ...details.map((d) => `${d}。`), advice].join("") : [summary, ...details.map((d) => `${d}.`), advice].join(" ");
  return { message, summary, details, advice };
}

function canonicalCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (isCellError(v)) return `!${v.code}`;
  if (typeof v === "number") return `n${v}`;
  if (typeof v === "boolean") return v ? "b1" : "b0";
  return `s${v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n")}`;
}

/**
 * A canonical text of the sheets' values (sheet name, then one line per row, cells tab-separated
 * and typed), for hashing what was read when there is no file to hash: the task pane reads cells,
 * not the .xlsx bytes. The same values give the same text whatever wrote the workbook.
 */
export function canonicalSheetValues(grids: WorkbookGrids, sheetNames?: readonly string[]): string {
  const keep = sheetNames && new Set(sheetNames.map((s) => s.toUpperCase()));
  const parts: string[] = [];
  for (const g of grids.sheets) {
    if (keep && !keep.has(g.name.toUpperCase())) continue;
    parts.push(`sheet\t${g.name}`);
    for (const row of g.values) {
      let n = row ? row.length : 0;
      while (n > 0 && (row[n - 1] === null || row[n - 1] === undefined || row[n - 1] === "")) n--;
      const cells: string[] = [];
      for (let c = 0; c < n; c++) cells.push(canonicalCell(row[c]));
      parts.push(cells.join("\t"));
    }
  }
  return parts.join("\n");
}
