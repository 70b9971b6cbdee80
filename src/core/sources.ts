/**
 * The published sources AluTrace's methods and defaults rest on, and those the sample workbooks'
 * figures are chosen from (examples/README.md), for the report's sources tab, the exports and
 * docs/SOURCES.md (generated: npm run docs). Only sources the code or the sample workbooks use; the
 * report's sources tab lists only those its figures rest on.
 */
export interface SourceEntry {
  id: string;
  title: string;
  url: string;
  supports: string;
}

export const SOURCES: readonly SourceEntry[] = [
  { id: "S1", title: "IAI: Sustainable Bauxite Residue Management Guidance release", url: "https://international-aluminium.org/iai-releases-updated-sustainable-bauxite-residue-management-guidance/", supports: "~1.2 t bauxite residue per t alumina (default red mud ratio)" },
  { id: "S3", title: "IAI Bauxite Residue Roadmap (2020)", url: "https://international-aluminium.org/news-recycling/", supports: "~160 Mt residue a year, 7–8 Bt inventory by 2040; cement and concrete pathways (Portland cement clinker raw material, SCM in blended cement)" },
  { id: "S4", title: "LME Insight: The neglected areas of aluminium sustainability — bauxite residue", url: "https://www.lme.com/en/Education/Online-resources/LME-Insight/The-neglected-areas-of-aluminium-sustainability-mitigating-bauxite-residue", supports: "0.3–2.5 t residue per t alumina (plausibility range)" },
  { id: "S5", title: "Power, Gräfe, Klauber: Bauxite residue issues I — current management, disposal and storage practices (Hydrometallurgy 108 (2011) 33–45)", url: "https://www.scribd.com/document/714396618/Bauxite-residue-issues-I-Current-management-disposal-and-storage-practices", supports: "2.7 Bt inventory (2007), +120 Mt/yr; trend from lagoons to dry stacking since 1980" },
  { id: "S6", title: "Aluminium International Today, March/April 2016", url: "https://issuu.com/quartzmetals/docs/ait_march_april_2016_893ce67c0d6dd9/22", supports: "historic sea/river discharge (sea discharge ended end-2015); filter presses; carbonation/seawater neutralisation" },
  { id: "S8", title: "SMM news, 26 Jun 2024", url: "https://news.metal.com/newscontent/102820818/", supports: "China: 1.0–1.8 t red mud per t alumina" },
  { id: "S9", title: "Minerals 2020, 10, 773 (review of red mud utilisation in China)", url: "https://0-doi-org.brum.beds.ac.uk/10.3390/min10090773", supports: "China average red mud utilisation rate \"only 4%\" (2020 review)" },
  { id: "S10", title: "《赤泥综合利用行动方案》工信部联节〔2024〕225号", url: "https://sn.ccmn.cn/news/ZX018/202501/432bb3c1aa7a45eb9822c6d6636bd2ee.html", supports: "utilisation of newly generated red mud ≥15 % by 2027, ≥25 % by 2030" },
  { id: "S11", title: "《铝产业高质量发展实施方案(2025—2027年)》", url: "https://app.xinhuanet.com/news/article.html?articleId=57265f66a913d1955b1ae3f2f2a469e0", supports: "新增赤泥利用率 ≥15 % by 2027; 2024 Chinese output figures" },
  { id: "S16", title: "NBS definitions of industrial solid waste utilisation (secondary source)", url: "https://www.togowu.cn/article/wtcraz", supports: "utilisation rate including legacy stock; generation balance identity" },
  { id: "S19", title: "MIIT + MOST 《关于赤泥综合利用的指导意见》 (c.2010)", url: "http://www.airlesstools.com/2018-11-20-the-two-ministries-have-joined-342.html", supports: "0.8–1.5 t red mud per t alumina; ~30 Mt red mud in 2009; utilisation 4 %; 200 Mt stock" },
  { id: "S21", title: "ASI: Recycled content and the ASI Standards — laying out ASI's approach (27 Jul 2023)", url: "https://aluminium-stewardship.org/recycled-content-and-the-asi-standards-laying-out-asis-approach", supports: "no standardised recycled-content method; CoC criterion 9.3 optional recycled-content value with method disclosure; mass balance of ASI Aluminium" },
  { id: "S22", title: "Alcoa: impoundment management and bauxite residue management", url: "https://www.alcoa.com/sustainability/en/improving-our-footprint/impoundment-management", supports: "residue land storage per t alumina −15 % by 2030 vs 2015; filtration; sand/fines split; residue used in road construction, cement, soil amelioration" },
  { id: "S25", title: "European Aluminium Environmental Profile Report 2018 LCI (compiled in sesame-academic bayer_hall_heroult.csv)", url: "https://github.com/sesame-sustainability/sesame-academic", supports: "1.928 t alumina per t aluminium (global, 2015 data)" },
  { id: "S27", title: "IAI: Aluminium carbon footprint FAQs", url: "https://international-aluminium.org/landing/aluminium-carbon-footprint-faqs", supports: "primary aluminium cradle to gate 4.5–22 t CO2e/t (plausibility range, V18)" },
  { id: "S30", title: "Speira: recycled content definition (ISO 14021 quoted)", url: "https://learn.speira.com/recycling/our-definition", supports: "pre-/post-consumer definitions; same-process exclusion" },
  { id: "S32", title: "ISO 14021 pre-consumer exclusion text (quoted)", url: "https://th4.ilovetranslation.com/U4OzBFholDB=d", supports: "pre-consumer material excludes rework, regrind or scrap reclaimable within the same process that generated it" },
  { id: "S33", title: "ISO 14021 §7.8 recycled content (summary)", url: "https://www.complydirect.com/plastic-packaging-tax-services/recycled-content-validation-iso-14021/", supports: "recycled content = proportion by mass; only pre- and post-consumer count" },
  { id: "S34", title: "Melanie Williams Consulting: recycled content, a key sustainability metric", url: "https://melaniewilliamsconsulting.com/news/recycled_content_key_sustainability_metric/", supports: "current consensus on scrap counting (scrap bought from another company counts as pre-consumer); ASI position" },
  { id: "S35", title: "Hydro: transparency on the footprint of aluminium products", url: "https://www.shapesbyhydro.com/en/material-properties/how-to-ensure-full-transparency-regarding-the-footprint-of-aluminium-products/", supports: "cut-off vs allocation for pre-consumer scrap" },
  { id: "S36", title: "IAI Guidelines on Transparency: aluminium scrap (2022)", url: "https://international-aluminium.org/resource/public-review-guidelines-on-transparency-aluminium-scrap/", supports: "disclose the scrap approach" },
  { id: "S38", title: "Fraunhofer publica: regional recycling indicators for aluminium", url: "https://publica.fraunhofer.de/handle/publica/250375", supports: "regional indicators: recycled content China 18 %, USA 40 %, Austria 73 %, global 31 % (RIR/RC)" },
  { id: "S39", title: "European Aluminium: recycling action plan (recycled share of EU supply)", url: "http://ec2-54-156-51-66.compute-1.amazonaws.com/european-aluminium-rolls-out-a-recycling-plan/", supports: "36 % of EU aluminium supply recycled (20 % post-, 16 % pre-consumer): a plausibility reference" },
  { id: "S41", title: "ISO 22095 chain-of-custody models", url: "https://www.skybearstandards.com/documents/iso-22095-22026-chain-of-custody-part-2-requirements-and-guidelines-for-mass-balance/", supports: "identity preserved, segregated, controlled blending, mass balance, book and claim" },
  { id: "S48", title: "WBCSD PACT Technical Specification v3 (data-exchange-protocol spec/v3)", url: "https://github.com/wbcsd/data-exchange-protocol", supports: "ProductFootprint fields; decimals as strings; DataModelExtension" },
  { id: "S50", title: "RMI aluminium guidance (PACT extension)", url: "https://github.com/RMI/aluminum-guidance", supports: "scrapBasedShare, cut-off vs allocation footprints" },
  { id: "S55", title: "ISO 14067 (carbon footprint of products)", url: "https://www.scribd.com/document/526518500/ISO-14067-2018-E", supports: "fossil and biogenic reported separately" },
  { id: "S56", title: "CBAM communication template field guides", url: "https://learn.carbonchain.io/en/articles/8943934-preparing-your-cbam-data-for-unwrought-aluminium", supports: "aluminium CBAM parameters and template sheets" },
  { id: "S57", title: "CBAM template version history reproduction", url: "https://345wk.com/doc/20832.html", supports: "scrap per t aluminium may exceed 100 %" },
  { id: "S58", title: "Forward Earth: data checklist for unwrought aluminium (CBAM)", url: "https://help.forward-earth.com/en/articles/239839-data-checklist-for-unwrought-aluminium", supports: "scrap tonnes and the share of pre-consumer scrap; non-aluminium content" },
  { id: "S62", title: "Argus: EU lowers CBAM benchmarks for aluminium (draft benchmarks)", url: "https://www.argusmedia.com/ja/news-and-insights/latest-market-news/2764083-eu-lowers-cbam-benchmarks-for-aluminium", supports: "separate CBAM benchmarks for primary and secondary aluminium (the report's indicative route)" },
  { id: "S65", title: "Chinese cost explainer (secondary)", url: "https://www.sys-monitoring.com/zh/cost_184298", supports: "1.93–1.98 t alumina per t Al at most Chinese smelters" },
];

export function findSource(id: string): SourceEntry | undefined {
  return SOURCES.find((s) => s.id === id);
}

/** docs/SOURCES.md: the register as a table (written by `npm run docs`, checked by a test). */
export function sourcesMarkdown(): string {
  const cell = (t: string) => t.replace(/\|/g, "\\|");
  return [
    "# Sources",
    "",
    "Generated from `src/core/sources.ts` by `npm run docs`; do not edit by hand. These are the published sources",
    "AluTrace's formulas, defaults and rules rest on, and those the sample workbooks' figures are chosen from;",
    "docs/METHOD.md, examples/README.md and the report cite them by ID, and the report's `R8_Sources` tab lists",
    "those a report used.",
    "",
    "| id | source | supports | link |",
    "|---|---|---|---|",
    ...SOURCES.map((s) => `| ${s.id} | ${cell(s.title)} | ${cell(s.supports)} | ${s.url} |`),
  ].join("\n");
}
