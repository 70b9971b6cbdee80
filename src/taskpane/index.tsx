// Task pane entry. Renders at once (no blank pane while office.js starts), then re-renders
// when the host is known. Outside Office the pane works as a plain page and touches nothing.
// Inside Excel the Office.js adapter (src/excel, with the core's validator and report builder) is
// loaded as its own chunk, so the first paint does not wait for it.
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { buildInfo } from "./build-info";
import { createUnavailableHost, type HostApi } from "./host";
import { pickLanguage, type Language } from "./i18n";
import { watchOffice, type HostStatus } from "./office-ready";

let excelHost: HostApi | null = null;
let excelHostLoading: Promise<HostApi> | null = null;
let excelHostFailed = false;

/** The Office.js adapter, loaded once on demand. */
function loadExcelHost(): Promise<HostApi> {
  excelHostLoading ??= import(/* webpackChunkName: "excel" */ "../excel/index.js").then((m) => {
    excelHost = m.createExcelHost({ version: buildInfo()?.version });
    return excelHost;
  });
  return excelHostLoading;
}

/** Picks the workbook implementation for a host status. */
function hostFor(status: HostStatus): HostApi {
  switch (status.kind) {
    case "excel":
      // Until the adapter chunk is in, actions wait ("connecting"); render() runs again when it is.
      return excelHost ?? createUnavailableHost(excelHostFailed ? "not-implemented" : "connecting");
    case "connecting":
      return createUnavailableHost("connecting");
    case "other-host":
      return createUnavailableHost("other-host");
    case "outside-office":
      return createUnavailableHost("outside-office");
    case "no-office":
      return createUnavailableHost("no-office");
  }
}

function languageFor(status: HostStatus): Language {
  const office = status.kind === "excel" || status.kind === "other-host" ? status.displayLanguage : null;
  return pickLanguage(office ?? (typeof navigator === "undefined" ? null : navigator.language));
}

const container = document.getElementById("container");
if (container) {
  const root = createRoot(container);
  const render = (status: HostStatus): void => {
    root.render(
      <React.StrictMode>
        <FluentProvider theme={webLightTheme}>
          <App host={hostFor(status)} status={status} defaultLanguage={languageFor(status)} />
        </FluentProvider>
      </React.StrictMode>,
    );
  };
  let current: HostStatus = { kind: "connecting" };
  const update = (status: HostStatus): void => {
    current = status;
    render(status);
    if (status.kind === "excel" && !excelHost) {
      loadExcelHost().then(
        () => render(current),
        (error: unknown) => {
          console.error("[alutrace] could not load the Excel adapter", error);
          excelHostFailed = true;
          render(current);
        },
      );
    }
  };
  update(current);
  watchOffice(update);
}
