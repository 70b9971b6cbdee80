/**
 * @jest-environment jsdom
 */
// The task pane shell in jsdom: outside Office it explains itself, offers no workbook action,
// switches language, and shows host results and errors in the pane.
import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createUnavailableHost, type HostApi } from "../../src/taskpane/host";
import { STRINGS, pickLanguage, format, type Language } from "../../src/taskpane/i18n";
import type { HostStatus } from "../../src/taskpane/office-ready";

// Lazy panels use import(), which ts-jest leaves native under "module": "nodenext"; use them eagerly.
jest.mock("../../src/taskpane/panels", () => {
  const { About } = jest.requireActual<typeof import("../../src/taskpane/About")>("../../src/taskpane/About");
  const { SettingsPanel } = jest.requireActual<typeof import("../../src/taskpane/SettingsPanel")>("../../src/taskpane/SettingsPanel");
  const { MappingEditor } = jest.requireActual<typeof import("../../src/taskpane/MappingEditor")>("../../src/taskpane/MappingEditor");
  return { About, SettingsPanel, MappingEditor };
});

function renderApp(host: HostApi, status: HostStatus, language: Language = "en") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} status={status} defaultLanguage={language} />
    </FluentProvider>,
  );
}

/** Each workbook action with the tab it lives on. */
const actions = (lang: Language) => [
  { tab: STRINGS[lang].tabTemplate, label: STRINGS[lang].insertTemplate },
  { tab: STRINGS[lang].tabValidate, label: STRINGS[lang].validate },
  { tab: STRINGS[lang].tabReport, label: STRINGS[lang].exportReport },
];

function openTab(name: string): void {
  fireEvent.click(screen.getByRole("tab", { name }));
}

function fakeHost(overrides: Partial<HostApi> = {}): HostApi {
  return {
    available: true,
    insertTemplate: jest.fn(async () => ({ sheets: ["Supplier data", "Code lists"] })),
    validate: jest.fn(async () => ({ findings: [] })),
    exportReport: jest.fn(async () => ({ sheets: ["Report"] })),
    selectCell: jest.fn(async () => undefined),
    highlightFindings: jest.fn(async () => ({ cells: 0 })),
    clearHighlights: jest.fn(async () => undefined),
    writeFindingsSheet: jest.fn(async () => ({ sheets: [] })),
    ...overrides,
  };
}

describe("task pane shell outside Office", () => {
  test("shows the outside-Excel message and disables every workbook action", () => {
    renderApp(createUnavailableHost("outside-office"), { kind: "outside-office" });
    expect(screen.getByText(STRINGS.en.outsideOffice)).toBeTruthy();
    for (const { tab, label } of actions("en")) {
      openTab(tab);
      const button = screen.getByRole("button", { name: label });
      expect(button.getAttribute("aria-disabled")).toBe("true");
      // Still focusable (disabledFocusable), and described by the reason tooltip.
      expect(button.hasAttribute("disabled")).toBe(false);
      const describedBy = button.getAttribute("aria-describedby");
      expect(describedBy).toBeTruthy();
      expect(document.getElementById(describedBy!)?.textContent).toBe(STRINGS.en.unavailableOutside);
    }
  });

  test("clicking a disabled action calls nothing and shows no error", () => {
    const host = { ...createUnavailableHost("outside-office"), validate: jest.fn() } as unknown as HostApi;
    renderApp(host, { kind: "outside-office" });
    openTab(STRINGS.en.tabValidate);
    fireEvent.click(screen.getByRole("button", { name: STRINGS.en.validate }));
    expect(host.validate).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("language switch turns labels and the message into Chinese and back", () => {
    renderApp(createUnavailableHost("outside-office"), { kind: "outside-office" });
    const zhToggle = screen.getByRole("button", { name: "中文" });
    expect(zhToggle.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(zhToggle);
    expect(zhToggle.getAttribute("aria-pressed")).toBe("true");
    for (const { tab, label } of actions("zh-CN")) {
      openTab(tab);
      expect(screen.getByRole("button", { name: label }).getAttribute("aria-disabled")).toBe("true");
    }
    expect(screen.getByText(STRINGS["zh-CN"].outsideOffice)).toBeTruthy();
    expect(screen.queryByText(STRINGS.en.outsideOffice)).toBeNull();
    expect(document.documentElement.lang).toBe("zh-CN");

    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByRole("button", { name: STRINGS.en.exportReport })).toBeTruthy();
  });

  test("starts in Chinese when the display language is Chinese", () => {
    renderApp(createUnavailableHost("outside-office"), { kind: "outside-office" }, pickLanguage("zh-CN"));
    expect(screen.getByRole("button", { name: STRINGS["zh-CN"].insertTemplate })).toBeTruthy();
  });

  test("office.js missing: explains it, actions stay disabled", () => {
    renderApp(createUnavailableHost("no-office"), { kind: "no-office" });
    expect(screen.getByText(STRINGS.en.noOffice)).toBeTruthy();
    openTab(STRINGS.en.tabReport);
    expect(screen.getByRole("button", { name: STRINGS.en.exportReport }).getAttribute("aria-disabled")).toBe("true");
  });

  test("connecting: a status spinner, actions disabled", () => {
    renderApp(createUnavailableHost("connecting"), { kind: "connecting" });
    expect(screen.getByText(STRINGS.en.connecting)).toBeTruthy();
    openTab(STRINGS.en.tabValidate);
    expect(screen.getByRole("button", { name: STRINGS.en.validate }).getAttribute("aria-disabled")).toBe("true");
  });

  test("another Office host is named", () => {
    renderApp(createUnavailableHost("other-host"), { kind: "other-host", host: "Word", displayLanguage: "en-US" });
    expect(screen.getByText(format(STRINGS.en.otherHost, { host: "Word" }))).toBeTruthy();
  });
});

describe("task pane shell with a host", () => {
  const excel: HostStatus = { kind: "excel", platform: "OfficeOnline", displayLanguage: "en-US" };

  test("enabled actions call the host and report the result", async () => {
    const finding = { sheet: "S", cell: "A1", severity: "error" as const, code: "X", message: "x", messageZh: "x" };
    const host = fakeHost({ validate: jest.fn(async () => ({ findings: [finding] })) });
    renderApp(host, excel);
    openTab(STRINGS.en.tabValidate);
    const validate = screen.getByRole("button", { name: STRINGS.en.validate });
    expect(validate.getAttribute("aria-disabled")).toBeNull();
    await act(async () => {
      fireEvent.click(validate);
    });
    expect(host.validate).toHaveBeenCalledTimes(1);
    expect((await screen.findByRole("status", { name: STRINGS.en.summaryLabel })).textContent).toContain(format(STRINGS.en.countErrors, { count: 1 }));

    openTab(STRINGS.en.tabTemplate);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: STRINGS.en.insertTemplate }));
    });
    expect(host.insertTemplate).toHaveBeenCalledWith({ language: "en" });
    expect(await screen.findByRole("button", { name: format(STRINGS.en.goToSheet, { sheet: "Code lists" }) })).toBeTruthy();
  });

  test("a failing action shows its message in an error bar (no alert()), dismissable", async () => {
    const alertSpy = jest.spyOn(window, "alert").mockImplementation(() => undefined);
    const host = fakeHost({ exportReport: jest.fn(async () => Promise.reject(new Error("Sheet 'Report' is protected"))) });
    renderApp(host, excel);
    openTab(STRINGS.en.tabReport);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: STRINGS.en.exportReport }));
    });
    const bar = await screen.findByRole("alert");
    expect(bar.textContent).toContain("Sheet 'Report' is protected");
    expect(alertSpy).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: STRINGS.en.dismiss }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    alertSpy.mockRestore();
  });

  test("inside Excel before the workbook features exist: connected, actions disabled with a reason", () => {
    renderApp(createUnavailableHost("not-implemented"), excel);
    expect(screen.getByText(STRINGS.en.excelReadyTitle)).toBeTruthy();
    const button = screen.getByRole("button", { name: STRINGS.en.insertTemplate });
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe(STRINGS.en.unavailableNotYet);
  });

  test("the About panel opens on demand", async () => {
    renderApp(createUnavailableHost("outside-office"), { kind: "outside-office" });
    const toggle = screen.getByRole("button", { name: STRINGS.en.aboutShow });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    await act(async () => {
      fireEvent.click(toggle);
    });
    expect(await screen.findByText(STRINGS.en.aboutFunctions)).toBeTruthy();
    expect(screen.getByText(STRINGS.en.aboutBuildUnknown)).toBeTruthy();
  });
});
