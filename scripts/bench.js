#!/usr/bin/env node
// `npm run bench`: AluTrace measured against baselines in the same run (issue "Speed and scale").
// Prints the tables and writes docs/BENCHMARKS.md (or --out FILE). Not part of the tests: nothing
// here asserts a time. Every figure is a median of several runs, with its input size and its ratio
// to a baseline measured alongside it, so a slower or busier machine moves both alike.
//   node scripts/bench.js [--out FILE] [--only functions,validation,cli,office,bundle]
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");

// Forced GCs between timed phases and headroom for HyperFormula's 1M-row sheet need Node flags:
// re-run this script with them when they are missing.
if (typeof global.gc !== "function") {
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=12288", __filename, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status === null ? 1 : r.status);
}

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const OUT = path.resolve(ROOT, flag("--out") ?? path.join("docs", "BENCHMARKS.md"));
const ONLY = new Set((flag("--only") ?? "functions,validation,cli,office,bundle").split(","));

// ---- formatting

const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const mib = (b) => `${(b / 1048576).toFixed(0)} MiB`;
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const int = (n) => Math.round(n).toLocaleString("en-US");
const verdict = (ok) => (ok ? "met" : "**missed**");

function table(head, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

function machine() {
  const cpus = os.cpus();
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim();
    if (dirty) commit += " + uncommitted changes";
  } catch {
    /* not a git checkout */
  }
  return {
    cpu: `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

function log(s) {
  process.stderr.write(`[bench] ${s}\n`);
}

// ---- sections: each returns { md, targets: [{ what, ok }] }

async function functionsSection() {
  const F = require("./bench/functions");
  log("custom functions over 1,048,576 rows …");
  const full = await F.run({});
  log("whole column with 10,000 rows of data …");
  const early = await F.run({ used: 10_000 });
  const small = await F.run({ rows: 10_000, used: 10_000, runs: 21 });
  log("HyperFormula, the equivalent native formulas (1,048,576 rows; about a minute) …");
  const hf = {};
  for (const fn of ["RECYCLED_SHARE", "REDMUD_INTENSITY"]) {
    hf[fn] = await F.runHyperFormula({ fn });
    global.gc();
  }
  const targets = [];
  const rows = [];
  for (const fn of ["RECYCLED_SHARE", "REDMUD_INTENSITY"]) {
    const a = full[fn];
    const h = hf[fn];
    const rel = Math.abs(h.value - a.value) / Math.abs(a.value);
    if (!(rel < 1e-9)) throw new Error(`bench: HyperFormula gives ${h.value} for ${fn}, the function ${a.value}`);
    rows.push([`ALU.${fn}`, int(a.rows), ms(a.ms), ms(a.loopMs), ratio(a.ms, a.loopMs), ms(h.recalcMs), ms(h.firstMs), ratio(a.ms, h.recalcMs)]);
    targets.push({ what: `ALU.${fn} ≤ 2× the typed-array loop (1,048,576 rows)`, value: ratio(a.ms, a.loopMs), ok: a.ms <= 2 * a.loopMs });
    targets.push({ what: `ALU.${fn} faster than HyperFormula's native formula`, value: ratio(a.ms, h.recalcMs), ok: a.ms < h.recalcMs });
  }
  const earlyRows = ["RECYCLED_SHARE", "REDMUD_INTENSITY"].map((fn) => {
    const e = early[fn];
    const s = small[fn];
    const tailNs = ((e.ms - s.ms) * 1e6) / (e.rows - e.used);
    targets.push({ what: `ALU.${fn} on a whole column with data ending early ≤ 2× the loop over the same column`, value: ratio(e.ms, e.loopMs), ok: e.ms <= 2 * e.loopMs });
    return [`ALU.${fn}`, ms(s.ms), ms(e.ms), ms(e.loopMs), ratio(e.ms, e.loopMs), `${tailNs.toFixed(1)} ns`];
  });
  const md = [
    "## 1. Custom functions over Excel-sized ranges",
    "",
    "Arguments are Excel-shaped (one array per row), 1,048,576 rows (Excel's maximum), all of them holding data:",
    "masses, input classes (a mix of all nine classes) and, for secondary ingot, recycled and post-consumer shares;",
    "for the red mud intensity, masses and red mud ratios. Baselines: a hand-written loop that copies the same",
    "arguments into typed arrays and does the same arithmetic without any checks or messages; and HyperFormula",
    "evaluating the equivalent native formula (SUMIFS/SUMPRODUCT) over the same data — its recalculation after",
    "one input changed, and its first evaluation. Median of 7 interleaved runs (HyperFormula: 3).",
    "",
    table(["function", "rows", "ALU", "typed-array loop", "ALU ÷ loop", "HyperFormula recalc", "HyperFormula first", "ALU ÷ HyperFormula"], rows),
    "",
    "A whole-column argument (A:A) whose data ends early: 1,048,576 rows, the first 10,000 holding data, the rest",
    "blank (null), against the same 10,000 rows passed alone. The trailing blank rows are found by scanning back",
    "from the end without allocating; what remains is the price of visiting a blank row in each argument.",
    "",
    table(["function", "10,000 rows alone", "A:A with 10,000 used", "loop over the same A:A", "ALU ÷ loop", "per blank row"], earlyRows),
  ].join("\n");
  return { md, targets };
}

async function validationSection() {
  const V = require("./bench/validation");
  log("validation of 100,000 input rows against ajv …");
  const r = await V.run({ rows: 100_000, runs: 5 });
  global.gc();
  log("validation scaling 10,000 → 1,000,000 rows …");
  const sc = await V.scaling({ sizes: [10_000, 100_000, 1_000_000], runs: 3 });
  // Linear means no superlinear term: the cost per row at the largest size is no more than 1.5× the
  // cost at the smallest (a smaller one is fixed costs spread over more rows).
  const per = sc.map((x) => x.usPerRow);
  const growth = per[per.length - 1] / per[0];
  const targets = [
    { what: "validation of 100,000 rows ≤ 3× ajv", value: ratio(r.ms, r.ajvMs), ok: r.ms <= 3 * r.ajvMs },
    { what: "validation time linear in rows (µs per row at 1,000,000 ≤ 1.5× that at 10,000)", value: `${growth.toFixed(2)}×`, ok: growth <= 1.5 },
  ];
  const md = [
    "## 2. Validation of a filled template",
    "",
    `A valid bilingual template with ${int(r.rows)} metal-input rows (${int(r.totalRows)} rows over all sheets; about 1 in 200`,
    "masses typed as text and 1 in 500 with a unit word, each a warning), validated from in-memory grids by",
    "`validateTemplate` — every cell parsed, typed and checked, cross-row and cross-sheet rules, bilingual messages.",
    "Baseline: ajv (compiled JSON Schema, generated from the same template spec: types, bounds, code lists, required",
    "and conditional columns) checking the same rows as JSON objects. ajv does less (no cross-row rules, no",
    "messages naming cells, no normalisation), so the ratio is an upper bound on our overhead. Median of 5 interleaved runs,",
    "each after a full garbage collection: V8 then shrinks its young generation, so every run pays for the",
    "collections its allocations cause, as a fresh `alutrace validate` process does (without it, runs are ~1.5× faster).",
    "",
    table(
      ["rows", "validateTemplate", "rows/s", "ajv", "ajv rows/s", "validate ÷ ajv", "peak RSS growth", "findings"],
      [[int(r.totalRows), ms(r.ms), int(r.rowsPerSec), ms(r.ajvMs), int(r.ajvRowsPerSec), ratio(r.ms, r.ajvMs), mib(r.peakRssDelta), `${r.findings} (warnings)`]],
    ),
    "",
    "For scale, the ajv route from the same input as ours (the grids made into row objects, then checked), in a",
    `second interleaved series: validateTemplate ${ms(r.msAgainstFromGrids)}, grids → objects → ajv ${ms(r.ajvFromGridsMs)},`,
    `${ratio(r.msAgainstFromGrids, r.ajvFromGridsMs)}. The target above is judged on the strict baseline (ajv on ready-made objects).`,
    "",
    "Growth with size (median of 3 runs each):",
    "",
    table(["metal-input rows", "rows over all sheets", "time", "µs per row"], sc.map((x) => [int(x.rows), int(x.totalRows), ms(x.ms), x.usPerRow.toFixed(2)])),
  ].join("\n");
  return { md, targets };
}

async function cliSection() {
  const C = require("./bench/cli");
  log("command line end to end on 100,000 rows (fresh process per run; about two minutes) …");
  const r = await C.run({ rows: 100_000, runs: 3 });
  const targets = [{ what: "`alutrace report` end to end ≤ 1.5× exceljs reading and writing the file", value: ratio(r.ms, r.exceljsMs), ok: r.ms <= 1.5 * r.exceljsMs }];
  const md = [
    "## 3. Command line end to end",
    "",
    `\`alutrace report IN.xlsx -o OUT.xlsx\` on the supplier file of section 2 (${int(r.rows)} metal-input rows, ${mib(r.inputBytes)}`,
    "as .xlsx): read, validate, compute, build the report tabs (every figure a formula; the data tab restates each",
    `input row with 22 columns), write the supplier's sheets and the report (${mib(r.reportBytes)}). Baseline: exceljs`,
    "reading the same file and writing it back (nothing else). Each run is a fresh Node process, timed from outside;",
    "peak memory is the process's own maximum resident set. Median of 3 interleaved runs after one untimed pair.",
    "",
    table(
      ["rows", "alutrace report", "exceljs read + write", "report ÷ exceljs", "peak RSS report", "peak RSS exceljs"],
      [[int(r.rows), ms(r.ms), ms(r.exceljsMs), ratio(r.ms, r.exceljsMs), mib(r.maxRss), mib(r.exceljsMaxRss)]],
    ),
  ].join("\n");
  return { md, targets };
}

async function officeSection() {
  const O = require("./bench/office");
  log("Office.js round trips at 100, 10,000 and 100,000 rows …");
  const r = await O.run({ sizes: [100, 10_000, 100_000] });
  // Reads and writes go in separate syncs, so the least any client could do is the bytes each way
  // over the 5 MB limit. What is left over at the smallest size is the fixed part of the action.
  const floorOf = (s) => Math.ceil(s.totalRequest / O.LIMIT) + Math.ceil(s.totalResponse / O.LIMIT);
  const targets = [];
  const rows = [];
  const note = [];
  for (const action of ["validate", "exportReport"]) {
    const label = action === "validate" ? "validate" : "export report";
    const fixed = r[0][action].syncs - floorOf(r[0][action]);
    // Blocks are planned at 4.25 MiB of an upper-bound estimate, so each carries at least ~3.9 MiB:
    // at most 1.3 data syncs per 5 MB the data needs.
    const ok = r.every((x) => x[action].syncs <= fixed + Math.ceil(1.3 * floorOf(x[action])));
    const counts = r.map((x) => x[action].syncs).join(" / ");
    targets.push({ what: `${label}: syncs = a fixed ${fixed} plus only the data blocks the 5 MB limit forces (≤ 1.3 × the floor)`, value: `${counts} syncs at ${r.map((x) => int(x.rows)).join(" / ")} rows`, ok });
    note.push(`${label} ${fixed}`);
    for (const x of r) {
      const s = x[action];
      rows.push([int(x.rows), label, String(s.syncs), String(floorOf(s)), mib(s.totalRequest + s.totalResponse), kib(s.maxRequest), kib(s.maxResponse), ms(s.ms)]);
    }
  }
  const maxReq = Math.max(...r.map((x) => Math.max(x.validate.maxRequest, x.exportReport.maxRequest)));
  const maxRes = Math.max(...r.map((x) => Math.max(x.validate.maxResponse, x.exportReport.maxResponse)));
  targets.push({ what: "every request and response under 5 MB", value: `largest ${kib(Math.max(maxReq, maxRes))}`, ok: maxReq < O.LIMIT && maxRes < O.LIMIT });
  const md = [
    "## 4. Office.js round trips",
    "",
    "The task pane's Validate and Export actions (src/excel) run against the counting stand-in of the adapter's",
    "tests (test/excel/fake-excel.ts: office-addin-mock objects that queue calls until `context.sync()`, measure",
    "each sync's request and response as JSON, and refuse either above 5 MB as Excel on the web does) holding the",
    "template with N metal-input rows.",
    "",
    "A constant number of syncs at every size is not possible once the cells weigh more than one 5 MB payload:",
    "the 100,000-row export writes about 230 MB of formulas. “Floor” is the least number of syncs any client",
    "needs for the same bytes (request bytes and response bytes each over 5 MB, since reads and writes are",
    `separate). AluTrace needs a fixed number of syncs (${note.join("; ")}) plus its data blocks, which are`,
    "planned to carry about 4 MiB each.",
    "",
    table(["rows", "action", "context.sync calls", "floor", "bytes moved", "largest request", "largest response", "time (stand-in)"], rows),
  ].join("\n");
  return { md, targets };
}

async function bundleSection() {
  const B = require("./bench/bundle");
  log("production build for bundle sizes …");
  const r = B.run();
  const targets = [
    { what: "functions bundle ≤ 50 KB gzip", value: kib(r.functions.gzip), ok: r.functions.gzip <= 50 * 1024 },
    { what: "task pane first load ≤ 250 KB gzip", value: kib(r.firstLoadGzip), ok: r.firstLoadGzip <= 250 * 1024 },
  ];
  const md = [
    "## 5. Bundle sizes",
    "",
    "`webpack --mode production` (minified). gzip at level 9. The task pane page (shared runtime) loads",
    "functions.js and taskpane.js at start; the other chunks load when a panel needs them. office.js comes from",
    "Microsoft's CDN and is not counted.",
    "",
    table(["file", "minified", "gzip", "loaded"], r.files.map((f) => [f.file, kib(f.raw), kib(f.gzip), f.firstLoad ? "at start" : "on demand"])),
    "",
    `First load of taskpane.html: ${kib(r.firstLoadRaw)} minified, **${kib(r.firstLoadGzip)} gzip**; on demand: ${kib(r.onDemandGzip)} gzip.`,
  ].join("\n");
  return { md, targets };
}

async function main() {
  const t0 = performance.now();
  log("compiling src/ for the benchmark (tsconfig.bench.json) …");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.bench.json")], { cwd: ROOT, stdio: "inherit" });
  const info = machine();
  const sections = [];
  const all = { functions: functionsSection, validation: validationSection, cli: cliSection, office: officeSection, bundle: bundleSection };
  for (const [name, fn] of Object.entries(all)) {
    if (!ONLY.has(name)) continue;
    const t = performance.now();
    sections.push(await fn());
    global.gc();
    log(`${name}: ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const targets = sections.flatMap((s) => s.targets);
  const totalS = (performance.now() - t0) / 1000;
  const md = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench.js); do not edit by hand. Each figure is a median of several runs",
    "and stands beside a baseline measured in the same run on the same machine, so compare the ratios, not the",
    "milliseconds, across machines.",
    "",
    `Machine: ${info.cpu}, ${info.memory}, ${info.os}; Node ${info.node}. Commit ${info.commit}; run ${info.date}, ${totalS.toFixed(0)} s in all.`,
    "",
    "## Targets",
    "",
    table(["target", "measured", "verdict"], targets.map((x) => [x.what, x.value, verdict(x.ok)])),
    "",
    ...sections.map((s) => `${s.md}\n`),
  ].join("\n");
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, md);
  process.stdout.write(`${md}\n`);
  log(`wrote ${path.relative(process.cwd(), OUT)} in ${totalS.toFixed(0)} s; ${targets.filter((x) => !x.ok).length} of ${targets.length} targets missed`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
