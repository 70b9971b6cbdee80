/**
 * The named cell styles as data. Both renderers (Office.js in src/excel, exceljs in src/xlsx) map a
 * `StyleDef` to their own API, so a report looks the same whichever host wrote it. Colours are
 * "RRGGBB" (no "#", no alpha); Office.js takes "#RRGGBB", exceljs "FFRRGGBB" — see `argb`/`cssHex`.
 */
import type { CellStyleName } from "../core/sheetspec";

export interface StyleDef {
  /** Solid background fill. */
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Points; the workbook default (11) when absent. */
  readonly fontSize?: number;
  /** Thin border on all four edges. */
  readonly border?: "thin";
  readonly borderColor?: string;
  readonly wrap?: boolean;
  readonly hAlign?: "left" | "center" | "right";
  readonly vAlign?: "top" | "center" | "bottom";
}

/**
 * Colours follow Excel's built-in cell styles where one exists (Input, Good, Neutral, Bad), so users
 * recognise them: yellow-ish input cells, green/amber/red findings.
 */
export const STYLE_PALETTE: Readonly<Record<CellStyleName, StyleDef>> = {
  title: { bold: true, fontSize: 14, fontColor: "1F3864" },
  subtitle: { bold: true, fontSize: 12, fontColor: "2F5496" },
  header: { bold: true, fill: "D9E1F2", fontColor: "1F3864", border: "thin", borderColor: "8EA9DB", wrap: true, vAlign: "top" },
  label: { bold: true, fill: "F2F2F2" },
  input: { fill: "FFF2CC", border: "thin", borderColor: "BFBFBF" },
  computed: { fill: "DDEBF7", fontColor: "1F4E78" },
  note: { italic: true, fontColor: "595959", wrap: true, vAlign: "top" },
  good: { fill: "C6EFCE", fontColor: "006100" },
  warning: { fill: "FFEB9C", fontColor: "9C5700" },
  error: { fill: "FFC7CE", fontColor: "9C0006" },
};

export const STYLE_NAMES = Object.keys(STYLE_PALETTE) as CellStyleName[];

export function styleDef(name: CellStyleName): StyleDef {
  return STYLE_PALETTE[name];
}

/** "RRGGBB" (or "#RRGGBB") → "FFRRGGBB" (exceljs, .xlsx). */
export function argb(rgb: string): string {
  return `FF${normaliseRgb(rgb)}`;
}

/** "RRGGBB" (or "#RRGGBB") → "#RRGGBB" (Office.js). */
export function cssHex(rgb: string): string {
  return `#${normaliseRgb(rgb)}`;
}

/** Accepts "RRGGBB", "#RRGGBB" or "AARRGGBB"; throws on anything else (a spec bug, not user data). */
export function normaliseRgb(rgb: string): string {
  const s = rgb.replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{6}$/.test(s)) return s;
  if (/^[0-9A-F]{8}$/.test(s)) return s.slice(2);
  throw new Error(`Not a colour: "${rgb}" (expected RRGGBB).`);
}
