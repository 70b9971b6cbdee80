// Item 4: Office.js round trips of the task pane's validate and export, counted against the fake
// Excel of the adapter's tests (test/excel/fake-excel.ts: office-addin-mock objects that queue
// calls until context.sync(), measure each sync's request and response bytes as JSON, and refuse
// either above 5 MB as Excel on the web does).
"use strict";
const { lib, now } = require("./common");
const { templateRows, toGrids } = require("./data");

const LIMIT = 5 * 1024 * 1024;

function stats(fake, ms) {
  const log = fake.log;
  return {
    syncs: fake.syncs,
    maxRequest: Math.max(0, ...log.map((s) => s.requestBytes)),
    maxResponse: Math.max(0, ...log.map((s) => s.responseBytes)),
    totalRequest: log.reduce((n, s) => n + s.requestBytes, 0),
    totalResponse: log.reduce((n, s) => n + s.responseBytes, 0),
    ms,
  };
}

/**
 * The least syncs any client could use for the same bytes: each sync carries at most 5 MB each
 * way, so a workbook whose values weigh B bytes needs at least ceil(B / 5 MB) syncs to cross.
 */
function floorSyncs(s) {
  return Math.max(Math.ceil(s.totalRequest / LIMIT), Math.ceil(s.totalResponse / LIMIT));
}

/** validate and exportReport, each in a fresh fake workbook holding the template with `rows` metal-input rows. */
async function run({ sizes = [100, 10_000, 100_000] } = {}) {
  const { FakeExcel } = lib("test/excel/fake-excel.js");
  const excel = lib("src/excel/index.js");
  const out = [];
  for (const rows of sizes) {
    const grids = toGrids(templateRows(rows));
    const fresh = () => {
      const fake = new FakeExcel({ workbookName: "Supplier.xlsx" });
      fake.install();
      for (const g of grids.sheets) fake.addSheet(g.name, g.values);
      return fake;
    };
    let fake = fresh();
    let t = now();
    const v = await excel.validate();
    const validate = stats(fake, now() - t);
    if (v.errors !== 0) throw new Error(`bench: validate found ${v.errors} errors`);
    if (fake.violations.length) throw new Error(`bench: Office.js misuse in validate: ${fake.violations[0]}`);
    FakeExcel.uninstall();

    fake = fresh();
    t = now();
    const r = await excel.exportReport({ version: "bench", now: () => new Date("2026-01-01T00:00:00Z") });
    const exp = stats(fake, now() - t);
    if (fake.violations.length) throw new Error(`bench: Office.js misuse in exportReport: ${fake.violations[0]}`);
    exp.sheets = r.placed.length;
    FakeExcel.uninstall();
    out.push({ rows, validate: { ...validate, floor: floorSyncs(validate) }, exportReport: { ...exp, floor: floorSyncs(exp) } });
  }
  return out;
}

module.exports = { run, LIMIT };
