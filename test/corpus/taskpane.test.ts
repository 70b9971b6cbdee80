/**
 * The task pane gives the same verdict as the command line. Each corpus file is opened the way
 * Excel shows it — read with plain exceljs into what Office.js returns (values, valueTypes,
 * numberFormat; error cells as "#N/A" strings with valueTypes "Error"; formulas as their results;
 * hidden rows, merges, the 1904 date system) — and loaded into the office-addin-mock based fake
 * Excel (test/excel/fake-excel.ts). readWorkbookGrids + validateTemplate must then give exactly the
 * findings, messages included, of `alutrace validate FILE --json` — and so must the task pane's
 * own Validate action (`validate()`, which leaves AluTrace's output sheets unread).
 *
 * Independent of src/xlsx/read.ts on purpose: the Office view is built from exceljs's own cell
 * model, so a mapping difference in either adapter shows up here.
 * Files the task pane cannot see as they are (refused files, formulas Excel calculates on opening,
 * WPS-only functions) say so in the corpus (`officeDiffers`) and are checked against
 * `officeExpected` where Excel would open them at all.
 */
import * as ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { Cell, CellRange, cellError, isExcelErrorCode, parseA1 } from "../../src/core/cells";
import type { Finding } from "../../src/core/findings";
import { validateTemplate } from "../../src/core/template/validate";
import { readWorkbookGrids, validate } from "../../src/excel";
import { sheetOfRef } from "../../src/sheet/ownership";
import { FakeExcel } from "../excel/fake-excel";
import { CORPUS, CorpusCase, ExpectedFinding } from "./build-corpus";

/** A workbook-level defined name (ownership marks among them) as Excel keeps it. */
interface OfficeName {
  name: string;
  /** "'Sheet'!$A$1" */
  ref: string;
}

interface OfficeSheet {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  values: Cell[][];
  formats: (string | undefined)[][];
  hiddenRows: number[];
  merges: CellRange[];
}

/** What Excel shows in a cell (its value, not its formula), in the core's Cell terms. */
function shown(cell: ExcelJS.Cell, date1904: boolean): Cell {
  const serial = (d: Date) => d.getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
  const text = (v: unknown): string => {
    if (typeof v === "string") return v;
    const runs = (v as { richText?: { text: string }[] })?.richText;
    return Array.isArray(runs) ? runs.map((r) => r.text).join("") : String(v ?? "");
  };
  const v = cell.value as unknown;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Number:
      return v as number;
    case ExcelJS.ValueType.Date:
      return serial(v as Date);
    case ExcelJS.ValueType.Boolean:
      return v as boolean;
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
    case ExcelJS.ValueType.RichText:
      return text(v);
    case ExcelJS.ValueType.Hyperlink:
      return text((v as ExcelJS.CellHyperlinkValue).text);
    case ExcelJS.ValueType.Error: {
      const code = (v as ExcelJS.CellErrorValue).error;
      return cellError(isExcelErrorCode(code) ? code : "#UNKNOWN!");
    }
    case ExcelJS.ValueType.Formula: {
      const f = (cell.formula ?? "") as string;
      // WPS's in-cell pictures: Excel has no DISPIMG function.
      if (/DISPIMG/i.test(f)) return cellError("#NAME?");
      const res = cell.result as unknown;
      if (res === undefined || res === null) throw new Error(`${cell.address}: a formula without a result — Excel would calculate it; mark the case officeDiffers`);
      if (res instanceof Date) return serial(res);
      if (typeof res === "object") return cellError((res as ExcelJS.CellErrorValue).error as never);
      return res as number | string | boolean;
    }
    default:
      throw new Error(`${cell.address}: cell type ${cell.type} not modelled`);
  }
}

async function officeView(buf: Buffer): Promise<{ date1904: boolean; sheets: OfficeSheet[]; names: OfficeName[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const date1904 = !!wb.properties.date1904;
  const sheets = wb.worksheets.map((ws): OfficeSheet => {
    const values: Cell[][] = [];
    const formats: (string | undefined)[][] = [];
    const hiddenRows: number[] = [];
    // Rows holding values only: a hidden or formatted row without values changes no finding, and
    // an inflated used range (a formatted cell in row 1,000,000) would otherwise cost a million rows.
    ws.eachRow({ includeEmpty: false }, (row, rn) => {
      const r = rn - 1;
      if (row.hidden) hiddenRows.push(r);
      row.eachCell({ includeEmpty: false }, (cell, cn) => {
        const v = shown(cell, date1904);
        if (v === null) return;
        (values[r] ??= [])[cn - 1] = v;
        if (cell.numFmt) (formats[r] ??= [])[cn - 1] = cell.numFmt;
      });
    });
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).map((m) => {
      const [a, b = a] = m.split(":").map((x) => parseA1(x)!);
      return { top: a.row, left: a.col, bottom: b.row, right: b.col };
    });
    const state = ws.state as string;
    return { name: ws.name, visibility: state === "hidden" ? "Hidden" : state === "veryHidden" ? "VeryHidden" : "Visible", values, formats, hiddenRows, merges };
  });
  // Workbook-level names, so the fake Excel carries AluTrace's ownership marks like the file.
  const names: OfficeName[] = [];
  for (const d of (wb.definedNames as unknown as { model: { name: string; localSheetId?: number; ranges: string[] }[] }).model) {
    if (d.localSheetId === undefined && d.ranges.length === 1) names.push({ name: d.name, ref: d.ranges[0] });
  }
  return { date1904, sheets, names };
}

/** Fills a fake Excel with the view, reads it the way the task pane does, validates. */
async function taskPaneFindings(buf: Buffer): Promise<Finding[]> {
  const view = await officeView(buf);
  const fake = new FakeExcel({ date1904: view.date1904 });
  fake.install();
  try {
    for (const s of view.sheets) {
      const rows = Array.from({ length: s.values.length }, (_, r) => s.values[r] ?? []);
      const fmts = Array.from({ length: s.values.length }, (_, r) => s.formats[r] ?? []);
      const sh = fake.addSheet(s.name, rows, { visibility: s.visibility, formats: fmts });
      for (const r of s.hiddenRows) sh.hiddenRows.add(r);
      sh.merges.push(...s.merges);
    }
    for (const n of view.names) {
      const target = sheetOfRef(n.ref);
      const sheet = target === undefined ? undefined : fake.sheets.find((x) => x.name.toUpperCase() === target.toUpperCase());
      if (sheet) fake.addName(n.name, sheet, n.ref.slice(n.ref.lastIndexOf("!") + 1));
      else fake.addName(n.name, `=${n.ref}`);
    }
    // What the Validate button runs (AluTrace's output sheets left unread), and the plain read of
    // every sheet validated by the core: both must give the same verdict.
    const pane = (await validate()).findings;
    const all = validateTemplate(await readWorkbookGrids()).findings;
    expect(fake.violations).toEqual([]);
    expect(all).toEqual(pane);
    return pane;
  } finally {
    FakeExcel.uninstall();
  }
}

async function cliFindings(file: string): Promise<Finding[]> {
  let out = "";
  const code = await main(["validate", file, "--json"], { out: (s) => (out += s), err: () => undefined });
  expect(code).not.toBe(2);
  return (JSON.parse(out) as { findings: Finding[] }).findings;
}

const dir = mkdtempSync(join(tmpdir(), "alutrace-corpus-office-"));
const key = (x: ExpectedFinding) => `${x.sheet}!${x.cell} ${x.severity} ${x.code}`;
const same = CORPUS.filter((c) => !c.officeDiffers);
const differing = CORPUS.filter((c) => c.officeDiffers && c.officeExpected);

describe("task pane (Office.js adapter over the fake Excel) and command line agree", () => {
  test.each(same.map((c) => [c.file, c] as const))("%s: the same findings, word for word", async (_n, c: CorpusCase) => {
    const buf = await c.build();
    const file = join(dir, c.file);
    writeFileSync(file, buf);
    const cli = await cliFindings(file);
    const pane = await taskPaneFindings(buf);
    expect(pane).toEqual(cli);
    expect(pane.map(key).sort()).toEqual(c.expected.map(key).sort());
  });

  test.each(differing.map((c) => [c.file, c] as const))("%s: Excel shows other cells; the task pane reports what it sees", async (_n, c: CorpusCase) => {
    const pane = await taskPaneFindings(await (c.officeBuild ?? c.build)());
    expect(pane.map(key).sort()).toEqual(c.officeExpected!.map(key).sort());
  });

  test("every corpus file is accounted for: same findings, what Excel shows, or a file Excel itself refuses or repairs", () => {
    for (const c of CORPUS) {
      if (!c.officeDiffers) continue;
      expect(c.officeDiffers.length).toBeGreaterThan(20);
      // Left out of any task-pane check only when the command line refuses the file outright:
      // Excel then refuses or repairs it itself, and the task pane never sees these bytes.
      if (!c.officeExpected) expect(c.refusal).toBeDefined();
    }
    expect(same.length + differing.length + CORPUS.filter((c) => c.officeDiffers && !c.officeExpected).length).toBe(CORPUS.length);
    expect(same.length).toBeGreaterThanOrEqual(40);
  });
});
