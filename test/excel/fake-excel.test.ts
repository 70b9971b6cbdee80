// The fake itself: it must catch a missing load() or sync(), like office-addin-mock does, or the
// adapter's tests would prove nothing.
import { FakeExcel } from "./fake-excel";

declare const Excel: { run<T>(cb: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> };

let fake: FakeExcel;
beforeEach(() => {
  fake = new FakeExcel();
  fake.install();
  fake.addSheet("S", [["a", 1]]);
});
afterEach(() => FakeExcel.uninstall());

it("flags a property read without load()", async () => {
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
    await ctx.sync();
    expect(r.values).toBe("Error, property was not loaded");
  });
  expect(fake.violations).toEqual(["Range.values: Error, property was not loaded"]);
});

it("flags a property read before sync()", async () => {
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
    r.load("values");
    expect(r.values).toBe("Error, context.sync() was not called");
    await ctx.sync();
    expect(r.values).toEqual([["a", 1]]);
  });
  expect(fake.violations).toEqual(["Range.values: Error, context.sync() was not called"]);
});

it("throws on loading a property the object does not have (the mock's own check)", async () => {
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
    expect(() => r.load("valuez")).toThrow(/needs to be present/);
    await ctx.sync();
  });
});

it("applies queued writes only at sync, in order, and counts syncs", async () => {
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
    r.values = [["b"]];
    expect(fake.value("S", "A1")).toBe("a");
    r.load("values");
    await ctx.sync();
    expect(r.values).toEqual([["b"]]);
  });
  expect(fake.syncs).toBe(1);
  expect(fake.violations).toEqual([]);
});

it("flags operations left unsynced at the end of Excel.run", async () => {
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["c"]];
  });
  expect(fake.violations).toEqual([expect.stringMatching(/queued but never synced/)]);
});

it("fails a sync over 5 MB like Excel on the web", async () => {
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 60_000, 10).values = Array.from({ length: 60_000 }, () => Array(10).fill("abcdefgh"));
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
});
