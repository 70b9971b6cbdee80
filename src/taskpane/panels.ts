// Panels loaded on demand (separate webpack chunks), kept out of the first-load bundle.
// All lazy imports live here so tests can swap this one module for eager components:
// with "module": "nodenext", tsc keeps import() in CommonJS output, which jest cannot run.
import * as React from "react";

export const About = React.lazy(() => import(/* webpackChunkName: "about" */ "./About.js").then((m) => ({ default: m.About })));
