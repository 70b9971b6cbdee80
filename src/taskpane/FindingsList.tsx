// Findings grouped by sheet, then by severity, with counts. Each finding with a cell is a button
// that selects that cell in Excel; the last one chosen stays marked (aria-current).
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { Finding, Severity } from "../core/findings";
import { format, type Language, type StringKey, type Strings } from "./i18n";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const SEVERITY_HEADING: Record<Severity, StringKey> = { error: "sevError", warning: "sevWarning", info: "sevInfo" };
const SEVERITY_COUNT: Record<Severity, StringKey> = { error: "countErrors", warning: "countWarnings", info: "countInfos" };
const BADGE_COLOR = { error: "danger", warning: "warning", info: "informative" } as const;
/** Rows shown per severity group before "Show all": keeps a huge list responsive. */
const PAGE = 200;

export function findingKey(f: Finding, index: number): string {
  return `${index}\u0000${f.sheet}\u0000${f.cell}\u0000${f.code}`;
}

export function countsOf(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** "3 error(s), 1 warning(s)": only the non-zero counts. */
export function countText(t: Strings, counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => format(t[SEVERITY_COUNT[s]], { count: counts[s] }))
    .join(", ");
}

/** Sheets in the order their first finding appears (the validator sorts by workbook order). */
export function groupBySheet(findings: readonly Finding[]): { sheet: string; items: { f: Finding; key: string }[] }[] {
  const groups = new Map<string, { f: Finding; key: string }[]>();
  findings.forEach((f, i) => {
    const list = groups.get(f.sheet) ?? [];
    list.push({ f, key: findingKey(f, i) });
    groups.set(f.sheet, list);
  });
  return [...groups].map(([sheet, items]) => ({ sheet, items }));
}

const useStyles = makeStyles({
  header: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  sheetName: { fontWeight: tokens.fontWeightSemibold, wordBreak: "break-all" },
  badges: { display: "inline-flex", columnGap: tokens.spacingHorizontalXS },
  sevHeading: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "2px" },
  item: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    textAlign: "left",
    backgroundColor: "transparent",
    border: "none",
    borderLeft: `${tokens.strokeWidthThick} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    font: "inherit",
    color: "inherit",
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  static: { cursor: "default", ":hover": { backgroundColor: "transparent" } },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    borderLeftColor: tokens.colorBrandStroke1,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, minWidth: "3.5em", flexShrink: 0 },
  text: { display: "flex", flexDirection: "column" },
  code: { color: tokens.colorNeutralForeground3 },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
});

export interface FindingsListProps {
  findings: readonly Finding[];
  t: Strings;
  language: Language;
  selectedKey: string | null;
  onSelect(finding: Finding, key: string): void;
}

export function FindingsList({ findings, t, language, selectedKey, onSelect }: FindingsListProps): React.ReactElement {
  const styles = useStyles();
  const groups = React.useMemo(() => groupBySheet(findings), [findings]);
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = React.useState<string[]>(() => groups.map((g) => g.sheet));
  React.useEffect(() => setOpen(groups.map((g) => g.sheet)), [groups]);

  return (
    <Accordion
      multiple
      collapsible
      openItems={open}
      onToggle={(_, d) => setOpen(d.openItems as string[])}
      aria-label={t.findingsLabel}
    >
      {groups.map(({ sheet, items }, gi) => {
        const counts = countsOf(items.map((x) => x.f));
        const headerId = `alutrace-findings-${gi}`;
        return (
          <AccordionItem key={sheet} value={sheet}>
            <AccordionHeader size="small" button={{ id: headerId }}>
              <span className={styles.header}>
                <span className={styles.sheetName}>{sheet}</span>
                <span className={styles.badges}>
                  {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
                    <Badge key={s} size="small" appearance="tint" color={BADGE_COLOR[s]}>
                      {format(t[SEVERITY_COUNT[s]], { count: counts[s] })}
                    </Badge>
                  ))}
                </span>
              </span>
            </AccordionHeader>
            <AccordionPanel role="region" aria-labelledby={headerId}>
              {SEVERITIES.map((sev) => {
                const list = items.filter((x) => x.f.severity === sev);
                if (list.length === 0) return null;
                const headingId = `alutrace-findings-${gi}-${sev}`;
                const groupKey = `${sheet}\u0000${sev}`;
                const shown = expanded.has(groupKey) ? list : list.slice(0, PAGE);
                return (
                  <section key={sev} aria-labelledby={headingId}>
                    <h4 id={headingId} className={styles.sevHeading}>
                      {t[SEVERITY_HEADING[sev]]} ({list.length})
                    </h4>
                    <ul className={styles.list}>
                      {shown.map(({ f, key }) => {
                        const message = language === "zh-CN" ? f.messageZh : f.message;
                        const body = (
                          <>
                            <span className={styles.cell}>{f.cell || "—"}</span>
                            <span className={styles.text}>
                              <span>{message}</span>
                              <Caption1 className={styles.code}>{f.code}</Caption1>
                            </span>
                          </>
                        );
                        const selected = key === selectedKey;
                        return (
                          <li key={key} data-sheet={f.sheet} data-cell={f.cell} data-code={f.code} data-severity={f.severity}>
                            {f.cell ? (
                              <button
                                type="button"
                                className={mergeClasses(styles.item, styles[sev], selected && styles.selected)}
                                aria-current={selected ? "true" : undefined}
                                title={format(t.goToCell, { sheet: f.sheet, cell: f.cell, message })}
                                onClick={() => onSelect(f, key)}
                              >
                                {body}
                              </button>
                            ) : (
                              <div className={mergeClasses(styles.item, styles.static, styles[sev])} title={t.wholeSheet}>
                                {body}
                              </div>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                    {shown.length < list.length ? (
                      <Button size="small" appearance="transparent" onClick={() => setExpanded(new Set([...expanded, groupKey]))}>
                        {format(t.showMore, { count: list.length - shown.length })}
                      </Button>
                    ) : null}
                  </section>
                );
              })}
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
