// Host detection (watchOffice) and the strings table, without a browser.
import { watchOffice, type HostStatus, type OfficeLike } from "../../src/taskpane/office-ready";
import { STRINGS, pickLanguage, format } from "../../src/taskpane/i18n";

function fakeOffice(ready: Promise<{ host: unknown; platform: unknown }>, displayLanguage = "en-US"): OfficeLike {
  return { onReady: () => ready, context: { displayLanguage } };
}

/** Lets pending promise callbacks run under fake timers. */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("watchOffice", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("outside Office: onReady with host null → outside-office", async () => {
    const seen: HostStatus[] = [];
    const stop = watchOffice((s) => seen.push(s), { getOffice: () => fakeOffice(Promise.resolve({ host: null, platform: null })) });
    await flush();
    jest.advanceTimersByTime(20_000);
    expect(seen).toEqual([{ kind: "outside-office" }]);
    stop();
  });

  test("in Excel: platform and display language are reported", async () => {
    const seen: HostStatus[] = [];
    watchOffice((s) => seen.push(s), {
      getOffice: () => fakeOffice(Promise.resolve({ host: "Excel", platform: "PC" }), "zh-CN"),
    });
    await flush();
    expect(seen).toEqual([{ kind: "excel", platform: "PC", displayLanguage: "zh-CN" }]);
  });

  test("another host is reported as such", async () => {
    const seen: HostStatus[] = [];
    watchOffice((s) => seen.push(s), { getOffice: () => fakeOffice(Promise.resolve({ host: "Word", platform: "Mac" })) });
    await flush();
    expect(seen).toEqual([{ kind: "other-host", host: "Word", displayLanguage: "en-US" }]);
  });

  test("no window.Office at all → no-office soon (missingMs), once", async () => {
    const seen: HostStatus[] = [];
    watchOffice((s) => seen.push(s), { getOffice: () => undefined, missingMs: 2000, timeoutMs: 10_000 });
    jest.advanceTimersByTime(1900);
    expect(seen).toEqual([]);
    jest.advanceTimersByTime(200);
    expect(seen).toEqual([{ kind: "no-office" }]);
    jest.advanceTimersByTime(20_000);
    expect(seen).toEqual([{ kind: "no-office" }]);
  });

  test("office.js arriving late (before missingMs) is picked up silently", async () => {
    const seen: HostStatus[] = [];
    let office: OfficeLike | undefined;
    watchOffice((s) => seen.push(s), { getOffice: () => office, missingMs: 2000, pollMs: 100 });
    jest.advanceTimersByTime(1000);
    office = fakeOffice(Promise.resolve({ host: null, platform: null }));
    jest.advanceTimersByTime(100);
    await flush();
    jest.advanceTimersByTime(20_000);
    expect(seen).toEqual([{ kind: "outside-office" }]);
  });

  test("office.js arriving after missingMs upgrades the status", async () => {
    const seen: HostStatus[] = [];
    let office: OfficeLike | undefined;
    watchOffice((s) => seen.push(s), { getOffice: () => office, missingMs: 2000, timeoutMs: 10_000, pollMs: 100 });
    jest.advanceTimersByTime(3000);
    office = fakeOffice(Promise.resolve({ host: "Excel", platform: "PC" }));
    jest.advanceTimersByTime(100);
    await flush();
    expect(seen).toEqual([{ kind: "no-office" }, { kind: "excel", platform: "PC", displayLanguage: "en-US" }]);
  });

  test("onReady that never resolves → no-office, then upgraded if it resolves late", async () => {
    const seen: HostStatus[] = [];
    let resolve!: (v: { host: unknown; platform: unknown }) => void;
    const ready = new Promise<{ host: unknown; platform: unknown }>((r) => (resolve = r));
    watchOffice((s) => seen.push(s), { getOffice: () => fakeOffice(ready), timeoutMs: 3000 });
    jest.advanceTimersByTime(3000);
    expect(seen).toEqual([{ kind: "no-office" }]);
    resolve({ host: "Excel", platform: "OfficeOnline" });
    await flush();
    expect(seen[1]).toEqual({ kind: "excel", platform: "OfficeOnline", displayLanguage: "en-US" });
  });

  test("onReady that throws or rejects → no-office", async () => {
    const seen: HostStatus[] = [];
    watchOffice((s) => seen.push(s), {
      getOffice: () => ({
        onReady: () => {
          throw new Error("boom");
        },
      }),
    });
    watchOffice((s) => seen.push(s), { getOffice: () => fakeOffice(Promise.reject(new Error("nope"))) });
    await flush();
    expect(seen).toEqual([{ kind: "no-office" }, { kind: "no-office" }]);
  });

  test("stop() silences later reports", async () => {
    const seen: HostStatus[] = [];
    const stop = watchOffice((s) => seen.push(s), { getOffice: () => undefined, timeoutMs: 1000 });
    stop();
    jest.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
  });

  test("reads the real global by default", async () => {
    const g = globalThis as { Office?: OfficeLike };
    g.Office = fakeOffice(Promise.resolve({ host: null, platform: null }));
    try {
      const seen: HostStatus[] = [];
      watchOffice((s) => seen.push(s));
      await flush();
      expect(seen).toEqual([{ kind: "outside-office" }]);
    } finally {
      delete g.Office;
    }
  });
});

describe("i18n", () => {
  test("pickLanguage: any Chinese tag → zh-CN, everything else → en", () => {
    expect(pickLanguage("zh-CN")).toBe("zh-CN");
    expect(pickLanguage("zh-cn")).toBe("zh-CN");
    expect(pickLanguage("zh-TW")).toBe("zh-CN");
    expect(pickLanguage("zh")).toBe("zh-CN");
    expect(pickLanguage("en-GB")).toBe("en");
    expect(pickLanguage("de-DE")).toBe("en");
    expect(pickLanguage("zu-ZA")).toBe("en");
    expect(pickLanguage(undefined)).toBe("en");
    expect(pickLanguage(null)).toBe("en");
    expect(pickLanguage("")).toBe("en");
  });

  test("both tables have the same keys, non-empty values and the same placeholders", () => {
    const keys = Object.keys(STRINGS.en).sort();
    expect(Object.keys(STRINGS["zh-CN"]).sort()).toEqual(keys);
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of keys as Array<keyof typeof STRINGS.en>) {
      expect(STRINGS.en[key].trim()).not.toBe("");
      expect(STRINGS["zh-CN"][key].trim()).not.toBe("");
      expect({ key, p: placeholders(STRINGS["zh-CN"][key]) }).toEqual({ key, p: placeholders(STRINGS.en[key]) });
    }
  });

  test("the outside-Excel message is the agreed wording", () => {
    expect(STRINGS.en.outsideOffice).toBe(
      "Open this page from Excel to work on a workbook; outside Excel nothing is read or sent.",
    );
  });

  test("format fills known placeholders and leaves unknown ones visible", () => {
    expect(format("{count} issue(s) in {sheet}", { count: 2 })).toBe("2 issue(s) in {sheet}");
  });
});
