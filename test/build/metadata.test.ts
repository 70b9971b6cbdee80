// Golden test of the custom-functions metadata (functions.json) generated from the JSDoc of
// src/functions/functions.ts, with Excel's id/name rules. Regenerate: npm run metadata:update
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const ROOT = path.join(__dirname, "..", "..");
const INPUT = path.join(ROOT, "src", "functions", "functions.ts");
const GOLDEN = path.join(__dirname, "functions.golden.json");

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result?: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}
interface Metadata {
  functions: Fn[];
}

const REQUIRED_IDS = [
  "REDMUD_RATIO",
  "DRY_MASS",
  "REDMUD_PER_AL",
  "REDMUD_INTENSITY",
  "REDMUD_UTILIZATION",
  "PATHWAY_SHARES",
  "RECYCLED_SHARE",
  "RECYCLED_SPLIT",
  "WEIGHTED_SHARE",
  "SCRAP_PER_TONNE",
  "CONVERT_MASS",
];

let generated: { json: string; metadata: Metadata; errors: string[] };

beforeAll(async () => {
  if (!fs.existsSync(INPUT)) throw new Error(`${path.relative(ROOT, INPUT)} is missing`);
  const result = await generateCustomFunctionsMetadata(INPUT, false);
  generated = {
    json: result.metadataJson,
    metadata: result.metadataJson ? (JSON.parse(result.metadataJson) as Metadata) : { functions: [] },
    errors: result.errors,
  };
});

describe("custom functions metadata", () => {
  test("generates without errors", () => {
    expect(generated.errors).toEqual([]);
    expect(generated.metadata.functions.length).toBeGreaterThan(0);
  });

  test("matches the committed golden file (npm run metadata:update, then review the diff)", () => {
    if (!fs.existsSync(GOLDEN)) {
      throw new Error(`${path.relative(ROOT, GOLDEN)} is missing: run \`npm run metadata:update\` and review it`);
    }
    const golden = JSON.parse(fs.readFileSync(GOLDEN, "utf8")) as Metadata;
    expect(generated.metadata).toEqual(golden);
  });

  test("ids are upper-case A-Z 0-9 . _ and at most 128 characters, unique", () => {
    const ids = generated.metadata.functions.map((f) => f.id);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Z0-9._]+$/);
      expect(id.length).toBeLessThanOrEqual(128);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("names: 3 to 128 characters, start with a letter, unique, not cell-reference look-alikes", () => {
    const names = generated.metadata.functions.map((f) => f.name);
    for (const name of names) {
      expect(name.length).toBeGreaterThanOrEqual(3);
      expect(name.length).toBeLessThanOrEqual(128);
      expect(name).toMatch(/^\p{L}[\p{L}\p{N}._]*$/u);
      expect(name).not.toMatch(/^[A-Z]{1,3}[0-9]{1,7}$/i); // A1 style, e.g. ALU1
      expect(name).not.toMatch(/^R[0-9]*C[0-9]*$/i); // R1C1 style
    }
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
  });

  test.each(REQUIRED_IDS)("%s exists", (id) => {
    expect(generated.metadata.functions.map((f) => f.id)).toContain(id);
  });

  test("every function and every parameter has a description", () => {
    const missing: string[] = [];
    for (const f of generated.metadata.functions) {
      if (!f.description?.trim()) missing.push(`${f.id}: function description`);
      for (const p of f.parameters ?? []) {
        if (!p.description?.trim()) missing.push(`${f.id}(${p.name}): parameter description`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("no volatile or streaming functions (pure, recalculated only when inputs change)", () => {
    for (const f of generated.metadata.functions) {
      expect({ id: f.id, volatile: f.options?.volatile === true, stream: f.options?.stream === true }).toEqual({
        id: f.id,
        volatile: false,
        stream: false,
      });
    }
  });

  test("metadata stays far below Excel for Windows' ~1 MB functions.json limit", () => {
    expect(Buffer.byteLength(generated.json, "utf8")).toBeLessThan(256 * 1024);
  });
});
