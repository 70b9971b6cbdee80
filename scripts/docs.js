#!/usr/bin/env node
// Regenerates docs/TEMPLATE.md from the template spec and docs/SOURCES.md from the source register
// (both compiled into build/ by `npm run build:cli`).
"use strict";
const fs = require("fs");
const path = require("path");
const { templateMarkdown } = require("../build/core/template/docs.js");
const file = path.join(__dirname, "..", "docs", "TEMPLATE.md");
fs.writeFileSync(file, templateMarkdown() + "\n");
console.log(`wrote ${path.relative(process.cwd(), file)}`);
const { sourcesMarkdown } = require("../build/core/sources.js");
const sources = path.join(__dirname, "..", "docs", "SOURCES.md");
fs.writeFileSync(sources, sourcesMarkdown() + "\n");
console.log(`wrote ${path.relative(process.cwd(), sources)}`);
