// Task pane entry. Renders at once (no blank pane while office.js starts), then re-renders
// when the host is known. Outside Office the pane works as a plain page and touches nothing.
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { createUnavailableHost, type HostApi } from "./host";
import { pickLanguage, type Language } from "./i18n";
import { watchOffice, type HostStatus } from "./office-ready";

/** Picks the workbook implementation for a host status. */
function hostFor(status: HostStatus): HostApi {
  switch (status.kind) {
    case "excel":
      // Replaced by the Office.js adapter from src/excel when the workbook features land.
      return createUnavailableHost("not-implemented");
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
  render({ kind: "connecting" });
  watchOffice(render);
}
