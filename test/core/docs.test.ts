import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULTS } from "../../src/core/defaults";
import { sourcesMarkdown, SOURCES } from "../../src/core/sources";
import { templateMarkdown } from "../../src/core/template/docs";
import { promptText } from "../../src/core/template/build";
import { TEMPLATE_SHEETS } from "../../src/core/template/spec";

test("docs/TEMPLATE.md is generated from the template spec and up to date (npm run docs)", () => {
  const committed = readFileSync(join(__dirname, "..", "..", "docs", "TEMPLATE.md"), "utf8");
  expect(committed).toBe(templateMarkdown() + "\n");
});

test("docs/SOURCES.md is generated from the source register and up to date (npm run docs)", () => {
  const committed = readFileSync(join(__dirname, "..", "..", "docs", "SOURCES.md"), "utf8");
  expect(committed).toBe(sourcesMarkdown() + "\n");
});

test.each([
  ["docs", "METHOD.md"],
  ["examples", "README.md"],
])("every source ID cited in %s/%s is in the register, with a web address", (dir, file) => {
  const text = readFileSync(join(__dirname, "..", "..", dir, file), "utf8");
  const cited = new Set([...text.matchAll(/\bS(\d+)\b/g)].map((m) => `S${m[1]}`));
  expect(cited.size).toBeGreaterThan(5);
  for (const id of cited) expect({ id, inRegister: SOURCES.some((s) => s.id === id) }).toEqual({ id, inRegister: true });
  for (const s of SOURCES) expect(s.url).toMatch(/^https?:\/\//);
});

test("docs/METHOD.md's defaults table has a row for every default in src/core/defaults.ts, and no other", () => {
  const method = readFileSync(join(__dirname, "..", "..", "docs", "METHOD.md"), "utf8");
  const rows = [...method.matchAll(/^\| ([A-Z][A-Z0-9_]+) \|/gm)].map((m) => m[1]).filter((id) => !/^V\d+$/.test(id) && !/^R\d_/.test(id));
  expect([...new Set(rows)].sort()).toEqual(DEFAULTS.map((d) => d.id).sort());
});

test("every column's help fits Excel's input message whole, in the bilingual template too", () => {
  for (const s of TEMPLATE_SHEETS) {
    for (const c of s.columns) {
      const bilingual = `${c.help.en}\n${c.help.zh}`;
      expect({ column: `${s.name}.${c.key}`, length: bilingual.length <= 250 }).toEqual({ column: `${s.name}.${c.key}`, length: true });
      expect(promptText(bilingual)).toBe(bilingual);
    }
  }
  // A longer text is cut after its last whole sentence, never mid-sentence.
  expect(promptText("One sentence. " + "x".repeat(300))).toBe("One sentence.…");
});
