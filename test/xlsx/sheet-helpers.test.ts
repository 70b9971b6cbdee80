/** src/sheet helpers (pure) and the small format helpers of src/xlsx. */
import fc from "fast-check";
import { cell, formulaCell, SheetSpec } from "../../src/core/sheetspec";
import {
  cellInput,
  checkSheetName,
  estimateRowBytes,
  findOwnedSheets,
  isFormulaLike,
  isValidDefinedName,
  ownershipMark,
  ownershipMarkName,
  padRows,
  planChunks,
  renameSheetInFormula,
  renameSheetsInSpec,
  safeText,
  sheetOfRef,
  specExtent,
  typedInputText,
  uniqueSheetName,
  usedRange,
  wouldExcelReinterpret,
} from "../../src/sheet";
import { addFutureFunctionPrefixes } from "../../src/xlsx/formula";
import { decodeOoxmlEscapes } from "../../src/xlsx/read";
import { encodeOoxmlEscapes } from "../../src/xlsx/write";

describe("sheet names", () => {
  it("explains each rule", () => {
    expect(checkSheetName("Metal inputs")).toBeUndefined();
    expect(checkSheetName("金属投入")).toBeUndefined();
    expect(checkSheetName("")).toMatch(/blank/);
    expect(checkSheetName("   ")).toMatch(/blank/);
    expect(checkSheetName("x".repeat(32))).toMatch(/32 characters; Excel allows at most 31/);
    for (const ch of [":", "\\", "/", "?", "*", "[", "]"]) expect(checkSheetName(`a${ch}b`)).toMatch(/does not allow/);
    expect(checkSheetName("history")).toMatch(/reserved/);
    expect(checkSheetName("'quoted")).toMatch(/apostrophe/);
    expect(checkSheetName("quoted'")).toMatch(/apostrophe/);
    expect(checkSheetName("it's fine")).toBeUndefined();
  });

  it("uniqueSheetName gives a valid, unused name (ignoring case) within 31 characters", () => {
    expect(uniqueSheetName("R1_Cover", ["Data"])).toBe("R1_Cover");
    expect(uniqueSheetName("R1_Cover", ["r1_cover"])).toBe("R1_Cover (2)");
    expect(uniqueSheetName("R1_Cover", ["R1_Cover", "R1_Cover (2)"])).toBe("R1_Cover (3)");
    expect(uniqueSheetName("x".repeat(31), ["x".repeat(31)])).toBe(`${"x".repeat(27)} (2)`);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 31 }).filter((s) => !checkSheetName(s)), fc.array(fc.string({ maxLength: 31 })), (name, taken) => {
        const u = uniqueSheetName(name, [...taken, name]);
        expect(checkSheetName(u)).toBeUndefined();
        expect([...taken, name].some((t) => t.toUpperCase() === u.toUpperCase())).toBe(false);
      }),
    );
  });

  it("defined names: no cell references, right characters", () => {
    expect(isValidDefinedName("_AluTrace_report_R1_abc")).toBe(true);
    expect(isValidDefinedName("tbl_metal_inputs")).toBe(true);
    expect(isValidDefinedName("A1")).toBe(false);
    expect(isValidDefinedName("tbl1")).toBe(false); // column TBL, row 1
    expect(isValidDefinedName("ZZZ1")).toBe(true); // beyond column XFD
    expect(isValidDefinedName("R1C1")).toBe(false);
    expect(isValidDefinedName("r")).toBe(false);
    expect(isValidDefinedName("1abc")).toBe(false);
    expect(isValidDefinedName("a b")).toBe(false);
  });
});

describe("safeText", () => {
  it("prefixes formula-like text and text that starts with an apostrophe, nothing else", () => {
    for (const t of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1"]) {
      expect(isFormulaLike(t)).toBe(true);
      expect(safeText(t)).toBe(`'${t}`);
    }
    expect(safeText("'a")).toBe("''a");
    expect(safeText("plain =text")).toBe("plain =text");
    expect(safeText("")).toBe("");
  });

  it("typedInputText also protects text Excel would convert when typed", () => {
    for (const t of ["0012", "45%", "1,234.5", "2024-01-05", "5/1", "12:30", "TRUE", "#N/A", "1e3", "(5)"]) expect(wouldExcelReinterpret(t)).toBe(true);
    for (const t of ["P1", "Alpha", "红泥", "S-001", "CN", "kg"]) expect(typedInputText(t)).toBe(t);
  });
});

describe("spec shape", () => {
  const s: SheetSpec = {
    name: "S",
    kind: "report",
    rows: [[cell("a")], [], [cell(null), cell(1), {}]],
    merges: [{ top: 4, left: 0, bottom: 4, right: 3 }],
  };
  it("extent covers rows, cells and merges; used range only cells with content", () => {
    expect(specExtent(s)).toEqual({ rows: 5, cols: 4 });
    expect(usedRange(s)).toEqual({ top: 0, left: 0, bottom: 2, right: 1 });
  });
  it("padRows makes a rectangle", () => {
    const p = padRows(s.rows, 3);
    expect(p.map((r) => r.length)).toEqual([3, 3, 3]);
    expect(p[1][2]).toEqual({});
  });
  it("cellInput: what to type into Office.js", () => {
    expect(cellInput(formulaCell("SUM(A1:A2)", 3))).toBe("=SUM(A1:A2)");
    expect(cellInput(cell("=evil"))).toBe("'=evil");
    expect(cellInput(cell(null))).toBe("");
    expect(cellInput(cell({ kind: "error", code: "#N/A" }))).toBe("#N/A");
    expect(cellInput(cell(2.5))).toBe(2.5);
  });
});

describe("planChunks", () => {
  it("covers every row once, in order, within the byte and cell budgets", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 300 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 400 }), (sizes, maxBytes, cols, maxCells) => {
        const chunks = planChunks(sizes.length, cols, (r) => sizes[r], maxBytes, maxCells);
        let next = 0;
        for (const c of chunks) {
          expect(c.startRow).toBe(next);
          expect(c.rowCount).toBeGreaterThan(0);
          next += c.rowCount;
          const bytes = sizes.slice(c.startRow, c.startRow + c.rowCount).reduce((a, b) => a + b, 0);
          expect(c.bytes).toBe(bytes);
          if (c.oversize) expect(c.rowCount).toBe(1);
          else {
            expect(bytes).toBeLessThanOrEqual(maxBytes);
            if (c.rowCount > 1) expect(c.rowCount * cols).toBeLessThanOrEqual(maxCells);
          }
        }
        expect(next).toBe(sizes.length);
      }),
    );
  });

  it("plans a 100,000-row write under Office.js's 5 MB limit", () => {
    const row = Array.from({ length: 20 }, (_, c) => cell(`value ${c} 铝`));
    const chunks = planChunks(100_000, 20, () => estimateRowBytes(row, 20), 4 * 1024 * 1024);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.bytes <= 4 * 1024 * 1024)).toBe(true);
  });
});

describe("ownership marks", () => {
  it("are valid Excel names, stable per sheet name and ignore case like Excel", () => {
    const a = ownershipMarkName("report", "R1 Cover");
    expect(a).toMatch(/^_AluTrace_report_R1_Cover_[0-9a-z]+$/);
    expect(isValidDefinedName(a)).toBe(true);
    expect(ownershipMarkName("report", "r1 cover").toUpperCase()).toBe(a.toUpperCase());
    expect(ownershipMarkName("report", "R1_Cover")).not.toBe(a);
    expect(isValidDefinedName(ownershipMarkName("template", "金属投入"))).toBe(true);
  });

  it("findOwnedSheets reads marks whatever the quoting, and drops marks of deleted sheets", () => {
    const names = [
      ownershipMark("report", "R1 Cover", "My cover"),
      { name: ownershipMarkName("template", "Data"), ref: "=Data!$A$1" },
      { name: ownershipMarkName("report", "Gone"), ref: "#REF!$A$1" },
      { name: ownershipMarkName("report", "It's"), ref: "'It''s'!$A$1" },
      { name: "user_name", ref: "Data!$B$2" },
    ];
    expect(findOwnedSheets(names, ["Data", "My cover", "It's"]).map((o) => [o.sheetName, o.kind])).toEqual([
      ["My cover", "report"],
      ["Data", "template"],
      ["It's", "report"],
    ]);
    expect(sheetOfRef("'A''B'!$A$1:$C$3")).toBe("A'B");
    expect(sheetOfRef("[1]Sheet!A1")).toBeUndefined();
    expect(sheetOfRef("0.5")).toBeUndefined();
  });
});

describe("formula rewriting", () => {
  it("renames sheet references, quoted or not, and leaves strings and other sheets alone", () => {
    const f = `SUM('R1_Cover'!B2:B5)+R1_Cover!C1+r1_cover!D1+MyR1_Cover!A1+"R1_Cover!A1"+[Book]R1_Cover!A1`;
    expect(renameSheetInFormula(f, "R1_Cover", "R1_Cover (2)")).toBe(
      `SUM('R1_Cover (2)'!B2:B5)+'R1_Cover (2)'!C1+'R1_Cover (2)'!D1+MyR1_Cover!A1+"R1_Cover!A1"+[Book]R1_Cover!A1`,
    );
    expect(renameSheetInFormula("'It''s'!A1*2", "It's", "Data")).toBe("Data!A1*2");
  });

  it("renames in a whole spec, simultaneously (a swap works)", () => {
    const out = renameSheetsInSpec(
      {
        sheets: [
          { name: "A", kind: "report", rows: [[formulaCell("B!A1", 1)]] },
          { name: "B", kind: "report", rows: [[formulaCell("A!A1", 1)]], validations: [{ type: "list", range: { top: 0, left: 0, bottom: 0, right: 0 }, source: "A!$A$1:$A$3", allowBlank: true }] },
        ],
        definedNames: [{ name: "n", ref: "'A'!$A$1" }],
      },
      new Map([
        ["A", "B"],
        ["B", "A"],
      ]),
    );
    expect(out.sheets.map((s) => s.name)).toEqual(["B", "A"]);
    expect(out.sheets[0].rows[0][0].f).toBe("A!A1");
    expect(out.sheets[1].rows[0][0].f).toBe("B!A1");
    expect(out.sheets[1].validations?.[0]).toMatchObject({ source: "B!$A$1:$A$3" });
    expect(out.definedNames?.[0].ref).toBe("B!$A$1");
  });

  it("texts that name a renamed sheet follow it, as whole words only", () => {
    const text = (v: string) => ({ v });
    const out = renameSheetsInSpec(
      {
        sheets: [
          { name: "R0_Cover", kind: "report", rows: [[text("Tabs: R0_Cover, R9_Data, r9_data"), text("R9_Data: Products"), text("R9_DataX and MyR9_Data stay"), { v: 3 }]] },
          { name: "R9_Data", kind: "report", rows: [[text("data")]] },
        ],
      },
      new Map([["R9_Data", "R9_Data (2)"]]),
    );
    expect(out.sheets[0].rows[0].map((c) => c.v)).toEqual(["Tabs: R0_Cover, R9_Data (2), R9_Data (2)", "R9_Data (2): Products", "R9_DataX and MyR9_Data stay", 3]);
    expect(out.sheets[1].name).toBe("R9_Data (2)");
  });

  it("adds _xlfn. to post-2007 functions only", () => {
    expect(addFutureFunctionPrefixes('IFNA(XLOOKUP(A1,B:B,C:C),"IFS(")+SUM(A1)+MAXIFS(A:A,B:B,1)')).toBe(
      '_xlfn.IFNA(_xlfn.XLOOKUP(A1,B:B,C:C),"IFS(")+SUM(A1)+_xlfn.MAXIFS(A:A,B:B,1)',
    );
    expect(addFutureFunctionPrefixes("_xlfn.IFNA(1,2)")).toBe("_xlfn.IFNA(1,2)");
    expect(addFutureFunctionPrefixes("'IFNA'!A1+STDEV.S(A:A)")).toBe("'IFNA'!A1+_xlfn.STDEV.S(A:A)");
  });
});

describe("OOXML text escapes", () => {
  it("encode/decode round-trips any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(decodeOoxmlEscapes(encodeOoxmlEscapes(s))).toBe(s);
      }),
    );
    expect(encodeOoxmlEscapes("a\rb_x0041_")).toBe("a_x000D_b_x005F_x0041_");
  });
});
