// Validate: findings grouped by sheet and severity, click to go to the cell, highlight / clear,
// findings sheet; sheets that are not ours can be mapped (the editor is loaded on demand).
import * as React from "react";
import { Badge, Button, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../core/findings";
import { FindingsList, countsOf } from "./FindingsList";
import type { SheetPreview, ValidateResult, WriteResult } from "./host";
import { format, type Language } from "./i18n";
import { MappingEditor } from "./panels"; // lazy
import { ActionButton, SheetLinks, usePanelStyles, type MappingEntry, type PanelContext } from "./ui";

const useStyles = makeStyles({
  summary: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  mappings: { margin: 0, paddingLeft: 0, listStyleType: "none", display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  mappingItem: { display: "flex", alignItems: "center", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  mappingBox: {
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export interface ValidatePanelProps {
  ctx: PanelContext;
  language: Language;
  result: ValidateResult | null;
  onValidate(): void;
  selectedKey: string | null;
  onSelectFinding(finding: Finding, key: string): void;
  onHighlight(): void;
  onClearHighlights(): void;
  onWriteFindings(): void;
  findingsSheet: WriteResult | null;
  /** Present when the host can list sheets (HostApi.listSheets). */
  listSheets?: () => Promise<SheetPreview[]>;
  mappings: readonly MappingEntry[];
  onMappingsChange(mappings: MappingEntry[]): void;
}

export function ValidatePanel(props: ValidatePanelProps): React.ReactElement {
  const { ctx, language, result, mappings } = props;
  const { t } = ctx;
  const panel = usePanelStyles();
  const styles = useStyles();
  const [editing, setEditing] = React.useState<{ sheet?: string } | null>(null);
  const findings = result?.findings ?? [];
  const counts = countsOf(findings);
  const markable = findings.some((f) => f.cell && f.severity !== "info");

  const removeMapping = (sheet: string) => props.onMappingsChange(mappings.filter((m) => m.mapping.sheet !== sheet));
  const useMapping = (entry: MappingEntry) => {
    props.onMappingsChange([...mappings.filter((m) => m.mapping.sheet !== entry.mapping.sheet && m.mapping.template !== entry.mapping.template), entry]);
    setEditing(null);
  };

  return (
    <div className={panel.panel}>
      <Subtitle2 as="h2" className={panel.heading}>
        {t.validateHeading}
      </Subtitle2>
      <div className={panel.row}>
        <ActionButton ctx={ctx} id="validate" appearance="primary" onRun={props.onValidate}>
          {t.validate}
        </ActionButton>
      </div>
      <Caption1 className={panel.hint}>{t.validateHint}</Caption1>

      <section aria-labelledby="alutrace-mapping-heading" className={panel.result}>
        <Text as="h3" id="alutrace-mapping-heading" weight="semibold" className={panel.heading}>
          {t.mappingHeading}
        </Text>
        {mappings.length > 0 ? (
          <>
            <Caption1>{t.mappingActive}</Caption1>
            <ul className={styles.mappings}>
              {mappings.map((m) => (
                <li key={m.mapping.sheet} className={styles.mappingItem}>
                  <Text>{format(t.mappingAs, { sheet: m.mapping.sheet, template: language === "zh-CN" ? m.title.zh : m.title.en })}</Text>
                  <Button size="small" appearance="subtle" disabled={!props.listSheets} onClick={() => setEditing({ sheet: m.mapping.sheet })}>
                    {t.mappingEdit}
                  </Button>
                  <Button size="small" appearance="subtle" aria-label={format(t.mappingRemove, { sheet: m.mapping.sheet })} onClick={() => removeMapping(m.mapping.sheet)}>
                    ✕
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Caption1 className={panel.hint}>{t.mappingIntro}</Caption1>
        )}
        {props.listSheets ? (
          <div className={panel.row}>
            <Button
              size="small"
              appearance="secondary"
              aria-expanded={editing !== null}
              disabledFocusable={ctx.unavailable !== null}
              onClick={() => setEditing(editing ? null : {})}
            >
              {editing ? t.mappingClose : t.mappingOpen}
            </Button>
          </div>
        ) : (
          <Caption1 className={panel.hint}>{t.mappingUnsupported}</Caption1>
        )}
        {editing && props.listSheets ? (
          <div className={styles.mappingBox}>
            <React.Suspense fallback={<Spinner size="tiny" label={t.panelLoading} />}>
              <MappingEditor
                ctx={ctx}
                language={language}
                listSheets={props.listSheets}
                mappings={mappings}
                initialSheet={editing.sheet}
                onUse={useMapping}
              />
            </React.Suspense>
          </div>
        ) : null}
      </section>

      {result ? (
        <section aria-labelledby="alutrace-results-heading" className={panel.result}>
          <div className={styles.summary} role="status" aria-label={t.summaryLabel}>
            <Text as="h3" id="alutrace-results-heading" weight="semibold" className={panel.heading}>
              {t.validated}
            </Text>
            {findings.length === 0 ? (
              <Text>{t.noIssues}</Text>
            ) : (
              <>
                <Badge appearance="filled" color="danger">
                  {format(t.countErrors, { count: counts.error })}
                </Badge>
                <Badge appearance="filled" color="warning">
                  {format(t.countWarnings, { count: counts.warning })}
                </Badge>
                <Badge appearance="tint" color="informative">
                  {format(t.countInfos, { count: counts.info })}
                </Badge>
              </>
            )}
          </div>
          <div className={panel.row}>
            <ActionButton ctx={ctx} id="highlight" size="small" off={!markable} title={t.highlightHint} onRun={props.onHighlight}>
              {t.highlight}
            </ActionButton>
            <ActionButton ctx={ctx} id="clearHighlights" size="small" onRun={props.onClearHighlights}>
              {t.clearHighlights}
            </ActionButton>
            <ActionButton ctx={ctx} id="writeFindings" size="small" off={findings.length === 0} onRun={props.onWriteFindings}>
              {t.writeFindings}
            </ActionButton>
          </div>
          {props.findingsSheet && props.findingsSheet.sheets.length > 0 ? (
            <div className={panel.result}>
              <Text>{t.findingsWritten}</Text>
              <SheetLinks ctx={ctx} sheets={props.findingsSheet.sheets} label={t.findingsWritten} />
            </div>
          ) : null}
          {findings.length > 0 ? (
            <FindingsList findings={findings} t={t} language={language} selectedKey={props.selectedKey} onSelect={props.onSelectFinding} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
