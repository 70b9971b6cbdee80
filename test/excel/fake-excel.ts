/**
 * A fake Excel for the Office.js adapter's tests, built from office-addin-mock's OfficeMockObject.
 *
 * Every proxy (workbook, worksheet, range, format, collections, results) is an OfficeMockObject
 * whose readable properties keep the mock's load/sync discipline: reading a property that was not
 * loaded gives "Error, property was not loaded", reading it before context.sync() gives "Error,
 * context.sync() was not called" — and the fake records each such read as a violation, so a test
 * fails on a missing load() or sync(). `load()` itself is the mock's (it throws on properties the
 * object does not have, catching typos).
 *
 * Like Office.js, nothing happens when a method is called or a property set: the call is queued
 * and runs, in order, at the next context.sync(), against a small workbook model. Each sync
 * measures its request bytes (what was set or called) and response bytes (what was loaded) and
 * fails with RequestPayloadSizeLimitExceeded above 5 MB, as Excel on the web does.
 */
import { OfficeMockObject } from "office-addin-mock";
import type { Cell, CellRange } from "../../src/core/cells";
import { a1, cellError, columnIndex, isCellError, isExcelErrorCode, quoteSheetName } from "../../src/core/cells";

const NOT_LOADED = "Error, property was not loaded";
const NOT_SYNCED = "Error, context.sync() was not called";
const isMockError = (v: unknown): boolean => v === NOT_LOADED || v === NOT_SYNCED;
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface Fill {
  color: string;
  pattern: string;
  patternColor: string | null;
  tintAndShade: number;
  patternTintAndShade: number;
}

export interface FCell {
  v: number | string | boolean | null;
  t: "Empty" | "String" | "Double" | "Boolean" | "Error";
  f?: string;
  fmt?: string;
}

interface FillLayer {
  r: CellRange;
  /** null = no fill (cleared); undefined with perCell. */
  fill?: Fill | null;
  perCell?: (Fill | null | undefined)[][];
}

export interface FSheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor: string;
  rows: (FCell | undefined)[][];
  hiddenRows: Set<number>;
  hiddenCols: Set<number>;
  merges: CellRange[];
  validations: { r: CellRange; rule?: unknown; ignoreBlanks?: boolean; prompt?: unknown; errorAlert?: unknown }[];
  freeze?: { rows: number; cols: number };
  colWidths: Map<number, number>;
  notes: Map<string, string>;
  fills: FillLayer[];
  fmtOps: { r: CellRange; prop: string; value: unknown }[];
  /** Mutating operations that reached this sheet. */
  writes: number;
  deleted?: boolean;
}

interface FTable {
  name: string;
  sheet: FSheet;
  r: CellRange;
  style?: string;
}

interface FName {
  name: string;
  formula?: string;
  sheet?: FSheet;
  ref?: string;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
}

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Op {
  bytes: number;
  run(): void;
}

const json = (v: unknown): number => {
  if (v === undefined) return 4;
  const s = JSON.stringify(v);
  return s === undefined ? 4 : s.length;
};

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function contains(a: CellRange, r: number, c: number): boolean {
  return r >= a.top && r <= a.bottom && c >= a.left && c <= a.right;
}

function parseRef(ref: string): CellRange {
  const s = ref.replace(/\$/g, "").toUpperCase();
  const [p, q = p] = s.split(":");
  const cell = (x: string) => {
    const m = /^([A-Z]{1,3})(\d+)$/.exec(x);
    if (!m) throw new FakeError("InvalidArgument", `Bad address "${ref}"`);
    return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
  };
  const a = cell(p);
  const b = cell(q);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

const ERRORS_TYPED = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"];

/** How Excel takes one typed input (what `values` / `formulas` receive). */
export function typedInput(input: unknown, fmt: string | undefined): FCell | undefined {
  if (input === null || input === undefined || input === "") return undefined;
  if (typeof input === "number") return { v: input, t: "Double" };
  if (typeof input === "boolean") return { v: input, t: "Boolean" };
  const s = String(input);
  if (s.startsWith("'")) return { v: s.slice(1), t: "String" };
  if (fmt === "@") return { v: s, t: "String" };
  if (/^[=+\-@]/.test(s) && s.length > 1 && !/^[+-]?\d+(\.\d+)?$/.test(s)) return { v: null, t: "Empty", f: s.startsWith("=") ? s : `=${s}` };
  if (ERRORS_TYPED.includes(s.toUpperCase())) return { v: s.toUpperCase(), t: "Error" };
  if (/^(TRUE|FALSE)$/i.test(s)) return { v: s.toUpperCase() === "TRUE", t: "Boolean" };
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)) return { v: Number(s), t: "Double" };
  if (/^\d+(\.\d+)?%$/.test(s)) return { v: Number(s.slice(0, -1)) / 100, t: "Double" };
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(s)) {
    const [y, m, d] = s.split("-").map(Number);
    return { v: Date.UTC(y, m - 1, d) / 86400000 + 25569, t: "Double" };
  }
  return { v: s, t: "String" };
}

/** A grid cell (core model) as the fake stores it, as if a user had typed it. */
function fromCell(v: Cell): FCell | undefined {
  if (v === null || v === undefined) return undefined;
  if (isCellError(v)) return { v: v.code, t: "Error" };
  if (typeof v === "number") return { v, t: "Double" };
  if (typeof v === "boolean") return { v, t: "Boolean" };
  return { v, t: "String" };
}

export interface FakeOptions {
  /** Highest ExcelApi version the host reports (default 1.18). */
  excelApi?: string;
  date1904?: boolean;
  workbookName?: string;
  /** Make Office.context.requirements undefined (as outside Office). */
  noRequirements?: boolean;
}

export class FakeExcel {
  sheets: FSheet[] = [];
  tables: FTable[] = [];
  names: FName[] = [];
  activeSheetId?: string;
  selection?: { sheet: string; address: string };
  date1904: boolean;
  workbookName: string;
  settingsStore = new Map<string, unknown>();
  settingsSaves = 0;
  syncs = 0;
  runs = 0;
  log: SyncRecord[] = [];
  violations: string[] = [];
  suspendCalls = 0;
  private queue: Op[] = [];
  private internal = 0;
  private nextId = 1;
  private pending: (() => void)[] = [];
  private responseBytes = 0;
  private readonly excelApi: string;
  private readonly noRequirements: boolean;

  constructor(opts: FakeOptions = {}) {
    this.excelApi = opts.excelApi ?? "1.18";
    this.date1904 = opts.date1904 ?? false;
    this.workbookName = opts.workbookName ?? "Supplier.xlsx";
    this.noRequirements = opts.noRequirements ?? false;
  }

  // ------------------------------------------------------------ model helpers for tests

  addSheet(name: string, values: readonly (readonly Cell[])[] = [], opts: { visibility?: FSheet["visibility"]; formats?: (string | undefined)[][] } = {}): FSheet {
    const sh: FSheet = {
      id: `{SHEET-${this.nextId++}}`,
      name,
      visibility: opts.visibility ?? "Visible",
      tabColor: "",
      rows: [],
      hiddenRows: new Set(),
      hiddenCols: new Set(),
      merges: [],
      validations: [],
      colWidths: new Map(),
      notes: new Map(),
      fills: [],
      fmtOps: [],
      writes: 0,
    };
    values.forEach((row, r) => {
      row.forEach((v, c) => {
        const fc = fromCell(v);
        if (fc) this.setCell(sh, r, c, fc);
      });
    });
    opts.formats?.forEach((row, r) =>
      row?.forEach((f, c) => {
        if (f === undefined) return;
        const cell = this.cellAt(sh, r, c) ?? { v: null, t: "Empty" as const };
        cell.fmt = f;
        this.setCell(sh, r, c, cell);
      }),
    );
    this.sheets.push(sh);
    return sh;
  }

  sheet(name: string): FSheet {
    const s = this.sheets.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** Adds a workbook-level name pointing at A1 of `sheet` (an ownership mark, say). */
  addName(name: string, sheet: FSheet | string, ref = "$A$1"): void {
    if (typeof sheet === "string") this.names.push({ name, formula: sheet });
    else this.names.push({ name, sheet, ref });
  }

  cellAt(sh: FSheet, r: number, c: number): FCell | undefined {
    return sh.rows[r]?.[c];
  }

  setCell(sh: FSheet, r: number, c: number, cell: FCell | undefined): void {
    if (!cell) {
      const row = sh.rows[r];
      if (row) row[c] = undefined;
      return;
    }
    (sh.rows[r] ??= [])[c] = cell;
  }

  /** The cell as the core would read it. */
  value(sheet: string, ref: string): unknown {
    const r = parseRef(ref);
    const c = this.cellAt(this.sheet(sheet), r.top, r.left);
    if (!c) return null;
    if (c.f !== undefined) return { formula: c.f };
    if (c.t === "Error") return cellError(c.v as never);
    return c.v;
  }

  fillAt(sh: FSheet, r: number, c: number): Fill | null {
    for (let i = sh.fills.length - 1; i >= 0; i--) {
      const l = sh.fills[i];
      if (!contains(l.r, r, c)) continue;
      if (l.perCell) {
        const v = l.perCell[r - l.r.top]?.[c - l.r.left];
        if (v !== undefined) return v;
        continue;
      }
      return l.fill ?? null;
    }
    return null;
  }

  setFill(sh: FSheet, r: CellRange, fill: Fill | null): void {
    sh.fills.push({ r, fill });
  }

  nameFormula(n: FName): string {
    if (n.formula !== undefined) return n.formula;
    const s = n.sheet!;
    return s.deleted ? `=#REF!${n.ref}` : `=${quoteSheetName(s.name)}!${n.ref}`;
  }

  // ------------------------------------------------------------ Office globals

  install(): void {
    const self = this;
    const g = globalThis as Record<string, unknown>;
    g.Excel = new OfficeMockObject({
      run: async function (batch: (ctx: unknown) => Promise<unknown>) {
        return self.run(batch);
      },
    });
    g.Office = {
      context: {
        ...(this.noRequirements
          ? {}
          : {
              requirements: {
                isSetSupported: (name: string, version = "1.1") => name === "ExcelApi" && compare(version, self.excelApi) <= 0,
              },
            }),
        document: {
          settings: {
            get: (n: string) => (self.settingsStore.has(n) ? self.settingsStore.get(n) : null),
            set: (n: string, v: unknown) => void self.settingsStore.set(n, v),
            remove: (n: string) => void self.settingsStore.delete(n),
            saveAsync: (cb?: (r: { status: string }) => void) => {
              self.settingsSaves++;
              cb?.({ status: "succeeded" });
            },
          },
        },
      },
    };
  }

  static uninstall(): void {
    const g = globalThis as Record<string, unknown>;
    delete g.Excel;
    delete g.Office;
  }

  private async run(batch: (ctx: unknown) => Promise<unknown>): Promise<unknown> {
    this.runs++;
    const ctx = new OfficeMockObject() as unknown as Record<string, unknown>;
    ctx.workbook = this.workbookProxy();
    ctx.sync = () => this.sync();
    try {
      return await batch(ctx);
    } finally {
      if (this.queue.length) {
        this.violations.push(`${this.queue.length} operation(s) queued but never synced`);
        this.queue = [];
      }
    }
  }

  async sync(): Promise<void> {
    this.syncs++;
    const ops = this.queue;
    this.queue = [];
    const rec: SyncRecord = { requestBytes: ops.reduce((n, o) => n + o.bytes, 0), responseBytes: 0, ops: ops.length };
    this.log.push(rec);
    if (rec.requestBytes > PAYLOAD_LIMIT) throw new FakeError("RequestPayloadSizeLimitExceeded", `request of ${rec.requestBytes} bytes`);
    this.responseBytes = 0;
    this.pending = [];
    for (const op of ops) op.run();
    rec.responseBytes = this.responseBytes;
    if (rec.responseBytes > PAYLOAD_LIMIT) {
      this.pending = [];
      throw new FakeError("RequestPayloadSizeLimitExceeded", `response of ${rec.responseBytes} bytes`);
    }
    for (const p of this.pending) p();
    this.pending = [];
  }

  private enqueue(bytes: number, run: () => void): void {
    this.queue.push({ bytes: 60 + bytes, run });
  }

  // ------------------------------------------------------------ proxy machinery

  /**
   * An OfficeMockObject with accessor properties: reads follow the mock's load/sync state; writes
   * are queued. `props` getters run at the load's place in the queue; setters at theirs.
   */
  private proxy(kind: string, spec: {
    props?: Record<string, { get?: () => unknown; set?: (v: unknown) => void }>;
    children?: Record<string, unknown>;
    methods?: Record<string, (...args: never[]) => unknown>;
    items?: () => unknown[];
    nullable?: { resolved: () => boolean; isNull: () => boolean };
  }): Record<string, unknown> {
    const self = this;
    const m = new OfficeMockObject() as unknown as Record<string, unknown> & { _properties: Map<string, unknown>; setValue(n: string, v: unknown): void };
    const state = new Map<string, unknown>();
    const props = { ...(spec.props ?? {}) };
    if (spec.items) props.items = {};
    for (const name of Object.keys(props)) {
      m.setValue(name, null);
      state.set(name, NOT_LOADED);
      Object.defineProperty(m, name, {
        configurable: true,
        enumerable: true,
        get() {
          const v = state.get(name);
          if (isMockError(v) && self.internal === 0) self.violations.push(`${kind}.${name}: ${v}`);
          return v;
        },
        set(v: unknown) {
          if (isMockError(v)) {
            state.set(name, v);
            return;
          }
          const setter = props[name]?.set;
          if (!setter) {
            self.violations.push(`${kind}.${name} is read-only`);
            return;
          }
          self.enqueue(json(v) + name.length, () => setter(v));
        },
      });
    }
    const children = spec.children ?? {};
    for (const [name, child] of Object.entries(children)) {
      (child as { _isObject?: boolean })._isObject = true;
      m._properties.set(name, child);
      Object.defineProperty(m, name, { configurable: true, enumerable: true, get: () => child, set: () => undefined });
    }
    for (const [name, fn] of Object.entries(spec.methods ?? {})) m[name] = fn;
    if (spec.nullable) {
      Object.defineProperty(m, "isNullObject", {
        configurable: true,
        get() {
          if (!spec.nullable!.resolved()) {
            self.violations.push(`${kind}.isNullObject read before sync`);
            return NOT_SYNCED;
          }
          return spec.nullable!.isNull();
        },
      });
    }
    const baseLoad = (OfficeMockObject.prototype as unknown as { load(this: unknown, p: string): unknown }).load;
    // Marks properties loaded, as the mock's own load() does (throws on unknown properties).
    const mark = (paths: string[]): void => {
      self.internal++;
      try {
        for (const p of paths) {
          if (spec.items && (p === "items" || p.startsWith("items/"))) baseLoad.call(m, "items");
          else baseLoad.call(m, p);
        }
      } finally {
        self.internal--;
      }
    };
    // Computes the loaded values at this point of the queue; they appear after a successful sync.
    const deposit = (paths: string[]): void => {
      const itemPaths: string[] = [];
      for (const p of paths) {
        if (spec.items && (p === "items" || p.startsWith("items/"))) {
          if (p.startsWith("items/")) itemPaths.push(p.slice(6));
          continue;
        }
        const segs = p.split("/");
        let target: Record<string, unknown> = m;
        for (const s of segs.slice(0, -1)) target = (target as Record<string, Record<string, unknown>>)[s];
        const leaf = segs[segs.length - 1];
        const dep = (target as { __deposit?: (n: string) => void }).__deposit;
        dep!(leaf);
      }
      if (spec.items && paths.some((p) => p === "items" || p.startsWith("items/"))) {
        const items = spec.items();
        for (const it of items) {
          const item = it as { __mark(p: string[]): void; __depositPaths(p: string[]): void };
          item.__mark(itemPaths);
          item.__depositPaths(itemPaths);
        }
        self.responseBytes += 8 * items.length;
        self.pending.push(() => state.set("items", items));
      }
    };
    Object.defineProperty(m, "__mark", { value: mark });
    Object.defineProperty(m, "__depositPaths", { value: deposit });
    Object.defineProperty(m, "__deposit", {
      value: (name: string) => {
        // A null object answers loads with null (Office does not fail them).
        const isNull = spec.nullable ? spec.nullable.isNull() : false;
        const v = !isNull && props[name]?.get ? props[name].get!() : isNull ? null : undefined;
        self.responseBytes += json(v) + name.length;
        self.pending.push(() => state.set(name, v));
      },
    });
    m.load = (arg?: unknown) => {
      if (arg === undefined) self.violations.push(`${kind}.load() without properties`);
      const paths = normalisePaths(arg);
      mark(paths);
      self.enqueue(paths.join(",").length, () => deposit(paths));
      return m;
    };
    return m;
  }

  /** A ClientResult: `value` appears after the sync that ran `compute`. */
  private result(kind: string, compute: () => unknown): Record<string, unknown> {
    const self = this;
    let value: unknown = NOT_SYNCED;
    const m = new OfficeMockObject() as unknown as Record<string, unknown>;
    Object.defineProperty(m, "value", {
      get() {
        if (value === NOT_SYNCED) self.violations.push(`${kind}.value read before sync`);
        return value;
      },
    });
    this.enqueue(20, () => {
      const v = compute();
      self.responseBytes += json(v);
      self.pending.push(() => (value = v));
    });
    return m;
  }

  // ------------------------------------------------------------ the object model

  private workbookProxy(): Record<string, unknown> {
    const self = this;
    const worksheets = this.proxy("WorksheetCollection", {
      items: () => self.sheets.map((s) => self.sheetProxy(() => s)),
      methods: {
        getItem: (key: string) => self.sheetByKey(key, false),
        getItemOrNullObject: (key: string) => self.sheetByKey(key, true),
        add: (name: string) => {
          let created: FSheet | undefined;
          self.enqueue(name.length, () => {
            if (self.sheets.some((s) => s.name.toUpperCase() === name.toUpperCase())) throw new FakeError("ItemAlreadyExists", `sheet ${name} exists`);
            created = self.addSheet(name);
          });
          return self.sheetProxy(() => created);
        },
      },
    });
    const names = this.proxy("NamedItemCollection", {
      items: () => self.names.map((n) => self.nameProxy(n)),
      methods: {
        getItem: (name: string) => {
          const ref: { n?: FName } = {};
          self.enqueue(name.length, () => {
            ref.n = self.names.find((x) => x.name.toUpperCase() === name.toUpperCase());
            if (!ref.n) throw new FakeError("ItemNotFound", `name ${name}`);
          });
          return self.proxy("NamedItem", {
            props: { name: { get: () => ref.n!.name } },
            methods: {
              delete: () =>
                self.enqueue(10, () => {
                  self.names = self.names.filter((x) => x !== ref.n);
                }),
            },
          });
        },
        add: (name: string, reference: unknown) => {
          const isRange = typeof reference === "object" && reference !== null;
          self.enqueue(name.length + (isRange ? 20 : String(reference).length), () => {
            if (self.names.some((x) => x.name.toUpperCase() === name.toUpperCase())) throw new FakeError("InvalidArgument", `name ${name} exists`);
            if (self.tables.some((t) => t.name.toUpperCase() === name.toUpperCase())) throw new FakeError("InvalidArgument", `name ${name} is a table`);
            if (isRange) {
              const rr = (reference as { __range: () => { sheet: FSheet; r: CellRange } }).__range();
              self.names.push({ name, sheet: rr.sheet, ref: `$${a1(rr.r.top, rr.r.left).replace(/(\d)/, "$$$1")}` });
            } else self.names.push({ name, formula: String(reference) });
          });
          return undefined;
        },
      },
    });
    const tables = this.proxy("TableCollection", {
      items: () => self.tables.map((t) => self.tableProxy(t)),
    });
    const application = this.proxy("Application", {
      methods: {
        suspendApiCalculationUntilNextSync: () => {
          self.suspendCalls++;
          self.enqueue(10, () => undefined);
        },
        suspendScreenUpdatingUntilNextSync: () => self.enqueue(10, () => undefined),
      },
    });
    const functions = this.proxy("Functions", {
      methods: {
        date: (y: number, mo: number, d: number) =>
          self.proxy("FunctionResult", {
            props: {
              value: { get: () => Date.UTC(y, mo - 1, d) / 86400000 + 25569 - (self.date1904 ? 1462 : 0) },
              error: { get: () => null },
            },
          }),
      },
    });
    return this.proxy("Workbook", {
      props: { name: { get: () => self.workbookName } },
      children: { worksheets, names, tables, application, functions },
    });
  }

  private nameProxy(n: FName): Record<string, unknown> {
    return this.proxy("NamedItem", { props: { name: { get: () => n.name }, formula: { get: () => this.nameFormula(n) } } });
  }

  private tableProxy(t: FTable): Record<string, unknown> {
    return this.proxy("Table", {
      props: {
        name: { get: () => t.name, set: (v) => this.renameTable(t, String(v)) },
        style: { get: () => t.style, set: (v) => (t.style = String(v)) },
      },
      children: { worksheet: this.sheetProxy(() => t.sheet) },
    });
  }

  private renameTable(t: FTable, name: string): void {
    const u = name.toUpperCase();
    if (this.tables.some((x) => x !== t && x.name.toUpperCase() === u) || this.names.some((n) => n.name.toUpperCase() === u)) {
      throw new FakeError("InvalidArgument", `table name ${name} taken`);
    }
    t.name = name;
  }

  private sheetByKey(key: string, orNull: boolean): Record<string, unknown> {
    let resolved = false;
    let found: FSheet | undefined;
    this.enqueue(key.length, () => {
      found = this.sheets.find((s) => s.id === key || s.name.toUpperCase() === key.toUpperCase());
      resolved = true;
      if (!found && !orNull) throw new FakeError("ItemNotFound", `The requested resource doesn't exist (sheet ${key}).`);
    });
    return this.sheetProxy(() => found, orNull ? { resolved: () => resolved, isNull: () => !found } : undefined);
  }

  private live(get: () => FSheet | undefined): FSheet {
    const s = get();
    if (!s || s.deleted) throw new FakeError("ItemNotFound", "The sheet does not exist.");
    return s;
  }

  private touch(sh: FSheet): FSheet {
    sh.writes++;
    return sh;
  }

  sheetProxy(get: () => FSheet | undefined, nullable?: { resolved: () => boolean; isNull: () => boolean }): Record<string, unknown> {
    const self = this;
    const sh = () => self.live(get);
    const freezePanes = this.proxy("WorksheetFreezePanes", {
      methods: {
        freezeRows: (n: number) => self.enqueue(10, () => (self.touch(sh()).freeze = { rows: n, cols: 0 })),
        freezeColumns: (n: number) => self.enqueue(10, () => (self.touch(sh()).freeze = { rows: 0, cols: n })),
        freezeAt: (range: { __range: () => { r: CellRange } }) =>
          self.enqueue(20, () => {
            const r = range.__range().r;
            self.touch(sh()).freeze = { rows: r.bottom + 1, cols: r.right + 1 };
          }),
      },
    });
    const tables = this.proxy("TableCollection", {
      items: () => self.tables.filter((t) => t.sheet === get()).map((t) => self.tableProxy(t)),
      methods: {
        add: (range: { __range: () => { sheet: FSheet; r: CellRange } }, hasHeaders: boolean) => {
          let table: FTable | undefined;
          self.enqueue(30, () => {
            const rr = range.__range();
            if (!hasHeaders) throw new Error("fake: tables without headers are not modelled");
            if (self.tables.some((t) => t.sheet === rr.sheet && overlaps(t.r, rr.r))) throw new FakeError("InvalidArgument", "tables overlap");
            if (rr.sheet.merges.some((m) => overlaps(m, rr.r))) throw new FakeError("InvalidArgument", "table over merged cells");
            let k = 1;
            while (self.tables.some((t) => t.name === `Table${k}`)) k++;
            table = { name: `Table${k}`, sheet: self.touch(rr.sheet), r: rr.r };
            self.tables.push(table);
          });
          return self.proxy("Table", {
            props: {
              name: { get: () => table!.name, set: (v) => self.renameTable(table!, String(v)) },
              style: { get: () => table!.style, set: (v) => (table!.style = String(v)) },
            },
          });
        },
      },
    });
    const notes = this.proxy("NoteCollection", {
      methods: {
        add: (range: { __range: () => { sheet: FSheet; r: CellRange } }, content: string) =>
          self.enqueue(String(content).length + 20, () => {
            const rr = range.__range();
            self.touch(rr.sheet).notes.set(a1(rr.r.top, rr.r.left), String(content));
          }),
      },
    });
    const rangeOf = (rect: () => CellRange) => self.rangeProxy(sh, rect);
    return this.proxy("Worksheet", {
      props: {
        name: {
          get: () => sh().name,
          set: (v) => {
            const s = sh();
            const n = String(v);
            if (self.sheets.some((x) => x !== s && x.name.toUpperCase() === n.toUpperCase())) throw new FakeError("InvalidArgument", `sheet ${n} exists`);
            self.touch(s).name = n;
          },
        },
        id: { get: () => sh().id },
        visibility: {
          get: () => sh().visibility,
          set: (v) => {
            const s = sh();
            if (v !== "Visible" && self.sheets.filter((x) => x.visibility === "Visible" && x !== s).length === 0) throw new FakeError("InvalidOperation", "last visible sheet");
            self.touch(s).visibility = v as FSheet["visibility"];
          },
        },
        position: {
          get: () => self.sheets.indexOf(sh()),
          set: (v) => {
            const s = self.touch(sh());
            self.sheets.splice(self.sheets.indexOf(s), 1);
            self.sheets.splice(Number(v), 0, s);
          },
        },
        tabColor: { get: () => sh().tabColor, set: (v) => (self.touch(sh()).tabColor = String(v)) },
      },
      children: { freezePanes, tables, notes },
      methods: {
        delete: () =>
          self.enqueue(10, () => {
            const s = sh();
            if (s.visibility === "Visible" && self.sheets.filter((x) => x.visibility === "Visible").length === 1) throw new FakeError("InvalidOperation", "cannot delete the last visible sheet");
            s.deleted = true;
            self.touch(s);
            self.sheets = self.sheets.filter((x) => x !== s);
            self.tables = self.tables.filter((t) => t.sheet !== s);
          }),
        activate: () =>
          self.enqueue(10, () => {
            const s = sh();
            if (s.visibility !== "Visible") throw new FakeError("InvalidOperation", "cannot activate a hidden sheet");
            self.activeSheetId = s.id;
          }),
        getRange: (address?: string) => {
          const rect = address ? parseRef(address) : { top: 0, left: 0, bottom: 1_048_575, right: 16_383 };
          return rangeOf(() => rect);
        },
        getRangeByIndexes: (r: number, c: number, rc: number, cc: number) => {
          if (!(rc > 0 && cc > 0)) throw new FakeError("InvalidArgument", `getRangeByIndexes(${r},${c},${rc},${cc})`);
          const rect = { top: r, left: c, bottom: r + rc - 1, right: c + cc - 1 };
          return rangeOf(() => rect);
        },
        getUsedRange: (valuesOnly?: boolean) => {
          let rect: CellRange | undefined;
          self.enqueue(10, () => (rect = self.usedRect(sh(), !!valuesOnly)));
          return rangeOf(() => rect!);
        },
      },
      ...(nullable ? { nullable } : {}),
    });
  }

  usedRect(sh: FSheet, valuesOnly: boolean): CellRange {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    sh.rows.forEach((row, r) => {
      row?.forEach((c, j) => {
        if (!c) return;
        if (valuesOnly && c.t === "Empty" && c.f === undefined) return;
        if (top < 0) top = r;
        bottom = r;
        left = Math.min(left, j);
        right = Math.max(right, j);
      });
    });
    if (!valuesOnly) {
      for (const m of sh.merges) {
        top = top < 0 ? m.top : Math.min(top, m.top);
        bottom = Math.max(bottom, m.bottom);
        left = Math.min(left, m.left);
        right = Math.max(right, m.right);
      }
    }
    if (top < 0) return { top: 0, left: 0, bottom: 0, right: 0 };
    return { top, left, bottom, right };
  }

  private rangeProxy(sh: () => FSheet, rect: () => CellRange): Record<string, unknown> {
    const self = this;
    const cells = <T>(f: (r: number, c: number) => T): T[][] => {
      const R = rect();
      const out: T[][] = [];
      for (let r = R.top; r <= R.bottom; r++) {
        const row: T[] = [];
        for (let c = R.left; c <= R.right; c++) row.push(f(r, c));
        out.push(row);
      }
      return out;
    };
    const cellCount = () => {
      const R = rect();
      return (R.bottom - R.top + 1) * (R.right - R.left + 1);
    };
    const checkRead = () => {
      if (cellCount() > 5_000_000) throw new FakeError("ResponsePayloadSizeLimitExceeded", "more than 5M cells read");
    };
    const write = (v: unknown, asFormulas: boolean) => {
      const s = self.touch(sh());
      const R = rect();
      const arr = v as unknown[][];
      if (!Array.isArray(arr) || arr.length !== R.bottom - R.top + 1 || arr.some((row) => !Array.isArray(row) || row.length !== R.right - R.left + 1)) {
        throw new FakeError("InvalidArgument", "array does not match the range's size");
      }
      void asFormulas;
      arr.forEach((row, i) =>
        row.forEach((x, j) => {
          const r = R.top + i;
          const c = R.left + j;
          const prev = self.cellAt(s, r, c);
          const next = typedInput(x, prev?.fmt);
          if (next && prev?.fmt) next.fmt = prev.fmt;
          self.setCell(s, r, c, next ?? (prev?.fmt ? { v: null, t: "Empty", fmt: prev.fmt } : undefined));
        }),
      );
    };
    const fmtOp = (prop: string) => ({
      get: () => undefined,
      set: (v: unknown) => {
        const s = self.touch(sh());
        s.fmtOps.push({ r: rect(), prop, value: v });
      },
    });
    const fill = this.proxy("RangeFill", {
      props: {
        color: {
          get: () => {
            const f = self.fillAt(sh(), rect().top, rect().left);
            return f ? f.color : "#FFFFFF";
          },
          set: (v) => {
            const s = self.touch(sh());
            self.setFill(s, rect(), { color: String(v).toUpperCase(), pattern: "Solid", patternColor: null, tintAndShade: 0, patternTintAndShade: 0 });
            s.fmtOps.push({ r: rect(), prop: "fill.color", value: v });
          },
        },
      },
      methods: { clear: () => self.enqueue(10, () => self.setFill(self.touch(sh()), rect(), null)) },
    });
    const font = this.proxy("RangeFont", { props: { bold: fmtOp("font.bold"), italic: fmtOp("font.italic"), color: fmtOp("font.color"), size: fmtOp("font.size"), name: fmtOp("font.name") } });
    const borders = this.proxy("RangeBorderCollection", {
      methods: {
        getItem: (edge: string) =>
          self.proxy("RangeBorder", { props: { style: fmtOp(`border.${edge}.style`), weight: fmtOp(`border.${edge}.weight`), color: fmtOp(`border.${edge}.color`) } }),
      },
    });
    const format = this.proxy("RangeFormat", {
      props: {
        columnWidth: {
          get: () => 48,
          set: (v) => {
            const s = self.touch(sh());
            const R = rect();
            for (let c = R.left; c <= R.right; c++) s.colWidths.set(c, Number(v));
          },
        },
        wrapText: fmtOp("wrapText"),
        horizontalAlignment: fmtOp("horizontalAlignment"),
        verticalAlignment: fmtOp("verticalAlignment"),
      },
      children: { fill, font, borders },
    });
    const dvEntry = () => {
      const s = self.touch(sh());
      const R = rect();
      let e = s.validations.find((x) => x.r.top === R.top && x.r.left === R.left && x.r.bottom === R.bottom && x.r.right === R.right);
      if (!e) {
        e = { r: R };
        s.validations.push(e);
      }
      return e;
    };
    const dataValidation = this.proxy("DataValidation", {
      props: {
        rule: { set: (v) => (dvEntry().rule = v) },
        ignoreBlanks: { set: (v) => (dvEntry().ignoreBlanks = Boolean(v)) },
        prompt: { set: (v) => (dvEntry().prompt = v) },
        errorAlert: { set: (v) => (dvEntry().errorAlert = v) },
      },
    });
    const address = () => `${quoteSheetName(sh().name)}!${a1(rect().top, rect().left)}:${a1(rect().bottom, rect().right)}`;
    const areasProxy = (compute: () => CellRange[]) => {
      let resolved = false;
      let areas: CellRange[] = [];
      self.enqueue(10, () => {
        areas = compute();
        resolved = true;
      });
      return self.proxy("RangeAreas", {
        props: { address: { get: () => areas.map((r) => `${quoteSheetName(sh().name)}!${a1(r.top, r.left)}:${a1(r.bottom, r.right)}`).join(", ") } },
        nullable: { resolved: () => resolved, isNull: () => areas.length === 0 },
      });
    };
    const p = this.proxy("Range", {
      props: {
        values: {
          get: () => {
            checkRead();
            const s = sh();
            return cells((r, c) => {
              const x = self.cellAt(s, r, c);
              return x && x.v !== null ? x.v : "";
            });
          },
          set: (v) => write(v, false),
        },
        formulas: {
          get: () => {
            checkRead();
            const s = sh();
            return cells((r, c) => {
              const x = self.cellAt(s, r, c);
              return x?.f ?? (x && x.v !== null ? x.v : "");
            });
          },
          set: (v) => write(v, true),
        },
        valueTypes: {
          get: () => {
            checkRead();
            const s = sh();
            return cells((r, c) => self.cellAt(s, r, c)?.t ?? "Empty");
          },
        },
        numberFormat: {
          get: () => {
            checkRead();
            const s = sh();
            return cells((r, c) => self.cellAt(s, r, c)?.fmt ?? "General");
          },
          set: (v) => {
            const s = self.touch(sh());
            const R = rect();
            (v as string[][]).forEach((row, i) =>
              row.forEach((f, j) => {
                const r = R.top + i;
                const c = R.left + j;
                const prev = self.cellAt(s, r, c);
                const fmt = f === "General" ? undefined : f;
                if (prev) prev.fmt = fmt;
                else if (fmt !== undefined) self.setCell(s, r, c, { v: null, t: "Empty", fmt });
              }),
            );
          },
        },
        rowIndex: { get: () => rect().top },
        columnIndex: { get: () => rect().left },
        rowCount: { get: () => rect().bottom - rect().top + 1 },
        columnCount: { get: () => rect().right - rect().left + 1 },
        address: { get: address },
        rowHidden: {
          get: () => {
            const R = rect();
            let hidden = 0;
            for (let r = R.top; r <= R.bottom; r++) if (sh().hiddenRows.has(r)) hidden++;
            return hidden === 0 ? false : hidden === R.bottom - R.top + 1 ? true : null;
          },
        },
      },
      children: { format, dataValidation },
      methods: {
        merge: () =>
          self.enqueue(10, () => {
            const s = self.touch(sh());
            if (s.merges.some((m) => overlaps(m, rect()))) throw new FakeError("InvalidOperation", "merge overlaps a merge");
            s.merges.push(rect());
          }),
        select: () =>
          self.enqueue(10, () => {
            const s = sh();
            if (self.activeSheetId !== s.id) throw new FakeError("InvalidOperation", "select on an inactive sheet");
            self.selection = { sheet: s.name, address: a1(rect().top, rect().left) + (cellCount() > 1 ? `:${a1(rect().bottom, rect().right)}` : "") };
          }),
        getSpecialCellsOrNullObject: (type: string) => {
          if (type !== "Visible") throw new Error(`fake: special cells ${type} not modelled`);
          return areasProxy(() => {
            const s = sh();
            const R = rect();
            const cols: number[] = [];
            for (let c = R.left; c <= R.right; c++) if (!s.hiddenCols.has(c)) cols.push(c);
            if (!cols.length) return [];
            const out: CellRange[] = [];
            let start = -1;
            for (let r = R.top; r <= R.bottom + 1; r++) {
              const vis = r <= R.bottom && !s.hiddenRows.has(r);
              if (vis && start < 0) start = r;
              if (!vis && start >= 0) {
                // contiguous visible columns
                let cs = cols[0];
                for (let i = 1; i <= cols.length; i++) {
                  if (i === cols.length || cols[i] !== cols[i - 1] + 1) {
                    out.push({ top: start, left: cs, bottom: r - 1, right: cols[i - 1] });
                    if (i < cols.length) cs = cols[i];
                  }
                }
                start = -1;
              }
            }
            return out;
          });
        },
        getMergedAreasOrNullObject: () => areasProxy(() => sh().merges.filter((m) => overlaps(m, rect()))),
        getIntersectionOrNullObject: (other: { __range: () => { r: CellRange } }) => {
          let inter: CellRange | undefined;
          let resolved = false;
          self.enqueue(10, () => {
            const a = rect();
            const b = other.__range().r;
            inter = overlaps(a, b) ? { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) } : undefined;
            resolved = true;
          });
          // A null intersection still answers loads (with A1's data), as Office does not fail them.
          const ip = self.rangeProxy(sh, () => inter ?? { top: 0, left: 0, bottom: 0, right: 0 });
          Object.defineProperty(ip, "isNullObject", {
            get() {
              if (!resolved) self.violations.push("Range.isNullObject read before sync");
              return !inter;
            },
          });
          return ip;
        },
        getCellProperties: (opts: unknown) => {
          void opts;
          return self.result("Range.getCellProperties", () => {
            const s = sh();
            return cells((r, c) => {
              const f = self.fillAt(s, r, c);
              // As Excel reports it (OfficeDev/office-js#4900): no pattern for solid fills, and
              // tintAndShade null when there is no fill at all.
              return {
                format: {
                  fill: f
                    ? { color: f.color, pattern: f.pattern === "Solid" ? null : f.pattern, patternColor: f.patternColor, tintAndShade: f.tintAndShade, patternTintAndShade: f.patternTintAndShade }
                    : { color: "#FFFFFF", pattern: null, patternColor: null, tintAndShade: null, patternTintAndShade: null },
                },
              };
            });
          });
        },
        setCellProperties: (data: { format?: { fill?: Partial<Fill> } }[][]) =>
          self.enqueue(json(data), () => {
            const s = self.touch(sh());
            const perCell = data.map((row) =>
              row.map((cp) => {
                const f = cp.format?.fill;
                if (!f) return undefined;
                if (f.pattern === "None") return null;
                return { color: String(f.color ?? "#FFFFFF").toUpperCase(), pattern: f.pattern ?? "Solid", patternColor: f.patternColor ?? null, tintAndShade: f.tintAndShade ?? 0, patternTintAndShade: f.patternTintAndShade ?? 0 };
              }),
            );
            s.fills.push({ r: rect(), perCell });
          }),
      },
    });
    Object.defineProperty(p, "__range", { value: () => ({ sheet: sh(), r: rect() }) });
    return p;
  }
}

function normalisePaths(arg: unknown): string[] {
  if (arg === undefined) return [];
  if (typeof arg === "string") return arg.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((a) => normalisePaths(a));
  throw new Error("fake: load() with an object is not modelled; pass property names");
}

function compare(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export { isExcelErrorCode };
