/**
 * The ownership mark: how AluTrace knows which sheets it created, so it only ever replaces its own
 * sheets and never a user's.
 *
 * FORMAT: one workbook-level defined name per owned sheet,
 *     _AluTrace_<kind>_<slot>   referring to   '<sheet name>'!$A$1
 * - <kind> is the SheetSpec kind (template, instructions, codelists, report, findings).
 * - <slot> identifies the sheet's role across re-exports: an ASCII slug of the sheet name AluTrace
 *   gave it plus "_" and a base-36 FNV-1a hash of that name upper-cased (Excel compares sheet names
 *   case-insensitively). Example: `_AluTrace_report_R1_Cover_1x9k2qz`.
 * Why a defined name: Excel (and LibreOffice) rewrite a name's reference when the user renames the
 * sheet, so the mark follows the sheet; it needs no hidden cell, survives copy/paste of the data and
 * works the same through Office.js (`workbook.names.add`) and .xlsx. A deleted sheet leaves the name
 * pointing at #REF!, which simply no longer matches a sheet.
 */
import type { SheetKind } from "../core/sheetspec";
import { isValidDefinedName, sameSheetName } from "./names";

export const OWNERSHIP_PREFIX = "_AluTrace_";

export interface NamedRef {
  readonly name: string;
  /** The name's reference as Excel stores it, e.g. "'R1 Cover'!$A$1" (a leading "=" is allowed). */
  readonly ref: string;
}

export interface OwnedSheet {
  /** The sheet's current name (as found in the reference, or as spelled in `sheetNames`). */
  readonly sheetName: string;
  readonly kind: string;
  readonly slot: string;
  readonly markName: string;
}

/** 32-bit FNV-1a over UTF-16 code units, base 36: short, stable, dependency-free. */
export function fnv1a36(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The slot of a sheet AluTrace names `sheetName` (see FORMAT above). */
export function ownershipSlot(sheetName: string): string {
  const slug = sheetName.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "sheet";
  return `${slug}_${fnv1a36(sheetName.toUpperCase())}`;
}

/** The defined name marking a sheet of this kind that AluTrace names `specSheetName`. */
export function ownershipMarkName(kind: SheetKind | string, specSheetName: string): string {
  if (!/^[A-Za-z]+$/.test(kind)) throw new Error(`Sheet kind "${kind}" cannot be part of a defined name.`);
  const name = `${OWNERSHIP_PREFIX}${kind}_${ownershipSlot(specSheetName)}`;
  if (!isValidDefinedName(name)) throw new Error(`Internal: ownership mark "${name}" is not a valid Excel name.`);
  return name;
}

/** A sheet name quoted for a reference: always quoted, apostrophes doubled ('It''s'). */
export function quotedSheetRef(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'`;
}

/** The reference an ownership mark carries: '<sheet>'!$A$1. */
export function ownershipMarkRef(sheetName: string): string {
  return `${quotedSheetRef(sheetName)}!$A$1`;
}

/** The mark for one sheet, as a defined name to add to the workbook. */
export function ownershipMark(kind: SheetKind | string, specSheetName: string, currentSheetName = specSheetName): NamedRef {
  return { name: ownershipMarkName(kind, specSheetName), ref: ownershipMarkRef(currentSheetName) };
}

/** Splits a mark name into kind and slot; undefined when it is not an AluTrace mark. */
export function parseOwnershipMarkName(name: string): { kind: string; slot: string } | undefined {
  const m = /^_AluTrace_([A-Za-z]+)_(.+)$/i.exec(name);
  return m ? { kind: m[1].toLowerCase(), slot: m[2] } : undefined;
}

/**
 * The sheet a single-cell or single-area reference points at ("'My Sheet'!$A$1", "Data!A1:B2",
 * "=Sheet1!$A$1"); undefined for anything else (#REF!, constants, several areas, other workbooks).
 */
export function sheetOfRef(ref: string): string | undefined {
  const s = ref.trim().replace(/^=/, "");
  const cell = "\\$?[A-Za-z]{1,3}\\$?[0-9]{1,7}";
  const area = `${cell}(?::${cell})?`;
  let m = new RegExp(`^'((?:[^']|'')+)'!${area}$`).exec(s);
  if (m) return m[1].replace(/''/g, "'");
  m = new RegExp(`^([^'!\\[\\]:,\\s][^'!\\[\\]:,]*)!${area}$`).exec(s);
  if (m && m[1] !== "#REF") return m[1];
  return undefined;
}

/**
 * The owned sheets among a workbook's defined names. With `sheetNames`, marks whose sheet no longer
 * exists are dropped and names are returned as the workbook spells them. One entry per sheet (the
 * first mark wins when a sheet carries several, e.g. after a user copied a sheet).
 */
export function findOwnedSheets(names: readonly NamedRef[], sheetNames?: readonly string[]): OwnedSheet[] {
  const out: OwnedSheet[] = [];
  for (const n of names) {
    const parsed = parseOwnershipMarkName(n.name);
    if (!parsed) continue;
    const target = sheetOfRef(n.ref);
    if (target === undefined) continue;
    let sheetName = target;
    if (sheetNames) {
      const actual = sheetNames.find((s) => sameSheetName(s, target));
      if (actual === undefined) continue;
      sheetName = actual;
    }
    if (out.some((o) => sameSheetName(o.sheetName, sheetName))) continue;
    out.push({ sheetName, kind: parsed.kind, slot: parsed.slot, markName: n.name });
  }
  return out;
}

/** The owned sheet that plays the role of the spec sheet (same kind and slot), if any. */
export function findOwnedSlot(owned: readonly OwnedSheet[], kind: string, specSheetName: string): OwnedSheet | undefined {
  const slot = ownershipSlot(specSheetName).toUpperCase();
  return owned.find((o) => o.kind === kind.toLowerCase() && o.slot.toUpperCase() === slot);
}
