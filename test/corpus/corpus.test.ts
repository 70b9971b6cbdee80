/**
 * The faulty-workbook corpus (build-corpus.ts) through the real command line, as a user runs it:
 * `alutrace validate FILE --json` must report EXACTLY the expected findings for each file — no
 * more, no fewer — or refuse the file up front with exit code 2 and a message saying why.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import type { Finding } from "../../src/core/findings";
import { readWorkbook, WorkbookReadError } from "../../src/xlsx/read";
import { CORPUS, CorpusCase, ExpectedFinding, FaultKind } from "./build-corpus";

const dir = mkdtempSync(join(tmpdir(), "alutrace-corpus-"));
const files = new Map<string, string>();

beforeAll(async () => {
  for (const c of CORPUS) {
    const file = join(dir, c.file);
    writeFileSync(file, await c.build());
    files.set(c.file, file);
  }
});

async function validate(file: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["validate", file, "--json"], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const key = (x: ExpectedFinding) => `${x.sheet}!${x.cell} ${x.severity} ${x.code}`;

describe("the corpus covers every kind of fault in issue #4", () => {
  test("each kind has at least one file, and file names are unique", () => {
    const kinds: FaultKind[] = [
      "numbers-as-text",
      "percentages",
      "units",
      "dates",
      "placeholders-vs-errors",
      "layout",
      "identifiers",
      "xlsx-content",
      "damaged-or-not-xlsx",
      "formula-injection-and-sheet-names",
    ];
    for (const k of kinds) expect(CORPUS.filter((c) => c.kind === k).length).toBeGreaterThan(0);
    expect(new Set(CORPUS.map((c) => c.file)).size).toBe(CORPUS.length);
  });
});

describe("alutrace validate --json on each corpus file", () => {
  const readable = CORPUS.filter((c) => !c.refusal);
  const refused = CORPUS.filter((c) => c.refusal);

  test.each(readable.map((c) => [c.file, c] as const))("%s: exactly the expected findings", async (_name, c: CorpusCase) => {
    const r = await validate(files.get(c.file)!);
    expect(r.err).toBe("");
    const j = JSON.parse(r.out) as { errors: number; warnings: number; findings: Finding[] };
    const got = j.findings.map((x) => key({ sheet: x.sheet, cell: x.cell, severity: x.severity, code: x.code }));
    expect(got.sort()).toEqual(c.expected.map(key).sort());
    // Exit code follows the errors; every finding says what and how, in both languages.
    const errors = c.expected.filter((x) => x.severity === "error").length;
    expect(r.code).toBe(errors > 0 ? 1 : 0);
    expect(j.errors).toBe(errors);
    for (const x of j.findings) {
      expect(x.message.length).toBeGreaterThan(10);
      expect(x.messageZh.length).toBeGreaterThan(3);
      expect(x.message).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  const twins = CORPUS.filter((c) => c.sameFindingsAs);
  test.each(twins.map((c) => [c.file, c.sameFindingsAs!, c] as const))("%s: word for word the verdict on %s", async (_name, other, c: CorpusCase) => {
    expect(CORPUS.some((x) => x.file === other)).toBe(true);
    const a = await validate(files.get(c.file)!);
    const b = await validate(files.get(other)!);
    expect(a.code).toBe(b.code);
    const strip = (out: string) => {
      const j = JSON.parse(out) as { file?: string };
      delete j.file;
      return j;
    };
    expect(strip(a.out)).toEqual(strip(b.out));
  });

  test.each(refused.map((c) => [c.file, c] as const))("%s: refused up front, saying why", async (_name, c: CorpusCase) => {
    const r = await validate(files.get(c.file)!);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(c.refusal!.message);
    expect(r.err).not.toMatch(/Cannot read properties|undefined \(reading/);
    const e = await readWorkbook(files.get(c.file)!).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as WorkbookReadError).code).toBe(c.refusal!.code);
  });
});
