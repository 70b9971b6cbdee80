#!/usr/bin/env node
// Regenerates test/build/functions.golden.json from the JSDoc of src/functions/functions.ts
// (the same generator webpack's CustomFunctionsMetadataPlugin uses). Review the diff before
// committing: a changed id or parameter breaks existing workbooks.
"use strict";
const fs = require("fs");
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const ROOT = path.join(__dirname, "..");
const INPUT = path.join(ROOT, "src", "functions", "functions.ts");
const GOLDEN = path.join(ROOT, "test", "build", "functions.golden.json");

async function main() {
  if (!fs.existsSync(INPUT)) throw new Error(`${path.relative(ROOT, INPUT)} is missing`);
  const result = await generateCustomFunctionsMetadata(INPUT, false);
  if (result.errors.length > 0) {
    for (const e of result.errors) process.stderr.write(`${e}\n`);
    throw new Error(`${result.errors.length} metadata error(s); golden file not written`);
  }
  if (!result.metadataJson) throw new Error("no @customfunction found; golden file not written");
  const text = `${JSON.stringify(JSON.parse(result.metadataJson), null, 2)}\n`;
  const before = fs.existsSync(GOLDEN) ? fs.readFileSync(GOLDEN, "utf8") : null;
  fs.writeFileSync(GOLDEN, text);
  const count = JSON.parse(text).functions.length;
  process.stdout.write(
    `${path.relative(ROOT, GOLDEN)}: ${before === text ? "unchanged" : before === null ? "created" : "updated"} (${count} functions)\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`metadata:update: ${err.message}\n`);
  process.exit(1);
});
