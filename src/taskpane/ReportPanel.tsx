// Export report: the report tabs go to AluTrace's own sheets only (a re-export replaces them);
// the pane lists where they went, each sheet a link.
import * as React from "react";
import { Button, Caption1, Link, Subtitle2, Text } from "@fluentui/react-components";
import type { ExportFile, RecycledMethod, WriteResult } from "./host";
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
      {result && (result.files?.length || result.pactRefusal) ? <ExportFiles ctx={ctx} files={result.files ?? []} pactRefusal={result.pactRefusal} /> : null}
    </div>
  );
}

/**
 * The exports as files the user saves (a blob link: works in Excel on the web and in the desktop
 * webviews that allow downloads) or copies (for hosts that block downloads). Made in the pane from
 * the workbook's data: nothing is sent anywhere.
 */
function ExportFiles({ ctx, files, pactRefusal }: { ctx: PanelContext; files: readonly ExportFile[]; pactRefusal?: string }): React.ReactElement {
  const styles = usePanelStyles();
  const { t } = ctx;
  const [copied, setCopied] = React.useState<string | null>(null);
  const urls = React.useMemo(() => files.map((f) => blobUrl(f)), [files]);
  React.useEffect(() => () => urls.forEach((u) => u && URL.revokeObjectURL(u)), [urls]);
  const copy = async (f: ExportFile) => {
    try {
      await navigator.clipboard.writeText(f.text);
      setCopied(format(t.fileCopied, { name: f.name }));
    } catch {
      setCopied(t.fileCopyFailed);
    }
  };
  return (
    <div className={styles.result}>
      <Text weight="semibold">{t.filesHeading}</Text>
      <Caption1 className={styles.hint}>{t.filesIntro}</Caption1>
      {pactRefusal ? <Caption1 role="note">{format(t.pactRefused, { reason: pactRefusal })}</Caption1> : null}
      <ul aria-label={t.filesHeading} style={{ margin: 0, paddingLeft: 0, listStyle: "none", display: "flex", flexDirection: "column", rowGap: 2 }}>
        {files.map((f, i) => (
          <li key={f.name} style={{ display: "flex", alignItems: "center", columnGap: 8 }}>
            {urls[i] ? (
              <Link href={urls[i]} download={f.name} aria-label={format(t.fileDownload, { name: f.name })}>
                {f.name}
              </Link>
            ) : (
              <Text>{f.name}</Text>
            )}
            <Button size="small" appearance="subtle" aria-label={`${t.fileCopy} ${f.name}`} onClick={() => void copy(f)}>
              {t.fileCopy}
            </Button>
          </li>
        ))}
      </ul>
      {copied ? <Caption1 role="status">{copied}</Caption1> : null}
    </div>
  );
}

function blobUrl(f: ExportFile): string | undefined {
  if (typeof URL === "undefined" || typeof URL.createObjectURL !== "function" || typeof Blob === "undefined") return undefined;
  // CSV with its BOM already in the text (Excel reads UTF-8 Chinese correctly only with it).
  return URL.createObjectURL(new Blob([f.text], { type: `${f.mediaType};charset=utf-8` }));
}
