// Item 5: bundle sizes of the production build (minified), raw and gzip, and what the task pane
// page loads at start (the scripts taskpane.html names; office.js comes from Microsoft's CDN and is
// not ours to count). Runs `webpack --mode production` into dist/, as `npm run build` does.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { ROOT } = require("./common");

const DIST = path.join(ROOT, "dist");

function build() {
  const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const t = performance.now();
  execFileSync(process.execPath, [cli, "--mode", "production"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  return performance.now() - t;
}

/** The page's own scripts, in load order (the query string is the cache-busting hash). */
function firstLoadScripts(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)) {
    const src = m[1].split("?")[0];
    if (!/^[a-z]+:\/\//i.test(src)) out.push(src);
  }
  return out;
}

function run() {
  const buildMs = build();
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const first = new Set(firstLoadScripts(html));
  const files = fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((file) => {
      const buf = fs.readFileSync(path.join(DIST, file));
      return { file, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, firstLoad: first.has(file) };
    });
  for (const f of first) if (!files.some((x) => x.file === f)) throw new Error(`bench: taskpane.html loads ${f}, which dist/ does not hold`);
  const functions = files.find((f) => f.file === "functions.js");
  if (!functions) throw new Error("bench: dist/functions.js missing");
  const firstLoad = files.filter((f) => f.firstLoad);
  return {
    buildMs,
    files,
    functions,
    firstLoadRaw: firstLoad.reduce((n, f) => n + f.raw, 0),
    firstLoadGzip: firstLoad.reduce((n, f) => n + f.gzip, 0),
    onDemandGzip: files.filter((f) => !f.firstLoad).reduce((n, f) => n + f.gzip, 0),
  };
}

module.exports = { run, firstLoadScripts };
