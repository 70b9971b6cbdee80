// Panels loaded on demand (separate webpack chunks), kept out of the first-load bundle.
// All lazy imports live here so tests can swap this one module for eager components:
// with "module": "nodenext", tsc keeps import() in CommonJS output, which jest cannot run.
import * as React from "react";

export const About = React.lazy(() => import(/* webpackChunkName: "about" */ "./About.js").then((m) => ({ default: m.About })));

/** Methods and settings: carries the core's DEFAULTS table. */
export const SettingsPanel = React.lazy(() =>
  import(/* webpackChunkName: "settings" */ "./SettingsPanel.js").then((m) => ({ default: m.SettingsPanel })),
);

/** Mapping editor for sheets that are not ours: carries the template spec, code lists and header matching. */
export const MappingEditor = React.lazy(() =>
  import(/* webpackChunkName: "mapping" */ "./MappingEditor.js").then((m) => ({ default: m.MappingEditor })),
);
