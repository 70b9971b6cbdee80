#!/usr/bin/env node
// Thin launcher: the command is compiled from src/cli by `npm run build:cli` (run on install by "prepare").
"use strict";
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "build", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("alutrace: the command is not built yet. Run `npm run build:cli` (or `npm ci`) in the project folder.\n");
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`alutrace: unexpected failure: ${err && err.stack ? err.stack : err}\n`);
    process.exit(2);
  },
);
