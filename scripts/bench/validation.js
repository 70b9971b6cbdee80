// Item 2: validation of a filled template (validateTemplate over in-memory grids) against an
// ajv-compiled JSON Schema check of the same rows, and how validation time grows with rows.
"use strict";
const { lib, interleave, peakRss, gc, median } = require("./common");
const { templateRows, toGrids } = require("./data");

/**
 * A JSON Schema per template sheet, generated from the same template spec the validator reads:
 * types, bounds, code lists (every text the validator accepts for a code: code, EN, 中文 and the
 * bilingual dropdown label), required columns, and the conditional columns of metal inputs.
 * Texts in number columns (a mass typed as "12.5 " or "12500 kg") pass as number-shaped strings,
 * as the validator reads them. Cross-row and cross-sheet rules (unique IDs, references, balances)
 * have no JSON Schema form and are left to the validator alone.
 */
function schemas() {
  const { TEMPLATE_SHEETS } = lib("src/core/template/spec.js");
  const { CODE_LISTS } = lib("src/core/codes.js");
  const numberText = { type: "string", pattern: "^\\s*[+-]?[0-9][0-9,.]*(\\s*[A-Za-z\\u4e00-\\u9fff%]+)?\\s*$" };
  const out = {};
  for (const s of TEMPLATE_SHEETS) {
    const properties = {};
    const required = [];
    for (const c of s.columns) {
      let p;
      switch (c.type) {
        case "text":
          p = { type: "string" };
          break;
        case "id":
          p = c.pattern ? { type: "string", pattern: c.pattern } : { type: "string" };
          break;
        case "code": {
          const labels = new Set();
          for (const e of CODE_LISTS[c.codeList]) {
            labels.add(e.code);
            labels.add(e.en);
            labels.add(e.zh);
            labels.add(`${e.en} / ${e.zh}`);
          }
          p = { enum: [...labels] };
          break;
        }
        case "mass":
        case "number": {
          const n = { type: "number" };
          if (c.min !== undefined) n[c.minExclusive ? "exclusiveMinimum" : "minimum"] = c.min;
          if (c.max !== undefined) n.maximum = c.max;
          p = c.type === "mass" ? { anyOf: [n, numberText] } : n;
          break;
        }
        case "share":
          p = { anyOf: [{ type: "number", minimum: 0, maximum: 1 }, numberText] };
          break;
        case "date":
          p = { type: "number", minimum: 1, maximum: 2958465 };
          break;
        case "country":
          p = { type: "string", pattern: "^[A-Z]{2}$" };
          break;
        case "email":
          p = { type: "string", format: "email" };
          break;
        default:
          throw new Error(`bench: no JSON Schema for column type ${c.type}`);
      }
      properties[c.key] = p;
      if (c.required === "yes") required.push(c.key);
    }
    const row = { type: "object", properties, required, additionalProperties: false };
    if (s.key === "metal_inputs") {
      const cls = (code) => {
        const e = CODE_LISTS.input_class.find((x) => x.code === code);
        return { properties: { input_class: { enum: [e.code, e.en, e.zh, `${e.en} / ${e.zh}`] } }, required: ["input_class"] };
      };
      row.allOf = [
        { if: cls("secondary_ingot"), then: { required: ["recycled_share", "post_consumer_share"] } },
        { if: cls("primary_ingot"), then: { required: ["source_smelter_id"] } },
      ];
    }
    out[s.key] = { type: "array", items: row, ...(s.required === "yes" ? { minItems: 1 } : {}), ...(s.singleRow ? { maxItems: 1 } : {}) };
  }
  return out;
}

/** The grids' data rows as JSON objects (header → column key, blank cells left out), per sheet key. */
function rowObjects(grids) {
  const { TEMPLATE_SHEETS, HEADER_ROW } = lib("src/core/template/spec.js");
  const out = {};
  for (const s of TEMPLATE_SHEETS) {
    const g = grids.sheets.find((x) => x.name === s.name);
    if (!g) continue;
    const keys = s.columns.map((c) => c.key);
    const list = [];
    for (let r = HEADER_ROW + 1; r < g.values.length; r++) {
      const cells = g.values[r];
      const o = {};
      for (let c = 0; c < keys.length; c++) {
        const v = cells[c];
        if (v !== null && v !== undefined && v !== "") o[keys[c]] = v;
      }
      list.push(o);
    }
    out[s.key] = list;
  }
  return out;
}

function compileAjv() {
  const Ajv = require("ajv");
  const addFormats = require("ajv-formats");
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv, ["email"]);
  const validators = {};
  for (const [key, schema] of Object.entries(schemas())) validators[key] = ajv.compile(schema);
  return validators;
}

/** Every sheet's rows through its compiled validator; returns the number of schema errors. */
function ajvCheck(validators, objects) {
  let errors = 0;
  for (const [key, v] of Object.entries(validators)) {
    const rows = objects[key];
    if (rows === undefined) continue;
    if (!v(rows)) errors += v.errors.length;
  }
  return errors;
}

function countRows(objects) {
  return Object.values(objects).reduce((n, l) => n + l.length, 0);
}

/**
 * validateTemplate against ajv at `rows` metal-input rows (the other sheets are small), medians of
 * `runs` interleaved runs; the peak RSS of one validation, measured alone after the runs.
 */
async function run({ rows = 100_000, runs = 5 } = {}) {
  const { validateTemplate } = lib("src/core/template/validate.js");
  const grids = toGrids(templateRows(rows));
  const objects = rowObjects(grids);
  const validators = compileAjv();
  const check = validateTemplate(grids);
  if (check.errors !== 0) throw new Error(`bench: the benchmark workbook has ${check.errors} validation errors: ${JSON.stringify(check.findings.find((f) => f.severity === "error"))}`);
  const schemaErrors = ajvCheck(validators, objects);
  if (schemaErrors !== 0) throw new Error(`bench: ajv finds ${schemaErrors} schema errors in the benchmark rows: ${JSON.stringify(Object.values(validators).find((v) => v.errors)?.errors?.[0])}`);
  const t = await interleave({
    subject: () => validateTemplate(grids),
    baseline: () => ajvCheck(validators, objects),
    runs,
    warmup: 1,
    collect: true,
  });
  // The ajv route from the same input as ours: the grids turned into row objects, then checked.
  const fromGrids = await interleave({
    subject: () => validateTemplate(grids),
    baseline: () => ajvCheck(validators, rowObjects(grids)),
    runs,
    warmup: 1,
    collect: true,
  });
  gc();
  const mem = await peakRss(() => validateTemplate(grids));
  const totalRows = countRows(objects);
  return {
    rows,
    totalRows,
    ms: t.subject,
    ajvMs: t.baseline,
    ajvFromGridsMs: fromGrids.baseline,
    msAgainstFromGrids: fromGrids.subject,
    rowsPerSec: (totalRows / t.subject) * 1000,
    ajvRowsPerSec: (totalRows / t.baseline) * 1000,
    peakRssDelta: mem.delta,
    peakRss: mem.peak,
    warnings: check.warnings,
    findings: check.findings.length,
    subjectRuns: t.subjectRuns,
    baselineRuns: t.baselineRuns,
  };
}

/** µs per row of validateTemplate at each size (median of `runs`), for the linear-growth check. */
async function scaling({ sizes = [10_000, 100_000, 1_000_000], runs = 3 } = {}) {
  const { validateTemplate } = lib("src/core/template/validate.js");
  const out = [];
  for (const n of sizes) {
    let grids = toGrids(templateRows(n));
    const total = grids.sheets.reduce((k, g) => k + g.values.length - 3, 0);
    validateTemplate(grids); // warm-up
    const times = [];
    for (let i = 0; i < runs; i++) {
      gc();
      const t = performance.now();
      validateTemplate(grids);
      times.push(performance.now() - t);
    }
    grids = null;
    const ms = median(times);
    out.push({ rows: n, totalRows: total, ms, usPerRow: (ms * 1000) / total, runs: times });
  }
  return out;
}

module.exports = { run, scaling, schemas, rowObjects, compileAjv, ajvCheck };
