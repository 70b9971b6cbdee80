/**
 * Adding AluTrace's sheets to a user's existing workbook without touching the user's sheets.
 *
 * How: the spec sheets are rendered with exceljs into a scratch workbook, and their parts are
 * transplanted into the user's package. Every part of the user's file is copied byte for byte
 * (compressed data included) except the few package-level parts that must list the new sheets:
 * xl/workbook.xml (sheets, defined names), its relationships, [Content_Types].xml and styles.xml
 * (our cell formats are appended; existing ones keep their indexes). Nothing is re-serialised, so
 * charts, pivot tables, macros, slicers, comments and formatting exceljs does not model survive.
 *
 * Which sheets may be replaced: only sheets carrying AluTrace's ownership mark (src/sheet/ownership)
 * whose role matches a spec sheet (same kind and slot, or same current name). A replaced sheet keeps
 * its position and its current name (if the user renamed it, the new content follows the rename);
 * its old parts (tables, comments, drawings) are dropped, so no stale cell survives. A spec sheet
 * whose name is taken by a user's sheet gets a free name ("R1_Cover (2)") and the spec's formulas,
 * validation sources and defined names are rewritten to follow it. A workbook whose structure is
 * protected is refused (Excel would not let the user add sheets either).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import type { SheetSpec, SpecCell, WorkbookSpec } from "../core/sheetspec";
import { renameSheetsInSpec } from "../sheet/formulas";
import { sameSheetName, uniqueSheetName } from "../sheet/names";
import { findOwnedSheets, findOwnedSlot, OWNERSHIP_PREFIX, ownershipMarkName, ownershipMarkRef, OwnedSheet } from "../sheet/ownership";
import { DEFAULT_READ_LIMITS, inspectPackage, ReadLimits, WorkbookReadError } from "./package";
import { canWriteDirect, deflateSheetXml } from "./sheetxml";
import { checkWorkbookSpec, effectiveNumFmt, renderWorkbook, SheetSpecError, writeFileAtomic } from "./write";
import { encodeXmlAttr, encodeXmlText, findElement, findElements, parseAttributes, rootPrefix, XmlElement } from "./xml";
import { DeflatedData, extractEntry, readZipDirectory, writeZip, ZipDirectory, ZipEntry, ZipOutEntry } from "./zip";

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const REL_STYLES = `${NS_REL}/styles`;
const REL_CALCCHAIN = `${NS_REL}/calcChain`;
const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
};

export type AppendErrorCode = "name-conflict" | "unsupported";

/** The workbook cannot take the sheets without harming the user's content. */
export class AppendError extends Error {
  override readonly name = "AppendError";
  constructor(
    readonly code: AppendErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface AppendedSheet {
  /** The name the spec gave the sheet. */
  readonly specName: string;
  /** The name it has in the workbook (differs when a user's sheet had the spec's name). */
  readonly sheetName: string;
  readonly action: "added" | "replaced";
}

export interface AppendResult {
  readonly buffer: Buffer;
  readonly sheets: readonly AppendedSheet[];
}

export interface AppendOptions {
  readonly limits?: Partial<ReadLimits>;
  /** Name of the existing workbook for messages. */
  readonly sourceName?: string;
  /**
   * "direct" (default): sheets without tables, validations, merges or notes are written by
   * sheetxml.ts; "exceljs": every sheet goes through exceljs (the reference the direct writer is
   * tested against).
   */
  readonly sheetWriter?: "direct" | "exceljs";
}

/**
 * Adds the spec's sheets to an existing workbook, replacing only sheets AluTrace owns.
 * `existing` is a path or the file's bytes. The result goes to `outPath`, or back to `existing`
 * when that is a path and `outPath` is omitted (written atomically either way).
 * Returns the sheet names as placed, in spec order.
 */
export async function appendToWorkbook(existing: string | Buffer, spec: WorkbookSpec, outPath?: string, opts: AppendOptions = {}): Promise<string[]> {
  let buf: Buffer;
  let sourceName = opts.sourceName;
  if (typeof existing === "string") {
    sourceName ??= path.basename(existing);
    const limits = { ...DEFAULT_READ_LIMITS, ...opts.limits };
    const st = await fs.promises.stat(existing).catch(() => undefined);
    if (!st || !st.isFile()) throw new WorkbookReadError("not-found", `Cannot open "${sourceName}": no such file.`);
    if (st.size > limits.maxFileBytes) throw new WorkbookReadError("too-large", `"${sourceName}" is too large (${st.size} bytes).`, { limit: limits.maxFileBytes, actual: st.size });
    buf = await fs.promises.readFile(existing);
  } else buf = existing;
  const target = outPath ?? (typeof existing === "string" ? existing : undefined);
  if (target === undefined) throw new Error("appendToWorkbook: give an output path when the workbook is passed as bytes.");
  const res = await appendToWorkbookBuffer(buf, spec, { ...opts, ...(sourceName !== undefined ? { sourceName } : {}) });
  await writeFileAtomic(target, res.buffer);
  return res.sheets.map((s) => s.sheetName);
}

/** Part names are case-insensitive in OPC. */
const key = (part: string): string => part.toLowerCase();

/** Resolves a relationship target against the part that owns the relationships. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return normalisePath(target.slice(1));
  const dir = sourcePart.includes("/") ? sourcePart.slice(0, sourcePart.lastIndexOf("/") + 1) : "";
  return normalisePath(dir + target);
}

function normalisePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Relative path from the folder of `fromPart` to `toPart` (both package paths). */
function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
  readonly el: XmlElement;
}

function parseRels(xml: string): Rel[] {
  return findElements(xml, "Relationship").map((el) => ({
    id: el.attrs.get("Id") ?? "",
    type: el.attrs.get("Type") ?? "",
    target: el.attrs.get("Target") ?? "",
    external: el.attrs.get("TargetMode") === "External",
    el,
  }));
}

/** The package being edited: original entries plus replacements, additions and removals. */
type PartData = Buffer | DeflatedData;

function partText(d: PartData): string {
  return (Buffer.isBuffer(d) ? d : zlib.inflateRawSync(d.deflated)).toString("utf8");
}

class PackageEdit {
  private readonly replaced = new Map<string, { name: string; data: PartData }>();
  private readonly added: { name: string; data: PartData }[] = [];
  private readonly removed = new Set<string>();
  private readonly names: Set<string>;

  constructor(
    readonly buf: Buffer,
    readonly dir: ZipDirectory,
  ) {
    this.names = new Set(dir.entries.map((e) => key(e.name)));
  }

  has(part: string): boolean {
    const k = key(part);
    return (this.names.has(k) && !this.removed.has(k)) || this.added.some((a) => key(a.name) === k);
  }

  entry(part: string): ZipEntry | undefined {
    if (this.removed.has(key(part))) return undefined;
    return this.dir.entries.find((e) => key(e.name) === key(part));
  }

  text(part: string): string | undefined {
    const r = this.replaced.get(key(part));
    if (r) return partText(r.data);
    const a = this.added.find((x) => key(x.name) === key(part));
    if (a) return partText(a.data);
    const e = this.entry(part);
    return e ? extractEntry(this.buf, e).toString("utf8") : undefined;
  }

  /** New content for a part: text, bytes, or bytes deflated beforehand. */
  put(part: string, data: string | PartData): void {
    const d = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const k = key(part);
    if (this.names.has(k)) {
      this.removed.delete(k);
      const orig = this.dir.entries.find((e) => key(e.name) === k);
      this.replaced.set(k, { name: orig ? orig.name : part, data: d });
    } else {
      const a = this.added.find((x) => key(x.name) === k);
      if (a) a.data = d;
      else this.added.push({ name: part, data: d });
    }
  }

  remove(part: string): void {
    const k = key(part);
    this.replaced.delete(k);
    const i = this.added.findIndex((x) => key(x.name) === k);
    if (i >= 0) this.added.splice(i, 1);
    if (this.names.has(k)) this.removed.add(k);
  }

  /** A part name "prefix{n}suffix" not used yet, n from 1. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) {
      const p = `${prefix}${n}${suffix}`;
      if (!this.has(p)) return p;
    }
  }

  allParts(): string[] {
    const out: string[] = [];
    for (const e of this.dir.entries) if (!this.removed.has(key(e.name)) && !e.name.endsWith("/")) out.push(e.name);
    for (const a of this.added) out.push(a.name);
    return out;
  }

  build(): Buffer {
    const out: ZipOutEntry[] = [];
    for (const e of this.dir.entries) {
      const k = key(e.name);
      if (this.removed.has(k)) continue;
      const r = this.replaced.get(k);
      if (r) out.push(outEntry(e.name, r.data));
      else out.push({ name: e.name, copyFrom: this.buf, entry: e });
    }
    for (const a of this.added) out.push(outEntry(a.name, a.data));
    return writeZip(out);
  }
}

function outEntry(name: string, d: PartData): ZipOutEntry {
  return Buffer.isBuffer(d) ? { name, data: d } : { name, deflated: d.deflated, crc32: d.crc32, uncompressedSize: d.uncompressedSize };
}

/**
 * The (named style, number format) pairs the directly written sheets use, as a hidden-from-the-user
 * scratch sheet with one cell per pair: exceljs renders it with the other scratch sheets, so its
 * styles part holds exactly the cell formats exceljs would have made for those cells.
 */
class StyleProbe {
  /** style name ("" for none) → number format ("" for none) → probe row (0-based). */
  private readonly rows = new Map<string, Map<string, number>>();
  private readonly cells: SpecCell[][] = [];
  private xf: (number | undefined)[] = [];

  add(sheet: SheetSpec): void {
    for (const row of sheet.rows) {
      if (!row) continue;
      for (const c of row) {
        if (!c || (!c.style && c.numFmt === undefined && !c.date)) continue;
        const numFmt = effectiveNumFmt(c);
        if (!c.style && !numFmt) continue;
        let m = this.rows.get(c.style ?? "");
        if (!m) this.rows.set(c.style ?? "", (m = new Map()));
        if (!m.has(numFmt ?? "")) {
          m.set(numFmt ?? "", this.cells.length);
          this.cells.push([{ v: 0, ...(c.style ? { style: c.style } : {}), ...(numFmt ? { numFmt } : {}) }]);
        }
      }
    }
  }

  sheet(name: string): SheetSpec {
    return { name, kind: "report", rows: this.cells };
  }

  /** Reads the cell format exceljs gave each probe row from the rendered probe sheet. */
  learn(sheetXml: string): void {
    this.xf = [];
    for (const m of sheetXml.matchAll(/<c r="A(\d+)"(?: s="(\d+)")?/g)) this.xf[Number(m[1]) - 1] = m[2] === undefined ? undefined : Number(m[2]);
  }

  /** The scratch cell format of a cell (before mapping into the user's styles), undefined for none. */
  xfOf(c: SpecCell): number | undefined {
    if (!c.style && c.numFmt === undefined && !c.date) return undefined;
    const numFmt = effectiveNumFmt(c);
    const row = this.rows.get(c.style ?? "")?.get(numFmt ?? "");
    return row === undefined ? undefined : this.xf[row];
  }
}

interface PlanItem {
  specIndex: number;
  specName: string;
  finalName: string;
  /** The owned sheet replaced, with its part. */
  replace?: { owned: OwnedSheet; part: string; sheetIndex: number };
}

/** The same as appendToWorkbook, on bytes: returns the new file's bytes and where each sheet went. */
export async function appendToWorkbookBuffer(existing: Buffer, spec: WorkbookSpec, opts: AppendOptions = {}): Promise<AppendResult> {
  const label = opts.sourceName ? `"${opts.sourceName}"` : "The workbook";
  // The user's workbook has visible sheets of its own, so an all-hidden spec is fine here.
  const problems = checkWorkbookSpec(spec).filter((p) => !/At least one sheet must be visible/.test(p));
  if (problems.length) throw new SheetSpecError(`The sheet spec cannot be written: ${problems.slice(0, 10).join(" ")}`, problems);

  const pkg = inspectPackage(existing, label, { ...DEFAULT_READ_LIMITS, ...opts.limits });
  if (/purl\.oclc\.org\/ooxml/.test(pkg.workbookXml)) {
    throw new AppendError("unsupported", `${label} is saved as "Strict Open XML"; save it as a normal Excel Workbook (.xlsx) first.`);
  }
  const protection = findElement(pkg.workbookXml, "workbookProtection");
  if (protection && /^(1|true)$/.test(protection.attrs.get("lockStructure") ?? "")) {
    throw new AppendError(
      "unsupported",
      `${label} has a protected workbook structure, so sheets cannot be added. Unprotect it (Review › Protect Workbook) or write the report to a new file.`,
    );
  }
  const edit = new PackageEdit(existing, pkg.dir);
  const wbPart = pkg.workbookPart.name;
  const wbRelsPart = relsPartOf(wbPart);
  const wbRelsXml = edit.text(wbRelsPart);
  if (wbRelsXml === undefined) throw new WorkbookReadError("damaged", `${label} is damaged: it has no ${wbRelsPart}.`);
  const wbRels = parseRels(wbRelsXml);

  // --- the user's sheets, and which of them are AluTrace's
  const sheetInfos = pkg.workbook.sheets.map((s, index) => {
    const rel = wbRels.find((r) => r.id === s.relId);
    const part = rel && !rel.external ? resolveTarget(wbPart, rel.target) : undefined;
    return { ...s, index, part, isWorksheet: rel?.type === REL_WORKSHEET };
  });
  const sheetNames = sheetInfos.map((s) => s.name);
  const owned = findOwnedSheets(
    pkg.workbook.definedNames.filter((n) => n.localSheetId === undefined),
    sheetNames,
  );

  // --- plan: replace an owned sheet playing the same role, or add; then settle final names
  const plan: PlanItem[] = [];
  const claimed = new Set<string>();
  spec.sheets.forEach((s, specIndex) => {
    const o = findOwnedSlot(owned, s.kind, s.name) ?? owned.find((x) => sameSheetName(x.sheetName, s.name));
    const info = o ? sheetInfos.find((x) => sameSheetName(x.name, o.sheetName)) : undefined;
    if (o && info && info.isWorksheet && info.part && edit.entry(info.part) && !claimed.has(info.name.toUpperCase())) {
      claimed.add(info.name.toUpperCase());
      plan.push({ specIndex, specName: s.name, finalName: s.name, replace: { owned: o, part: info.part, sheetIndex: info.index } });
    } else plan.push({ specIndex, specName: s.name, finalName: s.name });
  });
  // A replaced sheet keeps its current name (a user's rename survives a re-export); the spec's
  // formulas are rewritten to match. New sheets take the spec's name, or a free variant of it.
  const taken: string[] = [...sheetNames];
  for (const p of plan) if (p.replace) p.finalName = sheetInfos[p.replace.sheetIndex].name;
  for (const p of plan) {
    if (p.replace) continue;
    p.finalName = uniqueSheetName(p.specName, taken);
    taken.push(p.finalName);
  }
  const renames = new Map<string, string>();
  for (const p of plan) if (p.finalName !== p.specName) renames.set(p.specName, p.finalName);
  const finalSpec = renameSheetsInSpec(spec, renames);

  // --- defined names to add; a same-named name is replaced only when it is AluTrace's own
  const newNames: { name: string; ref: string }[] = plan.map((p) => ({
    name: ownershipMarkName(spec.sheets[p.specIndex].kind, p.specName),
    ref: ownershipMarkRef(p.finalName),
  }));
  for (const d of finalSpec.definedNames ?? []) newNames.push({ name: d.name, ref: d.ref.replace(/^=/, "") });
  for (const n of newNames) {
    const clash = pkg.workbook.definedNames.find((u) => u.localSheetId === undefined && u.name.toUpperCase() === n.name.toUpperCase());
    if (clash && !clash.name.toUpperCase().startsWith(OWNERSHIP_PREFIX.toUpperCase())) {
      throw new AppendError(
        "name-conflict",
        `${label} already has a defined name "${clash.name}"; AluTrace will not overwrite it. Rename it in Excel (Formulas › Name Manager) and try again.`,
      );
    }
  }

  // --- render our sheets into a scratch package. Plain sheets (the report tabs) are written
  // directly below (sheetxml.ts); exceljs renders the rest plus a probe sheet giving the cell
  // formats of the direct ones, so every cell format still comes from one exceljs styles part.
  const direct = finalSpec.sheets.map((s) => opts.sheetWriter !== "exceljs" && canWriteDirect(s));
  const probe = new StyleProbe();
  finalSpec.sheets.forEach((s, i) => {
    if (direct[i]) probe.add(s);
  });
  const viaExceljs = finalSpec.sheets.filter((_s, i) => !direct[i]);
  const probeName = uniqueSheetName("AluTrace_style_probe", viaExceljs.map((s) => s.name));
  const scratchIndex = new Map<number, number>();
  finalSpec.sheets.forEach((_s, i) => {
    if (!direct[i]) scratchIndex.set(i, scratchIndex.size);
  });
  const scratchWb = renderWorkbook({ sheets: [...viaExceljs, probe.sheet(probeName)], definedNames: [] }, { markOwnership: false, date1904: pkg.workbook.date1904 });
  const scratchOut = await scratchWb.xlsx.writeBuffer();
  const scratch = Buffer.isBuffer(scratchOut) ? scratchOut : Buffer.from(scratchOut as ArrayBuffer);
  const sdir = readZipDirectory(scratch);
  const stext = (part: string): string | undefined => {
    const e = sdir.byName.get(part);
    return e ? extractEntry(scratch, e).toString("utf8") : undefined;
  };
  const sWbXml = stext("xl/workbook.xml") ?? "";
  const sWbRels = parseRels(stext("xl/_rels/workbook.xml.rels") ?? "");
  const sSheetParts = findElements(sWbXml, "sheet").map((el) => {
    const rid = [...el.attrs].find(([k]) => k.endsWith(":id"))?.[1];
    const rel = sWbRels.find((r) => r.id === rid);
    return rel ? resolveTarget("xl/workbook.xml", rel.target) : "";
  });
  const sStrings = [...(stext("xl/sharedStrings.xml") ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
  probe.learn(stext(sSheetParts[viaExceljs.length]) ?? "");

  const overridesToAdd: { part: string; type: string }[] = [];
  let needVmlDefault = false;

  // --- styles: append ours to the user's
  const stylesRel = wbRels.find((r) => r.type === REL_STYLES);
  const userStylesPart = stylesRel ? resolveTarget(wbPart, stylesRel.target) : undefined;
  const userStylesXml = userStylesPart ? edit.text(userStylesPart) : undefined;
  const ourStyles = stext("xl/styles.xml") ?? "";
  const newWbRels: string[] = [];
  const relIds = new Set(wbRels.map((r) => r.id));
  const newRelId = (): string => {
    for (let n = 1; ; n++) {
      const id = `rIdAluTrace${n}`;
      if (!relIds.has(id)) {
        relIds.add(id);
        return id;
      }
    }
  };
  let mapXf: (n: number) => number = (n) => n;
  if (userStylesPart && userStylesXml !== undefined) {
    const merged = mergeStyles(userStylesXml, ourStyles);
    edit.put(userStylesPart, merged.xml);
    mapXf = merged.mapXf;
  } else {
    const part = edit.has("xl/styles.xml") ? edit.freeName("xl/styles", ".xml") : "xl/styles.xml";
    edit.put(part, ourStyles);
    overridesToAdd.push({ part, type: CT.styles });
    newWbRels.push(`<Relationship Id="${newRelId()}" Type="${REL_STYLES}" Target="${encodeXmlAttr(relativeTarget(wbPart, part))}"/>`);
  }

  // --- drop the parts of replaced sheets (tables, comments, drawings …) unless still used elsewhere
  const removedParts: string[] = [];
  const removedRelIds: string[] = [];
  if (plan.some((p) => p.replace)) {
    const candidates: string[] = [];
    for (const p of plan) {
      if (!p.replace) continue;
      const relsPart = relsPartOf(p.replace.part);
      const relsXml = edit.text(relsPart);
      if (relsXml !== undefined) {
        for (const r of parseRels(relsXml)) if (!r.external) candidates.push(resolveTarget(p.replace.part, r.target));
        edit.remove(relsPart);
        removedParts.push(relsPart);
      }
    }
    const replacedParts = new Set(plan.filter((p) => p.replace).map((p) => key(p.replace!.part)));
    while (candidates.length) {
      const c = candidates.pop()!;
      if (!edit.has(c) || replacedParts.has(key(c))) continue;
      if (isStillReferenced(edit, c)) continue;
      const relsPart = relsPartOf(c);
      const relsXml = edit.text(relsPart);
      if (relsXml !== undefined) {
        for (const r of parseRels(relsXml)) if (!r.external) candidates.push(resolveTarget(c, r.target));
        edit.remove(relsPart);
        removedParts.push(relsPart);
      }
      edit.remove(c);
      removedParts.push(c);
    }
    // Excel rebuilds its calculation chain; a stale one (cells that no longer hold formulas) makes
    // it report the file as damaged.
    const cc = wbRels.find((r) => r.type === REL_CALCCHAIN);
    if (cc) {
      const ccPart = resolveTarget(wbPart, cc.target);
      edit.remove(ccPart);
      removedParts.push(ccPart);
      removedRelIds.push(cc.id);
    }
  }

  // --- transplant each sheet
  const tableIds = new Set<number>();
  const tableNames = new Set<string>(pkg.workbook.definedNames.map((d) => d.name.toUpperCase()));
  for (const n of newNames) tableNames.add(n.name.toUpperCase());
  let vmlData = 0;
  for (const part of edit.allParts()) {
    if (/^xl\/tables\/[^/]+\.xml$/i.test(part)) {
      const head = /<(?:\w+:)?table\b[^>]*>/.exec(edit.text(part) ?? "");
      const a = parseAttributes(head?.[0] ?? "");
      const id = Number(a.get("id"));
      if (Number.isFinite(id)) tableIds.add(id);
      for (const k of ["name", "displayName"]) if (a.get(k)) tableNames.add(a.get(k)!.toUpperCase());
    } else if (/\.vml$/i.test(part)) {
      for (const m of (edit.text(part) ?? "").matchAll(/idmap\b[^>]*\bdata="([\d,\s]+)"/g)) {
        for (const n of m[1].split(/[,\s]+/)) if (n) vmlData = Math.max(vmlData, Number(n));
      }
    }
  }

  const sheetUpdates = new Map<number, { name: string; state: string }>();
  const newSheets: { name: string; relId: string; state: string }[] = [];
  const results: AppendedSheet[] = [];
  const dateShift = pkg.workbook.date1904 ? 1462 : 0;
  for (const p of plan) {
    const s = finalSpec.sheets[p.specIndex];
    const part = p.replace ? p.replace.part : edit.freeName("xl/worksheets/sheet", ".xml");
    const si = scratchIndex.get(p.specIndex);
    const sPart = si === undefined ? undefined : sSheetParts[si];
    if (sPart === undefined) {
      edit.put(
        part,
        await deflateSheetXml(s, {
          dateShift,
          styleIndex: (c) => {
            const xf = probe.xfOf(c);
            return xf === undefined ? undefined : mapXf(xf);
          },
        }),
      );
    } else edit.put(part, transformSheetXml(stext(sPart) ?? "", sStrings, mapXf));
    if (!p.replace) overridesToAdd.push({ part, type: CT.worksheet });

    const sRelsXml = sPart === undefined ? undefined : stext(relsPartOf(sPart));
    if (sPart !== undefined && sRelsXml !== undefined) {
      const rels = parseRels(sRelsXml).map((r) => {
        const src = resolveTarget(sPart, r.target);
        let dest: string;
        let content = stext(src) ?? "";
        if (/\/table$/.test(r.type)) {
          dest = edit.freeName("xl/tables/table", ".xml");
          let id = 1;
          while (tableIds.has(id)) id++;
          tableIds.add(id);
          content = fixTableXml(content, id, tableNames);
          overridesToAdd.push({ part: dest, type: CT.table });
        } else if (/\/comments$/.test(r.type)) {
          dest = edit.freeName("xl/comments", ".xml");
          overridesToAdd.push({ part: dest, type: CT.comments });
        } else if (/\/vmlDrawing$/.test(r.type)) {
          dest = edit.freeName("xl/drawings/vmlDrawing", ".vml");
          vmlData += 1;
          content = fixVml(content, vmlData);
          needVmlDefault = true;
        } else {
          throw new AppendError("unsupported", `Internal: exceljs wrote an unexpected ${r.type} part for sheet "${s.name}".`);
        }
        edit.put(dest, content);
        return `<Relationship Id="${encodeXmlAttr(r.id)}" Type="${encodeXmlAttr(r.type)}" Target="${encodeXmlAttr(relativeTarget(part, dest))}"/>`;
      });
      edit.put(relsPartOf(part), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
    }

    const state = s.visibility ?? "visible";
    if (p.replace) sheetUpdates.set(p.replace.sheetIndex, { name: p.finalName, state });
    else {
      const relId = newRelId();
      newWbRels.push(`<Relationship Id="${relId}" Type="${REL_WORKSHEET}" Target="${encodeXmlAttr(relativeTarget(wbPart, part))}"/>`);
      newSheets.push({ name: p.finalName, relId, state });
    }
    results.push({ specName: p.specName, sheetName: p.finalName, action: p.replace ? "replaced" : "added" });
  }

  // --- package-level parts
  const removeNames = new Set(newNames.map((n) => n.name.toUpperCase()));
  for (const p of plan) if (p.replace) removeNames.add(p.replace.owned.markName.toUpperCase());
  edit.put(wbPart, editWorkbookXml(pkg.workbookXml, sheetUpdates, newSheets, removeNames, newNames));
  edit.put(wbRelsPart, editRelsXml(wbRelsXml, newWbRels, removedRelIds));
  const ctXml = edit.text("[Content_Types].xml");
  if (ctXml === undefined) throw new WorkbookReadError("damaged", `${label} is damaged: it has no [Content_Types].xml.`);
  edit.put("[Content_Types].xml", editContentTypes(ctXml, overridesToAdd, removedParts, needVmlDefault));
  return { buffer: edit.build(), sheets: results };
}

/** Whether any relationships part still in the package points at `part`. */
function isStillReferenced(edit: PackageEdit, part: string): boolean {
  for (const rp of edit.allParts()) {
    if (!rp.endsWith(".rels")) continue;
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(rp);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    for (const r of parseRels(edit.text(rp) ?? "")) {
      if (!r.external && key(resolveTarget(source, r.target)) === key(part)) return true;
    }
  }
  return false;
}

/** Our sheet XML for the user's package: strings inlined, style indexes remapped, not tab-selected. */
export function transformSheetXml(xml: string, strings: readonly string[], mapXf: (n: number) => number): string {
  return xml
    .replace(/<c ([^>]*?)\s*t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, a: string, b: string, idx: string) => `<c ${a} t="inlineStr"${b}><is>${strings[Number(idx)] ?? "<t></t>"}</is></c>`)
    .replace(/<(c|row) ([^>]*?)\bs="(\d+)"/g, (_m, tag: string, pre: string, n: string) => `<${tag} ${pre}s="${mapXf(Number(n))}"`)
    .replace(/<col ([^>]*?)\bstyle="(\d+)"/g, (_m, pre: string, n: string) => `<col ${pre}style="${mapXf(Number(n))}"`)
    .replace(/\stabSelected="(?:1|true)"/g, "");
}

function fixTableXml(xml: string, id: number, takenNames: Set<string>): string {
  return xml.replace(/<table\b[^>]*>/, (tag) => {
    const a = parseAttributes(tag);
    const base = a.get("name") ?? `Table${id}`;
    let name = base;
    for (let k = 2; takenNames.has(name.toUpperCase()); k++) name = `${base}_${k}`;
    takenNames.add(name.toUpperCase());
    return tag
      .replace(/\sid="\d+"/, ` id="${id}"`)
      .replace(/\sname="[^"]*"/, ` name="${encodeXmlAttr(name)}"`)
      .replace(/\sdisplayName="[^"]*"/, ` displayName="${encodeXmlAttr(name)}"`);
  });
}

/** VML shape ids live in 1024-wide blocks named by <o:idmap data>; give ours an unused block. */
function fixVml(xml: string, data: number): string {
  return xml
    .replace(/(idmap\b[^>]*\bdata=")[^"]*"/g, `$1${data}"`)
    .replace(/_x0000_s(\d+)/g, (_m, n: string) => `_x0000_s${data * 1024 + (Number(n) % 1024)}`);
}

function editWorkbookXml(
  xml: string,
  sheetUpdates: ReadonlyMap<number, { name: string; state: string }>,
  newSheets: readonly { name: string; relId: string; state: string }[],
  removeNames: ReadonlySet<string>,
  addNames: readonly { name: string; ref: string }[],
): string {
  const p = rootPrefix(xml);
  const edits: { start: number; end: number; text: string }[] = [];
  const sheetEls = findElements(xml, "sheet");
  for (const [index, u] of sheetUpdates) {
    const el = sheetEls[index];
    const attrs = new Map(el.attrs);
    attrs.set("name", u.name);
    if (u.state === "visible") attrs.delete("state");
    else attrs.set("state", u.state);
    const text = `<${el.qname}${[...attrs].map(([k, v]) => ` ${k}="${encodeXmlAttr(v)}"`).join("")}/>`;
    edits.push({ start: el.start, end: el.end, text });
  }
  if (newSheets.length) {
    const rDecl = new RegExp(`xmlns:([\\w.-]+)="${NS_REL.replace(/[./]/g, "\\$&")}"`).exec(xml.slice(0, xml.indexOf(">", xml.indexOf("<" + p + "workbook")) + 1));
    const rp = rDecl ? rDecl[1] : "r";
    const localDecl = rDecl ? "" : ` xmlns:r="${NS_REL}"`;
    let maxId = 0;
    for (const el of sheetEls) maxId = Math.max(maxId, Number(el.attrs.get("sheetId")) || 0);
    const text = newSheets
      .map((s) => `<${p}sheet name="${encodeXmlAttr(s.name)}" sheetId="${++maxId}"${s.state !== "visible" ? ` state="${s.state}"` : ""} ${rp}:id="${s.relId}"${localDecl}/>`)
      .join("");
    const close = xml.indexOf(`</${p}sheets>`);
    if (close < 0) throw new AppendError("unsupported", "The workbook part has no <sheets> list.");
    edits.push({ start: close, end: close, text });
  }
  const namesXml = addNames.map((n) => `<${p}definedName name="${encodeXmlAttr(n.name)}">${encodeXmlText(n.ref)}</${p}definedName>`).join("");
  const block = findElement(xml, "definedNames");
  if (block && block.inner !== undefined) {
    for (const el of findElements(xml, "definedName")) {
      if (el.attrs.get("localSheetId") === undefined && removeNames.has((el.attrs.get("name") ?? "").toUpperCase())) {
        edits.push({ start: el.start, end: el.end, text: "" });
      }
    }
    const closeAt = block.end - `</${block.qname}>`.length;
    edits.push({ start: closeAt, end: closeAt, text: namesXml });
  } else if (block) {
    edits.push({ start: block.start, end: block.end, text: `<${p}definedNames>${namesXml}</${p}definedNames>` });
  } else if (addNames.length) {
    // definedNames follows sheets, functionGroups and externalReferences in CT_Workbook.
    let at = -1;
    for (const local of ["sheets", "functionGroups", "externalReferences"]) {
      const el = findElement(xml, local);
      if (el) at = Math.max(at, el.end);
    }
    if (at < 0) throw new AppendError("unsupported", "The workbook part has no <sheets> list.");
    edits.push({ start: at, end: at, text: `<${p}definedNames>${namesXml}</${p}definedNames>` });
  }
  return applyEdits(xml, edits);
}

function applyEdits(xml: string, edits: { start: number; end: number; text: string }[]): string {
  // Later edits first, so earlier offsets stay valid; at one offset, keep the order given.
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = xml;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function editRelsXml(xml: string, add: readonly string[], removeIds: readonly string[]): string {
  const p = rootPrefix(xml);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const el of findElements(xml, "Relationship")) {
    if (removeIds.includes(el.attrs.get("Id") ?? "")) edits.push({ start: el.start, end: el.end, text: "" });
  }
  const close = xml.lastIndexOf(`</${p}Relationships>`);
  const items = p ? add.map((r) => r.replace(/^<Relationship/, `<${p}Relationship`)) : add;
  edits.push({ start: close, end: close, text: items.join("") });
  return applyEdits(xml, edits);
}

function editContentTypes(xml: string, add: readonly { part: string; type: string }[], removed: readonly string[], needVml: boolean): string {
  const p = rootPrefix(xml);
  const gone = new Set(removed.map((r) => `/${key(r)}`));
  const edits: { start: number; end: number; text: string }[] = [];
  for (const el of findElements(xml, "Override")) {
    if (gone.has(key(el.attrs.get("PartName") ?? ""))) edits.push({ start: el.start, end: el.end, text: "" });
  }
  let text = "";
  const hasVml = findElements(xml, "Default").some((el) => (el.attrs.get("Extension") ?? "").toLowerCase() === "vml");
  if (needVml && !hasVml) text += `<${p}Default Extension="vml" ContentType="${CT.vml}"/>`;
  for (const a of add) text += `<${p}Override PartName="/${encodeXmlAttr(a.part)}" ContentType="${a.type}"/>`;
  const close = xml.lastIndexOf(`</${p}Types>`);
  edits.push({ start: close, end: close, text });
  return applyEdits(xml, edits);
}

// ---------------------------------------------------------------------------------------------
// Styles

const STYLE_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

function prefixed(xml: string, p: string): string {
  return p ? xml.replace(/<(\/?)([A-Za-z])/g, `<$1${p}$2`) : xml;
}

/**
 * Appends our fonts, fills, borders, number formats and cell formats to the user's styles part.
 * The user's entries keep their indexes (their cells are untouched); ours get new ones. Our
 * defaults (font 0, fills 0–1, border 0, xf 0) map onto the user's defaults.
 */
export function mergeStyles(userXml: string, ourXml: string): { xml: string; mapXf: (n: number) => number } {
  const p = rootPrefix(userXml);
  const ours = (local: string, item: string): { xml: string; attrs: Map<string, string>; inner: string | undefined }[] => {
    const block = findElement(ourXml, local);
    if (!block || block.inner === undefined) return [];
    return findElements(block.inner, item).map((e) => ({ xml: block.inner!.slice(e.start, e.end), attrs: e.attrs, inner: e.inner }));
  };
  const userItems = (local: string, item: string): string[] => {
    const block = findElement(userXml, local);
    const inner = block?.inner;
    return inner !== undefined ? findElements(inner, item).map((e) => inner.slice(e.start, e.end)) : [];
  };
  /** Our items appended after the user's, reusing an identical existing item (so re-exports do not
   *  grow the styles part); our first `defaults` items map onto the user's defaults. */
  const plan = (local: string, item: string, defaults: number, build: (k: number) => string = (k) => prefixed(list0(local, item)[k].xml, p)) => {
    const existing = userItems(local, item);
    const have = existing.length;
    const d = have >= defaults ? defaults : 0;
    const index = new Map<string, number>();
    existing.forEach((x, i) => {
      if (!index.has(x)) index.set(x, i);
    });
    const items: string[] = [];
    const map: number[] = [];
    const n = list0(local, item).length;
    for (let k = 0; k < n; k++) {
      if (k < d) {
        map[k] = k;
        continue;
      }
      const x = build(k);
      let idx = index.get(x);
      if (idx === undefined) {
        idx = have + items.length;
        items.push(x);
        index.set(x, idx);
      }
      map[k] = idx;
    }
    return { items, map: (k: number): number => map[k] ?? k };
  };
  const cache = new Map<string, ReturnType<typeof ours>>();
  const list0 = (local: string, item: string): ReturnType<typeof ours> => {
    const k = `${local}/${item}`;
    let v = cache.get(k);
    if (!v) {
      v = ours(local, item);
      cache.set(k, v);
    }
    return v;
  };
  const fonts = plan("fonts", "font", 1);
  const fills = plan("fills", "fill", 2);
  const borders = plan("borders", "border", 1);

  // Number formats: reuse a user's id with the same code, else take a new id above all used.
  const userFmtBlock = findElement(userXml, "numFmts");
  const userFmts = userFmtBlock?.inner !== undefined ? findElements(userFmtBlock.inner, "numFmt") : [];
  const codeToId = new Map<string, number>();
  let maxFmt = 163;
  for (const f of userFmts) {
    const id = Number(f.attrs.get("numFmtId"));
    if (Number.isFinite(id)) {
      maxFmt = Math.max(maxFmt, id);
      codeToId.set(f.attrs.get("formatCode") ?? "", id);
    }
  }
  const fmtMap = new Map<number, number>();
  const newFmts: string[] = [];
  for (const f of ours("numFmts", "numFmt")) {
    const id = Number(f.attrs.get("numFmtId"));
    const code = f.attrs.get("formatCode") ?? "";
    let uid = codeToId.get(code);
    if (uid === undefined) {
      uid = ++maxFmt;
      codeToId.set(code, uid);
      newFmts.push(`<${p}numFmt numFmtId="${uid}" formatCode="${encodeXmlAttr(code)}"/>`);
    }
    fmtMap.set(id, uid);
  }

  const ourXfs = list0("cellXfs", "xf");
  const xfs = plan("cellXfs", "xf", 1, (k) => {
    const x = ourXfs[k];
    const a = new Map(x.attrs);
    const num = (name: string): number => Number(a.get(name) ?? 0);
    a.set("numFmtId", String(fmtMap.get(num("numFmtId")) ?? num("numFmtId")));
    a.set("fontId", String(fonts.map(num("fontId"))));
    a.set("fillId", String(fills.map(num("fillId"))));
    a.set("borderId", String(borders.map(num("borderId"))));
    a.set("xfId", "0");
    const attrs = [...a].map(([name, v]) => ` ${name}="${encodeXmlAttr(v)}"`).join("");
    return x.inner === undefined ? `<${p}xf${attrs}/>` : `<${p}xf${attrs}>${prefixed(x.inner, p)}</${p}xf>`;
  });

  let xml = userXml;
  xml = appendToBlock(xml, p, "numFmts", "numFmt", newFmts);
  xml = appendToBlock(xml, p, "fonts", "font", fonts.items);
  xml = appendToBlock(xml, p, "fills", "fill", fills.items);
  xml = appendToBlock(xml, p, "borders", "border", borders.items);
  xml = appendToBlock(xml, p, "cellXfs", "xf", xfs.items);
  return { xml, mapXf: xfs.map };
}

/** Appends items to a top-level block of styles.xml (creating it in schema order if missing). */
function appendToBlock(xml: string, p: string, local: string, item: string, items: readonly string[]): string {
  if (items.length === 0) return xml;
  const block = findElement(xml, local);
  if (block) {
    const existing = block.inner !== undefined ? findElements(block.inner, item).length : 0;
    const attrs = new Map(block.attrs);
    attrs.set("count", String(existing + items.length));
    const open = `<${block.qname}${[...attrs].map(([k, v]) => ` ${k}="${encodeXmlAttr(v)}"`).join("")}>`;
    return xml.slice(0, block.start) + open + (block.inner ?? "") + items.join("") + `</${block.qname}>` + xml.slice(block.end);
  }
  const text = `<${p}${local} count="${items.length}">${items.join("")}</${p}${local}>`;
  for (const next of STYLE_ORDER.slice(STYLE_ORDER.indexOf(local) + 1)) {
    const el = findElement(xml, next);
    if (el) return xml.slice(0, el.start) + text + xml.slice(el.start);
  }
  const close = xml.lastIndexOf(`</${p}styleSheet>`);
  return xml.slice(0, close) + text + xml.slice(close);
}
