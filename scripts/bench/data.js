// The benchmark's supplier workbook: a valid filled template with N metal-input rows (a rolling
// mill's year of input lots), deterministic, with a realistic sprinkle of cells the validator must
// normalise (numbers typed as text, a unit word in a mass). It validates without errors, so the
// command line goes all the way to the report.
"use strict";
const { lib, rng } = require("./common");

const CLASS_MIX = [
  ["primary_ingot", 30],
  ["secondary_ingot", 10],
  ["pre_consumer_scrap_external", 15],
  ["post_consumer_scrap", 20],
  ["pre_consumer_scrap_internal_cross_process", 5],
  ["run_around_scrap", 10],
  ["alloying_element", 5],
  ["master_alloy", 5],
];
const CLASS_WHEEL = CLASS_MIX.flatMap(([c, w]) => Array(w).fill(c));
const PRODUCTS = 5;
const SMELTERS = 5;
const COC = ["mass_balance", "segregated", "controlled_blending"];

/**
 * Template rows by sheet key, with canonical codes in coded columns (converted to the template's
 * dropdown labels by toGrids / toSpec) and dates as { date: "YYYY-MM-DD" }.
 */
function templateRows(n) {
  const rand = rng(20260101);
  const supplier = [
    {
      supplier_id: "SUP-BENCH-001",
      legal_name_en: "Example Benchmark Rolling Co. (fictional)",
      legal_name_zh: "示例基准轧制有限公司（虚构）",
      site_name: "Example mill (fictional)",
      country: "CN",
      period_start: { date: "2025-01-01" },
      period_end: { date: "2025-12-31" },
      contact_email: "data@example.com",
    },
  ];
  const products = [];
  for (let p = 1; p <= PRODUCTS; p++) {
    products.push({ product_id: `P${p}`, product_name: `Benchmark product ${p}`, product_form: p % 2 ? "sheet" : "coil", alloy: p % 2 ? "5182" : "6016", declared_unit: "kilogram" });
  }
  const primary = [];
  for (let s = 1; s <= SMELTERS; s++) {
    primary.push({ smelter_id: `SM${s}`, smelter_name: `Smelter ${s} (fictional)`, alumina_per_al: 1.93, refinery_id: `RF${s}A`, refinery_share: 0.6, refinery_process: "bayer", redmud_per_alumina: 1.1 });
    primary.push({ smelter_id: `SM${s}`, smelter_name: `Smelter ${s} (fictional)`, alumina_per_al: 1.93, refinery_id: `RF${s}B`, refinery_share: 0.4, refinery_process: "bayer", redmud_per_alumina: 1.4 });
  }
  const refinery = [];
  const pathways = [];
  for (let s = 1; s <= 3; s++) {
    const g = 1_200_000 * s;
    refinery.push({ refinery_id: `RF${s}A`, alumina_output_t: 1_000_000 * s, generated_t: g, utilised_new_t: 0.1 * g, stored_new_t: 0.9 * g, disposed_new_t: 0 });
    pathways.push({ refinery_id: `RF${s}A`, pathway_code: "STORE_DRY_STACK", mass_t: 0.9 * g });
    pathways.push({ refinery_id: `RF${s}A`, pathway_code: "USE_CEMENT_CLINKER_RAW", mass_t: 0.07 * g });
    pathways.push({ refinery_id: `RF${s}A`, pathway_code: "USE_FE_RECOVERY", mass_t: 0.03 * g });
  }
  const inputs = new Array(n);
  let counted = 0;
  for (let i = 0; i < n; i++) {
    const cls = CLASS_WHEEL[Math.floor(rand() * CLASS_WHEEL.length)];
    const mass = Math.round((5 + rand() * 45) * 1000) / 1000;
    if (cls !== "run_around_scrap") counted += mass;
    const row = {
      input_id: `IN-${String(i + 1).padStart(7, "0")}`,
      input_class: cls,
      mass_t: mass,
      source_supplier: `Supplier ${i % 250}`,
      evidence_id: `INV-2025-${String(i + 1).padStart(7, "0")}`,
    };
    if (i % 3 === 0) row.product_id = `P${1 + (i % PRODUCTS)}`;
    if (cls === "primary_ingot") row.source_smelter_id = `SM${1 + (i % SMELTERS)}`;
    if (cls === "secondary_ingot") {
      row.recycled_share = 0.8;
      row.post_consumer_share = 0.6;
    }
    if (cls === "master_alloy") row.al_content = 0.9;
    if (i % 7 === 0) row.coc_model = COC[i % COC.length];
    // About 1 in 200 masses typed as text, 1 in 500 with a unit word: each becomes a warning
    // (NUMBER_TEXT, UNIT_CONVERTED), as in a file pasted from an ERP export.
    if (i % 200 === 17) row.mass_t = `${mass} `;
    if (i % 500 === 101) row.mass_t = `${Math.round(mass * 1000)} kg`;
    inputs[i] = row;
  }
  // Outputs balance the inputs (V9): 93 % saleable, 4 % scrap sold, 2 % dross, 1 % loss.
  const outputs = [];
  for (let p = 1; p <= PRODUCTS; p++) {
    const share = counted / PRODUCTS;
    outputs.push({ product_id: `P${p}`, output_t: r3(0.93 * share), process_scrap_out_t: r3(0.04 * share), dross_t: r3(0.02 * share), metal_loss_t: r3(0.01 * share) });
  }
  return { supplier, products, metal_inputs: inputs, primary_sources: primary, refinery_redmud: refinery, redmud_pathways: pathways, outputs };
}

const r3 = (x) => Math.round(x * 1000) / 1000;

function serialOf(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

/** Column key → code list for the coded columns of each sheet (from the template spec). */
function codedColumns() {
  const { TEMPLATE_SHEETS } = lib("src/core/template/spec.js");
  const out = new Map();
  for (const s of TEMPLATE_SHEETS) {
    const m = new Map();
    for (const c of s.columns) if (c.type === "code" && c.codeList) m.set(c.key, c.codeList);
    out.set(s.key, m);
  }
  return out;
}

/** In-memory grids laid out exactly as the bilingual template (test/helpers/fixtures), labels as the dropdown writes them. */
function toGrids(rows) {
  const { workbook } = lib("test/helpers/fixtures.js");
  const { CODE_LISTS } = lib("src/core/codes.js");
  const { codeDisplay } = lib("src/core/template/build.js");
  const coded = codedColumns();
  const data = {};
  for (const [key, list] of Object.entries(rows)) {
    const cols = coded.get(key);
    data[key] = list.map((r) => {
      const o = {};
      for (const [k, v] of Object.entries(r)) {
        if (v && typeof v === "object" && v.date) o[k] = serialOf(v.date);
        else if (cols.has(k) && typeof v === "string") o[k] = codeDisplay(CODE_LISTS[cols.get(k)].find((e) => e.code === v), "bilingual");
        else o[k] = v;
      }
      return o;
    });
  }
  return workbook(data);
}

/** The same rows written into the blank bilingual template (dropdowns, formats, tables), as a supplier's file. */
function toSpec(rows) {
  const { buildTemplate } = lib("src/core/template/build.js");
  const { fillSheet, date } = lib("src/cli/examples.js");
  const wb = buildTemplate("bilingual");
  for (const [key, list] of Object.entries(rows)) {
    fillSheet(
      wb,
      "bilingual",
      key,
      list.map((r) => {
        const o = {};
        for (const [k, v] of Object.entries(r)) o[k] = v && typeof v === "object" && v.date ? date(v.date) : v;
        return o;
      }),
    );
  }
  return wb;
}

module.exports = { templateRows, toGrids, toSpec, CLASS_MIX };
