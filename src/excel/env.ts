/**
 * The Office.js runtime as AluTrace sees it: `Excel.run`, requirement-set checks and the document
 * settings bag, all reached through `globalThis` and guarded, so this module loads (and is tested)
 * outside Office. Only src/excel touches Office.js; everything else in the project is pure.
 */

/** The ExcelApi version the manifest requires (manifest.xml <Set Name="ExcelApi" MinVersion>). */
export const MANIFEST_EXCEL_API = "1.8";

export type ExcelHostErrorCode =
  /** Office.js / Excel.run is not there (outside Excel). */
  | "unavailable"
  /** The host lacks a requirement set the action needs. */
  | "unsupported"
  /** The workbook is larger than AluTrace reads in one go. */
  | "too-many-cells"
  /** A defined name AluTrace needs belongs to the user. */
  | "name-conflict"
  /** A sheet or cell the caller named does not exist. */
  | "not-found"
  /** The sheet to show is hidden by the user. */
  | "hidden-sheet"
  /** The supplier data has errors, so no report is made. */
  | "invalid-data"
  /** The spec cannot be drawn (bad sheet name, duplicate sheets). */
  | "bad-spec";

/** A failure the task pane can show as is: the message says what happened and what to do. */
export class ExcelHostError extends Error {
  override readonly name = "ExcelHostError";
  constructor(
    readonly code: ExcelHostErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface OfficeGlobal {
  context?: {
    requirements?: { isSetSupported?(name: string, version?: string): boolean };
    document?: { settings?: SettingsLike };
  };
}

interface ExcelGlobal {
  run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
}

/** "1.10" > "1.9": numeric, part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Whether the host supports ExcelApi `version`. Versions up to the manifest's minimum are taken as
 * given (Excel would not have loaded the add-in otherwise). Newer ones are asked of
 * `Office.context.requirements`, which is undefined outside Office: then the answer is no.
 */
export function supportsExcelApi(version: string): boolean {
  if (compareVersions(version, MANIFEST_EXCEL_API) <= 0) return true;
  try {
    const req = (globalThis as { Office?: OfficeGlobal }).Office?.context?.requirements;
    return typeof req?.isSetSupported === "function" ? req.isSetSupported("ExcelApi", version) === true : false;
  } catch {
    return false;
  }
}

/** The newer API sets AluTrace uses when present, checked once per user action. */
export interface Capabilities {
  /** 1.9: getCellProperties/setCellProperties, getSpecialCells, suspendScreenUpdating. */
  readonly api19: boolean;
  /** 1.13: getMergedAreasOrNullObject. */
  readonly api113: boolean;
  /** 1.18: worksheet.notes. */
  readonly api118: boolean;
}

export function capabilities(): Capabilities {
  return { api19: supportsExcelApi("1.9"), api113: supportsExcelApi("1.13"), api118: supportsExcelApi("1.18") };
}

/** One Excel.run per user action. Rejects with ExcelHostError("unavailable") outside Excel. */
export function excelRun<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const X = (globalThis as { Excel?: ExcelGlobal }).Excel;
  if (!X || typeof X.run !== "function") {
    return Promise.reject(new ExcelHostError("unavailable", "Excel is not available here: open AluTrace from the Excel ribbon."));
  }
  return X.run(batch);
}

/** Office's RequestPayloadSizeLimitExceeded (5 MB per request or response on the web). */
export function isPayloadTooLarge(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err) return false;
  return err.code === "RequestPayloadSizeLimitExceeded" || (typeof err.message === "string" && /RequestPayloadSizeLimitExceeded|payload size/i.test(err.message));
}

/** The part of Office.Settings AluTrace uses (a per-add-in property bag saved in the document). */
export interface SettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
}

const memorySettings = new Map<string, unknown>();

/** In-memory settings for hosts without Office.context.document.settings (lost on reload). */
const MEMORY_SETTINGS: SettingsLike = {
  get: (n) => memorySettings.get(n) ?? null,
  set: (n, v) => void memorySettings.set(n, v),
  remove: (n) => void memorySettings.delete(n),
  saveAsync: (cb) => cb?.({ status: "succeeded" }),
};

export function documentSettings(): SettingsLike {
  try {
    const s = (globalThis as { Office?: OfficeGlobal }).Office?.context?.document?.settings;
    if (s && typeof s.get === "function" && typeof s.set === "function") return s;
  } catch {
    // fall through
  }
  return MEMORY_SETTINGS;
}

/** Persists the settings bag into the document. */
export function saveSettings(settings: SettingsLike): Promise<void> {
  return new Promise((resolve, reject) => {
    settings.saveAsync((r) => {
      const status = String(r?.status ?? "succeeded").toLowerCase();
      if (status === "failed") reject(new Error(`Could not save AluTrace's settings in the workbook: ${r.error?.message ?? "unknown error"}.`));
      else resolve();
    });
  });
}
