// Task pane: header with the language switch, host status, four sections (Template, Validate,
// Report, Methods & settings) as tabs, one error/result bar, and a progress bar while Excel works.
// Workbook access comes only through the `host` prop (HostApi); nothing here touches Office.js.
import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Title2,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Finding } from "../core/findings";
import type { HostApi, RecycledMethod, TemplateLanguage, UnavailableReason, ValidateResult, WriteResult } from "./host";
import type { HostStatus } from "./office-ready";
import { LANGUAGES, LANGUAGE_NAMES, STRINGS, format, type Language, type StringKey, type Strings } from "./i18n";
import { About, SettingsPanel } from "./panels"; // lazy: loaded when first shown
import { ReportPanel } from "./ReportPanel";
import { TemplatePanel } from "./TemplatePanel";
import type { MappingEntry, PanelContext } from "./ui";
import { ValidatePanel } from "./ValidatePanel";

export interface AppProps {
  host: HostApi;
  status: HostStatus;
  /** From Office's display language or the browser; the user can switch. */
  defaultLanguage: Language;
}

export type TabId = "template" | "validate" | "report" | "settings";

const TABS: ReadonlyArray<{ id: TabId; label: StringKey }> = [
  { id: "template", label: "tabTemplate" },
  { id: "validate", label: "tabValidate" },
  { id: "report", label: "tabReport" },
  { id: "settings", label: "tabSettings" },
];

/** The core's DEFAULT_RECYCLED_METHOD, restated so the first-load bundle does not carry the core's code lists. */
const DEFAULT_METHOD: RecycledMethod = { denominator: "all_metal", countInternalCrossProcess: false };

interface Notice {
  intent: "success" | "warning" | "error";
  title: StringKey;
  /** Rendered at display time, so a language switch also translates it. */
  text: (t: Strings) => string;
}

const REASON_TEXT: Record<UnavailableReason, StringKey> = {
  connecting: "unavailableConnecting",
  "outside-office": "unavailableOutside",
  "no-office": "unavailableOutside",
  "other-host": "unavailableOtherHost",
  "not-implemented": "unavailableNotYet",
};

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    maxWidth: "40rem",
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  headerTop: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  languages: { display: "flex", columnGap: tokens.spacingHorizontalXS },
  heading: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: "wrap" },
  progress: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground3 },
  footer: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, alignItems: "flex-start", marginTop: tokens.spacingVerticalL },
});

export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === "string" && error ? error : String(error);
}

function StatusBar({ status, t }: { status: HostStatus; t: Strings }): React.ReactElement | null {
  switch (status.kind) {
    case "connecting":
      return <Spinner size="tiny" labelPosition="after" label={t.connecting} role="status" />;
    case "outside-office":
      return (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.outsideOfficeTitle}</MessageBarTitle>
            {t.outsideOffice}
          </MessageBarBody>
        </MessageBar>
      );
    case "no-office":
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.noOfficeTitle}</MessageBarTitle>
            {t.noOffice}
          </MessageBarBody>
        </MessageBar>
      );
    case "other-host":
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.otherHostTitle}</MessageBarTitle>
            {format(t.otherHost, { host: status.host })}
          </MessageBarBody>
        </MessageBar>
      );
    case "excel":
      return null;
  }
}

export function App({ host, status, defaultLanguage }: AppProps): React.ReactElement {
  const styles = useStyles();
  const [chosenLanguage, setChosenLanguage] = React.useState<Language | null>(null);
  const language = chosenLanguage ?? defaultLanguage;
  const t = STRINGS[language];
  const [tab, setTab] = React.useState<TabId>("template");
  const [busy, setBusy] = React.useState<string | null>(null);
  const busyRef = React.useRef<string | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [showAbout, setShowAbout] = React.useState(false);

  const [chosenTemplateLanguage, setTemplateLanguage] = React.useState<TemplateLanguage | null>(null);
  const templateLanguage: TemplateLanguage = chosenTemplateLanguage ?? language;
  const [method, setMethod] = React.useState<RecycledMethod>(DEFAULT_METHOD);
  const [mappings, setMappings] = React.useState<MappingEntry[]>([]);
  const [inserted, setInserted] = React.useState<WriteResult | null>(null);
  const [validation, setValidation] = React.useState<ValidateResult | null>(null);
  const [selectedKey, setSelectedKey] = React.useState<string | null>(null);
  const [findingsSheet, setFindingsSheet] = React.useState<WriteResult | null>(null);
  const [exported, setExported] = React.useState<WriteResult | null>(null);

  React.useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const showError = React.useCallback((error: unknown) => {
    const message = errorText(error);
    setNotice({ intent: "error", title: "errorTitle", text: () => message });
  }, []);

  const run = React.useCallback(
    async <T,>(id: string, action: () => Promise<T>): Promise<T | undefined> => {
      if (!host.available || busyRef.current) return undefined;
      busyRef.current = id;
      setBusy(id);
      setNotice(null);
      try {
        return await action();
      } catch (error) {
        showError(error);
        return undefined;
      } finally {
        busyRef.current = null;
        setBusy(null);
      }
    },
    [host, showError],
  );

  const goTo = React.useCallback(
    (sheet: string, address: string) => {
      if (!host.available) return;
      host.selectCell(sheet, address).catch(showError);
    },
    [host, showError],
  );

  const unavailable = host.available ? null : t[REASON_TEXT[host.unavailableReason ?? "not-implemented"]];
  const ctx: PanelContext = { t, unavailable, busy, run, goTo };
  const hostMappings = mappings.map((m) => m.mapping);
  const listSheets = React.useMemo(() => (host.listSheets ? () => host.listSheets!() : undefined), [host]);

  const onInsert = async () => {
    const result = await run("insertTemplate", () => host.insertTemplate({ language: templateLanguage }));
    if (result) setInserted(result);
  };
  const onValidate = async () => {
    const result = await run("validate", () => host.validate(hostMappings.length ? { mappings: hostMappings } : {}));
    if (result) {
      setValidation(result);
      setSelectedKey(null);
      setFindingsSheet(null);
    }
  };
  const onSelectFinding = (finding: Finding, key: string) => {
    setSelectedKey(key);
    goTo(finding.sheet, finding.cell);
  };
  const onHighlight = async () => {
    const cells = (validation?.findings ?? []).filter((f) => f.cell && f.severity !== "info");
    if (cells.length === 0) {
      setNotice({ intent: "warning", title: "done", text: (s) => s.noFindingsToMark });
      return;
    }
    const result = await run("highlight", () => host.highlightFindings(cells));
    if (result) {
      const count = result.cells;
      setNotice({ intent: "success", title: "done", text: (s) => format(s.highlighted, { count }) });
    }
  };
  const onClearHighlights = async () => {
    const done = await run("clearHighlights", async () => {
      await host.clearHighlights();
      return true;
    });
    if (done) setNotice({ intent: "success", title: "done", text: (s) => s.cleared });
  };
  const onWriteFindings = async () => {
    const findings = validation?.findings ?? [];
    const result = await run("writeFindings", () => host.writeFindingsSheet(findings, { language }));
    if (result) setFindingsSheet(result);
  };
  const onExport = async () => {
    const result = await run("exportReport", () =>
      host.exportReport({ language, recycledMethod: method, ...(hostMappings.length ? { mappings: hostMappings } : {}) }),
    );
    if (result) setExported(result);
  };

  let panel: React.ReactElement;
  switch (tab) {
    case "template":
      panel = (
        <TemplatePanel ctx={ctx} templateLanguage={templateLanguage} onTemplateLanguage={setTemplateLanguage} onInsert={() => void onInsert()} result={inserted} />
      );
      break;
    case "validate":
      panel = (
        <ValidatePanel
          ctx={ctx}
          language={language}
          result={validation}
          onValidate={() => void onValidate()}
          selectedKey={selectedKey}
          onSelectFinding={onSelectFinding}
          onHighlight={() => void onHighlight()}
          onClearHighlights={() => void onClearHighlights()}
          onWriteFindings={() => void onWriteFindings()}
          findingsSheet={findingsSheet}
          listSheets={listSheets}
          mappings={mappings}
          onMappingsChange={setMappings}
        />
      );
      break;
    case "report":
      panel = (
        <ReportPanel
          ctx={ctx}
          method={method}
          mappings={mappings}
          onExport={() => void onExport()}
          onChangeMethod={() => setTab("settings")}
          result={exported}
        />
      );
      break;
    case "settings":
      panel = (
        <React.Suspense fallback={<Spinner size="tiny" label={t.panelLoading} />}>
          <SettingsPanel
            ctx={ctx}
            method={method}
            onMethod={setMethod}
            language={language}
            onLanguage={setChosenLanguage}
            defaultsUsed={validation?.defaultsUsed}
          />
        </React.Suspense>
      );
      break;
  }

  return (
    <main className={styles.root} lang={language}>
      <header className={styles.header}>
        <div className={styles.headerTop}>
          <Title2 as="h1" className={styles.heading}>
            {t.appTitle}
          </Title2>
          <div role="group" aria-label={t.languageGroup} className={styles.languages}>
            {LANGUAGES.map((lang) => (
              <ToggleButton
                key={lang}
                size="small"
                appearance="subtle"
                checked={lang === language}
                lang={lang}
                onClick={() => setChosenLanguage(lang)}
              >
                {LANGUAGE_NAMES[lang]}
              </ToggleButton>
            ))}
          </div>
        </div>
        <Body1 className={styles.subtitle}>{t.appSubtitle}</Body1>
      </header>

      <StatusBar status={status} t={t} />
      {status.kind === "excel" && !host.available ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.excelReadyTitle}</MessageBarTitle>
            {t.excelReady}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(d.value as TabId)}
        aria-label={t.tabsLabel}
      >
        {TABS.map(({ id, label }) => (
          <Tab key={id} value={id} id={`alutrace-tab-${id}`} aria-controls={id === tab ? `alutrace-panel-${id}` : undefined}>
            {t[label]}
          </Tab>
        ))}
      </TabList>

      {busy ? (
        <div className={styles.progress}>
          <ProgressBar thickness="medium" aria-label={t.progressLabel} />
          <Caption1 role="status">{t.busy}</Caption1>
        </div>
      ) : null}
      {notice ? (
        <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>
            <MessageBarTitle>{t[notice.title]}</MessageBarTitle>
            {notice.text(t)}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button appearance="transparent" size="small" onClick={() => setNotice(null)}>
                {t.dismiss}
              </Button>
            }
          />
        </MessageBar>
      ) : null}

      <div role="tabpanel" id={`alutrace-panel-${tab}`} aria-labelledby={`alutrace-tab-${tab}`}>
        {panel}
      </div>

      <footer className={styles.footer}>
        <Caption1>{t.privacy}</Caption1>
        <Button appearance="transparent" size="small" aria-expanded={showAbout} onClick={() => setShowAbout((v) => !v)}>
          {showAbout ? t.aboutHide : t.aboutShow}
        </Button>
        {showAbout ? (
          <React.Suspense fallback={<Spinner size="tiny" label={t.aboutLoading} />}>
            <About t={t} />
          </React.Suspense>
        ) : null}
      </footer>
    </main>
  );
}

export default App;
