// Insert template: English, Chinese or bilingual labels (default from the pane language, which
// itself defaults to Office's display language). New sheets only; the result names them.
import * as React from "react";
import { Caption1, Field, Radio, RadioGroup, Subtitle2, Text } from "@fluentui/react-components";
import type { TemplateLanguage, WriteResult } from "./host";
import type { StringKey } from "./i18n";
import { ActionButton, SheetLinks, usePanelStyles, type PanelContext } from "./ui";

const OPTIONS: ReadonlyArray<{ value: TemplateLanguage; label: StringKey }> = [
  { value: "en", label: "templateLangEn" },
  { value: "zh-CN", label: "templateLangZh" },
  { value: "bilingual", label: "templateLangBilingual" },
];

export interface TemplatePanelProps {
  ctx: PanelContext;
  templateLanguage: TemplateLanguage;
  onTemplateLanguage(lang: TemplateLanguage): void;
  onInsert(): void;
  result: WriteResult | null;
}

export function TemplatePanel({ ctx, templateLanguage, onTemplateLanguage, onInsert, result }: TemplatePanelProps): React.ReactElement {
  const styles = usePanelStyles();
  const { t } = ctx;
  return (
    <div className={styles.panel}>
      <Subtitle2 as="h2" className={styles.heading}>
        {t.templateHeading}
      </Subtitle2>
      <Field label={t.templateLanguage}>
        <RadioGroup value={templateLanguage} onChange={(_, d) => onTemplateLanguage(d.value as TemplateLanguage)}>
          {OPTIONS.map((o) => (
            <Radio key={o.value} value={o.value} label={t[o.label]} />
          ))}
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <ActionButton ctx={ctx} id="insertTemplate" appearance="primary" onRun={onInsert}>
          {t.insertTemplate}
        </ActionButton>
      </div>
      <Caption1 className={styles.hint}>{t.insertTemplateHint} {t.templateSafe}</Caption1>
      {result && result.sheets.length > 0 ? (
        <div className={styles.result}>
          <Text weight="semibold">{t.templateInserted}</Text>
          <SheetLinks ctx={ctx} sheets={result.sheets} label={t.templateInserted} />
          {result.note ? <Caption1>{result.note}</Caption1> : null}
        </div>
      ) : null}
    </div>
  );
}
