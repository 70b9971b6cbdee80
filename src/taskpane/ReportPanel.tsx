// Export report: the report tabs go to AluTrace's own sheets only (a re-export replaces them);
// the pane lists where they went, each sheet a link.
import * as React from "react";
import { Caption1, Link, Subtitle2, Text } from "@fluentui/react-components";
import type { RecycledMethod, WriteResult } from "./host";
import { format } from "./i18n";
import { ActionButton, SheetLinks, usePanelStyles, type MappingEntry, type PanelContext } from "./ui";

export interface ReportPanelProps {
  ctx: PanelContext;
  method: RecycledMethod;
  mappings: readonly MappingEntry[];
  onExport(): void;
  onChangeMethod(): void;
  result: WriteResult | null;
}

export function ReportPanel({ ctx, method, onExport, onChangeMethod, result }: ReportPanelProps): React.ReactElement {
  const styles = usePanelStyles();
  const { t } = ctx;
  return (
    <div className={styles.panel}>
      <Subtitle2 as="h2" className={styles.heading}>
        {t.reportHeading}
      </Subtitle2>
      <div className={styles.result}>
        <Text>
          {format(t.reportMethod, {
            denominator: method.denominator === "al_only" ? t.denominatorShortAl : t.denominatorShortAll,
            internal: method.countInternalCrossProcess ? t.counted : t.notCounted,
          })}
        </Text>
        <Text>{t.reportScrap}</Text>
        <Link as="button" onClick={onChangeMethod}>
          {t.reportChangeMethod}
        </Link>
      </div>
      <div className={styles.row}>
        <ActionButton ctx={ctx} id="exportReport" appearance="primary" onRun={onExport}>
          {t.exportReport}
        </ActionButton>
      </div>
      <Caption1 className={styles.hint}>{t.reportSafe}</Caption1>
      {result && result.sheets.length > 0 ? (
        <div className={styles.result}>
          <Text weight="semibold">{t.reportWritten}</Text>
          <SheetLinks ctx={ctx} sheets={result.sheets} label={t.reportWritten} />
          {result.replaced && result.replaced.length > 0 ? <Caption1>{format(t.reportReplaced, { sheets: result.replaced.join(", ") })}</Caption1> : null}
          {result.note ? <Caption1>{result.note}</Caption1> : null}
        </div>
      ) : null}
    </div>
  );
}
