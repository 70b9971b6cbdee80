import { DEFAULTS, defaultValue, findDefault, getDefault } from "../../src/core/defaults";
import { findSource } from "../../src/core/sources";

describe("defaults table", () => {
  test("required defaults with value, unit, source and year", () => {
    expect(getDefault("ALUMINA_PER_AL")).toMatchObject({ value: 1.928, unit: "t alumina/t Al", year: 2015 });
    expect(getDefault("ALUMINA_PER_AL").source.ids).toEqual(["S25"]);
    expect(getDefault("REDMUD_PER_ALUMINA")).toMatchObject({ value: 1.2 });
    expect(getDefault("REDMUD_PER_ALUMINA").source.ids).toEqual(["S1"]);
    expect(defaultValue("REDMUD_RATIO_WARN_MIN")).toBe(0.3);
    expect(defaultValue("REDMUD_RATIO_WARN_MAX")).toBe(2.5);
    expect(defaultValue("ALUMINA_PER_AL_WARN_MAX")).toBe(1.98);
    expect(defaultValue("REDMUD_UTILISATION_TARGET_2027")).toBe(0.15);
    expect(defaultValue("REDMUD_UTILISATION_TARGET_2030")).toBe(0.25);
    expect(getDefault("REDMUD_BALANCE_TOLERANCE")).toMatchObject({ value: 0.02, status: "proposal" });
    expect(getDefault("METAL_BALANCE_TOLERANCE")).toMatchObject({ value: 0.03, status: "proposal" });
  });

  test("every source a default cites is in the source register", () => {
    for (const d of DEFAULTS) for (const id of d.source.ids) expect(findSource(id)?.id).toBe(id);
  });

  test("stoichiometric minimum matches atomic masses: 101.96 / (2 × 26.98)", () => {
    const d = getDefault("ALUMINA_PER_AL_STOICH_MIN");
    expect(d.status).toBe("derived");
    expect(d.value).toBeCloseTo(101.96 / (2 * 26.98), 4);
  });

  test("every entry is complete and ids are unique", () => {
    const ids = new Set<string>();
    for (const d of DEFAULTS) {
      expect(ids.has(d.id)).toBe(false);
      ids.add(d.id);
      expect(Number.isFinite(d.value)).toBe(true);
      expect(d.unit.length).toBeGreaterThan(0);
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.source.citation.length).toBeGreaterThan(0);
      // a sourced figure must cite a source ID; proposals/derivations may not have one
      if (d.status === "sourced") expect(d.source.ids.length).toBeGreaterThan(0);
      for (const s of d.source.ids) expect(s).toMatch(/^S\d+$/);
    }
    expect(findDefault("NOPE")).toBeUndefined();
    expect(findDefault("ALUMINA_PER_AL")?.value).toBe(1.928);
  });
});
