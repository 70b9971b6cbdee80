// AluTrace web build: custom functions + task pane in one shared-runtime page (dist/taskpane.html).
//   npm run build                    production, office.js from Microsoft's CDN
//   OFFICE_JS=local npm run build     (or `npm run build:local`) office.js copied from the npm package,
//                                    for offline browser tests only
//   ADDIN_BASE_URL=https://host/path/ npm run build   manifest URLs point at the deployed site
//   npm run dev-server               https://localhost:3000 for sideloading (certs from office-addin-dev-certs)
// Type checking is `npm run typecheck`; ts-loader only transpiles.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { rewriteManifest } = require("./scripts/addin-url");

const ROOT = __dirname;
const DIST = path.join(ROOT, "dist");
const FUNCTIONS_TS = path.join(ROOT, "src", "functions", "functions.ts");
const TASKPANE_TSX = path.join(ROOT, "src", "taskpane", "index.tsx");
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
// Files a page needs for Office.onReady to resolve with the npm copy (trial notes §2.6).
const OFFICE_JS_LOCAL_FILES = ["office.js", "o15apptofilemappingtable.js", "en-us", "zh-cn"];
const DEV_PORT = 3000;
const FIRST_LOAD_BUDGET_GZIP = 250 * 1024; // bytes, task pane page's initial scripts

/** Reads the https certificates that `npx office-addin-dev-certs install` creates. */
function devServerHttps() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) {
    console.warn(
      `\n[alutrace] No certificates in ${dir}: serving plain http on port ${DEV_PORT}.\n` +
        "  Office only loads add-ins over https. On Windows/Mac run `npx office-addin-dev-certs install`\n" +
        "  once, then restart the dev server.\n",
    );
    return { type: "http" };
  }
  const read = (f) => fs.readFileSync(path.join(dir, f));
  return { type: "https", options: { key: read(files.key), cert: read(files.cert), ca: read(files.ca) } };
}

/** Prints raw and gzip sizes of emitted scripts; fails a production build over the first-load budget. */
class BundleSizePlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("BundleSizePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "BundleSizePlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          const initial = new Set();
          for (const name of this.options.firstLoadEntries) {
            const ep = compilation.entrypoints.get(name);
            if (ep) for (const file of ep.getFiles()) initial.add(file);
          }
          const files = new Set();
          for (const chunk of compilation.chunks) for (const file of chunk.files) if (file.endsWith(".js")) files.add(file);
          const rows = [...files].sort().map((file) => {
            const buf = Buffer.from(assets[file].source());
            return { file, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, first: initial.has(file) };
          });
          const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
          const lines = rows.map((r) => `  ${r.file.padEnd(34)}${kib(r.raw)}${kib(r.gzip)}  ${r.first ? "first load" : "on demand"}`);
          const firstGzip = rows.filter((r) => r.first).reduce((sum, r) => sum + r.gzip, 0);
          console.log(
            `[alutrace] bundle sizes (raw / gzip -9):\n${lines.join("\n")}\n` +
              `  first load of taskpane.html: ${kib(firstGzip).trim()} gzip (budget ${kib(this.options.budget).trim()})`,
          );
          if (this.options.enforce && firstGzip > this.options.budget) {
            compilation.errors.push(
              new webpack.WebpackError(
                `First-load scripts are ${firstGzip} B gzip, over the ${this.options.budget} B budget: ` +
                  "move code that is not needed at start behind import() / React.lazy.",
              ),
            );
          }
        },
      );
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const officeJsLocal = (env.officeJs || process.env.OFFICE_JS || "cdn") === "local";
  const baseUrl = serving ? undefined : process.env.ADDIN_BASE_URL || undefined;

  if (!fs.existsSync(FUNCTIONS_TS)) {
    throw new Error(`[alutrace] ${path.relative(ROOT, FUNCTIONS_TS)} is missing: the custom functions entry is required.`);
  }
  if (officeJsLocal) {
    for (const f of OFFICE_JS_LOCAL_FILES) {
      if (!fs.existsSync(path.join(OFFICE_JS_DIR, f))) {
        throw new Error(`[alutrace] OFFICE_JS=local needs ${path.join(OFFICE_JS_DIR, f)} (run npm ci).`);
      }
    }
  }

  const pkg = require("./package.json");
  const copyPatterns = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    { from: "src/static/support.html", to: "support.html" },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => rewriteManifest(content.toString("utf8"), baseUrl),
    },
  ];
  if (officeJsLocal) {
    for (const f of OFFICE_JS_LOCAL_FILES) {
      const isDir = fs.statSync(path.join(OFFICE_JS_DIR, f)).isDirectory();
      copyPatterns.push({
        from: path.join(OFFICE_JS_DIR, f),
        to: f,
        info: { minimized: true }, // ship Microsoft's files as they are (no Terser pass)
        // Locale folders: only the runtime strings, not the .debug or Outlook copies.
        ...(isDir ? { globOptions: { ignore: ["**/*.debug.js", "**/outlook_*"] } } : {}),
      });
    }
  }

  return {
    mode: production ? "production" : "development",
    context: ROOT,
    target: ["web", "es2020"],
    devtool: production ? false : "source-map",
    entry: {
      functions: FUNCTIONS_TS,
      taskpane: TASKPANE_TSX,
    },
    output: {
      path: DIST,
      filename: "[name].js", // fixed names: the manifest points at functions.js
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              configFile: path.join(ROOT, "tsconfig.json"),
              // ES modules for tree shaking; ES2020 for the Office webviews (WebView2, Safari 14+).
              compilerOptions: { module: "esnext", moduleResolution: "bundler", target: "es2020", sourceMap: !production },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_TS, output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: path.join(ROOT, "src", "taskpane", "taskpane.html"),
        // Shared runtime: one page runs the functions and the pane; functions first so that
        // CustomFunctions.associate happens before React starts.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        hash: production, // ?<hash> on script URLs: new deploys are not served stale bundles
        templateParameters: { officeJsUrl: officeJsLocal ? "office.js" : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
      new webpack.DefinePlugin({
        __ALUTRACE_BUILD__: JSON.stringify({
          version: pkg.version,
          // SOURCE_DATE_EPOCH (seconds) gives reproducible builds.
          time: new Date(process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) * 1000 : Date.now()).toISOString(),
          officeJs: officeJsLocal ? "local" : "cdn",
        }),
      }),
      new BundleSizePlugin({ firstLoadEntries: ["functions", "taskpane"], budget: FIRST_LOAD_BUDGET_GZIP, enforce: production }),
    ],
    optimization: {
      // Each entry keeps its own runtime: functions.js must also work alone (manifest <Script>).
      splitChunks: false,
    },
    performance: { hints: false }, // replaced by BundleSizePlugin's gzip budget
    infrastructureLogging: { level: "warn" },
    stats: production ? "errors-warnings" : "minimal",
    ...(serving
      ? {
          devServer: {
            port: DEV_PORT,
            server: devServerHttps(),
            headers: { "Access-Control-Allow-Origin": "*" },
            static: false,
            hot: false,
            liveReload: true,
            client: { overlay: { warnings: false, errors: true } },
          },
        }
      : {}),
  };
};
