/**
 * The PCF figures for PACT, read from the template's 09_Footprint sheet (as validated). Nothing is
 * invented: a blank required field stays absent, so buildPactFootprints refuses and names it.
 */
import { isoFromSerial } from "../parse";
import type { ValidationResult } from "../template/validate";
import type { PcfInput } from "./pact";

const STANDARD_NAMES: Record<string, string> = { "ISO14067": "ISO14067", "GHGP-Product": "GHGP-Product", "ISO14040-44": "ISO14040-44", PEF: "PEF", "PACT-3.0": "PACT-3.0", PAS2050: "PAS2050" };

export function pcfFromTemplate(val: ValidationResult): Record<string, PcfInput> {
  const out: Record<string, PcfInput> = {};
  for (const r of val.sheets.footprint?.rows ?? []) {
    const v = r.v;
    const id = typeof v.product_id === "string" ? v.product_id : undefined;
    if (!id) continue;
    const n = (k: string) => (typeof v[k] === "number" ? (v[k] as number) : undefined);
    const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
    const pct = (k: string) => (n(k) === undefined ? undefined : n(k)! * 100);
    const pcf: Partial<PcfInput> = {};
    const set = <K extends keyof PcfInput>(k: K, x: PcfInput[K] | undefined) => {
      if (x !== undefined) pcf[k] = x;
    };
    set("pcfExcludingBiogenicUptake", n("pcf_excl_biogenic"));
    set("pcfIncludingBiogenicUptake", n("pcf_incl_biogenic"));
    set("fossilGhgEmissions", n("fossil_ghg"));
    set("fossilCarbonContent", n("fossil_carbon_content"));
    set("biogenicCarbonContent", n("biogenic_carbon_content"));
    set("landUseChangeGhgEmissions", n("dluc_ghg"));
    set("aircraftGhgEmissions", n("aircraft_ghg"));
    if (s("ipcc_ar")) pcf.ipccCharacterizationFactors = [s("ipcc_ar")!];
    if (s("standard")) pcf.crossSectoralStandards = [STANDARD_NAMES[s("standard")!] ?? s("standard")!];
    // The template's help says blank exempted emissions mean 0 %; PACT needs the field.
    pcf.exemptedEmissionsPercent = pct("exempted_share") ?? 0;
    if (s("packaging_included")) pcf.packagingEmissionsIncluded = s("packaging_included") === "yes";
    set("primaryDataShare", pct("primary_data_share"));
    if (n("dqr_technological") !== undefined && n("dqr_temporal") !== undefined && n("dqr_geographical") !== undefined) {
      pcf.dqi = { technologicalDQR: n("dqr_technological")!, temporalDQR: n("dqr_temporal")!, geographicalDQR: n("dqr_geographical")! };
    }
    const method = s("scrap_method");
    if (method) {
      const parts = [`Process scrap treatment: ${method.replace("_", "-")}.`];
      if (n("ghg_cut_off") !== undefined) parts.push(`Cut-off footprint ${n("ghg_cut_off")} kg CO2e per declared unit.`);
      if (n("ghg_allocation") !== undefined) parts.push(`Allocation footprint ${n("ghg_allocation")} kg CO2e per declared unit.`);
      pcf.allocationRulesDescription = parts.join(" ");
    }
    // The last valid day, inclusive; PACT's end is the next midnight (as for the reference period).
    if (n("valid_until") !== undefined) pcf.validityPeriodEnd = `${isoFromSerial(Math.floor(n("valid_until")!) + 1)}T00:00:00Z`;
    const assurance = s("assurance");
    if (assurance && assurance !== "none") pcf.verification = { coverage: "product level", ...(s("verifier") ? { providerName: s("verifier") } : {}), comments: `${assurance} assurance` };
    out[id] = pcf as PcfInput;
  }
  return out;
}
