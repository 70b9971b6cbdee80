/** The alutrace command on real .xlsx files, as a user runs it (in-process, same code as bin/alutrace). */
import { chmodSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as ExcelJS from "exceljs";
import { fsMessage, main, terminalSafe } from "../../src/cli/main";
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
    // The summary line too: "FILE：14 个错误，5 个警告，0 条提示".
    expect(zh.out.split("\n")[0]).toMatch(/supplier-with-mistakes\.xlsx：\d+ 个错误，\d+ 个警告，\d+ 条提示$/);
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

  test("several files: each is validated under its own header line; the exit code is the worst", async () => {
    const valid = join(examples, "rolling-mill-valid.xlsx");
    const faulty = join(examples, "supplier-with-mistakes.xlsx");
    const r = await run("validate", valid, faulty);
    expect(r.code).toBe(1);
    const headers = r.out.split("\n").filter((l) => / \d+ error\(s\), \d+ warning\(s\), \d+ note\(s\)$/.test(l));
    expect(headers).toEqual([expect.stringMatching(/^.*rolling-mill-valid\.xlsx: 0 error\(s\)/), expect.stringMatching(/^.*supplier-with-mistakes\.xlsx: [1-9]\d* error\(s\)/)]);
    // An unreadable file among them: named on stderr, exit 2, the others still checked.
    const some = await run("validate", faulty, join(dir, "missing.xlsx"), valid);
    expect(some.code).toBe(2);
    expect(some.err).toMatch(/cannot read .*missing\.xlsx: no such file/);
    expect(some.out).toMatch(/rolling-mill-valid\.xlsx: 0 error/);
  });

  test("--json: one file gives one object with errors, warnings and notes; several give an array", async () => {
    const valid = join(examples, "rolling-mill-valid.xlsx");
    const one = JSON.parse((await run("validate", valid, "--json")).out);
    expect(one).toMatchObject({ file: valid, errors: 0, warnings: 0, notes: 1 });
    expect(one.findings.filter((f: { severity: string }) => f.severity === "info")).toHaveLength(one.notes);
    const text = await run("validate", valid);
    expect(text.out).toMatch(new RegExp(`${one.notes} note\\(s\\)`));
    const many = await run("validate", valid, join(examples, "supplier-with-mistakes.xlsx"), join(dir, "missing.xlsx"), "--json");
    expect(many.code).toBe(2);
    const arr = JSON.parse(many.out);
    expect(arr.map((x: { file: string }) => x.file)).toEqual([valid, join(examples, "supplier-with-mistakes.xlsx"), join(dir, "missing.xlsx")]);
    expect(arr[1].errors).toBeGreaterThan(0);
    expect(arr[2].error).toMatch(/no such file/);
  });

  test("--json: \"file\" is the path as given, as in text mode, so files of one name in different folders stay apart", async () => {
    const valid = join(examples, "rolling-mill-valid.xlsx");
    mkdirSync(join(dir, "same-name"));
    const copy = join(dir, "same-name", "rolling-mill-valid.xlsx");
    copyFileSync(valid, copy);
    // A relative path stays relative, as the user typed it; an unreadable one too.
    const rel = relative(process.cwd(), valid);
    const missing = join(dir, "same-name", "missing", "rolling-mill-valid.xlsx");
    const r = await run("validate", rel, copy, missing, "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).map((x: { file: string }) => x.file)).toEqual([rel, copy, missing]);
    const text = await run("validate", rel, copy);
    expect(text.out.split("\n").filter((l) => / note\(s\)$/.test(l)).map((l) => l.slice(0, l.lastIndexOf(": ")))).toEqual([rel, copy]);
  });
});

describe("command-line usage", () => {
  test("a usage error prints one line and where the help is, not the whole help", async () => {
    const r = await run("frobnicate");
    expect(r.code).toBe(2);
    expect(r.err).toBe("alutrace: unknown command frobnicate\nRun `alutrace --help` for usage.\n");
    expect(r.out).toBe("");
    // The help itself: for --help (exit 0) and for no arguments (exit 2).
    expect((await run("--help")).out).toMatch(/^alutrace .*\n\nUsage:/);
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.out).toMatch(/Usage:/);
  });

  test.each([
    [["template", "-o", "t.xlsx", "--json"], "option --json is not valid for `template`"],
    [["template", "-o", "t.xlsx", "--denominator", "al_only"], "option --denominator is not valid for `template`"],
    [["template", "--out", "t.xlsx", "--pact", "p"], "option --pact is not valid for `template`"],
    [["validate", "x.xlsx", "--out", "y.xlsx"], "option --out is not valid for `validate`"],
    [["validate", "x.xlsx", "--force"], "option --force is not valid for `validate`"],
    [["template", "in.xlsx", "-o", "t.xlsx"], "`template` reads no workbook (got in.xlsx); name the file to write with -o FILE.xlsx"],
    [["report", "a.xlsx", "b.xlsx", "-o", "r.xlsx"], "`report` reads one workbook, got 2; run it once per workbook"],
    [["report", "a.xlsx", "-o", "r.xlsx", "-o", "s.xlsx"], "-o is given twice"],
  ])("%j is refused: %s", async (args, message) => {
    const r = await run(...args.map((a) => (a.endsWith(".xlsx") && a !== "x.xlsx" ? join(dir, "usage", a) : a)));
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(`alutrace: ${message.replace(/in\.xlsx/, join(dir, "usage", "in.xlsx"))}`);
    expect(existsSync(join(dir, "usage"))).toBe(false);
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

  test("--lang zh-CN prints the refused workbook's findings in Chinese", async () => {
    const r = await run("report", join(examples, "supplier-with-mistakes.xlsx"), "-o", join(dir, "never-zh.xlsx"), "--lang", "zh-CN");
    expect(r.code).toBe(1);
    const findings = r.err.split("\n").slice(1).filter(Boolean);
    expect(findings.length).toBeGreaterThan(3);
    for (const l of findings) expect(l).toMatch(/ 错误 +[A-Z0-9_]+ +.*[\u4e00-\u9fff]/);
    expect((await run("report", join(examples, "rolling-mill-valid.xlsx"), "-o", join(dir, "lang-fr.xlsx"), "--lang", "fr")).err).toMatch(/--lang must be one of en, zh-CN/);
  });

  test("PACT refused for missing footprint values: the report is written, exit 1, the fix named by sheet, column and cell", async () => {
    const noRows = await edited("rolling-mill-valid.xlsx", "no-footprints.xlsx", (wb) => {
      wb.getWorksheet("09_Footprint")!.spliceRows(4, 2);
    });
    const out = join(dir, "no-footprints-report.xlsx");
    const pact = join(dir, "no-footprints-pact");
    const r = await run("report", noRows, "-o", out, "--pact", pact);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toBe(`alutrace: wrote ${out}, but no PACT footprints: AluTrace does not compute carbon footprints and never invents them; it exports the ones the supplier declares on 09_Footprint, and these are incomplete.`);
    expect(lines[1]).toMatch(/^  P5182: no row on 09_Footprint; add one with PCF excluding biogenic \(column B\), .*Packaging included \(column S\); with the scrap treatment "both" also Footprint, cut-off \(column J\) and Footprint, allocation \(column K\), with "allocation" Footprint, allocation \(column K\) \(V17\)$/);
    expect(lines.at(-1)).toBe(`Have the supplier complete or correct these cells (or do it yourself), then export again. The red mud and recycled-content data are exported regardless, in ${join(pact, "alutrace-extension.json")}.`);
    expect(r.err).not.toMatch(/pcf\.|pcfExcluding|buildExtensionDocument/);
    expect(readdirSync(pact)).toEqual(["alutrace-extension.json"]);
    expect(r.out).toMatch(/Wrote the AluTrace extension document/);

    const oneCell = await edited("rolling-mill-valid.xlsx", "fossil-carbon-blank.xlsx", (wb) => {
      wb.getWorksheet("09_Footprint")!.getCell("E4").value = null;
    });
    const r2 = await run("report", oneCell, "-o", join(dir, "fossil-carbon-blank-report.xlsx"), "--pact", join(dir, "fossil-carbon-blank-pact"));
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/\n  P5182: fill in Fossil carbon content \(09_Footprint!E4\)\n/);

    // In Chinese with --lang zh-CN: the same cells, the template's Chinese column names.
    const pactZh = join(dir, "fossil-carbon-blank-pact-zh");
    const r3 = await run("report", oneCell, "-o", join(dir, "fossil-carbon-blank-report-zh.xlsx"), "--pact", pactZh, "--lang", "zh-CN");
    expect(r3.code).toBe(1);
    const zh = r3.err.trimEnd().split("\n");
    expect(zh[0]).toMatch(/^alutrace：已写入 .*，但未生成 PACT 碳足迹：AluTrace 不计算也从不编造碳足迹/);
    expect(zh[1]).toBe("  P5182：请填写化石碳含量（09_Footprint!E4）");
    expect(zh.at(-1)).toBe(`请供应商补全或更正这些单元格（或自行修改），然后再次导出。赤泥和再生含量数据照常导出，见 ${join(pactZh, "alutrace-extension.json")}。`);
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

describe("outputs are checked before anything is written", () => {
  const valid = join(examples, "rolling-mill-valid.xlsx");
  let n = 0;
  const fresh = () => {
    const d = join(dir, `out-${++n}`);
    mkdirSync(d);
    return d;
  };

  test("--csv into a folder with report CSVs: refused naming them, nothing written; --force overwrites", async () => {
    const d = fresh();
    mkdirSync(join(d, "csv"));
    writeFileSync(join(d, "csv", "R0_Cover.csv"), "MY DATA");
    writeFileSync(join(d, "csv", "R2_GWP.csv"), "MY DATA");
    const out = join(d, "r.xlsx");
    const r = await run("report", valid, "-o", out, "--csv", join(d, "csv"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2 files exist: .*R0_Cover\.csv, .*R2_GWP\.csv; AluTrace does not overwrite files\. Choose other names or folders, or pass --force\./);
    expect(r.err).not.toMatch(/--help/);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(join(d, "csv", "R0_Cover.csv"), "utf8")).toBe("MY DATA");
    expect(readdirSync(join(d, "csv")).sort()).toEqual(["R0_Cover.csv", "R2_GWP.csv"]);
    const forced = await run("report", valid, "-o", out, "--csv", join(d, "csv"), "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(d, "csv", "R0_Cover.csv"), "utf8")).toMatch(/AluTrace/);
  });

  test("--pact into a folder with the footprints and the extension document: refused naming them", async () => {
    const d = fresh();
    const first = await run("report", valid, "-o", join(d, "r1.xlsx"), "--pact", join(d, "pact"));
    expect(first.code).toBe(0);
    const written = readdirSync(join(d, "pact")).sort();
    expect(written).toEqual(expect.arrayContaining(["alutrace-extension.json", expect.stringMatching(/\.pact\.json$/)]));
    const before = readFileSync(join(d, "pact", "alutrace-extension.json"), "utf8");
    const again = await run("report", valid, "-o", join(d, "r2.xlsx"), "--pact", join(d, "pact"));
    expect(again.code).toBe(2);
    for (const f of written) expect(again.err).toContain(f);
    expect(existsSync(join(d, "r2.xlsx"))).toBe(false);
    expect(readFileSync(join(d, "pact", "alutrace-extension.json"), "utf8")).toBe(before);
  });

  test("--pact or --csv naming a file: refused up front with a plain message, the report not written", async () => {
    const d = fresh();
    writeFileSync(join(d, "afile"), "");
    for (const flag of ["--pact", "--csv"]) {
      const r = await run("report", valid, "-o", join(d, "r.xlsx"), flag, join(d, "afile"));
      expect(r.code).toBe(2);
      expect(r.err).toBe(`alutrace: ${flag} ${join(d, "afile")}: ${join(d, "afile")} is a file, not a folder; name a folder (it is made if missing)\n`);
      expect(existsSync(join(d, "r.xlsx"))).toBe(false);
    }
    // A file in the way further up the path, too.
    const below = await run("report", valid, "-o", join(d, "r.xlsx"), "--csv", join(d, "afile", "csv"));
    expect(below.err).toMatch(/cannot create the folder .*afile[/\\]csv: .*afile is a file, not a folder/);
    expect(existsSync(join(d, "r.xlsx"))).toBe(false);
    const tpl = await run("template", "-o", join(d, "afile", "t.xlsx"));
    expect(tpl.code).toBe(2);
    expect(tpl.err).toMatch(/cannot write .*t\.xlsx: .*afile is a file, not a folder/);
  });

  const canSymlink = (() => {
    try {
      symlinkSync("target", join(dir, "symlink-probe"));
      return true;
    } catch {
      return false; // Windows without the privilege, or a file system without links
    }
  })();

  (canSymlink ? test : test.skip)("an output that is the supplier's file under another name (symbolic link, linked folder): refused even with --force, both paths named", async () => {
    const d = fresh();
    const own = join(d, "own.xlsx");
    copyFileSync(valid, own);
    const before = readFileSync(own);
    symlinkSync(own, join(d, "link.xlsx"));
    symlinkSync(d, join(d, "dirlink"));
    // The input a link to the output: writing the output would replace the supplier's data.
    const r = await run("report", join(d, "link.xlsx"), "-o", own, "--force");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `alutrace: -o ${own} is the supplier's workbook ${join(d, "link.xlsx")} (both lead to ${r.err.match(/both lead to (.*?)\)/)![1]}); AluTrace never writes over the supplier's file, not even with --force. Choose another name for -o.\n`,
    );
    expect(r.err.match(/both lead to (.*?)\)/)![1]).toMatch(/own\.xlsx$/);
    // The other way round, and through a linked folder.
    for (const [src, out] of [[own, join(d, "link.xlsx")], [own, join(d, "dirlink", "own.xlsx")], [join(d, "dirlink", "own.xlsx"), own]]) {
      const x = await run("report", src, "-o", out, "--force");
      expect(x.code).toBe(2);
      expect(x.err).toContain(`-o ${out} is the supplier's workbook ${src}`);
    }
    // A CSV or PACT file that would land on the input: refused once the outputs are known, nothing written.
    mkdirSync(join(d, "csv"));
    mkdirSync(join(d, "pact"));
    for (const [flag, name] of [["--csv", "R3_Recycled_Content.csv"], ["--pact", "alutrace-extension.json"]]) {
      const target = join(d, flag.slice(2), name);
      copyFileSync(own, target);
      const src = join(d, `in-${flag.slice(2)}.xlsx`);
      symlinkSync(target, src);
      const x = await run("report", src, "-o", join(d, "r.xlsx"), flag, join(d, flag.slice(2)), "--force");
      expect(x.code).toBe(2);
      expect(x.err).toMatch(new RegExp(`^alutrace: ${flag} .*${name.replace(".", "\\.")} is the supplier's workbook .*in-${flag.slice(2)}\\.xlsx \\(both lead to .*\\); .*Choose another folder for ${flag}\\.\n$`));
      expect(existsSync(join(d, "r.xlsx"))).toBe(false);
      expect(readFileSync(target)).toEqual(before);
    }
    expect(readFileSync(own)).toEqual(before);
  });

  test("an output that is a hard link to the supplier's file, or its very path: refused even with --force", async () => {
    const d = fresh();
    const own = join(d, "own.xlsx");
    copyFileSync(valid, own);
    const before = readFileSync(own);
    linkSync(own, join(d, "hard.xlsx"));
    const r = await run("report", join(d, "hard.xlsx"), "-o", own, "--force");
    expect(r.code).toBe(2);
    expect(r.err).toBe(`alutrace: -o ${own} is the supplier's workbook ${join(d, "hard.xlsx")} (hard links to one file); AluTrace never writes over the supplier's file, not even with --force. Choose another name for -o.\n`);
    const same = await run("report", own, "-o", join(d, ".", "own.xlsx"), "--force");
    expect(same.code).toBe(2);
    expect(same.err).toBe(`alutrace: -o ${join(d, ".", "own.xlsx")} is the supplier's workbook ${own}; AluTrace never writes over the supplier's file, not even with --force. Choose another name for -o.\n`);
    expect(readFileSync(own)).toEqual(before);
    expect(readdirSync(d).sort()).toEqual(["hard.xlsx", "own.xlsx"]);
  });

  test("-o naming a folder, even with --force: refused, no system error, no temporary file named", async () => {
    const d = fresh();
    mkdirSync(join(d, "d.xlsx"));
    const r = await run("report", valid, "-o", join(d, "d.xlsx"), "--force");
    expect(r.code).toBe(2);
    expect(r.err).toBe(`alutrace: cannot write ${join(d, "d.xlsx")}: it is a folder; give the name of a file\n`);
    expect((await run("template", "-o", join(d, "d.xlsx"), "--force")).err).toMatch(/it is a folder/);
    expect(readdirSync(d)).toEqual(["d.xlsx"]);
  });

  (existsSync("/proc/self") ? test : test.skip)("a folder that takes no files (/proc): the user's path and the fix, not the temporary file", async () => {
    const r = await run("template", "-o", "/proc/x.xlsx");
    expect(r.code).toBe(2);
    expect(r.err).toBe("alutrace: cannot write /proc/x.xlsx: the folder /proc is missing or does not accept new files; choose an existing folder you can write to\n");
  });

  (process.getuid?.() !== 0 && process.platform !== "win32" ? test : test.skip)("a folder without write permission: refused before anything is written", async () => {
    const d = fresh();
    mkdirSync(join(d, "ro"));
    chmodSync(join(d, "ro"), 0o555);
    try {
      const r = await run("report", valid, "-o", join(d, "r.xlsx"), "--csv", join(d, "ro", "csv"));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/cannot create the folder .*csv: permission denied/);
      expect(existsSync(join(d, "r.xlsx"))).toBe(false);
    } finally {
      chmodSync(join(d, "ro"), 0o755);
    }
  });

  test("validate on a folder: says it is a folder", async () => {
    const r = await run("validate", dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`alutrace: cannot read ${dir}: it is a folder, not a workbook; name the .xlsx file(s) in it\n`);
  });

  test.each([
    ["EACCES", /^cannot write out\/r\.xlsx: permission denied; choose a folder you can write to/],
    ["EPERM", /^cannot write out\/r\.xlsx: permission denied/],
    ["EROFS", /^cannot write out\/r\.xlsx: .* is on a read-only file system; choose another location$/],
    ["ENOSPC", /^cannot write out\/r\.xlsx: the disk is full \(or your quota is used up\); free some space or choose another disk$/],
    ["EISDIR", /^cannot write out\/r\.xlsx: it is a folder; give the name of a file$/],
    ["ENOENT", /^cannot write out\/r\.xlsx: the folder out is missing or does not accept new files/],
  ])("%s names the user's path and the fix, never the temporary file", (code, message) => {
    const e = Object.assign(new Error(`${code}: failed, open '/tmp/x/.r.xlsx.123.456.tmp'`), { code, syscall: "open", path: "/tmp/x/.r.xlsx.123.456.tmp" });
    const m = fsMessage(e, "out/r.xlsx");
    expect(m).toMatch(message);
    expect(m).not.toMatch(/\.tmp|EACCES|EROFS|ENOSPC/);
  });
});

describe("control characters from a supplier's cells never act on the terminal", () => {
  test("a line feed in a cell is shown, not obeyed: no forged finding line", async () => {
    // (exceljs drops an ESC when it writes a cell; terminalSafe's own test covers ESC sequences.)
    const file = await edited("rolling-mill-valid.xlsx", "forged.xlsx", (wb) => {
      wb.getWorksheet("03_Metal_Inputs")!.getCell("C4").value = "bad\n03_Metal_Inputs!A1   info    ALL_CLEAR  forged";
    });
    const r = await run("validate", file);
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines.some((l) => l.startsWith("03_Metal_Inputs!A1"))).toBe(false);
    expect(lines.find((l) => l.includes("CODE_UNKNOWN"))).toContain("\\n03_Metal_Inputs!A1");
  });

  test("terminalSafe shows them as \\uXXXX and keeps JSON exact", () => {
    expect(terminalSafe("a\u001b[2J\u001b[Hb\rc\u202ed\te\nf")).toBe("a\\u001b[2J\\u001b[Hb\\u000dc\\u202ed\te\nf");
    const json = JSON.stringify({ x: "P\u0085\u202e1\u001b" });
    expect(JSON.parse(terminalSafe(json))).toEqual({ x: "P\u0085\u202e1\u001b" });
  });
});
