/** The alutrace command on real .xlsx files, as a user runs it (in-process, same code as bin/alutrace). */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { validateTemplate } from "../../src/core/template/validate";
import { readWorkbook } from "../../src/xlsx/read";

const examples = join(__dirname, "..", "..", "examples");
const dir = mkdtempSync(join(tmpdir(), "alutrace-cli-"));

async function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), now: () => new Date("2026-01-02T03:04:05Z") });
  return { code, out, err };
}

/** A copy of an example workbook with some edits, written with exceljs as a user's Excel would. */
async function edited(example: string, name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(examples, example));
  edit(wb);
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("alutrace template", () => {
  test.each(["en", "zh-CN", "bilingual"])("writes a %s template that reads back as our template sheets", async (lang) => {
    const file = join(dir, `t-${lang}.xlsx`);
    const r = await run("template", "--lang", lang, "-o", file);
    expect(r.code).toBe(0);
    const grids = await readWorkbook(file);
    const v = validateTemplate(grids);
    // A blank template is found sheet by sheet; it fails only because required sheets are empty.
    expect(v.sheets.metal_inputs).toBeDefined();
    expect(v.sheets.outputs).toBeDefined();
    expect(v.findings.filter((f) => f.severity === "error").map((f) => f.code).every((c) => c === "SHEET_EMPTY")).toBe(true);
    expect(grids.sheets.find((s) => s.name === "_AluTrace_Lists")).toBeDefined();
  });

  test("never overwrites an existing file without --force", async () => {
    const file = join(dir, "exists.xlsx");
    writeFileSync(file, "user data");
    const r = await run("template", "-o", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not overwrite/);
    expect(readFileSync(file, "utf8")).toBe("user data");
  });
});

describe("alutrace validate", () => {
  test("the valid sample: exit 0", async () => {
    const r = await run("validate", join(examples, "rolling-mill-valid.xlsx"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 error\(s\)/);
  });

  test("the faulty sample: exit 1, each finding names sheet and cell; --json and --lang zh-CN", async () => {
    const r = await run("validate", join(examples, "supplier-with-mistakes.xlsx"), "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.errors).toBeGreaterThan(5);
    for (const f of j.findings) {
      expect(f.sheet).toBeTruthy();
      expect(typeof f.cell).toBe("string");
      expect(f.message).toBeTruthy();
      expect(f.messageZh).toBeTruthy();
    }
    const zh = await run("validate", join(examples, "supplier-with-mistakes.xlsx"), "--lang", "zh-CN");
    expect(zh.out).toMatch(/[\u4e00-\u9fff]/);
  });

  test("unreadable input: exit 2 with a message, no crash", async () => {
    const bad = join(dir, "not-a-workbook.xlsx");
    writeFileSync(bad, "this is text, not a zip");
    const r = await run("validate", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not-a-workbook\.xlsx/);
    expect((await run("validate", join(dir, "missing.xlsx"))).code).toBe(2);
  });

  test("a 30,000-character cell is quoted clipped to 60 characters, not in full", async () => {
    const file = await edited("rolling-mill-valid.xlsx", "long.xlsx", (wb) => {
      wb.getWorksheet("02_Products")!.getCell("C4").value = "x".repeat(30_000);
    });
    const r = await run("validate", file);
    expect(r.code).toBe(1);
    const line = r.out.split("\n").find((l) => l.includes("CODE_UNKNOWN"))!;
    expect(line).toContain(`"${"x".repeat(60)}…" is not in the list`);
    expect(Math.max(...r.out.split("\n").map((l) => l.length))).toBeLessThan(400);
  });

  test("a deleted header row is named as such, with the fix", async () => {
    const file = await edited("rolling-mill-valid.xlsx", "no-header.xlsx", (wb) => {
      wb.getWorksheet("03_Metal_Inputs")!.spliceRows(3, 1);
    });
    const r = await run("validate", file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/03_Metal_Inputs!A3 +error +HEADER_MISSING +The sheet "03_Metal_Inputs" exists, but its header row \(row 3/);
    expect(r.out).not.toMatch(/SHEET_MISSING/);
  });

  test("usage errors: exit 2", async () => {
    expect((await run("validate")).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
    expect((await run("report", join(examples, "rolling-mill-valid.xlsx"))).err).toMatch(/-o OUT.xlsx is required/);
  });
});

describe("alutrace report", () => {
  test("writes the supplier's sheets plus the report tabs, with figures as JSON", async () => {
    const out = join(dir, "report.xlsx");
    const r = await run("report", join(examples, "rolling-mill-valid.xlsx"), "-o", out, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.products.length).toBeGreaterThan(0);
    for (const p of j.products) {
      expect(p.recycledContent.share).toBeGreaterThanOrEqual(0);
      expect(p.recycledContent.share).toBeLessThanOrEqual(1);
      expect(p.redMud.kgPerKgCutOff).toBeGreaterThan(0);
    }
    const grids = await readWorkbook(out);
    const names = grids.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["01_Supplier", "03_Metal_Inputs", "R0_Cover", "R1_Method", "R2_GWP", "R3_Recycled_Content", "R4_Red_Mud", "R5_CBAM_View", "R6_Data_Quality", "R7_Export_Map", "R8_Sources", "R9_Data"]));
    // The report reads back with its cached results (what Excel shows before recalculating).
    const cover = grids.sheets.find((s) => s.name === "R0_Cover")!;
    expect(JSON.stringify(cover.values)).toMatch(/rolling-mill-valid\.xlsx/);
    // And the supplier data in the output still validates the same way.
    expect(validateTemplate(grids).errors).toBe(0);
  });

  test("refuses a workbook with errors (exit 1) and writes nothing", async () => {
    const out = join(dir, "never.xlsx");
    const r = await run("report", join(examples, "supplier-with-mistakes.xlsx"), "-o", out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  test("never writes over the supplier's own file", async () => {
    const src = join(examples, "rolling-mill-valid.xlsx");
    const r = await run("report", src, "-o", src, "--force");
    expect(r.code).toBe(2);
  });

  test("a second report over a report workbook replaces AluTrace's tabs, not the user's", async () => {
    const first = join(dir, "first.xlsx");
    const second = join(dir, "second.xlsx");
    expect((await run("report", join(examples, "rolling-mill-valid.xlsx"), "-o", first)).code).toBe(0);
    expect((await run("report", first, "-o", second, "--denominator", "al_only")).code).toBe(0);
    const names = (await readWorkbook(second)).sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith("R4_Red_Mud"))).toEqual(["R4_Red_Mud"]);
  });
});
