// Task pane strings, English and Simplified Chinese. Both tables must have the same keys
// (enforced by the `Strings` type), so a missing translation is a type error.

export type Language = "en" | "zh-CN";

export const LANGUAGES: readonly Language[] = ["en", "zh-CN"];

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "zh-CN": "中文" };

const en = {
  appTitle: "AluTrace",
  appSubtitle: "Red mud and recycled-content data for aluminium supply chains",
  languageGroup: "Language",
  connecting: "Connecting to Excel…",
  outsideOfficeTitle: "Not running in Excel",
  outsideOffice: "Open this page from Excel to work on a workbook; outside Excel nothing is read or sent.",
  noOfficeTitle: "Office.js did not load",
  noOffice:
    "AluTrace cannot talk to Excel because Office.js did not load. Reload the add-in; if this persists, check that appsforoffice.microsoft.com is reachable. Outside Excel nothing is read or sent.",
  otherHostTitle: "Excel only",
  otherHost: "AluTrace works in Excel; this host ({host}) is not supported.",
  excelReadyTitle: "Connected to Excel",
  excelReady: "Workbook actions arrive in the next version of the pane.",
  actionsHeading: "Workbook",
  insertTemplate: "Insert template",
  insertTemplateHint: "Add the bilingual supplier template sheets to this workbook.",
  validate: "Validate",
  validateHint: "Check the supplier sheets and point at each cell to fix.",
  exportReport: "Export report",
  exportReportHint: "Write the red mud and recycled-content report tabs.",
  unavailableOutside: "Available when AluTrace is opened from Excel.",
  unavailableConnecting: "Waiting for Excel…",
  unavailableOtherHost: "Available in Excel only.",
  unavailableNotYet: "Not available in this version yet.",
  busy: "Working…",
  done: "Done",
  errorTitle: "Something went wrong",
  dismiss: "Dismiss",
  issuesFound: "{count} issue(s) found.",
  noIssues: "No issues found.",
  privacy: "Local only: your data stays in the workbook. AluTrace sends nothing and collects no telemetry.",
  aboutShow: "About AluTrace",
  aboutHide: "Hide details",
  aboutLoading: "Loading…",
  aboutFunctions: "Worksheet functions: type =ALU. in a cell to list them (red mud ratio and intensity, recycled share, unit conversion, …).",
  aboutMethod: "Every report lists the methods and default values it used, with their sources.",
  aboutBuild: "Version {version}, built {time} (office.js: {officeJs}).",
  aboutBuildUnknown: "Development build.",
};

export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;

const zhCN: Strings = {
  appTitle: "AluTrace",
  appSubtitle: "铝供应链的赤泥与再生铝含量数据",
  languageGroup: "语言",
  connecting: "正在连接 Excel…",
  outsideOfficeTitle: "未在 Excel 中运行",
  outsideOffice: "请从 Excel 中打开此页面以处理工作簿；在 Excel 之外不会读取或发送任何内容。",
  noOfficeTitle: "Office.js 未能加载",
  noOffice:
    "Office.js 未能加载，AluTrace 无法与 Excel 通信。请重新加载加载项；如仍有问题，请检查能否访问 appsforoffice.microsoft.com。在 Excel 之外不会读取或发送任何内容。",
  otherHostTitle: "仅支持 Excel",
  otherHost: "AluTrace 适用于 Excel；不支持当前宿主（{host}）。",
  excelReadyTitle: "已连接 Excel",
  excelReady: "工作簿操作将在下一版任务窗格中提供。",
  actionsHeading: "工作簿",
  insertTemplate: "插入模板",
  insertTemplateHint: "在此工作簿中添加中英双语供应商模板工作表。",
  validate: "校验",
  validateHint: "检查供应商工作表，并指出需要修改的每个单元格。",
  exportReport: "导出报告",
  exportReportHint: "写入赤泥和再生铝含量报告工作表。",
  unavailableOutside: "从 Excel 中打开 AluTrace 后可用。",
  unavailableConnecting: "正在等待 Excel…",
  unavailableOtherHost: "仅在 Excel 中可用。",
  unavailableNotYet: "此版本暂不可用。",
  busy: "处理中…",
  done: "完成",
  errorTitle: "出现问题",
  dismiss: "关闭",
  issuesFound: "发现 {count} 个问题。",
  noIssues: "未发现问题。",
  privacy: "仅在本地运行：数据保留在工作簿中。AluTrace 不发送任何内容，也不收集遥测信息。",
  aboutShow: "关于 AluTrace",
  aboutHide: "隐藏详情",
  aboutLoading: "正在加载…",
  aboutFunctions: "工作表函数：在单元格中输入 =ALU. 查看全部函数（赤泥比率与强度、再生铝份额、单位换算等）。",
  aboutMethod: "每份报告都会列出所用的计算方法和默认值及其来源。",
  aboutBuild: "版本 {version}，构建于 {time}（office.js：{officeJs}）。",
  aboutBuildUnknown: "开发版本。",
};

export const STRINGS: Record<Language, Strings> = { en, "zh-CN": zhCN };

/** Maps a BCP 47 tag (Office display language or navigator.language) to a pane language. */
export function pickLanguage(tag: string | null | undefined): Language {
  // Any Chinese variant gets the Simplified table: closer than English for zh-TW/zh-HK readers.
  return typeof tag === "string" && /^zh(\b|[-_])/i.test(tag.trim()) ? "zh-CN" : "en";
}

/** Fills {name} placeholders. Unknown placeholders stay visible, so a mistake is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole,
  );
}
