/*
 * A scripted Excel stand-in for the end-to-end test of the task pane (test/e2e/taskpane.e2e.test.ts).
 * Injected with Playwright's page.addInitScript before any page script runs. It provides:
 *
 *   window.Excel.run(batch)   a small in-memory workbook behind the part of the Office.js object
 *                             model that src/excel uses (list at the end of this comment);
 *   window.Office             the real offline office.js object, wrapped so that Office.onReady
 *                             reports host "Excel", with context.displayLanguage, a
 *                             requirements.isSetSupported for ExcelApi up to `excelApi`, and an
 *                             in-memory document settings bag;
 *   window.__alutraceExcel    the test's handle: seed cells, read cells, fills, the selection …
 *
 * It is deliberately strict where real Office is strict, so the e2e test also checks the adapter:
 * - a property is readable only after load() AND a later context.sync() (PropertyNotLoaded);
 *   ClientResult.value and isNullObject only after a sync;
 * - getItem of a missing sheet or name fails the next sync (ItemNotFound);
 * - a 2-D array of the wrong shape fails the next sync (InvalidArgument); so do duplicate or
 *   invalid sheet, table and defined names, deleting the last visible sheet and activating a hidden one.
 * Commands are applied as they are queued (the order Office would run them at sync), and load()
 * snapshots values at that point, so reads see what Office would return.
 *
 * Not modelled: formula calculation (a formula cell reads as blank, except =HYPERLINK(…,"text")
 * which reads as its text), hidden rows (rowHidden is always false), notes (ExcelApi 1.18),
 * conditional formats, protection, events. Values written as text are read like typed input: a
 * leading apostrophe keeps text, "=…" is a formula, plain numbers and TRUE/FALSE convert, and a
 * cell formatted "@" keeps text as text.
 *
 * Object model covered (what src/excel calls): Excel.run, context.sync, context.workbook
 * {worksheets, names, tables, application.suspendApiCalculationUntilNextSync /
 * suspendScreenUpdatingUntilNextSync, functions.date, name, load}; worksheets {items, getItem,
 * getItemOrNullObject, add, load}; worksheet {name, id, visibility, position, tabColor, getRange,
 * getRangeByIndexes, getUsedRange, getUsedRangeOrNullObject, activate, delete, tables.add,
 * freezePanes.freezeAt/freezeRows/freezeColumns, load, isNullObject}; range {values, formulas,
 * numberFormat, valueTypes, text, address, rowIndex, columnIndex, rowCount, columnCount, rowHidden,
 * format {fill.color/clear, font, wrapText, alignment, columnWidth, borders.getItem},
 * dataValidation {rule, prompt, errorAlert, ignoreBlanks}, getCellProperties, setCellProperties,
 * getIntersectionOrNullObject, getSpecialCellsOrNullObject, getMergedAreasOrNullObject, merge,
 * select, getCell, worksheet}; names {items, getItem, getItemOrNullObject, add, delete};
 * tables {items, add, name, style, worksheet}.
 */
(function () {
  "use strict";
  var cfg = Object.assign(
    { displayLanguage: "en-US", excelApi: "1.12", workbookName: "Supplier workbook.xlsx", platform: "PC" },
    window.__ALUTRACE_STANDIN_CONFIG || {},
  );

  // ------------------------------------------------------------------ A1 helpers
  function colLetters(c) {
    var s = "";
    c += 1;
    while (c > 0) {
      var m = (c - 1) % 26;
      s = String.fromCharCode(65 + m) + s;
      c = Math.floor((c - 1) / 26);
    }
    return s;
  }
  function colIndex(letters) {
    var n = 0;
    for (var i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
    return n - 1;
  }
  function a1(r, c) {
    return colLetters(c) + (r + 1);
  }
  function rangeA1(top, left, rows, cols) {
    return rows === 1 && cols === 1 ? a1(top, left) : a1(top, left) + ":" + a1(top + rows - 1, left + cols - 1);
  }
  /** "B2", "$B$2:C9", "Sheet!A1" (sheet ignored), "A:C", "3:5" → {top,left,bottom,right} or null. */
  function parseRef(ref) {
    var bang = ref.lastIndexOf("!");
    var s = (bang >= 0 ? ref.slice(bang + 1) : ref).replace(/\$/g, "").trim().toUpperCase();
    var parts = s.split(":");
    if (parts.length > 2) return null;
    function cell(p) {
      var m = /^([A-Z]{0,3})(\d{0,7})$/.exec(p);
      if (!m || (!m[1] && !m[2])) return null;
      return { col: m[1] ? colIndex(m[1]) : undefined, row: m[2] ? Number(m[2]) - 1 : undefined };
    }
    var a = cell(parts[0]);
    var b = cell(parts[1] || parts[0]);
    if (!a || !b) return null;
    var top = a.row === undefined ? 0 : a.row;
    var left = a.col === undefined ? 0 : a.col;
    var bottom = b.row === undefined ? 1048575 : b.row;
    var right = b.col === undefined ? 16383 : b.col;
    if (top < 0 || left < 0 || bottom < top || right < left) return null;
    return { top: top, left: left, bottom: bottom, right: right };
  }
  function quoteSheet(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
  }
  function upper(s) {
    return String(s).toUpperCase();
  }

  // ------------------------------------------------------------------ errors
  function officeError(code, message) {
    var e = new Error(message);
    e.name = "RichApi.Error";
    e.code = code;
    e.debugInfo = { code: code, message: message };
    return e;
  }
  function notLoaded(prop) {
    return officeError(
      "PropertyNotLoaded",
      "The property '" + prop + "' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
    );
  }

  // ------------------------------------------------------------------ the workbook model
  var book;
  function newBook() {
    return { sheets: [], names: [], tables: [], nextId: 1, nextTable: 1, active: null, selection: null, settings: {}, syncs: 0, runs: 0, calls: {} };
  }
  function count(what) {
    book.calls[what] = (book.calls[what] || 0) + 1;
  }
  function newSheet(name) {
    var s = { id: "{SHEET-" + book.nextId++ + "}", name: name, visibility: "Visible", cells: new Map(), freeze: null, tabColor: "", widths: {}, merges: [], validations: [] };
    book.sheets.push(s);
    return s;
  }
  function resetBook() {
    book = newBook();
    book.active = newSheet("Sheet1");
  }
  resetBook();

  function sheetByName(name) {
    var u = upper(name);
    for (var i = 0; i < book.sheets.length; i++) if (upper(book.sheets[i].name) === u) return book.sheets[i];
    return null;
  }
  function sheetByKey(key) {
    for (var i = 0; i < book.sheets.length; i++) if (book.sheets[i].id === key) return book.sheets[i];
    return sheetByName(key);
  }
  function sheetNameProblem(name, except) {
    if (typeof name !== "string" || name.length === 0 || name.length > 31) return "A sheet name must have 1 to 31 characters.";
    if (/[:\\/?*[\]]/.test(name) || /^'|'$/.test(name)) return "The sheet name contains characters Excel does not allow.";
    if (upper(name) === "HISTORY") return "History is a reserved sheet name.";
    var other = sheetByName(name);
    if (other && other !== except) return "A sheet named '" + name + "' already exists.";
    return null;
  }
  function nameTaken(name, exceptTable) {
    var u = upper(name);
    for (var i = 0; i < book.names.length; i++) if (upper(book.names[i].name) === u) return true;
    for (var j = 0; j < book.tables.length; j++) if (book.tables[j] !== exceptTable && upper(book.tables[j].name) === u) return true;
    return false;
  }
  function validDefinedName(name) {
    return typeof name === "string" && /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) && name.length <= 255 && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name);
  }

  function key(r, c) {
    return r + "," + c;
  }
  function getCell(s, r, c) {
    return s.cells.get(key(r, c));
  }
  function cellFor(s, r, c) {
    var k = key(r, c);
    var cell = s.cells.get(k);
    if (!cell) {
      cell = { v: null, f: null, nf: "General", fill: null, styled: false };
      s.cells.set(k, cell);
    }
    return cell;
  }
  function isError(v) {
    return v !== null && typeof v === "object" && typeof v.err === "string";
  }
  var ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!", "#CONNECT!", "#UNKNOWN!"];

  /** What a formula shows without a calculation engine: =HYPERLINK(x,"text") → text, else blank. */
  function formulaValue(f) {
    var m = /^=HYPERLINK\(.*,"((?:[^"]|"")*)"\)$/i.exec(f);
    return m ? m[1].replace(/""/g, '"') : null;
  }
  /** A value written through range.values / formulas, read like typed input. */
  function writeInput(cell, input) {
    if (input === null || input === undefined || input === "") {
      cell.v = null;
      cell.f = null;
      return;
    }
    if (typeof input === "number" || typeof input === "boolean") {
      cell.v = input;
      cell.f = null;
      return;
    }
    var s = String(input);
    if (cell.nf === "@") {
      cell.v = s;
      cell.f = null;
      return;
    }
    if (s.charAt(0) === "'") {
      cell.v = s.slice(1);
      cell.f = null;
      return;
    }
    if (s.charAt(0) === "=" && s.length > 1) {
      cell.f = s;
      cell.v = formulaValue(s);
      return;
    }
    cell.f = null;
    var t = s.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) cell.v = Number(t);
    else if (/^(TRUE|FALSE)$/i.test(t)) cell.v = upper(t) === "TRUE";
    else if (ERRORS.indexOf(upper(t)) >= 0) cell.v = { err: upper(t) };
    else cell.v = s;
  }
  function readValue(cell) {
    if (!cell || cell.v === null) return "";
    return isError(cell.v) ? cell.v.err : cell.v;
  }
  function readType(cell) {
    if (!cell || cell.v === null) return "Empty";
    if (isError(cell.v)) return "Error";
    if (typeof cell.v === "number") return "Double";
    if (typeof cell.v === "boolean") return "Boolean";
    return "String";
  }
  function readText(cell) {
    var v = readValue(cell);
    return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
  }
  function hasContent(cell, valuesOnly) {
    if (!cell) return false;
    if (cell.v !== null || cell.f) return true;
    return !valuesOnly && (cell.styled || cell.nf !== "General" || cell.fill !== null);
  }
  function usedBounds(s, valuesOnly) {
    var top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    s.cells.forEach(function (cell, k) {
      if (!hasContent(cell, valuesOnly)) return;
      var p = k.split(",");
      var r = Number(p[0]),
        c = Number(p[1]);
      if (r < top) top = r;
      if (c < left) left = c;
      if (r > bottom) bottom = r;
      if (c > right) right = c;
    });
    return bottom < 0 ? null : { top: top, left: left, bottom: bottom, right: right };
  }
  /** A fill as the stand-in keeps it: all five members, as getCellProperties reports them. */
  function canonFill(f) {
    if (!f || f.pattern === "None") return null;
    return {
      color: normColor(f.color === undefined || f.color === null ? "#FFFFFF" : f.color),
      pattern: f.pattern || "Solid",
      patternColor: f.patternColor === undefined || f.patternColor === null ? "#000000" : normColor(f.patternColor),
      tintAndShade: f.tintAndShade || 0,
      patternTintAndShade: f.patternTintAndShade || 0,
    };
  }
  function fillOf(cell) {
    var f = cell && cell.fill;
    if (!f) return { color: "#FFFFFF", pattern: "None", patternColor: "#000000", tintAndShade: 0, patternTintAndShade: 0 };
    return Object.assign({}, f);
  }
  function normColor(c) {
    if (typeof c !== "string") return c;
    var s = c.trim();
    if (/^#?[0-9a-f]{6}$/i.test(s)) return "#" + s.replace("#", "").toUpperCase();
    return s;
  }
  /** Rewrites sheet references in defined names after a rename (Excel does this too). */
  function renameInNames(oldName, newName) {
    var patterns = [quoteSheet(oldName) + "!", "'" + oldName.replace(/'/g, "''") + "'!"];
    book.names.forEach(function (n) {
      patterns.forEach(function (p) {
        var i = upper(n.formula).indexOf(upper(p));
        if (i >= 0) n.formula = n.formula.slice(0, i) + quoteSheet(newName) + "!" + n.formula.slice(i + p.length);
      });
    });
  }
  function deleteSheetModel(s) {
    var visible = book.sheets.filter(function (x) {
      return x.visibility === "Visible" && x !== s;
    });
    if (visible.length === 0) throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    var patterns = [quoteSheet(s.name) + "!", "'" + s.name.replace(/'/g, "''") + "'!"];
    book.names.forEach(function (n) {
      patterns.forEach(function (p) {
        var i = upper(n.formula).indexOf(upper(p));
        if (i >= 0) n.formula = n.formula.slice(0, i) + "#REF!" + n.formula.slice(i + p.length);
      });
    });
    book.tables = book.tables.filter(function (t) {
      return t.sheet !== s;
    });
    book.sheets.splice(book.sheets.indexOf(s), 1);
    s.deleted = true;
    if (book.active === s) book.active = visible[0];
    if (book.selection && book.selection.sheetModel === s) book.selection = null;
  }

  // ------------------------------------------------------------------ client object framework
  var ctxSeq = 0;
  function RequestContext() {
    this._gen = 0;
    this._failures = [];
    this._id = ++ctxSeq;
    this.workbook = new Workbook(this);
    this.trackedObjects = { add: function () {}, remove: function () {} };
  }
  RequestContext.prototype.sync = function (passThrough) {
    book.syncs++;
    this._gen++;
    var f = this._failures;
    this._failures = [];
    return f.length ? Promise.reject(f[0]) : Promise.resolve(passThrough);
  };
  RequestContext.prototype._fail = function (e) {
    this._failures.push(e);
  };
  /** Runs a queued command now; an Office error fails the next sync, like Office. */
  RequestContext.prototype._do = function (fn) {
    try {
      return fn();
    } catch (e) {
      if (e && e.name === "RichApi.Error") this._fail(e);
      else throw e;
      return undefined;
    }
  };

  function ClientObject(ctx) {
    this._ctx = ctx;
    this._loaded = {};
    this._born = ctx._gen;
  }
  /** load("a,b,items/c") | load(["a"]) | load({select:"a,b"}) | load() (all scalar props). */
  ClientObject.prototype.load = function (spec) {
    var paths;
    if (spec === undefined || spec === null) paths = this._scalars.slice();
    else if (typeof spec === "string") paths = spec.split(",");
    else if (Array.isArray(spec)) paths = spec;
    else if (typeof spec === "object" && typeof spec.select === "string") paths = spec.select.split(",");
    else paths = this._scalars.slice();
    var self = this;
    paths.forEach(function (raw) {
      var p = String(raw).trim();
      if (!p) return;
      var slash = p.indexOf("/");
      var head = slash < 0 ? p : p.slice(0, slash);
      var rest = slash < 0 ? undefined : p.slice(slash + 1);
      self._loadOne(head, rest);
    });
    return this;
  };
  ClientObject.prototype._loadOne = function (head, rest) {
    if (this._nav && this._nav.indexOf(head) >= 0) {
      this[head].load(rest);
      return;
    }
    if (this._scalars.indexOf(head) < 0) throw officeError("InvalidArgument", "Cannot load unknown property '" + head + "'.");
    this._loaded[head] = { value: this._isNull ? null : this["_get_" + head](), gen: this._ctx._gen };
  };
  ClientObject.prototype._read = function (prop) {
    var e = this._loaded[prop];
    if (!e) throw notLoaded(prop);
    if (e.gen >= this._ctx._gen) throw notLoaded(prop);
    return e.value;
  };
  ClientObject.prototype.toJSON = function () {
    var out = {};
    for (var k in this._loaded) out[k] = this._loaded[k].value;
    return out;
  };
  ClientObject.prototype.untrack = function () {
    return this;
  };
  ClientObject.prototype.track = function () {
    return this;
  };
  Object.defineProperty(ClientObject.prototype, "isNullObject", {
    get: function () {
      if (this._born >= this._ctx._gen) throw notLoaded("isNullObject");
      return !!this._isNull;
    },
  });
  Object.defineProperty(ClientObject.prototype, "context", {
    get: function () {
      return this._ctx;
    },
  });

  /** Declares loadable scalar properties: reading needs load()+sync(); setters run `_set_<p>`. */
  function props(Ctor, names, writable) {
    Ctor.prototype._scalars = (Ctor.prototype._scalars || []).concat(names);
    names.forEach(function (p) {
      var desc = {
        get: function () {
          return this._read(p);
        },
        configurable: true,
      };
      if (writable && writable.indexOf(p) >= 0) {
        desc.set = function (v) {
          var self = this;
          count("set " + p);
          this._ctx._do(function () {
            self["_set_" + p](v);
          });
          // A value the add-in set is readable back without a load (as Office does).
          this._loaded[p] = { value: v, gen: -1 };
        };
      }
      Object.defineProperty(Ctor.prototype, p, desc);
    });
  }
  function inherit(Ctor) {
    Ctor.prototype = Object.create(ClientObject.prototype);
    Ctor.prototype.constructor = Ctor;
    Ctor.prototype._scalars = [];
    Ctor.prototype._nav = [];
  }

  /**
   * Loads "items/<rest>" on a collection: the items are snapshotted once per load batch (several
   * "items/x" paths in one load() share them), and each path is loaded on every item.
   */
  function loadItems(coll, head, rest, make, what) {
    if (head !== "items") throw officeError("InvalidArgument", "Cannot load '" + head + "' on " + what + ".");
    var ctx = coll._ctx;
    var cur = coll._loaded.items;
    if (!cur || cur.gen !== ctx._gen) {
      cur = { value: make().map(function (item) {
        item._born = -1;
        return item;
      }), gen: ctx._gen };
      coll._loaded.items = cur;
    }
    cur.value.forEach(function (item) {
      item.load(rest);
    });
  }

  function ClientResult(ctx, value) {
    this._ctx = ctx;
    this._value = value;
    this._gen = ctx._gen;
  }
  Object.defineProperty(ClientResult.prototype, "value", {
    get: function () {
      if (this._gen >= this._ctx._gen) throw notLoaded("value");
      return this._value;
    },
  });

  // ------------------------------------------------------------------ workbook
  function Workbook(ctx) {
    ClientObject.call(this, ctx);
    this.worksheets = new WorksheetCollection(ctx);
    this.names = new NamedItemCollection(ctx);
    this.tables = new TableCollection(ctx, null);
    this.application = {
      suspendApiCalculationUntilNextSync: function () {
        count("suspendApiCalculationUntilNextSync");
      },
      suspendScreenUpdatingUntilNextSync: function () {
        count("suspendScreenUpdatingUntilNextSync");
      },
      calculate: function () {},
    };
    this.functions = {
      /** DATE in the 1900 date system (the stand-in's workbooks are 1900-based). */
      date: function (y, m, d) {
        var r = new FunctionResult(ctx);
        r._v = Date.UTC(y, m - 1, d) / 86400000 + 25569;
        return r;
      },
    };
  }
  inherit(Workbook);
  props(Workbook, ["name"]);
  Workbook.prototype._get_name = function () {
    return cfg.workbookName;
  };
  Workbook.prototype.getActiveCell = function () {
    var s = book.active;
    var sel = book.selection && book.selection.sheetModel === s ? book.selection : null;
    return new Range(this._ctx, s, sel ? sel.top : 0, sel ? sel.left : 0, 1, 1);
  };

  function FunctionResult(ctx) {
    ClientObject.call(this, ctx);
  }
  inherit(FunctionResult);
  props(FunctionResult, ["value", "error"]);
  FunctionResult.prototype._get_value = function () {
    return this._v;
  };
  FunctionResult.prototype._get_error = function () {
    return null;
  };

  // ------------------------------------------------------------------ worksheets
  function WorksheetCollection(ctx) {
    ClientObject.call(this, ctx);
  }
  inherit(WorksheetCollection);
  WorksheetCollection.prototype._loadOne = function (head, rest) {
    var ctx = this._ctx;
    loadItems(this, head, rest, function () {
      return book.sheets.map(function (s) {
        return new Worksheet(ctx, s);
      });
    }, "worksheets");
  };
  Object.defineProperty(WorksheetCollection.prototype, "items", {
    get: function () {
      return this._read("items");
    },
  });
  WorksheetCollection.prototype.getItem = function (k) {
    count("worksheets.getItem");
    var s = sheetByKey(k);
    if (!s) this._ctx._fail(officeError("ItemNotFound", "The requested resource doesn't exist (worksheet '" + k + "')."));
    return new Worksheet(this._ctx, s, !s);
  };
  WorksheetCollection.prototype.getItemOrNullObject = function (k) {
    count("worksheets.getItemOrNullObject");
    var s = sheetByKey(k);
    var w = new Worksheet(this._ctx, s, !s);
    w._isNull = !s;
    return w;
  };
  WorksheetCollection.prototype.add = function (name) {
    count("worksheets.add");
    var ctx = this._ctx;
    var s = null;
    ctx._do(function () {
      var n = name;
      if (n === undefined || n === null || n === "") {
        for (var i = 1; sheetByName("Sheet" + i); i++);
        n = "Sheet" + i;
      }
      var problem = sheetNameProblem(n, null);
      if (problem) throw officeError(/already exists/.test(problem) ? "ItemAlreadyExists" : "InvalidArgument", problem);
      s = newSheet(n);
    });
    var w = new Worksheet(ctx, s, !s);
    w._born = -1;
    return w;
  };
  WorksheetCollection.prototype.getActiveWorksheet = function () {
    return new Worksheet(this._ctx, book.active, false);
  };
  WorksheetCollection.prototype.getCount = function () {
    return new ClientResult(this._ctx, book.sheets.length);
  };

  function Worksheet(ctx, model, broken) {
    ClientObject.call(this, ctx);
    this._m = model;
    this._broken = !!broken;
    this.tables = new TableCollection(ctx, this);
    var self = this;
    this.freezePanes = {
      freezeAt: function (range) {
        self._ctx._do(function () {
          self._live().freeze = { rows: range._top + range._rows, cols: range._left + range._cols };
        });
      },
      freezeRows: function (n) {
        self._ctx._do(function () {
          self._live().freeze = { rows: n || 1, cols: 0 };
        });
      },
      freezeColumns: function (n) {
        self._ctx._do(function () {
          self._live().freeze = { rows: 0, cols: n || 1 };
        });
      },
      unfreeze: function () {
        self._ctx._do(function () {
          self._live().freeze = null;
        });
      },
    };
  }
  inherit(Worksheet);
  props(Worksheet, ["name", "id", "visibility", "position", "tabColor"], ["name", "visibility", "position", "tabColor"]);
  Worksheet.prototype._live = function () {
    if (!this._m || this._m.deleted) throw officeError("ItemNotFound", "The worksheet does not exist (any more).");
    return this._m;
  };
  Worksheet.prototype._get_name = function () {
    return this._live().name;
  };
  Worksheet.prototype._get_id = function () {
    return this._live().id;
  };
  Worksheet.prototype._get_visibility = function () {
    return this._live().visibility;
  };
  Worksheet.prototype._get_position = function () {
    return book.sheets.indexOf(this._live());
  };
  Worksheet.prototype._get_tabColor = function () {
    return this._live().tabColor;
  };
  Worksheet.prototype._set_name = function (v) {
    var s = this._live();
    var problem = sheetNameProblem(v, s);
    if (problem) throw officeError(/already exists/.test(problem) ? "ItemAlreadyExists" : "InvalidArgument", problem);
    var old = s.name;
    s.name = v;
    renameInNames(old, v);
  };
  Worksheet.prototype._set_visibility = function (v) {
    var s = this._live();
    if (["Visible", "Hidden", "VeryHidden"].indexOf(v) < 0) throw officeError("InvalidArgument", "Bad visibility " + v);
    if (v !== "Visible") {
      var others = book.sheets.filter(function (x) {
        return x !== s && x.visibility === "Visible";
      });
      if (others.length === 0) throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      if (book.active === s) book.active = others[0];
    }
    s.visibility = v;
  };
  Worksheet.prototype._set_position = function (v) {
    var s = this._live();
    var i = book.sheets.indexOf(s);
    book.sheets.splice(i, 1);
    book.sheets.splice(Math.max(0, Math.min(v, book.sheets.length)), 0, s);
  };
  Worksheet.prototype._set_tabColor = function (v) {
    this._live().tabColor = v;
  };
  Worksheet.prototype.activate = function () {
    count("worksheet.activate");
    var self = this;
    this._ctx._do(function () {
      var s = self._live();
      if (s.visibility !== "Visible") throw officeError("InvalidOperation", "A hidden sheet cannot be activated.");
      book.active = s;
    });
  };
  Worksheet.prototype.delete = function () {
    count("worksheet.delete");
    var self = this;
    this._ctx._do(function () {
      deleteSheetModel(self._live());
    });
  };
  Worksheet.prototype.getRangeByIndexes = function (r, c, rows, cols) {
    if (rows < 1 || cols < 1 || r < 0 || c < 0) this._ctx._fail(officeError("InvalidArgument", "getRangeByIndexes(" + [r, c, rows, cols].join(",") + ")"));
    return new Range(this._ctx, this._m, r, c, Math.max(1, rows), Math.max(1, cols), this._broken);
  };
  Worksheet.prototype.getRange = function (address) {
    if (address === undefined || address === "") return new Range(this._ctx, this._m, 0, 0, 1048576, 16384, this._broken);
    var p = parseRef(String(address));
    if (!p) {
      this._ctx._fail(officeError("InvalidArgument", "Bad range address '" + address + "'."));
      return new Range(this._ctx, this._m, 0, 0, 1, 1, true);
    }
    return new Range(this._ctx, this._m, p.top, p.left, p.bottom - p.top + 1, p.right - p.left + 1, this._broken);
  };
  Worksheet.prototype.getCell = function (r, c) {
    return this.getRangeByIndexes(r, c, 1, 1);
  };
  Worksheet.prototype.getUsedRange = function (valuesOnly) {
    count("worksheet.getUsedRange");
    var s = this._m;
    var b = s && !s.deleted ? usedBounds(s, !!valuesOnly) : null;
    // An empty sheet's used range is A1 (Office does not throw).
    if (!b) return new Range(this._ctx, s, 0, 0, 1, 1, this._broken);
    return new Range(this._ctx, s, b.top, b.left, b.bottom - b.top + 1, b.right - b.left + 1, this._broken);
  };
  Worksheet.prototype.getUsedRangeOrNullObject = function (valuesOnly) {
    var s = this._m;
    var b = s && !s.deleted ? usedBounds(s, !!valuesOnly) : null;
    if (!b) {
      var n = new Range(this._ctx, s, 0, 0, 1, 1, true);
      n._isNull = true;
      return n;
    }
    return new Range(this._ctx, s, b.top, b.left, b.bottom - b.top + 1, b.right - b.left + 1, this._broken);
  };

  // ------------------------------------------------------------------ ranges
  function Range(ctx, model, top, left, rows, cols, broken) {
    ClientObject.call(this, ctx);
    this._m = model;
    this._top = top;
    this._left = left;
    this._rows = rows;
    this._cols = cols;
    this._broken = !!broken || !model;
    this.format = new RangeFormat(this);
    this.dataValidation = new DataValidation(this);
  }
  inherit(Range);
  props(
    Range,
    ["values", "formulas", "numberFormat", "valueTypes", "text", "address", "addressLocal", "rowIndex", "columnIndex", "rowCount", "columnCount", "rowHidden", "columnHidden", "cellCount"],
    ["values", "formulas", "numberFormat"],
  );
  Range.prototype._nav = ["format", "worksheet"];
  Range.prototype._live = function () {
    if (this._broken || !this._m || this._m.deleted) throw officeError("ItemNotFound", "The range's worksheet does not exist.");
    return this._m;
  };
  Range.prototype._each = function (fn) {
    var s = this._live();
    var out = [];
    for (var r = 0; r < this._rows; r++) {
      var row = [];
      for (var c = 0; c < this._cols; c++) row.push(fn(getCell(s, this._top + r, this._left + c), this._top + r, this._left + c));
      out.push(row);
    }
    return out;
  };
  Range.prototype._guardSize = function () {
    if (this._rows * this._cols > 5000000) throw officeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
  };
  Range.prototype._get_values = function () {
    this._guardSize();
    return this._each(readValue);
  };
  Range.prototype._get_valueTypes = function () {
    this._guardSize();
    return this._each(readType);
  };
  Range.prototype._get_text = function () {
    this._guardSize();
    return this._each(readText);
  };
  Range.prototype._get_numberFormat = function () {
    this._guardSize();
    return this._each(function (cell) {
      return cell ? cell.nf : "General";
    });
  };
  Range.prototype._get_formulas = function () {
    this._guardSize();
    return this._each(function (cell) {
      return cell && cell.f ? cell.f : readValue(cell);
    });
  };
  Range.prototype._get_address = function () {
    return quoteSheet(this._live().name) + "!" + rangeA1(this._top, this._left, this._rows, this._cols);
  };
  Range.prototype._get_addressLocal = Range.prototype._get_address;
  Range.prototype._get_rowIndex = function () {
    return this._top;
  };
  Range.prototype._get_columnIndex = function () {
    return this._left;
  };
  Range.prototype._get_rowCount = function () {
    return this._rows;
  };
  Range.prototype._get_columnCount = function () {
    return this._cols;
  };
  Range.prototype._get_cellCount = function () {
    return this._rows * this._cols;
  };
  Range.prototype._get_rowHidden = function () {
    return false;
  };
  Range.prototype._get_columnHidden = function () {
    return false;
  };
  /** A 2-D input must match the range; a single value fills it (Office's rules). */
  Range.prototype._grid = function (input, what) {
    if (!Array.isArray(input)) {
      var self = this;
      return Array.from({ length: this._rows }, function () {
        return Array.from({ length: self._cols }, function () {
          return input;
        });
      });
    }
    if (input.length !== this._rows || input.some((row) => !Array.isArray(row) || row.length !== this._cols)) {
      throw officeError(
        "InvalidArgument",
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range (" + what + " " + input.length + "×" + ((input[0] || []).length || 0) + " for " + this._rows + "×" + this._cols + ").",
      );
    }
    return input;
  };
  Range.prototype._set_values = function (v) {
    var g = this._grid(v, "values");
    var s = this._live();
    for (var r = 0; r < this._rows; r++) for (var c = 0; c < this._cols; c++) writeInput(cellFor(s, this._top + r, this._left + c), g[r][c]);
  };
  Range.prototype._set_formulas = Range.prototype._set_values;
  Range.prototype._set_numberFormat = function (v) {
    var g = this._grid(v, "numberFormat");
    var s = this._live();
    for (var r = 0; r < this._rows; r++)
      for (var c = 0; c < this._cols; c++) {
        var f = g[r][c];
        if (f === null || f === undefined) continue; // null leaves a cell's format alone
        cellFor(s, this._top + r, this._left + c).nf = String(f);
      }
  };
  Object.defineProperty(Range.prototype, "worksheet", {
    get: function () {
      if (!this._ws) this._ws = new Worksheet(this._ctx, this._m, this._broken);
      return this._ws;
    },
  });
  Range.prototype.select = function () {
    count("range.select");
    var self = this;
    this._ctx._do(function () {
      var s = self._live();
      if (s.visibility !== "Visible") throw officeError("InvalidOperation", "Cannot select a range on a hidden sheet.");
      book.active = s;
      book.selection = { sheetModel: s, top: self._top, left: self._left, rows: self._rows, cols: self._cols };
    });
  };
  Range.prototype.activate = Range.prototype.select;
  Range.prototype.getCell = function (r, c) {
    return new Range(this._ctx, this._m, this._top + r, this._left + c, 1, 1, this._broken);
  };
  Range.prototype.getResizedRange = function (dr, dc) {
    return new Range(this._ctx, this._m, this._top, this._left, this._rows + dr, this._cols + dc, this._broken);
  };
  Range.prototype.getOffsetRange = function (dr, dc) {
    return new Range(this._ctx, this._m, this._top + dr, this._left + dc, this._rows, this._cols, this._broken);
  };
  Range.prototype.getIntersectionOrNullObject = function (other) {
    var top = Math.max(this._top, other._top);
    var left = Math.max(this._left, other._left);
    var bottom = Math.min(this._top + this._rows, other._top + other._rows) - 1;
    var right = Math.min(this._left + this._cols, other._left + other._cols) - 1;
    if (this._m !== other._m || bottom < top || right < left) {
      var n = new Range(this._ctx, this._m, 0, 0, 1, 1, true);
      n._isNull = true;
      return n;
    }
    return new Range(this._ctx, this._m, top, left, bottom - top + 1, right - left + 1, this._broken);
  };
  Range.prototype.getSpecialCellsOrNullObject = function (type) {
    // Visible cells: no row is ever hidden in the stand-in, so that is the whole range.
    var areas = new RangeAreas(this._ctx, this._m);
    if (type === "Visible") areas._ranges = [this];
    else areas._isNull = true;
    return areas;
  };
  Range.prototype.getMergedAreasOrNullObject = function () {
    var areas = new RangeAreas(this._ctx, this._m);
    var self = this;
    var s = this._m;
    areas._ranges = (s && !s.deleted ? s.merges : [])
      .filter(function (m) {
        return m.top >= self._top && m.left >= self._left && m.bottom < self._top + self._rows && m.right < self._left + self._cols;
      })
      .map(function (m) {
        return new Range(self._ctx, s, m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1);
      });
    if (areas._ranges.length === 0) areas._isNull = true;
    return areas;
  };
  Range.prototype.merge = function () {
    var self = this;
    this._ctx._do(function () {
      self._live().merges.push({ top: self._top, left: self._left, bottom: self._top + self._rows - 1, right: self._left + self._cols - 1 });
    });
  };
  Range.prototype.unmerge = function () {
    var self = this;
    this._ctx._do(function () {
      var s = self._live();
      s.merges = s.merges.filter(function (m) {
        return !(m.top >= self._top && m.left >= self._left && m.bottom < self._top + self._rows && m.right < self._left + self._cols);
      });
    });
  };
  Range.prototype.clear = function () {
    var self = this;
    this._ctx._do(function () {
      var s = self._live();
      for (var r = 0; r < self._rows; r++) for (var c = 0; c < self._cols; c++) s.cells.delete(key(self._top + r, self._left + c));
    });
  };
  Range.prototype.getCellProperties = function (spec) {
    count("range.getCellProperties");
    var want = (spec && spec.format && spec.format.fill) || {};
    var value = this._each(function (cell) {
      var f = fillOf(cell);
      var fill = {};
      for (var k in want) if (want[k]) fill[k] = f[k];
      return { format: { fill: fill } };
    });
    return new ClientResult(this._ctx, value);
  };
  Range.prototype.setCellProperties = function (data) {
    count("range.setCellProperties");
    var self = this;
    this._ctx._do(function () {
      var g = self._grid(data, "cellProperties");
      var s = self._live();
      for (var r = 0; r < self._rows; r++)
        for (var c = 0; c < self._cols; c++) {
          var fill = g[r][c] && g[r][c].format && g[r][c].format.fill;
          if (!fill) continue;
          var cell = cellFor(s, self._top + r, self._left + c);
          cell.fill = canonFill(Object.assign({}, cell.fill || {}, fill));
        }
    });
  };

  function RangeAreas(ctx, model) {
    ClientObject.call(this, ctx);
    this._m = model;
    this._ranges = [];
  }
  inherit(RangeAreas);
  props(RangeAreas, ["address", "areaCount"]);
  RangeAreas.prototype._get_address = function () {
    return this._ranges
      .map(function (r) {
        return r._get_address();
      })
      .join(",");
  };
  RangeAreas.prototype._get_areaCount = function () {
    return this._ranges.length;
  };

  function RangeFormat(range) {
    this._range = range;
    var ctx = range._ctx;
    var apply = function (fn) {
      ctx._do(function () {
        var s = range._live();
        for (var r = 0; r < range._rows; r++)
          for (var c = 0; c < range._cols; c++) {
            var cell = cellFor(s, range._top + r, range._left + c);
            cell.styled = true;
            fn(cell);
          }
      });
    };
    var fillObj = {};
    Object.defineProperty(fillObj, "color", {
      get: function () {
        var cell = getCell(range._live(), range._top, range._left);
        return fillOf(cell).color;
      },
      set: function (v) {
        count("format.fill.color");
        apply(function (cell) {
          cell.fill = canonFill({ color: v, pattern: "Solid" });
        });
      },
    });
    fillObj.clear = function () {
      count("format.fill.clear");
      apply(function (cell) {
        cell.fill = null;
      });
    };
    fillObj.load = function () {
      return fillObj;
    };
    this.fill = fillObj;
    var fontObj = {};
    ["bold", "italic", "color", "size", "name", "underline"].forEach(function (p) {
      Object.defineProperty(fontObj, p, {
        set: function (v) {
          apply(function (cell) {
            cell.font = cell.font || {};
            cell.font[p] = v;
          });
        },
        get: function () {
          var cell = getCell(range._live(), range._top, range._left);
          return cell && cell.font ? cell.font[p] : undefined;
        },
      });
    });
    this.font = fontObj;
    var self = this;
    ["wrapText", "horizontalAlignment", "verticalAlignment", "rowHeight"].forEach(function (p) {
      Object.defineProperty(self, p, {
        set: function (v) {
          apply(function (cell) {
            cell[p] = v;
          });
        },
        get: function () {
          var cell = getCell(range._live(), range._top, range._left);
          return cell ? cell[p] : undefined;
        },
      });
    });
    Object.defineProperty(this, "columnWidth", {
      set: function (v) {
        ctx._do(function () {
          var s = range._live();
          for (var c = 0; c < range._cols; c++) s.widths[range._left + c] = v;
        });
      },
      get: function () {
        return range._live().widths[range._left];
      },
    });
    this.borders = {
      getItem: function (edge) {
        var b = {};
        ["style", "weight", "color"].forEach(function (p) {
          Object.defineProperty(b, p, {
            set: function (v) {
              apply(function (cell) {
                cell.borders = cell.borders || {};
                cell.borders[edge] = Object.assign(cell.borders[edge] || {}, { [p]: v });
              });
            },
          });
        });
        return b;
      },
    };
    this.autofitColumns = function () {};
    this.autofitRows = function () {};
  }
  RangeFormat.prototype.load = function () {
    return this;
  };

  function DataValidation(range) {
    var store = function (k, v) {
      range._ctx._do(function () {
        var s = range._live();
        var dv = s.validations.find(function (x) {
          return x.top === range._top && x.left === range._left && x.rows === range._rows && x.cols === range._cols;
        });
        if (!dv) {
          dv = { top: range._top, left: range._left, rows: range._rows, cols: range._cols };
          s.validations.push(dv);
        }
        dv[k] = v;
      });
    };
    var self = this;
    ["rule", "prompt", "errorAlert", "ignoreBlanks"].forEach(function (k) {
      Object.defineProperty(self, k, {
        set: function (v) {
          if (k === "rule" && (!v || typeof v !== "object" || Object.keys(v).length !== 1)) {
            range._ctx._fail(officeError("InvalidArgument", "A data validation rule must have exactly one type."));
            return;
          }
          store(k, v);
        },
      });
    });
    this.clear = function () {
      range._ctx._do(function () {
        var s = range._live();
        s.validations = s.validations.filter(function (x) {
          return !(x.top === range._top && x.left === range._left);
        });
      });
    };
  }

  // ------------------------------------------------------------------ names and tables
  function NamedItemCollection(ctx) {
    ClientObject.call(this, ctx);
  }
  inherit(NamedItemCollection);
  NamedItemCollection.prototype._loadOne = function (head, rest) {
    var ctx = this._ctx;
    loadItems(this, head, rest, function () {
      return book.names.map(function (n) {
        return new NamedItem(ctx, n);
      });
    }, "names");
  };
  Object.defineProperty(NamedItemCollection.prototype, "items", {
    get: function () {
      return this._read("items");
    },
  });
  function findName(name) {
    var u = upper(name);
    return (
      book.names.find(function (n) {
        return upper(n.name) === u;
      }) || null
    );
  }
  NamedItemCollection.prototype.getItem = function (name) {
    var n = findName(name);
    if (!n) this._ctx._fail(officeError("ItemNotFound", "The name '" + name + "' does not exist."));
    return new NamedItem(this._ctx, n);
  };
  NamedItemCollection.prototype.getItemOrNullObject = function (name) {
    var n = findName(name);
    var item = new NamedItem(this._ctx, n);
    item._isNull = !n;
    return item;
  };
  NamedItemCollection.prototype.add = function (name, reference, comment) {
    count("names.add");
    var ctx = this._ctx;
    var model = null;
    ctx._do(function () {
      if (!validDefinedName(name)) throw officeError("InvalidArgument", "'" + name + "' is not a valid name.");
      if (nameTaken(name, null)) throw officeError("ItemAlreadyExists", "A name or table called '" + name + "' already exists.");
      var formula;
      if (reference instanceof Range) formula = "=" + quoteSheet(reference._live().name) + "!" + rangeA1(reference._top, reference._left, reference._rows, reference._cols).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      else formula = String(reference).charAt(0) === "=" ? String(reference) : "=" + reference;
      model = { name: name, formula: formula, comment: comment || "", visible: true };
      book.names.push(model);
    });
    var item = new NamedItem(ctx, model);
    item._born = -1;
    return item;
  };
  function NamedItem(ctx, model) {
    ClientObject.call(this, ctx);
    this._m = model;
  }
  inherit(NamedItem);
  props(NamedItem, ["name", "formula", "type", "visible", "comment", "value"]);
  NamedItem.prototype._get_name = function () {
    return this._m.name;
  };
  NamedItem.prototype._get_formula = function () {
    return this._m.formula;
  };
  NamedItem.prototype._get_type = function () {
    return /#REF!/.test(this._m.formula) ? "Error" : "Range";
  };
  NamedItem.prototype._get_visible = function () {
    return this._m.visible;
  };
  NamedItem.prototype._get_comment = function () {
    return this._m.comment;
  };
  NamedItem.prototype._get_value = function () {
    return this._m.formula.replace(/^=/, "");
  };
  NamedItem.prototype.delete = function () {
    count("name.delete");
    var m = this._m;
    this._ctx._do(function () {
      if (!m || book.names.indexOf(m) < 0) throw officeError("ItemNotFound", "The name does not exist.");
      book.names.splice(book.names.indexOf(m), 1);
    });
  };
  NamedItem.prototype.getRange = function () {
    var m = /^='?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(this._m.formula);
    var s = m ? sheetByName(m[1].replace(/''/g, "'")) : null;
    return new Range(this._ctx, s, m ? Number(m[3]) - 1 : 0, m ? colIndex(m[2]) : 0, 1, 1, !s);
  };

  function TableCollection(ctx, worksheet) {
    ClientObject.call(this, ctx);
    this._ws = worksheet;
  }
  inherit(TableCollection);
  TableCollection.prototype._list = function () {
    var ws = this._ws;
    return book.tables.filter(function (t) {
      return !ws || t.sheet === ws._m;
    });
  };
  TableCollection.prototype._loadOne = function (head, rest) {
    var ctx = this._ctx;
    var list = this._list();
    loadItems(this, head, rest, function () {
      return list.map(function (t) {
        return new Table(ctx, t);
      });
    }, "tables");
  };
  Object.defineProperty(TableCollection.prototype, "items", {
    get: function () {
      return this._read("items");
    },
  });
  TableCollection.prototype.add = function (address, hasHeaders) {
    count("tables.add");
    var ctx = this._ctx;
    var ws = this._ws;
    var model = null;
    ctx._do(function () {
      var range = address instanceof Range ? address : ws ? ws.getRange(address) : null;
      if (!range) throw officeError("InvalidArgument", "tables.add needs a range.");
      var s = range._live();
      var overlap = book.tables.some(function (t) {
        return t.sheet === s && !(t.bottom < range._top || t.top > range._top + range._rows - 1 || t.right < range._left || t.left > range._left + range._cols - 1);
      });
      if (overlap) throw officeError("InvalidOperation", "A table can't overlap another table.");
      var n;
      do n = "Table" + book.nextTable++;
      while (nameTaken(n, null));
      model = { name: n, style: "TableStyleMedium2", sheet: s, top: range._top, left: range._left, bottom: range._top + range._rows - 1, right: range._left + range._cols - 1 };
      if (!hasHeaders) {
        // Office inserts a header row of "Column1"… above the data.
        for (var c = 0; c < range._cols; c++) writeInput(cellFor(s, range._top, range._left + c), "Column" + (c + 1));
      } else {
        for (var k = 0; k < range._cols; k++) {
          var cell = cellFor(s, range._top, range._left + k);
          if (cell.v === null || cell.v === "") writeInput(cell, "Column" + (k + 1));
          else if (typeof cell.v !== "string") cell.v = String(readValue(cell)); // headers become text
        }
      }
      book.tables.push(model);
    });
    var t = new Table(ctx, model);
    t._born = -1;
    return t;
  };
  function Table(ctx, model) {
    ClientObject.call(this, ctx);
    this._m = model;
  }
  inherit(Table);
  props(Table, ["name", "style", "id"], ["name", "style"]);
  Table.prototype._nav = ["worksheet"];
  Table.prototype._get_name = function () {
    return this._m.name;
  };
  Table.prototype._get_style = function () {
    return this._m.style;
  };
  Table.prototype._get_id = function () {
    return "{TABLE-" + this._m.name + "}";
  };
  Table.prototype._set_name = function (v) {
    if (!this._m) throw officeError("ItemNotFound", "The table does not exist.");
    if (!validDefinedName(v)) throw officeError("InvalidArgument", "'" + v + "' is not a valid table name.");
    if (nameTaken(v, this._m)) throw officeError("ItemAlreadyExists", "A name or table called '" + v + "' already exists.");
    this._m.name = v;
  };
  Table.prototype._set_style = function (v) {
    if (this._m) this._m.style = v;
  };
  Object.defineProperty(Table.prototype, "worksheet", {
    get: function () {
      if (!this._ws) {
        this._ws = new Worksheet(this._ctx, this._m && this._m.sheet, !this._m);
        this._ws._born = -1;
      }
      return this._ws;
    },
  });
  Table.prototype.getRange = function () {
    var m = this._m;
    return new Range(this._ctx, m.sheet, m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1);
  };

  // ------------------------------------------------------------------ window.Excel
  window.Excel = {
    run: function (batch) {
      book.runs++;
      if (typeof batch !== "function") return Promise.reject(new Error("Excel.run needs a function"));
      var ctx = new RequestContext();
      return Promise.resolve()
        .then(function () {
          return batch(ctx);
        })
        .then(function (result) {
          // Excel.run runs what is still queued; a failure there rejects the run.
          return ctx.sync().then(function () {
            return result;
          });
        });
    },
    RequestContext: RequestContext,
    ErrorCodes: { itemNotFound: "ItemNotFound", invalidArgument: "InvalidArgument", generalException: "GeneralException" },
  };

  // ------------------------------------------------------------------ window.Office (real office.js, wrapped)
  function versionLE(a, b) {
    var pa = String(a).split(".").map(Number),
      pb = String(b).split(".").map(Number);
    for (var i = 0; i < Math.max(pa.length, pb.length); i++) {
      var d = (pa[i] || 0) - (pb[i] || 0);
      if (d !== 0) return d < 0;
    }
    return true;
  }
  var settingsBag = {
    get: function (n) {
      return Object.prototype.hasOwnProperty.call(book.settings, n) ? book.settings[n] : null;
    },
    set: function (n, v) {
      book.settings[n] = v;
    },
    remove: function (n) {
      delete book.settings[n];
    },
    saveAsync: function (options, cb) {
      var callback = typeof options === "function" ? options : cb;
      setTimeout(function () {
        if (callback) callback({ status: "succeeded", value: undefined });
      }, 0);
    },
  };
  var fakeContext = {
    displayLanguage: cfg.displayLanguage,
    contentLanguage: cfg.displayLanguage,
    requirements: {
      isSetSupported: function (name, version) {
        if (name !== "ExcelApi") return false;
        return versionLE(version || "1.1", cfg.excelApi);
      },
    },
    document: { settings: settingsBag, url: cfg.workbookName },
    diagnostics: { host: "Excel", platform: cfg.platform, version: "16.0.0.0" },
    platform: cfg.platform,
  };
  var realOffice;
  var wrapped = null;
  var readyInfo = { host: "Excel", platform: cfg.platform };
  function wrap(target) {
    return new Proxy(target, {
      get: function (t, p, receiver) {
        if (p === "onReady") {
          return function (cb) {
            var real = typeof t.onReady === "function" ? t.onReady.call(t) : Promise.resolve();
            return Promise.resolve(real)
              .catch(function () {})
              .then(function () {
                if (typeof cb === "function") cb(readyInfo);
                return readyInfo;
              });
          };
        }
        if (p === "context") return fakeContext;
        return Reflect.get(t, p, receiver);
      },
    });
  }
  Object.defineProperty(window, "Office", {
    configurable: true,
    enumerable: true,
    get: function () {
      if (!realOffice) return realOffice;
      if (!wrapped || wrapped.target !== realOffice) wrapped = { target: realOffice, proxy: wrap(realOffice) };
      return wrapped.proxy;
    },
    set: function (v) {
      realOffice = v;
    },
  });

  // ------------------------------------------------------------------ the test's handle
  function sheetOrThrow(name) {
    var s = sheetByName(name);
    if (!s) throw new Error("stand-in: no sheet " + name);
    return s;
  }
  function badge() {
    var el = document.getElementById("alutrace-standin-badge");
    if (!el) {
      el = document.createElement("div");
      el.id = "alutrace-standin-badge";
      el.setAttribute("aria-hidden", "true");
      el.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;padding:6px 12px;font:12px/1.4 'Segoe UI',sans-serif;background:#217346;color:#fff;z-index:99999;box-shadow:0 -1px 4px rgba(0,0,0,.3)";
      document.body.appendChild(el);
    }
    var sel = book.selection;
    el.textContent =
      "Excel stand-in (test) · active sheet: " +
      (book.active ? book.active.name : "—") +
      " · selected cell: " +
      (sel ? sel.sheetModel.name + "!" + rangeA1(sel.top, sel.left, sel.rows, sel.cols) : "—");
    return el.textContent;
  }
  window.__alutraceExcel = {
    reset: function () {
      resetBook();
    },
    /** Adds a sheet of the user's (not AluTrace's) at the end. */
    addSheet: function (name) {
      var problem = sheetNameProblem(name, null);
      if (problem) throw new Error(problem);
      newSheet(name);
    },
    /** Writes raw typed cells as a user would have them (numbers, text, booleans, null, {kind:"error",code}). */
    setCells: function (sheet, topLeft, rows, formats) {
      var s = sheetOrThrow(sheet);
      var p = parseRef(topLeft);
      rows.forEach(function (row, r) {
        (row || []).forEach(function (v, c) {
          var cell = cellFor(s, p.top + r, p.left + c);
          if (v === undefined) return;
          cell.f = null;
          cell.v = v === null ? null : typeof v === "object" && v.kind === "error" ? { err: v.code } : v;
          var f = formats && formats[r] && formats[r][c];
          if (f) cell.nf = f;
        });
      });
    },
    /** Clears the values of rows [fromRow…] (1-based) in a sheet, keeping formats. */
    clearRowsFrom: function (sheet, fromRow) {
      var s = sheetOrThrow(sheet);
      s.cells.forEach(function (cell, k) {
        if (Number(k.split(",")[0]) >= fromRow - 1) {
          cell.v = null;
          cell.f = null;
        }
      });
    },
    getCell: function (sheet, address) {
      var s = sheetOrThrow(sheet);
      var p = parseRef(address);
      var cell = getCell(s, p.top, p.left);
      return {
        value: cell ? readValue(cell) : "",
        type: readType(cell),
        formula: cell && cell.f ? cell.f : null,
        numberFormat: cell ? cell.nf : "General",
        fill: cell && cell.fill ? Object.assign({}, cell.fill) : null,
      };
    },
    setFill: function (sheet, address, fill) {
      var s = sheetOrThrow(sheet);
      var p = parseRef(address);
      var cell = cellFor(s, p.top, p.left);
      cell.fill = canonFill(fill);
    },
    /** Every cell of a sheet as "A1" → {v, f, nf, fill}: for before/after comparisons. */
    dumpSheet: function (sheet) {
      var s = sheetOrThrow(sheet);
      var out = {};
      s.cells.forEach(function (cell, k) {
        var p = k.split(",");
        if (cell.v === null && !cell.f && cell.nf === "General" && !cell.fill) return;
        out[a1(Number(p[0]), Number(p[1]))] = { v: cell.v, f: cell.f, nf: cell.nf, fill: cell.fill };
      });
      return out;
    },
    sheets: function () {
      return book.sheets.map(function (s, i) {
        return { name: s.name, id: s.id, visibility: s.visibility, position: i, tables: book.tables.filter((t) => t.sheet === s).map((t) => t.name) };
      });
    },
    names: function () {
      return book.names.map(function (n) {
        return { name: n.name, formula: n.formula };
      });
    },
    selection: function () {
      var sel = book.selection;
      return sel ? { sheet: sel.sheetModel.name, address: rangeA1(sel.top, sel.left, sel.rows, sel.cols) } : null;
    },
    activeSheet: function () {
      return book.active ? book.active.name : null;
    },
    stats: function () {
      return { runs: book.runs, syncs: book.syncs, calls: Object.assign({}, book.calls) };
    },
    settings: function () {
      return Object.assign({}, book.settings);
    },
    /** Shows the stand-in's active cell at the bottom of the page (for screenshots). */
    showSelectionBadge: badge,
  };
})();
