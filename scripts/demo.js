#!/usr/bin/env node
// The main job on the bundled samples: template → validate → report, with a short summary.
// Runs the compiled command (build/cli) exactly as `npx alutrace` would; writes into out/demo/.
"use strict";
const fs = require("fs");
const path = require("path");
const { main } = require("../build/cli/main.js");

const root = path.join(__dirname, "..");
const outDir = path.join(root, "out", "demo");
const rel = (p) => path.relative(process.cwd(), p) || ".";

async function run(args) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  console.log("AluTrace demo: the bundled sample supplier workbooks (nothing leaves this machine)\n");
  for (const lang of ["bilingual", "en", "zh-CN"]) {
    const file = path.join(outDir, `template-${lang}.xlsx`);
    const r = await run(["template", "--lang", lang, "-o", file, "--force"]);
    if (r.code !== 0) throw new Error(r.stderr);
    console.log(`template  ${rel(file)}`);
  }
  const samples = fs.readdirSync(path.join(root, "examples")).filter((f) => f.endsWith(".xlsx")).sort();
  if (samples.length === 0) throw new Error("no sample workbooks in examples/");
  let failures = 0;
  for (const name of samples) {
    const file = path.join(root, "examples", name);
    const v = await run(["validate", file]);
    const head = v.stdout.split("\n")[0];
    console.log(`\nvalidate  examples/${name}: exit ${v.code}: ${head.slice(file.length + 2)}`);
    const lines = v.stdout.split("\n").slice(1).filter((l) => /\b(error|warning)\b/.test(l));
    for (const l of lines.slice(0, 6)) console.log(`          ${l}`);
    if (lines.length > 6) console.log(`          … ${lines.length - 6} more (alutrace validate examples/${name})`);
    if (v.code === 2) failures++;
    if (v.code !== 0) continue;
    const out = path.join(outDir, name.replace(/\.xlsx$/, "-report.xlsx"));
    const r = await run(["report", file, "-o", out, "--force"]);
    if (r.code !== 0) {
      failures++;
      console.log(r.stderr);
      continue;
    }
    console.log(`report    ${rel(out)}`);
    for (const l of r.stdout.split("\n").filter((x) => x.startsWith("  "))) console.log(`        ${l}`);
  }
  console.log(failures ? `\n${failures} sample(s) could not be processed` : "\nDone. Open the report workbooks in Excel or LibreOffice; every figure is a live formula.");
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e.stack || e);
  process.exit(2);
});
