// "About" details, loaded on demand by App (React.lazy).
import * as React from "react";
import { Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import { buildInfo } from "./build-info";
import { format, type Strings } from "./i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  meta: { color: tokens.colorNeutralForeground3 },
});

export function About({ t }: { t: Strings }): React.ReactElement {
  const styles = useStyles();
  const build = buildInfo();
  return (
    <div className={styles.root} role="region" aria-label={t.aboutShow}>
      <Text>{t.aboutFunctions}</Text>
      <Text>{t.aboutMethod}</Text>
      <Caption1 className={styles.meta}>
        {build ? format(t.aboutBuild, { version: build.version, time: build.time, officeJs: build.officeJs }) : t.aboutBuildUnknown}
      </Caption1>
    </div>
  );
}
