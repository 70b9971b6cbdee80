// The mapping editor (loaded on demand): pick one of the user's sheets, the template sheet it stands
// for and its header row; each of its header cells gets a dropdown of template columns, pre-set from
// the core's guess (English and Chinese labels, keys and synonyms), for the user to correct.
import * as React from "react";
import { Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetters, type Grid } from "../core/cells";
import { locateTemplateSheets } from "../core/template/locate";
import { HEADER_SCAN_ROWS, checkHeaderMapping, guessHeaderRow, guessTemplate, proposeHeaderMapping } from "../core/template/mapping";
import { TEMPLATE_SHEETS, sheetSpec, type TemplateSheetKey } from "../core/template/spec";
import type { SheetMapping, SheetPreview } from "./host";
import { format, type Language } from "./i18n";
import type { MappingEntry, PanelContext } from "./ui";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  // A native <select> is as wide as its longest option; keep it inside the narrow pane.
  select: { width: "100%", maxWidth: "100%", minWidth: 0 },
  selectInner: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  table: { borderCollapse: "collapse", width: "100%", tableLayout: "fixed" },
  th: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, verticalAlign: "middle" },
  td: { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}` },
  colLetter: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXS },
  headerText: { wordBreak: "break-word", fontWeight: tokens.fontWeightRegular },
});

export interface MappingEditorProps {
  ctx: PanelContext;
  language: Language;
  listSheets: () => Promise<SheetPreview[]>;
  mappings: readonly MappingEntry[];
  /** Open with this sheet selected (editing an existing mapping). */
  initialSheet?: string;
  onUse(entry: MappingEntry): void;
}

const gridOf = (p: SheetPreview): Grid => ({ name: p.name, values: p.rows });

/** Sheet column → template column key ("" = not used), from a mapping. */
function choicesOf(m: SheetMapping): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [key, col] of Object.entries(m.columns)) out[col] = key;
  return out;
}

export function MappingEditor({ ctx, language, listSheets, mappings, initialSheet, onUse }: MappingEditorProps): React.ReactElement {
  const { t } = ctx;
  const styles = useStyles();
  const zh = language === "zh-CN";
  const [previews, setPreviews] = React.useState<SheetPreview[] | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);
  const [draft, setDraft] = React.useState<{ sheet: string; template: TemplateSheetKey; headerRow: number; choices: Record<number, string> } | null>(null);

  // The user's own visible sheets that have something in their first rows.
  const candidates = React.useMemo(
    () => (previews ?? []).filter((p) => !p.ownedByAluTrace && !p.hidden && p.rows.some((r) => r.some((v) => v !== null && v !== ""))),
    [previews],
  );
  const located = React.useMemo(() => {
    const byGrid = new Map<string, TemplateSheetKey>();
    for (const [key, loc] of locateTemplateSheets(candidates.map(gridOf))) byGrid.set(loc.grid.name, key);
    return byGrid;
  }, [candidates]);

  /** A fresh draft for a sheet: its confirmed mapping if any, else the core's guess. */
  const draftFor = React.useCallback(
    (sheet: string, template?: TemplateSheetKey, headerRow?: number) => {
      const p = candidates.find((c) => c.name === sheet);
      if (!p) return null;
      const existing = mappings.find((m) => m.mapping.sheet === sheet)?.mapping;
      if (existing && template === undefined && headerRow === undefined) {
        return { sheet, template: existing.template, headerRow: existing.headerRow, choices: choicesOf(existing) };
      }
      const grid = gridOf(p);
      const tpl = template ?? located.get(sheet) ?? guessTemplate(grid);
      const m = proposeHeaderMapping(sheet, tpl, grid, headerRow ?? guessHeaderRow(sheetSpec(tpl), grid));
      return { sheet, template: tpl, headerRow: m.headerRow, choices: choicesOf(m) };
    },
    [candidates, located, mappings],
  );

  const load = React.useRef(listSheets); // read the workbook once per opening of the editor
  React.useEffect(() => {
    let live = true;
    load.current().then(
      (list) => live && setPreviews(list),
      (error: unknown) => live && setFailed(error instanceof Error && error.message ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  React.useEffect(() => {
    if (previews && draft === null && candidates.length > 0) {
      const first = (initialSheet && candidates.find((c) => c.name === initialSheet)) || candidates.find((c) => !located.has(c.name)) || candidates[0];
      setDraft(draftFor(first.name));
    }
  }, [previews, candidates, located, draft, draftFor, initialSheet]);

  if (failed) {
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{t.mappingLoadFailed}</MessageBarTitle>
          {failed}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!previews) return <Spinner size="tiny" label={t.panelLoading} />;
  if (candidates.length === 0 || !draft) return <Caption1>{t.mappingNoSheets}</Caption1>;

  const preview = candidates.find((c) => c.name === draft.sheet) ?? candidates[0];
  const spec = sheetSpec(draft.template);
  const label = (key: string) => {
    const c = spec.columns.find((x) => x.key === key);
    return c ? (zh ? c.label.zh : c.label.en) + (c.unit ? ` (${c.unit})` : "") : key;
  };
  const headerCells = (preview.rows[draft.headerRow] ?? [])
    .map((v, col) => ({ col, text: v === null ? "" : typeof v === "object" ? v.code : String(v) }))
    .filter((h) => h.text.trim() !== "");
  const columns: Record<string, number> = {};
  const chosenTwice = new Set<string>();
  for (const h of headerCells) {
    const key = draft.choices[h.col];
    if (!key) continue;
    if (key in columns) chosenTwice.add(key);
    else columns[key] = h.col;
  }
  const mapping: SheetMapping = { sheet: draft.sheet, template: draft.template, headerRow: draft.headerRow, columns };
  const check = checkHeaderMapping(mapping);
  const ok = check.usable && chosenTwice.size === 0;
  const rowCount = Math.max(1, Math.min(HEADER_SCAN_ROWS, preview.rows.length));
  const recognised = located.get(draft.sheet);

  return (
    <div className={styles.root}>
      <Field label={t.mappingSheet}>
        <Select className={styles.select} select={{ className: styles.selectInner }} value={draft.sheet} onChange={(_, d) => setDraft(draftFor(d.value))}>
          {candidates.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      {recognised ? (
        <Caption1>{format(t.mappingRecognised, { template: zh ? sheetSpec(recognised).title.zh : sheetSpec(recognised).title.en })}</Caption1>
      ) : null}
      <Field label={t.mappingTemplate}>
        <Select className={styles.select} select={{ className: styles.selectInner }} value={draft.template} onChange={(_, d) => setDraft(draftFor(draft.sheet, d.value as TemplateSheetKey))}>
          {TEMPLATE_SHEETS.map((s) => (
            <option key={s.key} value={s.key}>
              {`${zh ? s.title.zh : s.title.en} (${s.name})`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.mappingHeaderRow}>
        <Select className={styles.select} select={{ className: styles.selectInner }} value={String(draft.headerRow)} onChange={(_, d) => setDraft(draftFor(draft.sheet, draft.template, Number(d.value)))}>
          {Array.from({ length: rowCount }, (_, r) => (
            <option key={r} value={String(r)}>
              {format(t.mappingRow, { row: r + 1 })}
            </option>
          ))}
        </Select>
      </Field>
      <table className={styles.table} aria-label={format(t.mappingColumnsLabel, { sheet: draft.sheet })}>
        <thead>
          <tr>
            <th className={styles.th} scope="col">
              {t.mappingYourColumn}
            </th>
            <th className={styles.th} scope="col">
              {t.mappingTemplateColumn}
            </th>
          </tr>
        </thead>
        <tbody>
          {headerCells.map((h) => (
            <tr key={h.col}>
              <th className={styles.th} scope="row" id={`alutrace-map-h${h.col}`}>
                <span className={styles.colLetter}>{columnLetters(h.col)}</span>
                <span className={styles.headerText}>{h.text}</span>
              </th>
              <td className={styles.td}>
                <Select
                  size="small"
                  className={styles.select}
                  select={{ className: styles.selectInner }}
                  aria-labelledby={`alutrace-map-h${h.col}`}
                  value={draft.choices[h.col] ?? ""}
                  onChange={(_, d) => setDraft({ ...draft, choices: { ...draft.choices, [h.col]: d.value } })}
                >
                  <option value="">{t.mappingNotUsed}</option>
                  {spec.columns.map((c) => (
                    <option key={c.key} value={c.key}>
                      {label(c.key) + (c.required === "yes" ? ` ${t.mappingRequiredMark}` : "")}
                    </option>
                  ))}
                </Select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {check.missingRequired.length > 0 ? (
        <Text size={200} role="note">
          {format(t.mappingMissing, { columns: check.missingRequired.map(label).join(zh ? "、" : ", ") })}
        </Text>
      ) : null}
      {chosenTwice.size > 0 ? (
        <Text size={200} role="note">
          {format(t.mappingTwice, { columns: [...chosenTwice].map(label).join(zh ? "、" : ", ") })}
        </Text>
      ) : null}
      {!check.usable ? (
        <Text size={200} role="note">
          {t.mappingTooLittle}
        </Text>
      ) : null}
      <div>
        <Button appearance="primary" size="small" disabledFocusable={!ok} onClick={() => ok && onUse({ mapping, title: spec.title })}>
          {t.mappingUse}
        </Button>
      </div>
    </div>
  );
}
