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
  return { About };
});

function renderApp(host: HostApi, status: HostStatus, language: Language = "en") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} status={status} defaultLanguage={language} />
    </FluentProvider>,
  );
}

const actionLabels = (lang: Language) => [STRINGS[lang].insertTemplate, STRINGS[lang].validate, STRINGS[lang].exportReport];

function fakeHost(overrides: Partial<HostApi> = {}): HostApi {
  return {
    available: true,
    insertTemplate: jest.fn(async () => ({ sheets: ["Supplier data", "Code lists"] })),
    validate: jest.fn(async () => ({ issues: [] })),
    exportReport: jest.fn(async () => ({ sheets: ["Report"] })),
    selectCell: jest.fn(async () => undefined),
    ...overrides,
  };
}

describe("task pane shell outside Office", () => {
  test("shows the outside-Excel message and disables every workbook action", () => {
    renderApp(createUnavailableHost("outside-office"), { kind: "outside-office" });
    expect(screen.getByText(STRINGS.en.outsideOffice)).toBeTruthy();
    for (const label of actionLabels("en")) {
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
    for (const label of actionLabels("zh-CN")) {
      expect(screen.getByRole("button", { name: label }).getAttribute("aria-disabled")).toBe("true");
    }
    expect(screen.getByText(STRINGS["zh-CN"].outsideOffice)).toBeTruthy();
    expect(screen.queryByText(STRINGS.en.outsideOffice)).toBeNull();
    expect(document.documentElement.lang).toBe("zh-CN");

    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByRole("button", { name: STRINGS.en.validate })).toBeTruthy();
  });

  test("starts in Chinese when the display language is Chinese", () => {
    renderApp(createUnavailableHost("outside-office"), { kind: "outside-office" }, pickLanguage("zh-CN"));
    expect(screen.getByRole("button", { name: STRINGS["zh-CN"].insertTemplate })).toBeTruthy();
  });

  test("office.js missing: explains it, actions stay disabled", () => {
    renderApp(createUnavailableHost("no-office"), { kind: "no-office" });
    expect(screen.getByText(STRINGS.en.noOffice)).toBeTruthy();
    expect(screen.getByRole("button", { name: STRINGS.en.exportReport }).getAttribute("aria-disabled")).toBe("true");
  });

  test("connecting: a status spinner, actions disabled", () => {
    renderApp(createUnavailableHost("connecting"), { kind: "connecting" });
    expect(screen.getByText(STRINGS.en.connecting)).toBeTruthy();
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
    const host = fakeHost({ validate: jest.fn(async () => ({ issues: [{ severity: "error" as const, message: "x" }] })) });
    renderApp(host, excel);
    const validate = screen.getByRole("button", { name: STRINGS.en.validate });
    expect(validate.getAttribute("aria-disabled")).toBeNull();
    await act(async () => {
      fireEvent.click(validate);
    });
    expect(host.validate).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(format(STRINGS.en.issuesFound, { count: 1 }))).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: STRINGS.en.insertTemplate }));
    });
    expect(host.insertTemplate).toHaveBeenCalledWith({ language: "en" });
    expect(await screen.findByText("Supplier data, Code lists")).toBeTruthy();
  });

  test("a failing action shows its message in an error bar (no alert()), dismissable", async () => {
    const alertSpy = jest.spyOn(window, "alert").mockImplementation(() => undefined);
    const host = fakeHost({ exportReport: jest.fn(async () => Promise.reject(new Error("Sheet 'Report' is protected"))) });
    renderApp(host, excel);
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
