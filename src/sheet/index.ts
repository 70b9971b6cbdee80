/** Helpers shared by the Office.js and exceljs renderers. Pure TypeScript: no Node or Office APIs. */
export * from "./names";
export * from "./safetext";
export * from "./styles";
export * from "./normalize";
export * from "./chunks";
export * from "./ownership";
export * from "./formulas";
