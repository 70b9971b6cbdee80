// Methods and settings (loaded on demand): recycled-content method, how scrap is treated for red
// mud (both ways are reported), the default values with their sources, and the pane language.
import * as React from "react";
import { Badge, Caption1, Checkbox, Field, Radio, RadioGroup, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DEFAULTS, type DefaultStatus } from "../core/defaults";
import type { DefaultUsed, RecycledMethod } from "./host";
import { LANGUAGES, LANGUAGE_NAMES, format, type Language, type StringKey } from "./i18n";
import { usePanelStyles, type PanelContext } from "./ui";

const STATUS: Record<DefaultStatus, StringKey> = { sourced: "statusSourced", derived: "statusDerived", proposal: "statusProposal" };

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  entry: {
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  entryTop: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, alignItems: "baseline" },
  id: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  meta: { color: tokens.colorNeutralForeground3 },
  bullets: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface SettingsPanelProps {
  ctx: PanelContext;
  method: RecycledMethod;
  onMethod(method: RecycledMethod): void;
  language: Language;
  onLanguage(language: Language): void;
  /** Defaults the last validation used (ids and cells), if any. */
  defaultsUsed?: readonly DefaultUsed[];
}

export function SettingsPanel({ ctx, method, onMethod, language, onLanguage, defaultsUsed }: SettingsPanelProps): React.ReactElement {
  const panel = usePanelStyles();
  const styles = useStyles();
  const { t } = ctx;
  const used = new Map((defaultsUsed ?? []).map((d) => [d.id, d.cells.length]));
  const number = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

  return (
    <div className={panel.panel}>
      <section className={styles.section} aria-labelledby="alutrace-method-heading">
        <Subtitle2 as="h2" id="alutrace-method-heading" className={panel.heading}>
          {t.methodHeading}
        </Subtitle2>
        <Field label={t.denominatorLabel}>
          <RadioGroup
            value={method.denominator}
            onChange={(_, d) => onMethod({ ...method, denominator: d.value === "al_only" ? "al_only" : "all_metal" })}
          >
            <Radio value="all_metal" label={t.denominatorAllMetal} />
            <Radio value="al_only" label={t.denominatorAlOnly} />
          </RadioGroup>
        </Field>
        <Field hint={t.countInternalHint}>
          <Checkbox
            checked={method.countInternalCrossProcess}
            label={t.countInternal}
            onChange={(_, d) => onMethod({ ...method, countInternalCrossProcess: d.checked === true })}
          />
        </Field>
      </section>

      <section className={styles.section} aria-labelledby="alutrace-scrap-heading">
        <Subtitle2 as="h2" id="alutrace-scrap-heading" className={panel.heading}>
          {t.scrapHeading}
        </Subtitle2>
        <ul className={styles.bullets}>
          <li>
            <Text>{t.scrapCutOff}</Text>
          </li>
          <li>
            <Text>{t.scrapAllocation}</Text>
          </li>
        </ul>
        <Caption1>{t.scrapBoth}</Caption1>
      </section>

      <section className={styles.section} aria-labelledby="alutrace-defaults-heading">
        <Subtitle2 as="h2" id="alutrace-defaults-heading" className={panel.heading}>
          {t.defaultsHeading}
        </Subtitle2>
        <Caption1 className={panel.hint}>{t.defaultsIntro}</Caption1>
        <ul className={styles.list} aria-labelledby="alutrace-defaults-heading">
          {DEFAULTS.map((d) => (
            <li key={d.id} className={styles.entry}>
              <span className={styles.entryTop}>
                <Text weight="semibold">
                  {number(d.value)} {d.unit}
                </Text>
                <Badge size="small" appearance="tint" color={d.status === "sourced" ? "success" : d.status === "derived" ? "informative" : "warning"}>
                  {t[STATUS[d.status]]}
                </Badge>
                {used.has(d.id) ? (
                  <Badge size="small" appearance="filled" color="brand">
                    {format(t.defaultsUsedIn, { count: used.get(d.id) ?? 0 })}
                  </Badge>
                ) : null}
              </span>
              <Text size={200}>{d.description}</Text>
              <Caption1 className={styles.meta}>
                {t.colSource}: {d.source.citation}
                {d.year ? ` (${d.year})` : ""} · <span className={styles.id}>{d.id}</span>
              </Caption1>
            </li>
          ))}
        </ul>
      </section>

      <section className={styles.section} aria-labelledby="alutrace-language-heading">
        <Subtitle2 as="h2" id="alutrace-language-heading" className={panel.heading}>
          {t.languageHeading}
        </Subtitle2>
        <RadioGroup aria-labelledby="alutrace-language-heading" value={language} onChange={(_, d) => onLanguage(d.value as Language)}>
          {LANGUAGES.map((lang) => (
            <Radio key={lang} value={lang} label={<span lang={lang}>{LANGUAGE_NAMES[lang]}</span>} />
          ))}
        </RadioGroup>
      </section>
    </div>
  );
}
