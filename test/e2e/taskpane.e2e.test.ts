// End to end: the built task pane (dist/, with the offline office.js) in headless Debian Chromium,
// driven by playwright-core against a scripted Excel stand-in (test/e2e/excel-standin.js) that the
// page gets before any of its own scripts. Flow: insert template → fill it with the faulty sample's
// cells → validate → findings and counts match the Node validator → click a finding → the stand-in's
// selected cell is that finding's cell → highlight / clear restores fills exactly → findings sheet →
// export refused for faulty data → valid sample → export → report sheets listed and clickable →
// re-export replaces only AluTrace's tabs. Screenshots go to test-artifacts/ (gitignored).
//
// Build: `npm run build:local` once, skipped when dist/ is a local-office.js build newer than every
// input. Network: a Node http server on 127.0.0.1 (random port); any other request is aborted and
// fails the test. Without Chromium at /usr/bin/chromium (or $ALUTRACE_CHROMIUM) the suite is skipped
// locally and FAILS under CI (process.env.CI set).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { Cell } from "../../src/core/cells";
import { countBySeverity, type Finding } from "../../src/core/findings";
import { FIRST_DATA_ROW } from "../../src/core/template/spec";
import { validateTemplate } from "../../src/core/template/validate";
import { readWorkbook } from "../../src/xlsx/read";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const STANDIN = path.join(__dirname, "excel-standin.js");
const CHROMIUM = process.env.ALUTRACE_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
/**
 * The one request office.js itself makes to the internet, even outside Office: its ULS logger
 * (o15apptofilemappingtable.js) loads this telemetry frame 3 s after start. It is aborted like any
 * other non-local request; the test fails on anything else.
 */
const OFFICE_JS_TELEMETRY = /^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/telemetryservice\/telemetryproxy\.html$/;
const FAULTY = path.join(ROOT, "examples", "supplier-with-mistakes.xlsx");
const VALID = path.join(ROOT, "examples", "rolling-mill-valid.xlsx");

const haveChromium = fs.existsSync(CHROMIUM);
const underCI = Boolean(process.env.CI);
if (!haveChromium && !underCI) {
  console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set ALUTRACE_CHROMIUM). Under CI this suite fails instead.`);
}
const suite = haveChromium || underCI ? describe : describe.skip;

// ------------------------------------------------------------------ build (once, when stale)

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === "node_modules" || e.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

/** dist/ is a local-office.js build newer than every input of the web build. */
function distIsFresh(): boolean {
  const html = path.join(DIST, "taskpane.html");
  if (!fs.existsSync(html) || !fs.existsSync(path.join(DIST, "office.js"))) return false;
  if (!/src="office\.js"/.test(fs.readFileSync(html, "utf8"))) return false; // a CDN build
  const inputs = ["src", "assets", "manifest.xml", "webpack.config.js", "package.json", "tsconfig.json", path.join("scripts", "addin-url.js")];
  const newestInput = Math.max(...inputs.map((i) => newestMtime(path.join(ROOT, i))));
  return fs.statSync(html).mtimeMs > newestInput;
}

function ensureBuild(): void {
  if (distIsFresh()) return;
  const out = execFileSync("npm", ["run", "build:local"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
  const sizes = out.split("\n").filter((l) => /first load of taskpane\.html/.test(l));
  console.log(`[e2e] built dist/ with the local office.js${sizes.length ? `: ${sizes[0].trim()}` : ""}`);
}

// ------------------------------------------------------------------ static server on 127.0.0.1

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".css": "text/css",
};

function serve(root: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith("/")) rel += "taskpane.html";
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" }).end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// ------------------------------------------------------------------ helpers

/**
 * The data rows of the template sheets of a sample workbook, for seeding the stand-in: values and
 * number formats as the .xlsx reader sees them ("General" where it reports none), so the Office
 * adapter reads the same cells the Node validator read — e.g. the planted "45 in a share cell whose
 * percent format was removed" stays a General 45.
 */
async function sampleData(file: string): Promise<{ sheet: string; rows: Cell[][]; formats: string[][] }[]> {
  const wb = await readWorkbook(fs.readFileSync(file));
  return wb.sheets
    .filter((g) => /^\d\d_/.test(g.name) && g.name !== "00_Instructions")
    .map((g) => {
      const rows = g.values.slice(FIRST_DATA_ROW).map((r) => [...r]);
      const formats = rows.map((r, i) => r.map((_, c) => g.numberFormats?.[FIRST_DATA_ROW + i]?.[c] ?? "General"));
      return { sheet: g.name, rows, formats };
    })
    .filter((s) => s.rows.length > 0);
}

async function expectedFindings(file: string): Promise<Finding[]> {
  return validateTemplate(await readWorkbook(fs.readFileSync(file))).findings;
}

async function poll<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

/** Waits until a button is enabled (no aria-disabled). */
async function waitEnabled(page: Page, name: string): Promise<ReturnType<Page["getByRole"]>> {
  const button = page.getByRole("button", { name, exact: true });
  await button.waitFor();
  await poll(`button "${name}" enabled`, () => button.getAttribute("aria-disabled"), (v) => v === null);
  return button;
}

async function clickEnabled(page: Page, name: string): Promise<void> {
  await (await waitEnabled(page, name)).click();
}

interface StandinCell {
  value: unknown;
  fill: { color: string } | null;
}

// ------------------------------------------------------------------ the suite

suite("task pane in Chromium against the Excel stand-in", () => {
  let server: http.Server | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base = "";
  let userDataDir = "";
  const external: string[] = [];
  const pageErrors: string[] = [];
  let faultyExpected: Finding[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required for the e2e test under CI but is missing at ${CHROMIUM} (apt-get install chromium).`);
    ensureBuild();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    faultyExpected = await expectedFindings(FAULTY);
    server = await serve(DIST);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "alutrace-e2e-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 380, height: 1000 },
      locale: "en-US",
      acceptDownloads: true,
    });
    // Only 127.0.0.1: anything else is aborted and reported.
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      external.push(url.href);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.addInitScript({ content: `window.__ALUTRACE_STANDIN_CONFIG = ${JSON.stringify({ displayLanguage: "en-US", excelApi: "1.12" })};` });
    await page.addInitScript({ path: STANDIN });
    await page.goto(`${base}/taskpane.html`);
  }, 360_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  const standin = <T>(fn: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(([f, a]) => (window as unknown as { __alutraceExcel: Record<string, (...x: unknown[]) => unknown> }).__alutraceExcel[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

  test("office.js loads offline, Office.onReady reports Excel, and the Excel adapter gets ready", async () => {
    await waitEnabled(page, "Insert template").catch(async (e) => {
      await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-not-ready.png") });
      throw e;
    });
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
    expect(await page.getByText("Not running in Excel").count()).toBe(0);
  });

  test("insert template (bilingual) adds the template sheets and lists them", async () => {
    expect(await page.getByRole("radio", { name: "English", exact: true }).isChecked()).toBe(true); // from Office's display language
    await clickEnabled(page, "Insert template");
    await page.getByRole("list", { name: "Template sheets added:" }).waitFor();
    const listed = await page.getByRole("list", { name: "Template sheets added:" }).getByRole("button").allTextContents();
    const sheets = await standin<{ name: string; visibility: string }[]>("sheets");
    expect(listed).toContain("03_Metal_Inputs");
    for (const name of listed) expect(sheets.map((s) => s.name)).toContain(name);
    // The pane opened in English (Office display language en-US): an English template. Now bilingual,
    // on a fresh workbook, the way the faulty sample was made.
    await standin("reset");
    await page.getByRole("radio", { name: "Bilingual (English / 中文)" }).check();
    await clickEnabled(page, "Insert template");
    await poll("template inserted", () => standin<{ name: string }[]>("sheets"), (s) => s.some((x) => x.name === "07_Outputs"));
    const after = await standin<{ name: string; visibility: string }[]>("sheets");
    expect(after.find((s) => s.name === "_AluTrace_Lists")?.visibility).toBe("VeryHidden");
    expect(await standin<{ value: unknown }>("getCell", "03_Metal_Inputs", "C3")).toMatchObject({ value: "Input class / 投入类别" });
  });

  test("validate the filled faulty sample: findings grouped by sheet with the Node validator's counts", async () => {
    for (const { sheet, rows, formats } of await sampleData(FAULTY)) await standin("setCells", sheet, `A${FIRST_DATA_ROW + 1}`, rows, formats);
    await standin("setFill", "03_Metal_Inputs", "D7", { color: "#FFFF00" }); // the user's own fill
    await page.getByRole("tab", { name: "Validate" }).click();
    await clickEnabled(page, "Validate");
    const summary = page.getByRole("status", { name: "Findings summary" });
    await summary.waitFor();
    // The same findings as the Node validator on the .xlsx file: the Office adapter's grids match.
    const shown = await page.$$eval("li[data-code]", (items) =>
      items.map((li) => `${li.getAttribute("data-sheet")}!${li.getAttribute("data-cell")} ${li.getAttribute("data-severity")} ${li.getAttribute("data-code")}`),
    );
    expect(shown.sort()).toEqual(faultyExpected.map((f) => `${f.sheet}!${f.cell} ${f.severity} ${f.code}`).sort());
    const c = countBySeverity(faultyExpected);
    const text = await summary.textContent();
    expect(text).toContain(`${c.error} error(s)`);
    expect(text).toContain(`${c.warning} warning(s)`);
    expect(text).toContain(`${c.info} note(s)`);
    // One accordion section per sheet with findings.
    const sheetsWithFindings = [...new Set(faultyExpected.map((f) => f.sheet))];
    for (const s of sheetsWithFindings) expect(await page.getByRole("region", { name: new RegExp(`^${s}`) }).count()).toBe(1);
  });

  test("clicking a finding selects its cell in Excel (screenshot)", async () => {
    const target = faultyExpected.find((f) => f.sheet === "03_Metal_Inputs" && f.severity === "error" && f.cell)!;
    const item = page.locator(`li[data-sheet="${target.sheet}"][data-cell="${target.cell}"][data-code="${target.code}"] button`);
    await item.click();
    const sel = await poll("the stand-in's selection", () => standin<{ sheet: string; address: string } | null>("selection"), (s) => s !== null && s.address === target.cell);
    expect(sel).toEqual({ sheet: target.sheet, address: target.cell });
    expect(await standin("activeSheet")).toBe(target.sheet);
    expect(await item.getAttribute("aria-current")).toBe("true");
    // Screenshot: the summary with its counts at the top, the selected finding in view, and the
    // stand-in's own note of Excel's selected cell at the bottom.
    await standin("showSelectionBadge");
    await page.setViewportSize({ width: 380, height: 1400 });
    await page.mouse.move(0, 0); // no hover highlight in the picture
    await page.evaluate(() => {
      document.getElementById("alutrace-results-heading")?.scrollIntoView({ block: "start" });
      const selected = document.querySelector("[aria-current='true']");
      const r = selected?.getBoundingClientRect();
      if (r && r.bottom > window.innerHeight - 60) selected!.scrollIntoView({ block: "center" });
    });
    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-validate-faulty.png") });
    await page.setViewportSize({ width: 380, height: 1000 });
  });

  test("highlight colours the faulty cells; clear highlights restores every fill exactly", async () => {
    const cells = faultyExpected.filter((f) => f.cell && f.severity !== "info");
    const fillsOf = () => Promise.all(cells.map((f) => standin<StandinCell>("getCell", f.sheet, f.cell).then((x) => x.fill)));
    const before = await fillsOf();
    expect(before[cells.findIndex((f) => f.sheet === "03_Metal_Inputs" && f.cell === "D7")]).toMatchObject({ color: "#FFFF00" });

    await clickEnabled(page, "Highlight");
    await page.getByText(/cell\(s\) highlighted/).waitFor();
    const during = await fillsOf();
    during.forEach((fill, i) => expect(fill?.color).not.toBe(before[i]?.color ?? undefined));

    await clickEnabled(page, "Clear highlights");
    await page.getByText("Highlights cleared", { exact: false }).waitFor();
    expect(await fillsOf()).toEqual(before);
  });

  test("write findings sheet: listed and clickable", async () => {
    await clickEnabled(page, "Write findings sheet");
    const list = page.getByRole("list", { name: "Findings written to:" });
    await list.waitFor();
    const [name] = await list.getByRole("button").allTextContents();
    expect((await standin<{ name: string }[]>("sheets")).map((s) => s.name)).toContain(name);
    await list.getByRole("button", { name: `Go to sheet ${name}` }).click();
    await poll("findings sheet selected", () => standin<{ sheet: string } | null>("selection"), (s) => s?.sheet === name);
  });

  test("export with errors in the data is refused in the pane, and writes nothing", async () => {
    const before = await standin<{ name: string }[]>("sheets");
    await page.getByRole("tab", { name: "Report" }).click();
    await clickEnabled(page, "Export report");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/error/);
    expect(await standin<{ name: string }[]>("sheets")).toEqual(before);
  });

  test("export the valid sample: report sheets listed and clickable; a re-export replaces only AluTrace's tabs", async () => {
    await standin("reset");
    await page.getByRole("tab", { name: "Template" }).click();
    await clickEnabled(page, "Insert template");
    await poll("template inserted", () => standin<{ name: string }[]>("sheets"), (s) => s.some((x) => x.name === "07_Outputs"));
    for (const { sheet, rows, formats } of await sampleData(VALID)) await standin("setCells", sheet, `A${FIRST_DATA_ROW + 1}`, rows, formats);
    await standin("addSheet", "My notes");
    await standin("setCells", "My notes", "A1", [["Call the mill about RF-B", 42]]);
    const userSheets = ["Sheet1", "My notes", "01_Supplier", "03_Metal_Inputs", "07_Outputs"];
    const dumps = async () => Promise.all(userSheets.map((s) => standin<unknown>("dumpSheet", s)));
    const before = await dumps();

    await page.getByRole("tab", { name: "Report" }).click();
    await clickEnabled(page, "Export report");
    const list = page.getByRole("list", { name: "Report written to:" });
    await list.waitFor({ timeout: 30_000 });
    const reportSheets = await list.getByRole("button").allTextContents();
    expect(reportSheets.length).toBeGreaterThan(0);
    const names = (await standin<{ name: string }[]>("sheets")).map((s) => s.name);
    for (const r of reportSheets) expect(names).toContain(r);
    expect(await dumps()).toEqual(before); // the user's sheets are untouched

    await list.getByRole("button", { name: `Go to sheet ${reportSheets[0]}` }).click();
    await poll("report sheet selected", () => standin<{ sheet: string; address: string } | null>("selection"), (s) => s?.sheet === reportSheets[0]);
    await standin("showSelectionBadge");
    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-export.png") });

    // The machine-readable exports, saved from the pane: a PACT footprint made in the browser.
    const files = page.getByRole("list", { name: "Machine-readable exports" });
    const pactLink = files.getByRole("link", { name: /^Save .+\.pact\.json$/ }).first();
    const [download] = await Promise.all([page.waitForEvent("download"), pactLink.click()]);
    const footprint = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
    expect(footprint.specVersion).toMatch(/^3\./);
    const ext = footprint.extensions.find((x: { dataSchema: string }) => /alutrace/.test(x.dataSchema));
    expect(ext.data.provenance).toMatchObject({ sourceSha256: expect.stringMatching(/^[0-9a-f]{64}$/), sourceSha256Of: "sheet-values" });
    expect(await files.getByRole("link", { name: /^Save R0_Cover\.csv$/ }).count()).toBe(1);

    // Re-export: the same tabs, replaced in place; nothing stale, nothing duplicated.
    const countBefore = names.length;
    await clickEnabled(page, "Export report");
    await page.getByText(/Replaced AluTrace's earlier report tabs/).waitFor({ timeout: 30_000 });
    const again = await list.getByRole("button").allTextContents();
    expect(again).toEqual(reportSheets);
    const names2 = (await standin<{ name: string }[]>("sheets")).map((s) => s.name);
    expect(names2).toHaveLength(countBefore);
    expect(names2.filter((n) => / \(\d+\)$/.test(n))).toEqual([]);
    expect(await dumps()).toEqual(before);
  });

  test("a sheet of the user's own, mapped in the pane, is validated on its own cells", async () => {
    await standin("reset");
    await page.getByRole("tab", { name: "Template" }).click();
    await clickEnabled(page, "Insert template");
    await poll("template inserted", () => standin<{ name: string }[]>("sheets"), (s) => s.some((x) => x.name === "07_Outputs"));
    await standin("addSheet", "Purchases");
    await standin("setCells", "Purchases", "A1", [
      ["Charge no.", "Kind", "Tonnes"],
      ["L1", "Primary ingot", 100],
      ["L2", "Post-consumer scrap", "lots"],
    ]);
    await page.getByRole("tab", { name: "Validate" }).click();
    await page.getByRole("button", { name: "Map a sheet…" }).click();
    const sheet = page.getByRole("combobox", { name: "Sheet", exact: true });
    await sheet.waitFor();
    await sheet.selectOption("Purchases");
    await page.getByRole("combobox", { name: "Read it as" }).selectOption("metal_inputs");
    await page.getByRole("combobox", { name: "Header row" }).selectOption("0");
    await page.getByRole("combobox", { name: /Charge no\./ }).selectOption("input_id");
    await page.getByRole("combobox", { name: /Kind/ }).selectOption("input_class");
    await page.getByRole("combobox", { name: /Tonnes/ }).selectOption("mass_t");
    await clickEnabled(page, "Use this mapping");
    await page.getByText("Purchases as Metal inputs in the period").waitFor();
    await clickEnabled(page, "Validate");
    await page.locator('li[data-sheet="Purchases"][data-cell="C3"]').waitFor();
    expect(await page.locator('li[data-code="SHEET_MISSING"][data-sheet="03_Metal_Inputs"]').count()).toBe(0);
    // And a click goes to the user's own cell.
    await page.locator('li[data-sheet="Purchases"][data-cell="C3"] button').first().click();
    await poll("selection on the mapped sheet", () => standin<{ sheet: string; address: string } | null>("selection"), (s) => s?.sheet === "Purchases" && s.address === "C3");
  });

  test("nothing but 127.0.0.1 was contacted (office.js's own telemetry frame aborted) and the page raised no errors", () => {
    expect(external.filter((u) => !OFFICE_JS_TELEMETRY.test(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
