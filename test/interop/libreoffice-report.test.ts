/**
 * An independent spreadsheet engine reads the exported report: LibreOffice opens the .xlsx written
 * by `alutrace report`, recalculates every formula (throwaway profile forcing recalculation on
 * load), and its values must equal the engine's to 1e-9 relative.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCellError } from "../../src/core/cells";
import { main } from "../../src/cli/main";
import { computeReport } from "../../src/core/report/compute";
import { buildReport } from "../../src/core/report/tabs";
import { validateTemplate } from "../../src/core/template/validate";
import { readWorkbook } from "../../src/xlsx/read";
import { itWithLibreOffice, recalcWithLibreOffice } from "../helpers/libreoffice";

const examples = join(__dirname, "..", "..", "examples");

describe("LibreOffice recalculates the exported report to the engine's values", () => {
  const cases: [string, string[]][] = [
    ["rolling-mill-valid.xlsx", []],
    ["rolling-mill-valid.xlsx", ["--denominator", "al_only", "--count-internal-cross-process"]],
    ["die-caster-zh.xlsx", []],
  ];
  for (const [name, args] of cases) {
    itWithLibreOffice(`${name} ${args.join(" ")}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "alutrace-lo-"));
      const out = join(dir, "report.xlsx");
      const code = await main(["report", join(examples, name), "-o", out, ...args], { out: () => {}, err: (s) => process.stderr.write(s) });
      expect(code).toBe(0);

      // The engine's values: the same pipeline on the same input.
      const grids = await readWorkbook(join(examples, name));
      const v = validateTemplate(grids);
      const fig = computeReport(v, { recycledMethod: { denominator: args.includes("al_only") ? "al_only" : "all_metal", countInternalCrossProcess: args.includes("--count-internal-cross-process") } });
      const spec = buildReport(v, fig, { sourceName: name, alutraceVersion: "x", generatedAt: "x" });

      const lo = await recalcWithLibreOffice(out);
      expect(lo).not.toBeNull();
      const mismatches: string[] = [];
      let formulas = 0;
      for (const sheet of spec.sheets) {
        const g = lo!.sheets.find((s) => s.name === sheet.name);
        expect(g).toBeDefined();
        sheet.rows.forEach((row, r) =>
          row.forEach((c, col) => {
            if (c.f === undefined) return;
            formulas++;
            const got = g!.values[r]?.[col];
            const want = c.v;
            const ok =
              typeof want === "number" && typeof got === "number"
                ? Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want))
                : typeof want === "boolean"
                  ? got === want
                  : !isCellError(got) && String(got) === String(want);
            if (!ok) mismatches.push(`${sheet.name}!R${r + 1}C${col + 1}: engine ${JSON.stringify(want)} vs LibreOffice ${JSON.stringify(got)} (=${c.f})`);
          }),
        );
      }
      expect(formulas).toBeGreaterThan(100);
      expect(mismatches).toEqual([]);
    });
  }
});
