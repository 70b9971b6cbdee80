/**
 * The published sources AluTrace's methods and defaults rest on (IDs as in the domain reference
 * register), for the report's sources tab and the exports. Only sources the code actually uses.
 */
export interface SourceEntry {
  id: string;
  title: string;
  url: string;
  supports: string;
}

export const SOURCES: readonly SourceEntry[] = [
  { id: "S1", title: "IAI: Sustainable Bauxite Residue Management Guidance release", url: "https://international-aluminium.org/iai-releases-updated-sustainable-bauxite-residue-management-guidance/", supports: "~1.2 t bauxite residue per t alumina (default red mud ratio)" },
  { id: "S4", title: "LME Insight: The neglected areas of aluminium sustainability — bauxite residue", url: "https://www.lme.com/en/Education/Online-resources/LME-Insight/The-neglected-areas-of-aluminium-sustainability-mitigating-bauxite-residue", supports: "0.3–2.5 t residue per t alumina (plausibility range)" },
  { id: "S8", title: "SMM news, 26 Jun 2024", url: "https://news.metal.com/newscontent/102820818/", supports: "China: 1.0–1.8 t red mud per t alumina" },
  { id: "S10", title: "《赤泥综合利用行动方案》工信部联节〔2024〕225号", url: "https://sn.ccmn.cn/news/ZX018/202501/432bb3c1aa7a45eb9822c6d6636bd2ee.html", supports: "utilisation of newly generated red mud ≥15 % by 2027, ≥25 % by 2030" },
  { id: "S16", title: "NBS definitions of industrial solid waste utilisation (secondary source)", url: "https://www.togowu.cn/article/wtcraz", supports: "utilisation rate including legacy stock; generation balance identity" },
  { id: "S25", title: "European Aluminium Environmental Profile Report 2018 LCI (compiled in sesame-academic bayer_hall_heroult.csv)", url: "https://github.com/sesame-sustainability/sesame-academic", supports: "1.928 t alumina per t aluminium (global, 2015 data)" },
  { id: "S30", title: "Speira: recycled content definition (ISO 14021 quoted)", url: "https://learn.speira.com/recycling/our-definition", supports: "pre-/post-consumer definitions; same-process exclusion" },
  { id: "S33", title: "ISO 14021 §7.8 recycled content (summary)", url: "https://www.complydirect.com/plastic-packaging-tax-services/recycled-content-validation-iso-14021/", supports: "recycled content = proportion by mass; only pre- and post-consumer count" },
  { id: "S35", title: "Hydro: transparency on the footprint of aluminium products", url: "https://www.shapesbyhydro.com/en/material-properties/how-to-ensure-full-transparency-regarding-the-footprint-of-aluminium-products/", supports: "cut-off vs allocation for pre-consumer scrap" },
  { id: "S36", title: "IAI Guidelines on Transparency: aluminium scrap (2022)", url: "https://international-aluminium.org/resource/public-review-guidelines-on-transparency-aluminium-scrap/", supports: "disclose the scrap approach" },
  { id: "S41", title: "ISO 22095 chain-of-custody models", url: "https://www.skybearstandards.com/documents/iso-22095-22026-chain-of-custody-part-2-requirements-and-guidelines-for-mass-balance/", supports: "identity preserved, segregated, controlled blending, mass balance, book and claim" },
  { id: "S48", title: "WBCSD PACT Technical Specification v3 (data-exchange-protocol spec/v3)", url: "https://github.com/wbcsd/data-exchange-protocol", supports: "ProductFootprint fields; decimals as strings; DataModelExtension" },
  { id: "S50", title: "RMI aluminium guidance (PACT extension)", url: "https://github.com/RMI/aluminum-guidance", supports: "scrapBasedShare, cut-off vs allocation footprints" },
  { id: "S55", title: "ISO 14067 (carbon footprint of products)", url: "https://www.scribd.com/document/526518500/ISO-14067-2018-E", supports: "fossil and biogenic reported separately" },
  { id: "S56", title: "CBAM communication template field guides", url: "https://learn.carbonchain.io/en/articles/8943934-preparing-your-cbam-data-for-unwrought-aluminium", supports: "aluminium CBAM parameters and template sheets" },
  { id: "S57", title: "CBAM template version history reproduction", url: "https://345wk.com/doc/20832.html", supports: "scrap per t aluminium may exceed 100 %" },
  { id: "S65", title: "Chinese cost explainer (secondary)", url: "REFERENCE §1.3", supports: "1.93–1.98 t alumina per t Al at most Chinese smelters" },
];

export function findSource(id: string): SourceEntry | undefined {
  return SOURCES.find((s) => s.id === id);
}
