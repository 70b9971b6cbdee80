#!/usr/bin/env node
/**
 * Writes the bundled sample supplier workbooks to examples/*.xlsx.
 *
 *   npm run build:cli && node scripts/make-examples.js [outDir]
 *
 * The workbooks are defined in src/cli/examples.ts (compiled to build/cli/examples.js): each is the
 * blank template (src/core/template/build.ts) with its data rows filled in. What each file contains,
 * where the figures come from and what the checks must find: examples/README.md. The test
 * test/integration/examples.test.ts fails when the committed files differ from these specs.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
let examples;
let writer;
try {
  examples = require(path.join(root, "build", "cli", "examples.js"));
  writer = require(path.join(root, "build", "xlsx", "write.js"));
} catch (e) {
  console.error(`Cannot load the compiled modules (${e.message}). Run "npm run build:cli" first.`);
  process.exit(1);
}

async function main() {
  const outDir = path.resolve(process.argv[2] || path.join(root, "examples"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const ex of examples.buildExampleSpecs()) {
    const file = path.join(outDir, ex.name);
    await writer.writeWorkbookFile(ex.spec, file);
    console.log(`wrote ${path.relative(process.cwd(), file)}: ${ex.description}`);
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
