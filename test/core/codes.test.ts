import {
  BAUXITE_TYPES,
  CODE_LISTS,
  INPUT_CLASSES,
  lookupCode,
  lookupInputClass,
  lookupMoistureBasis,
  lookupPathway,
  PATHWAY_CODES,
  pathwayGroup,
} from "../../src/core/codes";

describe("code lists", () => {
  test("pathway codes exactly as REFERENCE §7.2, in order, with groups", () => {
    expect(PATHWAY_CODES.map((p) => p.code)).toEqual([
      "STORE_DRY_STACK",
      "STORE_WET_LAGOON",
      "STORE_THICKENED",
      "STORE_OTHER",
      "USE_CEMENT_CLINKER_RAW",
      "USE_SCM_BLENDED_CEMENT",
      "USE_CEMENTITIOUS_MATERIAL",
      "USE_BRICK_WALL_MATERIAL",
      "USE_ROAD_BASE",
      "USE_FE_RECOVERY",
      "USE_VALUABLE_METALS",
      "USE_POWDER_MATERIAL",
      "USE_SOIL_AMELIORATION",
      "USE_BACKFILL",
      "USE_ADSORBENT_ENV",
      "USE_OTHER",
      "DISP_SEA",
      "DISP_RIVER",
      "DISP_OTHER",
    ]);
    for (const p of PATHWAY_CODES) {
      const expected = p.code.startsWith("STORE_") ? "storage" : p.code.startsWith("USE_") ? "utilisation" : "disposal";
      expect(pathwayGroup(p.code)).toBe(expected);
    }
  });

  test("input classes", () => {
    expect(INPUT_CLASSES.map((c) => c.code)).toEqual([
      "primary_ingot",
      "primary_liquid",
      "secondary_ingot",
      "pre_consumer_scrap_external",
      "pre_consumer_scrap_internal_cross_process",
      "post_consumer_scrap",
      "run_around_scrap",
      "alloying_element",
      "master_alloy",
    ]);
  });

  test("lookups accept code in any case, EN label, 中文 label and 'EN / 中文'", () => {
    expect(lookupInputClass("POST_CONSUMER_SCRAP")).toBe("post_consumer_scrap");
    expect(lookupInputClass("Post-consumer scrap")).toBe("post_consumer_scrap");
    expect(lookupInputClass("消费后废铝")).toBe("post_consumer_scrap");
    expect(lookupInputClass("Post-consumer scrap / 消费后废铝")).toBe("post_consumer_scrap");
    expect(lookupInputClass("  master_alloy ")).toBe("master_alloy");
    expect(lookupInputClass("pre_consumer_scrap_internal_other_process")).toBe("pre_consumer_scrap_internal_cross_process");
    expect(lookupPathway("store_dry_stack")).toBe("STORE_DRY_STACK");
    expect(lookupPathway("干法堆存")).toBe("STORE_DRY_STACK");
    expect(lookupMoistureBasis("湿基")).toBe("wet");
    expect(lookupMoistureBasis("DRY")).toBe("dry");
    expect(lookupCode(BAUXITE_TYPES, "一水硬铝石型")).toBe("diaspore");
    expect(lookupInputClass("scrap")).toBeUndefined();
    expect(lookupInputClass(3)).toBeUndefined();
    expect(lookupInputClass(null)).toBeUndefined();
  });

  test("every list has unique codes and labels, and every code, EN and 中文 label looks up to itself", () => {
    for (const [name, list] of Object.entries(CODE_LISTS)) {
      expect(list.length).toBeGreaterThan(0);
      for (const e of list) {
        expect(e.en.length).toBeGreaterThan(0);
        expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
        for (const key of [e.code, e.en, e.zh, e.code.toUpperCase()]) {
          expect([name, lookupCode(list, key)]).toEqual([name, e.code]);
        }
      }
    }
  });
});
