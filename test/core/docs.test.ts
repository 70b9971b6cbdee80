import { readFileSync } from "node:fs";
import { join } from "node:path";
import { templateMarkdown } from "../../src/core/template/docs";

test("docs/TEMPLATE.md is generated from the template spec and up to date (npm run docs)", () => {
  const committed = readFileSync(join(__dirname, "..", "..", "docs", "TEMPLATE.md"), "utf8");
  expect(committed).toBe(templateMarkdown() + "\n");
});
