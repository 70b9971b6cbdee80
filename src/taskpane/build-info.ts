// Build stamp injected by webpack's DefinePlugin; absent under jest and tsc.

export interface BuildInfo {
  version: string;
  time: string;
  officeJs: "cdn" | "local";
}

declare const __ALUTRACE_BUILD__: BuildInfo | undefined;

export function buildInfo(): BuildInfo | null {
  return typeof __ALUTRACE_BUILD__ === "undefined" ? null : __ALUTRACE_BUILD__;
}
