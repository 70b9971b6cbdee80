// Item 1: ALU custom functions over Excel-sized ranges, against (a) a hand-written typed-array loop
// over the same Excel-shaped arguments and (b) HyperFormula evaluating the equivalent native formula.
"use strict";
const { lib, interleave, rng } = require("./common");

const EXCEL_ROWS = 1_048_576;
const CLASSES = ["primary_ingot", "secondary_ingot", "pre_consumer_scrap_external", "post_consumer_scrap", "pre_consumer_scrap_internal_cross_process", "run_around_scrap", "alloying_element"];
const OUTPUT_T = 1_000_000;

/**
 * Excel-shaped arguments as a custom function receives them: one array per row ([[v], [v], …]),
 * `rows` rows of which the first `used` hold data and the rest are blank (null), as for A:A.
 */
function args(rows, used) {
  const r = rng(7);
  const masses = new Array(rows);
  const classes = new Array(rows);
  const ratios = new Array(rows);
  const recycled = new Array(rows);
  const post = new Array(rows);
  for (let i = 0; i < rows; i++) {
    if (i < used) {
      const c = CLASSES[Math.floor(r() * CLASSES.length)];
      masses[i] = [Math.round((5 + r() * 45) * 1000) / 1000];
      classes[i] = [c];
      ratios[i] = [Math.round((0.8 + r() * 0.8) * 100) / 100];
      recycled[i] = [c === "secondary_ingot" ? 0.8 : null];
      post[i] = [c === "secondary_ingot" ? 0.6 : null];
    } else {
      masses[i] = [null];
      classes[i] = [null];
      ratios[i] = [null];
      recycled[i] = [null];
      post[i] = [null];
    }
  }
  return { masses, classes, ratios, recycled, post };
}

// ---- Baselines: the same arithmetic, hand-written over typed arrays, no checks, no messages.

const KIND = new Map([
  ["primary_ingot", 0],
  ["primary_liquid", 0],
  ["alloying_element", 0],
  ["master_alloy", 0],
  ["pre_consumer_scrap_internal_cross_process", 0],
  ["pre_consumer_scrap_external", 1],
  ["post_consumer_scrap", 2],
  ["secondary_ingot", 3],
  ["run_around_scrap", 4],
]);

/** RECYCLED_SHARE by hand: copy the columns into typed arrays, then one accumulation loop. */
function recycledShareLoop(masses, classes, recycled, post) {
  const n = masses.length;
  const m = new Float64Array(n);
  const k = new Uint8Array(n);
  const s = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = classes[i][0];
    if (c === null) continue;
    m[i] = masses[i][0];
    k[i] = KIND.get(c);
    s[i] = recycled[i][0] ?? 0;
    p[i] = post[i][0] ?? 0;
  }
  let pre = 0;
  let pc = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const x = m[i];
    switch (k[i]) {
      case 1:
        pre += x;
        den += x;
        break;
      case 2:
        pc += x;
        den += x;
        break;
      case 3:
        pc += x * s[i] * p[i];
        pre += x * s[i] * (1 - p[i]);
        den += x;
        break;
      case 4:
        break;
      default:
        den += x;
    }
  }
  return (pre + pc) / den;
}

/** REDMUD_INTENSITY by hand: Σ mass × ratio × 1.928 / output. */
function redMudIntensityLoop(masses, ratios, out) {
  const n = masses.length;
  const m = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = masses[i][0];
    if (x === null) continue;
    m[i] = x;
    r[i] = ratios[i][0];
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += m[i] * (r[i] * 1.928);
  return s / out;
}

/** Item 1a: each function against its loop, full column and whole column with data ending early. */
async function run({ rows = EXCEL_ROWS, used = EXCEL_ROWS, runs = 7 }) {
  const F = lib("src/functions/functions.js");
  const a = args(rows, used);
  const out = [[OUTPUT_T]];
  const cases = {
    RECYCLED_SHARE: {
      subject: () => F.RECYCLED_SHARE(a.masses, a.classes, null, null, a.recycled, a.post),
      baseline: () => recycledShareLoop(a.masses, a.classes, a.recycled, a.post),
    },
    REDMUD_INTENSITY: {
      subject: () => F.REDMUD_INTENSITY(a.masses, a.ratios, out),
      baseline: () => redMudIntensityLoop(a.masses, a.ratios, OUTPUT_T),
    },
  };
  const result = {};
  for (const [name, c] of Object.entries(cases)) {
    const x = c.subject();
    const y = c.baseline();
    if (Math.abs(x - y) > 1e-9 * Math.abs(y)) throw new Error(`${name}: function gives ${x}, loop gives ${y}`);
    const t = await interleave({ subject: c.subject, baseline: c.baseline, runs, warmup: 2 });
    result[name] = { rows, used, ms: t.subject, loopMs: t.baseline, value: x };
  }
  return result;
}

/**
 * Item 1b: HyperFormula with the same data in columns A (mass), B (class or ratio), C, D (shares),
 * evaluating the native formula. Reported: the first evaluation (builds the range dependencies)
 * and the median of `runs` recalculations forced by changing one input cell.
 */
async function runHyperFormula({ fn, rows = EXCEL_ROWS, runs = 3 }) {
  const { HyperFormula } = require("hyperformula");
  const a = args(rows, rows);
  const data = new Array(rows);
  for (let i = 0; i < rows; i++) {
    data[i] = fn === "RECYCLED_SHARE" ? [a.masses[i][0], a.classes[i][0], a.recycled[i][0], a.post[i][0]] : [a.masses[i][0], a.ratios[i][0]];
  }
  const N = rows;
  const formula =
    fn === "RECYCLED_SHARE"
      ? `=(SUMIFS(A1:A${N},B1:B${N},"pre_consumer_scrap_external")+SUMIFS(A1:A${N},B1:B${N},"post_consumer_scrap")+SUMPRODUCT(A1:A${N},C1:C${N}))/(SUM(A1:A${N})-SUMIFS(A1:A${N},B1:B${N},"run_around_scrap"))`
      : `=SUMPRODUCT(A1:A${N},B1:B${N})*1.928/${OUTPUT_T}`;
  let t = performance.now();
  const hf = HyperFormula.buildFromArray(data, { licenseKey: "gpl-v3", maxRows: EXCEL_ROWS, maxColumns: 16 });
  const buildMs = performance.now() - t;
  const cell = { sheet: 0, col: 6, row: 0 };
  t = performance.now();
  hf.setCellContents(cell, [[formula]]);
  const value = hf.getCellValue(cell);
  const firstMs = performance.now() - t;
  const recalc = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    hf.setCellContents({ sheet: 0, col: 0, row: 1 + i }, [[a.masses[1 + i][0] + 1]]);
    hf.getCellValue(cell);
    recalc.push(performance.now() - t);
  }
  recalc.sort((x, y) => x - y);
  return { fn, rows, buildMs, firstMs, recalcMs: recalc[recalc.length >> 1], value: typeof value === "number" ? value : String(value && value.value) };
}

module.exports = { run, runHyperFormula, args, recycledShareLoop, redMudIntensityLoop, EXCEL_ROWS };
