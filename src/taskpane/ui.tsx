// Small pieces shared by the panels: the action button (disabled-but-focusable with its reason,
// spinner while busy) and the clickable list of sheets AluTrace wrote.
import * as React from "react";
import { Button, Link, Spinner, Tooltip, makeStyles, tokens, type ButtonProps } from "@fluentui/react-components";
import { format, type Strings } from "./i18n";

/** Everything a panel needs from the shell. */
export interface PanelContext {
  t: Strings;
  /** Why actions are off (outside Excel, connecting …); null when the host is available. */
  unavailable: string | null;
  /** The action running now, if any: every workbook action waits for it. */
  busy: string | null;
  /**
   * Runs a workbook action: one at a time, progress shown, errors shown in the pane's error bar.
   * Resolves to undefined when the action failed or did not run.
   */
  run<T>(id: string, action: () => Promise<T>): Promise<T | undefined>;
  /** Sends Excel to a cell (errors go to the error bar). */
  goTo(sheet: string, address: string): void;
}

export interface ActionButtonProps {
  appearance?: ButtonProps["appearance"];
  size?: ButtonProps["size"];
  title?: string;
  children: React.ReactNode;
  ctx: PanelContext;
  /** Action id: shows the spinner while this action runs. */
  id: string;
  onRun: () => void;
  /** Disabled for a reason of the panel's own (e.g. nothing to highlight yet). */
  off?: boolean;
}

/** A workbook action: still focusable when disabled (disabledFocusable), so its reason can be read. */
export function ActionButton({ ctx, id, onRun, off, children, appearance, size, title }: ActionButtonProps): React.ReactElement {
  const disabled = ctx.unavailable !== null || ctx.busy !== null || off === true;
  const button = (
    <Button
      appearance={appearance}
      size={size}
      title={title}
      disabledFocusable={disabled}
      icon={ctx.busy === id ? <Spinner size="tiny" aria-hidden /> : undefined}
      onClick={() => {
        if (!disabled) onRun();
      }}
    >
      {children}
    </Button>
  );
  return ctx.unavailable ? (
    <Tooltip content={ctx.unavailable} relationship="description" withArrow>
      {button}
    </Tooltip>
  ) : (
    button
  );
}

const useLinkStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
});

/** The sheets an action wrote, each a link that activates it in Excel. */
export function SheetLinks({ ctx, sheets, label }: { ctx: PanelContext; sheets: readonly string[]; label: string }): React.ReactElement {
  const styles = useLinkStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {sheets.map((sheet) => (
        <li key={sheet}>
          <Link as="button" aria-label={format(ctx.t.goToSheet, { sheet })} onClick={() => ctx.goTo(sheet, "A1")}>
            {sheet}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export const usePanelStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, alignItems: "stretch" },
  heading: { margin: 0 },
  row: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, alignItems: "center" },
  hint: { color: tokens.colorNeutralForeground3 },
  result: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

/** A mapping the user confirmed, with the template sheet's title for display (no core import needed). */
export interface MappingEntry {
  mapping: import("./host").SheetMapping;
  title: { en: string; zh: string };
}
