// Item 3: the command line end to end (read .xlsx → validate → report → write .xlsx) on a supplier
// file of N metal-input rows, against exceljs reading and writing the same file alone. Each run is
// a fresh Node process (scripts/bench/child.js), so start-up, module loading and the peak resident
// memory (the child's own maxRSS) are counted for both alike.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { lib, median } = require("./common");
const { templateRows, toSpec } = require("./data");

const CHILD = path.join(__dirname, "child.js");

/** Runs one child and returns its wall time (ms, measured in the parent) and what it printed as JSON. */
function child(args) {
  const t = performance.now();
  const out = execFileSync(process.execPath, [CHILD, ...args], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - t;
  return { ms, ...JSON.parse(out.trim().split("\n").pop()) };
}

/** Writes the benchmark supplier workbook (the bilingual template, filled) and returns its path. */
async function supplierFile(rows, dir) {
  const { writeWorkbookFile } = lib("src/xlsx/write.js");
  const file = path.join(dir, `supplier-${rows}.xlsx`);
  await writeWorkbookFile(toSpec(templateRows(rows)), file);
  return file;
}

/** `runs` interleaved pairs (report, then exceljs), after one untimed pair to warm the disk cache. */
async function run({ rows = 100_000, runs = 3 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alutrace-bench-"));
  try {
    const input = await supplierFile(rows, dir);
    const report = path.join(dir, "report.xlsx");
    const copy = path.join(dir, "exceljs-copy.xlsx");
    const a = [];
    const b = [];
    for (let i = 0; i <= runs; i++) {
      const x = child(["report", input, report]);
      const y = child(["exceljs", input, copy]);
      if (x.exitCode !== 0) throw new Error(`bench: alutrace report exited ${x.exitCode}: ${x.stderr}`);
      if (i > 0) {
        a.push(x);
        b.push(y);
      }
    }
    const med = (xs, k) => median(xs.map((x) => x[k]));
    return {
      rows,
      inputBytes: fs.statSync(input).size,
      reportBytes: fs.statSync(report).size,
      copyBytes: fs.statSync(copy).size,
      ms: med(a, "ms"),
      exceljsMs: med(b, "ms"),
      maxRss: med(a, "maxRss"),
      exceljsMaxRss: med(b, "maxRss"),
      runs: a.map((x) => x.ms),
      baselineRuns: b.map((x) => x.ms),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run, supplierFile };
