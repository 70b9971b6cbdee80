import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sourcesMarkdown, SOURCES } from "../../src/core/sources";
import { templateMarkdown } from "../../src/core/template/docs";

test("docs/TEMPLATE.md is generated from the template spec and up to date (npm run docs)", () => {
  const committed = readFileSync(join(__dirname, "..", "..", "docs", "TEMPLATE.md"), "utf8");
  expect(committed).toBe(templateMarkdown() + "\n");
});

test("docs/SOURCES.md is generated from the source register and up to date (npm run docs)", () => {
  const committed = readFileSync(join(__dirname, "..", "..", "docs", "SOURCES.md"), "utf8");
  expect(committed).toBe(sourcesMarkdown() + "\n");
});

test("every source ID cited in docs/METHOD.md is in the register, with a web address", () => {
  const method = readFileSync(join(__dirname, "..", "..", "docs", "METHOD.md"), "utf8");
  const cited = new Set([...method.matchAll(/\bS(\d+)\b/g)].map((m) => `S${m[1]}`));
  expect(cited.size).toBeGreaterThan(5);
  for (const id of cited) expect(SOURCES.find((s) => s.id === id)?.id).toBe(id);
  for (const s of SOURCES) expect(s.url).toMatch(/^https?:\/\//);
});
