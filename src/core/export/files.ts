/**
 * The machine-readable exports as files (name, media type, text): one PACT v3 ProductFootprint per
 * product, AluTrace's extension document, and one CSV per report tab. The command line writes them
 * to folders; the task pane offers them as downloads. One function, so both give the same files.
 */
import type { Cell, WorkbookGrids } from "../cells";
import { isCellError } from "../cells";
import type { ReportFigures } from "../report/compute";
import type { Provenance } from "../report/tabs";
import type { WorkbookSpec } from "../sheetspec";
import type { ValidationResult } from "../template/validate";
import { reportCsvFiles } from "./csv";
import { buildExtensionDocument, buildPactFootprints, type PactRefusal } from "./pact";
import { pcfFromTemplate } from "./pcf-from-template";

export interface ExportFile {
  /** A file name safe on Windows, macOS and Linux. */
  readonly name: string;
  readonly mediaType: "application/json" | "text/csv";
  readonly text: string;
}

export interface ExportFiles {
  /** PACT footprints (`<product>.pact.json`) and `alutrace-extension.json`. */
  readonly pact: ExportFile[];
  /** Why no PACT footprints were made (usually: no footprint values on 09_Footprint). */
  readonly pactRefusal?: { message: string; refusals: PactRefusal[] };
  readonly csv: ExportFile[];
}

export interface ExportFilesOptions {
  readonly pact?: boolean;
  readonly csv?: boolean;
}

/** Letters, digits, ".", "_" and "-" kept; everything else "_"; never empty, at most 100 characters. */
export function safeFileName(s: string): string {
  return s.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+/, "").slice(0, 100) || "product";
}

const json = (x: unknown): string => JSON.stringify(x, null, 2) + "\n";

export function exportFiles(val: ValidationResult, fig: ReportFigures, spec: WorkbookSpec, prov: Provenance, opts: ExportFilesOptions = { pact: true, csv: true }): ExportFiles {
  const pact: ExportFile[] = [];
  let pactRefusal: ExportFiles["pactRefusal"];
  if (opts.pact) {
    const ext = buildExtensionDocument(val, fig, prov);
    if (ext.ok) pact.push({ name: "alutrace-extension.json", mediaType: "application/json", text: json(ext.document) });
    const r = buildPactFootprints(val, fig, prov, { pcf: pcfFromTemplate(val) });
    if (r.ok) {
      const used = new Set<string>(["alutrace-extension.json"]);
      for (const fp of r.footprints) {
        const pid = fp.productIds[0]?.split(":").pop() ?? fp.id;
        let name = `${safeFileName(decodeURIComponent(pid))}.pact.json`;
        for (let i = 2; used.has(name.toLowerCase()); i++) name = `${safeFileName(decodeURIComponent(pid))}_${i}.pact.json`;
        used.add(name.toLowerCase());
        pact.push({ name, mediaType: "application/json", text: json(fp) });
      }
    } else pactRefusal = { message: r.message, refusals: r.refusals };
  }
  const csv: ExportFile[] = opts.csv ? reportCsvFiles(spec).map((c) => ({ name: c.name, mediaType: "text/csv" as const, text: c.csv })) : [];
  return { pact, ...(pactRefusal ? { pactRefusal } : {}), csv };
}

function canonicalCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (isCellError(v)) return `!${v.code}`;
  if (typeof v === "number") return `n${v}`;
  if (typeof v === "boolean") return v ? "b1" : "b0";
  return `s${v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n")}`;
}

/**
 * A canonical text of the sheets' values (sheet name, then one line per row, cells tab-separated
 * and typed), for hashing what was read when there is no file to hash: the task pane reads cells,
 * not the .xlsx bytes. The same values give the same text whatever wrote the workbook.
 */
export function canonicalSheetValues(grids: WorkbookGrids, sheetNames?: readonly string[]): string {
  const keep = sheetNames && new Set(sheetNames.map((s) => s.toUpperCase()));
  const parts: string[] = [];
  for (const g of grids.sheets) {
    if (keep && !keep.has(g.name.toUpperCase())) continue;
    parts.push(`sheet\t${g.name}`);
    for (const row of g.values) {
      let n = row ? row.length : 0;
      while (n > 0 && (row[n - 1] === null || row[n - 1] === undefined || row[n - 1] === "")) n--;
      const cells: string[] = [];
      for (let c = 0; c < n; c++) cells.push(canonicalCell(row[c]));
      parts.push(cells.join("\t"));
    }
  }
  return parts.join("\n");
}
