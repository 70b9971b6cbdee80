/** Filled-template grids built in memory, laid out exactly as the template (title, purpose, headers, rows). */
import type { Cell, Grid, WorkbookGrids } from "../../src/core/cells";
import { HEADER_ROW, Language, TEMPLATE_SHEETS, TemplateSheetKey, headerText } from "../../src/core/template/spec";

export type RowInput = Record<string, Cell | undefined>;

export function templateGrid(key: TemplateSheetKey, rows: RowInput[], opts: { lang?: Language; name?: string } = {}): Grid {
  const spec = TEMPLATE_SHEETS.find((s) => s.key === key)!;
  const values: Cell[][] = [];
  values.push([spec.title.en]);
  values.push([spec.purpose.en]);
  while (values.length < HEADER_ROW) values.push([]);
  values.push(spec.columns.map((c) => headerText(c, opts.lang ?? "bilingual")));
  for (const r of rows) values.push(spec.columns.map((c) => (r[c.key] === undefined ? null : (r[c.key] as Cell))));
  return { name: opts.name ?? spec.name, values };
}

export function workbook(data: Partial<Record<TemplateSheetKey, RowInput[]>>, extra: Grid[] = []): WorkbookGrids {
  const sheets: Grid[] = [];
  for (const s of TEMPLATE_SHEETS) {
    const rows = data[s.key];
    if (rows) sheets.push(templateGrid(s.key, rows));
  }
  return { sheets: [...sheets, ...extra] };
}

/** Excel 1900-system serial of a calendar date. */
export function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

/** A small, valid rolling-mill workbook used across tests. Figures are explained where used. */
export function smallMill(): Partial<Record<TemplateSheetKey, RowInput[]>> {
  return {
    supplier: [{ supplier_id: "S-001", legal_name_en: "Example Rolling Co.", site_name: "Mill 1", country: "CN", period_start: serial(2025, 1, 1), period_end: serial(2025, 12, 31) }],
    products: [
      { product_id: "P1", product_name: "5182 sheet", product_form: "sheet", declared_unit: "kilogram" },
      { product_id: "P2", product_name: "6016 coil", product_form: "coil", declared_unit: "kilogram" },
    ],
    metal_inputs: [
      { input_id: "I1", input_class: "primary_ingot", mass_t: 600, source_smelter_id: "SM1" },
      { input_id: "I2", input_class: "pre_consumer_scrap_external", mass_t: 160 },
      { input_id: "I3", input_class: "post_consumer_scrap", mass_t: 200 },
      { input_id: "I4", input_class: "run_around_scrap", mass_t: 300 },
      { input_id: "I5", input_class: "alloying_element", mass_t: 40 },
    ],
    primary_sources: [
      { smelter_id: "SM1", alumina_per_al: 1.928, refinery_id: "RF1", refinery_share: 0.6, redmud_per_alumina: 1.2 },
      { smelter_id: "SM1", alumina_per_al: 1.928, refinery_id: "RF2", refinery_share: 0.4, redmud_per_alumina: 1.6 },
    ],
    refinery_redmud: [
      { refinery_id: "RF1", alumina_output_t: 1_000_000, generated_t: 1_200_000, utilised_new_t: 126_000, stored_new_t: 1_074_000, disposed_new_t: 0 },
    ],
    redmud_pathways: [
      { refinery_id: "RF1", pathway_code: "STORE_DRY_STACK", mass_t: 1_074_000 },
      { refinery_id: "RF1", pathway_code: "USE_CEMENT_CLINKER_RAW", mass_t: 96_000 },
      { refinery_id: "RF1", pathway_code: "USE_FE_RECOVERY", mass_t: 30_000 },
    ],
    outputs: [
      { product_id: "P1", output_t: 600, process_scrap_out_t: 20, dross_t: 10 },
      { product_id: "P2", output_t: 360, process_scrap_out_t: 5, dross_t: 5 },
    ],
  };
}
