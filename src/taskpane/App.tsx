// Task pane shell: header, language switch, host status, workbook actions, result/error bar.
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
  Spinner,
  Subtitle2,
  Title2,
  ToggleButton,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { HostApi, UnavailableReason } from "./host";
import type { HostStatus } from "./office-ready";
import { LANGUAGES, LANGUAGE_NAMES, STRINGS, format, type Language, type StringKey, type Strings } from "./i18n";
import { About } from "./panels"; // lazy: loaded when first shown

export interface AppProps {
  host: HostApi;
  status: HostStatus;
  /** From Office's display language or the browser; the user can switch. */
  defaultLanguage: Language;
}

type ActionId = "insertTemplate" | "validate" | "exportReport";

interface Notice {
  intent: "success" | "warning" | "error";
  title: StringKey;
  /** Rendered at display time, so a language switch also translates it. */
  text: (t: Strings) => string;
}

const ACTIONS: ReadonlyArray<{ id: ActionId; hint: StringKey }> = [
  { id: "insertTemplate", hint: "insertTemplateHint" },
  { id: "validate", hint: "validateHint" },
  { id: "exportReport", hint: "exportReportHint" },
];

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
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    maxWidth: "40rem",
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  headerTop: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  languages: { display: "flex", columnGap: tokens.spacingHorizontalXS },
  heading: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: "none" },
  action: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalXXS },
  actionButton: { minWidth: "10rem" },
  hint: { color: tokens.colorNeutralForeground3 },
  footer: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, alignItems: "flex-start" },
});

function errorText(error: unknown): string {
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
  const [busy, setBusy] = React.useState<ActionId | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [showAbout, setShowAbout] = React.useState(false);

  React.useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const run = async (id: ActionId): Promise<void> => {
    if (!host.available || busy) return;
    setBusy(id);
    setNotice(null);
    try {
      if (id === "validate") {
        const { issues } = await host.validate();
        const count = issues.length;
        setNotice(
          count === 0
            ? { intent: "success", title: "done", text: (s) => s.noIssues }
            : { intent: "warning", title: "validate", text: (s) => format(s.issuesFound, { count }) },
        );
      } else {
        const result =
          id === "insertTemplate" ? await host.insertTemplate({ language }) : await host.exportReport({ language });
        const detail = result.note ?? result.sheets.join(", ");
        setNotice({ intent: "success", title: "done", text: () => detail });
      }
    } catch (error) {
      const message = errorText(error);
      setNotice({ intent: "error", title: "errorTitle", text: () => message });
    } finally {
      setBusy(null);
    }
  };

  const reason = host.available ? null : t[REASON_TEXT[host.unavailableReason ?? "not-implemented"]];

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

      <section aria-labelledby="alutrace-actions">
        <Subtitle2 as="h2" id="alutrace-actions" block className={styles.heading}>
          {t.actionsHeading}
        </Subtitle2>
        <ul className={styles.actions}>
          {ACTIONS.map(({ id, hint }) => {
            const button = (
              <Button
                className={styles.actionButton}
                appearance={id === "validate" ? "primary" : "secondary"}
                // disabledFocusable: still reachable by keyboard, so the reason can be read.
                disabledFocusable={!host.available || busy !== null}
                icon={busy === id ? <Spinner size="tiny" /> : undefined}
                onClick={() => void run(id)}
              >
                {t[id]}
              </Button>
            );
            return (
              <li key={id} className={styles.action}>
                {reason ? (
                  <Tooltip content={reason} relationship="description" withArrow>
                    {button}
                  </Tooltip>
                ) : (
                  button
                )}
                <Caption1 className={styles.hint}>{t[hint]}</Caption1>
              </li>
            );
          })}
        </ul>
      </section>

      {busy ? <span role="status">{t.busy}</span> : null}
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
