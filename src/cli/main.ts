/**
 * `alutrace`: the same engine as the add-in, over .xlsx files.
 *   alutrace template [--lang en|zh-CN|bilingual] -o FILE.xlsx
 *   alutrace validate FILE.xlsx [FILE.xlsx …] [--json] [--lang en|zh-CN]
 *   alutrace report FILE.xlsx -o OUT.xlsx [--json] [--lang en|zh-CN] [--denominator all_metal|al_only] [--count-internal-cross-process]
 * Exit codes: 0 fine; 1 the workbook has validation errors (report: nothing written), or report
 * written but its PACT footprints refused; 2 usage error, unreadable file or refused output.
 */
import { createHash } from "node:crypto";
import { accessSync, constants as fsc, promises as fs, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import { countBySeverity, Finding } from "../core/findings";
import type { RecycledMethod } from "../core/recycled";
import { computeReport, ReportFigures } from "../core/report/compute";
import { buildReport } from "../core/report/tabs";
import { buildTemplate } from "../core/template/build";
import { Language } from "../core/template/spec";
import { validateTemplate, ValidationResult } from "../core/template/validate";
import { exportFiles } from "../core/export/files";
import { appendToWorkbookBuffer } from "../xlsx/append";
import { readWorkbook } from "../xlsx/read";
import { toBuffer, writeFileAtomic } from "../xlsx/write";

export const VERSION: string = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path.join(__dirname, "..", "..", "package.json")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
})();

const USAGE = `alutrace ${VERSION}: red mud (bauxite residue) and recycled aluminium content from supplier workbooks

Usage:
  alutrace template [--lang en|zh-CN|bilingual] -o FILE.xlsx [--force]
      Write a blank supplier template (dropdowns, instructions; bilingual by default).
  alutrace validate FILE.xlsx [FILE.xlsx …] [--json] [--lang en|zh-CN]
      Check filled templates cell by cell. Exit 0: no errors; 1: errors; 2: a file
      unreadable (the worst of all files named).
  alutrace report FILE.xlsx -o OUT.xlsx [--json] [--lang en|zh-CN] [--denominator all_metal|al_only]
                  [--count-internal-cross-process] [--pact DIR] [--csv DIR] [--force]
      Validate, then write OUT.xlsx: the supplier's sheets plus the report tabs
      (every figure a live Excel formula). --json prints the computed figures.
      --pact DIR writes one PACT v3 ProductFootprint JSON per product (needs the
      09_Footprint sheet) and the AluTrace extension document; --csv DIR writes the
      report tables as CSV (UTF-8, formula-injection safe). Existing files are never
      overwritten without --force. Exit 0: all written; 1: validation errors (nothing
      written) or PACT footprints refused (the rest written); 2: usage error,
      unreadable workbook or an output refused (nothing written).

Nothing is sent anywhere: AluTrace reads and writes local files only.
`;

class UsageError extends Error {}
/** An output AluTrace will not or cannot write (exit 2); the help is no use here, the message is. */
class OutputError extends Error {}

interface Parsed {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string | true>;
  /** Each flag as the user spelled it (--out for -o), for messages. */
  spelled: Map<string, string>;
}

const VALUE_FLAGS = new Set(["-o", "--out", "--lang", "--denominator", "--pact", "--csv"]);
const BOOL_FLAGS = new Set(["--json", "--force", "--count-internal-cross-process", "--help", "-h", "--version"]);

/** The options each command takes; any other is refused rather than silently ignored. */
const COMMAND_FLAGS: Record<string, readonly string[]> = {
  template: ["-o", "--lang", "--force"],
  validate: ["--json", "--lang"],
  report: ["-o", "--json", "--lang", "--denominator", "--count-internal-cross-process", "--pact", "--csv", "--force"],
};

export function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const spelled = new Map<string, string>();
  const set = (name: string, key: string, val: string | true) => {
    if (flags.has(key)) throw new UsageError(`${name} is given twice`);
    flags.set(key, val);
    spelled.set(key, name);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_FLAGS.has(name)) {
      const val = a.startsWith("--") && eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (val === undefined || val === "") throw new UsageError(`${name} needs a value`);
      set(name, name === "--out" ? "-o" : name, val);
    } else if (BOOL_FLAGS.has(a)) set(a, a, true);
    else if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  return { command: positional.shift(), positional, flags, spelled };
}

/** Refuses options and arguments the command does not take (`template --json` must not look accepted). */
function checkApplies(p: Parsed, command: string): void {
  const allowed = COMMAND_FLAGS[command];
  for (const f of p.flags.keys()) if (!allowed.includes(f)) throw new UsageError(`option ${p.spelled.get(f) ?? f} is not valid for \`${command}\``);
  if (command === "template" && p.positional.length > 0) throw new UsageError(`\`template\` reads no workbook (got ${p.positional[0]}); name the file to write with -o FILE.xlsx`);
  if (command === "report" && p.positional.length > 1) throw new UsageError(`\`report\` reads one workbook, got ${p.positional.length}; run it once per workbook`);
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  now?: () => Date;
}

/**
 * Standard output may be closed early (`alutrace validate *.xlsx | head -1`): the rest is dropped
 * instead of crashing on EPIPE, so the exit code still says whether any file has errors.
 */
let stdout: "open" | "closed" | undefined;
const defaultIo: Io = {
  out: (s) => {
    if (stdout === undefined) {
      stdout = "open";
      process.stdout.on("error", (e: ErrnoError) => {
        if (e.code !== "EPIPE") throw e;
        stdout = "closed";
      });
    }
    if (stdout === "open") process.stdout.write(s);
  },
  err: (s) => process.stderr.write(s),
};

function language(v: string | true | undefined, allowed: readonly string[], def: string): string {
  if (v === undefined || v === true) return def;
  if (!allowed.includes(v)) throw new UsageError(`--lang must be one of ${allowed.join(", ")}`);
  return v;
}

type ErrnoError = NodeJS.ErrnoException;

const statOf = (p: string) => {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
};

/** The deepest part of `p` that exists (a folder to write into, or a file in the way), as the user wrote it. */
function existingAncestor(p: string): string {
  let a = p;
  while (!statOf(a) && path.dirname(a) !== a) a = path.dirname(a);
  return a;
}

/**
 * A file system error as a message about the user's path, never the temporary file the atomic
 * write goes through, with what to do about it.
 */
export function fsMessage(e: unknown, target: string, folder = false): string {
  const code = (e as ErrnoError).code;
  const what = folder ? `create the folder ${target}` : `write ${target}`;
  const dir = folder ? target : path.dirname(target);
  switch (code) {
    case "EISDIR":
      return `cannot write ${target}: it is a folder; give the name of a file`;
    case "ENOTDIR":
    case "EEXIST": {
      const inTheWay = existingAncestor(dir);
      return `cannot ${what}: ${inTheWay} is a file, not a folder; choose another location`;
    }
    case "ENOENT":
      return `cannot ${what}: the folder ${dir} is missing or does not accept new files; choose an existing folder you can write to`;
    case "EACCES":
    case "EPERM":
      return `cannot ${what}: permission denied; choose a folder you can write to, or get write access to ${existingAncestor(dir)}`;
    case "EROFS":
      return `cannot ${what}: ${existingAncestor(dir)} is on a read-only file system; choose another location`;
    case "ENOSPC":
    case "EDQUOT":
      return `cannot ${what}: the disk is full (or your quota is used up); free some space or choose another disk`;
    case "ENAMETOOLONG":
      return `cannot ${what}: the name is too long for the file system; choose a shorter one`;
    default:
      return `cannot ${what} (${code ?? (e as Error).message})`;
  }
}

/** A short list of paths for a message: the first few, then how many more. */
function listPaths(paths: readonly string[], max = 5): string {
  return paths.slice(0, max).join(", ") + (paths.length > max ? ` and ${paths.length - max} more` : "");
}

/**
 * Refuses, before anything is written, outputs that cannot or must not be written: a target that
 * is a folder, existing files without --force (all of them named), a folder option naming a file,
 * a location that is read-only or not writable. So a refusal never leaves half of the outputs behind.
 */
function checkOutputs(targets: readonly string[], folders: readonly { flag: string; dir: string }[], force: boolean): void {
  for (const { flag, dir } of folders) {
    const st = statOf(dir);
    if (st && !st.isDirectory()) throw new OutputError(`${flag} ${dir}: ${dir} is a file, not a folder; name a folder (it is made if missing)`);
  }
  const existing: string[] = [];
  for (const t of targets) {
    const st = statOf(t);
    if (st?.isDirectory()) throw new OutputError(fsMessage({ code: "EISDIR" }, t));
    if (st) existing.push(t);
  }
  if (existing.length && !force) {
    throw new OutputError(
      existing.length === 1
        ? `${existing[0]} exists; AluTrace does not overwrite files. Choose another name or pass --force.`
        : `${existing.length} files exist: ${listPaths(existing)}; AluTrace does not overwrite files. Choose other names or folders, or pass --force.`,
    );
  }
  // Each place once: the folder to be made, or the folder a file goes into (named by the file).
  const places = new Map<string, { subject: string; folder: boolean }>();
  for (const f of folders) places.set(path.resolve(f.dir), { subject: f.dir, folder: true });
  for (const t of targets) if (!places.has(path.resolve(path.dirname(t)))) places.set(path.resolve(path.dirname(t)), { subject: t, folder: false });
  for (const { subject, folder } of places.values()) {
    const a = existingAncestor(folder ? subject : path.dirname(subject));
    if (!statOf(a)?.isDirectory()) throw new OutputError(fsMessage({ code: "ENOTDIR" }, subject, folder));
    try {
      accessSync(a, fsc.W_OK | fsc.X_OK);
    } catch (e) {
      throw new OutputError(fsMessage(e, subject, folder));
    }
  }
}

/**
 * Where a path leads: its real path (symbolic links and `..` resolved; for a file not there yet, the
 * real path of its folder plus its name) and, if it exists, its device and inode, so a hard link or
 * another spelling of the same file (a case-insensitive disk) is recognised too.
 */
interface FileIdentity {
  real: string;
  inode?: string;
}

function identity(p: string): FileIdentity {
  let real: string;
  try {
    real = realpathSync.native(p);
  } catch {
    try {
      real = path.join(realpathSync.native(path.dirname(p)), path.basename(p));
    } catch {
      real = path.resolve(p);
    }
  }
  let inode: string | undefined;
  try {
    const st = statSync(p, { bigint: true });
    // Some file systems report no inode (0): then the real path is all there is to compare.
    if (st.ino !== 0n) inode = `${st.dev}:${st.ino}`;
  } catch {
    // Not there (yet): only the real path counts.
  }
  return { real, inode };
}

/**
 * Refuses, even with --force, an output that is the supplier's workbook under another name: the
 * same path, a symbolic link to it (or from it), a hard link, a path through a linked folder. The
 * report never writes over the supplier's file.
 */
function checkNotInput(src: string, outputs: readonly { target: string; what: string }[]): void {
  const input = identity(src);
  for (const { target, what } of outputs) {
    const out = identity(target);
    const sameReal = out.real === input.real;
    if (!sameReal && !(input.inode !== undefined && out.inode === input.inode)) continue;
    const how =
      path.resolve(target) === path.resolve(src) ? ""
      : sameReal ? ` (both lead to ${input.real})`
      : " (hard links to one file)";
    throw new OutputError(
      `${what} ${target} is the supplier's workbook ${src}${how}; AluTrace never writes over the supplier's file, not even with --force. Choose another ${what === "-o" ? "name for -o" : "folder for " + what}.`,
    );
  }
}

function outPath(p: Parsed): string {
  const o = p.flags.get("-o");
  if (typeof o !== "string") throw new UsageError("-o OUT.xlsx is required");
  if (!o.toLowerCase().endsWith(".xlsx")) throw new UsageError(`-o ${o}: the output must be an .xlsx file`);
  return o;
}

/** Writes the outputs in order, each atomically; the folders are made if missing (`-o out/report.xlsx`). */
class Writer {
  readonly written: string[] = [];

  async folder(dir: string): Promise<void> {
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (e) {
      throw new OutputError(fsMessage(e, dir, true) + this.already());
    }
  }

  async file(target: string, data: Buffer): Promise<void> {
    await this.folder(path.dirname(target));
    try {
      await writeFileAtomic(target, data);
    } catch (e) {
      throw new OutputError(fsMessage(e, target) + this.already());
    }
    this.written.push(target);
  }

  private already(): string {
    return this.written.length ? ` (already written: ${listPaths(this.written)})` : "";
  }
}

/** A product id as a file name: only characters every file system takes. */
const SEVERITY_ZH: Record<Finding["severity"], string> = { error: "错误", warning: "警告", info: "提示" };

function formatFinding(f: Finding, zh: boolean): string {
  const where = f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
  // Chinese severities are two characters but four columns wide: padded to the same width as English.
  const severity = zh ? `${SEVERITY_ZH[f.severity]}   ` : f.severity.padEnd(7);
  return `${where.padEnd(26)} ${severity} ${f.code.padEnd(16)} ${oneLine(zh ? f.messageZh : f.message)}`;
}

/** A message quoting a cell stays on its line: a line feed or tab from the cell cannot start a forged finding. */
function oneLine(s: string): string {
  return s.replace(/\n/g, "\\n").replace(/\t/g, "\\t");
}

function summary(v: ValidationResult, zh = false): string {
  const c = countBySeverity(v.findings);
  return zh ? `${c.error} 个错误，${c.warning} 个警告，${c.info} 条提示` : `${c.error} error(s), ${c.warning} warning(s), ${c.info} note(s)`;
}

/** Why a workbook could not be read: printed to stderr, and the entry of --json for several files. */
interface Unreadable {
  unreadable: string;
}

async function readInput(file: string): Promise<{ buf: Buffer; name: string } | Unreadable> {
  try {
    return { buf: await fs.readFile(file), name: path.basename(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file"
      : code === "EISDIR" ? "it is a folder, not a workbook; name the .xlsx file(s) in it"
      : code === "EACCES" || code === "EPERM" ? "permission denied; check that you may read the file"
      : `the file system refused it (${code ?? (e as Error).message})`;
    return { unreadable: `cannot read ${file}: ${why}` };
  }
}

async function loadAndValidate(file: string): Promise<{ v: ValidationResult; buf: Buffer; name: string } | Unreadable> {
  const input = await readInput(file);
  if ("unreadable" in input) return input;
  let grids;
  try {
    grids = await readWorkbook(input.buf);
  } catch (e) {
    return { unreadable: `${file}: ${(e as Error).message}` };
  }
  return { v: validateTemplate({ ...grids, sourceName: input.name }), buf: input.buf, name: input.name };
}

function method(p: Parsed): RecycledMethod {
  const d = p.flags.get("--denominator");
  if (d !== undefined && d !== "all_metal" && d !== "al_only") throw new UsageError("--denominator must be all_metal or al_only");
  return { denominator: (d as RecycledMethod["denominator"]) ?? "all_metal", countInternalCrossProcess: p.flags.has("--count-internal-cross-process") };
}

export function figuresJson(fig: ReportFigures): unknown {
  return {
    method: fig.options.recycledMethod,
    products: fig.products.map((p) => ({
      productId: p.productId,
      outputT: p.outputT,
      recycledContent: { share: p.recycled.share, preConsumerShare: p.recycled.preConsumerShare, postConsumerShare: p.recycled.postConsumerShare, denominatorT: p.recycled.denominatorT, excludedRunAroundT: p.runAroundT },
      redMud: { tDry: p.redMudT, kgPerKgCutOff: p.redMudIntensity, kgPerKgAllocation: p.redMudIntensityAllocation, kgPerDeclaredUnit: p.redMudPerDeclaredUnitKg, declaredUnit: p.declaredUnit, pathwaysKgPerKg: Object.fromEntries(p.pathwayKgPerKg) },
      cbam: { scrapTPerTProduct: p.scrapPerTonne, preConsumerShareOfScrap: p.preConsumerScrapShare ?? null },
    })),
    smelters: fig.smelters,
    refineries: fig.refineries,
  };
}

/**
 * Control characters from a supplier's cells (ESC sequences that clear the screen or fake a line,
 * carriage returns, bidirectional overrides) are shown as \uXXXX instead of acting on the terminal,
 * and so are the zero-width space, word joiner, BOM and soft hyphen, so a user can see them.
 * Inside JSON strings the same text is a valid escape of the same character, so --json stays exact.
 */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

export function terminalSafe(s: string): string {
  return s.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export async function main(argv: readonly string[], rawIo: Io = defaultIo): Promise<number> {
  const io: Io = { ...rawIo, out: (s) => rawIo.out(terminalSafe(s)), err: (s) => rawIo.err(terminalSafe(s)) };
  let p: Parsed;
  try {
    p = parseArgs(argv);
    if (p.flags.has("--version")) {
      io.out(`${VERSION}\n`);
      return 0;
    }
    if (!p.command || p.flags.has("--help") || p.flags.has("-h") || p.command === "help") {
      io.out(USAGE);
      return p.command || p.flags.size ? 0 : 2;
    }
    if (!(p.command in COMMAND_FLAGS)) throw new UsageError(`unknown command ${p.command}`);
    checkApplies(p, p.command);
    switch (p.command) {
      case "template": {
        const lang = language(p.flags.get("--lang"), ["en", "zh-CN", "bilingual"], "bilingual") as Language;
        const file = outPath(p);
        checkOutputs([file], [], p.flags.has("--force"));
        await new Writer().file(file, await toBuffer(buildTemplate(lang)));
        io.out(`Wrote the ${lang} supplier template to ${file}\n`);
        return 0;
      }
      case "validate": {
        const zh = language(p.flags.get("--lang"), ["en", "zh-CN"], "en") === "zh-CN";
        if (p.positional.length === 0) throw new UsageError("name the workbook(s) to validate");
        const json = p.flags.has("--json");
        // `validate *.xlsx` checks every file: the exit code is the worst, so one bad file is never hidden.
        let worst = 0;
        // "file" is the path as given, as the text header prints it: two a.xlsx in different folders stay apart.
        const docs: unknown[] = [];
        for (const [i, file] of p.positional.entries()) {
          const r = await loadAndValidate(file);
          if ("unreadable" in r) {
            io.err(`alutrace: ${r.unreadable}\n`);
            docs.push({ file, error: r.unreadable });
            worst = 2;
            continue;
          }
          if (json) docs.push({ file, errors: r.v.errors, warnings: r.v.warnings, notes: countBySeverity(r.v.findings).info, findings: r.v.findings });
          else {
            io.out(`${i > 0 ? "\n" : ""}${file}${zh ? "：" : ": "}${summary(r.v, zh)}\n`);
            for (const f of r.v.findings) io.out(formatFinding(f, zh) + "\n");
          }
          if (r.v.errors > 0) worst = Math.max(worst, 1);
        }
        // One file: one object, as before; several: an array in the order given.
        if (json && p.positional.length > 1) io.out(JSON.stringify(docs, null, 2) + "\n");
        else if (json && !("error" in (docs[0] as object))) io.out(JSON.stringify(docs[0], null, 2) + "\n");
        return worst;
      }
      case "report": {
        const zh = language(p.flags.get("--lang"), ["en", "zh-CN"], "en") === "zh-CN";
        const file = outPath(p);
        const m = method(p);
        const src = p.positional[0];
        if (!src) throw new UsageError("name the workbook to read");
        checkNotInput(src, [{ target: file, what: "-o" }]);
        const force = p.flags.has("--force");
        const pactDir = p.flags.get("--pact");
        const csvDir = p.flags.get("--csv");
        const folders = [
          ...(typeof csvDir === "string" ? [{ flag: "--csv", dir: csvDir }] : []),
          ...(typeof pactDir === "string" ? [{ flag: "--pact", dir: pactDir }] : []),
        ];
        for (const f of folders) if (path.resolve(f.dir) === path.resolve(file)) throw new UsageError(`${f.flag} ${f.dir}: the folder cannot be the report file`);
        // Refused now if it is going to be refused, before the workbook is read.
        checkOutputs([file], folders, force);
        const r = await loadAndValidate(src);
        if ("unreadable" in r) {
          io.err(`alutrace: ${r.unreadable}\n`);
          return 2;
        }
        if (r.v.errors > 0) {
          io.err(zh ? `${src}：${summary(r.v, true)}；请先修正以下错误，再生成报告：\n` : `${src}: ${summary(r.v)}; fix the errors before a report can be made:\n`);
          for (const f of r.v.findings.filter((x) => x.severity === "error")) io.err(formatFinding(f, zh) + "\n");
          return 1;
        }
        const fig = computeReport(r.v, { recycledMethod: m });
        const prov = {
          sourceName: r.name,
          sourceSha256: createHash("sha256").update(r.buf).digest("hex"),
          sourceSha256Of: "file" as const,
          alutraceVersion: VERSION,
          generatedAt: (io.now ?? (() => new Date()))().toISOString().replace(/\.\d{3}Z$/, "Z"),
        };
        const spec = buildReport(r.v, fig, prov);
        // Every output is made in memory and checked before the first byte is written.
        const report = await appendToWorkbookBuffer(r.buf, spec);
        const placed = report.sheets.map((x) => x.sheetName);
        const files = exportFiles(r.v, fig, spec, prov, { pact: typeof pactDir === "string", csv: typeof csvDir === "string" });
        const side = [
          ...(typeof csvDir === "string" ? files.csv.map((c) => ({ target: path.join(csvDir, c.name), text: c.text, what: "--csv" })) : []),
          ...(typeof pactDir === "string" ? files.pact.map((x) => ({ target: path.join(pactDir, x.name), text: x.text, what: "--pact" })) : []),
        ];
        checkNotInput(src, side);
        checkOutputs([file, ...side.map((x) => x.target)], folders, force);
        const w = new Writer();
        await w.file(file, report.buffer);
        for (const f of folders) await w.folder(f.dir);
        for (const x of side) await w.file(x.target, Buffer.from(x.text, "utf8"));
        let exitCode = 0;
        const notes: string[] = [];
        if (typeof csvDir === "string") notes.push(zh ? `已将报告表格以 CSV 写入 ${csvDir}` : `Wrote the report tables as CSV to ${csvDir}`);
        if (typeof pactDir === "string") {
          const footprints = files.pact.filter((x) => x.name.endsWith(".pact.json")).length;
          const hasExtension = files.pact.some((x) => x.name === "alutrace-extension.json");
          if (files.pactRefusal) {
            // Exit 1: the report was written, the footprints were not (the message says which).
            exitCode = 1;
            const x = zh ? files.pactRefusal.zh : files.pactRefusal;
            io.err(zh ? `alutrace：已写入 ${file}，但未生成 PACT 碳足迹：${x.summary}\n` : `alutrace: wrote ${file}, but no PACT footprints: ${x.summary}\n`);
            for (const d of x.details) io.err(`  ${oneLine(d)}\n`);
            const extension = path.join(pactDir, "alutrace-extension.json");
            io.err(`${hasExtension ? x.advice.replace("in alutrace-extension.json.", `in ${extension}.`).replace("见 alutrace-extension.json。", `见 ${extension}。`) : x.advice}\n`);
            if (hasExtension) notes.push(zh ? `已将 AluTrace 扩展文档（赤泥、再生含量）写入 ${pactDir}` : `Wrote the AluTrace extension document (red mud, recycled content) to ${pactDir}`);
          } else notes.push(zh ? `已将 ${footprints} 个 PACT v3 碳足迹文件及 AluTrace 扩展文档写入 ${pactDir}` : `Wrote ${footprints} PACT v3 footprint(s) and the AluTrace extension document to ${pactDir}`);
        }
        if (p.flags.has("--json")) io.out(JSON.stringify(figuresJson(fig), null, 2) + "\n");
        else {
          const pct = (x: number) => (x * 100).toFixed(1);
          if (zh) io.out(`${src}：${summary(r.v, true)}\n已写入 ${file}，报告页：${placed.join("、")}\n`);
          else io.out(`${src}: ${summary(r.v)}\nWrote ${file} with the report tabs ${placed.join(", ")}\n`);
          for (const x of fig.products) {
            const rc = x.recycled;
            io.out(
              zh
                ? `  ${x.productId}：再生含量 ${pct(rc.share)}%（消费前 ${pct(rc.preConsumerShare)}%，消费后 ${pct(rc.postConsumerShare)}%）；赤泥 ${x.redMudIntensity.toFixed(3)} 千克/千克产品（截断法）\n`
                : `  ${x.productId}: recycled content ${pct(rc.share)} % (pre ${pct(rc.preConsumerShare)} %, post ${pct(rc.postConsumerShare)} %); red mud ${x.redMudIntensity.toFixed(3)} kg/kg product (cut-off)\n`,
            );
          }
          for (const n of notes) io.out(`${n}\n`);
        }
        return exitCode;
      }
      default:
        throw new UsageError(`unknown command ${p.command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      // One line, not the whole help: the error is what the user needs to see.
      io.err(`alutrace: ${e.message}\nRun \`alutrace --help\` for usage.\n`);
      return 2;
    }
    if (e instanceof OutputError) {
      io.err(`alutrace: ${e.message}\n`);
      return 2;
    }
    // A system error's own text can name internal files (the atomic write's temporary file).
    const errno = e as ErrnoError;
    if (typeof errno.code === "string" && typeof errno.syscall === "string") {
      io.err(`alutrace: unexpected file system error (${errno.code} in ${errno.syscall})\n`);
      return 2;
    }
    io.err(`alutrace: ${(e as Error).message}\n`);
    return 2;
  }
}
