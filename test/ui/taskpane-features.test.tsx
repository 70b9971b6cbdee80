/**
 * @jest-environment jsdom
 */
// The task pane's workbook features against a fake HostApi: template language, findings grouped and
// counted, click → selectCell, highlight / clear, findings sheet, export with the placed sheets,
// methods → exportReport options, language switch, mapping a sheet that is not ours, errors in the pane.
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { Finding, HostApi, SheetPreview, ValidateResult, WriteResult } from "../../src/taskpane/host";
import { STRINGS, format, type Language } from "../../src/taskpane/i18n";
import type { HostStatus } from "../../src/taskpane/office-ready";

jest.mock("../../src/taskpane/panels", () => {
  const { About } = jest.requireActual<typeof import("../../src/taskpane/About")>("../../src/taskpane/About");
  const { SettingsPanel } = jest.requireActual<typeof import("../../src/taskpane/SettingsPanel")>("../../src/taskpane/SettingsPanel");
  const { MappingEditor } = jest.requireActual<typeof import("../../src/taskpane/MappingEditor")>("../../src/taskpane/MappingEditor");
  return { About, SettingsPanel, MappingEditor };
});

const EN = STRINGS.en;
const ZH = STRINGS["zh-CN"];
const excel: HostStatus = { kind: "excel", platform: "OfficeOnline", displayLanguage: "en-US" };

const f = (sheet: string, cell: string, severity: Finding["severity"], code: string, message: string): Finding => ({
  sheet,
  cell,
  severity,
  code,
  message,
  messageZh: `【中文】${message}`,
});

const FINDINGS: Finding[] = [
  f("01_Supplier", "B4", "error", "REQUIRED", "Legal name (English) is required."),
  f("03_Metal_Inputs", "D5", "error", "NOT_A_NUMBER", "Mass must be a number."),
  f("03_Metal_Inputs", "C6", "error", "CODE_UNKNOWN", "Input class is not on the list."),
  f("03_Metal_Inputs", "E7", "warning", "PERCENT_POINTS", "45 read as 45 %."),
  f("03_Metal_Inputs", "F8", "info", "DEFAULT_USED", "Default used."),
  f("04_Primary_Sources", "", "error", "SHEET_MISSING", "No sheet with the Primary sources headers was found."),
];

const REPORT: WriteResult = { sheets: ["R0_Cover", "R1_Red_Mud", "R2_Recycled_Content", "R8_Data", "R9_Validation"], replaced: ["R0_Cover", "R1_Red_Mud"] };

function fakeHost(overrides: Partial<HostApi> = {}): jest.Mocked<HostApi> {
  return {
    available: true,
    insertTemplate: jest.fn(async () => ({ sheets: ["00_Instructions", "01_Supplier", "02_Products"] })),
    validate: jest.fn(async (): Promise<ValidateResult> => ({ findings: FINDINGS, defaultsUsed: [{ id: "REDMUD_PER_ALUMINA", cells: ["'03_Metal_Inputs'!F8"] }] })),
    exportReport: jest.fn(async () => REPORT),
    selectCell: jest.fn(async () => undefined),
    highlightFindings: jest.fn(async (fs: readonly Finding[]) => ({ cells: fs.length })),
    clearHighlights: jest.fn(async () => undefined),
    writeFindingsSheet: jest.fn(async () => ({ sheets: ["AluTrace_Findings"] })),
    ...overrides,
  } as jest.Mocked<HostApi>;
}

function renderApp(host: HostApi, language: Language = "en", status: HostStatus = excel) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} status={status} defaultLanguage={language} />
    </FluentProvider>,
  );
}

async function click(el: Element): Promise<void> {
  await act(async () => {
    fireEvent.click(el);
  });
}

async function openTab(name: string): Promise<void> {
  await click(screen.getByRole("tab", { name }));
}

async function validateNow(t = EN): Promise<void> {
  await openTab(t.tabValidate);
  await click(screen.getByRole("button", { name: t.validate }));
  await screen.findByText(t.validated);
}

describe("Insert template", () => {
  test("defaults to the Office display language, inserts in the chosen language, lists the new sheets", async () => {
    const host = fakeHost();
    renderApp(host, "zh-CN");
    expect(screen.getByRole("tab", { name: ZH.tabTemplate }).getAttribute("aria-selected")).toBe("true");
    expect((screen.getByRole("radio", { name: ZH.templateLangZh }) as HTMLInputElement).checked).toBe(true);
    await click(screen.getByRole("button", { name: ZH.insertTemplate }));
    expect(host.insertTemplate).toHaveBeenLastCalledWith({ language: "zh-CN" });

    await click(screen.getByRole("radio", { name: ZH.templateLangBilingual }));
    await click(screen.getByRole("button", { name: ZH.insertTemplate }));
    expect(host.insertTemplate).toHaveBeenLastCalledWith({ language: "bilingual" });

    const list = screen.getByRole("list", { name: ZH.templateInserted });
    expect(within(list).getAllByRole("button").map((b) => b.textContent)).toEqual(["00_Instructions", "01_Supplier", "02_Products"]);
    await click(within(list).getByRole("button", { name: format(ZH.goToSheet, { sheet: "01_Supplier" }) }));
    expect(host.selectCell).toHaveBeenCalledWith("01_Supplier", "A1");
  });

  test("English display language → English template by default", async () => {
    const host = fakeHost();
    renderApp(host, "en");
    await click(screen.getByRole("button", { name: EN.insertTemplate }));
    expect(host.insertTemplate).toHaveBeenCalledWith({ language: "en" });
  });
});

describe("Validate", () => {
  test("findings are grouped by sheet and severity, with counts", async () => {
    const host = fakeHost();
    renderApp(host);
    await validateNow();
    expect(host.validate).toHaveBeenCalledWith({});

    const summary = screen.getByRole("status", { name: EN.summaryLabel });
    expect(summary.textContent).toContain(format(EN.countErrors, { count: 4 }));
    expect(summary.textContent).toContain(format(EN.countWarnings, { count: 1 }));
    expect(summary.textContent).toContain(format(EN.countInfos, { count: 1 }));

    // One accordion section per sheet, in the validator's order, its header carrying the counts.
    const headers = screen.getAllByRole("button", { expanded: true }).filter((b) => /^0\d_/.test(b.textContent ?? ""));
    expect(headers.map((h) => h.textContent)).toEqual([
      `01_Supplier${format(EN.countErrors, { count: 1 })}`,
      `03_Metal_Inputs${format(EN.countErrors, { count: 2 })}${format(EN.countWarnings, { count: 1 })}${format(EN.countInfos, { count: 1 })}`,
      `04_Primary_Sources${format(EN.countErrors, { count: 1 })}`,
    ]);
    const metal = screen.getByRole("region", { name: /03_Metal_Inputs/ });
    expect(within(metal).getByRole("heading", { name: `${EN.sevError} (2)` })).toBeTruthy();
    expect(within(metal).getByRole("heading", { name: `${EN.sevWarning} (1)` })).toBeTruthy();
    expect(within(metal).getByRole("heading", { name: `${EN.sevInfo} (1)` })).toBeTruthy();
    const errors = within(metal).getByRole("region", { name: `${EN.sevError} (2)` });
    expect(within(errors).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "D5Mass must be a number.NOT_A_NUMBER",
      "C6Input class is not on the list.CODE_UNKNOWN",
    ]);
    // A finding about a whole sheet is listed but is not a link to a cell.
    const missing = screen.getByText("No sheet with the Primary sources headers was found.");
    expect(missing.closest("button")).toBeNull();
  });

  test("clicking a finding selects its cell in Excel and marks it", async () => {
    const host = fakeHost();
    renderApp(host);
    await validateNow();
    const item = screen.getByRole("button", { name: /^C6\s*Input class/ });
    await click(item);
    expect(host.selectCell).toHaveBeenCalledWith("03_Metal_Inputs", "C6");
    expect(item.getAttribute("aria-current")).toBe("true");
    await click(screen.getByRole("button", { name: /^B4/ }));
    expect(host.selectCell).toHaveBeenLastCalledWith("01_Supplier", "B4");
    expect(item.getAttribute("aria-current")).toBeNull();
  });

  test("Highlight marks errors and warnings with a cell; Clear highlights restores", async () => {
    const host = fakeHost();
    renderApp(host);
    await validateNow();
    await click(screen.getByRole("button", { name: EN.highlight }));
    const marked = host.highlightFindings.mock.calls[0][0];
    expect(marked.map((x) => `${x.sheet}!${x.cell}`)).toEqual(["01_Supplier!B4", "03_Metal_Inputs!D5", "03_Metal_Inputs!C6", "03_Metal_Inputs!E7"]);
    expect(await screen.findByText(format(EN.highlighted, { count: 4 }))).toBeTruthy();

    await click(screen.getByRole("button", { name: EN.clearHighlights }));
    expect(host.clearHighlights).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(EN.cleared)).toBeTruthy();
  });

  test("Write findings sheet passes the findings and the pane language, and links the sheet", async () => {
    const host = fakeHost();
    renderApp(host);
    await validateNow();
    await click(screen.getByRole("button", { name: EN.writeFindings }));
    expect(host.writeFindingsSheet).toHaveBeenCalledWith(FINDINGS, { language: "en" });
    const list = screen.getByRole("list", { name: EN.findingsWritten });
    await click(within(list).getByRole("button", { name: format(EN.goToSheet, { sheet: "AluTrace_Findings" }) }));
    expect(host.selectCell).toHaveBeenCalledWith("AluTrace_Findings", "A1");
  });

  test("no findings: says so, nothing to highlight", async () => {
    const host = fakeHost({ validate: jest.fn(async () => ({ findings: [] })) });
    renderApp(host);
    await validateNow();
    expect(screen.getByText(EN.noIssues)).toBeTruthy();
    expect(screen.getByRole("button", { name: EN.highlight }).getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByRole("button", { name: EN.writeFindings }).getAttribute("aria-disabled")).toBe("true");
  });

  test("progress is shown while the host works, and actions wait", async () => {
    let finish!: (r: ValidateResult) => void;
    const host = fakeHost({ validate: jest.fn(() => new Promise<ValidateResult>((resolve) => (finish = resolve))) });
    renderApp(host);
    await openTab(EN.tabValidate);
    await click(screen.getByRole("button", { name: EN.validate }));
    expect(screen.getByRole("progressbar", { name: EN.progressLabel })).toBeTruthy();
    expect(screen.getByText(EN.busy)).toBeTruthy();
    const validate = screen.getByRole("button", { name: EN.validate });
    expect(validate.getAttribute("aria-disabled")).toBe("true");
    await click(validate); // a second click while busy does nothing
    expect(host.validate).toHaveBeenCalledTimes(1);
    await act(async () => finish({ findings: [] }));
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  test("a failing host shows its message in an error bar, never alert()", async () => {
    const alertSpy = jest.spyOn(window, "alert").mockImplementation(() => undefined);
    const host = fakeHost({
      validate: jest.fn(async () => Promise.reject(new Error("The workbook's used ranges hold 30,000,000 cells"))),
      selectCell: jest.fn(async () => Promise.reject(new Error('Sheet "03_Metal_Inputs" was deleted.'))),
    });
    renderApp(host);
    await openTab(EN.tabValidate);
    await click(screen.getByRole("button", { name: EN.validate }));
    const bar = await screen.findByRole("alert");
    expect(bar.textContent).toContain(EN.errorTitle);
    expect(bar.textContent).toContain("30,000,000 cells");
    expect(screen.queryByText(EN.validated)).toBeNull();

    // The same for a failing selectCell after a good validation.
    host.validate.mockResolvedValueOnce({ findings: FINDINGS });
    await click(screen.getByRole("button", { name: EN.validate }));
    await screen.findByText(EN.validated);
    await click(screen.getByRole("button", { name: /^D5/ }));
    expect((await screen.findByRole("alert")).textContent).toContain("was deleted");
    expect(alertSpy).not.toHaveBeenCalled();
    alertSpy.mockRestore();
  });
});

describe("Export report", () => {
  test("shows where the report went, each sheet clickable, and what was replaced", async () => {
    const host = fakeHost();
    renderApp(host);
    await openTab(EN.tabReport);
    await click(screen.getByRole("button", { name: EN.exportReport }));
    expect(host.exportReport).toHaveBeenCalledWith({ language: "en", recycledMethod: { denominator: "all_metal", countInternalCrossProcess: false } });
    const list = screen.getByRole("list", { name: EN.reportWritten });
    expect(within(list).getAllByRole("button").map((b) => b.textContent)).toEqual(REPORT.sheets);
    expect(screen.getByText(format(EN.reportReplaced, { sheets: "R0_Cover, R1_Red_Mud" }))).toBeTruthy();
    await click(within(list).getByRole("button", { name: format(EN.goToSheet, { sheet: "R2_Recycled_Content" }) }));
    expect(host.selectCell).toHaveBeenCalledWith("R2_Recycled_Content", "A1");
  });

  test("offers the PACT, extension and CSV files to save or copy, and says why there are no footprints", async () => {
    const files = [
      { name: "alutrace-extension.json", mediaType: "application/json" as const, text: '{"documentType":"AluTraceExtensionDocument"}\n' },
      { name: "R0_Cover.csv", mediaType: "text/csv" as const, text: "\uFEFFa,b\r\n" },
    ];
    const host = fakeHost({ exportReport: jest.fn(async () => ({ ...REPORT, files, pactRefusal: "no footprint values on 09_Footprint" })) });
    const created: Blob[] = [];
    const createObjectURL = jest.fn((b: Blob) => (created.push(b), `blob:test/${created.length}`));
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    renderApp(host);
    await openTab(EN.tabReport);
    await click(screen.getByRole("button", { name: EN.exportReport }));
    const list = await screen.findByRole("list", { name: EN.filesHeading });
    const links = within(list).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("download"))).toEqual(["alutrace-extension.json", "R0_Cover.csv"]);
    expect(links[1].getAttribute("aria-label")).toBe(format(EN.fileDownload, { name: "R0_Cover.csv" }));
    expect(created.map((b) => b.type)).toEqual(["application/json;charset=utf-8", "text/csv;charset=utf-8"]);
    expect(screen.getByText(format(EN.pactRefused, { reason: "no footprint values on 09_Footprint" }))).toBeTruthy();
    await click(within(list).getByRole("button", { name: `${EN.fileCopy} R0_Cover.csv` }));
    expect(writeText).toHaveBeenCalledWith("\uFEFFa,b\r\n");
    expect((await screen.findByRole("status")).textContent).toBe(format(EN.fileCopied, { name: "R0_Cover.csv" }));
  });

  test("methods and settings change the options passed to exportReport", async () => {
    const host = fakeHost();
    renderApp(host);
    await openTab(EN.tabSettings);
    await click(await screen.findByRole("radio", { name: EN.denominatorAlOnly }));
    await click(screen.getByRole("checkbox", { name: EN.countInternal }));
    await openTab(EN.tabReport);
    expect(screen.getByText(format(EN.reportMethod, { denominator: EN.denominatorShortAl, internal: EN.counted }))).toBeTruthy();
    await click(screen.getByRole("button", { name: EN.exportReport }));
    expect(host.exportReport).toHaveBeenLastCalledWith({ language: "en", recycledMethod: { denominator: "al_only", countInternalCrossProcess: true } });

    // "Change methods" goes back to the settings, which kept the choice.
    await click(screen.getByRole("button", { name: EN.reportChangeMethod }));
    expect((await screen.findByRole("radio", { name: EN.denominatorAlOnly }) as HTMLInputElement).checked).toBe(true);
  });

  test("an export the host refuses shows the reason", async () => {
    const host = fakeHost({ exportReport: jest.fn(async () => Promise.reject(new Error("The supplier data has 4 errors; fix them before a report is made."))) });
    renderApp(host);
    await openTab(EN.tabReport);
    await click(screen.getByRole("button", { name: EN.exportReport }));
    expect((await screen.findByRole("alert")).textContent).toContain("fix them before a report");
    expect(screen.queryByRole("list", { name: EN.reportWritten })).toBeNull();
  });
});

describe("Methods and settings", () => {
  test("lists every default with its source, marking those the last check used", async () => {
    const host = fakeHost();
    renderApp(host);
    await validateNow();
    await openTab(EN.tabSettings);
    const list = await screen.findByRole("list", { name: EN.defaultsHeading });
    const { DEFAULTS } = jest.requireActual<typeof import("../../src/core/defaults")>("../../src/core/defaults");
    expect(within(list).getAllByRole("listitem")).toHaveLength(DEFAULTS.length);
    const redMud = within(list).getByText("REDMUD_PER_ALUMINA").closest("li")!;
    expect(redMud.textContent).toContain("1.2 dry t red mud/t alumina");
    expect(redMud.textContent).toContain("S1 IAI");
    expect(redMud.textContent).toContain(format(EN.defaultsUsedIn, { count: 1 }));
    expect(screen.getByText(EN.scrapCutOff)).toBeTruthy();
    expect(screen.getByText(EN.scrapAllocation)).toBeTruthy();
  });

  test("language switch in the settings translates the pane and the findings", async () => {
    const host = fakeHost();
    renderApp(host);
    await validateNow();
    await openTab(EN.tabSettings);
    await click(await screen.findByRole("radio", { name: "中文" }));
    expect(screen.getByRole("tab", { name: ZH.tabSettings }).getAttribute("aria-selected")).toBe("true");
    expect(document.documentElement.lang).toBe("zh-CN");
    await openTab(ZH.tabValidate);
    expect(screen.getByText("【中文】Mass must be a number.")).toBeTruthy();
    expect(screen.queryByText("Mass must be a number.")).toBeNull();
    await click(screen.getByRole("button", { name: ZH.writeFindings }));
    expect(host.writeFindingsSheet).toHaveBeenCalledWith(FINDINGS, { language: "zh-CN" });
    // And the header toggle switches back.
    await click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByRole("tab", { name: EN.tabValidate })).toBeTruthy();
  });
});

describe("Mapping a sheet that is not ours", () => {
  const previews: SheetPreview[] = [
    { name: "01_Supplier", rows: [], ownedByAluTrace: true },
    {
      name: "Purchases",
      rows: [["Our purchase list"], [], ["Charge no.", "Material type", "Tonnes", "Vendor"], ["L1", "Primary ingot", 5, "A"]],
    },
  ];

  test("proposes a mapping, lets the user correct it with dropdowns, and validates with it", async () => {
    const host = fakeHost({ listSheets: jest.fn(async () => previews) });
    renderApp(host);
    await openTab(EN.tabValidate);
    await click(screen.getByRole("button", { name: EN.mappingOpen }));
    const table = await screen.findByRole("table", { name: format(EN.mappingColumnsLabel, { sheet: "Purchases" }) });
    // Only the user's own sheet is offered; its header row and template sheet are guessed.
    const sheetSelect = screen.getByRole("combobox", { name: EN.mappingSheet }) as HTMLSelectElement;
    expect([...sheetSelect.options].map((o) => o.value)).toEqual(["Purchases"]);
    expect((screen.getByRole("combobox", { name: EN.mappingTemplate }) as HTMLSelectElement).value).toBe("metal_inputs");
    expect((screen.getByRole("combobox", { name: EN.mappingHeaderRow }) as HTMLSelectElement).value).toBe("2");

    const select = (header: string) => within(table).getByRole("combobox", { name: new RegExp(header) }) as HTMLSelectElement;
    expect(select("Charge no.").value).toBe(""); // not recognised
    expect(select("Material type").value).toBe("input_class");
    expect(select("Vendor").value).toBe("source_supplier");
    // "Tonnes" is not a known synonym: still missing; Input ID also missing.
    expect(screen.getByText(/Required columns not mapped/).textContent).toContain("Input ID");

    fireEvent.change(select("Charge no."), { target: { value: "input_id" } });
    fireEvent.change(select("Tonnes"), { target: { value: "mass_t" } });
    expect(screen.queryByText(/Required columns not mapped/)).toBeNull();
    // Choosing a template column twice is flagged and blocks the mapping.
    fireEvent.change(select("Vendor"), { target: { value: "mass_t" } });
    expect(screen.getByText(/chosen twice/)).toBeTruthy();
    expect(screen.getByRole("button", { name: EN.mappingUse }).getAttribute("aria-disabled")).toBe("true");
    fireEvent.change(select("Vendor"), { target: { value: "" } });

    await click(screen.getByRole("button", { name: EN.mappingUse }));
    expect(screen.getByText(format(EN.mappingAs, { sheet: "Purchases", template: "Metal inputs in the period" }))).toBeTruthy();

    await click(screen.getByRole("button", { name: EN.validate }));
    const mapping = { sheet: "Purchases", template: "metal_inputs", headerRow: 2, columns: { input_id: 0, input_class: 1, mass_t: 2 } };
    expect(host.validate).toHaveBeenCalledWith({ mappings: [mapping] });

    await openTab(EN.tabReport);
    await click(screen.getByRole("button", { name: EN.exportReport }));
    expect(host.exportReport).toHaveBeenCalledWith(expect.objectContaining({ mappings: [mapping] }));

    // Removing the mapping stops passing it.
    await openTab(EN.tabValidate);
    await click(screen.getByRole("button", { name: format(EN.mappingRemove, { sheet: "Purchases" }) }));
    await click(screen.getByRole("button", { name: EN.validate }));
    expect(host.validate).toHaveBeenLastCalledWith({});
  });

  test("without HostApi.listSheets the pane says mapping is not available", async () => {
    renderApp(fakeHost());
    await openTab(EN.tabValidate);
    expect(screen.getByText(EN.mappingUnsupported)).toBeTruthy();
    expect(screen.queryByRole("button", { name: EN.mappingOpen })).toBeNull();
  });

  test("a failing sheet list is shown in the pane", async () => {
    renderApp(fakeHost({ listSheets: jest.fn(async () => Promise.reject(new Error("read failed"))) }));
    await openTab(EN.tabValidate);
    await click(screen.getByRole("button", { name: EN.mappingOpen }));
    expect((await screen.findByRole("alert")).textContent).toContain("read failed");
  });
});

describe("keyboard access", () => {
  test("sections are tabs; findings are buttons in tab order; disabled actions stay focusable", async () => {
    const host = fakeHost();
    renderApp(host);
    const tabs = [EN.tabTemplate, EN.tabValidate, EN.tabReport, EN.tabSettings].map((name) => screen.getByRole("tab", { name }));
    expect(screen.getAllByRole("tab")).toEqual(tabs); // in this order
    const panel = screen.getByRole("tabpanel");
    expect(panel.getAttribute("aria-labelledby")).toBe(screen.getByRole("tab", { name: EN.tabTemplate }).id);
    await validateNow();
    const item = screen.getByRole("button", { name: /^D5/ });
    expect(item.tagName).toBe("BUTTON");
    expect(item.tabIndex).toBe(0);
    item.focus();
    expect(document.activeElement).toBe(item);
    await act(async () => {
      fireEvent.keyDown(item, { key: "Enter" });
      fireEvent.click(item); // what the browser does for Enter on a <button>
    });
    expect(host.selectCell).toHaveBeenCalledWith("03_Metal_Inputs", "D5");
  });

  test("outside Excel every action is disabled but focusable, with its reason", async () => {
    const { createUnavailableHost } = jest.requireActual<typeof import("../../src/taskpane/host")>("../../src/taskpane/host");
    renderApp(createUnavailableHost("outside-office"), "en", { kind: "outside-office" });
    const check = (name: string) => {
      const button = screen.getByRole("button", { name });
      expect(button.getAttribute("aria-disabled")).toBe("true");
      expect(button.hasAttribute("disabled")).toBe(false);
      expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe(EN.unavailableOutside);
    };
    check(EN.insertTemplate);
    await openTab(EN.tabValidate);
    check(EN.validate);
    await openTab(EN.tabReport);
    check(EN.exportReport);
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });
});
